import { describe, expect, it } from 'vitest';
import {
  fitBgNbd,
  fitGammaGamma,
  fitModifiedBgNbd,
  fitParetoNbd,
  fittedModelFromJSON,
  fittedModelSchema,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  probabilityAlive,
} from '../../src/index.js';
import { toJsonSchema } from '../../src/json-schema.js';
import { expectError } from '../support/errors.js';
import { cdnowRows } from './cdnow.js';

const rows = cdnowRows().slice(0, 600);

describe('fitted models as JSON', () => {
  const models = [
    fitBgNbd(rows, { unit: 'week' }),
    fitModifiedBgNbd(rows, { unit: 'week' }),
    fitParetoNbd(rows, { unit: 'week' }),
    fitGammaGamma(rows),
  ];

  it('round-trip through JSON unchanged and validated', () => {
    for (const model of models) {
      const back = fittedModelFromJSON(JSON.parse(JSON.stringify(model)));
      expect(back).toEqual(model);
      expect(back.format).toBe(MODEL_FORMAT);
      expect(back.version).toBe(MODEL_FORMAT_VERSION);
    }
    const bg = fittedModelFromJSON(JSON.parse(JSON.stringify(models[0])));
    const customer = { frequency: 3, recency: 20, T: 38 };
    if (bg.model !== 'gamma-gamma') {
      expect(probabilityAlive(bg, customer)).toBe(
        probabilityAlive(models[0] as typeof bg, customer),
      );
    }
  });

  it('rejects another version, a bad parameter, an asymmetric covariance, an unknown kind', () => {
    const json = JSON.parse(JSON.stringify(models[0]));
    expectError(() => fittedModelFromJSON({ ...json, version: 2 }), 'INVALID_INPUT', 'version');
    expectError(
      () => fittedModelFromJSON({ ...json, params: { ...json.params, a: -1 } }),
      'INVALID_INPUT',
      'params.a',
    );
    const cov = json.covariance.map((row: number[]) => [...row]);
    cov[2][1] += 1;
    expectError(
      () => fittedModelFromJSON({ ...json, covariance: cov }),
      'INVALID_INPUT',
      'covariance[2][1]',
    );
    expectError(() => fittedModelFromJSON({ ...json, model: 'sbg' }), 'INVALID_INPUT', 'model');
    expectError(() => fittedModelFromJSON({ ...json, unit: 'fortnight' }), 'INVALID_INPUT', 'unit');
  });

  it('has a JSON Schema', () => {
    const schema = toJsonSchema(fittedModelSchema);
    expect(JSON.stringify(schema)).toContain('pareto-nbd');
  });
});
