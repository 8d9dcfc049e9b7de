/**
 * The Pareto/NBD log-likelihood of one customer (Schmittlein, Morrison & Colombo 1987), in the
 * form with two positive terms.
 *
 * @module
 */
import { RetentionMetricsError } from '../core/errors.js';
import { hyp2f1 } from './hypergeometric.js';
import type { ParetoNbdParams } from './model.js';
import { logAddExp } from './special.js';

/**
 * ln L of one customer in the form with two positive terms (Fader & Hardie 2005, note 009
 * "Deriving the Pareto/NBD likelihood", eqs. 22–23; the form pymc-marketing uses), w = r+s+x,
 * m = max(α, β):
 *
 *   L = Γ(r+x) α^r β^s / (Γ(r) (m+t_x)^w) · [ s/w · ₂F₁(w, b₁; w+1; |α−β|/(m+t_x))
 *       + (r+x)/w · ₂F₁(w, b₂; w+1; |α−β|/(m+T)) · ((m+t_x)/(m+T))^w ],
 *
 * with b₁ = s+1, b₂ = s when α ≥ β and b₁ = r+x, b₂ = r+x+1 otherwise. Both terms are positive,
 * so nothing cancels; they are combined with log-add-exp.
 *
 * @internal
 */
export function paretoNbdRowLogLikelihood(
  p: ParetoNbdParams,
  lnGammaRatio: number,
  x: number,
  tx: number,
  T: number,
): number {
  const { r, alpha, s, beta } = p;
  const w = r + s + x;
  const alphaLarger = alpha >= beta;
  const m = alphaLarger ? alpha : beta;
  const diff = Math.abs(alpha - beta);
  const lnMX = Math.log(m + tx);
  const lnMT = Math.log(m + T);
  const f1 = hyp2f1(w, alphaLarger ? s + 1 : r + x, w + 1, diff / (m + tx), MAX_TERMS);
  const f2 = hyp2f1(w, alphaLarger ? s : r + x + 1, w + 1, diff / (m + T), MAX_TERMS);
  if (!f1.converged || !f2.converged) return Number.NaN;
  const head = lnGammaRatio + r * Math.log(alpha) + s * Math.log(beta) - w * lnMX;
  const ll =
    head + logAddExp(Math.log(s / w) + f1.log, Math.log((r + x) / w) + f2.log + w * (lnMX - lnMT));
  // Bounds from the integral form L = Γ(r+x)α^r/Γ(r) · β^s [(α+T)^{−(r+x)}(β+T)^{−s}
  // + s ∫_{t_x}^T (β+τ)^{−s−1}(α+τ)^{−(r+x)} dτ], whose integrand decreases in τ: a value outside
  // them means the series lost its digits (only at extreme parameters), reported as NaN.
  const base = lnGammaRatio + r * Math.log(alpha) + s * Math.log(beta);
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  if (T > tx) {
    const span = Math.log(s) + Math.log(T - tx);
    const hi = span - (s + 1) * Math.log(beta + tx) - (r + x) * Math.log(alpha + tx);
    const lo = span - (s + 1) * Math.log(beta + T) - (r + x) * Math.log(alpha + T);
    const slack = 1e-9 * Math.max(1, Math.abs(ll));
    if (ll > base + logAddExp(alive, hi) + slack || ll < base + logAddExp(alive, lo) - slack) {
      return Number.NaN;
    }
  }
  return ll;
}

/**
 * Terms per ₂F₁ series in the likelihood: plenty where the model's parameters are plausible; a
 * series that needs more (parameters near the box of the optimiser) makes the likelihood NaN,
 * which the optimiser treats as outside the domain.
 */
const MAX_TERMS = 30_000;

/** Throws NOT_CONVERGED for a non-finite likelihood term. @internal */
export function requireFinite(fn: string, value: number, what: string): number {
  if (!Number.isFinite(value)) {
    throw new RetentionMetricsError(
      'NOT_CONVERGED',
      `${fn}: ${what} could not be computed (a hypergeometric series did not converge)`,
    );
  }
  return value;
}
