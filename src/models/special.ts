/**
 * Special functions of the predictive models, in float64 and in log space: log-gamma (with the
 * sign of Γ), digamma, log-beta, log-sum-exp and the logistic function.
 *
 * Log-gamma and digamma come from the `@stdlib/math-base-special-gammaln` and
 * `@stdlib/math-base-special-digamma` packages (ports of the Cephes and Boost algorithms,
 * accurate to a few ulp); the rest is written here.
 *
 * @module
 */
import stdlibDigamma from '@stdlib/math-base-special-digamma';
import stdlibGammaln from '@stdlib/math-base-special-gammaln';

/**
 * ln|Γ(x)|, the natural logarithm of the absolute value of the gamma function. +Infinity at the
 * poles (0, −1, −2, …).
 *
 * @internal
 */
export const lnGamma: (x: number) => number = stdlibGammaln;

/**
 * ψ(x) = d/dx ln Γ(x), the digamma function.
 *
 * @internal
 */
export const digamma: (x: number) => number = stdlibDigamma;

/**
 * The sign of Γ(x): 1 for x > 0, (−1)^⌈−x⌉ between the poles of the negative axis, 0 at a pole
 * (where 1/Γ(x) = 0).
 *
 * @internal
 */
export function gammaSign(x: number): -1 | 0 | 1 {
  if (x > 0) return 1;
  if (Number.isInteger(x)) return 0;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0.
 *
 * @internal
 */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/**
 * ln(e^a + e^b) without overflow: max(a, b) + ln(1 + e^{−|a − b|}).
 *
 * @internal
 */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * ln Σ e^{v_i}, shifted by the maximum so that no term overflows; −Infinity for an empty list.
 *
 * @internal
 */
export function logSumExp(values: readonly number[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > max) max = v;
  if (max === Number.NEGATIVE_INFINITY || max === Number.POSITIVE_INFINITY) return max;
  let sum = 0;
  for (const v of values) sum += Math.exp(v - max);
  return max + Math.log(sum);
}

/**
 * The logistic function 1 / (1 + e^{−z}), computed without overflow for any z.
 *
 * @internal
 */
export function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * ln(1 + e^z) (softplus), without overflow.
 *
 * @internal
 */
export function log1pExp(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}
