import { describe, expect, it } from 'vitest';
import { instantOf } from '../../src/core/instant.js';
import { MS_PER_DAY, parseIsoTimestamp } from '../../src/core/time.js';

/** `instantOf` in milliseconds, with `undefined` for a value it refuses. */
const parseTimestamp = (value: unknown): number | undefined => {
  const ms = instantOf(value, 'ms');
  return Number.isNaN(ms) ? undefined : ms;
};

// Expected values come from Date.UTC (month index 0-11) with the fields read off the string, or,
// for years 0-99 (which Date.UTC maps to 1900-1999), from ECMAScript's own Date.parse of the
// canonical `YYYY-MM-DDTHH:mm:ss.sssZ` form, an independent ISO parser.

describe('parseIsoTimestamp: accepted forms', () => {
  it.each([
    ['2024-02-29', Date.UTC(2024, 1, 29)], // 2024 is a leap year (divisible by 4, not by 100)
    ['2000-02-29', Date.UTC(2000, 1, 29)], // 2000 is a leap year (divisible by 400)
    ['2024-01-01', Date.UTC(2024, 0, 1)],
    ['2024-12-31', Date.UTC(2024, 11, 31)],
    ['2024-03-10T12:30', Date.UTC(2024, 2, 10, 12, 30)],
    ['2024-03-10T12:30:45', Date.UTC(2024, 2, 10, 12, 30, 45)],
    ['2024-03-10T12:30:45.123', Date.UTC(2024, 2, 10, 12, 30, 45, 123)],
    ['2024-03-10T12:30:45,5', Date.UTC(2024, 2, 10, 12, 30, 45, 500)], // ISO allows a comma
    ['2024-03-10T12:30:45.123456789', Date.UTC(2024, 2, 10, 12, 30, 45, 123)], // truncated to ms
    ['2024-03-10T12:30:00Z', Date.UTC(2024, 2, 10, 12, 30)],
    ['2024-03-10T12:30:00z', Date.UTC(2024, 2, 10, 12, 30)],
    // no offset means UTC, never local time
    ['2024-03-10T12:30:00', Date.UTC(2024, 2, 10, 12, 30)],
    // 12:30 at +02:00 is 10:30 UTC
    ['2024-03-10T12:30:00+02:00', Date.UTC(2024, 2, 10, 10, 30)],
    ['2024-03-10T12:30:00+0200', Date.UTC(2024, 2, 10, 10, 30)],
    ['2024-03-10T12:30:00+02', Date.UTC(2024, 2, 10, 10, 30)],
    // 12:30 at −05:30 is 18:00 UTC
    ['2024-03-10T12:30:00-05:30', Date.UTC(2024, 2, 10, 18, 0)],
    // an offset can move the instant into the previous day: 01:00 at +03:00 is 22:00 UTC the day before
    ['2024-01-01T01:00+03:00', Date.UTC(2023, 11, 31, 22, 0)],
    // a space instead of T
    ['2024-03-10 12:30:00', Date.UTC(2024, 2, 10, 12, 30)],
    ['2024-03-10 12:30+02:00', Date.UTC(2024, 2, 10, 10, 30)],
    ['2024-03-10T23:59:59.999', Date.UTC(2024, 2, 10, 23, 59, 59, 999)],
  ])('%s → %d', (text, expected) => {
    expect(parseIsoTimestamp(text)).toBe(expected);
    expect(parseTimestamp(text)).toBe(expected);
  });

  it.each([
    ['0050-06-01', '0050-06-01T00:00:00.000Z'],
    ['0001-01-01', '0001-01-01T00:00:00.000Z'],
    ['0099-12-31T23:00:00-02:00', '0100-01-01T01:00:00.000Z'], // crosses into year 100
    ['0004-02-29', '0004-02-29T00:00:00.000Z'], // year 4 is a leap year
    ['9999-12-31T23:59:59', '9999-12-31T23:59:59.000Z'],
  ])('handles year %s without mapping it to 19xx', (text, canonical) => {
    const expected = Date.parse(canonical);
    expect(Number.isNaN(expected)).toBe(false);
    expect(parseIsoTimestamp(text)).toBe(expected);
    expect(new Date(parseIsoTimestamp(text) ?? Number.NaN).toISOString()).toBe(canonical);
  });

  it('year 0050 is not 1950: they are 1900 years apart', () => {
    const y50 = parseIsoTimestamp('0050-06-01');
    const y1950 = parseIsoTimestamp('1950-06-01');
    expect(y50).toBeDefined();
    expect(y1950).toBe(Date.UTC(1950, 5, 1));
    expect(new Date(y50 ?? Number.NaN).getUTCFullYear()).toBe(50);
  });
});

describe('parseIsoTimestamp: rejected strings', () => {
  it.each([
    ['2023-02-29', '2023 is not a leap year'],
    ['1900-02-29', '1900 is not a leap year (divisible by 100, not 400)'],
    ['2024-04-31', 'April has 30 days'],
    ['2024-13-01', 'month 13'],
    ['2024-00-10', 'month 0'],
    ['2024-01-00', 'day 0'],
    ['2024-01-32', 'day 32'],
    ['2024-01-01T24:00', 'hour 24'],
    ['2024-01-01T23:60', 'minute 60'],
    ['2024-01-01T23:59:60', 'second 60'],
    ['2024-01-01T10:00+24:00', 'offset hour 24'],
    ['2024-01-01T10:00+02:60', 'offset minute 60'],
    ['03/04/2020', 'a US/European slash date'],
    ['2024-1-5', 'one-digit month and day'],
    ['24-01-05', 'two-digit year'],
    ['2024-W01-1', 'a week date'],
    ['2024-005', 'an ordinal date'],
    ['2024-01', 'a year and month only'],
    ['2024-01-01T10', 'an hour without minutes'],
    ['2024-01-01T', 'a dangling T'],
    [' 2024-01-01', 'a leading space'],
    ['2024-01-01 ', 'a trailing space'],
    ['2024-01-01t10:00', 'a lowercase t'],
    ['+002024-01-01', 'an expanded year'],
    ['Mon, 01 Jan 2024 00:00:00 GMT', 'an RFC 2822 date'],
    ['', 'the empty string'],
  ])('%s (%s)', (text) => {
    expect(parseIsoTimestamp(text)).toBeUndefined();
    expect(parseTimestamp(text)).toBeUndefined();
  });
});

describe('instantOf: Date and epoch milliseconds', () => {
  it('reads a Date as its epoch milliseconds', () => {
    expect(parseTimestamp(new Date(Date.UTC(2024, 1, 29, 8)))).toBe(Date.UTC(2024, 1, 29, 8));
    expect(parseTimestamp(new Date(Date.UTC(1900, 0, 1)))).toBe(Date.UTC(1900, 0, 1));
  });

  it('rejects an invalid Date', () => {
    expect(parseTimestamp(new Date(Number.NaN))).toBeUndefined();
    expect(parseTimestamp(new Date('not a date'))).toBeUndefined();
  });

  it('passes plausible epoch milliseconds through, truncating fractions', () => {
    expect(parseTimestamp(1_709_164_800_000)).toBe(Date.UTC(2024, 1, 29));
    expect(parseTimestamp(1_709_164_800_000.9)).toBe(Date.UTC(2024, 1, 29));
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['null', null],
    ['undefined', undefined],
    ['a boolean', true],
    ['an object', { time: 0 }],
    ['a numeric string', '1709164800000'],
  ])('rejects %s', (_label, value) => {
    expect(parseTimestamp(value)).toBeUndefined();
  });
});

describe('MS_PER_DAY', () => {
  it('is 24 × 60 × 60 × 1000', () => {
    expect(MS_PER_DAY).toBe(24 * 60 * 60 * 1000);
  });
});

describe('time: regressions', () => {
  // BUG: year 0000 is a leap year in the proleptic Gregorian calendar ISO 8601 uses (divisible
  // by 400), and ECMAScript's Date.parse accepts '0000-02-29T00:00:00.000Z'. daysInMonth calls
  // Date.UTC(0, 2, 0), which maps year 0 to 1900 (not a leap year), so Feb 29 of year 0 is
  // rejected.
  it('accepts 0000-02-29', () => {
    expect(parseIsoTimestamp('0000-02-29')).toBe(Date.parse('0000-02-29T00:00:00.000Z'));
  });
});
