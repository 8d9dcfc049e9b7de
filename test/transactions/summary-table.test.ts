import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateLog } from '../../examples/lib/generate-log.js';
import { RetentionMetricsError } from '../../src/core/errors.js';
import type { CustomerSummary } from '../../src/transactions/customer-summary.js';
import type { SummaryOptions, TransactionLog } from '../../src/transactions/log.js';
import {
  createSummaryAccumulator,
  summarizeTransactions,
  summaryAccumulatorFromJSON,
} from '../../src/transactions/summarize.js';
import type { CustomerSummaryTable } from '../../src/transactions/summary-table.js';
import { thrown } from '../support/errors.js';

const summarizeTransactionsTable = (log: TransactionLog, options: SummaryOptions) =>
  summarizeTransactions(log, { ...options, form: 'table' });

/** CDNOW_sample.txt (test/fixtures/README.md): columns master id, id, YYYYMMDD, CDs, dollars. */
const cdnow = (() => {
  const lines = readFileSync(new URL('../fixtures/CDNOW_sample.txt', import.meta.url), 'utf8')
    .split('\r\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/));
  return {
    customerId: lines.map((f) => Number(f[1])),
    at: lines.map((f) => `${f[2]?.slice(0, 4)}-${f[2]?.slice(4, 6)}-${f[2]?.slice(6, 8)}`),
    amount: lines.map((f) => f[4] as string),
  };
})();

/** Every field of the table's columns equals the same field of the rows. */
function expectColumnsEqualRows(table: CustomerSummaryTable, rows: CustomerSummary[]): void {
  const { columns } = table;
  expect(table.length).toBe(rows.length);
  const money = (column: { at(i: number): { toString(): string } }) =>
    rows.map((_, i) => column.at(i).toString());
  expect([...columns.customerId]).toEqual(rows.map((r) => r.customerId));
  expect([...columns.firstPurchaseAt]).toEqual(rows.map((r) => r.firstPurchaseAt.getTime()));
  expect([...columns.lastPurchaseAt]).toEqual(rows.map((r) => r.lastPurchaseAt.getTime()));
  expect([...columns.orders]).toEqual(rows.map((r) => r.orders));
  expect([...columns.frequency]).toEqual(rows.map((r) => r.frequency));
  expect([...columns.recency]).toEqual(rows.map((r) => r.recency));
  expect([...columns.T]).toEqual(rows.map((r) => r.T));
  expect(money(columns.totalRevenue)).toEqual(rows.map((r) => r.totalRevenue.toString()));
  // Whole cents where the revenue is whole cents, NaN (and the exact column) elsewhere.
  expect([...columns.totalRevenue.cents]).toEqual(
    rows.map((r) =>
      r.totalRevenue.times(100).isInteger() ? r.totalRevenue.times(100).toNumber() : Number.NaN,
    ),
  );
  expect(money(columns.averageOrderValue)).toEqual(rows.map((r) => r.averageOrderValue.toString()));
  expect(money(columns.monetaryValue)).toEqual(rows.map((r) => r.monetaryValue.toString()));
}

describe("summarizeTransactions, form: 'table': the columnar form equals the rows", () => {
  const OPTIONS = { asOf: '1997-09-30', granularity: 'day', unit: 'week' } as const;

  it('on the CDNOW sample (2,357 customers; lifetimes’ conventions, weeks)', () => {
    const rows = summarizeTransactions(cdnow, { ...OPTIONS, form: 'rows' });
    const table = summarizeTransactionsTable(cdnow, OPTIONS);
    // The sample has 2,357 customers (test/fixtures/README.md), all with whole-cent amounts.
    expect(table.length).toBe(2357);
    expect(table.columns.totalRevenue.cents.every((c: number) => !Number.isNaN(c))).toBe(true);
    expectColumnsEqualRows(table, rows);
    expect(JSON.stringify(table)).toBe(JSON.stringify(rows));
    expect(JSON.stringify(table.toRows())).toBe(JSON.stringify(rows));
    expect(JSON.stringify([...table])).toBe(JSON.stringify(rows));
    expect(JSON.stringify(table.row(5))).toBe(JSON.stringify(rows.at(5)));
  });

  it('on a generated log (5,000 purchases, 500 customers), for every granularity', () => {
    const log = generateLog(5_000, 500);
    for (const granularity of ['none', 'day', 'week', 'month'] as const) {
      const options = {
        asOf: Date.UTC(2024, 11, 31),
        granularity,
        unit: granularity === 'month' ? 'month' : 'week',
        timeZone: 'America/New_York',
      } as const;
      const rows = summarizeTransactions(log, { ...options, form: 'rows' });
      const table = summarizeTransactionsTable(log, options);
      expectColumnsEqualRows(table, rows);
      expect(JSON.stringify(table)).toBe(JSON.stringify(rows));
    }
  });

  it('keeps amounts off the cent path exact, in an exact column for those rows only', () => {
    // a: 0.001 + 2.5 = 2.501 (not whole cents), first order 0.001, repeat 2.5;
    // b: 2^52 cents and more: 45035996273704.96 + 0.04 = 45035996273705 (folded past 2^52 cents)
    const log = [
      { customerId: 'a', at: '2024-01-01', amount: '0.001' },
      { customerId: 'a', at: '2024-01-02', amount: 2.5 },
      { customerId: 'b', at: '2024-01-01', amount: '11258999068426.24' },
      { customerId: 'b', at: '2024-01-02', amount: '11258999068426.24' },
      { customerId: 'b', at: '2024-01-03', amount: '11258999068426.24' },
      { customerId: 'b', at: '2024-01-04', amount: '11258999068426.24' },
      { customerId: 'b', at: '2024-01-05', amount: '0.04' },
      { customerId: 'c', at: '2024-01-05', amount: '3.10' },
    ];
    const options = { asOf: '2024-01-05' };
    const table = summarizeTransactionsTable(log, options);
    const { totalRevenue, monetaryValue, averageOrderValue } = table.columns;
    expect(totalRevenue.cents[0]).toBeNaN();
    expect(totalRevenue.at(0).toString()).toBe('2.501');
    expect(monetaryValue.at(0).toString()).toBe('2.5');
    // (2.501) / 2 orders
    expect(averageOrderValue.at(0).toString()).toBe('1.2505');
    expect(totalRevenue.at(1).toString()).toBe('45035996273705');
    expect(totalRevenue.cents[2]).toBe(310);
    expect(JSON.stringify(table)).toBe(JSON.stringify(summarizeTransactions(log, options)));
  });

  it('carries the options it was computed with, defaults filled in', () => {
    const asOf = new Date('2024-01-05T00:00:00Z');
    const table = summarizeTransactionsTable([{ customerId: 1, at: '2024-01-01', amount: 1 }], {
      asOf,
      granularity: 'week',
      timeZone: '+03:00',
    });
    expect(table.options).toEqual({
      asOf,
      timeZone: '+03:00',
      granularity: 'week',
      unit: 'day',
      timeUnit: 'ms',
    });
    // A copy: changing the caller's Date changes nothing in the table.
    asOf.setTime(0);
    expect(table.options.asOf).toEqual(new Date('2024-01-05T00:00:00Z'));
  });

  it('is empty for an empty log, and refuses bad rows as summarizeTransactions does', () => {
    const empty = summarizeTransactionsTable([], { asOf: '2024-01-01' });
    expect(empty.length).toBe(0);
    expect(empty.toRows()).toEqual([]);
    expect(JSON.stringify(empty)).toBe('[]');
    const error = thrown(() =>
      summarizeTransactionsTable([{ customerId: 'a', at: '2024-01-01', amount: -1 }], {
        asOf: '2024-01-01',
      }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('summarizeTransactions: log[0].amount');
    const late = thrown(() =>
      summarizeTransactionsTable([{ customerId: 'a', at: '2024-02-01', amount: 1 }], {
        asOf: '2024-01-01',
      }),
    );
    expect(late.code).toBe('EMPTY_INPUT');
  });

  it('row(i) refuses an index outside the table; the ids and the table are frozen', () => {
    const table = summarizeTransactionsTable([{ customerId: 'a', at: '2024-01-01', amount: 1 }], {
      asOf: '2024-01-01',
    });
    expect(() => table.row(1)).toThrow(RetentionMetricsError);
    expect(() => table.columns.totalRevenue.at(-1)).toThrow(RetentionMetricsError);
    expect(Object.isFrozen(table.columns.customerId)).toBe(true);
    expect(Object.isFrozen(table)).toBe(true);
  });

  it('an accumulator gives the same table, also when restored from JSON', () => {
    const options = { asOf: '1997-09-30', unit: 'week' } as const;
    const half = Math.floor(cdnow.customerId.length / 2);
    const part = (from: number, to: number) => ({
      customerId: cdnow.customerId.slice(from, to),
      at: cdnow.at.slice(from, to),
      amount: cdnow.amount.slice(from, to),
    });
    const accumulator = createSummaryAccumulator(options)
      .addMany(part(0, half))
      .merge(createSummaryAccumulator(options).addMany(part(half, cdnow.customerId.length)));
    const expected = JSON.stringify(summarizeTransactions(cdnow, options));
    expect(JSON.stringify(accumulator.table())).toBe(expected);
    expect(accumulator.table().options.asOf).toBe('1997-09-30');
    const restored = summaryAccumulatorFromJSON(JSON.parse(JSON.stringify(accumulator))).table();
    expect(JSON.stringify(restored)).toBe(expected);
    // Restored, asOf is the instant durations run to: the end of 1997-09-30.
    expect(restored.options.asOf).toEqual(new Date('1997-10-01T00:00:00Z'));
  });
});
