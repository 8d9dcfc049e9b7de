import { describe, expect, it } from 'vitest';
import { calendarDaysBefore } from '../../src/core/boundary.js';
import { resolveZone, type Zone } from '../../src/core/time.js';
import { planMetricsFromLog } from '../../src/plan/metrics.js';
import { customerCountsSql } from '../../src/sql/counts.js';
import { customerCounts } from '../../src/transactions/counts.js';
import { thrown } from '../support/errors.js';

const NY = 'America/New_York';
const zone = (name: string) => resolveZone(name) as Zone;
const iso = (ms: number) => new Date(ms).toISOString();

describe('activeWithin counts whole calendar days in the zone (conventions, section 1)', () => {
  // Found by the date-or-time property (seed 1582357195): one purchase on 2024-03-05 in New York,
  // periodStart 2024-03-05, periodEnd 2024-03-21, activeWithin 16. The end is the first instant of
  // 2024-03-22 (04:00Z, daylight time); 16 local days before it is the first instant of 2024-03-06
  // (05:00Z, standard time: 03-06 … 03-21 are the 16 days). The purchase on 03-05 is outside the
  // window however it is logged. 16 × 24 hours back would reach 2024-03-05T23:00 local, and a
  // purchase logged at 23:00 on 03-05 was counted while the same purchase logged as a date was not.
  const options = {
    periodStart: '2024-03-05',
    periodEnd: '2024-03-21',
    activeWithin: 16,
    timeZone: NY,
  };
  const none = {
    startCustomers: 0,
    endCustomers: 0,
    newCustomers: 0,
    retainedCustomers: 0,
    lostCustomers: 0,
    acquiredCustomers: 0,
    reactivatedCustomers: 0,
  };

  it('the handed counterexample: as a date and as 23:00 that day, nobody is active at the end', () => {
    const asDate = [{ customerId: 1, at: '2024-03-05', amount: 0 }];
    const asTime = [{ customerId: 1, at: '2024-03-05T23:00:00-05:00', amount: 0 }];
    expect(customerCounts(asDate, options)).toEqual(none);
    expect(customerCounts(asTime, options)).toEqual(none);
    // and a purchase at the window's first instant (00:00 on 03-06, standard time) is in it
    const first = [{ customerId: 1, at: '2024-03-06T00:00:00-05:00', amount: 0 }];
    expect(customerCounts(first, options)).toMatchObject({ endCustomers: 1, acquiredCustomers: 1 });
  });

  it('the window start is the first instant of the local day activeWithin days earlier', () => {
    // across the spring change (a 23-hour day inside the window)
    expect(iso(calendarDaysBefore(Date.parse('2024-03-22T04:00:00Z'), 16, zone(NY)))).toBe(
      '2024-03-06T05:00:00.000Z',
    );
    // across the autumn change (a 25-hour day): 2024-11-10 00:00 EST back 10 days = 2024-10-31 00:00 EDT
    expect(iso(calendarDaysBefore(Date.parse('2024-11-10T05:00:00Z'), 10, zone(NY)))).toBe(
      '2024-10-31T04:00:00.000Z',
    );
    // an instant keeps its time of day: 12:00 EDT on 03-21 back 16 days = 12:00 EST on 03-05
    expect(iso(calendarDaysBefore(Date.parse('2024-03-21T16:00:00Z'), 16, zone(NY)))).toBe(
      '2024-03-05T17:00:00.000Z',
    );
    // on a 23-hour day the calendar clock is scaled: 12:00 on 03-11 back 1 day is the instant
    // 12 of 24 hours into 03-10 on the clock, 11.5 elapsed hours after its start (05:00Z)
    expect(iso(calendarDaysBefore(Date.parse('2024-03-11T16:00:00Z'), 1, zone(NY)))).toBe(
      '2024-03-10T16:30:00.000Z',
    );
    // Europe/Moscow has not changed its clocks since 2014: exactly 24 hours a day
    expect(
      iso(calendarDaysBefore(Date.parse('2024-03-21T21:00:00Z'), 16, zone('Europe/Moscow'))),
    ).toBe('2024-03-05T21:00:00.000Z');
    // a fixed offset: 24 hours a day
    expect(iso(calendarDaysBefore(Date.parse('2024-03-21T18:30:00Z'), 1, zone('+05:30')))).toBe(
      '2024-03-20T18:30:00.000Z',
    );
  });

  it('holds at the autumn change: a purchase late on the first day of the window counts', () => {
    // periodEnd 2024-11-09 ends at 2024-11-10T05:00Z; 10 local days: 10-31 … 11-09, starting
    // 2024-10-31T04:00Z. 10 × 24 hours would start at 05:00Z and miss 00:30 local on 10-31.
    const log = [
      { customerId: 'a', at: '2024-10-31T00:30:00-04:00', amount: 1 },
      { customerId: 'b', at: '2024-10-31', amount: 1 },
      { customerId: 'c', at: '2024-10-30T23:59:59-04:00', amount: 1 },
    ];
    const counts = customerCounts(log, {
      periodStart: '2024-10-01',
      periodEnd: '2024-11-09',
      activeWithin: 10,
      timeZone: NY,
    });
    expect(counts.endCustomers).toBe(2);
  });

  it('the SQL query gets the same window edges as parameters', () => {
    const { params } = customerCountsSql({
      dialect: 'postgres',
      table: 'orders',
      columns: { customerId: 'customer_id', at: 'at', amount: 'amount' },
      ...options,
    });
    expect(params).toContain(Date.parse('2024-03-06T05:00:00Z'));
    // S: 16 local days before 2024-03-05T05:00Z = 2024-02-18T05:00Z (no change in between)
    expect(params).toContain(Date.parse('2024-02-18T05:00:00Z'));
    expect(params).not.toContain(Date.parse('2024-03-06T04:00:00Z'));
  });

  it.each([
    ['customerCounts', (w: number) => customerCounts([], { ...options, activeWithin: w })],
    [
      'planMetricsFromLog',
      (w: number) =>
        planMetricsFromLog([{ customerId: 1, at: '2024-03-01', amount: 1 }], {
          ...options,
          activeWithin: w,
        }),
    ],
    [
      'customerCountsSql',
      (w: number) =>
        customerCountsSql({
          dialect: 'duckdb',
          table: 'orders',
          columns: { customerId: 'customer_id', at: 'at', amount: 'amount' },
          ...options,
          activeWithin: w,
        }),
    ],
  ])('%s refuses a fraction of a day and names activeWithin', (_name, call) => {
    for (const w of [0.5, 16.25, 0]) {
      const error = thrown(() => call(w));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toContain('activeWithin');
      expect(error.message).toContain('whole number');
    }
    expect(() => call(1)).not.toThrow();
  });
});
