import { z } from 'zod';
import {
  describeValue,
  invalidElement,
  parseInput,
  RetentionMetricsError,
} from '../core/errors.js';
import { instantOf } from '../core/instant.js';
import { type Decimal, type Numeric, parseNumeric } from '../core/numeric.js';
import type { CalendarUnit } from '../core/period.js';
import { addIssue, timestampSchema } from '../core/schemas.js';
import { centsOfNumber, centsOfString } from '../core/sum.js';
import { resolveZone, startOfLocalDay, type TimeZone, type Zone } from '../core/time.js';
import { PERIOD_LENGTH_IN_DAYS } from '../metrics/churn.js';

/** A customer's identifier: a string or a finite number. `1` and `'1'` are different customers. */
export type CustomerId = string | number;

/**
 * A point in time: a `Date`, an ISO-8601 string or epoch milliseconds. A date-time string without
 * an offset is UTC; a date-only string (`'2024-01-31'`) names that calendar day in the time zone
 * of the computation (its first instant), so it means the same day in every zone.
 */
export type Timestamp = Date | string | number;

/** One purchase. */
export interface Transaction {
  /** Who bought. */
  readonly customerId: CustomerId;
  /** When. */
  readonly at: Timestamp;
  /** How much, in currency units, ≥ 0. */
  readonly amount: Numeric;
}

/** A list-like column: an array or a typed array. */
export type Column<T> = ArrayLike<T>;

/**
 * A log in column form, e.g. straight from Arrow, Polars or DuckDB: three columns of equal length.
 * Typed arrays are read without copying (`Float64Array` of epoch ms and of amounts,
 * `Int32Array` of customer ids, …).
 */
export interface TransactionColumns {
  readonly customerId: Column<CustomerId>;
  readonly at: Column<Timestamp>;
  readonly amount: Column<Numeric>;
}

/** A transaction log: rows (`Transaction[]`) or columns ({@link TransactionColumns}). Order does not matter. */
export type TransactionLog = readonly Transaction[] | TransactionColumns;

/** How purchases are grouped into orders: same-period purchases of a customer become one order. */
export type Granularity = CalendarUnit | 'none';

/** The unit of `recency` and `T`: a calendar unit, or a length in days (`7` = weeks). */
export type DurationUnit = 'day' | 'week' | 'month' | number;

const granularitySchema = z.enum(['day', 'week', 'month', 'none']);

const durationUnitSchema = z.union([
  z.enum(['day', 'week', 'month']),
  z.number().positive().finite(),
]);

const timeZoneSchema = z.string().superRefine((value, ctx) => {
  if (resolveZone(value) === undefined) {
    addIssue(
      ctx,
      `must be 'UTC', an offset such as '+03:00', or an IANA time zone (received ${describeValue(value)})`,
      [],
    );
  }
});

/**
 * The options shared by the summary functions: the observation end, the order granularity, the
 * unit of durations and the time zone of calendar periods.
 *
 * @category Schemas
 */
export const summaryOptionsSchema = z.strictObject({
  asOf: timestampSchema,
  granularity: granularitySchema.optional(),
  unit: durationUnitSchema.optional(),
  timeZone: timeZoneSchema.optional(),
});

/** Options of {@link summarizeTransactions} and {@link createSummaryAccumulator}. */
export interface SummaryOptions {
  /**
   * The end of observation ("now"), inclusive. With a `granularity`, the whole period holding
   * `asOf` is observed: `asOf: '1997-09-30'` with `'day'` includes every purchase of that day.
   * Purchases after it are left out (and counted).
   */
  readonly asOf: Timestamp;
  /** Same-period purchases of a customer collapse into one order. Default `'day'`. */
  readonly granularity?: Granularity;
  /** Unit of `recency` and `T`. Default `'day'`. */
  readonly unit?: DurationUnit;
  /** Time zone of the calendar periods. Default `'UTC'`. */
  readonly timeZone?: TimeZone;
}

/** Resolved summary options. @internal */
export interface ResolvedOptions {
  readonly asOf: number;
  readonly granularity: Granularity;
  readonly unit: DurationUnit;
  readonly zone: Zone;
  /** The options as given, normalised for serialisation and comparison. */
  readonly key: string;
}

/** @internal */
export function resolveSummaryOptions(fn: string, options: unknown): ResolvedOptions {
  const v = parseInput(fn, summaryOptionsSchema, options);
  const granularity = v.granularity ?? 'day';
  const unit = v.unit ?? 'day';
  const timeZone = v.timeZone ?? 'UTC';
  const zone = resolveZone(timeZone) as Zone;
  const asOf = localDateInstant((options as { asOf?: unknown }).asOf, v.asOf, zone);
  return {
    asOf,
    granularity,
    unit,
    zone,
    key: JSON.stringify([asOf, granularity, unit, zone.name]),
  };
}

/** A date-only ISO string, which names a calendar day. @internal */
export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date-only `'YYYY-MM-DD'` names a calendar day in the time zone of the summary, so it stands
 * for the first instant of that local day; any other timestamp is the instant it names.
 *
 * @internal
 */
export function localDateInstant(raw: unknown, ms: number, zone: Zone): number {
  return typeof raw === 'string' && DATE_ONLY.test(raw) ? startOfLocalDay(ms, zone) : ms;
}

const DAYS_PER_MONTH = Number(PERIOD_LENGTH_IN_DAYS.month);

/** Length of a {@link DurationUnit} in days. @internal */
export function unitDays(unit: DurationUnit): number {
  if (typeof unit === 'number') return unit;
  return unit === 'day' ? 1 : unit === 'week' ? 7 : DAYS_PER_MONTH;
}

/** Rows in a log, checking that columns have equal lengths. @internal */
export function logLength(fn: string, log: unknown): number {
  if (Array.isArray(log)) return log.length;
  if (typeof log !== 'object' || log === null) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: log must be an array of transactions or an object of columns (received ${describeValue(log)})`,
      { path: ['log'] },
    );
  }
  const columns = log as Partial<Record<keyof TransactionColumns, unknown>>;
  let length = -1;
  for (const name of ['customerId', 'at', 'amount'] as const) {
    const column = columns[name] as { length?: unknown } | undefined;
    if (typeof column !== 'object' || column === null || typeof column.length !== 'number') {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: log.${name} must be an array or typed array (received ${describeValue(column)})`,
        { path: ['log', name] },
      );
    }
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

/** @internal */
export function checkId(fn: string, index: number, id: unknown): CustomerId {
  if (typeof id === 'string') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  throw invalidElement(fn, 'log', index, 'customerId', 'a string or a finite number', id);
}

/** @internal */
export function checkTime(fn: string, index: number, at: unknown): number {
  if (typeof at === 'number' && at <= 8.64e15 && at >= -8.64e15) return at; // NaN fails both
  const ms = instantOf(at);
  if (Number.isNaN(ms)) {
    throw invalidElement(
      fn,
      'log',
      index,
      'at',
      'a valid Date, an ISO-8601 string or epoch milliseconds',
      at,
    );
  }
  return ms;
}

/**
 * A validated amount: its cents (a number) when it has at most two decimals, the fast path, or
 * else its exact Decimal.
 *
 * @internal
 */
export function checkAmount(fn: string, index: number, amount: unknown): number | Decimal {
  if (typeof amount === 'number') {
    if (amount >= 0 && amount < Number.POSITIVE_INFINITY) {
      const cents = centsOfNumber(amount);
      if (!Number.isNaN(cents)) return cents;
    }
  } else if (typeof amount === 'string') {
    const cents = centsOfString(amount);
    if (!Number.isNaN(cents) && amount[0] !== '-') return cents;
  }
  const parsed = parseNumeric(amount);
  if (parsed === undefined || parsed.isNegative()) {
    throw invalidElement(
      fn,
      'log',
      index,
      'amount',
      'a non-negative finite amount of money',
      amount,
    );
  }
  return parsed;
}
