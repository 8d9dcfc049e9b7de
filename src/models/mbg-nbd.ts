/**
 * The MBG/NBD model of Batislam, Denizel & Filiztekin (2007), "Empirical validation and
 * comparison of models for customer base analysis", IJRM 24(3): fitting.
 *
 * @module
 */
import type { CustomerSummaryTable } from '../transactions/summary-table.js';
import { betaGeometricLogLikelihood } from './beta-geometric.js';
import type { PurchaseFitOptions } from './fit.js';
import type { BetaGeometricParams, ModifiedBgNbdModel } from './model.js';
import { fitPurchaseModel } from './purchase-fit.js';
import type { FitRow } from './rows.js';

/**
 * Fits the MBG/NBD model: as BG/NBD, but a customer may also drop out right after the first
 * purchase, so customers without repeat purchases are not assumed alive. The log-likelihood
 * (Batislam et al. 2007 eq. 6, in log form):
 *
 *   LL = ln[B(a, b+x+1)/B(a, b)] + ln Γ(r+x) − ln Γ(r) + r ln α − (r+x) ln(α+T)
 *        + ln(1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x}).
 *
 * Fitting as {@link fitBgNbd}: compressed rows, BFGS over the log-parameters with analytic
 * gradients and a restart, delta-method standard errors.
 *
 * @param rows - Customers `{ frequency, recency, T, weight? }` in one time unit, or the table `summarizeTransactions` returns
 *   (read from its columns after one scan; its `unit` is the default, another `unit` is
 *   `INVALID_INPUT`).
 * @param options - {@link PurchaseFitOptions}.
 * @returns A {@link ModifiedBgNbdModel} with `params` { r, alpha, a, b }.
 * @throws {RetentionMetricsError} INVALID_INPUT for a bad row or option; EMPTY_INPUT for no rows;
 *   NOT_CONVERGED when no finite optimum is found, or the fit does not converge and `strict` is set;
 *   NOT_IDENTIFIED when `strict` is set and the fit has `warnings`.
 *
 * @example
 * ```ts
 * import { fitModifiedBgNbd, probabilityAlive } from 'retention-metrics';
 * const model = fitModifiedBgNbd([
 *   { frequency: 0, recency: 0, T: 38, weight: 30 },
 *   { frequency: 1, recency: 20, T: 38, weight: 8 },
 *   { frequency: 3, recency: 35, T: 38, weight: 6 },
 *   { frequency: 2, recency: 5, T: 38, weight: 6 },
 * ], { unit: 'week' });
 * model.model; // => 'mbg-nbd'
 * probabilityAlive(model, { frequency: 0, recency: 0, T: 38 }) < 1; // => true
 * ```
 * @category Models
 */
export function fitModifiedBgNbd(
  rows: readonly FitRow[] | CustomerSummaryTable,
  options?: PurchaseFitOptions<BetaGeometricParams>,
): ModifiedBgNbdModel {
  const fit = fitPurchaseModel<BetaGeometricParams>(
    {
      fn: 'fitModifiedBgNbd',
      names: ['r', 'alpha', 'a', 'b'],
      timeParams: ['alpha'],
      start: [1, 1, 1, 1],
      logLikelihood: (data, theta, gradient) =>
        betaGeometricLogLikelihood(1, data, theta, gradient),
    },
    rows,
    options,
  );
  return { model: 'mbg-nbd', ...fit };
}
