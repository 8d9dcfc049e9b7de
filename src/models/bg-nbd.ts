/**
 * The BG/NBD model of Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way: An
 * Alternative to the Pareto/NBD Model", Marketing Science 24(2): fitting.
 *
 * @module
 */
import type { CustomerSummaryTable } from '../transactions/summary-table.js';
import { betaGeometricLogLikelihood } from './beta-geometric.js';
import type { PurchaseFitOptions } from './fit.js';
import type { BetaGeometricParams, BgNbdModel } from './model.js';
import { fitPurchaseModel } from './purchase-fit.js';
import type { FitRow } from './rows.js';

/**
 * Fits the BG/NBD model by maximum likelihood: while alive a customer buys at rate
 * λ ~ Gamma(r, α) and after each purchase drops out with probability p ~ Beta(a, b). The
 * log-likelihood of a customer with x repeat purchases, the last at t_x, observed for T
 * (FHL 2005 eq. 6, in the log form of Hardie's note 027):
 *
 *   LL = ln[B(a, b+x)/B(a, b)] + ln Γ(r+x) − ln Γ(r) + r ln α − (r+x) ln(α+T)
 *        + ln(1 + [x>0] · a/(b+x−1) · ((α+T)/(α+t_x))^{r+x}).
 *
 * Rows with identical `(frequency, recency, T)` are merged into weighted rows first, so the cost
 * grows with distinct rows; weighted and expanded inputs give the same fit. The log-parameters
 * are fitted by BFGS with analytic gradients and time scaled so that max T = 1, restarted from
 * the optimum to confirm it; standard errors and the covariance come from the Hessian in the
 * log-parameters by the delta method.
 *
 * @param rows - Customers `{ frequency, recency, T, weight? }` in one time unit, e.g. the
 *   summaries of {@link summarizeTransactions}, or the table `summarizeTransactions` returns
 *   (read from its columns after one scan; its `unit` is the default, another `unit` is
 *   `INVALID_INPUT`).
 * @param options - {@link PurchaseFitOptions}: `unit` of the data (recorded, default 'day'),
 *   `penalty`, `initialParams`, `maxIterations`, `tolerance`, `strict`.
 * @returns A {@link BgNbdModel}: `params` { r, alpha, a, b } (α in the data's unit), the
 *   log-likelihood and the fit's diagnostics, with `warnings` when the data do not identify it.
 * @throws {RetentionMetricsError} INVALID_INPUT for a bad row (named `rows[i].field`) or option;
 *   EMPTY_INPUT for no rows; NOT_CONVERGED when the fit ends away from an optimum and
 *   `strict` is set, or when no finite optimum exists; NOT_IDENTIFIED when `strict` is set and
 *   the fit has `warnings` (the data do not identify the parameters, e.g. two customers).
 *
 * @example
 * ```ts
 * import { fitBgNbd } from 'retention-metrics';
 * const model = fitBgNbd([
 *   { frequency: 0, recency: 0, T: 38, weight: 30 },
 *   { frequency: 1, recency: 20, T: 38, weight: 8 },
 *   { frequency: 3, recency: 35, T: 38, weight: 6 },
 *   { frequency: 2, recency: 5, T: 38, weight: 6 },
 *   { frequency: 5, recency: 30, T: 30, weight: 3 },
 *   { frequency: 1, recency: 2, T: 30, weight: 9 },
 * ], { unit: 'week' });
 * [model.model, model.customers, model.distinctRows, model.converged]; // => ['bg-nbd', 62, 6, true]
 * model.params.r.toFixed(3); // => '0.338'
 * // 62 customers pin down r and α, not the dropout: its standard errors exceed a and b.
 * model.warnings.map((w) => `${w.code} ${w.parameter}`); // => ['LARGE_STANDARD_ERROR a', 'LARGE_STANDARD_ERROR b']
 * ```
 * @category Models
 */
export function fitBgNbd(
  rows: readonly FitRow[] | CustomerSummaryTable,
  options?: PurchaseFitOptions<BetaGeometricParams>,
): BgNbdModel {
  const fit = fitPurchaseModel<BetaGeometricParams>(
    {
      fn: 'fitBgNbd',
      names: ['r', 'alpha', 'a', 'b'],
      timeParams: ['alpha'],
      start: [1, 1, 1, 1],
      logLikelihood: (data, theta, gradient) =>
        betaGeometricLogLikelihood(0, data, theta, gradient),
    },
    rows,
    options,
  );
  return { model: 'bg-nbd', ...fit };
}
