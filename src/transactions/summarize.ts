import { z } from 'zod';
import { checkBoundaries, instantInputSchema, timeZoneSchema } from '../core/boundary.js';
import { parseInput, RetentionMetricsError } from '../core/errors.js';
import { periodKeyFunction, periodStartInstant } from '../core/period.js';
import { addIssue } from '../core/schemas.js';
import { resolveZone, type TimeZone, type Zone } from '../core/time.js';
import {
  type Accumulator,
  accumulatorOf,
  allRowsAfter,
  type CustomerSummary,
  newAccumulator,
  type SummaryAccumulator,
  type SummaryAccumulatorJSON,
} from './accumulator.js';
import {
  type CustomerId,
  type DurationUnit,
  type Granularity,
  type ResolvedOptions,
  resolvedOptions,
  type SummaryOptions,
  summaryOptionsSchema,
  type Timestamp,
  type TimeUnit,
  type TransactionLog,
} from './log.js';

/**
 * Per-customer summaries of a transaction log: orders, repeat frequency, recency, age `T`, exact
 * revenue, average order value and mean repeat spend — the input of RFM segmentation and of the
 * BG/NBD, Pareto/NBD and Gamma-Gamma models.
 *
 * Conventions (those of lifetimes' `summary_data_from_transaction_data`, BTYD and CLVTools):
 * - purchases of a customer in the same `granularity` period (default `'day'`, in `timeZone`,
 *   default UTC) collapse into one order whose amount is their sum; `'none'` keeps every distinct
 *   timestamp as its own order;
 * - `frequency` = orders − 1 (repeat purchases); `recency` = first to last order period and `T` =
 *   first order period to the period of `asOf`, both in `unit` (`'day'`, `'week'` = 7 days,
 *   `'month'` = 30.436875 days or whole calendar months with `granularity: 'month'`, or a number
 *   of days) and fractional where the unit is longer than the granularity;
 * - `asOf` is inclusive of its whole period; later purchases are left out;
 * - `monetaryValue` is the mean of the repeat orders only (the first order is excluded), 0 when
 *   frequency is 0 — the Gamma-Gamma convention; `averageOrderValue` includes every order.
 *
 * Money is exact: `totalRevenue` equals Decimal summation of the customer's amounts. The result is
 * ordered by customer id (numbers ascending, then strings) and does not depend on the order of the
 * log. Cost: one pass, memory per customer and per distinct purchase period.
 *
 * @param log - Rows `{ customerId, at, amount }` or columns of the same; `at` is a `Date`, an
 *   ISO-8601 string (UTC unless it has an offset) or epoch ms; `amount` ≥ 0.
 * @param options - {@link SummaryOptions}: `asOf` (required), `granularity`, `unit`, `timeZone`.
 * @returns One {@link CustomerSummary} per customer with a purchase up to `asOf`.
 * @throws {RetentionMetricsError} `INVALID_INPUT` for a bad row (named `log[i].field`: a missing
 *   id, an unparseable date, a negative or non-finite amount), columns of unequal length, or bad
 *   options.
 *
 * @example
 * ```ts
 * import { summarizeTransactions } from 'retention-metrics';
 * const log = [
 *   { customerId: 'a', at: '2024-01-01T09:00:00Z', amount: '10.00' },
 *   { customerId: 'a', at: '2024-01-01T17:30:00Z', amount: '5.50' },
 *   { customerId: 'a', at: '2024-01-15', amount: '20.00' },
 *   { customerId: 'b', at: '2024-01-29', amount: '7.25' },
 * ];
 * const [a, b] = summarizeTransactions(log, { asOf: '2024-01-29', unit: 'week' });
 * [a.orders, a.frequency, a.recency, a.T]; // => [2, 1, 2, 4]
 * [a.totalRevenue.toString(), a.averageOrderValue.toString(), a.monetaryValue.toString()]; // => ['35.5', '17.75', '20']
 * [b.frequency, b.T, b.monetaryValue.toString()]; // => [0, 0, '0']
 * ```
 * @category Transactions
 */
export function summarizeTransactions(
  log: TransactionLog,
  options: SummaryOptions,
): CustomerSummary[] {
  return newAccumulator('summarizeTransactions', options).summarize(log);
}

/**
 * Creates an empty {@link SummaryAccumulator}: feed it rows with `add` / `addMany` in as many
 * pieces as you like, merge accumulators built elsewhere (worker threads, processes, machines,
 * via `toJSON` and {@link summaryAccumulatorFromJSON}), and read the summaries with `result()`.
 *
 * Per-customer summaries form a monoid: the result of merged partial accumulators over any
 * partition of a log, in any order, equals `summarizeTransactions` of the whole log exactly.
 *
 * @param options - As for {@link summarizeTransactions}; merged accumulators must have equal options.
 * @returns An empty accumulator.
 * @throws {RetentionMetricsError} `INVALID_INPUT` for bad options.
 *
 * @example
 * ```ts
 * import { createSummaryAccumulator, summaryAccumulatorFromJSON } from 'retention-metrics';
 * const options = { asOf: '2024-01-29', unit: 'week' } as const;
 * const morning = createSummaryAccumulator(options).add({ customerId: 'a', at: '2024-01-01', amount: 10 });
 * const evening = createSummaryAccumulator(options).addMany([{ customerId: 'a', at: '2024-01-15', amount: 20 }]);
 * const shipped = summaryAccumulatorFromJSON(JSON.parse(JSON.stringify(evening)));
 * const [a] = morning.merge(shipped).result();
 * [a.frequency, a.recency, a.totalRevenue.toString()]; // => [1, 2, '30']
 * ```
 * @category Transactions
 */
export function createSummaryAccumulator(options: SummaryOptions): SummaryAccumulator {
  return newAccumulator('createSummaryAccumulator', options);
}

const customerIdSchema = z.union([z.string(), z.number().finite()]);
const exactAmountSchema = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal string');
const jsonGranularitySchema = z.enum(['day', 'week', 'month', 'none']);
const jsonUnitSchema = z.union([z.enum(['day', 'week', 'month']), z.number().positive().finite()]);

const jsonCustomersSchema = z.array(
  z
    .tuple([
      customerIdSchema,
      z.number().finite(),
      z.number().finite(),
      z.array(z.number().finite()).min(1),
      exactAmountSchema,
      exactAmountSchema,
      z.number().int().positive(),
    ])
    .superRefine((row, ctx) => {
      if (new Set(row[3]).size !== row[3].length) addIssue(ctx, 'must not repeat a period', [3]);
    }),
);

/**
 * The schema of {@link SummaryAccumulatorJSON}: version 2, and version 1 as written by 0.1.0.
 *
 * @category Schemas
 */
export const summaryAccumulatorJSONSchema = z.discriminatedUnion('version', [
  z.strictObject({
    format: z.literal('retention-metrics/summary-accumulator'),
    version: z.literal(2),
    options: z.tuple([
      z.number().finite(),
      z.number().finite(),
      jsonGranularitySchema,
      jsonUnitSchema,
      timeZoneSchema,
    ]),
    rowsAfterAsOf: z.number().int().nonnegative(),
    customers: jsonCustomersSchema,
  }),
  z.strictObject({
    format: z.literal('retention-metrics/summary-accumulator'),
    version: z.literal(1),
    options: z.tuple([z.number().finite(), jsonGranularitySchema, jsonUnitSchema, timeZoneSchema]),
    rowsAfterAsOf: z.number().int().nonnegative(),
    customers: jsonCustomersSchema,
  }),
]);

/** The input of {@link summaryAccumulatorFromJSON}: the current form or version 1 of 0.1.0. */
export type SummaryAccumulatorJSONInput = z.input<typeof summaryAccumulatorJSONSchema>;

/**
 * The resolved options of a stored state. Version 1 stored `asOf` as an instant and observed
 * the whole `granularity` period holding it; that meaning is kept for states it wrote.
 */
function storedOptions(v: z.output<typeof summaryAccumulatorJSONSchema>): ResolvedOptions {
  if (v.version === 2) {
    const [end, at, granularity, unit, timeZone] = v.options;
    return resolvedOptions(end, at, granularity, unit, resolveZone(timeZone) as Zone, 'ms');
  }
  const [asOf, granularity, unit, timeZone] = v.options;
  const zone = resolveZone(timeZone) as Zone;
  if (granularity === 'none') return resolvedOptions(asOf + 1, asOf, granularity, unit, zone, 'ms');
  const next = periodKeyFunction(granularity, zone)(asOf) + 1;
  const end = periodStartInstant(next, granularity, zone);
  return resolvedOptions(end, asOf, granularity, unit, zone, 'ms');
}

/**
 * Restores an accumulator from the JSON of `toJSON()` (validated), so partial summaries can be
 * computed elsewhere and merged here. States written by version 0.1.0 (`version: 1`) load too.
 *
 * @param json - A {@link SummaryAccumulatorJSON}, e.g. `JSON.parse` of a message.
 * @returns The accumulator.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when `json` is not a valid accumulator, or a
 *   customer id repeats.
 *
 * @example
 * ```ts
 * import { createSummaryAccumulator, summaryAccumulatorFromJSON } from 'retention-metrics';
 * const acc = createSummaryAccumulator({ asOf: '2024-02-01' }).add({ customerId: 7, at: '2024-01-31', amount: '1.10' });
 * summaryAccumulatorFromJSON(acc.toJSON()).result()[0]?.totalRevenue.toString(); // => '1.1'
 * ```
 * @category Transactions
 */
export function summaryAccumulatorFromJSON(
  json: SummaryAccumulatorJSON | SummaryAccumulatorJSONInput,
): SummaryAccumulator {
  const fn = 'summaryAccumulatorFromJSON';
  const v = parseInput(fn, summaryAccumulatorJSONSchema, json);
  const accumulator: Accumulator = accumulatorOf(fn, storedOptions(v));
  const seen = new Set<CustomerId>();
  v.customers.forEach((row, i) => {
    if (seen.has(row[0])) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: customers[${i}] repeats customer ${JSON.stringify(row[0])}`,
        {
          path: ['customers', i, 0],
        },
      );
    }
    seen.add(row[0]);
  });
  accumulator.load(v);
  return accumulator;
}

/** Options of {@link calibrationHoldoutSummary}. */
export interface CalibrationHoldoutOptions {
  /** End of the calibration period, inclusive of its whole `granularity` period. */
  readonly calibrationEnd: Timestamp;
  /** End of the holdout (observation) period, inclusive; after `calibrationEnd`. */
  readonly observationEnd: Timestamp;
  /** As in {@link SummaryOptions}. Default `'day'`. */
  readonly granularity?: Granularity;
  /** As in {@link SummaryOptions}. Default `'day'`. */
  readonly unit?: DurationUnit;
  /** As in {@link SummaryOptions}. Default `'UTC'`. */
  readonly timeZone?: TimeZone;
  /** Unit of numeric timestamps (in the log and in the two ends). Default `'ms'`. */
  readonly timeUnit?: TimeUnit;
}

/** One customer's calibration summary and holdout counts. */
export interface CalibrationHoldoutSummary extends CustomerSummary {
  /** Orders (distinct purchase periods) in the holdout period (all of them repeat purchases). */
  readonly frequencyHoldout: number;
  /** Length of the holdout period, in `unit`: from the period of `calibrationEnd` to that of `observationEnd`. */
  readonly durationHoldout: number;
}

/** Result of {@link calibrationHoldoutSummary}. */
export interface CalibrationHoldoutResult {
  /** Customers whose first purchase is in the calibration period, by customer id. */
  readonly customers: CalibrationHoldoutSummary[];
  /** Customers left out because their first purchase falls in the holdout period. */
  readonly customersFirstSeenInHoldout: number;
  /** Rows left out because they are after `observationEnd`. */
  readonly rowsAfterObservationEnd: number;
}

/**
 * The schema of {@link CalibrationHoldoutOptions}.
 *
 * @category Schemas
 */
export const calibrationHoldoutOptionsSchema = z
  .strictObject({
    calibrationEnd: instantInputSchema,
    observationEnd: instantInputSchema,
    granularity: summaryOptionsSchema.shape.granularity,
    unit: summaryOptionsSchema.shape.unit,
    timeZone: summaryOptionsSchema.shape.timeZone,
    timeUnit: summaryOptionsSchema.shape.timeUnit,
  })
  .superRefine((v, ctx) => checkBoundaries(ctx, v, ['calibrationEnd', 'observationEnd']));

/**
 * Splits a log at `calibrationEnd`: per-customer summaries of the calibration period, plus the
 * orders each customer placed in the holdout period up to `observationEnd` — the data for fitting
 * a model on the calibration period and checking its forecast on the holdout (Fader, Hardie & Lee
 * 2005 use 39 + 39 weeks of CDNOW).
 *
 * The calibration summary follows the conventions of {@link summarizeTransactions} with
 * `asOf = calibrationEnd`. `frequencyHoldout` counts the distinct purchase periods after the period
 * of `calibrationEnd`, up to that of `observationEnd`; `durationHoldout` is the holdout's length
 * in `unit`. Customers whose first purchase falls in the holdout are left out and counted.
 *
 * @param log - As for {@link summarizeTransactions}.
 * @param options - {@link CalibrationHoldoutOptions}.
 * @returns The customers, the count of holdout-only customers and of rows after `observationEnd`.
 * @throws {RetentionMetricsError} `INVALID_INPUT` for a bad row, bad options, or
 *   `observationEnd` not after `calibrationEnd`.
 *
 * @example
 * ```ts
 * import { calibrationHoldoutSummary } from 'retention-metrics';
 * const log = [
 *   { customerId: 1, at: '2024-01-01', amount: 10 },
 *   { customerId: 1, at: '2024-01-08', amount: 10 },
 *   { customerId: 1, at: '2024-01-20', amount: 10 },
 *   { customerId: 1, at: '2024-01-21', amount: 10 },
 *   { customerId: 2, at: '2024-01-18', amount: 10 },
 * ];
 * const split = calibrationHoldoutSummary(log, { calibrationEnd: '2024-01-14', observationEnd: '2024-01-28', unit: 'week' });
 * split.customers.map((c) => [c.customerId, c.frequency, c.frequencyHoldout, c.durationHoldout]); // => [[1, 1, 2, 2]]
 * split.customersFirstSeenInHoldout; // => 1
 * ```
 * @category Transactions
 */
export function calibrationHoldoutSummary(
  log: TransactionLog,
  options: CalibrationHoldoutOptions,
): CalibrationHoldoutResult {
  const fn = 'calibrationHoldoutSummary';
  const v = parseInput(fn, calibrationHoldoutOptionsSchema, options);
  const shared = {
    ...(v.granularity === undefined ? {} : { granularity: v.granularity }),
    ...(v.unit === undefined ? {} : { unit: v.unit }),
    ...(v.timeZone === undefined ? {} : { timeZone: v.timeZone }),
    ...(v.timeUnit === undefined ? {} : { timeUnit: v.timeUnit }),
  };
  const all = newAccumulator(fn, { ...shared, asOf: v.observationEnd });
  const calibration = newAccumulator(fn, { ...shared, asOf: v.calibrationEnd });
  if (all.options.end <= calibration.options.end || all.asOfKey <= calibration.asOfKey) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: observationEnd must be in a later ${v.granularity ?? 'day'} than calibrationEnd (the holdout period would be empty)`,
      { path: ['observationEnd'] },
    );
  }
  all.addMany(log);
  if (all.size === 0 && all.rowsAfterAsOf > 0) {
    throw allRowsAfter(fn, all.rowsAfterAsOf, 'observationEnd');
  }
  calibration.addMany(log);
  const durationHoldout = all.elapsedBetween(calibration.asOfKey, all.asOfKey);
  // The holdout's first key: the period after calibrationEnd's, or its end without granularity.
  const holdoutFrom =
    calibration.options.granularity === 'none' ? calibration.options.end : calibration.asOfKey + 1;
  const holdoutOrders = all.ordersFrom(holdoutFrom);
  const customers = calibration.result().map((summary) => ({
    ...summary,
    frequencyHoldout: holdoutOrders.get(summary.customerId) ?? 0,
    durationHoldout,
  }));
  return {
    customers,
    customersFirstSeenInHoldout: all.size - calibration.size,
    rowsAfterObservationEnd: all.rowsAfterAsOf,
  };
}

/** A row of {@link compressSummaries}: one distinct `(frequency, recency, T)` and its count. */
export interface WeightedSummary {
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
  /** How many customers have exactly these values. */
  readonly weight: number;
}

/**
 * Groups customers with identical `(frequency, recency, T)` into weighted rows, so that model
 * fitting costs grow with distinct rows, not customers (2,357 CDNOW customers → 1,016 rows).
 * Rows are ordered by frequency, then recency, then T. Values are compared exactly.
 *
 * @param summaries - Objects with numeric `frequency`, `recency` and `T` (e.g. from {@link summarizeTransactions}).
 * @returns The distinct rows with their weights, which add up to the number of summaries.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when a summary lacks a field or holds a
 *   negative or non-finite value, or recency exceeds T.
 *
 * @example
 * ```ts
 * import { compressSummaries } from 'retention-metrics';
 * const rows = [{ frequency: 0, recency: 0, T: 30 }, { frequency: 2, recency: 10, T: 30 }, { frequency: 0, recency: 0, T: 30 }];
 * compressSummaries(rows); // => [{ frequency: 0, recency: 0, T: 30, weight: 2 }, { frequency: 2, recency: 10, T: 30, weight: 1 }]
 * ```
 * @category Transactions
 */
export function compressSummaries(
  summaries: readonly Pick<CustomerSummary, 'frequency' | 'recency' | 'T'>[],
): WeightedSummary[] {
  const v = parseInput('compressSummaries', compressInputSchema, summaries);
  const groups = new Map<
    string,
    { frequency: number; recency: number; T: number; weight: number }
  >();
  for (const s of v) {
    const key = `${s.frequency}|${s.recency}|${s.T}`;
    const group = groups.get(key);
    if (group === undefined)
      groups.set(key, { frequency: s.frequency, recency: s.recency, T: s.T, weight: 1 });
    else group.weight++;
  }
  return [...groups.values()].sort(
    (a, b) => a.frequency - b.frequency || a.recency - b.recency || a.T - b.T,
  );
}

const compressInputSchema = z.array(
  z
    .looseObject({
      frequency: z.number().int().nonnegative(),
      recency: z.number().nonnegative().finite(),
      T: z.number().nonnegative().finite(),
    })
    .superRefine((s, ctx) => {
      if (s.recency > s.T) addIssue(ctx, `(${s.recency}) must not exceed T (${s.T})`, ['recency']);
    }),
);
