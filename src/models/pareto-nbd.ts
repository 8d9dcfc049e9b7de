/**
 * The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987, "Counting Your Customers: Who Are
 * They and What Will They Do Next?", Management Science 33(1)): likelihood and fitting.
 *
 * @module
 */
import type { CustomerSummaryTable } from '../transactions/summary-table.js';
import type { PurchaseFitOptions } from './fit.js';
import type { ParetoNbdModel, ParetoNbdParams } from './model.js';
import { paretoNbdRowWithGradient } from './pareto-nbd-gradient.js';
import { paretoNbdRowLogLikelihood } from './pareto-nbd-likelihood.js';
import { fitPurchaseModel } from './purchase-fit.js';
import type { CompressedRows, FitRow } from './rows.js';
import { digamma, lnGamma } from './special.js';

/**
 * Σ w·LL over the rows at θ = (r, α, s, β) and, when `gradient` is given, its analytic gradient
 * ({@link paretoNbdRowWithGradient}).
 *
 * @internal
 */
export function paretoNbdLogLikelihood(
  rows: CompressedRows,
  theta: Float64Array,
  gradient: Float64Array | null,
): number {
  const p: ParetoNbdParams = {
    r: theta[0] as number,
    alpha: theta[1] as number,
    s: theta[2] as number,
    beta: theta[3] as number,
  };
  const { xs, xIndex, x, tx, T, w, size } = rows;
  const lnGammaR = lnGamma(p.r);
  const psiR = digamma(p.r);
  const ratio = new Float64Array(xs.length);
  const psiRatio = new Float64Array(xs.length);
  for (let j = 0; j < xs.length; j++) {
    ratio[j] = lnGamma(p.r + (xs[j] as number)) - lnGammaR;
    if (gradient !== null) psiRatio[j] = digamma(p.r + (xs[j] as number)) - psiR;
  }
  let ll = 0;
  if (gradient === null) {
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
  gradient.fill(0);
  const row = new Float64Array(4);
  for (let i = 0; i < size; i++) {
    const xi = x[i] as number;
    const wi = w[i] as number;
    const j = xIndex[i] as number;
    ll +=
      wi *
      paretoNbdRowWithGradient(
        p,
        ratio[j] as number,
        psiRatio[j] as number,
        (r) => lnGamma(r + xi) - lnGamma(r),
        xi,
        tx[i] as number,
        T[i] as number,
        row,
      );
    for (let k = 0; k < 4; k++) gradient[k] = (gradient[k] as number) + wi * (row[k] as number);
  }
  return ll;
}

/**
 * Fits the Pareto/NBD model by maximum likelihood: while alive a customer buys at rate
 * λ ~ Gamma(r, α) and stays alive for an exponential time with rate μ ~ Gamma(s, β). The
 * likelihood is evaluated in the form with two positive terms (Fader & Hardie 2005, note 009,
 * eqs. 22–23), which neither overflows for heavy buyers nor subtracts nearly equal quantities.
 *
 * The log-parameters are fitted by BFGS (time scaled so that max T = 1) with the analytic
 * gradient (the ₂F₁ series differentiated term by term), restarted from the optimum to confirm it; rows are compressed to distinct (frequency, recency, T) first. Standard errors and
 * the full covariance come from the Hessian by the delta method, as for BG/NBD.
 *
 * @param rows - Customers `{ frequency, recency, T, weight? }` in one time unit, or the table `summarizeTransactions` returns
 *   (read from its columns after one scan; its `unit` is the default, another `unit` is
 *   `INVALID_INPUT`).
 * @param options - {@link PurchaseFitOptions}.
 * @returns A {@link ParetoNbdModel} with `params` { r, alpha, s, beta } (α and β in the data's unit).
 * @throws {RetentionMetricsError} INVALID_INPUT for a bad row or option; EMPTY_INPUT for no rows;
 *   NOT_CONVERGED when no finite optimum is found, or the fit does not converge and `strict` is set;
 *   NOT_IDENTIFIED when `strict` is set and the fit has `warnings`.
 *
 * @example
 * ```ts
 * import { fitParetoNbd, simulateParetoNbd } from 'retention-metrics';
 * const truth = { r: 0.55, alpha: 10, s: 0.6, beta: 12 };
 * const rows = simulateParetoNbd(truth, { customers: 2000, T: 39, seed: 1 });
 * const model = fitParetoNbd(rows, { unit: 'week' });
 * [model.model, model.customers, model.converged]; // => ['pareto-nbd', 2000, true]
 * [model.params.r.toFixed(2), model.params.alpha.toFixed(1)]; // => ['0.47', '9.9']
 * ```
 * @category Models
 */
export function fitParetoNbd(
  rows: readonly FitRow[] | CustomerSummaryTable,
  options?: PurchaseFitOptions<ParetoNbdParams>,
): ParetoNbdModel {
  const fit = fitPurchaseModel<ParetoNbdParams>(
    {
      fn: 'fitParetoNbd',
      names: ['r', 'alpha', 's', 'beta'],
      timeParams: ['alpha', 'beta'],
      start: [1, 1, 1, 1],
      logLikelihood: paretoNbdLogLikelihood,
    },
    rows,
    options,
  );
  return { model: 'pareto-nbd', ...fit };
}
