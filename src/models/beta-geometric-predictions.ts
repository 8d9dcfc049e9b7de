/**
 * Predictions of BG/NBD (Fader, Hardie & Lee 2005) and MBG/NBD (Batislam, Denizel & Filiztekin
 * 2007), in log space and through ₂F₁ with the transformations of {@link hyp2f1}.
 *
 * Both expectations are E[(1/p or (1−p)/p)·(1 − (1 + p t/α′)^{−r′})] over a beta-distributed p,
 * which is K · (1 − ₂F₁(r′, A; A+B; −t/α′)) / A with A = a − 1 (FHL 2005 eq. 9 and 10 after
 * Pfaff's transformation, A&S 15.3.4). For |t/α′| ≤ 1/2 the series of (1 − ₂F₁)/A is summed with
 * the factor A divided out, so there is neither cancellation for small t nor a 0/0 at a = 1;
 * beyond, ₂F₁ is evaluated with its transformations (and the a = 1 singularity, removable, by
 * interpolation between a = 1 ± 10⁻⁴).
 *
 * @module
 */
import { RetentionMetricsError } from '../core/errors.js';
import type { DropoutShift } from './beta-geometric.js';
import { hyp2f1 } from './hypergeometric.js';
import type { BetaGeometricParams } from './model.js';
import { lnBeta, lnGamma, logistic } from './special.js';

const NEAR_ONE = 1e-4;

/** (1 − ₂F₁(r′, A; A+B; w)) / A for w ≤ 0. */
function oneMinusHypOverA(fn: string, rp: number, A: number, B: number, w: number): number {
  const C = A + B;
  if (w >= -0.5) {
    let term = (rp / C) * w;
    let sum = term;
    for (let j = 1; j < 10_000; j++) {
      const ratio = (((rp + j) * (A + j)) / ((C + j) * (j + 1))) * w;
      term *= ratio;
      sum += term;
      if (Math.abs(term) <= 1e-17 * Math.abs(sum) && Math.abs(ratio) < 1) return -sum;
    }
    return -sum;
  }
  if (Math.abs(A) < NEAR_ONE) {
    const below = oneMinusHypOverA(fn, rp, -NEAR_ONE, B + A + NEAR_ONE, w);
    const above = oneMinusHypOverA(fn, rp, NEAR_ONE, B + A - NEAR_ONE, w);
    const weight = (A + NEAR_ONE) / (2 * NEAR_ONE);
    return (1 - weight) * below + weight * above;
  }
  const f = hyp2f1(rp, A, C, w);
  if (!f.converged) {
    throw new RetentionMetricsError(
      'NOT_CONVERGED',
      `${fn}: the hypergeometric series ₂F₁(${rp}, ${A}; ${C}; ${w}) did not converge`,
    );
  }
  const oneMinusF = f.sign > 0 ? -Math.expm1(f.log) : 1 - f.sign * Math.exp(f.log);
  return oneMinusF / A;
}

/**
 * E[X(t)] of a new customer: (a+b−1)/(a−1)·[1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))]
 * (FHL 2005 eq. 9) for BG/NBD; b/(a−1)·[1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))] for MBG/NBD
 * (Batislam et al. 2007 eq. 9).
 *
 * @internal
 */
export function betaGeometricExpected(
  fn: string,
  k: DropoutShift,
  p: BetaGeometricParams,
  t: number,
): number {
  if (t === 0) return 0;
  const factor = k === 0 ? p.a + p.b - 1 : p.b;
  const value = factor * oneMinusHypOverA(fn, p.r, p.a - 1, p.b + k, -t / p.alpha);
  return finiteNonNegative(value);
}

/** ln of the odds "dead : alive" given the history, or −Infinity when the customer is surely alive. */
function deadLogOdds(
  k: DropoutShift,
  p: BetaGeometricParams,
  x: number,
  tx: number,
  T: number,
): number {
  if (k === 0 && x === 0) return Number.NEGATIVE_INFINITY;
  return (
    Math.log(p.a) -
    Math.log(p.b + x + k - 1) +
    (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx))
  );
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + [x>0]·a/(b+x−1)·((α+T)/(α+t_x))^{r+x}) (FHL 2005 eq. 11;
 * MBG/NBD: a/(b+x) and no [x>0], Batislam et al. 2007 eq. 10), as a logistic of the log-odds.
 *
 * @internal
 */
export function betaGeometricAlive(
  k: DropoutShift,
  p: BetaGeometricParams,
  x: number,
  tx: number,
  T: number,
): number {
  return logistic(-deadLogOdds(k, p, x, tx, T));
}

/**
 * E[Y(t) | x, t_x, T]: P(alive) × (a+b+x−1)/(a−1) × [1 − ((α+T)/(α+T+t))^{r+x}
 * ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] (FHL 2005 eq. 10); MBG/NBD with b+x+1 in place of b+x
 * (Batislam et al. 2007 eq. 11).
 *
 * @internal
 */
export function betaGeometricConditional(
  fn: string,
  k: DropoutShift,
  p: BetaGeometricParams,
  x: number,
  tx: number,
  T: number,
  t: number,
): number {
  if (t === 0) return 0;
  const B = p.b + x + k;
  const alive = betaGeometricAlive(k, p, x, tx, T);
  if (alive === 0) return 0;
  const value =
    (p.a + B - 1) * oneMinusHypOverA(fn, p.r + x, p.a - 1, B, -t / (p.alpha + T)) * alive;
  return finiteNonNegative(value);
}

/** ln NB_j(t) = ln[Γ(r+j)/(Γ(r) j!)] + r ln(α/(α+t)) + j ln(t/(α+t)). */
function lnNegBinomial(r: number, alpha: number, t: number, j: number): number {
  const lnZ = Math.log(t) - Math.log(alpha + t);
  return (
    lnGamma(r + j) -
    lnGamma(r) -
    lnGamma(j + 1) +
    r * (Math.log(alpha) - Math.log(alpha + t)) +
    j * lnZ
  );
}

/** P(N(t) ≥ n) for N(t) ~ NBD(r, α) (the purchases of an always-alive customer). */
function negBinomialTail(r: number, alpha: number, t: number, n: number): number {
  if (n === 0) return 1;
  const mean = (r * t) / alpha;
  if (n <= mean + 1) {
    let cdf = 0;
    for (let j = 0; j < n; j++) cdf += Math.exp(lnNegBinomial(r, alpha, t, j));
    return Math.min(1, Math.max(0, 1 - cdf));
  }
  const z = t / (alpha + t);
  let term = Math.exp(lnNegBinomial(r, alpha, t, n));
  let sum = term;
  for (let j = n; j < n + 1_000_000; j++) {
    term *= (z * (r + j)) / (j + 1);
    sum += term;
    if (term <= 1e-17 * sum) break;
  }
  return Math.min(1, sum);
}

/**
 * P(X(t) = n) for a new customer: B(a, b+n)/B(a, b)·NB_n(t) + [n>0]·B(a+1, b+n−1)/B(a, b)·
 * P(NB(t) ≥ n) (FHL 2005 eq. 8); MBG/NBD: B(a, b+n+1)/B(a, b)·NB_n(t) + B(a+1, b+n)/B(a, b)·
 * P(NB(t) ≥ n) (Batislam et al. 2007 eq. 8), where NB_n(t) = Γ(r+n)/(Γ(r) n!)
 * (α/(α+t))^r (t/(α+t))^n.
 *
 * @internal
 */
export function betaGeometricCountProbability(
  k: DropoutShift,
  p: BetaGeometricParams,
  n: number,
  t: number,
): number {
  if (t === 0) return n === 0 ? 1 : 0;
  const lnB = lnBeta(p.a, p.b);
  const stay = Math.exp(lnBeta(p.a, p.b + n + k) - lnB + lnNegBinomial(p.r, p.alpha, t, n));
  let drop = 0;
  if (n + k >= 1) {
    drop = Math.exp(lnBeta(p.a + 1, p.b + n + k - 1) - lnB) * negBinomialTail(p.r, p.alpha, t, n);
  }
  return Math.min(1, finiteNonNegative(stay + drop));
}

function finiteNonNegative(value: number): number {
  if (!(value > 0)) return 0;
  return Math.min(value, Number.MAX_VALUE);
}
