import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { isRetentionMetricsError, type RetentionMetricsError } from '../../src/core/errors.js';
import { compressSummaries } from '../../src/transactions/compress.js';
import type { CustomerSummary } from '../../src/transactions/customer-summary.js';
import { calibrationHoldoutSummary } from '../../src/transactions/holdout.js';
import type {
  CustomerId,
  SummaryOptions,
  Timestamp,
  Transaction,
  TransactionLog,
} from '../../src/transactions/log.js';
import {
  createSummaryAccumulator,
  summarizeTransactions,
} from '../../src/transactions/summarize.js';

// Every expected value below is a hand calculation written next to it. Calendar facts used:
// 2024 is a leap year; 2024-01-01 is a Monday; ISO weeks run Monday to Sunday; Moscow is UTC+3;
// New York is UTC−5 (EST) until 2024-03-10T07:00Z, then UTC−4 (EDT) until 2024-11-03T06:00Z.

/** Decimals as strings and Dates as ISO strings, for deep comparison. */
function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Decimal.isDecimal(value)) return value.toString();
  if (Array.isArray(value)) return value.map(normalise);
  // A table compares as its rows.
  if (typeof value === 'object' && value !== null && 'toRows' in value) {
    return normalise((value as { toRows(): unknown[] }).toRows());
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

/** The one customer of a log, or fails. */
function only(log: TransactionLog, options: SummaryOptions): CustomerSummary {
  const result = summarizeTransactions(log, options);
  expect(result).toHaveLength(1);
  return result.at(0) as CustomerSummary;
}

/** frequency, recency and T of a one-customer log. */
function frt(log: TransactionLog, options: SummaryOptions): [number, number, number] {
  const s = only(log, options);
  return [s.frequency, s.recency, s.T];
}

/** The money fields as strings. */
function money(s: CustomerSummary): [string, string, string] {
  return [s.totalRevenue.toString(), s.averageOrderValue.toString(), s.monetaryValue.toString()];
}

function thrown(fn: () => unknown): RetentionMetricsError {
  try {
    fn();
  } catch (error) {
    expect(isRetentionMetricsError(error)).toBe(true);
    return error as RetentionMetricsError;
  }
  throw new Error('expected a RetentionMetricsError, but the function returned');
}

const row = (
  at: Timestamp,
  amount: Transaction['amount'] = 1,
  customerId: CustomerId = 1,
): Transaction => ({
  customerId,
  at,
  amount,
});

/** Epoch ms of a row's time (the tests' rows hold ISO strings or ms). */
const msOf = (t: Transaction): number =>
  typeof t.at === 'string' ? Date.parse(t.at) : Number(t.at);

describe('summarizeTransactions: orders, frequency, recency, T', () => {
  it('collapses same-day purchases into one order whose amount is their sum', () => {
    const log = [
      row('2024-01-01T09:00:00Z', '10.00'),
      row('2024-01-01T17:30:00Z', '5.50'),
      row('2024-01-15', '20.00'),
    ];
    const s = only(log, { asOf: '2024-01-29' });
    // orders: Jan 1 (10.00 + 5.50 = 15.50) and Jan 15 (20.00)
    expect(s.orders).toBe(2);
    expect(s.frequency).toBe(1);
    expect(s.recency).toBe(14); // Jan 1 → Jan 15
    expect(s.T).toBe(28); // Jan 1 → Jan 29
    // total 35.50; AOV 35.50 / 2 = 17.75; repeat mean: 20.00 / 1 (the first order is excluded)
    expect(money(s)).toEqual(['35.5', '17.75', '20']);
    // first/last purchase are the exact instants, not the starts of their days
    expect(s.firstPurchaseAt.toISOString()).toBe('2024-01-01T09:00:00.000Z');
    expect(s.lastPurchaseAt.toISOString()).toBe('2024-01-15T00:00:00.000Z');
    // the default unit is the day
    expect(frt(log, { asOf: '2024-01-29', unit: 'day' })).toEqual([1, 14, 28]);
    // in weeks: 14 / 7 = 2, 28 / 7 = 4
    expect(frt(log, { asOf: '2024-01-29', unit: 'week' })).toEqual([1, 2, 4]);
  });

  it("granularity 'week': ISO weeks, Monday to Sunday", () => {
    const log = [
      row('2024-01-01', 1), // Monday, week of Jan 1
      row('2024-01-07T23:59:59Z', 2), // Sunday, same week: the same order
      row('2024-01-10', 4), // Wednesday, week of Jan 8
    ];
    const options = { asOf: '2024-01-27', granularity: 'week' } as const; // Saturday, week of Jan 22
    const s = only(log, { ...options, unit: 'week' });
    expect(s.orders).toBe(2);
    // recency: week of Jan 1 → week of Jan 8 = 1; T: week of Jan 1 → week of Jan 22 = 3
    expect([s.frequency, s.recency, s.T]).toEqual([1, 1, 3]);
    // orders 3 (Jan 1 + Jan 7) and 4: total 7, AOV 3.5, repeat mean 4
    expect(money(s)).toEqual(['7', '3.5', '4']);
    // in days, between the Mondays: 7 and 21
    expect(frt(log, { ...options, unit: 'day' })).toEqual([1, 7, 21]);
    // a Sunday and the next Monday are different weeks
    expect(frt([row('2024-01-07'), row('2024-01-08')], { ...options, unit: 'week' })).toEqual([
      1, 1, 3,
    ]);
  });

  it("granularity 'month': calendar months; whole months with unit 'month', real days otherwise", () => {
    const log = [
      row('2024-01-31', 1), // January
      row('2024-02-01', 2), // February
      row('2024-02-29', 4), // February again: the same order as Feb 1
      row('2024-04-15', 8), // April
    ];
    const options = { asOf: '2024-06-10', granularity: 'month' } as const;
    const s = only(log, { ...options, unit: 'month' });
    expect(s.orders).toBe(3);
    // recency: Jan → Apr = 3 months; T: Jan → Jun = 5 months
    expect([s.frequency, s.recency, s.T]).toEqual([2, 3, 5]);
    // orders 1, 6, 8: total 15, AOV 15 / 3 = 5, repeat mean (6 + 8) / 2 = 7
    expect(money(s)).toEqual(['15', '5', '7']);
    // in days between month starts: Jan 1 → Apr 1 = 31 + 29 + 31 = 91; Jan 1 → Jun 1 = 91 + 30 + 31 = 152
    expect(frt(log, { ...options, unit: 'day' })).toEqual([2, 91, 152]);
    // Jan → Mar 2024 is 31 + 29 = 60 days, not 2 × 30.436875
    const janMar = [row('2024-01-20'), row('2024-03-05')];
    expect(frt(janMar, { asOf: '2024-03-31', granularity: 'month', unit: 'day' })).toEqual([
      1, 60, 60,
    ]);
    expect(frt(janMar, { asOf: '2024-03-31', granularity: 'month', unit: 'week' })).toEqual([
      1,
      60 / 7,
      60 / 7,
    ]);
  });

  it("unit 'month' with daily orders is days / 30.436875 (the mean Gregorian month)", () => {
    const log = [row('2024-01-01'), row('2024-03-01')];
    // Jan 1 → Mar 1 = 60 days; Jan 1 → Apr 1 = 91 days
    expect(frt(log, { asOf: '2024-04-01', unit: 'month' })).toEqual([
      1,
      60 / 30.436875,
      91 / 30.436875,
    ]);
  });

  it("granularity 'none': each distinct timestamp is an order, durations from raw milliseconds", () => {
    const log = [
      row('2024-01-01T00:00:00Z', 1),
      row('2024-01-01T12:00:00Z', 2),
      row('2024-01-01T12:00:00.000Z', 4), // the same instant: the same order (2 + 4 = 6)
      row('2024-01-02T06:00:00Z', 8),
      row('2024-01-03T00:00:00.001Z', 16), // after asOf (an instant here): left out
    ];
    const options = { asOf: '2024-01-03T00:00:00Z', granularity: 'none' } as const;
    const s = only(log, options);
    expect(s.orders).toBe(3);
    // recency: 00:00 Jan 1 → 06:00 Jan 2 = 30 h = 1.25 days; T: → 00:00 Jan 3 = 48 h = 2 days
    expect([s.frequency, s.recency, s.T]).toEqual([2, 1.25, 2]);
    // orders 1, 6, 8: total 15, AOV 5, repeat mean (6 + 8) / 2 = 7
    expect(money(s)).toEqual(['15', '5', '7']);
    expect(frt(log, { ...options, unit: 'week' })).toEqual([2, 1.25 / 7, 2 / 7]);
    expect(createSummaryAccumulator(options).addMany(log).rowsAfterAsOf).toBe(1);
  });

  it('unit as a number of days (14 = fortnights)', () => {
    const log = [row('2024-01-01'), row('2024-01-22')];
    // recency 21 days / 14 = 1.5; T: Jan 1 → Feb 12 = 42 days / 14 = 3
    expect(frt(log, { asOf: '2024-02-12', unit: 14 })).toEqual([1, 1.5, 3]);
    // 7 is the same as 'week'
    expect(frt(log, { asOf: '2024-02-12', unit: 7 })).toEqual(
      frt(log, { asOf: '2024-02-12', unit: 'week' }),
    );
  });

  it('asOf includes its whole day; later purchases are left out and counted', () => {
    const log = [
      row('2024-01-01', '1.00'),
      row('2024-01-31T23:59:59.999Z', '2.00'), // the last millisecond of asOf's day: in
      row('2024-02-01T00:00:00Z', '4.00'), // the next day: out
      row('2024-03-01', '8.00', 2), // customer 2 only after asOf: not in the result at all
    ];
    // a date-only asOf names the whole day; an instant ends where it is
    const last = Date.UTC(2024, 0, 31, 23, 59, 59, 999);
    for (const asOf of ['2024-01-31', '20240131', new Date(last), last, BigInt(last)]) {
      const result = summarizeTransactions(log, { asOf });
      expect(result.toRows().map((s) => s.customerId)).toEqual([1]);
      const s = result.at(0) as CustomerSummary;
      expect([s.frequency, s.recency, s.T]).toEqual([1, 30, 30]);
      expect(s.totalRevenue.toString()).toBe('3');
      expect(s.lastPurchaseAt.toISOString()).toBe('2024-01-31T23:59:59.999Z');
    }
    const acc = createSummaryAccumulator({ asOf: '2024-01-31' }).addMany(log);
    expect(acc.rowsAfterAsOf).toBe(2);
    expect(acc.size).toBe(1);
  });

  it("with 'week' or 'month' granularity asOf still ends with its day; T counts to its period", () => {
    // asOf is Wednesday 2024-01-03; the purchase on Sunday 2024-01-07, in the same ISO week, is
    // after it and left out (version 0.1.0 observed the whole week)
    const week = [row('2024-01-01'), row('2024-01-03T18:00:00Z'), row('2024-01-07')];
    const acc = createSummaryAccumulator({ asOf: '2024-01-03', granularity: 'week' }).addMany(week);
    expect(acc.rowsAfterAsOf).toBe(1);
    expect(frt(week, { asOf: '2024-01-03', granularity: 'week' })).toEqual([0, 0, 0]);
    // asOf 2024-02-10: the purchase of Feb 28 is left out; T is one whole month
    const month = [row('2024-01-05'), row('2024-02-10T20:00:00Z'), row('2024-02-28')];
    expect(frt(month, { asOf: '2024-02-10', granularity: 'month', unit: 'month' })).toEqual([
      1, 1, 1,
    ]);
  });

  it('does not depend on the order of the log', () => {
    const log = [
      row('2024-01-01T09:00:00Z', '10.00', 1),
      row('2024-01-05', '3.00', 2),
      row('2024-01-01T17:30:00Z', '5.50', 1),
      row('2024-01-15', '20.00', 1),
      row('2024-01-20', '0.01', 2),
      row('2024-01-02', '7.77', 3),
    ];
    const expected = normalise(summarizeTransactions(log, { asOf: '2024-01-29' }));
    const sorted = [...log].sort((a, b) => msOf(a) - msOf(b));
    const reversed = [...sorted].reverse();
    for (const order of [sorted, reversed, [...log].reverse()]) {
      expect(normalise(summarizeTransactions(order, { asOf: '2024-01-29' }))).toEqual(expected);
    }
    // the first order is found even when it comes last: customer 1's repeat mean is 20.00
    expect(normalise(summarizeTransactions(reversed, { asOf: '2024-01-29' }).at(0))).toMatchObject({
      monetaryValue: '20',
      firstPurchaseAt: '2024-01-01T09:00:00.000Z',
    });
  });
});

describe('summarizeTransactions: money', () => {
  it('monetaryValue is the mean of the repeat orders; 0 with no repeat; AOV is over all orders', () => {
    const log = [
      row('2024-01-01', 10, 'a'),
      row('2024-01-02', 20, 'a'),
      row('2024-01-03', 40, 'a'),
      row('2024-01-01', 10, 'b'),
      row('2024-01-01', 5, 'b'),
    ];
    const [a, b] = summarizeTransactions(log, { asOf: '2024-01-03' });
    if (a === undefined || b === undefined) throw new Error('expected two customers');
    // a: total 70, AOV 70 / 3 = 23.333… (34 significant digits), repeat mean (20 + 40) / 2 = 30
    expect(money(a)).toEqual(['70', `23.${'3'.repeat(32)}`, '30']);
    // b: one order of 10 + 5 = 15, no repeat purchase: repeat mean 0, AOV 15
    expect(money(b)).toEqual(['15', '15', '0']);
    expect(b.frequency).toBe(0);
  });

  it('is exact: 0.1 + 0.2 = 0.3, sub-cent amounts, Decimal instances, mixed representations', () => {
    const at = '2024-01-01';
    const total = (amounts: Transaction['amount'][]) =>
      only(
        amounts.map((amount) => row(at, amount)),
        { asOf: at },
      ).totalRevenue.toString();
    expect(total([0.1, 0.2])).toBe('0.3');
    expect(total(['0.001', '0.002'])).toBe('0.003');
    expect(total([0.001, '0.1', 1])).toBe('1.101');
    expect(total([new Decimal('1.005'), 2])).toBe('3.005');
    expect(total([0.1, '0.2', new Decimal('0.3')])).toBe('0.6');
    expect(total(['12345678901234567890.12', 0.01])).toBe('12345678901234567890.13');
    expect(total([0, '0.00', -0])).toBe('0');
    // large cent totals beyond 2^53 cents stay exact: 5 × 11,258,999,068,426.23 = 56,294,995,342,131.15
    expect(total(Array.from({ length: 5 }, () => '11258999068426.23'))).toBe('56294995342131.15');
  });

  it('splits sub-cent amounts exactly between the first order and the repeats', () => {
    const log = [row('2024-01-01', '0.001'), row('2024-01-02', 0.002), row('2024-01-03', '0.0035')];
    // total 0.0065; AOV 0.0065 / 3 = 0.0021666…; repeat mean (0.002 + 0.0035) / 2 = 0.00275
    const s = only(log, { asOf: '2024-01-03' });
    expect(s.totalRevenue.toString()).toBe('0.0065');
    expect(s.monetaryValue.toString()).toBe('0.00275');
    // 34 significant digits, the last one rounded: 0.0021666…667
    expect(s.averageOrderValue.toString()).toBe(`0.0021${'6'.repeat(31)}7`);
  });
});

describe('summarizeTransactions: customer ids', () => {
  it('orders the result by id: numbers ascending, then strings', () => {
    const ids = [10, 'b', 2, 'a', -1, 'B', 1.5, 'aa', ''];
    const log = ids.map((id) => row('2024-01-01', 1, id));
    expect(
      summarizeTransactions(log, { asOf: '2024-01-01' })
        .toRows()
        .map((s) => s.customerId),
    ).toEqual([-1, 1.5, 2, 10, '', 'B', 'a', 'aa', 'b']);
  });

  it("1 and '1' are different customers", () => {
    const log = [
      { customerId: 1, at: '2024-01-01', amount: 1 },
      { customerId: '1', at: '2024-01-02', amount: 2 },
    ];
    const result = summarizeTransactions(log, { asOf: '2024-01-02' });
    expect(result.toRows().map((s) => [s.customerId, s.orders, s.totalRevenue.toString()])).toEqual(
      [
        [1, 1, '1'],
        ['1', 1, '2'],
      ],
    );
  });

  it("'__proto__', 'constructor' and 'hasOwnProperty' are ordinary ids", () => {
    const log = ['__proto__', 'constructor', 'hasOwnProperty', '__proto__'].map((id, i) => ({
      customerId: id,
      at: `2024-01-0${i + 1}`,
      amount: '1.00',
    }));
    const result = summarizeTransactions(log, { asOf: '2024-01-04' });
    expect(result.toRows().map((s) => [s.customerId, s.orders])).toEqual([
      ['__proto__', 2],
      ['constructor', 1],
      ['hasOwnProperty', 1],
    ]);
    expect(Object.prototype).not.toHaveProperty('orders');
  });
});

describe('summarizeTransactions: column input', () => {
  it('reads typed-array columns: Int32Array ids, Float64Array epoch ms and amounts', () => {
    const rows = [
      row('2024-01-01T09:00:00Z', 10.25, 7),
      row('2024-01-03T00:00:00Z', 0.1, -3),
      row('2024-01-01T23:00:00Z', 0.2, 7),
      row('2024-01-05T00:00:00Z', 4.5, 7),
    ];
    const columns = {
      customerId: Int32Array.from(rows.map((r) => r.customerId as number)),
      at: Float64Array.from(rows.map(msOf)),
      amount: Float64Array.from(rows.map((r) => r.amount as number)),
    };
    const options = { asOf: '2024-01-05' } as const;
    const fromColumns = summarizeTransactions(columns, options);
    expect(normalise(fromColumns)).toEqual(normalise(summarizeTransactions(rows, options)));
    // customer 7: Jan 1 (10.25 + 0.2 = 10.45) and Jan 5 (4.5)
    const seven = fromColumns.at(1) as CustomerSummary;
    expect([seven.customerId, seven.orders, ...money(seven)]).toEqual([
      7,
      2,
      '14.95',
      '7.475',
      '4.5',
    ]);
  });

  it('reads plain-array columns of mixed representations', () => {
    const columns = {
      customerId: ['x', 'x', 'y'],
      at: ['2024-01-01', new Date('2024-01-02T00:00:00Z'), Date.UTC(2024, 0, 3)],
      amount: ['1.10', 2.2, new Decimal('3.3')],
    };
    const result = summarizeTransactions(columns, { asOf: '2024-01-03' });
    expect(result.toRows().map((s) => [s.customerId, s.orders, s.totalRevenue.toString()])).toEqual(
      [
        ['x', 2, '3.3'],
        ['y', 1, '3.3'],
      ],
    );
  });
});

describe('summarizeTransactions: time zones', () => {
  it("a fixed offset or an IANA zone moves a purchase to the next local day ('+03:00', Moscow)", () => {
    // 10:00Z and 22:30Z on Jan 1: the same UTC day; in Moscow 13:00 Jan 1 and 01:30 Jan 2
    const log = [row('2024-01-01T10:00:00Z', 1), row('2024-01-01T22:30:00Z', 2)];
    const asOf = '2024-01-10'; // 00:00Z = 03:00 in Moscow, still Jan 10 there
    expect(frt(log, { asOf })).toEqual([0, 0, 9]);
    for (const timeZone of ['+03:00', 'Europe/Moscow']) {
      const s = only(log, { asOf, timeZone });
      // two orders (Jan 1, Jan 2 local): recency 1 day; T: Jan 1 → Jan 10 = 9 days
      expect([s.orders, s.frequency, s.recency, s.T]).toEqual([2, 1, 1, 9]);
      expect(money(s)).toEqual(['3', '1.5', '2']);
    }
  });

  it('America/New_York moves an early-morning UTC purchase to the previous day', () => {
    // 03:00Z Jan 2 = 22:00 EST Jan 1; 10:00Z Jan 2 = 05:00 EST Jan 2
    const log = [row('2024-01-02T03:00:00Z'), row('2024-01-02T10:00:00Z')];
    const asOf = '2024-01-05T12:00:00Z'; // 07:00 EST Jan 5
    expect(frt(log, { asOf })).toEqual([0, 0, 3]);
    // New York: Jan 1 and Jan 2; T: Jan 1 → Jan 5 = 4 days
    expect(frt(log, { asOf, timeZone: 'America/New_York' })).toEqual([1, 1, 4]);
  });

  it('DST in New York: 23:30 EST on Mar 9 and 03:30 EDT on Mar 10 are different days', () => {
    const log = [row('2024-03-10T04:30:00Z'), row('2024-03-10T07:30:00Z')];
    const asOf = '2024-03-12T12:00:00Z';
    // UTC: both on Mar 10
    expect(frt(log, { asOf })).toEqual([0, 0, 2]);
    // New York: Mar 9 and Mar 10; T: Mar 9 → Mar 12 = 3 days
    expect(frt(log, { asOf, timeZone: 'America/New_York' })).toEqual([1, 1, 3]);
  });

  it('DST in New York: calendar days, although the day of Mar 10 has 23 hours', () => {
    // 17:00Z Mar 9 = 12:00 EST; 16:00Z Mar 11 = 12:00 EDT: 47 real hours, 2 calendar days
    const log = [row('2024-03-09T17:00:00Z'), row('2024-03-11T16:00:00Z')];
    const asOf = '2024-03-11T20:00:00Z';
    expect(frt(log, { asOf, timeZone: 'America/New_York' })).toEqual([1, 2, 2]);
    // without granularity, durations are on the calendar clock (conventions): 12:00 on Mar 9 to
    // 12:00 on Mar 11 is 2 days, though 47 hours elapsed (Mar 10 has 23 hours and counts one day);
    // T to 16:00 EDT on Mar 11 is 2 days and 4 hours
    const [, recency, T] = frt(log, { asOf, timeZone: 'America/New_York', granularity: 'none' });
    expect(recency).toBe(2);
    expect(T).toBe(2 + 4 / 24);
    // 2024-03-10T12:00 EDT (16:00Z) is 11 of the day's 23 hours after its start (05:00Z): on the
    // calendar clock 11/23 × 24 hours into Mar 10
    const onTheDay = frt([row('2024-03-09T17:00:00Z'), row('2024-03-10T16:00:00Z')], {
      asOf,
      timeZone: 'America/New_York',
      granularity: 'none',
    });
    // from 12:00 on Mar 9 (half a day before Mar 10 began): 12 hours + 11/23 of a day
    expect(onTheDay[1]).toBe((43_200_000 + Math.round((11 * 86_400_000) / 23)) / 86_400_000);
  });

  it('DST in New York: on 2024-11-03 two instants an hour apart around the fall-back are one day', () => {
    // 05:30Z = 01:30 EDT and 06:30Z = 01:30 EST, both Nov 3
    const log = [row('2024-11-03T05:30:00Z', 1), row('2024-11-03T06:30:00Z', 2)];
    const s = only(log, { asOf: '2024-11-04T12:00:00Z', timeZone: 'America/New_York' });
    expect([s.orders, s.frequency, s.recency, s.T]).toEqual([1, 0, 0, 1]);
    expect(s.totalRevenue.toString()).toBe('3');
  });

  it("month boundary: 2024-01-31T23:30Z is February at '+01:00', January in UTC", () => {
    const log = [row('2024-01-15'), row('2024-01-31T23:30:00Z')];
    const options = { asOf: '2024-02-15', granularity: 'month', unit: 'month' } as const;
    expect(frt(log, options)).toEqual([0, 0, 1]);
    expect(frt(log, { ...options, timeZone: '+01:00' })).toEqual([1, 1, 1]);
  });

  it('a zone can move a purchase past asOf', () => {
    // the date-only asOf 2024-01-31 ends at 2024-02-01T00:00Z in UTC but at 2024-01-31T21:00Z in
    // Moscow (UTC+3), so the purchase at 22:00Z (Feb 1, 01:00 in Moscow) is after it there
    const log = [row('2024-01-31T10:00:00Z'), row('2024-01-31T22:00:00Z')];
    const asOf = '2024-01-31';
    expect(createSummaryAccumulator({ asOf }).addMany(log).rowsAfterAsOf).toBe(0);
    const moscow = createSummaryAccumulator({ asOf, timeZone: 'Europe/Moscow' }).addMany(log);
    expect(moscow.rowsAfterAsOf).toBe(1);
  });

  // Regression: SummaryOptions.asOf promises that "asOf: '1997-09-30' with 'day' includes
  // every purchase of that day", but a date-only asOf is read as UTC midnight, which in New York
  // is 19:00 on the previous day, so the whole of Jan 31 New York time is left out.
  it('a date-only asOf in New York includes that New York day (10:00 EST on Jan 31)', () => {
    const log = [row('2024-01-31T15:00:00Z')]; // 10:00 EST, 2024-01-31
    const result = summarizeTransactions(log, { asOf: '2024-01-31', timeZone: 'America/New_York' });
    expect(result).toHaveLength(1);
  });
});

describe('summarizeTransactions: the ends of the plausible time range (docs/conventions.md)', () => {
  const last = Date.UTC(2200, 0, 1) - 1; // 2199-12-31T23:59:59.999Z
  it('monthly summaries at the last plausible instant are finite', () => {
    const s = only([row(last)], { asOf: last, granularity: 'month', timeZone: '+01:00' });
    expect([s.frequency, s.recency, s.T]).toEqual([0, 0, 0]);
  });

  it('monthly summaries at the first plausible date (1900-01-01) are finite', () => {
    const s = only([row('1900-01-01')], {
      asOf: '1900-03-01',
      granularity: 'month',
      timeZone: '-05:00',
    });
    // T in days from the first order's month to asOf's month: 31 (January) + 28 (February 1900,
    // not a leap year) = 59
    expect([s.recency, s.T]).toEqual([0, 59]);
  });

  it('an IANA zone at the last plausible instant gives a summary', () => {
    const s = only([row(last)], { asOf: last, timeZone: 'Europe/Moscow' });
    expect(s.T).toBe(0);
  });

  it('an instant past 2199 is INVALID_INPUT naming asOf', () => {
    expect(() => summarizeTransactions([], { asOf: 8.64e15 })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', path: ['asOf'] }),
    );
  });
});

describe('calibrationHoldoutSummary', () => {
  const log = [
    row('2024-01-01', 10, 1),
    row('2024-01-08', 10, 1),
    row('2024-01-20', 10, 1), // holdout
    row('2024-01-21', 10, 1), // holdout
    row('2024-01-21T18:00:00Z', 5, 1), // holdout, the same day: the same order
    row('2024-02-05', 10, 1), // after observationEnd
    row('2024-01-18', 10, 2), // first seen in the holdout: counted, not listed
    row('2024-01-14T23:59:00Z', 10, 3), // the last minute of the calibration period
  ];
  const options = {
    calibrationEnd: '2024-01-14',
    observationEnd: '2024-01-28',
    unit: 'week',
  } as const;

  it('splits a small log by hand', () => {
    const split = calibrationHoldoutSummary(log, options);
    expect(
      split.customers.map((c) => [
        c.customerId,
        c.frequency,
        c.recency,
        c.T,
        c.frequencyHoldout,
        c.durationHoldout,
      ]),
    ).toEqual([
      // 1: calibration orders Jan 1, Jan 8 (recency 1 week; T Jan 1 → Jan 14 = 13 days);
      //    holdout orders Jan 20, Jan 21; holdout Jan 14 → Jan 28 = 14 days = 2 weeks
      [1, 1, 1, 13 / 7, 2, 2],
      // 3: one order on the calibration's last day: T 0, nothing in the holdout
      [3, 0, 0, 0, 0, 2],
    ]);
    expect(split.customersFirstSeenInHoldout).toBe(1);
    expect(split.rowsAfterObservationEnd).toBe(1);
    // the calibration part is summarizeTransactions at calibrationEnd
    const calibration = split.customers.map(
      ({ frequencyHoldout, durationHoldout, ...rest }) => rest,
    );
    expect(normalise(calibration)).toEqual(
      normalise(summarizeTransactions(log, { asOf: '2024-01-14', unit: 'week' })),
    );
  });

  it('rejects observationEnd not after calibrationEnd', () => {
    for (const observationEnd of ['2024-01-14', '2024-01-01']) {
      const error = thrown(() => calibrationHoldoutSummary(log, { ...options, observationEnd }));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.field).toBe('observationEnd');
      expect(error.message).toContain('observationEnd');
    }
  });

  it('names the bad row', () => {
    const bad = [...log, row('not a date')];
    const error = thrown(() => calibrationHoldoutSummary(bad, options));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(`log[${log.length}].at`);
  });

  // Regression: with granularity 'month', calibrationEnd 2024-01-10 and observationEnd
  // 2024-01-20 pass the check (the instants differ) but fall in the same month, so the holdout is
  // empty and durationHoldout is 0. The ends should be compared as periods.
  it('rejects a holdout that ends in the calibration’s last period', () => {
    const error = thrown(() =>
      calibrationHoldoutSummary(log, {
        calibrationEnd: '2024-01-10',
        observationEnd: '2024-01-20',
        granularity: 'month',
      }),
    );
    expect(error.field).toBe('observationEnd');
  });
});

describe('compressSummaries', () => {
  it('groups identical (frequency, recency, T) rows and orders them', () => {
    const rows = [
      { frequency: 2, recency: 10, T: 30 },
      { frequency: 0, recency: 0, T: 30 },
      { frequency: 2, recency: 5, T: 30 },
      { frequency: 0, recency: 0, T: 30 },
      { frequency: 2, recency: 10, T: 30 },
      { frequency: 2, recency: 10, T: 29 },
    ];
    expect(compressSummaries(rows)).toEqual([
      { frequency: 0, recency: 0, T: 30, weight: 2 },
      { frequency: 2, recency: 5, T: 30, weight: 1 },
      { frequency: 2, recency: 10, T: 29, weight: 1 },
      { frequency: 2, recency: 10, T: 30, weight: 2 },
    ]);
    expect(compressSummaries([])).toEqual([]);
  });

  it('rejects recency above T and bad values, naming the row', () => {
    const error = thrown(() =>
      compressSummaries([
        { frequency: 0, recency: 0, T: 1 },
        { frequency: 1, recency: 2, T: 1 },
      ]),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('[1].recency');
    for (const bad of [
      { frequency: -1, recency: 0, T: 1 },
      { frequency: 0.5, recency: 0, T: 1 },
      { frequency: 0, recency: Number.NaN, T: 1 },
      { frequency: 0, recency: 0, T: Number.POSITIVE_INFINITY },
    ]) {
      expect(thrown(() => compressSummaries([bad])).code).toBe('INVALID_INPUT');
    }
  });
});

describe('date-only timestamps name calendar days in the time zone', () => {
  it("'2024-01-31' in New York is that New York day, from 05:00 UTC (EST is UTC−5)", () => {
    // Hand: 2024-01-31 00:00 EST = 2024-01-31T05:00:00Z. The 20:00 EST purchase on Jan 31
    // (2024-02-01T01:00:00Z) is the same local day, so the two collapse into one order.
    const log = [
      { customerId: 'a', at: '2024-01-31', amount: '1.00' },
      { customerId: 'a', at: '2024-02-01T01:00:00Z', amount: '2.00' },
    ];
    const [a] = summarizeTransactions(log, { asOf: '2024-01-31', timeZone: 'America/New_York' });
    expect(a?.firstPurchaseAt.toISOString()).toBe('2024-01-31T05:00:00.000Z');
    expect(a?.orders).toBe(1);
    expect(a?.totalRevenue.toString()).toBe('3');
  });
});
