/**
 * The metrics snapshot of a retention plan, measured from a transaction log, or from customer
 * summaries and counts, in one call.
 *
 * @module
 */
import * as z from 'zod/mini';
import { instantInputJson } from '../core/boundary.js';
import { ExactSum } from '../core/cents.js';
import { isRetentionMetricsError, parseInput, RetentionMetricsError } from '../core/errors.js';
import { type TimeUnit, timeUnitSchema } from '../core/instant.js';
import { type Decimal, parseNumeric } from '../core/numeric.js';
import { ownInput } from '../core/own.js';
import {
  calendarDaysSchema,
  type JsonSchema,
  jsonFragmentOf,
  strictObject,
  withJson,
} from '../core/schemas.js';
import { sumExact } from '../core/sum-exact.js';
import type { TimeZone } from '../core/time.js';
import { averageOrderValue, purchaseFrequency, repeatPurchaseRate } from '../metrics/orders.js';
import {
  type ChurnRateInput,
  churnRate,
  type RetentionRateInput,
  retentionRate,
} from '../metrics/retention.js';
import { readSummaries, type SegmentationInput } from '../segments/input.js';
import { type CustomerCounts, customerCounts } from '../transactions/counts.js';
import {
  type Granularity,
  granularitySchema,
  type Timestamp,
  type TransactionLog,
} from '../transactions/log.js';
import { summarizeTransactions } from '../transactions/summarize.js';

/** Options of {@link planMetricsFromLog}. */
export interface PlanMetricsFromLogOptions {
  /** Start of the period the churn and retention rates cover (S is counted here). */
  readonly periodStart: Timestamp;
  /**
   * End of that period (E is counted here), and the `asOf` of the order metrics: AOV, purchase
   * frequency and repeat-purchase rate cover every purchase up to it.
   */
  readonly periodEnd: Timestamp;
  /**
   * The activity window, a whole number of calendar days in `timeZone`: a customer is a customer
   * at instant t when they purchased in the `activeWithin` days up to t (as in `customerCounts`).
   */
  readonly activeWithin: number;
  /**
   * Start of the previous period, which ends at `periodStart`: its churn rate becomes
   * `previousChurnRate`, which the plan's cadence compares with. Omitted: no previous churn.
   */
  readonly previousPeriodStart?: Timestamp;
  /** How purchases are grouped into orders (as in `summarizeTransactions`); default `'day'`. */
  readonly granularity?: Granularity;
  /** Time zone of the date boundaries and calendar periods; default `'UTC'`. */
  readonly timeZone?: TimeZone;
  /** Unit of numeric timestamps in the log and the options: `'s'`, `'ms'` (default), `'us'`, `'ns'`. */
  readonly timeUnit?: TimeUnit;
}

/** The metrics {@link planMetricsFromLog} measures: a `PlanMetricsSnapshot` of Decimals. */
export interface PlanMetricsFromLog {
  /** Churn rate over (periodStart, periodEnd]; absent when no customer was active at the start. */
  readonly churnRate?: Decimal;
  /** Churn rate of the previous period; absent without `previousPeriodStart` or customers then. */
  readonly previousChurnRate?: Decimal;
  /** Retention rate over the period; absent when `churnRate` is. */
  readonly retentionRate?: Decimal;
  /** Revenue per order, over every purchase up to `periodEnd`. */
  readonly averageOrderValue: Decimal;
  /** Orders per customer, over every customer who bought up to `periodEnd`. */
  readonly purchaseFrequency: Decimal;
  /** Share of those customers with more than one order. */
  readonly repeatPurchaseRate: Decimal;
}

const given = z.custom<unknown>((value) => value !== undefined, { message: 'is required' });

/**
 * The schema of {@link PlanMetricsFromLogOptions}: the fields are required or optional as listed;
 * their values are checked by `customerCounts` and `summarizeTransactions`, which read them.
 *
 * @category Schemas
 */
export const planMetricsFromLogOptionsSchema = strictObject({
  periodStart: withJson(given.clone(), instantInputJson()),
  periodEnd: withJson(given.clone(), instantInputJson()),
  activeWithin: withJson(given.clone(), jsonFragmentOf(calendarDaysSchema) ?? {}),
  previousPeriodStart: z.optional(withJson(z.unknown(), instantInputJson())),
  granularity: z.optional(withJson(z.unknown(), { enum: [...granularitySchema.options] })),
  timeZone: z.optional(withJson(z.unknown(), { type: 'string' })),
  timeUnit: z.optional(withJson(z.unknown(), { enum: [...timeUnitSchema.options] })),
});

const FN = 'planMetricsFromLog';

/** Runs `call`; an error of the function it calls is re-thrown as this function's, with context. */
function within<T>(fn: string, context: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (!isRetentionMetricsError(error)) throw error;
    throw new RetentionMetricsError(error.code, `${fn}: ${context}: ${error.message}`, {
      path: error.path,
      issues: error.issues,
      cause: error,
    });
  }
}

/**
 * Measures the metrics a retention plan starts from, from a transaction log, in one call:
 * `buildRetentionPlan({ locale, metrics: planMetricsFromLog(log, options) })`.
 *
 * Definitions (each is the library function of the same name, so the values are those of the
 * individual calls):
 * - `churnRate`, `retentionRate`: from `customerCounts(log, { periodStart, periodEnd,
 *   activeWithin })` — S customers active at `periodStart`, E at `periodEnd`, N new in between;
 *   retention `(E − N) / S`, churn `1 − (E − N) / S`. Absent when S = 0 (no customer to lose), so
 *   the plan lists them under "measure first".
 * - `previousChurnRate`: the same for the period from `previousPeriodStart` to `periodStart`.
 * - `averageOrderValue` (revenue / orders), `purchaseFrequency` (orders / customers) and
 *   `repeatPurchaseRate` (customers with more than one order / customers): from
 *   `summarizeTransactions(log, { asOf: periodEnd, granularity, timeZone })`, over every purchase
 *   up to `periodEnd`; revenue is summed exactly.
 *
 * Rates are fractions, AOV in the log's currency; every value is an exact `Decimal`. Customer
 * lifetime value is not derived here (choose a method with `customerLifetimeValue` and add it to
 * the snapshot).
 *
 * @param log - A transaction log, as for `summarizeTransactions` (rows or columns).
 * @param options - `periodStart`, `periodEnd`, `activeWithin` (days), and optionally
 *   `previousPeriodStart`, `granularity`, `timeZone` and `timeUnit` (passed to every call, so that
 *   the date boundaries and numeric timestamps are read alike).
 * @returns The metrics snapshot, ready for `buildRetentionPlan`'s `metrics`.
 * @throws {RetentionMetricsError} `EMPTY_INPUT` when the log has no purchase up to `periodEnd`
 *   (its metrics are means and rates of the purchases).
 * @throws {RetentionMetricsError} `INVALID_INPUT` when an option is missing or unknown, or a row
 *   or an option value is rejected by `customerCounts` or `summarizeTransactions` (the message
 *   names this function, the call and the field).
 *
 * @example
 * ```ts
 * import { buildRetentionPlan, planMetricsFromLog } from 'retention-metrics';
 * const log = [
 *   { customerId: 'a', at: '2024-01-10', amount: 10 }, { customerId: 'a', at: '2024-03-20', amount: 30 },
 *   { customerId: 'b', at: '2024-01-20', amount: 20 },
 *   { customerId: 'c', at: '2023-10-01', amount: 5 }, { customerId: 'c', at: '2024-03-01', amount: 15 },
 *   { customerId: 'd', at: '2024-02-15', amount: 40 },
 * ];
 * const metrics = planMetricsFromLog(log, { periodStart: '2024-01-31', periodEnd: '2024-03-31', activeWithin: 60 });
 * [metrics.churnRate, metrics.retentionRate, metrics.averageOrderValue, metrics.purchaseFrequency, metrics.repeatPurchaseRate].map(String); // => ['0.5', '0.5', '20', '1.5', '0.5']
 * const plan = buildRetentionPlan({ locale: 'en-GB', metrics });
 * plan.kpis.find((kpi) => kpi.metric === 'churnRate')?.baseline; // => '0.5'
 * planMetricsFromLog([], { periodStart: '2024-01-31', periodEnd: '2024-03-31', activeWithin: 60 }); // => throws EMPTY_INPUT
 * ```
 * @category Plan
 */
export function planMetricsFromLog(
  log: TransactionLog,
  options: PlanMetricsFromLogOptions,
): PlanMetricsFromLog {
  parseInput(FN, planMetricsFromLogOptionsSchema, options, 'options');
  const own = ownInput(options);
  const { periodStart, periodEnd, activeWithin, previousPeriodStart, granularity } = own;
  // The time zone and the timestamp unit go to every call, so that all read the log alike.
  const zone = {
    ...(own.timeZone === undefined ? {} : { timeZone: own.timeZone }),
    ...(own.timeUnit === undefined ? {} : { timeUnit: own.timeUnit }),
  };
  const counts = (start: Timestamp, end: Timestamp, context: string): CustomerCounts =>
    within(FN, context, () =>
      customerCounts(log, { periodStart: start, periodEnd: end, activeWithin, ...zone }),
    );
  const current = counts(periodStart, periodEnd, 'customerCounts of the period');
  const previous =
    previousPeriodStart === undefined
      ? undefined
      : counts(
          previousPeriodStart,
          periodStart,
          'customerCounts of the previous period (previousPeriodStart to periodStart)',
        );
  const summaries = within(FN, 'summarizeTransactions up to periodEnd', () =>
    summarizeTransactions(log, {
      asOf: periodEnd,
      ...(granularity === undefined ? {} : { granularity }),
      ...zone,
    }),
  );
  if (summaries.length === 0) throw nothingToMeasure(FN, 'log has no purchase up to periodEnd');
  let orders = 0;
  let repeatCustomers = 0;
  const { orders: orderColumn, totalRevenue } = summaries.columns;
  const revenues: Decimal[] = [];
  for (let i = 0; i < summaries.length; i++) {
    const k = orderColumn[i] as number;
    orders += k;
    if (k > 1) repeatCustomers++;
    revenues.push(totalRevenue.at(i));
  }
  const revenue = sumExact(revenues);
  return {
    ...rates(current, previous),
    ...orderMetrics(revenue, orders, summaries.length, repeatCustomers),
  };
}

/** `EMPTY_INPUT`: nothing to measure the means and rates on. */
function nothingToMeasure(fn: string, what: string): RetentionMetricsError {
  const field = what.split(' ')[0] ?? '';
  return new RetentionMetricsError(
    'EMPTY_INPUT',
    `${fn}: ${what}, so there is nothing to measure`,
    {
      path: [field],
    },
  );
}

/** Churn and retention of the period, and the previous period's churn; absent where S = 0. */
function rates(
  current: RetentionRateInput | undefined,
  previous: ChurnRateInput | undefined,
): Pick<PlanMetricsFromLog, 'churnRate' | 'retentionRate' | 'previousChurnRate'> {
  const started = (counts: { readonly startCustomers: unknown } | undefined) =>
    counts !== undefined && parseNumeric(counts.startCustomers)?.isZero() !== true;
  return {
    ...(current !== undefined && started(current)
      ? { churnRate: churnRate(current), retentionRate: retentionRate(current) }
      : {}),
    ...(previous !== undefined && started(previous)
      ? { previousChurnRate: churnRate(previous) }
      : {}),
  };
}

/** AOV, purchase frequency and repeat-purchase rate of customers' orders. */
function orderMetrics(
  revenue: Decimal,
  orders: number,
  customers: number,
  repeatCustomers: number,
): Pick<PlanMetricsFromLog, 'averageOrderValue' | 'purchaseFrequency' | 'repeatPurchaseRate'> {
  return {
    averageOrderValue: averageOrderValue({ revenue, orders }),
    purchaseFrequency: purchaseFrequency({ orders, customers }),
    repeatPurchaseRate: repeatPurchaseRate({ customers, repeatCustomers }),
  };
}

/** Options of {@link planMetricsFromSummaries}. */
export interface PlanMetricsFromSummariesOptions {
  /**
   * The counts of the period, e.g. `customerCounts(log, …)` as it is: churn and retention come
   * from them (absent when `startCustomers` is 0).
   */
  readonly counts?: RetentionRateInput;
  /** The counts of the previous period, either form of `churnRate`'s input: its churn rate. */
  readonly previousCounts?: ChurnRateInput;
}

/** The metrics {@link planMetricsFromSummaries} measures. */
export type PlanMetricsFromSummaries = PlanMetricsFromLog;

const FROM_SUMMARIES = 'planMetricsFromSummaries';

/**
 * Measures the metrics a retention plan starts from, from customer summaries (and, for churn
 * and retention, the customer counts of the period), in one call: for summaries built elsewhere
 * (an accumulator merged across workers, summaries read back from JSON, a warehouse's summary
 * table).
 *
 * - `averageOrderValue` (revenue / orders), `purchaseFrequency` (orders / customers) and
 *   `repeatPurchaseRate` (customers with more than one order / customers), over the summaries;
 *   revenue is summed exactly.
 * - `churnRate`, `retentionRate`: `churnRate(counts)` and `retentionRate(counts)` when `counts`
 *   is given and its `startCustomers` is not 0; `previousChurnRate`: `churnRate(previousCounts)`.
 *
 * @param summaries - Customer summaries, rows or columns, as `rfmScores` takes them (customer id,
 *   first and last purchase, orders, total revenue).
 * @param options - `counts` and `previousCounts`, both optional.
 * @returns The metrics snapshot, ready for `buildRetentionPlan`'s `metrics`.
 * @throws {RetentionMetricsError} `EMPTY_INPUT` when there are no summaries.
 * @throws {RetentionMetricsError} `INVALID_INPUT` for a bad summary (named `summaries[i].field`),
 *   an unknown option, or counts that `retentionRate` or `churnRate` reject.
 *
 * @example
 * ```ts
 * import { planMetricsFromSummaries } from 'retention-metrics';
 * const summaries = [
 *   { customerId: 'a', firstPurchaseAt: '2024-01-10', lastPurchaseAt: '2024-03-20', orders: 2, totalRevenue: '40' },
 *   { customerId: 'b', firstPurchaseAt: '2024-01-20', lastPurchaseAt: '2024-01-20', orders: 1, totalRevenue: '20' },
 * ];
 * const metrics = planMetricsFromSummaries(summaries, { counts: { startCustomers: 2, endCustomers: 1 } });
 * [metrics.averageOrderValue, metrics.purchaseFrequency, metrics.repeatPurchaseRate, metrics.churnRate].map(String); // => ['20', '1.5', '0.5', '0.5']
 * planMetricsFromSummaries([]); // => throws EMPTY_INPUT
 * ```
 * @category Plan
 */
export function planMetricsFromSummaries(
  summaries: SegmentationInput,
  options: PlanMetricsFromSummariesOptions = {},
): PlanMetricsFromSummaries {
  parseInput(FROM_SUMMARIES, planMetricsFromSummariesOptionsSchema, options, 'options');
  const own = ownInput(options);
  const table = readSummaries(FROM_SUMMARIES, summaries);
  if (table.size === 0) throw nothingToMeasure(FROM_SUMMARIES, 'summaries is empty');
  const revenue = new ExactSum();
  let orders = 0;
  let repeatCustomers = 0;
  for (let i = 0; i < table.size; i++) {
    const n = table.orders[i] as number;
    orders += n;
    if (n > 1) repeatCustomers++;
    table.addRevenueTo(revenue, i);
  }
  return {
    ...within(FROM_SUMMARIES, 'counts', () => rates(own.counts, own.previousCounts)),
    ...orderMetrics(revenue.value(), orders, table.size, repeatCustomers),
  };
}

/** The JSON Schema of a counts option: `customerCounts`' result, read as `retentionRate` reads it. */
function countsJson(whose: string): JsonSchema {
  return {
    type: 'object',
    required: ['startCustomers', 'endCustomers'],
    description: `${whose} customerCounts result.`,
  };
}

/**
 * The schema of {@link PlanMetricsFromSummariesOptions}'s shape; the counts are checked by
 * `retentionRate` and `churnRate`.
 *
 * @category Schemas
 */
export const planMetricsFromSummariesOptionsSchema = strictObject({
  counts: z.optional(withJson(z.unknown(), countsJson("The period's"))),
  previousCounts: z.optional(withJson(z.unknown(), countsJson("The previous period's"))),
});
