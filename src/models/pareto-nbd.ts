/**
 * The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987, "Counting Your Customers: Who Are
 * They and What Will They Do Next?", Management Science 33(1)): likelihood and fitting.
 *
 * @module
 */
import { RetentionMetricsError } from '../core/errors.js';
import type { PurchaseFitOptions } from './fit.js';
import { hyp2f1 } from './hypergeometric.js';
import type { ParetoNbdModel, ParetoNbdParams } from './model.js';
import { fitPurchaseModel } from './purchase-fit.js';
import type { CompressedRows, FitRow } from './rows.js';
import { lnGamma, logAddExp } from './special.js';

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
  const f1 = hyp2f1(w, alphaLarger ? s + 1 : r + x, w + 1, diff / (m + tx));
  const f2 = hyp2f1(w, alphaLarger ? s : r + x + 1, w + 1, diff / (m + T));
  if (!f1.converged || !f2.converged) return Number.NaN;
  const head = lnGammaRatio + r * Math.log(alpha) + s * Math.log(beta) - w * lnMX;
  return (
    head + logAddExp(Math.log(s / w) + f1.log, Math.log((r + x) / w) + f2.log + w * (lnMX - lnMT))
  );
}

/** Σ w·LL over the rows. @internal */
export function paretoNbdLogLikelihood(rows: CompressedRows, p: ParetoNbdParams): number {
  const { xs, xIndex, x, tx, T, w, size } = rows;
  const lnGammaR = lnGamma(p.r);
  const ratio = new Float64Array(xs.length);
  for (let j = 0; j < xs.length; j++) ratio[j] = lnGamma(p.r + (xs[j] as number)) - lnGammaR;
  let ll = 0;
  for (let i = 0; i < size; i++) {
    ll +=
      (w[i] as number) *
      paretoNbdRowLogLikelihood(
        p,
        ratio[xIndex[i] as number] as number,
        x[i] as number,
        tx[i] as number,
        T[i] as number,
      );
  }
  return ll;
}

function fromTheta(theta: Float64Array): ParetoNbdParams {
  return {
    r: theta[0] as number,
    alpha: theta[1] as number,
    s: theta[2] as number,
    beta: theta[3] as number,
  };
}

const STEP = 1e-6;

/** Σ w·LL and its gradient (central differences in the log-parameters). */
function logLikelihoodWithGradient(
  rows: CompressedRows,
  theta: Float64Array,
  gradient: Float64Array | null,
): number {
  const ll = paretoNbdLogLikelihood(rows, fromTheta(theta));
  if (gradient !== null) {
    for (let i = 0; i < 4; i++) {
      const up = Float64Array.from(theta);
      const down = Float64Array.from(theta);
      up[i] = (theta[i] as number) * Math.exp(STEP);
      down[i] = (theta[i] as number) * Math.exp(-STEP);
      const d =
        (paretoNbdLogLikelihood(rows, fromTheta(up)) -
          paretoNbdLogLikelihood(rows, fromTheta(down))) /
        (2 * STEP);
      gradient[i] = d / (theta[i] as number);
    }
  }
  return ll;
}

/**
 * Fits the Pareto/NBD model by maximum likelihood: while alive a customer buys at rate
 * λ ~ Gamma(r, α) and stays alive for an exponential time with rate μ ~ Gamma(s, β). The
 * likelihood is evaluated in the form with two positive terms (Fader & Hardie 2005, note 009,
 * eqs. 22–23), which neither overflows for heavy buyers nor subtracts nearly equal quantities.
 *
 * The log-parameters are fitted by BFGS (time scaled so that max T = 1) with the gradient by
 * central differences of the log-likelihood (step 10⁻⁶ in each log-parameter, since the
 * derivatives of ₂F₁ in its parameters have no closed form), restarted from the optimum to
 * confirm it; rows are compressed to distinct (frequency, recency, T) first. Standard errors and
 * the full covariance come from the Hessian by the delta method, as for BG/NBD.
 *
 * @param rows - Customers `{ frequency, recency, T, weight? }` in one time unit.
 * @param options - {@link PurchaseFitOptions}.
 * @returns A {@link ParetoNbdModel} with `params` { r, alpha, s, beta } (α and β in the data's unit).
 * @throws {RetentionMetricsError} INVALID_INPUT for a bad row or option; EMPTY_INPUT for no rows;
 *   NOT_CONVERGED when no finite optimum is found, or the fit does not converge and `strict` is set.
 *
 * @example
 * ```ts
 * import { fitParetoNbd } from 'retention-metrics';
 * const model = fitParetoNbd([
 *   { frequency: 0, recency: 0, T: 38, weight: 30 },
 *   { frequency: 1, recency: 20, T: 38, weight: 8 },
 *   { frequency: 3, recency: 35, T: 38, weight: 6 },
 *   { frequency: 2, recency: 5, T: 38, weight: 6 },
 * ], { unit: 'week' });
 * [model.model, model.customers, model.unit]; // => ['pareto-nbd', 50, 'week']
 * ```
 * @category Models
 */
export function fitParetoNbd(
  rows: readonly FitRow[],
  options?: PurchaseFitOptions<ParetoNbdParams>,
): ParetoNbdModel {
  const fit = fitPurchaseModel<ParetoNbdParams>(
    {
      fn: 'fitParetoNbd',
      names: ['r', 'alpha', 's', 'beta'],
      timeParams: ['alpha', 'beta'],
      start: [1, 1, 1, 1],
      logLikelihood: logLikelihoodWithGradient,
    },
    rows,
    options,
  );
  return { model: 'pareto-nbd', ...fit };
}

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
