import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calendarClock,
  calendarClocks,
  calendarDaysBetween,
  MS_PER_DAY,
  resolveZone,
  startOfLocalDay,
  type Zone,
} from '../../src/core/time.js';
import { classifyCustomers } from '../../src/segments/classify/classify.js';
import { rfmScores } from '../../src/segments/rfm.js';
import { summarizeTransactions } from '../../src/transactions/summarize.js';

const NY = 'America/New_York';
const zone = (name: string) => resolveZone(name) as Zone;
/** The first instant of the local day `date` in `name`. */
const dayStart = (date: string, name: string) => startOfLocalDay(Date.parse(date), zone(name));

describe('a day is a local calendar day (conventions, section 1)', () => {
  it('date-only values are whole days apart across both changes of 2024 in New York', () => {
    // Mar 10 has 23 hours, Nov 3 has 25: elapsed time would give 1.958 and 2.042 days
    expect(
      calendarDaysBetween(dayStart('2024-03-09', NY), dayStart('2024-03-11', NY), zone(NY)),
    ).toBe(2);
    expect(
      calendarDaysBetween(dayStart('2024-11-02', NY), dayStart('2024-11-04', NY), zone(NY)),
    ).toBe(2);
    // Lord Howe Island changes by 30 minutes: still whole days
    const LH = 'Australia/Lord_Howe';
    expect(
      calendarDaysBetween(dayStart('2024-04-06', LH), dayStart('2024-04-08', LH), zone(LH)),
    ).toBe(2);
  });

  it("within a day of 25 hours, time is scaled: the day's middle instant is at noon", () => {
    // Nov 3 in New York: 04:00Z (00:00 EDT) to 05:00Z next day (00:00 EST), 25 hours; its
    // middle, 12.5 hours in (16:30Z), is 12 hours on the calendar clock
    const start = Date.parse('2024-11-03T04:00:00Z');
    expect(calendarClock(start + 12.5 * 3_600_000, zone(NY)) - Date.parse('2024-11-03')).toBe(
      12 * 3_600_000,
    );
  });

  it('UTC and fixed offsets: elapsed time', () => {
    const a = Date.parse('2024-03-09T17:00:00Z');
    const b = Date.parse('2024-03-11T16:00:00Z');
    expect(calendarDaysBetween(a, b, zone('UTC'))).toBe((b - a) / MS_PER_DAY);
    expect(calendarDaysBetween(a, b, zone('-05:00'))).toBe((b - a) / MS_PER_DAY);
  });

  it('never runs backwards, and counts each local day as one (property)', () => {
    // and zones whose clocks change at midnight: Santiago and Beirut at 24:00 and 00:00,
    // Havana from 01:00 back to 00:00
    const zones = [
      'America/New_York',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Asia/Beirut',
      'America/Havana',
    ];
    const from = Date.parse('2023-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 730 * 24 * 60 }),
        fc.integer({ min: 0, max: 3 * 24 * 60 }),
        (name, minute, step) => {
          const z = zone(name);
          const a = from + minute * 60_000;
          const b = a + step * 60_000;
          expect(calendarClock(b, z)).toBeGreaterThanOrEqual(calendarClock(a, z));
          // the clock of a day's first instant is that day's midnight
          const local = a + z.offsetAt(a);
          const midnight = Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
          expect(calendarClock(startOfLocalDay(midnight, z), z)).toBe(midnight);
        },
      ),
      { numRuns: 300 },
    );
  });

  const log = [
    { customerId: 'autumn', at: '2024-10-31', amount: 10 },
    { customerId: 'spring', at: '2024-03-02', amount: 10 },
    { customerId: 'spring', at: '2024-03-09', amount: 10 },
    { customerId: 'spring', at: '2024-03-11', amount: 10 },
  ];

  it('rfmScores: days since the last purchase of a date-only log are whole', () => {
    // asOf 2024-11-29 ends at the first instant of Nov 30: Oct 31 → Nov 30 is 30 days, though
    // 30 days and 1 hour elapsed; Mar 11 → Nov 30 is 264 days, though 264 days and 0 hours (both
    // changes lie between)
    const options = { asOf: '2024-11-29', timeZone: NY };
    const scores = rfmScores(summarizeTransactions(log, options), options).toRows();
    expect(scores.map((s) => [s.customerId, s.daysSinceLastPurchase])).toEqual([
      ['autumn', 30],
      ['spring', 264],
    ]);
  });

  it('classifyCustomers: new within 30 days, and a repeat interval of whole days', () => {
    // 'autumn' bought first 30 calendar days before the end of asOf: new (≤ 30); with elapsed
    // time it was 30 days and 1 hour, not new. 'spring': intervals Mar 2 → Mar 9 → Mar 11, mean
    // (9 days) / 2 = 4.5 days, though Mar 10 had 23 hours.
    const options = { asOf: '2024-11-29', timeZone: NY, granularity: 'none' } as const;
    const table = classifyCustomers(summarizeTransactions(log, options), {
      asOf: '2024-11-29',
      timeZone: NY,
    });
    const rows = table.toRows();
    expect(rows.map((r) => [r.customerId, r.segment])).toEqual([
      ['autumn', 'new'],
      ['spring', 'at-risk'],
    ]);
    expect(rows[0]?.reasons?.[0]?.values).toEqual({
      daysSinceFirstPurchase: 30,
      newWithinDays: 30,
    });
    // 264 days since Mar 11 > 2 × 4.5 days
    expect(rows[1]?.reasons?.[0]?.values).toEqual({
      daysSinceLastPurchase: 264,
      multiple: 2,
      intervalDays: 4.5,
      intervalSource: 'own',
    });
    const spring = summarizeTransactions(log, options).toRows()[1];
    expect(spring?.recency).toBe(9);
  });
});

describe('date-only logs give whole days in every zone (property)', () => {
  const zones = ['UTC', '+05:30', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe'];
  const day0 = Date.UTC(2023, 0, 1);
  const dateOf = (d: number) => new Date(day0 + d * MS_PER_DAY).toISOString().slice(0, 10);
  const purchase = fc.record({
    id: fc.constantFrom('a', 'b', 'c'),
    day: fc.integer({ min: 0, max: 700 }),
  });

  it('recency and T without granularity, days since the last purchase, the rules of the classes', () => {
    fc.assert(
      fc.property(
        fc.array(purchase, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 60 }),
        (rows, timeZone, after) => {
          const log = rows.map((r) => ({ customerId: r.id, at: dateOf(r.day), amount: 1 }));
          const asOf = dateOf(Math.max(...rows.map((r) => r.day)) + after);
          const summaries = summarizeTransactions(log, { asOf, timeZone, granularity: 'none' });
          for (const s of summaries.toRows()) {
            expect(Number.isInteger(s.recency) && Number.isInteger(s.T)).toBe(true);
          }
          for (const s of rfmScores(summaries, { asOf, timeZone }).toRows()) {
            expect(Number.isInteger(s.daysSinceLastPurchase)).toBe(true);
          }
          for (const c of classifyCustomers(summaries, { asOf, timeZone }).toRows()) {
            for (const reason of c.reasons ?? []) {
              const { daysSinceFirstPurchase: first, daysSinceLastPurchase: last } =
                reason.values as {
                  daysSinceFirstPurchase?: number;
                  daysSinceLastPurchase?: number;
                };
              if (first !== undefined) expect(Number.isInteger(first)).toBe(true);
              if (last !== undefined) expect(Number.isInteger(last)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('calendarClocks of a column equal calendarClock of each instant (property)', () => {
  it('in zones with changes at 02:00, at midnight, across midnight, of 30 minutes, and old ones', () => {
    const zones = [
      'America/New_York',
      'Asia/Beirut',
      'America/Havana',
      'America/St_Johns',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Asia/Gaza',
      'Europe/Amsterdam',
      '+05:30',
    ];
    const from = Date.parse('1905-01-01T00:00:00Z');
    const to = Date.parse('2030-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: from, max: to }),
        fc.array(fc.integer({ min: 0, max: 3 * 366 * 86_400_000 }), {
          minLength: 1,
          maxLength: 300,
        }),
        (name, base, steps) => {
          const z = zone(name);
          const column = Float64Array.from(steps, (step) => Math.min(to, base + step));
          const clocks = calendarClocks(column, z);
          for (let i = 0; i < column.length; i++) {
            expect(clocks[i]).toBe(calendarClock(column[i] as number, z));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('calendarClocks through the days of a change, every 7 minutes', () => {
  it.each([
    ['America/New_York', '2024-03-09T00:00:00Z'],
    ['America/New_York', '2024-11-02T00:00:00Z'],
    ['Asia/Beirut', '2024-10-25T00:00:00Z'],
    ['America/Havana', '2024-11-02T00:00:00Z'],
    ['America/St_Johns', '2010-11-06T00:00:00Z'],
    ['Australia/Lord_Howe', '2024-04-06T00:00:00Z'],
  ])('%s from %s', (name, start) => {
    const z = zone(name);
    const from = Date.parse(start);
    // 822 instants 7 minutes apart over four days, in a shuffled order (389 is prime to 822's
    // factors), so that the cache meets each day's offsets in turn
    const column = Float64Array.from(
      { length: 822 },
      (_, i) => from + ((i * 389) % 822) * 7 * 60_000,
    );
    const clocks = calendarClocks(column, z);
    for (let i = 0; i < column.length; i++) {
      expect(clocks[i]).toBe(calendarClock(column[i] as number, z));
    }
  });
});
