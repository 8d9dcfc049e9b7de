import { describe, expect, it } from 'vitest';
import { periodIndex, periodStartDay } from '../../src/core/period.js';
import { isoDateOfDay, MS_PER_DAY, resolveZone, type Zone } from '../../src/core/time.js';

// Expected offsets are hand-known facts about the zones, not read back from Intl:
// - Europe/Moscow: UTC+4 all year from 2011-03-27 to 2014-10-26 02:00 local (= 2014-10-25T22:00Z),
//   UTC+3 all year since; before 2011, +3 in winter and +4 in summer.
// - America/New_York: EST −5, EDT −4. In 2024 DST began on Sunday 2024-03-10 at 02:00 EST
//   (= 07:00Z) and ended on Sunday 2024-11-03 at 02:00 EDT (= 06:00Z).
// - Australia/Lord_Howe: +10:30 standard, +11:00 summer, switching at 02:00 local on the first
//   Sunday of October (2024-10-06 02:00 +10:30 = 2024-10-05T15:30Z, a half-hour instant) and of
//   April (2024-04-07 02:00 +11:00 = 2024-04-06T15:00Z).
// - Asia/Kolkata +5:30 and Asia/Kathmandu +5:45, no DST.
// Day numbers come from Date.UTC, an independent calendar: day = Date.UTC(y, m − 1, d) / 86,400,000.

const HOUR = 3_600_000;
const MINUTE = 60_000;

function zone(name: string): Zone {
  const z = resolveZone(name);
  if (z === undefined) throw new Error(`test setup: ${name} should resolve`);
  return z;
}

const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`test setup: bad instant ${iso}`);
  return ms;
};

const dayOf = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / MS_PER_DAY;

const UTC = zone('UTC');

describe('resolveZone: UTC and fixed offsets', () => {
  it.each(['UTC', 'Z', 'Etc/UTC'])('%s is UTC, offset 0 at every instant', (name) => {
    const z = zone(name);
    expect(z.name).toBe('UTC');
    expect(z.fixed).toBe(true);
    for (const ms of [0, at('2024-03-10T07:00:00Z'), -8.64e15, 8.64e15])
      expect(z.offsetAt(ms)).toBe(0);
  });

  it('defaults to UTC when no zone is given', () => {
    expect(resolveZone()?.name).toBe('UTC');
  });

  it.each([
    ['+05:30', 5 * HOUR + 30 * MINUTE],
    ['+0530', 5 * HOUR + 30 * MINUTE],
    ['-0800', -8 * HOUR],
    ['-08:00', -8 * HOUR],
    ['+03:00', 3 * HOUR],
    ['+00:00', 0],
    ['-00:00', 0],
    ['+23:59', 23 * HOUR + 59 * MINUTE],
  ])('%s is a fixed offset of %d ms', (name, offset) => {
    const z = zone(name);
    expect(z.fixed).toBe(true);
    expect(z.name).toBe(name);
    // `+ 0` turns the −0 of '-00:00' into 0: the sign of a zero offset changes no local time
    expect(z.offsetAt(0) + 0).toBe(offset);
    expect(z.offsetAt(at('2024-07-01T12:00:00Z')) + 0).toBe(offset);
  });

  it.each([
    '+25:00',
    '+24:00',
    '+05:60',
    '+05',
    '05:30',
    '+5:30',
    '',
    'Mars/Base',
    'Europe/Atlantis',
  ])('rejects %j', (name) => {
    expect(resolveZone(name)).toBeUndefined();
  });
});

describe('resolveZone: IANA zones', () => {
  it('Europe/Moscow is +3 all year since 2014, +4 in 2011-2014, +3/+4 before', () => {
    const moscow = zone('Europe/Moscow');
    expect(moscow.fixed).toBe(false);
    for (const iso of [
      '2015-01-15T12:00:00Z',
      '2015-07-15T12:00:00Z',
      '2024-01-01T00:00:00Z',
      '2024-03-31T01:30:00Z', // the EU switches to summer time here; Moscow does not
      '2024-07-01T00:00:00Z',
      '2024-10-27T01:30:00Z',
    ]) {
      expect(moscow.offsetAt(at(iso)), iso).toBe(3 * HOUR);
    }
    expect(moscow.offsetAt(at('2013-01-15T00:00:00Z'))).toBe(4 * HOUR);
    expect(moscow.offsetAt(at('2014-10-25T22:00:00Z') - 1)).toBe(4 * HOUR);
    expect(moscow.offsetAt(at('2014-10-25T22:00:00Z'))).toBe(3 * HOUR);
    expect(moscow.offsetAt(at('2010-01-15T00:00:00Z'))).toBe(3 * HOUR);
    expect(moscow.offsetAt(at('2010-07-15T00:00:00Z'))).toBe(4 * HOUR);
  });

  it('America/New_York is −5 in winter, −4 in summer, switching at 2024-03-10T07:00Z and 2024-11-03T06:00Z', () => {
    const ny = zone('America/New_York');
    expect(ny.offsetAt(at('2024-01-15T12:00:00Z'))).toBe(-5 * HOUR);
    expect(ny.offsetAt(at('2024-07-15T12:00:00Z'))).toBe(-4 * HOUR);
    // spring forward: the last EST millisecond, then EDT; also inside the hours around it
    expect(ny.offsetAt(at('2024-03-10T06:30:00Z'))).toBe(-5 * HOUR);
    expect(ny.offsetAt(at('2024-03-10T07:00:00Z') - 1)).toBe(-5 * HOUR);
    expect(ny.offsetAt(at('2024-03-10T07:00:00Z'))).toBe(-4 * HOUR);
    expect(ny.offsetAt(at('2024-03-10T07:30:00Z'))).toBe(-4 * HOUR);
    // fall back
    expect(ny.offsetAt(at('2024-11-03T05:30:00Z'))).toBe(-4 * HOUR);
    expect(ny.offsetAt(at('2024-11-03T06:00:00Z') - 1)).toBe(-4 * HOUR);
    expect(ny.offsetAt(at('2024-11-03T06:00:00Z'))).toBe(-5 * HOUR);
    expect(ny.offsetAt(at('2024-11-03T06:30:00Z'))).toBe(-5 * HOUR);
  });

  it('answers the same whatever order instants are asked in (the per-hour cache)', () => {
    const instants = [
      '2024-11-03T06:30:00Z',
      '2024-03-10T07:00:00Z',
      '2024-03-10T06:59:59.999Z',
      '2024-11-03T05:59:59.999Z',
      '2024-07-01T00:00:00Z',
    ].map(at);
    const fresh = instants.map((ms) => zone('America/New_York').offsetAt(ms));
    const shared = zone('America/New_York');
    const forwards = instants.map((ms) => shared.offsetAt(ms));
    const backwards = [...instants].reverse().map((ms) => shared.offsetAt(ms));
    expect(forwards).toEqual(fresh);
    expect(backwards.reverse()).toEqual(fresh);
    expect(fresh).toEqual([-5, -4, -5, -4, -4].map((h) => h * HOUR));
  });

  it('Australia/Lord_Howe switches by half an hour at a half-hour UTC instant', () => {
    const lh = zone('Australia/Lord_Howe');
    expect(lh.offsetAt(at('2024-10-05T15:30:00Z') - 1)).toBe(10 * HOUR + 30 * MINUTE);
    expect(lh.offsetAt(at('2024-10-05T15:30:00Z'))).toBe(11 * HOUR);
    expect(lh.offsetAt(at('2024-10-05T15:10:00Z'))).toBe(10 * HOUR + 30 * MINUTE);
    expect(lh.offsetAt(at('2024-10-05T15:50:00Z'))).toBe(11 * HOUR);
    expect(lh.offsetAt(at('2024-04-06T15:00:00Z') - 1)).toBe(11 * HOUR);
    expect(lh.offsetAt(at('2024-04-06T15:00:00Z'))).toBe(10 * HOUR + 30 * MINUTE);
  });

  it('Asia/Kolkata is +5:30 and Asia/Kathmandu +5:45', () => {
    expect(zone('Asia/Kolkata').offsetAt(at('2024-06-01T00:00:00Z'))).toBe(5 * HOUR + 30 * MINUTE);
    expect(zone('Asia/Kathmandu').offsetAt(at('2024-06-01T00:00:00Z'))).toBe(
      5 * HOUR + 45 * MINUTE,
    );
  });
});

describe('periodIndex / periodStartDay / isoDateOfDay', () => {
  it('day: days since 1970-01-01', () => {
    expect(periodIndex(0, 'day', UTC)).toBe(0);
    expect(periodIndex(-1, 'day', UTC)).toBe(-1); // 1969-12-31T23:59:59.999Z
    expect(periodIndex(at('2024-02-29T23:59:59.999Z'), 'day', UTC)).toBe(dayOf(2024, 2, 29));
    expect(dayOf(2024, 1, 1)).toBe(19_723); // 54 years of 365 days + 13 leap days (1972 … 2020)
    expect(periodStartDay(19_723, 'day')).toBe(19_723);
  });

  it('isoDateOfDay prints a day number as YYYY-MM-DD', () => {
    expect(isoDateOfDay(0)).toBe('1970-01-01');
    expect(isoDateOfDay(-1)).toBe('1969-12-31');
    expect(isoDateOfDay(19_723)).toBe('2024-01-01');
    expect(isoDateOfDay(dayOf(2024, 2, 29))).toBe('2024-02-29');
  });

  it('week: ISO weeks, Monday to Sunday; the week of 2024-02-29 (a Thursday) starts 2024-02-26', () => {
    const week = periodIndex(at('2024-02-29T12:00:00Z'), 'week', UTC);
    expect(isoDateOfDay(periodStartDay(week, 'week'))).toBe('2024-02-26');
    // Monday 00:00 and Sunday 23:59 are the same week; the next Monday is the next week
    expect(periodIndex(at('2024-02-26T00:00:00Z'), 'week', UTC)).toBe(week);
    expect(periodIndex(at('2024-03-03T23:59:59.999Z'), 'week', UTC)).toBe(week);
    expect(periodIndex(at('2024-02-25T23:59:59.999Z'), 'week', UTC)).toBe(week - 1);
    expect(periodIndex(at('2024-03-04T00:00:00Z'), 'week', UTC)).toBe(week + 1);
    // 1970-01-01 was a Thursday: week 0 starts on Monday 1969-12-29
    expect(periodIndex(0, 'week', UTC)).toBe(0);
    expect(isoDateOfDay(periodStartDay(0, 'week'))).toBe('1969-12-29');
    expect(periodIndex(at('1969-12-28T12:00:00Z'), 'week', UTC)).toBe(-1);
  });

  it('month: months since January 1970; 2024-02 is (2024 − 1970) × 12 + 1 = 649', () => {
    expect(periodIndex(0, 'month', UTC)).toBe(0);
    expect(periodIndex(at('1970-01-31T23:59:59.999Z'), 'month', UTC)).toBe(0);
    expect(periodIndex(at('2024-02-01T00:00:00Z'), 'month', UTC)).toBe(649);
    expect(periodIndex(at('2024-02-29T23:59:59.999Z'), 'month', UTC)).toBe(649);
    expect(periodIndex(at('1969-12-31T23:59:59.999Z'), 'month', UTC)).toBe(-1);
    expect(periodStartDay(649, 'month')).toBe(dayOf(2024, 2, 1));
    expect(isoDateOfDay(periodStartDay(649, 'month'))).toBe('2024-02-01');
    expect(periodStartDay(0, 'month')).toBe(0);
    expect(isoDateOfDay(periodStartDay(-1, 'month'))).toBe('1969-12-01');
    expect(isoDateOfDay(periodStartDay(-13, 'month'))).toBe('1968-12-01');
  });

  it('a zone moves instants across day and month boundaries', () => {
    // 22:30Z on Jan 1 is 01:30 on Jan 2 in Moscow (+3)
    const late = at('2024-01-01T22:30:00Z');
    expect(periodIndex(late, 'day', UTC)).toBe(dayOf(2024, 1, 1));
    expect(periodIndex(late, 'day', zone('Europe/Moscow'))).toBe(dayOf(2024, 1, 2));
    expect(periodIndex(late, 'day', zone('+03:00'))).toBe(dayOf(2024, 1, 2));
    // 23:30Z on Jan 31 is 00:30 on Feb 1 at +01:00
    const edge = at('2024-01-31T23:30:00Z');
    expect(periodIndex(edge, 'month', UTC)).toBe(648);
    expect(periodIndex(edge, 'month', zone('+01:00'))).toBe(649);
    // 02:00Z on Mon 2024-01-01 is Sun 2023-12-31 21:00 in New York: the previous ISO week
    const monday = at('2024-01-01T02:00:00Z');
    expect(periodIndex(monday, 'week', zone('America/New_York'))).toBe(
      periodIndex(monday, 'week', UTC) - 1,
    );
  });

  it('New York DST: days around the 2024 switches', () => {
    const ny = zone('America/New_York');
    // 04:30Z = 23:30 EST on Mar 9; 07:30Z = 03:30 EDT on Mar 10
    expect(periodIndex(at('2024-03-10T04:30:00Z'), 'day', ny)).toBe(dayOf(2024, 3, 9));
    expect(periodIndex(at('2024-03-10T07:30:00Z'), 'day', ny)).toBe(dayOf(2024, 3, 10));
    // 03:59Z = 23:59 EDT on Nov 2; 04:00Z = 00:00 EDT on Nov 3; 05:30Z and 06:30Z are both
    // 01:30 local (EDT, then EST) on Nov 3; 04:59Z on Nov 4 = 23:59 EST on Nov 3
    expect(periodIndex(at('2024-11-03T03:59:00Z'), 'day', ny)).toBe(dayOf(2024, 11, 2));
    expect(periodIndex(at('2024-11-03T04:00:00Z'), 'day', ny)).toBe(dayOf(2024, 11, 3));
    expect(periodIndex(at('2024-11-03T05:30:00Z'), 'day', ny)).toBe(dayOf(2024, 11, 3));
    expect(periodIndex(at('2024-11-03T06:30:00Z'), 'day', ny)).toBe(dayOf(2024, 11, 3));
    expect(periodIndex(at('2024-11-04T04:59:00Z'), 'day', ny)).toBe(dayOf(2024, 11, 3));
    expect(periodIndex(at('2024-11-04T05:00:00Z'), 'day', ny)).toBe(dayOf(2024, 11, 4));
  });

  it('month index at the ends of the time range (±8.64e15 ms, which parseTimestamp accepts)', () => {
    // 8.64e15 is 275760-09-13T00:00Z, +01:00 moves it an hour later, past the Date range:
    // still September 275760
    expect(periodIndex(8.64e15, 'month', zone('+01:00'))).toBe((275_760 - 1970) * 12 + 8);
    // −8.64e15 is −271821-04-20T00:00Z; −05:00 moves it to April 19, before the Date range
    expect(periodIndex(-8.64e15, 'month', zone('-05:00'))).toBe((-271_821 - 1970) * 12 + 3);
  });

  // Regression: periodStartDay builds the first day of a month with a Date, so the month of
  // the start of the time range (April −271821, which begins before the Date range) has start day
  // NaN, and recency/T computed from it are NaN. −8.64e15 ms is day −100,000,000 (April 20), so
  // April 1 is day −100,000,019.
  it('periodStartDay of the first month of the time range is a day number', () => {
    expect(periodStartDay((-271_821 - 1970) * 12 + 3, 'month')).toBe(-100_000_019);
  });

  // Regression: near the end of the time range an IANA zone's hour cache asks Intl for the
  // offset of the next hour, an invalid Date, and a raw RangeError escapes.
  it('an IANA offset at the last valid instant', () => {
    expect(zone('Europe/Moscow').offsetAt(8.64e15)).toBe(3 * HOUR);
  });
});
