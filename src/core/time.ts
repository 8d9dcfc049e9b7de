/** Milliseconds in one day. @internal */
export const MS_PER_DAY = 86_400_000;

/** Largest magnitude of a valid JavaScript time value (±100,000,000 days from 1970). @internal */
const MAX_TIME = 8.64e15;

const ISO_EXTENDED =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** ISO 8601 basic format: `19970101`, `19970101T1230`, `19970101T123045.5Z`, `19970101T123045+0300`. */
const ISO_BASIC =
  /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?:\d{2})?)?)?$/;

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
 * Parses an ISO-8601 calendar date or date-time to epoch milliseconds: the extended format
 * (`YYYY-MM-DD`, `YYYY-MM-DDTHH:mm`, `YYYY-MM-DDTHH:mm:ss(.sss)`, with `T` or a space, and an
 * optional `Z` or `±HH:MM` offset) or the basic one (`YYYYMMDD`, `YYYYMMDDTHHmm(ss(.sss))`, with
 * `Z` or `±HHMM`). Without an offset the time is UTC. Anything else (`'03/04/2020'`, week dates,
 * out-of-range fields such as `2021-02-29`) gives `undefined`. No plausibility range is applied
 * here: that is `instantOf`'s job (core/instant.ts).
 *
 * @internal
 */
export function parseIsoTimestamp(text: string): number | undefined {
  const m = ISO_EXTENDED.exec(text) ?? ISO_BASIC.exec(text);
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

/** Milliseconds in one hour. @internal */
const MS_PER_HOUR = 3_600_000;

/** Slots of a zone's offset cache (a power of two): 65,536 hours, about 7.5 years. */
const CACHE_SLOTS = 65_536;

/**
 * A time zone for bucketing: `'UTC'`, a fixed offset (`'+03:00'`, `'-0530'`), or an IANA zone name
 * (`'Europe/Moscow'`, `'America/New_York'`), whose offset follows daylight saving time.
 */
export type TimeZone = string;

/**
 * A resolved time zone: the offset from UTC in milliseconds at any instant.
 *
 * @internal
 */
export interface Zone {
  readonly name: string;
  /** True when the offset is the same at every instant. */
  readonly fixed: boolean;
  /** Offset (local − UTC) in ms at the UTC instant `ms`. */
  offsetAt(ms: number): number;
}

const FIXED_OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/**
 * Resolves a {@link TimeZone}, or returns `undefined` when it is not a valid one.
 *
 * IANA offsets come from `Intl.DateTimeFormat` and are cached per hour of UTC time, so bucketing
 * a million timestamps asks Intl only once per distinct hour. This is the library's one offset cache.
 *
 * @internal
 */
export function resolveZone(timeZone: TimeZone = 'UTC'): Zone | undefined {
  if (timeZone === 'UTC' || timeZone === 'Z' || timeZone === 'Etc/UTC') {
    return { name: 'UTC', fixed: true, offsetAt: () => 0 };
  }
  const fixed = FIXED_OFFSET.exec(timeZone);
  if (fixed !== null) {
    const hours = Number(fixed[2]);
    const minutes = Number(fixed[3]);
    if (hours > 23 || minutes > 59) return undefined;
    const offset = (fixed[1] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
    return { name: timeZone, fixed: true, offsetAt: () => offset };
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch {
    return undefined;
  }
  // A direct-mapped cache of offsets by UTC hour: a log's hours fall in a few years, so slots rarely
  // collide, and a collision only costs one more Intl call.
  // Allocated on first use: validating an option resolves zones without bucketing anything.
  let hours: Float64Array | undefined;
  let offsets = new Float64Array(0);
  const offsetOfHour = (hour: number): number => {
    if (hours === undefined) {
      hours = new Float64Array(CACHE_SLOTS).fill(Number.NaN);
      offsets = new Float64Array(CACHE_SLOTS);
    }
    const slot = hour & (CACHE_SLOTS - 1);
    if (hours[slot] === hour) return offsets[slot] as number;
    const offset = exactOffset(format, hour * MS_PER_HOUR);
    hours[slot] = hour;
    offsets[slot] = offset;
    return offset;
  };
  return {
    name: timeZone,
    fixed: false,
    // Zone transitions fall on whole minutes; an hour's offset is its offset at the hour's start,
    // except in the hour of a transition, where the instant's own minute decides.
    offsetAt(ms: number): number {
      const hour = Math.floor(ms / MS_PER_HOUR);
      const before = offsetOfHour(hour);
      const after = offsetOfHour(hour + 1);
      if (before === after) return before;
      return exactOffset(format, ms);
    },
  };
}

function exactOffset(format: Intl.DateTimeFormat, ms: number): number {
  // Clamped into the Date range: the hour cache also asks for the hour after the last valid one.
  const at = Math.min(MAX_TIME, Math.max(-MAX_TIME, Math.floor(ms / 60_000) * 60_000));
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(new Date(at))) parts[p.type] = p.value;
  const year = parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year);
  // By arithmetic, not Date: the local time can lie outside the Date range at its ends.
  const day = daysFromCivil(year, Number(parts.month), Number(parts.day));
  const local =
    day * MS_PER_DAY +
    (Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second)) * 1000;
  return local - at;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (month 1-12), by integer arithmetic
 * (Howard Hinnant's `days_from_civil`), valid beyond the Date range.
 *
 * @internal
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The first instant of a local calendar day in `zone`, given that day's UTC midnight (a
 * `YYYY-MM-DD` string read as UTC). Where DST starts at local midnight, the day starts at the
 * transition.
 *
 * @internal
 */
export function startOfLocalDay(utcMidnight: number, zone: Zone): number {
  let start = utcMidnight - zone.offsetAt(utcMidnight - zone.offsetAt(utcMidnight));
  if (start + zone.offsetAt(start) < utcMidnight) start = utcMidnight - zone.offsetAt(start);
  return start;
}

/**
 * Months since January 1970 of a day number (days since 1970-01-01), by integer arithmetic
 * (Howard Hinnant's `civil_from_days`), valid for the whole proleptic Gregorian calendar.
 *
 * @internal
 */
export function monthOfDay(day: number): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return (year - 1970) * 12 + month - 1;
}

/**
 * The ISO date (`YYYY-MM-DD`) of a local day number.
 *
 * @internal
 */
export function isoDateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
