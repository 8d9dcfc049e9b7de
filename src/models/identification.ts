/**
 * Whether the data identify a fit's parameters: the checks behind a fitted model's `warnings`
 * (docs/models.md, "When the data cannot identify the model"). A fit on data that cannot
 * determine a parameter still ends somewhere (where the optimiser stopped); the warnings say so,
 * with the parameter and the numbers.
 *
 * @module
 */
import type { FitWarning } from './model.js';

/**
 * The box of the log-parameters on the fitting scale (time or money scaled to 1): e^±20, about
 * 2·10⁻⁹ to 5·10⁸. @internal
 */
export const LOG_PARAM_BOUND = 20;

/**
 * A log-parameter beyond ±10 on the fitting scale is running off: e^10 ≈ 22,000. A gamma or beta
 * whose shape exceeds it is a point mass to within 1 % (coefficient of variation 1/√22,000 =
 * 0.7 %), so the model has become its limit case (no heterogeneity, no dropout) and the value is
 * where the optimiser stopped, not an estimate; a rate or scale that far from the data's own
 * (time and money scaled so the longest T and the mean spend are 1) is the same limit.
 */
const LOG_PARAM_RUNAWAY = 10;

/**
 * A standard error above this multiple of its estimate: SE(ln θ) = SE(θ)/θ > 1, so the 95 %
 * interval on the log scale, θ·e^{±1.96 SE(ln θ)}, spans more than a factor e^3.92 ≈ 50.
 */
const SE_RATIO_LIMIT = 1;

/**
 * Customers per parameter below which a fit is flagged: the rule of thumb of ten observations
 * per estimated parameter (Peduzzi et al. 1996, J. Clin. Epidemiol. 49(12), for logistic
 * regression's events per variable).
 */
const CUSTOMERS_PER_PARAMETER = 10;

/** What {@link identificationWarnings} reads of a finished fit. @internal */
export interface FitFacts {
  readonly names: readonly string[];
  /** Log-parameters on the fitting scale. */
  readonly theta: Float64Array;
  /** Parameters in the data's units. */
  readonly params: readonly number[];
  readonly standardErrors: readonly number[] | null;
  readonly customers: number;
  readonly distinctRows: number;
  /** Customers with a repeat purchase (purchase models); undefined when every one has. */
  readonly repeatBuyers: number | undefined;
}

const num = (v: number): string => v.toPrecision(3);

/**
 * The warnings of a fit, in a fixed order: parameters at or running off towards the box, the
 * Hessian, standard errors, the size of the data, repeat purchases.
 *
 * @internal
 */
export function identificationWarnings(fit: FitFacts): FitWarning[] {
  const out: FitWarning[] = [];
  const k = fit.names.length;
  fit.names.forEach((parameter, i) => {
    const t = Math.abs(fit.theta[i] as number);
    const value = `${parameter} = ${num(fit.params[i] as number)}`;
    if (t >= LOG_PARAM_BOUND - 1) {
      out.push({
        code: 'PARAMETER_AT_BOUND',
        parameter,
        message: `${value} is at the optimiser's bound e^±${LOG_PARAM_BOUND} (fitting scale)`,
      });
    } else if (t > LOG_PARAM_RUNAWAY) {
      out.push({
        code: 'PARAMETER_DIVERGING',
        parameter,
        message: `${value} is beyond e^±${LOG_PARAM_RUNAWAY} (fitting scale), running off to the bound`,
      });
    }
  });
  const se = fit.standardErrors;
  if (se === null) {
    out.push({
      code: 'SINGULAR_HESSIAN',
      message: 'the Hessian is not positive definite: no standard errors',
    });
  } else {
    fit.names.forEach((parameter, i) => {
      const ratio = (se[i] as number) / (fit.params[i] as number);
      if (ratio > SE_RATIO_LIMIT) {
        out.push({
          code: 'LARGE_STANDARD_ERROR',
          parameter,
          message: `${parameter} = ${num(fit.params[i] as number)} has standard error ${num(se[i] as number)}, ${num(ratio)} times the estimate`,
        });
      }
    });
  }
  if (fit.customers < CUSTOMERS_PER_PARAMETER * k) {
    out.push({
      code: 'TOO_FEW_CUSTOMERS',
      message: `${fit.customers} customers for ${k} parameters, under ${CUSTOMERS_PER_PARAMETER * k}`,
    });
  }
  if (fit.distinctRows <= k) {
    out.push({
      code: 'TOO_FEW_DISTINCT_ROWS',
      message: `${fit.distinctRows} distinct rows for ${k} parameters`,
    });
  }
  if (fit.repeatBuyers === 0) {
    out.push({
      code: 'NO_REPEAT_PURCHASES',
      message: 'no customer has a repeat purchase: nothing identifies the purchase rate or dropout',
    });
  }
  return out;
}

/**
 * Whether a fit that did not converge failed because a parameter runs off (more iterations would
 * not help), rather than for lack of iterations. @internal
 */
export function runsOff(warnings: readonly FitWarning[]): boolean {
  return warnings.some((w) => w.code === 'PARAMETER_AT_BOUND' || w.code === 'PARAMETER_DIVERGING');
}
