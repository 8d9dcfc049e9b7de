import * as z from 'zod/mini';
import {
  boundaryOf,
  checkBoundaries,
  instantInputSchema,
  timeZoneSchema,
} from '../core/boundary.js';
import { checkLength } from '../core/bounds.js';
import { describeValue, parseInput, RetentionMetricsError } from '../core/errors.js';
import { type TimeUnit, timeUnitSchema } from '../core/instant.js';
import type { Numeric } from '../core/numeric.js';
import { ownField } from '../core/own.js';
import { type CalendarUnit, periodKeyFunction } from '../core/period.js';
import { strictObject, unitDaysSchema } from '../core/schemas.js';
import { resolveZone, type TimeZone, type Zone } from '../core/time.js';
import { PERIOD_LENGTH_IN_DAYS } from '../metrics/churn.js';

export type { TimeUnit };

/**
 * A customer's identifier: a string or a finite number. `1` and `'1'` are different customers.
 * A log may also hold `bigint` ids (BIGINT keys from DuckDB or Arrow): a safe integer becomes
 * that number, a larger one its decimal string.
 */
export type CustomerId = string | number;

/**
 * A point in time: a `Date` or an ISO-8601 string (extended `'2024-01-31T15:00:00Z'` or basic
 * `'20240131T150000Z'`) from 1900 to 2199, or a number or `bigint` of epoch time in the caller's
 * `timeUnit` (milliseconds by default) from 1971 to 2199. A date-time string without an offset is
 * UTC; a date-only string (`'2024-01-31'`, `'20240131'`) names that calendar day in the time zone
 * of the computation.
 */
export type Timestamp = Date | string | number | bigint;

/**
 * An exact decimal as DuckDB's Node client (`@duckdb/node-api`) returns a `DECIMAL(width, scale)`
 * value: the number `value / 10^scale`. It is read from `value` and `scale`, exactly.
 */
export interface ScaledDecimal {
  readonly width: number;
  readonly scale: number;
  readonly value: bigint;
}

/**
 * An amount of money in currency units, ≥ 0: a number, a decimal string, a `Decimal`, a `bigint`
 * (whole units) or a {@link ScaledDecimal}.
 */
export type Amount = Numeric | bigint | ScaledDecimal;

/** One purchase. */
export interface Transaction {
  /** Who bought (a `bigint` is read as described at {@link CustomerId}). */
  readonly customerId: CustomerId | bigint;
  /** When. */
  readonly at: Timestamp;
  /** How much, in currency units, ≥ 0. */
  readonly amount: Amount;
}

/** A list-like column: an array or a typed array. */
export type Column<T> = ArrayLike<T>;

/**
 * A log in column form, e.g. straight from Arrow, Polars or DuckDB: three columns of equal length.
 * Typed arrays are read without copying (`Float64Array` or `BigInt64Array` of epoch times in
 * `timeUnit`, `Float64Array` of amounts, `Int32Array` or `BigInt64Array` of customer ids, …).
 */
export interface TransactionColumns {
  readonly customerId: Column<CustomerId | bigint>;
  readonly at: Column<Timestamp>;
  readonly amount: Column<Amount>;
}

/** A transaction log: rows (`Transaction[]`) or columns ({@link TransactionColumns}). Order does not matter. */
export type TransactionLog = readonly Transaction[] | TransactionColumns;

/** How purchases are grouped into orders: same-period purchases of a customer become one order. */
export type Granularity = CalendarUnit | 'none';

/** The unit of `recency` and `T`: a calendar unit, or a length in days (`7` = weeks). */
export type DurationUnit = 'day' | 'week' | 'month' | number;

/** @internal */
export const granularitySchema = z.enum(['day', 'week', 'month', 'quarter', 'year', 'none']);

/** @internal */
export const durationUnitSchema = z.union([z.enum(['day', 'week', 'month']), unitDaysSchema]);

/**
 * The options shared by the summary functions: the observation end, the order granularity, the
 * unit of durations, the time zone of calendar days and the unit of numeric timestamps.
 *
 * @category Schemas
 */
export const summaryOptionsSchema = strictObject({
  asOf: instantInputSchema,
  granularity: z.optional(granularitySchema),
  unit: z.optional(durationUnitSchema),
  timeZone: z.optional(timeZoneSchema),
  timeUnit: z.optional(timeUnitSchema),
  form: z.optional(z.enum(['rows', 'table'])),
}).check(z.superRefine((v, ctx) => checkBoundaries(ctx, v, ['asOf'])));

/** Options of {@link summarizeTransactions} and {@link createSummaryAccumulator}. */
export interface SummaryOptions {
  /**
   * The end of observation ("now"), inclusive; purchases after it are left out (and counted). A
   * date-only string (`'2024-06-30'`) names that whole calendar day in `timeZone`: purchases up
   * to the end of that local day are observed. Any other value is the instant it names (a number
   * or bigint in `timeUnit`).
   */
  readonly asOf: Timestamp;
  /** Same-period purchases of a customer collapse into one order. Default `'day'`. */
  readonly granularity?: Granularity;
  /** Unit of `recency` and `T`. Default `'day'`. */
  readonly unit?: DurationUnit;
  /** Time zone of calendar days and periods. Default `'UTC'`. */
  readonly timeZone?: TimeZone;
  /** Unit of numeric timestamps (in the log and in `asOf`). Default `'ms'`. */
  readonly timeUnit?: TimeUnit;
}

/** Options of `summarizeTransactions`: {@link SummaryOptions} and the form of the result. */
export interface SummarizeOptions extends SummaryOptions {
  /**
   * `'table'` (default): a `CustomerSummaryTable` of typed columns; `'rows'`: an array of
   * `CustomerSummary` with the same values. (Accepted by the accumulator's options too, where it
   * changes nothing: `result()` gives rows and `table()` a table.)
   */
  readonly form?: 'rows' | 'table';
}

/** Resolved summary options. @internal */
export interface ResolvedOptions {
  /** Rows at or after this instant (epoch ms) are left out: the exclusive end of `asOf`. */
  readonly end: number;
  /** Where durations are measured to without granularity: `asOf`, or the end of its day. */
  readonly at: number;
  readonly granularity: Granularity;
  readonly unit: DurationUnit;
  readonly zone: Zone;
  readonly timeUnit: TimeUnit;
  /** The options as resolved, for serialisation and comparison. */
  readonly key: string;
  /** `asOf` as given, when the options were given (not restored from JSON). */
  readonly asOf?: Timestamp;
  /** The form of `summarizeTransactions`' result. */
  readonly form?: 'rows' | 'table';
}

/** Resolved options of the given parts. @internal */
export function resolvedOptions(
  end: number,
  at: number,
  granularity: Granularity,
  unit: DurationUnit,
  zone: Zone,
  timeUnit: TimeUnit,
): ResolvedOptions {
  return {
    end,
    at,
    granularity,
    unit,
    zone,
    timeUnit,
    // With a granularity, durations end at the period of `end`: `at` plays no part.
    key: JSON.stringify([end, granularity === 'none' ? at : null, granularity, unit, zone.name]),
  };
}

/**
 * The first option in which two resolved options differ, as `'field: this vs other'` for a
 * message; `undefined` when they agree (equal keys).
 *
 * @internal
 */
export function optionsDifference(a: ResolvedOptions, b: ResolvedOptions): string | undefined {
  if (a.key === b.key) return undefined;
  const upTo = (o: ResolvedOptions) => `up to ${new Date(o.end - 1).toISOString()}`;
  // The zone first: another zone moves a date-only asOf's day too.
  if (a.zone.name !== b.zone.name) return `timeZone: '${a.zone.name}' vs '${b.zone.name}'`;
  if (a.granularity !== b.granularity)
    return `granularity: '${a.granularity}' vs '${b.granularity}'`;
  if (a.unit !== b.unit) return `unit: ${JSON.stringify(a.unit)} vs ${JSON.stringify(b.unit)}`;
  // What is left of the key: the end of asOf (and, without granularity, asOf itself).
  return `asOf: ${upTo(a)} vs ${upTo(b)}`;
}

/**
 * The period key where durations to an end stop: the period holding the end's last instant, or,
 * without granularity, the instant `at` itself.
 *
 * @internal
 */
export function endKeyOf(end: number, at: number, granularity: Granularity, zone: Zone): number {
  return granularity === 'none' ? at : periodKeyFunction(granularity, zone)(end - 1);
}

/** @internal */
export function resolveSummaryOptions(fn: string, options: unknown): ResolvedOptions {
  const v = parseInput(fn, summaryOptionsSchema, options, 'options');
  const zone = resolveZone(v.timeZone ?? 'UTC') as Zone;
  const timeUnit = v.timeUnit ?? 'ms';
  const asOf = boundaryOf(fn, 'asOf', v.asOf, zone, timeUnit);
  return {
    ...resolvedOptions(asOf.end, asOf.at, v.granularity ?? 'day', v.unit ?? 'day', zone, timeUnit),
    asOf: v.asOf,
    form: v.form ?? 'table',
  };
}

const DAYS_PER_MONTH = Number(PERIOD_LENGTH_IN_DAYS.month);

/** Length of a {@link DurationUnit} in days. @internal */
export function unitDays(unit: DurationUnit): number {
  if (typeof unit === 'number') return unit;
  return unit === 'day' ? 1 : unit === 'week' ? 7 : DAYS_PER_MONTH;
}

/** Rows in a log, checking that columns have equal lengths. @internal */
export function logLength(fn: string, log: unknown): number {
  if (Array.isArray(log)) {
    const named = (['customerId', 'at', 'amount'] as const).find((name) =>
      Object.hasOwn(log, name),
    );
    if (named !== undefined) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: log is an array of rows that also has a column ${named}: give either an array of rows or an object of columns, not both`,
        { path: ['log', named] },
      );
    }
    return log.length;
  }
  if (typeof log !== 'object' || log === null) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: log must be an array of transactions or an object of columns (received ${describeValue(log)})`,
      { path: ['log'] },
    );
  }
  // A result table (summaries, scores, classes) where purchases belong: its rows are no log.
  if (typeof ownField(log, 'toRows') === 'function' && ownField(log, 'columns') !== undefined) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: log is a result table (customer summaries, scores or classes), not a transaction log: pass the purchases, as rows of { customerId, at, amount } or as those columns`,
      { path: ['log'] },
    );
  }
  // An iterable of rows (a generator, a Set, a Map) is not read: ask for an array.
  if (
    typeof (log as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function' &&
    !['customerId', 'at', 'amount'].some((name) => ownField(log, name) !== undefined)
  ) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: log must be an array of transactions or an object of columns (received ${describeValue(log)}): make it an array first (Array.from)`,
      { path: ['log'] },
    );
  }
  const columns = log as Partial<Record<keyof TransactionColumns, unknown>>;
  let length = -1;
  for (const name of ['customerId', 'at', 'amount'] as const) {
    const column = ownField(columns, name) as { length?: unknown } | undefined;
    if (typeof column !== 'object' || column === null || typeof column.length !== 'number') {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: log.${name} must be an array or typed array (received ${describeValue(column)})`,
        { path: ['log', name] },
      );
    }
    checkLength(fn, ['log', name], column.length);
    if (length === -1) length = column.length;
    else if (column.length !== length) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: log.${name} has ${column.length} values but log.customerId has ${length}: columns must have equal lengths`,
        { path: ['log', name] },
      );
    }
  }
  return length;
}
