/**
 * Days in zones whose clocks change at midnight or by seconds: the first instant of a local day,
 * the offset just after a transition of a local mean time, and what the summaries make of them.
 * Expected values come from the IANA tz database's source lines, quoted in each test, by hand.
 */
import { describe, expect, it } from 'vitest';
import { resolveBoundary } from '../../src/core/boundary.js';
import { periodIndex } from '../../src/core/period.js';
import {
  calendarClock,
  MS_PER_DAY,
  resolveZone,
  startOfLocalDay,
  type Zone,
} from '../../src/core/time.js';
import { summarizeTransactions } from '../../src/transactions/summarize.js';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const zone = (name: string) => resolveZone(name) as Zone;
const dayStart = (date: string, name: string) => startOfLocalDay(at(date), zone(name));
/** An offset of hours, minutes and seconds, in ms. */
const hms = (sign: 1 | -1, h: number, m: number, s: number) =>
  sign * ((h * 60 + m) * 60 + s) * 1000;

describe('offsets of seconds change at an instant of whole seconds, not minutes', () => {
  it('America/Santiago left Santiago Mean Time (−4:42:45) for −5 at 1910-01-10T04:42:45Z', () => {
    // Zone America/Santiago -4:42:45 - SMT 1910 Jan 10, then -5:00: the change at 00:00 SMT,
    // 00:00 + 4:42:45 = 04:42:45Z. Seconds after it, the offset is −5 (it was −4:42:45 for the
    // rest of that minute).
    const santiago = zone('America/Santiago');
    expect(santiago.offsetAt(at('1910-01-10T04:42:44.999Z'))).toBe(hms(-1, 4, 42, 45));
    expect(santiago.offsetAt(at('1910-01-10T04:42:45Z'))).toBe(-5 * HOUR);
    expect(santiago.offsetAt(at('1910-01-10T04:42:50Z'))).toBe(-5 * HOUR);
  });

  it('Europe/Moscow left Moscow Mean Time (+2:30:17) for +2:31:19 at 1916-07-02T21:29:43Z', () => {
    // Zone Europe/Moscow 2:30:17 - MMT 1916 Jul 3, then 2:31:19: 00:00 MMT − 2:30:17.
    const moscow = zone('Europe/Moscow');
    expect(moscow.offsetAt(at('1916-07-02T21:29:42Z'))).toBe(hms(1, 2, 30, 17));
    expect(moscow.offsetAt(at('1916-07-02T21:29:43Z'))).toBe(hms(1, 2, 31, 19));
    expect(moscow.offsetAt(at('1916-07-02T21:29:59Z'))).toBe(hms(1, 2, 31, 19));
  });

  it('1910-01-10 in Santiago starts at 05:00Z (00:00 at −5), not at the change of offset', () => {
    // At 04:42:45Z the clocks went from 00:00 on the 10th back to 23:42:45 on the 9th; the 10th
    // began 17:15 later, at 00:00 −5 = 05:00Z.
    expect(dayStart('1910-01-10', 'America/Santiago')).toBe(at('1910-01-10T05:00:00Z'));
  });

  it('a purchase at 23:50 local on the last day of observation is kept (Santiago, 1910)', () => {
    // 1910-01-10T04:50Z is 23:50 on the 9th at −5: it belongs to asOf 1910-01-09, as does the
    // same purchase logged as the date 1910-01-09. Both are one order of 12.50 + 7.50 = 20.
    const log = [
      { customerId: 'a', at: '1910-01-09', amount: '12.50' },
      { customerId: 'a', at: '1910-01-10T04:50:00Z', amount: '7.50' },
    ];
    const [summary] = summarizeTransactions(log, {
      asOf: '1910-01-09',
      timeZone: 'America/Santiago',
      form: 'rows',
    });
    expect(summary?.orders).toBe(1);
    expect(summary?.totalRevenue.toString()).toBe('20');
  });
});

describe('midnight that comes twice (daylight saving time ends at 01:00)', () => {
  // Rule Palestine 2016 2018 - Oct Sat<=30 1:00 0 -: on Saturday 2016-10-29 at 01:00 +3 the
  // clocks of Asia/Gaza went back to 00:00 +2. The 29th began at the first midnight, 00:00 +3 =
  // 2016-10-28T21:00Z, and had 25 hours (to 00:00 +2 on the 30th = 2016-10-29T22:00Z).
  const GAZA = 'Asia/Gaza';

  it("the day's first instant is the first midnight", () => {
    expect(dayStart('2016-10-29', GAZA)).toBe(at('2016-10-28T21:00:00Z'));
    expect(dayStart('2016-10-30', GAZA) - dayStart('2016-10-29', GAZA)).toBe(25 * HOUR);
    // the boundary '2016-10-28' ends where the 29th begins
    expect(resolveBoundary('2016-10-28', zone(GAZA))?.end).toBe(at('2016-10-28T21:00:00Z'));
  });

  it('the calendar clock does not run backwards across that midnight', () => {
    // 20:59:59Z is 23:59:59 on the 28th; 21:30Z is 00:30 (+3) on the 29th, half an hour into a
    // 25-hour day: 0.5 × 24 / 25 hours on the clock.
    const g = zone(GAZA);
    const midnight = at('2016-10-29T00:00:00Z');
    expect(calendarClock(at('2016-10-28T20:59:59Z'), g)).toBe(midnight - 1000);
    expect(calendarClock(at('2016-10-28T21:30:00Z'), g)).toBe(midnight + (0.5 * HOUR * 24) / 25);
  });

  it('a purchase in the first hour of the 29th is not counted under asOf 2016-10-28', () => {
    // 21:30Z is 00:30 on the 29th: after asOf 2016-10-28, as the date 2016-10-29 would be.
    const log = [
      { customerId: 'a', at: '2016-10-20', amount: '5' },
      { customerId: 'a', at: '2016-10-28T21:30:00Z', amount: '7' },
    ];
    const [summary] = summarizeTransactions(log, {
      asOf: '2016-10-28',
      timeZone: GAZA,
      form: 'rows',
    });
    expect(summary?.orders).toBe(1);
    expect(summary?.totalRevenue.toString()).toBe('5');
    expect(periodIndex(at('2016-10-28T21:30:00Z'), 'day', zone(GAZA))).toBe(
      at('2016-10-29') / MS_PER_DAY,
    );
  });

  it('America/Havana: the same change at a negative offset (2024-11-03, 01:00 −4 → 00:00 −5)', () => {
    // Rule Cuba 2012 max - Nov Sun>=1 0:00s 0 S: 00:00 standard (−5) = 01:00 daylight (−4),
    // at 05:00Z. The 3rd began at 00:00 −4 = 04:00Z and had 25 hours.
    expect(dayStart('2024-11-03', 'America/Havana')).toBe(at('2024-11-03T04:00:00Z'));
    expect(dayStart('2024-11-04', 'America/Havana')).toBe(at('2024-11-04T05:00:00Z'));
  });
});

describe('clocks that went back across midnight (00:01 → 23:01)', () => {
  // Rule StJohns 2007 2011 - Nov Sun>=1 0:01 0 S: on 2010-11-07 at 00:01 NDT (−2:30), 02:31Z,
  // the clocks of America/St_Johns went back to 23:01 NST (−3:30) on the 6th. The date turned
  // to the 7th at 00:00 NDT (02:30Z), back to the 6th a minute later, and to the 7th again at
  // 00:00 NST (03:30Z): the 7th begins at the last turn, and the 6th keeps its repeated hour.
  const SJ = 'America/St_Johns';

  it('the 7th begins at 03:30Z; the 6th had 25 hours', () => {
    expect(dayStart('2010-11-07', SJ)).toBe(at('2010-11-07T03:30:00Z'));
    expect(dayStart('2010-11-07', SJ) - dayStart('2010-11-06', SJ)).toBe(25 * HOUR);
  });

  it('a purchase at 23:31 NST in the repeated hour belongs to asOf 2010-11-06', () => {
    // 03:01Z is 23:31 on the 6th at −3:30
    const log = [
      { customerId: 'a', at: '2010-11-01', amount: '5' },
      { customerId: 'a', at: '2010-11-07T03:01:00Z', amount: '7' },
    ];
    const [summary] = summarizeTransactions(log, {
      asOf: '2010-11-06',
      timeZone: SJ,
      form: 'rows',
    });
    expect(summary?.totalRevenue.toString()).toBe('12');
  });
});

describe('midnight that never comes', () => {
  it('America/Santiago 2024-09-08 begins at 01:00 (−3), the change at 04:00Z', () => {
    // Rule Chile 2023 max - Sep Sun>=2 4:00u 1:00 -: 04:00Z, 00:00 −4 → 01:00 −3; 23 hours.
    expect(dayStart('2024-09-08', 'America/Santiago')).toBe(at('2024-09-08T04:00:00Z'));
    expect(dayStart('2024-09-09', 'America/Santiago')).toBe(at('2024-09-09T03:00:00Z'));
  });

  it('Pacific/Apia skipped 2011-12-30: it begins and ends where the 31st begins', () => {
    // Zone Pacific/Apia -11:00 WS-Apia ... 2011 Dec 29 24:00, then 13:00 (+14 in daylight time):
    // 2011-12-29 24:00 −10 = 2011-12-30T10:00Z = 2011-12-31 00:00 +14.
    expect(dayStart('2011-12-30', 'Pacific/Apia')).toBe(at('2011-12-30T10:00:00Z'));
    expect(dayStart('2011-12-31', 'Pacific/Apia')).toBe(at('2011-12-30T10:00:00Z'));
  });
});

describe('the calendar clock on days of 23 and 25 hours whose offset changes at an end', () => {
  it('Asia/Beirut 2024-10-26: 25 hours, the clocks going back at its 24:00', () => {
    // Rule Lebanon 1993 max - Oct lastSun 0:00 0 -: on Sunday 2024-10-27 at 00:00 +3 the clocks
    // went back to 23:00 on the 26th, +2. The 26th ran from 00:00 +3 (2024-10-25T21:00Z) to
    // 00:00 +2 on the 27th (2024-10-26T22:00Z), 25 hours, all of its first 24 at +3. An hour
    // into it is 1 × 24/25 hours on the clock, not 1.
    const b = zone('Asia/Beirut');
    const midnight = at('2024-10-26T00:00:00Z');
    expect(calendarClock(at('2024-10-25T22:00:00Z'), b)).toBe(midnight + (HOUR * 24) / 25);
    // the second 23:00 (21:00Z) is 24 hours in: 24 × 24/25 = 23.04 hours
    expect(calendarClock(at('2024-10-26T21:00:00Z'), b)).toBe(midnight + (24 * HOUR * 24) / 25);
  });

  it('Asia/Gaza 2016-10-29 after its second midnight: 1.5 hours into a 25-hour day', () => {
    // 22:30Z is 00:30 +2, 1.5 hours after the day began at 21:00Z
    expect(calendarClock(at('2016-10-28T22:30:00Z'), zone('Asia/Gaza'))).toBe(
      at('2016-10-29T00:00:00Z') + (1.5 * HOUR * 24) / 25,
    );
  });

  it.each([
    ['Asia/Beirut', '2024-10-26'],
    ['Asia/Beirut', '2024-03-31'],
    ['Asia/Gaza', '2016-10-29'],
    ['America/Havana', '2024-11-03'],
    ['America/Santiago', '2024-04-06'],
    ['America/Santiago', '2024-09-08'],
    ['America/Santiago', '1910-01-09'],
    ['Europe/Moscow', '1916-07-02'],
  ])('%s %s and the days around it: each instant at its share of its day', (name, date) => {
    // every 10 minutes from the day before to the day after: the clock is the day's midnight plus
    // the elapsed share of the day (its first instant to the next day's), and never decreases
    const z = zone(name);
    const first = at(date) - MS_PER_DAY;
    let previous = Number.NEGATIVE_INFINITY;
    for (let day = first; day <= first + 2 * MS_PER_DAY; day += MS_PER_DAY) {
      const start = startOfLocalDay(day, z);
      const length = startOfLocalDay(day + MS_PER_DAY, z) - start;
      for (let ms = start; ms < start + length; ms += 600_000) {
        const clock = calendarClock(ms, z);
        expect(clock).toBe(day + Math.round(((ms - start) * MS_PER_DAY) / length));
        expect(clock).toBeGreaterThanOrEqual(previous);
        previous = clock;
      }
    }
  });
});
