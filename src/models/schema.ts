/**
 * The zod schema of fitted models and the reader of a model stored as JSON: the format tag and
 * version are checked, so a model written by another version or by hand is rejected with a
 * message naming the field.
 *
 * @module
 */
import * as z from 'zod';
import { parseInput } from '../core/errors.js';
import { addIssue } from '../core/schemas.js';
import { type FittedModel, MODEL_FORMAT, MODEL_FORMAT_VERSION } from './model.js';

const positive = z.number().positive().finite();
const finite = z.number().finite();
const unitSchema = z.union([z.enum(['day', 'week', 'month']), positive]);

function paramsSchema(names: readonly string[]) {
  return z.strictObject(Object.fromEntries(names.map((n) => [n, positive])));
}

function modelSchema<K extends string>(kind: K, names: readonly string[], purchase: boolean) {
  const standardErrors = z
    .strictObject(Object.fromEntries(names.map((n) => [n, z.number().nonnegative().finite()])))
    .nullable();
  return z
    .strictObject({
      model: z.literal(kind),
      format: z.literal(MODEL_FORMAT),
      version: z.literal(MODEL_FORMAT_VERSION),
      ...(purchase
        ? { unit: unitSchema }
        : { skippedCustomers: z.number().nonnegative().finite() }),
      params: paramsSchema(names),
      logLikelihood: finite,
      customers: positive,
      distinctRows: z.number().int().positive(),
      converged: z.boolean(),
      iterations: z.number().int().nonnegative(),
      gradientNorm: z.number().nonnegative().finite(),
      standardErrors,
      covariance: z.array(z.array(finite).length(names.length)).length(names.length).nullable(),
      aic: finite,
      bic: finite,
      penalty: z.number().nonnegative().finite(),
    })
    .superRefine((m, ctx) => {
      const cov = m.covariance as number[][] | null;
      if (cov === null) return;
      for (let i = 0; i < names.length; i++) {
        for (let j = 0; j < i; j++) {
          if (cov[i]?.[j] !== cov[j]?.[i]) {
            addIssue(ctx, 'must be symmetric', ['covariance', i, j]);
            return;
          }
        }
      }
    });
}

/**
 * The schema of a fitted model's JSON (any of the four kinds), with the format tag
 * {@link MODEL_FORMAT} and version {@link MODEL_FORMAT_VERSION}.
 *
 * @category Schemas
 */
export const fittedModelSchema = z.discriminatedUnion('model', [
  modelSchema('bg-nbd', ['r', 'alpha', 'a', 'b'], true),
  modelSchema('mbg-nbd', ['r', 'alpha', 'a', 'b'], true),
  modelSchema('pareto-nbd', ['r', 'alpha', 's', 'beta'], true),
  modelSchema('gamma-gamma', ['p', 'q', 'gamma'], false),
]);

/**
 * Reads a fitted model back from its JSON (`JSON.parse(JSON.stringify(model))`), validated
 * against {@link fittedModelSchema}.
 *
 * @param json - The parsed JSON of a fitted model.
 * @returns The model, ready for the prediction functions.
 * @throws {RetentionMetricsError} INVALID_INPUT naming the first bad field (a wrong `format` or
 *   `version`, a missing or non-positive parameter, an asymmetric covariance …).
 *
 * @example
 * ```ts
 * import { fitBgNbd, fittedModelFromJSON, probabilityAlive } from 'retention-metrics';
 * const model = fitBgNbd([
 *   { frequency: 0, recency: 0, T: 38, weight: 30 },
 *   { frequency: 1, recency: 20, T: 38, weight: 8 },
 *   { frequency: 3, recency: 35, T: 38, weight: 6 },
 *   { frequency: 2, recency: 5, T: 38, weight: 6 },
 *   { frequency: 5, recency: 30, T: 30, weight: 3 },
 *   { frequency: 1, recency: 2, T: 30, weight: 9 },
 * ], { unit: 'week' });
 * const stored = JSON.stringify(model);
 * const restored = fittedModelFromJSON(JSON.parse(stored));
 * const customer = { frequency: 2, recency: 20, T: 38 };
 * probabilityAlive(restored, customer) === probabilityAlive(model, customer); // => true
 * fittedModelFromJSON({ ...JSON.parse(stored), version: 2 }); // => throws INVALID_INPUT
 * ```
 * @category Models
 */
export function fittedModelFromJSON(json: unknown): FittedModel {
  return parseInput(
    'fittedModelFromJSON',
    fittedModelSchema,
    json,
    'json',
  ) as unknown as FittedModel;
}
