/** Milliseconds in one day. @internal */
export const MS_PER_DAY = 86_400_000;

/** Largest magnitude of a valid JavaScript time value (±100,000,000 days from 1970). @internal */
const MAX_TIME = 8.64e15;

/** Days in `month` (1-12) of the proleptic Gregorian `year` (year 0 is a leap year). @internal */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The two-digit number at `i` of `text`, or −1 when those are not two ASCII digits. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  // charCodeAt past the end is NaN, for which every comparison is false.
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Whether the character code `c` is an ASCII digit. */
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Valid dates read by {@link isoTimestampMs} (year·10000 + month·100 + day) and their epoch days,
 * by the date's low bits: a log's purchases fall on a few thousand days, in any order.
 */
const DAY_CACHE_MASK = 8191;
/** Zero when empty: no valid date is 0 (the smallest, 0000-01-01, is 101). Keys of invalid dates never equal a valid one's. */
const dayCacheDate = /* @__PURE__ */ new Int32Array(DAY_CACHE_MASK + 1);
const dayCacheDay = /* @__PURE__ */ new Int32Array(DAY_CACHE_MASK + 1);

/**
 * The epoch milliseconds of an ISO-8601 calendar date or date-time, or `NaN` when `text` is not
 * one of the accepted forms (see {@link parseIsoTimestamp}). One scan of the characters: no
 * regular expression, no `Date`, no allocation; the day number of the last date is kept, as the
 * rows of a log mostly come in date order.
 *
 * A valid string is date-only exactly when it has at most 10 characters (`YYYY-MM-DD`,
 * `YYYYMMDD`): every date-time form is longer.
 *
 * @internal
 */
export function isoTimestampMs(text: string): number {
  const n = text.length;
  if (n < 8 || n > 35) return Number.NaN;
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  if (century < 0 || yy < 0) return Number.NaN;
  const year = century * 100 + yy;
  const basic = text.charCodeAt(4) !== 45; // '-'
  let month: number;
  let day: number;
  let i: number;
  if (basic) {
    month = twoDigits(text, 4);
    day = twoDigits(text, 6);
    i = 8;
  } else {
    if (text.charCodeAt(7) !== 45) return Number.NaN;
    month = twoDigits(text, 5);
    day = twoDigits(text, 8);
    i = 10;
  }
  const date = year * 10_000 + month * 100 + day;
  let days: number;
  const slot = date & DAY_CACHE_MASK;
  // `date > 0`: an empty slot holds 0, which only the invalid 0000-00-00 would match.
  if (date > 0 && dayCacheDate[slot] === date) days = dayCacheDay[slot] as number;
  else {
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
    days = daysFromCivil(year, month, day);
    dayCacheDate[slot] = date;
    dayCacheDay[slot] = days;
  }
  const midnight = days * MS_PER_DAY;
  if (i === n) return midnight;
  const separator = text.charCodeAt(i);
  // 'T', or a space in the extended format.
  if (separator !== 84 && (basic || separator !== 32)) return Number.NaN;
  const hour = twoDigits(text, i + 1);
  i += 3;
  if (!basic) {
    if (text.charCodeAt(i) !== 58) return Number.NaN; // ':'
    i++;
  }
  const minute = twoDigits(text, i);
  i += 2;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return Number.NaN;
  let ms = midnight + hour * 3_600_000 + minute * 60_000;
  if (basic ? isDigit(text.charCodeAt(i)) : text.charCodeAt(i) === 58) {
    if (!basic) i++;
    const second = twoDigits(text, i);
    i += 2;
    if (second < 0 || second > 59) return Number.NaN;
    ms += second * 1000;
    const mark = text.charCodeAt(i);
    if (mark === 46 || mark === 44) {
      // '.' or ',': 1 to 9 digits, truncated to the millisecond.
      i++;
      let digits = 0;
      let fraction = 0;
      for (let c = text.charCodeAt(i); isDigit(c); c = text.charCodeAt(++i)) {
        if (digits < 3) fraction = fraction * 10 + (c - 48);
        digits++;
      }
      if (digits === 0 || digits > 9) return Number.NaN;
      ms += digits === 1 ? fraction * 100 : digits === 2 ? fraction * 10 : fraction;
    }
  }
  if (i === n) return ms;
  const zone = text.charCodeAt(i);
  if (zone === 90 || zone === 122) return i + 1 === n ? ms : Number.NaN; // 'Z', 'z'
  if (zone !== 43 && zone !== 45) return Number.NaN; // '+', '-'
  const offsetHours = twoDigits(text, i + 1);
  i += 3;
  if (offsetHours < 0 || offsetHours > 23) return Number.NaN;
  let offsetMinutes = 0;
  if (i < n) {
    if (!basic && text.charCodeAt(i) === 58) i++;
    offsetMinutes = twoDigits(text, i);
    i += 2;
    if (offsetMinutes < 0 || offsetMinutes > 59 || i !== n) return Number.NaN;
  }
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  return zone === 45 ? ms + offset : ms - offset;
}

/**
 * Parses an ISO-8601 calendar date or date-time to epoch milliseconds: the extended format
 * (`YYYY-MM-DD`, `YYYY-MM-DDTHH:mm`, `YYYY-MM-DDTHH:mm:ss(.sss)`, with `T` or a space, and an
 * optional `Z` or `±HH:MM` offset) or the basic one (`YYYYMMDD`, `YYYYMMDDTHHmm(ss(.sss))`, with
 * `Z` or `±HHMM`). Fractions of a second have 1 to 9 digits (`.` or `,`) and are truncated to the
 * millisecond. Without an offset the time is UTC. Anything else (`'03/04/2020'`, week dates,
 * out-of-range fields such as `2021-02-29`) gives `undefined`. No plausibility range is applied
 * here: that is `instantOf`'s job (core/instant.ts).
 *
 * @internal
 */
export function parseIsoTimestamp(text: string): number | undefined {
  const ms = isoTimestampMs(text);
  return Number.isNaN(ms) ? undefined : ms;
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
 * The last {@link KEPT_ZONES} IANA zones resolved are kept with their caches, so that a pipeline
 * of calls in one zone asks Intl once per hour in all.
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
  const kept = keptZones.get(timeZone);
  if (kept !== undefined) {
    // most recently used last: Map keeps insertion order
    keptZones.delete(timeZone);
    keptZones.set(timeZone, kept);
    return kept;
  }
  const zone = ianaZone(timeZone);
  if (zone === undefined) return undefined;
  keptZones.set(timeZone, zone);
  if (keptZones.size > KEPT_ZONES) keptZones.delete(keptZones.keys().next().value as string);
  return zone;
}

/** How many IANA zones {@link resolveZone} keeps with their offset caches (up to 1 MB each). */
const KEPT_ZONES = 8;
const keptZones = /* @__PURE__ */ new Map<string, Zone>();

/** An IANA zone with its offset cache, or undefined when Intl does not know the name. */
function ianaZone(timeZone: string): Zone | undefined {
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
    // Zone transitions fall on whole seconds; an hour's offset is its offset at the hour's start,
    // except in the hour of a transition, where the instant's own second decides.
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
  // Whole seconds: Intl shows no fraction of a second, and offsets and transitions are whole
  // seconds (local mean times such as Moscow's +02:30:17 changed at 21:29:43 UTC).
  const at = Math.min(MAX_TIME, Math.max(-MAX_TIME, Math.floor(ms / 1000) * 1000));
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
 * Largest magnitude of a zone's offset from UTC, with a margin (no offset since 1900 reached 15
 * hours): a day's first instant lies within this of its UTC midnight.
 */
const MAX_OFFSET = 18 * MS_PER_HOUR;

/**
 * The first instant of a local calendar day in `zone`, given that day's UTC midnight (a
 * `YYYY-MM-DD` string read as UTC): the instant at which the local date turns to that day. Where
 * DST starts at local midnight (the day begins at 01:00), the day starts at the transition; where
 * it ends at 01:00 (midnight comes twice), at the first midnight; where the clocks went back
 * across midnight (00:01 to 23:01, St. John's until 2011), at the last time the date turned to
 * that day; a day a zone skipped (Pacific/Apia's 2011-12-30) starts where the next one does.
 *
 * @internal
 */
export function startOfLocalDay(utcMidnight: number, zone: Zone): number {
  // Nearly every day: one offset in the whole stretch the day's first instant can lie in.
  const early = zone.offsetAt(utcMidnight - MAX_OFFSET);
  if (zone.offsetAt(utcMidnight + MAX_OFFSET) === early) return utcMidnight - early;
  const offset = zone.offsetAt(utcMidnight);
  // A change of offset nearby: the date turns to this day at a local midnight read with its own
  // offset, the instant before it being on an earlier date (the last such, should there be two) ...
  let turn = Number.NEGATIVE_INFINITY;
  for (const candidate of [
    offset,
    zone.offsetAt(utcMidnight - offset),
    early,
    zone.offsetAt(utcMidnight + MAX_OFFSET),
  ]) {
    const at = utcMidnight - candidate;
    if (
      at > turn &&
      zone.offsetAt(at) === candidate &&
      at - 1 + zone.offsetAt(at - 1) < utcMidnight
    ) {
      turn = at;
    }
  }
  if (turn !== Number.NEGATIVE_INFINITY) return turn;
  // ... or, when local midnight is skipped, at the transition that jumps past it: found by
  // halving the stretch, in whole seconds (offsets and transitions are whole seconds).
  let before = Math.floor((utcMidnight - MAX_OFFSET) / 1000); // seconds; its local date is earlier
  let after = Math.ceil((utcMidnight + MAX_OFFSET) / 1000); // its local date is this day or later
  while (after - before > 1) {
    const mid = Math.floor((before + after) / 2);
    if (mid * 1000 + zone.offsetAt(mid * 1000) >= utcMidnight) after = mid;
    else before = mid;
  }
  return after * 1000;
}

/**
 * The calendar clock of instant `ms` in `zone`, in milliseconds: the local wall-clock time on a
 * day of 24 hours; on a day of 23 or 25 hours (daylight saving time starts or ends), the time into
 * the day scaled to 24 hours. Durations in days are differences of calendar clocks divided by
 * {@link MS_PER_DAY}: each local calendar day counts as exactly one day, so two date-only values
 * are always a whole number of days apart, and the clock never runs backwards (the repeated hour
 * of an autumn change is compressed, not replayed). In UTC and fixed offsets it is the instant
 * shifted by the offset, and durations are elapsed time.
 *
 * @internal
 */
export function calendarClock(ms: number, zone: Zone): number {
  const offset = zone.offsetAt(ms);
  const local = ms + offset;
  if (zone.fixed) return local;
  const day = Math.floor(local / MS_PER_DAY);
  const midnight = day * MS_PER_DAY;
  // A day without a change of offset (nearly every day): the local wall-clock time. The offset
  // is checked on both sides of the day's two ends: a change exactly at one of them (Beirut's
  // clocks went back at 24:00, Gaza's from 01:00 to the day's second midnight) makes the day
  // 23 or 25 hours long though the offset is the same all through the 24 local hours.
  if (isOrdinaryDay(day, offset, zone)) return local;
  const start = startOfLocalDay(midnight, zone);
  const length = startOfLocalDay(midnight + MS_PER_DAY, zone) - start;
  // (ms − start) × 86,400,000 < 2^53: the product is exact, the quotient correctly rounded, and
  // never a tie (a 23- or 25-hour day).
  return midnight + Math.round(((ms - start) * MS_PER_DAY) / length);
}

/**
 * The calendar clocks ({@link calendarClock}) of a column of instants: in UTC the column itself
 * (the clock is the instant), else `into` (a column of the same length the caller will overwrite
 * anyway, so that a million customers cost no extra column) or a new column.
 *
 * @internal
 */
export function calendarClocks(
  column: Float64Array,
  zone: Zone,
  into: Float64Array = new Float64Array(column.length),
): Float64Array {
  if (zone.fixed && zone.offsetAt(0) === 0) return column;
  const clocks = into;
  if (zone.fixed) {
    for (let i = 0; i < column.length; i++) clocks[i] = calendarClock(column[i] as number, zone);
    return clocks;
  }
  // What calendarClock finds for a local day and an offset, kept by their low bits: whether the
  // day has that offset all through it (its clock is then the wall clock, one lookup per instant),
  // else the day's first instant and length. A day of 23 or 25 hours meets two offsets: two slots.
  const days = new Float64Array(DAY_SLOTS).fill(Number.NaN);
  const keyOffsets = new Float64Array(DAY_SLOTS);
  const ordinary = new Uint8Array(DAY_SLOTS);
  const starts = new Float64Array(DAY_SLOTS);
  const lengths = new Float64Array(DAY_SLOTS);
  for (let i = 0; i < column.length; i++) {
    const ms = column[i] as number;
    const offset = zone.offsetAt(ms);
    const local = ms + offset;
    const day = Math.floor(local / MS_PER_DAY);
    const midnight = day * MS_PER_DAY;
    const slot = (day + (offset / 60_000) * 7919) & (DAY_SLOTS - 1);
    if (days[slot] !== day || keyOffsets[slot] !== offset) {
      days[slot] = day;
      keyOffsets[slot] = offset;
      if (isOrdinaryDay(day, offset, zone)) ordinary[slot] = 1;
      else {
        ordinary[slot] = 0;
        const start = startOfLocalDay(midnight, zone);
        starts[slot] = start;
        lengths[slot] = startOfLocalDay(midnight + MS_PER_DAY, zone) - start;
      }
    }
    clocks[i] =
      ordinary[slot] === 1
        ? local
        : midnight +
          Math.round(((ms - (starts[slot] as number)) * MS_PER_DAY) / (lengths[slot] as number));
  }
  return clocks;
}

/** Slots of {@link calendarClocks}' cache of local days (a power of two; 8,192 days, 22 years). */
const DAY_SLOTS = 8192;

/** Whether the local `day` has `offset` all through it and at both its ends (24 hours long). */
function isOrdinaryDay(day: number, offset: number, zone: Zone): boolean {
  const midnight = day * MS_PER_DAY;
  return (
    zone.offsetAt(midnight - offset - 1) === offset &&
    zone.offsetAt(midnight - offset) === offset &&
    zone.offsetAt(midnight + MS_PER_DAY - offset - 1) === offset &&
    zone.offsetAt(midnight + MS_PER_DAY - offset) === offset
  );
}

/**
 * Days from instant `from` to instant `to` on the calendar of `zone` (see {@link calendarClock}).
 *
 * @internal
 */
export function calendarDaysBetween(from: number, to: number, zone: Zone): number {
  return (calendarClock(to, zone) - calendarClock(from, zone)) / MS_PER_DAY;
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
