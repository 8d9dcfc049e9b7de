/**
 * Reading instants: the one place that decides what a timestamp value means, in which unit, and
 * which range is plausible.
 *
 * Numbers and bigints are epoch timestamps in a declared `timeUnit` (milliseconds unless told
 * otherwise); `Date`s and ISO-8601 strings name instants directly. Every instant must fall in a
 * plausible range: a numeric timestamp between 1971 and 2200, so that seconds or microseconds read
 * as milliseconds land far outside it and are reported with the unit they look like; a `Date` or
 * string between 1900 and 2200.
 *
 * @module
 */
import * as z from 'zod/mini';
import { daysInMonth, isoTimestampMs } from './time.js';

/** The unit of numeric timestamps (numbers and bigints): epoch seconds, milliseconds, microseconds or nanoseconds. */
export type TimeUnit = 's' | 'ms' | 'us' | 'ns';

/** The timestamp units. */
export const TIME_UNITS: readonly TimeUnit[] = Object.freeze(['s', 'ms', 'us', 'ns'] as const);

/**
 * The schema of a {@link TimeUnit}.
 *
 * @category Schemas
 */
export const timeUnitSchema = /* @__PURE__ */ z.enum(['s', 'ms', 'us', 'ns']);

/** 1971-01-01T00:00Z: the first plausible numeric timestamp. */
export const NUMERIC_INSTANT_MIN = 31_536_000_000;
/** 1900-01-01T00:00Z: the first plausible `Date` or ISO-8601 string. */
export const CALENDAR_INSTANT_MIN = -2_208_988_800_000;
/** 2200-01-01T00:00Z: the first implausible instant of any form. */
export const INSTANT_MAX = 7_258_118_400_000;

const UNIT_NAMES: Record<TimeUnit, string> = {
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
};

/** Units per millisecond. */
const PER_MS: Record<TimeUnit, number> = { s: 0.001, ms: 1, us: 1000, ns: 1_000_000 };
const PER_MS_BIG: Record<'us' | 'ns', bigint> = { us: 1000n, ns: 1_000_000n };

/** A number in `unit` to epoch ms, truncated to the millisecond (exact for whole units). */
function numberToMs(raw: number, unit: TimeUnit): number {
  if (unit === 'ms') return Math.floor(raw);
  if (unit === 's') return Math.floor(raw * 1000);
  return Math.floor(raw / PER_MS[unit]);
}

function bigintToMs(raw: bigint, unit: TimeUnit): number {
  if (unit === 's') return Number(raw) * 1000;
  if (unit === 'ms') return Number(raw);
  // BigInt division truncates toward zero: the floor for the positive values that can pass.
  return Number(raw / PER_MS_BIG[unit]) - (raw < 0n && raw % PER_MS_BIG[unit] !== 0n ? 1 : 0);
}

/**
 * The plausible range of raw numeric timestamps in `timeUnit` and the conversion to epoch ms, for
 * hot loops over typed columns: a raw value `v` with `min <= v && v < max` is plausible, and its
 * instant is `toMs(v)` (truncated to the millisecond).
 *
 * @internal
 */
export function epochScale(timeUnit: TimeUnit): {
  readonly min: number;
  readonly max: number;
  readonly toMs: (raw: number) => number;
} {
  const per = PER_MS[timeUnit];
  return {
    min: NUMERIC_INSTANT_MIN * per,
    max: INSTANT_MAX * per,
    toMs:
      timeUnit === 'ms'
        ? Math.floor
        : timeUnit === 's'
          ? (raw) => Math.floor(raw * 1000)
          : (raw) => Math.floor(raw / per),
  };
}

/**
 * The instant a timestamp value names, in epoch milliseconds, or `NaN` when it is not a plausible
 * instant. Numbers and bigints are read in `timeUnit` (finer units truncated to the millisecond)
 * and must fall in [1971-01-01, 2200-01-01); `Date`s and ISO-8601 strings (extended or basic
 * format) in [1900-01-01, 2200-01-01). A date-only string gives its UTC midnight: callers apply
 * the time zone of the computation (see `isDateOnly` and core/boundary.ts).
 *
 * @internal
 */
export function instantOf(value: unknown, timeUnit: TimeUnit = 'ms'): number {
  let ms: number;
  let min = CALENDAR_INSTANT_MIN;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return Number.NaN;
    ms = numberToMs(value, timeUnit);
    min = NUMERIC_INSTANT_MIN;
  } else if (typeof value === 'string') {
    ms = isoTimestampMs(value);
  } else if (value instanceof Date) {
    ms = value.getTime();
  } else if (typeof value === 'bigint') {
    ms = bigintToMs(value, timeUnit);
    min = NUMERIC_INSTANT_MIN;
  } else {
    return Number.NaN;
  }
  return ms >= min && ms < INSTANT_MAX ? ms : Number.NaN;
}

const DATE_ONLY_EXTENDED = /^\d{4}-\d{2}-\d{2}$/;
const DATE_ONLY_BASIC = /^\d{8}$/;

/**
 * True for a date-only ISO-8601 string (`'2024-06-30'` or `'20240630'`), which names a whole
 * calendar day in the time zone of the computation rather than an instant.
 *
 * @internal
 */
export function isDateOnly(value: unknown): value is string {
  return (
    typeof value === 'string' && (DATE_ONLY_EXTENDED.test(value) || DATE_ONLY_BASIC.test(value))
  );
}

/** The unit in which a number or bigint would be a plausible epoch timestamp, if any. */
export function likelyTimeUnit(value: unknown): TimeUnit | undefined {
  if (typeof value !== 'number' && typeof value !== 'bigint') return undefined;
  for (const unit of TIME_UNITS) {
    if (!Number.isNaN(instantOf(value, unit))) return unit;
  }
  return undefined;
}

/**
 * The requirement a timestamp value failed, for an error message (`… must be <requirement>
 * (received …)`): the accepted forms and ranges, the unit numbers are read in, and, for a number
 * that would be plausible in another unit, that unit; for a number that would be a spreadsheet
 * serial date (Excel, Google Sheets), the date it would be.
 *
 * @internal
 */
export function instantRequirement(value: unknown, timeUnit: TimeUnit = 'ms'): string {
  const forms = `a Date or ISO-8601 string from 1900 to 2199, or epoch ${UNIT_NAMES[timeUnit]} from 1971 to 2199 (numbers are read in timeUnit '${timeUnit}')`;
  const likely = likelyTimeUnit(value);
  if (likely !== undefined && likely !== timeUnit) {
    return `${forms}; ${String(value)} looks like epoch ${UNIT_NAMES[likely]}: pass timeUnit: '${likely}'`;
  }
  const serial = spreadsheetDate(value);
  if (likely === undefined && serial !== undefined) {
    return `${forms}; ${String(value)} looks like a spreadsheet serial date (${serial}): convert it first`;
  }
  const date = typeof value === 'string' ? notACalendarDate(value) : undefined;
  return date === undefined ? forms : `${forms}; ${date}`;
}

/**
 * What is wrong with the date of a string in the shape of an ISO-8601 date whose month or day
 * does not exist (`'2023-02-29'`), or a day-month-year string (`'03/04/2024'`); else undefined.
 */
function notACalendarDate(text: string): string | undefined {
  const iso = /^(\d{4})-?(\d{2})-?(\d{2})(?:$|[T ])/.exec(text);
  if (iso === null) {
    return /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}/.test(text)
      ? 'write dates as YYYY-MM-DD (ISO 8601): the order of day and month is not known'
      : undefined;
  }
  const [, year, month, day] = iso.map(Number) as [number, number, number, number];
  const shown = `${iso[1]}-${iso[2]}-${iso[3]}`;
  if (month < 1 || month > 12) return `${shown} has no month ${iso[2]}`;
  const last = daysInMonth(year, month);
  return day < 1 || day > last
    ? `${shown} is not a calendar date (month ${iso[2]} of ${iso[1]} has ${last} days)`
    : undefined;
}

/** Excel's and Google Sheets' day 0 (serial dates count days from it), in epoch ms. */
const SPREADSHEET_EPOCH = Date.UTC(1899, 11, 30);

/**
 * The ISO date (and time, for a fraction of a day) a number would name as a spreadsheet serial
 * date from 1971 to 2199, the years of epoch numbers (25,934 to 109,575 days after 1899-12-30),
 * or `undefined`.
 */
function spreadsheetDate(value: unknown): string | undefined {
  const days = typeof value === 'bigint' ? Number(value) : value;
  if (typeof days !== 'number' || !(days >= 25_934 && days < 109_575)) return undefined;
  const iso = new Date(SPREADSHEET_EPOCH + days * 86_400_000).toISOString();
  return Number.isInteger(days) ? iso.slice(0, 10) : `${iso.slice(0, 16)}Z`;
}
