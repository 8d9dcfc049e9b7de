/**
 * The fitting procedure shared by the models: maximum likelihood over the log-parameters with
 * BFGS and analytic gradients, a restart from the optimum, the delta-method covariance and the
 * information criteria.
 *
 * @module
 */
import * as z from 'zod/mini';
import { MAX_ITERATIONS } from '../core/bounds.js';
import { parseInput, RetentionMetricsError } from '../core/errors.js';
import { boundedNumberSchema, strictObject, unitDaysSchema } from '../core/schemas.js';
import type { DurationUnit } from '../transactions/log.js';
import { identificationWarnings, LOG_PARAM_BOUND, runsOff } from './identification.js';
import { type FitDiagnostics, MODEL_FORMAT, MODEL_FORMAT_VERSION } from './model.js';
import { hessianFromGradient, invertSpd, minimize } from './optimize.js';

/** Options of the fitting functions. */
export interface FitOptions<P> {
  /** L2 penalty coefficient c ≥ 0: minimises −mean LL + c Σ θ² (θ the parameters, time scaled so max T = 1). Default 0. */
  readonly penalty?: number;
  /** Start values (default: 1 for every parameter, with time scaled so max T = 1). */
  readonly initialParams?: Partial<P>;
  /** BFGS iterations per run, default 500. */
  readonly maxIterations?: number;
  /**
   * Converged when every |∂f/∂ln θ| ≤ tolerance, f the mean objective (−LL/customers + penalty);
   * default 1e-7, which moves no estimate by more than a small fraction of its standard error and
   * stays above the rounding noise of f on millions of customers.
   */
  readonly tolerance?: number;
  /**
   * Throw instead of returning a fit that cannot be trusted: `NOT_IDENTIFIED` when the fit has
   * `warnings` (the data do not identify its parameters), `NOT_CONVERGED` when it did not converge
   * for another reason. Default false.
   */
  readonly strict?: boolean;
}

/** Options of the purchase-model fits: {@link FitOptions} and the time unit of the data. */
export interface PurchaseFitOptions<P> extends FitOptions<P> {
  /**
   * The time unit of `recency` and `T` ('day', 'week', 'month' or a length in days), recorded in
   * the model; default `'day'`, the default of {@link summarizeTransactions}.
   */
  readonly unit?: DurationUnit;
}

const unitSchema = z.union([z.enum(['day', 'week', 'month']), unitDaysSchema]);

/** zod schema of the fit options of a model with parameters `names`. @internal */
export function fitOptionsSchema(names: readonly string[], withUnit: boolean) {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const name of names) shape[name] = z.optional(z.number().check(z.positive()));
  return strictObject({
    ...(withUnit ? { unit: z.optional(unitSchema) } : {}),
    penalty: z.optional(z.number().check(z.nonnegative())),
    initialParams: z.optional(strictObject(shape)),
    maxIterations: z.optional(boundedNumberSchema(MAX_ITERATIONS, { integer: true })),
    tolerance: z.optional(z.number().check(z.positive())),
    strict: z.optional(z.boolean()),
  });
}

/** A model's log-likelihood: returns Σ w·LL and, when `gradient` is given, writes ∂/∂θ_i into it. */
export type LogLikelihood = (theta: Float64Array, gradient: Float64Array | null) => number;

/** What a model supplies to {@link fitModel}. @internal */
export interface ModelSpec {
  readonly fn: string;
  readonly names: readonly string[];
  /** Log-likelihood on the fitting scale (time divided by `timeScale`). */
  readonly logLikelihood: LogLikelihood;
  /** Log-likelihood in the data's own units (for the reported value). */
  readonly logLikelihoodOriginal: LogLikelihood;
  /** Parameters measured in time (multiplied back by `timeScale`). */
  readonly timeParams: readonly string[];
  readonly timeScale: number;
  readonly customers: number;
  readonly distinctRows: number;
  /** Default start values on the fitting scale. */
  readonly start: readonly number[];
  /** Customers with a repeat purchase (Σ weights of rows with frequency > 0), purchase models. */
  readonly repeatBuyers?: number;
}

/**
 * Fits a model: minimises −(Σ w·LL)/N + c Σ θ² over ln θ by BFGS with a restart, then computes
 * the delta-method covariance from the Hessian of the total objective.
 *
 * @internal
 */
export function fitModel<P>(
  spec: ModelSpec,
  options: {
    penalty?: number | undefined;
    initialParams?: Partial<Record<string, number | undefined>> | undefined;
    maxIterations?: number | undefined;
    tolerance?: number | undefined;
    strict?: boolean | undefined;
  },
): FitDiagnostics<P> {
  const k = spec.names.length;
  const n = spec.customers;
  const penalty = options.penalty ?? 0;
  const nat = new Float64Array(k);
  const g = new Float64Array(k);
  const objective = (theta: Float64Array, gradient: Float64Array): number => {
    for (let i = 0; i < k; i++) {
      const t = theta[i] as number;
      // Outside the box the likelihood loses its digits (terms of 10¹⁰ that cancel): degenerate
      // data that pushes a parameter there ends at the box, not converged.
      if (!(Math.abs(t) <= LOG_PARAM_BOUND)) return Number.POSITIVE_INFINITY;
      nat[i] = Math.exp(t);
    }
    const ll = spec.logLikelihood(nat, g);
    let f = -ll / n;
    for (let i = 0; i < k; i++) {
      const p = nat[i] as number;
      f += penalty * p * p;
      gradient[i] = (-(g[i] as number) * p) / n + 2 * penalty * p * p;
    }
    return f;
  };
  const x0 = new Float64Array(k);
  spec.names.forEach((name, i) => {
    const given = options.initialParams?.[name];
    const scale = spec.timeParams.includes(name) ? spec.timeScale : 1;
    const start = Math.log(given === undefined ? (spec.start[i] as number) : given / scale);
    x0[i] = Math.min(LOG_PARAM_BOUND, Math.max(-LOG_PARAM_BOUND, start));
  });
  const result = minimize(objective, x0, {
    maxIterations: options.maxIterations ?? 500,
    tolerance: options.tolerance ?? 1e-7,
  });
  const theta = result.x;
  const paramsArray = spec.names.map((name, i) => {
    const scale = spec.timeParams.includes(name) ? spec.timeScale : 1;
    return Math.exp(theta[i] as number) * scale;
  });
  const logLikelihood = spec.logLikelihoodOriginal(Float64Array.from(paramsArray), null);
  const finite = paramsArray.every(Number.isFinite) && Number.isFinite(logLikelihood);
  if (!finite) throw notConverged(spec.fn, result);
  const hess = hessianFromGradient(objective, theta);
  for (let i = 0; i < hess.length; i++) hess[i] = (hess[i] as number) * n;
  const inv = invertSpd(hess, k);
  let covariance: number[][] | null = null;
  let se: number[] | null = null;
  if (inv !== null) {
    covariance = spec.names.map((_, i) =>
      spec.names.map(
        (_, j) =>
          (paramsArray[i] as number) * (paramsArray[j] as number) * (inv[i * k + j] as number),
      ),
    );
    se = spec.names.map((_, i) => Math.sqrt((covariance as number[][])[i]?.[i] as number));
  }
  const converged = result.converged;
  const warnings = identificationWarnings({
    names: spec.names,
    theta,
    params: paramsArray,
    standardErrors: se,
    customers: n,
    distinctRows: spec.distinctRows,
    repeatBuyers: spec.repeatBuyers,
  });
  if (options.strict === true && warnings.length > 0 && (converged || runsOff(warnings))) {
    const [first] = warnings;
    const more = warnings.length - 1;
    throw new RetentionMetricsError(
      'NOT_IDENTIFIED',
      `${spec.fn}: rows do not identify the model: ${first?.message}${more > 0 ? ` (and ${more} more warning${more > 1 ? 's' : ''})` : ''}`,
      { path: ['rows'] },
    );
  }
  if (options.strict === true && !converged) throw notConverged(spec.fn, result);
  const standardErrors =
    se === null ? null : (Object.fromEntries(spec.names.map((name, i) => [name, se[i]])) as P);
  const params = Object.fromEntries(spec.names.map((name, i) => [name, paramsArray[i]])) as P;
  return {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    params,
    logLikelihood,
    customers: n,
    distinctRows: spec.distinctRows,
    converged,
    iterations: result.iterations,
    gradientNorm: result.gradientNorm,
    standardErrors,
    covariance,
    aic: 2 * k - 2 * logLikelihood,
    bic: k * Math.log(n) - 2 * logLikelihood,
    penalty,
    warnings,
  };
}

function notConverged(
  fn: string,
  result: { iterations: number; gradientNorm: number },
): RetentionMetricsError {
  return new RetentionMetricsError(
    'NOT_CONVERGED',
    `${fn}: the fit did not converge after ${result.iterations} iterations (largest gradient component ${result.gradientNorm.toPrecision(3)}); try initialParams, a small penalty or more maxIterations`,
  );
}

/** Parses fit options (unknown keys, non-positive start values … are INVALID_INPUT). @internal */
export function parseFitOptions<O>(
  fn: string,
  names: readonly string[],
  withUnit: boolean,
  options: unknown,
): O {
  return parseInput(fn, fitOptionsSchema(names, withUnit), options ?? {}, 'options') as O;
}
