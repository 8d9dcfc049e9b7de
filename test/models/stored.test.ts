/**
 * Fitted models stored as JSON are read back exactly, and only when the fitting functions could
 * have produced them: each rejection names the JSON path of the offending value.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  conditionalExpectedPurchases,
  fitBgNbd,
  fittedModelFromJSON,
  MODEL_FORMAT,
  probabilityAlive,
} from '../../src/index.js';
import { expectError } from '../support/errors.js';

/** A model saved by scripts/model-fixtures.ts (fitted to the CDNOW calibration summary). */
const saved = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/models/${name}-v1.json`, import.meta.url), 'utf8'));

/** Published estimates for the CDNOW calibration data, to three decimals. */
const PUBLISHED: Record<string, Record<string, number>> = {
  // Fader, Hardie & Lee (2005), "Counting your customers the easy way", Marketing Science 24(2).
  'bg-nbd': { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  // Fader & Hardie (2005), note 009 on the Pareto/NBD likelihood, CDNOW estimates.
  'pareto-nbd': { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 },
  // Hardie's note "The Gamma-Gamma Model of Monetary Value" (946 CDNOW repeat buyers).
  'gamma-gamma': { p: 6.25, q: 3.74, gamma: 15.44 },
};

describe('models saved as JSON (format version 1)', () => {
  for (const name of ['bg-nbd', 'mbg-nbd', 'pareto-nbd', 'gamma-gamma']) {
    it(`${name}: read back exactly, saved before models had warnings (none added)`, () => {
      const json = saved(name);
      expect(json.format).toBe(MODEL_FORMAT);
      expect(json.version).toBe(1);
      expect(Object.hasOwn(json, 'warnings')).toBe(false);
      const model = fittedModelFromJSON(json);
      expect(model).toStrictEqual({ ...json, warnings: [] });
      const published = PUBLISHED[name];
      for (const [param, value] of Object.entries(published ?? {})) {
        const digits = value.toString().split('.')[1]?.length ?? 0;
        expect((model.params as unknown as Record<string, number>)[param]).toBeCloseTo(
          value,
          digits - 1,
        );
      }
    });
  }

  it('a read-back model predicts like the saved one', () => {
    const model = fittedModelFromJSON(saved('bg-nbd'));
    if (model.model !== 'bg-nbd') throw new Error('expected a BG/NBD model');
    // Fader, Hardie & Lee (2005), p. 279: a customer with x = 2, t_x = 30.43, T = 38.86 weeks
    // is expected to make 1.226 purchases in the next 39 weeks.
    const customer = { frequency: 2, recency: 30.43, T: 38.86 };
    expect(conditionalExpectedPurchases(model, customer, 39)).toBeCloseTo(1.226, 3);
    expect(probabilityAlive(model, customer)).toBeGreaterThan(0.5);
  });
});

describe('models saved with warnings', () => {
  // Two customers who both bought at rate 0.2 and were still buying at T: the fit runs off to
  // the Poisson limit without dropout (test/models/identification.test.ts).
  const two = [
    { frequency: 2, recency: 10, T: 10 },
    { frequency: 4, recency: 20, T: 20 },
  ];

  it('a saved model keeps its warnings and predicts as the fit does', () => {
    const json = saved('bg-nbd-two-customers');
    const model = fittedModelFromJSON(json);
    expect(model).toStrictEqual(json);
    const codes = model.warnings.map((w) => w.code);
    expect(codes).toContain('TOO_FEW_CUSTOMERS');
    expect(codes).toContain('TOO_FEW_DISTINCT_ROWS');
    expect(model.warnings.find((w) => w.code === 'TOO_FEW_CUSTOMERS')?.message).toBe(
      '2 customers for 4 parameters, under 40',
    );
    if (model.model !== 'bg-nbd') throw new Error('expected a BG/NBD model');
    // The limit the fit runs towards: every customer buys at 0.2 per week and never drops out,
    // so 10 more weeks bring 2 purchases (E[Y(t)] = λ t) and P(alive) is 1.
    expect(
      conditionalExpectedPurchases(model, { frequency: 2, recency: 10, T: 10 }, 10),
    ).toBeCloseTo(2, 4);
    expect(probabilityAlive(model, { frequency: 2, recency: 10, T: 10 })).toBeCloseTo(1, 6);
  });

  it('a fresh fit survives its JSON round trip, warnings included', () => {
    const fit = fitBgNbd(two, { unit: 'week' });
    expect(fit.warnings.length).toBeGreaterThan(0);
    const back = fittedModelFromJSON(JSON.parse(JSON.stringify(fit)));
    expect(back).toStrictEqual(fit);
    if (back.model !== 'bg-nbd') throw new Error('expected a BG/NBD model');
    const customer = { frequency: 3, recency: 12, T: 20 };
    expect(conditionalExpectedPurchases(back, customer, 5)).toBe(
      conditionalExpectedPurchases(fit, customer, 5),
    );
  });

  it('rejects an unknown warning code, a parameter of another kind and a message not a string', () => {
    const json = saved('bg-nbd-two-customers');
    const code = structuredClone(json);
    code.warnings[0].code = 'SOMETHING_ELSE';
    expectError(() => fittedModelFromJSON(code), 'INVALID_INPUT', 'warnings[0].code');
    const parameter = structuredClone(json);
    parameter.warnings[0].parameter = 's';
    expectError(() => fittedModelFromJSON(parameter), 'INVALID_INPUT', 'warnings[0].parameter');
    const message = structuredClone(json);
    message.warnings[1].message = 7;
    expectError(() => fittedModelFromJSON(message), 'INVALID_INPUT', 'warnings[1].message');
    expectError(
      () => fittedModelFromJSON({ ...json, warnings: null }),
      'INVALID_INPUT',
      'warnings',
    );
  });
});

describe('fittedModelFromJSON: consistency', () => {
  const bg = () => saved('bg-nbd');

  it('rejects a version it does not read, saying which it reads', () => {
    for (const version of [2, 0, 1.5]) {
      const error = expectError(
        () => fittedModelFromJSON({ ...bg(), version }),
        'INVALID_INPUT',
        'version',
      );
      expect(error.message).toContain(
        `version is ${version}, a model format version this library does not read; it reads version 1 (format 'retention-metrics/model')`,
      );
    }
    expectError(() => fittedModelFromJSON({ ...bg(), version: '1' }), 'INVALID_INPUT', 'version');
    expectError(() => fittedModelFromJSON({ ...bg(), format: 'x' }), 'INVALID_INPUT', 'format');
  });

  it('rejects an unknown model and unknown fields', () => {
    const error = expectError(
      () => fittedModelFromJSON({ ...bg(), model: 'sbg' }),
      'INVALID_INPUT',
      'model',
    );
    expect(error.message).toContain("'bg-nbd', 'mbg-nbd', 'pareto-nbd', 'gamma-gamma'");
    expectError(() => fittedModelFromJSON({ ...bg(), extra: 1 }), 'INVALID_INPUT', '');
    const params = bg();
    params.params.s = 1;
    expectError(() => fittedModelFromJSON(params), 'INVALID_INPUT', 'params');
  });

  it('rejects parameters and numbers outside their domains, non-finite ones included', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const json = bg();
      json.params.alpha = bad;
      expectError(() => fittedModelFromJSON(json), 'INVALID_INPUT', 'params.alpha');
    }
    for (const [field, bad] of [
      ['logLikelihood', Number.NEGATIVE_INFINITY],
      ['customers', 0],
      ['distinctRows', 1.5],
      ['iterations', -1],
      ['gradientNorm', Number.NaN],
      ['penalty', -0.1],
      ['aic', Number.POSITIVE_INFINITY],
    ] as const) {
      expectError(() => fittedModelFromJSON({ ...bg(), [field]: bad }), 'INVALID_INPUT', field);
    }
  });

  it('rejects a covariance of the wrong size, asymmetric or with a negative variance', () => {
    const size = bg();
    size.covariance.pop();
    expectError(() => fittedModelFromJSON(size), 'INVALID_INPUT', 'covariance');
    const row = bg();
    row.covariance[1].pop();
    expectError(() => fittedModelFromJSON(row), 'INVALID_INPUT', 'covariance[1]');
    const asymmetric = bg();
    asymmetric.covariance[3][0] *= 2;
    const error = expectError(
      () => fittedModelFromJSON(asymmetric),
      'INVALID_INPUT',
      'covariance[3][0]',
    );
    expect(error.message).toContain('it must be symmetric');
    const negative = bg();
    negative.covariance[2][2] = -negative.covariance[2][2];
    const variance = expectError(
      () => fittedModelFromJSON(negative),
      'INVALID_INPUT',
      'covariance[2][2]',
    );
    expect(variance.message).toContain('a negative variance');
  });

  it('rejects standard errors that are not the roots of the variances, or one without the other', () => {
    const se = bg();
    se.standardErrors.b *= 1.01;
    const error = expectError(() => fittedModelFromJSON(se), 'INVALID_INPUT', 'standardErrors.b');
    expect(error.message).toContain('but the square root of covariance[3][3] is');
    expectError(
      () => fittedModelFromJSON({ ...bg(), covariance: null }),
      'INVALID_INPUT',
      'covariance',
    );
    expectError(
      () => fittedModelFromJSON({ ...bg(), standardErrors: null }),
      'INVALID_INPUT',
      'covariance',
    );
    // Both null: a fit whose Hessian was not positive definite.
    const both = fittedModelFromJSON({ ...bg(), covariance: null, standardErrors: null });
    expect(both.covariance).toBeNull();
  });

  it('rejects an AIC or BIC that does not follow from the log-likelihood', () => {
    const json = bg();
    // BG/NBD on CDNOW: LL = −9582.43 (Fader, Hardie & Lee 2005); AIC = 2 × 4 − 2 LL.
    expect(json.logLikelihood).toBeCloseTo(-9582.43, 2);
    expect(json.aic).toBeCloseTo(8 + 2 * 9582.43, 1);
    expectError(() => fittedModelFromJSON({ ...json, aic: json.aic + 1 }), 'INVALID_INPUT', 'aic');
    expectError(() => fittedModelFromJSON({ ...json, bic: json.bic - 1 }), 'INVALID_INPUT', 'bic');
    // The log-likelihood changed alone: AIC and BIC no longer follow.
    const ll = expectError(
      () => fittedModelFromJSON({ ...json, logLikelihood: json.logLikelihood + 10 }),
      'INVALID_INPUT',
      'aic',
    );
    expect(ll.message).toContain('(and 1 more issue)');
  });
});
