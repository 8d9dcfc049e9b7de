/**
 * The adapter from a fitted purchase model to the P(alive) hook of the lifecycle classifier
 * (`classifyCustomers`' `atRisk.aliveProbability`). It has the hook's shape without importing the
 * segmentation layer, so neither layer bundles the other.
 *
 * @module
 */
import { describeValue, invalidElement, RetentionMetricsError } from '../core/errors.js';
import { parseTimestamp } from '../core/time.js';
import { type CustomerId, type Timestamp, unitDays } from '../transactions/log.js';
import { betaGeometricAlive } from './beta-geometric-predictions.js';
import type { PurchaseModel } from './model.js';
import { paretoNbdAlive } from './pareto-nbd-predictions.js';
import type { ModelLike } from './predictions.js';
import { requireList } from './rows.js';
import { requireModel } from './validate.js';

/** A customer as the classifier sees it: first and last purchase and the number of orders. */
export interface AliveHookCustomer {
  readonly customerId: CustomerId;
  readonly firstPurchaseAt: Timestamp;
  readonly lastPurchaseAt: Timestamp;
  /** Orders (distinct purchase days), ≥ 1. */
  readonly orders: number;
}

/** Options of {@link aliveProbabilityHook}. */
export interface AliveHookOptions {
  /** The classification moment: the end of observation T. */
  readonly asOf: Timestamp;
  /** At-risk when P(alive) is below this; in [0, 1]. */
  readonly threshold: number;
}

/** The shape of `classifyCustomers`' `atRisk.aliveProbability` hook. */
export interface AliveProbabilityFunction {
  /** At-risk when P(alive) is below this; in [0, 1]. */
  readonly threshold: number;
  /** P(alive) of a customer given to {@link aliveProbabilityHook}, in [0, 1]. */
  readonly probability: (customerId: CustomerId) => number;
}

const DAY_MS = 86_400_000;

/**
 * Turns a fitted purchase model into the `atRisk.aliveProbability` hook of `classifyCustomers`:
 * each customer's P(alive) is computed once from x = orders − 1, t_x = last − first purchase day
 * and T = first purchase day to `asOf`'s day (UTC days, the summaries' default granularity),
 * converted into the model's `unit` (a week is 7 days, a month 30.436875).
 *
 * @param model - A fitted BG/NBD, MBG/NBD or Pareto/NBD model with its `unit`.
 * @param customers - `{ customerId, firstPurchaseAt, lastPurchaseAt, orders }` (summaries).
 * @param options - `asOf` and the `threshold`.
 * @returns `{ threshold, probability(customerId) }`; `probability` of an id not in `customers`
 *   throws INVALID_INPUT.
 * @throws {RetentionMetricsError} INVALID_INPUT for a bad model, customer (named
 *   `customers[i].field`), `asOf` before a purchase, or threshold outside [0, 1].
 *
 * @example
 * ```ts
 * import { aliveProbabilityHook } from 'retention-metrics';
 * const model = { model: 'bg-nbd', unit: 'week', params: { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 } } as const;
 * const hook = aliveProbabilityHook(model, [
 *   { customerId: 'a', firstPurchaseAt: '1997-01-01', lastPurchaseAt: '1997-08-01', orders: 3 },
 * ], { asOf: '1997-09-30', threshold: 0.5 });
 * hook.probability('a').toFixed(3); // => '0.725'
 * ```
 * @category Models
 */
export function aliveProbabilityHook(
  model: ModelLike<PurchaseModel> & { readonly unit: PurchaseModel['unit'] },
  customers: readonly AliveHookCustomer[],
  options: AliveHookOptions,
): AliveProbabilityFunction {
  const fn = 'aliveProbabilityHook';
  const m = requireModel(fn, 'model', model, ['bg-nbd', 'mbg-nbd', 'pareto-nbd']);
  const unit = (model as { unit?: unknown }).unit;
  const unitValid =
    unit === 'day' ||
    unit === 'week' ||
    unit === 'month' ||
    (typeof unit === 'number' && Number.isFinite(unit) && unit > 0);
  if (!unitValid) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: model.unit must be 'day', 'week', 'month' or a length in days > 0 (received ${describeValue(unit)})`,
      { path: ['model', 'unit'] },
    );
  }
  const days = unitDays(unit as PurchaseModel['unit']);
  const asOfMs = parseTimestamp(options?.asOf);
  if (asOfMs === undefined) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: options.asOf must be a Date, an ISO-8601 string or epoch milliseconds (received ${describeValue(options?.asOf)})`,
      { path: ['options', 'asOf'] },
    );
  }
  const threshold = options.threshold;
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: options.threshold must be a number from 0 to 1 (received ${describeValue(threshold)})`,
      { path: ['options', 'threshold'] },
    );
  }
  const asOfDay = Math.floor(asOfMs / DAY_MS);
  const list = requireList(fn, 'customers', customers);
  const k = m.model === 'mbg-nbd' ? 1 : 0;
  const probabilities = new Map<CustomerId, number>();
  for (let i = 0; i < list.length; i++) {
    const c = list[i] as AliveHookCustomer;
    if (typeof c !== 'object' || c === null)
      throw invalidElement(fn, 'customers', i, '', 'an object', c);
    const first = parseTimestamp(c.firstPurchaseAt);
    if (first === undefined) {
      throw invalidElement(fn, 'customers', i, 'firstPurchaseAt', 'a timestamp', c.firstPurchaseAt);
    }
    const last = parseTimestamp(c.lastPurchaseAt);
    if (last === undefined || last < first) {
      throw invalidElement(
        fn,
        'customers',
        i,
        'lastPurchaseAt',
        'a timestamp not before firstPurchaseAt',
        c.lastPurchaseAt,
      );
    }
    if (!Number.isInteger(c.orders) || c.orders < 1) {
      throw invalidElement(fn, 'customers', i, 'orders', 'a whole number ≥ 1', c.orders);
    }
    const firstDay = Math.floor(first / DAY_MS);
    const lastDay = Math.floor(last / DAY_MS);
    if (lastDay > asOfDay) {
      throw invalidElement(
        fn,
        'customers',
        i,
        'lastPurchaseAt',
        'not after options.asOf',
        c.lastPurchaseAt,
      );
    }
    const x = c.orders - 1;
    const tx = x === 0 ? 0 : (lastDay - firstDay) / days;
    const T = (asOfDay - firstDay) / days;
    probabilities.set(
      c.customerId,
      m.model === 'pareto-nbd'
        ? paretoNbdAlive(m.params, x, tx, T)
        : betaGeometricAlive(k, m.params, x, tx, T),
    );
  }
  return {
    threshold,
    probability: (customerId: CustomerId): number => {
      const p = probabilities.get(customerId);
      if (p === undefined) {
        throw new RetentionMetricsError(
          'INVALID_INPUT',
          `${fn}: no purchase history was given for customer ${describeValue(customerId)}`,
          { path: ['customerId'] },
        );
      }
      return p;
    },
  };
}
