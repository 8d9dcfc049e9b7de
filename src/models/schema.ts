/**
 * The zod schema of fitted models and the reader of a model stored as JSON: the format tag and
 * version are checked, so a model written by another version or by hand is rejected with a
 * message naming the field.
 *
 * @module
 */
import * as z from 'zod/mini';
import { parseInput } from '../core/errors.js';
import { addIssue, strictObject } from '../core/schemas.js';
import { checkFitConsistency, type StoredFit } from './consistency.js';
import {
  FIT_WARNING_CODES,
  type FittedModel,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
} from './model.js';

const positive = z.number().check(z.positive());
const finite = z.number();
const unitSchema = z.union([z.enum(['day', 'week', 'month']), positive]);

function paramsSchema(names: readonly string[]) {
  return strictObject(Object.fromEntries(names.map((n) => [n, positive])));
}

function modelSchema<K extends string>(kind: K, names: readonly string[], purchase: boolean) {
  const standardErrors = z.nullable(
    strictObject(Object.fromEntries(names.map((n) => [n, z.number().check(z.nonnegative())]))),
  );
  return strictObject({
    model: z.literal(kind),
    format: z.literal(MODEL_FORMAT),
    version: z.literal(MODEL_FORMAT_VERSION),
    ...(purchase ? { unit: unitSchema } : { skippedCustomers: z.number().check(z.nonnegative()) }),
    params: paramsSchema(names),
    logLikelihood: finite,
    customers: positive,
    distinctRows: z.number().check(z.int(), z.positive()),
    converged: z.boolean(),
    iterations: z.number().check(z.int(), z.nonnegative()),
    gradientNorm: z.number().check(z.nonnegative()),
    standardErrors,
    covariance: z.nullable(
      z.array(z.array(finite).check(z.length(names.length))).check(z.length(names.length)),
    ),
    aic: finite,
    bic: finite,
    penalty: z.number().check(z.nonnegative()),
    // Added within version 1: a model stored without it reads back with no warnings.
    warnings: z.optional(
      z.array(
        strictObject({
          code: z.enum(FIT_WARNING_CODES),
          parameter: z.optional(z.enum(names)),
          message: z.string(),
        }),
      ),
    ),
  }).check(
    z.superRefine((m, ctx) => {
      checkFitConsistency(m as StoredFit, names, (message, path) => addIssue(ctx, message, path));
    }),
  );
}

/**
 * Reports a stored model's version when it is a number this library does not read, before the
 * shape is checked, so that the message says which versions it reads.
 */
const versionCheck = z.transform((value: unknown, ctx) => {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, 'version')) return value;
  const version = (value as { version?: unknown }).version;
  if (typeof version === 'number' && version !== MODEL_FORMAT_VERSION) {
    ctx.issues.push({
      code: 'custom',
      message: `is ${version}, a model format version this library does not read; it reads version ${MODEL_FORMAT_VERSION} (format '${MODEL_FORMAT}')${Number.isInteger(version) && version > MODEL_FORMAT_VERSION ? ', a newer library wrote it' : ''}`,
      path: ['version'],
      input: value,
      params: { code: 'INVALID_INPUT' },
    });
  }
  return value;
});

/**
 * The schema of a fitted model's JSON (any of the four kinds), with the format tag
 * {@link MODEL_FORMAT} and version {@link MODEL_FORMAT_VERSION} (the only version so far; another
 * version is rejected with a message saying which one is read). Besides the shape (strict
 * objects, the kind's parameter names, parameters positive and finite, every number finite,
 * counts whole) it checks what the fitting functions guarantee: the covariance is k × k for the
 * kind's k parameters, symmetric, with a non-negative diagonal; the standard errors are the square
 * roots of its diagonal, and the two are `null` together; `aic = 2k − 2 logLikelihood` and
 * `bic = k ln(customers) − 2 logLikelihood` (to 1e-12 relative); `warnings` (optional, `[]` when
 * absent, as in models stored before it existed) lists known codes, each naming one of the kind's
 * parameters or none, with a message.
 *
 * @category Schemas
 */
export const fittedModelSchema = z.pipe(
  versionCheck,
  z.discriminatedUnion('model', [
    modelSchema('bg-nbd', ['r', 'alpha', 'a', 'b'], true),
    modelSchema('mbg-nbd', ['r', 'alpha', 'a', 'b'], true),
    modelSchema('pareto-nbd', ['r', 'alpha', 's', 'beta'], true),
    modelSchema('gamma-gamma', ['p', 'q', 'gamma'], false),
  ]),
);

/**
 * Reads a fitted model back from its JSON (`JSON.parse(JSON.stringify(model))`), validated
 * against {@link fittedModelSchema}.
 *
 * @param json - The parsed JSON of a fitted model.
 * @returns The model, ready for the prediction functions.
 * @throws {RetentionMetricsError} INVALID_INPUT naming the first bad field with its JSON path:
 *   a wrong `format`, a `version` other than 1 (the message says which versions are read), an
 *   unknown `model`, a missing, unknown or non-positive parameter, a non-finite number, a
 *   covariance of the wrong size, asymmetric or with a negative variance, standard errors that
 *   are not the roots of its diagonal, an AIC or BIC that does not follow from the log-likelihood.
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
  const model = parseInput('fittedModelFromJSON', fittedModelSchema, json, 'json');
  return { ...model, warnings: model.warnings ?? [] } as unknown as FittedModel;
}
