/**
 * The adapter from a fitted purchase model to the P(alive) hook of the lifecycle classifier
 * (`classifyCustomers`' `atRisk.aliveProbability`). It has the hook's shape without importing the
 * segmentation layer, so neither layer bundles the other.
 *
 * @module
 */

import { boundaryOf, instantIn } from '../core/boundary.js';
import {
  describeValue,
  invalidElement,
  RetentionMetricsError,
  requirePlainObject,
} from '../core/errors.js';
import {
  CALENDAR_INSTANT_MIN,
  INSTANT_MAX,
  type TimeUnit,
  timeUnitSchema,
} from '../core/instant.js';
import { ownInput } from '../core/own.js';
import { periodKeyFunction } from '../core/period.js';
import { resolveZone, type TimeZone } from '../core/time.js';
import { type CustomerId, type Timestamp, unitDays } from '../transactions/log.js';
import { type CustomerSummaryTable, summaryTableParts } from '../transactions/summary-table.js';
import { optionsForTable, type TableOptions } from '../transactions/table-options.js';
import { betaGeometricAlive } from './beta-geometric-predictions.js';
import type { PurchaseModel } from './model.js';
import { paretoNbdAlive } from './pareto-nbd-predictions.js';
import type { ModelLike } from './predictions.js';
import { requireList } from './rows.js';
import { requireModel } from './validate.js';

/** What a customer of a summary table must hold in its instant columns. */
const TABLE_INSTANT = 'epoch milliseconds from 1900 to 2199';

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
  /** Time zone of the calendar days (default `'UTC'`), as for the summaries. */
  readonly timeZone?: TimeZone;
  /** Unit of numeric timestamps (default `'ms'`). */
  readonly timeUnit?: TimeUnit;
}

/** The shape of `classifyCustomers`' `atRisk.aliveProbability` hook. */
export interface AliveProbabilityFunction {
  /** At-risk when P(alive) is below this; in [0, 1]. */
  readonly threshold: number;
  /** P(alive) of a customer given to {@link aliveProbabilityHook}, in [0, 1]. */
  readonly probability: (customerId: CustomerId) => number;
}

/**
 * Turns a fitted purchase model into the `atRisk.aliveProbability` hook of `classifyCustomers`:
 * each customer's P(alive) is computed once from x = orders − 1, t_x = last − first purchase day
 * and T = first purchase day to the last day `asOf` covers (calendar days in `timeZone`, the
 * summaries' default granularity; a date-only `asOf` covers its whole day, docs/conventions.md),
 * converted into the model's `unit` (a week is 7 days, a month 30.436875).
 *
 * The customers may be the table of `summarizeTransactions`: its `customerId`,
 * `firstPurchaseAt`, `lastPurchaseAt` and `orders` columns are read after one scan of them (the
 * checks of a row, named as for rows), with no row objects; its `asOf`, `timeZone` and `timeUnit`
 * are then the defaults, and a given option that names another value is INVALID_INPUT.
 *
 * @param model - A fitted BG/NBD, MBG/NBD or Pareto/NBD model with its `unit`.
 * @param customers - `{ customerId, firstPurchaseAt, lastPurchaseAt, orders }` (summaries), or a
 *   summary table.
 * @param options - `asOf`, the `threshold`, and `timeZone` / `timeUnit` as given to the summaries
 *   (with a summary table, `asOf`, `timeZone` and `timeUnit` default to the table's).
 * @returns `{ threshold, probability(customerId) }`; `probability` of an id not in `customers`
 *   throws INVALID_INPUT.
 * @throws {RetentionMetricsError} INVALID_INPUT for a bad model, customer (named
 *   `customers[i].field`), `asOf` before a purchase, threshold outside [0, 1], or an option that
 *   conflicts with a summary table's.
 *
 * @example
 * ```ts
 * import { aliveProbabilityHook, summarizeTransactions } from 'retention-metrics';
 * const model = { model: 'bg-nbd', unit: 'week', params: { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 } } as const;
 * const hook = aliveProbabilityHook(model, [
 *   { customerId: 'a', firstPurchaseAt: '1997-01-01', lastPurchaseAt: '1997-08-01', orders: 3 },
 * ], { asOf: '1997-09-30', threshold: 0.5 });
 * hook.probability('a').toFixed(3); // => '0.725'
 *
 * // The same customer from a log, as a summary table: asOf comes from the table.
 * const table = summarizeTransactions(
 *   [
 *     { customerId: 'a', at: '1997-01-01', amount: 10 },
 *     { customerId: 'a', at: '1997-05-01', amount: 10 },
 *     { customerId: 'a', at: '1997-08-01', amount: 10 },
 *   ],
 *   { asOf: '1997-09-30' },
 * );
 * aliveProbabilityHook(model, table, { threshold: 0.5 }).probability('a').toFixed(3); // => '0.725'
 * ```
 * @category Models
 */
export function aliveProbabilityHook(
  model: ModelLike<PurchaseModel> & { readonly unit: PurchaseModel['unit'] },
  customers: CustomerSummaryTable,
  options: TableOptions<AliveHookOptions>,
): AliveProbabilityFunction;
export function aliveProbabilityHook(
  model: ModelLike<PurchaseModel> & { readonly unit: PurchaseModel['unit'] },
  customers: readonly AliveHookCustomer[] | CustomerSummaryTable,
  options: AliveHookOptions,
): AliveProbabilityFunction;
export function aliveProbabilityHook(
  model: ModelLike<PurchaseModel> & { readonly unit: PurchaseModel['unit'] },
  customers: readonly AliveHookCustomer[] | CustomerSummaryTable,
  options: AliveHookOptions | TableOptions<AliveHookOptions>,
): AliveProbabilityFunction {
  const fn = 'aliveProbabilityHook';
  // A summary table's asOf, timeZone and timeUnit are the defaults (conflicts refused).
  const resolved = optionsForTable(fn, customers, options) as AliveHookOptions;
  // Own fields only (see core/own.ts); a library table is read from its columns.
  const table =
    summaryTableParts(customers) === undefined ? null : (customers as CustomerSummaryTable);
  return hookOf(
    ownInput(model),
    table ?? ownInput(customers as readonly AliveHookCustomer[]),
    ownInput(resolved),
  );
}

function hookOf(
  model: ModelLike<PurchaseModel> & { readonly unit: PurchaseModel['unit'] },
  customers: readonly AliveHookCustomer[] | CustomerSummaryTable,
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
  requirePlainObject(fn, 'options', options);
  const timeZone = options.timeZone ?? 'UTC';
  const zone = resolveZone(typeof timeZone === 'string' ? timeZone : '');
  if (zone === undefined) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: options.timeZone must be 'UTC', an offset such as '+03:00', or an IANA time zone (received ${describeValue(timeZone)})`,
      { path: ['options', 'timeZone'] },
    );
  }
  const timeUnitResult = timeUnitSchema.safeParse(options.timeUnit ?? 'ms');
  if (!timeUnitResult.success) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: options.timeUnit must be one of 's', 'ms', 'us', 'ns' (received ${describeValue(options.timeUnit)})`,
      { path: ['options', 'timeUnit'] },
    );
  }
  const timeUnit = timeUnitResult.data;
  const dayOf = periodKeyFunction('day', zone);
  const asOfDay = dayOf(boundaryOf(fn, 'options.asOf', options.asOf, zone, timeUnit).end - 1);
  const threshold = options.threshold;
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: options.threshold must be a number from 0 to 1 (received ${describeValue(threshold)})`,
      { path: ['options', 'threshold'] },
    );
  }
  const k = m.model === 'mbg-nbd' ? 1 : 0;
  const probabilities = new Map<CustomerId, number>();
  const alive = (id: CustomerId, x: number, firstDay: number, lastDay: number): void => {
    const tx = x === 0 ? 0 : (lastDay - firstDay) / days;
    const T = (asOfDay - firstDay) / days;
    probabilities.set(
      id,
      m.model === 'pareto-nbd'
        ? paretoNbdAlive(m.params, x, tx, T)
        : betaGeometricAlive(k, m.params, x, tx, T),
    );
  };
  if (summaryTableParts(customers) !== undefined) {
    // The table's columns, which a caller can still write into, checked as rows are.
    const { customerId, firstPurchaseAt, lastPurchaseAt, orders } = (
      customers as CustomerSummaryTable
    ).columns;
    for (let i = 0; i < customerId.length; i++) {
      const first = firstPurchaseAt[i] as number;
      if (!(first >= CALENDAR_INSTANT_MIN && first < INSTANT_MAX)) {
        throw invalidElement(fn, 'customers', i, 'firstPurchaseAt', TABLE_INSTANT, first);
      }
      const last = lastPurchaseAt[i] as number;
      if (!(last >= first && last < INSTANT_MAX)) {
        throw invalidElement(
          fn,
          'customers',
          i,
          'lastPurchaseAt',
          `${TABLE_INSTANT}, not before firstPurchaseAt`,
          last,
        );
      }
      const n = orders[i] as number;
      if (!(n >= 1)) throw invalidElement(fn, 'customers', i, 'orders', 'a whole number ≥ 1', n);
      const lastDay = dayOf(last);
      if (lastDay > asOfDay) {
        throw invalidElement(fn, 'customers', i, 'lastPurchaseAt', 'not after options.asOf', last);
      }
      alive(customerId[i] as CustomerId, n - 1, dayOf(first), lastDay);
    }
  } else {
    const list = requireList(fn, 'customers', customers, true);
    for (let i = 0; i < list.length; i++) {
      const c = list[i] as AliveHookCustomer;
      if (typeof c !== 'object' || c === null)
        throw invalidElement(fn, 'customers', i, '', 'an object', c);
      const first = instantIn(c.firstPurchaseAt, zone, timeUnit);
      if (Number.isNaN(first)) {
        throw invalidElement(
          fn,
          'customers',
          i,
          'firstPurchaseAt',
          'a timestamp',
          c.firstPurchaseAt,
        );
      }
      const last = instantIn(c.lastPurchaseAt, zone, timeUnit);
      if (Number.isNaN(last) || last < first) {
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
      const lastDay = dayOf(last);
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
      alive(c.customerId, c.orders - 1, dayOf(first), lastDay);
    }
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
