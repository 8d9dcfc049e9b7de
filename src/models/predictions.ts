/**
 * Per-customer and population predictions of the fitted purchase models (BG/NBD, MBG/NBD,
 * Pareto/NBD) and the Gamma-Gamma spend model. Times are in the model's `unit`.
 *
 * @module
 */
import { MAX_PURCHASES } from '../core/bounds.js';
import { describeValue, RetentionMetricsError } from '../core/errors.js';
import {
  betaGeometricAlive,
  betaGeometricConditional,
  betaGeometricCountProbability,
  betaGeometricExpected,
} from './beta-geometric-predictions.js';
import { gammaGammaConditionalSpend, readSpend } from './gamma-gamma.js';
import type { GammaGammaModel, PurchaseModel } from './model.js';
import {
  paretoNbdAlive,
  paretoNbdConditional,
  paretoNbdCountProbability,
  paretoNbdExpected,
} from './pareto-nbd-predictions.js';
import type { PurchaseHistory } from './rows.js';
import { requireCustomer, requireHorizon, requireModel } from './validate.js';

const PURCHASE_KINDS = ['bg-nbd', 'mbg-nbd', 'pareto-nbd'] as const;

/**
 * `value`, or `INVALID_INPUT` naming the model's parameters when they put the prediction beyond
 * the range of a number (finite parameters such as r = 1e308 can): no prediction is NaN or
 * Infinity.
 *
 * @internal
 */
export function finite(fn: string, value: number, name = 'model'): number {
  if (Number.isFinite(value)) return value;
  throw new RetentionMetricsError(
    'INVALID_INPUT',
    `${fn}: ${name}.params give a prediction beyond the range of a number (${value})`,
    { path: [name, 'params'] },
  );
}

/**
 * E[X(t)]: the expected purchases of a new customer (just made the first purchase) in the next
 * `t`. BG/NBD: (a+b−1)/(a−1)·[1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))] (Fader, Hardie & Lee
 * 2005 eq. 9); MBG/NBD: b/(a−1)·[1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))] (Batislam et al.
 * 2007); Pareto/NBD: rβ/(α(s−1))·[1 − (β/(β+t))^{s−1}] (Schmittlein et al. 1987 eq. 17;
 * r β/α · ln(1 + t/β) at s = 1).
 *
 * @param model - A fitted {@link PurchaseModel}.
 * @param t - The horizon, ≥ 0, in the model's unit.
 * @returns Expected repeat purchases, finite and ≥ 0; 0 at t = 0; increasing in t.
 * @throws {RetentionMetricsError} INVALID_INPUT for a model that is not a fitted purchase model or a
 *   negative or non-finite t.
 *
 * @example
 * ```ts
 * import { expectedPurchases } from 'retention-metrics';
 * // FHL 2005's CDNOW estimates (weeks): E[X(52)]: repeat purchases in a new customer's first year.
 * const model = { model: 'bg-nbd', params: { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 } } as const;
 * expectedPurchases(model, 52).toFixed(3); // => '1.444'
 * ```
 * @category Models
 */
export function expectedPurchases(model: ModelLike<PurchaseModel>, t: number): number {
  const fn = 'expectedPurchases';
  const m = requireModel(fn, 'model', model, PURCHASE_KINDS);
  const h = requireHorizon(fn, 't', t);
  return finite(
    fn,
    m.model === 'pareto-nbd'
      ? paretoNbdExpected(m.params, h)
      : betaGeometricExpected(fn, m.model === 'bg-nbd' ? 0 : 1, m.params, h),
  );
}

/**
 * E[Y(t) | x, t_x, T]: the expected purchases of a customer with this history in the next `t`
 * after T. BG/NBD: FHL 2005 eq. 10; MBG/NBD: Batislam et al. 2007 eq. 11; Pareto/NBD:
 * (r+x)(β+T)/((α+T)(s−1))·[1 − ((β+T)/(β+T+t))^{s−1}]·P(alive) (Schmittlein et al. 1987 eq. 22).
 *
 * @param model - A fitted {@link PurchaseModel}.
 * @param customer - `{ frequency, recency, T }` in the model's unit.
 * @param t - The horizon, ≥ 0, in the model's unit.
 * @returns Expected purchases, finite and ≥ 0.
 * @throws {RetentionMetricsError} INVALID_INPUT for a bad model, customer or t.
 *
 * @example
 * ```ts
 * import { conditionalExpectedPurchases } from 'retention-metrics';
 * // FHL 2005 p. 279: a CDNOW customer with x = 2, t_x = 30.43, T = 38.86 weeks buys 1.226
 * // times in the next 39 weeks.
 * const model = { model: 'bg-nbd', params: { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 } } as const;
 * conditionalExpectedPurchases(model, { frequency: 2, recency: 30.43, T: 38.86 }, 39).toFixed(3); // => '1.226'
 * ```
 * @category Models
 */
export function conditionalExpectedPurchases(
  model: ModelLike<PurchaseModel>,
  customer: PurchaseHistory,
  t: number,
): number {
  const fn = 'conditionalExpectedPurchases';
  const m = requireModel(fn, 'model', model, PURCHASE_KINDS);
  const c = requireCustomer(fn, customer);
  const h = requireHorizon(fn, 't', t);
  return finite(
    fn,
    m.model === 'pareto-nbd'
      ? paretoNbdConditional(fn, m.params, c.x, c.tx, c.T, h)
      : betaGeometricConditional(fn, m.model === 'bg-nbd' ? 0 : 1, m.params, c.x, c.tx, c.T, h),
  );
}

/**
 * P(alive | x, t_x, T), computed as a logistic of a log-odds so it never overflows. BG/NBD:
 * 1/(1 + [x>0]·a/(b+x−1)·((α+T)/(α+t_x))^{r+x}) (FHL 2005 eq. 11; 1 for x = 0); MBG/NBD:
 * a/(b+x) and no [x>0] (Batislam et al. 2007); Pareto/NBD: the ratio of the alive term to the
 * likelihood (Schmittlein et al. 1987 eq. 11; Fader & Hardie 2005 note 009 eq. 19).
 *
 * @param model - A fitted {@link PurchaseModel}.
 * @param customer - `{ frequency, recency, T }` in the model's unit.
 * @returns A probability in [0, 1].
 * @throws {RetentionMetricsError} INVALID_INPUT for a bad model or customer.
 *
 * @example
 * ```ts
 * import { probabilityAlive } from 'retention-metrics';
 * const model = { model: 'bg-nbd', params: { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 } } as const;
 * probabilityAlive(model, { frequency: 0, recency: 0, T: 38.86 }); // => 1
 * probabilityAlive(model, { frequency: 2, recency: 30.43, T: 38.86 }).toFixed(3); // => '0.727'
 * ```
 * @category Models
 */
export function probabilityAlive(
  model: ModelLike<PurchaseModel>,
  customer: PurchaseHistory,
): number {
  const fn = 'probabilityAlive';
  const m = requireModel(fn, 'model', model, PURCHASE_KINDS);
  const c = requireCustomer(fn, customer);
  return finite(
    fn,
    m.model === 'pareto-nbd'
      ? paretoNbdAlive(m.params, c.x, c.tx, c.T)
      : betaGeometricAlive(m.model === 'bg-nbd' ? 0 : 1, m.params, c.x, c.tx, c.T),
  );
}

/**
 * P(X(t) = n): the probability that a new customer makes exactly `n` repeat purchases in `t`.
 * BG/NBD: FHL 2005 eq. 8; MBG/NBD: Batislam et al. 2007 eq. 8; Pareto/NBD: the NBD count mixed
 * over the exponential-gamma dropout time (Fader, Hardie & Lee 2005, note "Deriving an
 * Expression for P(X(t) = x) Under the Pareto/NBD Model"), integrated numerically.
 *
 * @param model - A fitted {@link PurchaseModel}.
 * @param n - Purchases, a whole number ≥ 0.
 * @param t - The horizon, ≥ 0, in the model's unit.
 * @returns A probability in [0, 1]; over n = 0, 1, 2, … the values add up to 1.
 * @throws {RetentionMetricsError} INVALID_INPUT for a bad model, n or t.
 *
 * @example
 * ```ts
 * import { purchaseCountProbability } from 'retention-metrics';
 * const model = { model: 'bg-nbd', params: { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 } } as const;
 * purchaseCountProbability(model, 0, 0); // => 1
 * ```
 * @category Models
 */
export function purchaseCountProbability(
  model: ModelLike<PurchaseModel>,
  n: number,
  t: number,
): number {
  const fn = 'purchaseCountProbability';
  const m = requireModel(fn, 'model', model, PURCHASE_KINDS);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_PURCHASES) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: n must be a whole number from 0 to ${MAX_PURCHASES} (received ${describeValue(n)})`,
      { path: ['n'] },
    );
  }
  const h = requireHorizon(fn, 't', t);
  return finite(
    fn,
    m.model === 'pareto-nbd'
      ? paretoNbdCountProbability(m.params, n, h)
      : betaGeometricCountProbability(m.model === 'bg-nbd' ? 0 : 1, m.params, n, h),
  );
}

/**
 * The Gamma-Gamma conditional mean spend per order of a customer with x repeat purchases of
 * mean value m̄: E[M | x, m̄] = (p γ + p x m̄) / (p x + q − 1) — a weighted mean of the population
 * mean p γ/(q − 1) and m̄ (Fader, Hardie & Lee 2005, "RFM and CLV", eq. 3; Hardie's note "The
 * Gamma-Gamma Model of Monetary Value" eq. 5). For x = 0 it is the population mean.
 *
 * @param spendModel - A fitted {@link GammaGammaModel} (q > 1).
 * @param customer - `{ frequency, monetaryValue }`, monetaryValue a number, decimal string or
 *   Decimal (the mean repeat order of {@link summarizeTransactions}), > 0 when frequency > 0.
 * @returns The expected spend per order, > 0, in the currency of the data.
 * @throws {RetentionMetricsError} INVALID_INPUT for a bad model or customer (a repeat buyer with
 *   monetaryValue ≤ 0).
 *
 * @example
 * ```ts
 * import { conditionalExpectedSpend } from 'retention-metrics';
 * // Hardie's Gamma-Gamma note: p = 6.25, q = 3.74, γ = 15.44 on CDNOW.
 * const spend = { model: 'gamma-gamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } } as const;
 * conditionalExpectedSpend(spend, { frequency: 0, monetaryValue: 0 }).toFixed(2); // => '35.22'
 * conditionalExpectedSpend(spend, { frequency: 2, monetaryValue: '22.35' }).toFixed(2); // => '24.66'
 * ```
 * @category Models
 */
export function conditionalExpectedSpend(
  spendModel: ModelLike<GammaGammaModel>,
  customer: { readonly frequency: number; readonly monetaryValue: unknown },
): number {
  const fn = 'conditionalExpectedSpend';
  const m = requireModel(fn, 'spendModel', spendModel, ['gamma-gamma']);
  const c = readSpend(fn, 'customer', null, customer);
  return finite(fn, gammaGammaConditionalSpend(m.params, c.x, c.m), 'spendModel');
}

/**
 * The part of a fitted model that predictions read: its kind and parameters (a full fitted model,
 * or one rebuilt from published parameters).
 */
export type ModelLike<M extends { model: string; params: unknown }> = M extends unknown
  ? Pick<M, 'model' | 'params'>
  : never;
