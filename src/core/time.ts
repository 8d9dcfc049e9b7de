/** Milliseconds in one day. @internal */
export const MS_PER_DAY = 86_400_000;

/** Largest magnitude of a valid JavaScript time value (±100,000,000 days from 1970). @internal */
const MAX_TIME = 8.64e15;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Days in `month` (1-12) of `year`; `setUTCFullYear` keeps years 0-99 as they are. */
function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

function parseOffset(text: string): number | undefined {
  if (text === 'Z' || text === 'z') return 0;
  const sign = text[0] === '-' ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes) * 60_000;
}

/**
 * Parses an ISO-8601 calendar date or date-time (`YYYY-MM-DD`, `YYYY-MM-DDTHH:mm`,
 * `YYYY-MM-DDTHH:mm:ss(.sss)`, with `T` or a space, and an optional `Z` or `±HH:MM` offset) to epoch
 * milliseconds. Without an offset the time is UTC. Anything else (`'03/04/2020'`, week dates,
 * out-of-range fields such as `2021-02-29`) gives `undefined`.
 *
 * @internal
 */
export function parseIsoTimestamp(text: string): number | undefined {
  const m = ISO.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const fraction = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const offset = m[8] === undefined ? 0 : parseOffset(m[8]);
  if (offset === undefined) return undefined;
  // Not Date.UTC, which maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, fraction);
  return date.getTime() - offset;
}

/**
 * Converts a `Date`, an ISO-8601 string or epoch milliseconds to epoch milliseconds, or returns
 * `undefined` when the value is none of these or not a valid time.
 *
 * @internal
 */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && Math.abs(value) <= MAX_TIME ? value : undefined;
  }
  if (typeof value === 'string') return parseIsoTimestamp(value);
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}
