import { describe, expect, it } from 'vitest';
import { generateLog, seededRandom } from '../../examples/lib/generate-log.js';
import type { SummaryOptions, TransactionLog } from '../../src/transactions/log.js';
import { summarizeTransactions } from '../../src/transactions/summarize.js';
import { thrown } from '../support/errors.js';

/**
 * The table of `summarizeTransactions` is built by its own pass (rows read into typed columns,
 * counting-sorted by customer, one pass per customer block); `form: 'rows'` goes through the
 * accumulator's aggregate. The two must agree on every field of every customer.
 */
function expectTableEqualsRows(log: TransactionLog, options: SummaryOptions): void {
  const table = summarizeTransactions(log, { ...options, form: 'table' });
  const rows = summarizeTransactions(log, { ...options, form: 'rows' });
  expect(JSON.stringify(table)).toBe(JSON.stringify(rows));
  expect([...table.columns.orders]).toEqual(rows.map((r) => r.orders));
  expect([...table.columns.recency]).toEqual(rows.map((r) => r.recency));
  expect([...table.columns.T]).toEqual(rows.map((r) => r.T));
}

/** A copy of a log with its rows in a seeded random order. */
function shuffled(log: ReturnType<typeof generateLog>, seed: number) {
  const random = seededRandom(seed);
  const order = Array.from({ length: log.at.length }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return {
    customerId: Int32Array.from(order, (i) => log.customerId[i] as number),
    at: Float64Array.from(order, (i) => log.at[i] as number),
    amount: Float64Array.from(order, (i) => log.amount[i] as number),
  };
}

describe('summarizeTransactions: the table pass', () => {
  it('agrees with the rows on a shuffled log (customers met out of id order), every granularity', () => {
    const log = shuffled(generateLog(2_500, 500), 7);
    for (const granularity of ['none', 'day', 'week', 'month', 'quarter', 'year'] as const) {
      expectTableEqualsRows(log, {
        asOf: '2024-12-31',
        granularity,
        unit: granularity === 'month' ? 'month' : 'day',
        timeZone: 'Europe/Berlin',
      });
    }
  });

  it('agrees with the rows on a log grouped by customer (read in place, no counting sort)', () => {
    const log = shuffled(generateLog(2_500, 500), 3);
    const order = Array.from(log.customerId.keys()).sort(
      (a, b) => (log.customerId[a] as number) - (log.customerId[b] as number) || a - b,
    );
    // Some amounts off the cent path, kept exactly by row.
    const grouped = {
      customerId: order.map((i) => `c${log.customerId[i]}`),
      at: Float64Array.from(order, (i) => log.at[i] as number),
      amount: order.map((i, k) => (k % 7 === 0 ? `${log.amount[i]}5` : (log.amount[i] as number))),
    };
    for (const granularity of ['day', 'month'] as const) {
      expectTableEqualsRows(grouped, { asOf: '2024-12-31', granularity, unit: 'week' });
    }
  });

  it('agrees with the rows for string and number ids mixed, and ids past the direct table', () => {
    const base = shuffled(generateLog(3_000, 400), 11);
    const ids = Array.from(base.customerId, (id) =>
      id % 3 === 0 ? `c${id}` : id % 3 === 1 ? id : id * 1e7,
    );
    expectTableEqualsRows(
      { customerId: ids, at: base.at, amount: base.amount },
      { asOf: '2024-12-31', unit: 'week' },
    );
  });

  it('by hand: first order, repeats, rows after asOf and amounts off the cent path in typed columns', () => {
    const day = (d: number, h = 12) => Date.UTC(2024, 0, d, h);
    // Customer 9: days 10 (2 purchases: 1.25 + 0.125), 3 (first order, 4.00), 17 (7.50);
    // customer 2: one purchase on day 5 (3.10) and one after asOf (ignored).
    const log = {
      customerId: Int32Array.from([9, 9, 2, 9, 9, 2]),
      at: Float64Array.from([day(10), day(10, 20), day(5), day(3), day(17), day(25)]),
      amount: Float64Array.from([1.25, 0.125, 3.1, 4, 7.5, 99]),
    };
    const table = summarizeTransactions(log, { asOf: '2024-01-20' });
    expect([...table.columns.customerId]).toEqual([2, 9]);
    expect([...table.columns.orders]).toEqual([1, 3]);
    // Customer 9: first order day 3, last day 17: recency 14 days; T to Jan 20: 17 days.
    expect([...table.columns.recency]).toEqual([0, 14]);
    expect([...table.columns.T]).toEqual([15, 17]);
    expect(table.columns.totalRevenue.cents[0]).toBe(310);
    // 4 + 1.25 + 0.125 + 7.5 = 12.875: not whole cents.
    expect(table.columns.totalRevenue.cents[1]).toBeNaN();
    expect(table.columns.totalRevenue.at(1).toString()).toBe('12.875');
    // Repeat orders: (1.375 + 7.5) / 2 = 4.4375.
    expect(table.columns.monetaryValue.at(1).toString()).toBe('4.4375');
    expect(table.columns.firstPurchaseAt[1]).toBe(day(3));
    expect(table.columns.lastPurchaseAt[1]).toBe(day(17));
    expectTableEqualsRows(log, { asOf: '2024-01-20' });
  });

  it('folds cent totals past 2^52 exactly in typed columns', () => {
    // Four purchases of 11,258,999,068,426.24 (2^50 cents − 0.0...): 4.5e15 cents in total.
    const big = 11258999068426.24;
    const log = {
      customerId: Int32Array.from([1, 1, 1, 1, 1]),
      at: Float64Array.from([1, 2, 3, 4, 5].map((d) => Date.UTC(2024, 0, d))),
      amount: Float64Array.from([big, big, big, big, 0.04]),
    };
    const table = summarizeTransactions(log, { asOf: '2024-01-05' });
    expect(table.columns.totalRevenue.at(0).toString()).toBe('45035996273705');
    expectTableEqualsRows(log, { asOf: '2024-01-05' });
  });

  it('names a bad row of typed columns as the row form does, and lists every bad row', () => {
    const log = {
      customerId: Float64Array.from([1, Number.NaN, 3, 4]),
      at: Float64Array.from([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2), 5, Date.UTC(2024, 0, 3)]),
      amount: Float64Array.from([1, 2, 3, -4]),
    };
    const error = thrown(() => summarizeTransactions(log, { asOf: '2024-01-05' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('summarizeTransactions: log[1].customerId');
    expect(error.message).toContain('and 2 more problems');
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual([
      'log.1.customerId',
      'log.2.at',
      'log.3.amount',
    ]);
  });
});
