/**
 * Per-customer forecasts of a fitted purchase model and, optionally, a Gamma-Gamma spend model:
 * P(alive), expected purchases over a horizon, expected spend per order and the discounted
 * lifetime value.
 *
 * @module
 */
import * as z from 'zod/mini';
import { MAX_FORECAST_PERIODS, MAX_MODEL_TIME } from '../core/bounds.js';
import { invalidElement, parseInput, RetentionMetricsError } from '../core/errors.js';
import { boundedNumberSchema, looseObject } from '../core/schemas.js';
import { type CustomerId, type DurationUnit, unitDays } from '../transactions/log.js';
import type { CustomerSummaryTable } from '../transactions/summary-table.js';
import { betaGeometricAlive, betaGeometricConditional } from './beta-geometric-predictions.js';
import { gammaGammaConditionalSpend, readSpend } from './gamma-gamma.js';
import type { GammaGammaModel, PurchaseModel } from './model.js';
import { paretoNbdAlive, paretoNbdConditional } from './pareto-nbd-predictions.js';
import { finite, type ModelLike } from './predictions.js';
import { readHistory, requireList, tableHistories } from './rows.js';
import { requireModel } from './validate.js';

/** A customer to forecast: an id, a purchase history and (for spend) its mean repeat order. */
export interface ForecastCustomer {
  readonly customerId: CustomerId;
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
  /** Mean value of the repeat orders (number, decimal string or Decimal); needed with a spend model. */
  readonly monetaryValue?: unknown;
}

/** Options of {@link forecastCustomers}. */
export interface ForecastOptions {
  /** A fitted BG/NBD, MBG/NBD or Pareto/NBD model. */
  readonly purchaseModel: ModelLike<PurchaseModel>;
  /** A fitted Gamma-Gamma model; with it, rows get `expectedSpend` and `lifetimeValue`. */
  readonly spendModel?: ModelLike<GammaGammaModel>;
  /** Discounting periods in the horizon, a whole number ≥ 1. */
  readonly periods: number;
  /** The length of one period in the model's time unit (a month of weekly data: 4.345). > 0. */
  readonly periodLength: number;
  /** Discount rate per period, ≥ 0 (0.01 = 1 % per period). */
  readonly discountRate: number;
  /** Profit margin applied to spend, in [0, 1]; default 1 (revenue). */
  readonly margin?: number;
}

/** One row of {@link forecastCustomers}. */
export interface CustomerForecast {
  readonly customerId: CustomerId;
  /** P(alive) at T. */
  readonly probabilityAlive: number;
  /** Expected purchases in the next `periods × periodLength`. */
  readonly expectedPurchases: number;
  /** Gamma-Gamma expected spend per order (the population mean without repeat purchases); with a spend model only. */
  readonly expectedSpend?: number;
  /** Discounted expected value of the horizon's purchases × margin; with a spend model only. */
  readonly lifetimeValue?: number;
}

const optionsSchema = looseObject({
  purchaseModel: z.unknown(),
  spendModel: z.optional(z.unknown()),
  periods: boundedNumberSchema(MAX_FORECAST_PERIODS, { integer: true }),
  periodLength: boundedNumberSchema(MAX_MODEL_TIME),
  discountRate: z.number().check(z.nonnegative()),
  margin: z.optional(boundedNumberSchema(1, { zero: true })),
});

/**
 * A summary table's recency and T are in its `unit`; a model that records another unit would be
 * read at the wrong scale (days as weeks), so the two must name the same length. A model without
 * a `unit` (a literal of published parameters) is taken to be in the table's.
 */
function requireModelUnit(fn: string, model: unknown, table: CustomerSummaryTable): void {
  const modelUnit = (model as { unit?: unknown }).unit;
  const own = table.options.unit;
  if (
    modelUnit === undefined ||
    (isDurationUnit(modelUnit) && unitDays(modelUnit) === unitDays(own))
  ) {
    return;
  }
  throw new RetentionMetricsError(
    'INVALID_INPUT',
    `${fn}: customers are in unit ${JSON.stringify(own)} (the summary table's) but purchaseModel is in ${JSON.stringify(modelUnit)}: summarize with unit: ${JSON.stringify(modelUnit)}, or fit the model on these summaries`,
    { path: ['customers'] },
  );
}

/** Whether `value` is a {@link DurationUnit}: `'day'`, `'week'`, `'month'` or a number of days. */
function isDurationUnit(value: unknown): value is DurationUnit {
  return value === 'day' || value === 'week' || value === 'month' || typeof value === 'number';
}

/**
 * Forecasts each customer: P(alive), expected purchases in the next `periods × periodLength`
 * and, with a spend model, expected spend per order and the lifetime value
 *
 *   CLV = margin × spend × Σ_{i=1..periods} [C(i·L) − C((i−1)·L)] / (1 + d)^i,
 *
 * where C(t) is the customer's conditional expected purchases in the next t
 * ({@link conditionalExpectedPurchases}), L = `periodLength`, d = `discountRate` and spend the
 * Gamma-Gamma conditional mean ({@link conditionalExpectedSpend}) — the discrete discounted form
 * of Fader, Hardie & Lee (2005, "RFM and CLV", eq. 2). No time unit is assumed: `periodLength`
 * is in the purchase model's unit (4.345 weeks for a month of weekly data).
 *
 * @param customers - Rows `{ customerId, frequency, recency, T, monetaryValue? }`, e.g. the
 *   summaries of {@link summarizeTransactions} (in the model's unit), or the table
 *   `summarizeTransactions` returns, read from its columns after one scan (its `unit` must be
 *   the model's, when the model records one).
 * @param options - {@link ForecastOptions}.
 * @returns One {@link CustomerForecast} per customer, in input order.
 * @throws {RetentionMetricsError} INVALID_INPUT for a bad model, option or row (named
 *   `customers[i].field`), or a summary table in another unit than the model's; no customers
 *   give no rows.
 *
 * @example
 * ```ts
 * import { forecastCustomers } from 'retention-metrics';
 * const purchaseModel = { model: 'bg-nbd', params: { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 } } as const;
 * const spendModel = { model: 'gamma-gamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } } as const;
 * const [row] = forecastCustomers(
 *   [{ customerId: 1, frequency: 2, recency: 30.43, T: 38.86, monetaryValue: '22.35' }],
 *   { purchaseModel, spendModel, periods: 1, periodLength: 39, discountRate: 0 },
 * );
 * [row.expectedPurchases.toFixed(3), row.expectedSpend?.toFixed(2), row.lifetimeValue?.toFixed(2)]; // => ['1.226', '24.66', '30.24']
 * ```
 * @category Models
 */
export function forecastCustomers(
  customers: readonly ForecastCustomer[] | CustomerSummaryTable,
  options: ForecastOptions,
): CustomerForecast[] {
  const fn = 'forecastCustomers';
  const o = parseInput(fn, optionsSchema, options, 'options');
  const model = requireModel(fn, 'purchaseModel', o.purchaseModel, [
    'bg-nbd',
    'mbg-nbd',
    'pareto-nbd',
  ]);
  const spend =
    o.spendModel === undefined
      ? null
      : requireModel(fn, 'spendModel', o.spendModel, ['gamma-gamma']);
  if (o.periods * o.periodLength > MAX_MODEL_TIME) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: periods × periodLength (${o.periods} × ${o.periodLength}) must be at most ${MAX_MODEL_TIME}, the longest model time`,
      { path: ['periodLength'] },
    );
  }
  const histories = tableHistories(fn, 'customers', customers);
  if (histories !== undefined)
    requireModelUnit(fn, o.purchaseModel, customers as CustomerSummaryTable);
  const list = histories === undefined ? requireList(fn, 'customers', customers, true) : null;
  const size = histories === undefined ? (list as readonly unknown[]).length : histories.size;
  const margin = o.margin ?? 1;
  const discount = new Float64Array(o.periods);
  for (let i = 0; i < o.periods; i++) discount[i] = (1 + o.discountRate) ** -(i + 1);
  const k = model.model === 'mbg-nbd' ? 1 : 0;
  const out: CustomerForecast[] = [];
  for (let i = 0; i < size; i++) {
    const row = list === null ? null : (list[i] as ForecastCustomer);
    let h: { x: number; tx: number; T: number };
    let id: unknown;
    if (histories !== undefined) {
      h = {
        x: histories.x[i] as number,
        tx: histories.tx[i] as number,
        T: histories.T[i] as number,
      };
      id = histories.ids[i];
    } else {
      h = readHistory(fn, 'customers', i, row);
      id = (row as { customerId?: unknown }).customerId;
    }
    if (typeof id !== 'string' && (typeof id !== 'number' || !Number.isFinite(id))) {
      throw invalidElement(fn, 'customers', i, 'customerId', 'a string or a finite number', id);
    }
    const conditional = (t: number): number =>
      model.model === 'pareto-nbd'
        ? paretoNbdConditional(fn, model.params, h.x, h.tx, h.T, t)
        : betaGeometricConditional(fn, k, model.params, h.x, h.tx, h.T, t);
    const alive =
      model.model === 'pareto-nbd'
        ? paretoNbdAlive(model.params, h.x, h.tx, h.T)
        : betaGeometricAlive(k, model.params, h.x, h.tx, h.T);
    const horizon = o.periods * o.periodLength;
    if (spend === null) {
      out.push({
        customerId: id,
        probabilityAlive: alive,
        expectedPurchases: conditional(horizon),
      });
      continue;
    }
    const s = readSpend(fn, 'customers', i, {
      frequency: h.x,
      monetaryValue:
        h.x === 0
          ? 0
          : histories === undefined
            ? (row as ForecastCustomer).monetaryValue
            : histories.monetaryValue(i),
    });
    // Finite parameters such as p = 1e308 can put the spend past the range of a number.
    const perOrder = finite(fn, gammaGammaConditionalSpend(spend.params, s.x, s.m), 'spendModel');
    let value = 0;
    let previous = 0;
    let total = 0;
    for (let p = 1; p <= o.periods; p++) {
      const c = conditional(p * o.periodLength);
      value += Math.max(0, c - previous) * (discount[p - 1] as number);
      previous = c;
      total = c;
    }
    out.push({
      customerId: id,
      probabilityAlive: alive,
      expectedPurchases: total,
      expectedSpend: perOrder,
      lifetimeValue: finite(fn, margin * perOrder * value, 'spendModel'),
    });
  }
  return out;
}
