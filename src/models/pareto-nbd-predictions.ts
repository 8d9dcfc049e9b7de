/**
 * Predictions of the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987; Fader & Hardie
 * 2005, note 009), in log space.
 *
 * @module
 */
import type { ParetoNbdParams } from './model.js';
import { paretoNbdRowLogLikelihood, requireFinite } from './pareto-nbd-likelihood.js';
import { lnGamma } from './special.js';

/** [1 − e^{−(s−1)L}]/(s−1), and L at s = 1, without cancellation. */
function powerTerm(s: number, L: number): number {
  const e = s - 1;
  if (e === 0) return L;
  return -Math.expm1(-e * L) / e;
}

/**
 * P(alive | x, t_x, T) = [Γ(r+x) α^r β^s / (Γ(r) (α+T)^{r+x} (β+T)^s)] / L(x, t_x, T)
 * (Schmittlein et al. 1987 eq. 11; note 009 eq. 19), as exp of a log difference.
 *
 * @internal
 */
export function paretoNbdAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const lnRatio = lnGamma(p.r + x) - lnGamma(p.r);
  const ll = requireFinite(
    'probabilityAlive',
    paretoNbdRowLogLikelihood(p, lnRatio, x, tx, T),
    'the likelihood',
  );
  const alive =
    lnRatio +
    p.r * Math.log(p.alpha) +
    p.s * Math.log(p.beta) -
    (p.r + x) * Math.log(p.alpha + T) -
    p.s * Math.log(p.beta + T);
  return Math.min(1, Math.max(0, Math.exp(alive - ll)));
}

/**
 * E[X(t)] = rβ/(α(s−1)) · [1 − (β/(β+t))^{s−1}] (Schmittlein et al. 1987 eq. 17), r β/α ·
 * ln(1 + t/β) at s = 1.
 *
 * @internal
 */
export function paretoNbdExpected(p: ParetoNbdParams, t: number): number {
  return ((p.r * p.beta) / p.alpha) * powerTerm(p.s, Math.log1p(t / p.beta));
}

/**
 * E[Y(t) | x, t_x, T] = (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^{s−1}] · P(alive)
 * (Schmittlein et al. 1987 eq. 22).
 *
 * @internal
 */
export function paretoNbdConditional(
  _fn: string,
  p: ParetoNbdParams,
  x: number,
  tx: number,
  T: number,
  t: number,
): number {
  const alive = paretoNbdAlive(p, x, tx, T);
  const value =
    (((p.r + x) * (p.beta + T)) / (p.alpha + T)) *
    powerTerm(p.s, Math.log1p(t / (p.beta + T))) *
    alive;
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** ln NB_n(τ) with τ = α(e^v − 1): −r v + n ln(1 − e^{−v}) + ln Γ(r+n) − ln Γ(r) − ln n!. */
function lnNbAt(r: number, n: number, v: number, lnCoefficient: number): number {
  return lnCoefficient - r * v + (n === 0 ? 0 : n * Math.log(-Math.expm1(-v)));
}

const PANELS = 2000;

/**
 * P(X(t) = n) = (β/(β+t))^s NB_n(t) + ∫₀ᵗ s β^s (β+τ)^{−s−1} NB_n(τ) dτ: the NBD count up to
 * the dropout time τ, mixed over τ's Pareto (exponential-gamma) distribution. The integral is
 * taken by Simpson's rule in v = ln(1 + τ/α), where the integrand is smooth.
 *
 * @internal
 */
export function paretoNbdCountProbability(p: ParetoNbdParams, n: number, t: number): number {
  if (t === 0) return n === 0 ? 1 : 0;
  const { r, alpha, s, beta } = p;
  const lnCoefficient = lnGamma(r + n) - lnGamma(r) - lnGamma(n + 1);
  const vEnd = Math.log1p(t / alpha);
  const survive = Math.exp(
    s * (Math.log(beta) - Math.log(beta + t)) + lnNbAt(r, n, vEnd, lnCoefficient),
  );
  const integrand = (v: number): number => {
    const tau = alpha * Math.expm1(v);
    // dτ = (α + τ) dv
    return Math.exp(
      Math.log(s) +
        s * Math.log(beta) -
        (s + 1) * Math.log(beta + tau) +
        Math.log(alpha + tau) +
        lnNbAt(r, n, v, lnCoefficient),
    );
  };
  const h = vEnd / PANELS;
  let sum = integrand(0) + integrand(vEnd);
  for (let i = 1; i < PANELS; i++) sum += (i % 2 === 1 ? 4 : 2) * integrand(i * h);
  const value = survive + (sum * h) / 3;
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
