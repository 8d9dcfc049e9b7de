/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and real z < 1, as a
 * signed logarithm, so that values beyond float64's range (heavy buyers, long horizons) stay
 * finite.
 *
 * Method (Abramowitz & Stegun 1964, §15.1 and §15.3; the same transformations as Cephes'
 * `hyp2f1`):
 * - 0 ≤ z ≤ 1/2: the power series Σ (a)_j (b)_j / ((c)_j j!) z^j (A&S 15.1.1), summed with
 *   rescaling so that no partial sum overflows;
 * - 1/2 < z < 1: with a, b, c > 0 the power series too (its terms are positive, so nothing
 *   cancels) when it converges within the iteration cap; otherwise the connection formula to 1 − z
 *   (A&S 15.3.6), whose two series converge at least like 2^{−j}; when c − a − b is (nearly) an integer the formula's gamma functions have
 *   poles that cancel, and the value is the linear interpolation of the formula between c − a − b = n ± δ
 *   (δ = 10⁻⁵: a relative error near 10⁻¹⁰, far below any model's sampling error);
 * - z < 0: Pfaff's transformation ₂F₁(a, b; c; z) = (1 − z)^{−a} ₂F₁(a, c − b; c; z/(z − 1))
 *   (A&S 15.3.4), which maps z to (0, 1).
 *
 * Every series stops when a term is below 10⁻¹⁶ of the sum while the terms decrease, or after an
 * iteration cap (default 100,000 terms), in which case `converged` is `false`; so is it when terms
 * of mixed signs (in a series or the two of the connection formula) cancel to below 10⁻¹⁰ of their
 * size, leaving too few correct digits.
 *
 * @module
 */
import { gammaSign, lnGamma } from './special.js';

/** A real number as sign × e^log (sign 0 for zero). */
export interface SignedLog {
  readonly log: number;
  readonly sign: -1 | 0 | 1;
}

/** The value of {@link hyp2f1} with its convergence status. */
export interface Hyp2f1Value extends SignedLog {
  /** `false` when a series reached the iteration cap before its terms became negligible. */
  readonly converged: boolean;
  /** Terms summed, over all series used. */
  readonly terms: number;
}

/** Default cap on the terms of one series. */
export const HYP2F1_MAX_TERMS = 100_000;

const EPSILON = 1e-16;
const RESCALE = 1e250;
const LOG_RESCALE = Math.log(RESCALE);
/** The most a sum may cancel: 10¹⁰ (six of sixteen digits left). */
const CANCELLATION = 1e10;
const ZERO: SignedLog = { log: Number.NEGATIVE_INFINITY, sign: 0 };

/** x + y in signed-log form. @internal */
export function signedAdd(x: SignedLog, y: SignedLog): SignedLog {
  if (x.sign === 0) return y;
  if (y.sign === 0) return x;
  if (x.sign === y.sign) {
    const hi = Math.max(x.log, y.log);
    const lo = Math.min(x.log, y.log);
    return { log: hi + Math.log1p(Math.exp(lo - hi)), sign: x.sign };
  }
  if (x.log === y.log) return ZERO;
  const [big, small] = x.log > y.log ? [x, y] : [y, x];
  return { log: big.log + Math.log1p(-Math.exp(small.log - big.log)), sign: big.sign };
}

/**
 * The power series of ₂F₁ at |z| < 1. Not converged also when its terms, of mixed signs, cancel
 * to below 10⁻¹⁰ of the largest (too few correct digits left).
 */
function series(a: number, b: number, c: number, z: number, cap: number): Hyp2f1Value {
  let term = 1;
  let sum = 1;
  let peak = 1;
  let scale = 0;
  let j = 0;
  let converged = false;
  for (; j < cap; j++) {
    const ratio = (((a + j) * (b + j)) / ((c + j) * (j + 1))) * z;
    term *= ratio;
    sum += term;
    const size = Math.abs(term);
    if (size > peak) peak = size;
    if (term === 0 || (size <= EPSILON * Math.abs(sum) && Math.abs(ratio) < 1)) {
      converged = true;
      j++;
      break;
    }
    if (Math.abs(sum) > RESCALE || size > RESCALE) {
      sum /= RESCALE;
      term /= RESCALE;
      peak /= RESCALE;
      scale += LOG_RESCALE;
    }
  }
  if (peak > CANCELLATION * Math.abs(sum)) converged = false;
  if (sum === 0) return { ...ZERO, converged, terms: j };
  return { log: Math.log(Math.abs(sum)) + scale, sign: sum > 0 ? 1 : -1, converged, terms: j };
}

/** ln|Γ| and sign of a product of gammas over a product of gammas. */
function gammaRatio(top: readonly number[], bottom: readonly number[]): SignedLog {
  let log = 0;
  let sign = 1;
  for (const x of bottom) {
    const s = gammaSign(x);
    if (s === 0) return ZERO; // 1/Γ at a pole is 0
    log -= lnGamma(x);
    sign *= s;
  }
  for (const x of top) {
    log += lnGamma(x);
    sign *= gammaSign(x);
  }
  return { log, sign: sign > 0 ? 1 : -1 };
}

/** A&S 15.3.6 at 1/2 < z < 1, with c − a − b not an integer. */
function connection(a: number, b: number, c: number, z: number, cap: number): Hyp2f1Value {
  const w = 1 - z;
  const d = c - a - b;
  const first = series(a, b, 1 - d, w, cap);
  const second = series(c - a, c - b, d + 1, w, cap);
  const k1 = gammaRatio([c, d], [c - a, c - b]);
  const k2 = gammaRatio([c, -d], [a, b]);
  const t1: SignedLog =
    k1.sign === 0 || first.sign === 0
      ? ZERO
      : { log: k1.log + first.log, sign: k1.sign * first.sign > 0 ? 1 : -1 };
  const t2: SignedLog =
    k2.sign === 0 || second.sign === 0
      ? ZERO
      : { log: k2.log + second.log + d * Math.log(w), sign: k2.sign * second.sign > 0 ? 1 : -1 };
  const sum = signedAdd(t1, t2);
  // Terms that cancel to below 10⁻¹⁰ of their size leave too few correct digits (large a and c
  // of mixed sign): report it as non-convergence rather than return the noise.
  const cancelled = sum.sign === 0 || Math.max(t1.log, t2.log) - sum.log > CANCELLATION_LIMIT;
  return {
    ...sum,
    converged: first.converged && second.converged && !cancelled,
    terms: first.terms + second.terms,
  };
}

const SHIFT = 1e-5;
/** ln 10¹⁰: the most the two terms of the connection formula may cancel. */
const CANCELLATION_LIMIT = Math.log(CANCELLATION);

/**
 * ₂F₁(a, b; c; z) for real a, b, c (c not 0, −1, −2, …) and real z < 1, as sign × e^log.
 *
 * @param maxTerms - Cap on the terms of each series (default {@link HYP2F1_MAX_TERMS}).
 * @internal
 */
export function hyp2f1(
  a: number,
  b: number,
  c: number,
  z: number,
  maxTerms: number = HYP2F1_MAX_TERMS,
): Hyp2f1Value {
  if (z === 0 || a === 0 || b === 0) return { log: 0, sign: 1, converged: true, terms: 0 };
  if (z < 0) {
    // Pfaff: (1 − z)^{−a} ₂F₁(a, c − b; c; z / (z − 1)).
    const inner = hyp2f1(a, c - b, c, z / (z - 1), maxTerms);
    return { ...inner, log: inner.log - a * Math.log1p(-z) };
  }
  if (z <= 0.5) return series(a, b, c, z, maxTerms);
  if (a > 0 && b > 0 && c > 0 && (Math.max(0, a + b - c - 1) * z + 40) / (1 - z) <= maxTerms) {
    // Positive terms: the direct series cannot cancel, while the connection formula can lose
    // every digit when a and c are large; it is used only when the series would be too long
    // (the term ratio is about z(1 + (a+b−c−1)/j): the terms grow up to j ≈ (a+b−c−1)z/(1−z),
    // then fall like z^j).
    const direct = series(a, b, c, z, maxTerms);
    if (direct.converged) return direct;
  }
  const d = c - a - b;
  const nearest = Math.round(d);
  if (Math.abs(d - nearest) > SHIFT) return connection(a, b, c, z, maxTerms);
  // c − a − b (nearly) an integer: the poles of the two terms cancel; interpolate linearly
  // between the formula at c − a − b = n ± δ.
  const below = connection(a, b, a + b + nearest - SHIFT, z, maxTerms);
  const above = connection(a, b, a + b + nearest + SHIFT, z, maxTerms);
  const weight = (d - nearest + SHIFT) / (2 * SHIFT);
  const mixed = signedAdd(
    { log: below.log + Math.log1p(-weight), sign: weight === 1 ? 0 : below.sign },
    { log: above.log + Math.log(weight), sign: weight === 0 ? 0 : above.sign },
  );
  return {
    ...mixed,
    converged: below.converged && above.converged,
    terms: below.terms + above.terms,
  };
}

/** ₂F₁ as a plain number (may overflow to ±Infinity for huge values). @internal */
export function hyp2f1Value(a: number, b: number, c: number, z: number): number {
  const v = hyp2f1(a, b, c, z);
  return v.sign * Math.exp(v.log);
}
