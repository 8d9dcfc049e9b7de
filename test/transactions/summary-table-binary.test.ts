import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateLog } from '../../examples/lib/generate-log.js';
import type { CustomerId, Transaction } from '../../src/transactions/log.js';
import { summarizeTransactions } from '../../src/transactions/summarize.js';
import type { CustomerSummaryTable } from '../../src/transactions/summary-table.js';
import type { CustomerSummaryTableBinary } from '../../src/transactions/summary-table-binary.js';
import { summaryTableFromBinary } from '../../src/transactions/summary-table-from-binary.js';
import { thrown } from '../support/errors.js';

/** CDNOW_sample.txt (test/fixtures/README.md): columns master id, id, YYYYMMDD, CDs, dollars. */
const cdnow = (() => {
  const lines = readFileSync(new URL('../fixtures/CDNOW_sample.txt', import.meta.url), 'utf8')
    .split('\r\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/));
  return lines.map(
    (f): Transaction => ({
      customerId: Number(f[1]),
      at: `${f[2]?.slice(0, 4)}-${f[2]?.slice(4, 6)}-${f[2]?.slice(6, 8)}`,
      amount: f[4] as string,
    }),
  );
})();

/** The binary form as another thread receives it: cloned, its buffer transferred. */
function sent(binary: CustomerSummaryTableBinary): CustomerSummaryTableBinary {
  return structuredClone(binary, { transfer: [binary.buffer] });
}

/** A log's rows split by customer into `n` parts: part `k` holds the customers `part(id)` names. */
function split<T extends Transaction>(
  log: readonly T[],
  n: number,
  part: (id: CustomerId) => number,
) {
  const parts = Array.from({ length: n }, () => [] as T[]);
  for (const t of log) parts[part(t.customerId as CustomerId)]?.push(t);
  return parts;
}

/** Every column and option of two tables, and their rows' JSON. */
function expectSameTable(actual: CustomerSummaryTable, expected: CustomerSummaryTable): void {
  expect(actual.length).toBe(expected.length);
  expect(actual.options).toEqual(expected.options);
  const a = actual.columns;
  const e = expected.columns;
  expect([...a.customerId]).toEqual([...e.customerId]);
  for (const name of [
    'firstPurchaseAt',
    'lastPurchaseAt',
    'orders',
    'frequency',
    'recency',
    'T',
  ] as const) {
    expect(a[name], name).toEqual(e[name]);
  }
  expect(a.totalRevenue.cents).toEqual(e.totalRevenue.cents);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

describe('summaryTableFromBinary: tables of disjoint customers merge into the one-pass table', () => {
  const OPTIONS = { asOf: '1997-09-30', granularity: 'day', unit: 'week' } as const;

  it('CDNOW (2,357 customers), split by id into 2 and 3 parts and sent between threads', () => {
    const whole = summarizeTransactions(cdnow, OPTIONS);
    // The sample has 2,357 customers (test/fixtures/README.md).
    expect(whole.length).toBe(2357);
    for (const n of [2, 3]) {
      const parts = split(cdnow, n, (id) => (id as number) % n).map((part) =>
        sent(summarizeTransactions(part, OPTIONS).toBinary()),
      );
      expectSameTable(summaryTableFromBinary(parts), whole);
      // The order of the parts does not matter.
      const again = split(cdnow, n, (id) => (id as number) % n).map((part) =>
        summarizeTransactions(part, OPTIONS).toBinary(),
      );
      expectSameTable(summaryTableFromBinary(again.reverse()), whole);
    }
    // One table alone reads back as itself.
    expectSameTable(summaryTableFromBinary(sent(whole.toBinary())), whole);
  });

  it('a generated log of 20,000 purchases split by id range and by id modulo 2', () => {
    const log = generateLog(20_000, 2_000);
    const options = { asOf: '2024-12-31', granularity: 'week', unit: 'day' } as const;
    const whole = summarizeTransactions(log, options);
    const take = (keep: (id: number) => boolean) => {
      const rows = [...log.customerId.keys()].filter((i) => keep(log.customerId[i] as number));
      return summarizeTransactions(
        {
          customerId: rows.map((i) => log.customerId[i] as number),
          at: Float64Array.from(rows, (i) => log.at[i] as number),
          amount: Float64Array.from(rows, (i) => log.amount[i] as number),
        },
        options,
      ).toBinary();
    };
    expectSameTable(
      summaryTableFromBinary([take((id) => id % 2 === 0), take((id) => id % 2 === 1)]),
      whole,
    );
    expectSameTable(
      summaryTableFromBinary([take((id) => id > 1000), take((id) => id <= 1000)]),
      whole,
    );
  });

  it('string and numeric ids, amounts that are not whole cents, a Date asOf and timeUnit s', () => {
    // Hand-checked: customer 3 buys 0.125 + 2 (two days), 'b' buys 1e15 (beyond 2^52 cents), 'a' 7.
    const log: Transaction[] = [
      { customerId: 3, at: 1_704_067_200, amount: '0.125' },
      { customerId: 3, at: 1_704_153_600, amount: 2 },
      { customerId: 'b', at: 1_704_067_200, amount: '1000000000000000' },
      { customerId: 'a', at: 1_704_153_600, amount: 7 },
      { customerId: 10, at: 1_704_153_600, amount: '0.001' },
    ];
    const options = { asOf: new Date('2024-01-05T00:00:00Z'), timeUnit: 's' } as const;
    const whole = summarizeTransactions(log, options);
    const parts = split(log, 2, (id) => (typeof id === 'number' ? id % 2 : id === 'a' ? 0 : 1)).map(
      (part) => sent(summarizeTransactions(part, options).toBinary()),
    );
    const first = parts[1] as CustomerSummaryTableBinary;
    expect([...first.numericIds, ...first.stringIds]).toEqual([3, 'b']);
    expect([...first.cents].map(String)).toEqual(['NaN', 'NaN']);
    expect(first.exact).toEqual(['2.125', '1000000000000000']);
    expect(first.firstExact).toEqual(['0.125', '1000000000000000']);
    const merged = summaryTableFromBinary(parts);
    expectSameTable(merged, whole);
    expect(
      merged
        .toRows()
        .map((s) => [s.customerId, s.totalRevenue.toString(), s.monetaryValue.toString()]),
    ).toEqual([
      [3, '2.125', '2'],
      [10, '0.001', '0'],
      ['a', '7', '0'],
      ['b', '1000000000000000', '0'],
    ]);
    expect(merged.options.asOf).toEqual(new Date('2024-01-05T00:00:00Z'));
  });

  it('an empty table reads back as an empty table; the arrays are copied', () => {
    const empty = summarizeTransactions([], { asOf: '2024-06-30' });
    expect(summaryTableFromBinary(empty.toBinary()).length).toBe(0);
    const binary = summarizeTransactions(cdnow.slice(0, 10), OPTIONS).toBinary();
    const table = summaryTableFromBinary(binary);
    const before = JSON.stringify(table);
    binary.orders[0] = 99;
    binary.cents.fill(0);
    expect(JSON.stringify(table)).toBe(before);
  });
});

describe('summaryTableFromBinary: what is not a table the library wrote is INVALID_INPUT', () => {
  const options = { asOf: '2024-01-31', unit: 'week' } as const;
  const log: Transaction[] = [
    { customerId: 1, at: '2024-01-03', amount: '10.00' },
    { customerId: 1, at: '2024-01-17', amount: 5 },
    { customerId: 2, at: '2024-01-10', amount: '0.125' },
    { customerId: 4, at: '2024-01-11', amount: 3 },
  ];
  const binary = () => summarizeTransactions(log, options).toBinary();
  const error = (value: unknown) => thrown(() => summaryTableFromBinary(value as never));

  it('a missing or empty argument, a wrong shape', () => {
    expect(error(undefined).message).toBe(
      'summaryTableFromBinary: binary must be an object (received undefined)',
    );
    expect(error([5]).message).toMatch(/^summaryTableFromBinary: binary\[0\] must be an object/);
    expect(error([]).message).toBe('summaryTableFromBinary: binary must not be empty');
    const { orders: _, ...noOrders } = binary();
    expect(error(noOrders).path).toEqual(['binary', 'orders']);
    expect(error([binary(), { ...binary(), recency: new Float64Array(1) }]).path).toEqual([
      'binary',
      1,
      'recency',
    ]);
    // The options of a table carry every field, defaults filled in.
    expect(error({ ...binary(), options: { ...options } }).path).toEqual([
      'binary',
      'options',
      'timeZone',
    ]);
    expect(
      error({ ...binary(), options: { ...binary().options, asOf: '2024-13-01' } }).path,
    ).toEqual(['binary', 'options', 'asOf']);
  });

  it('each column out of bounds, named by part, array and index', () => {
    const cases: [(b: CustomerSummaryTableBinary) => void, (string | number)[], RegExp][] = [
      [(b) => (b.numericIds[1] = 1), ['binary', 'numericIds', 1], /ascending/],
      [(b) => (b.numericIds[0] = Number.NaN), ['binary', 'numericIds', 0], /finite/],
      [(b) => (b.firstPurchaseAt[0] = 0.5), ['binary', 'firstPurchaseAt', 0], /whole epoch ms/],
      [
        (b) => (b.lastPurchaseAt[2] = Date.UTC(2024, 1, 1)),
        ['binary', 'lastPurchaseAt', 2],
        /before the end of asOf/,
      ],
      [(b) => (b.orders[1] = 0), ['binary', 'orders', 1], /≥ 1/],
      [(b) => (b.recency[1] = 1), ['binary', 'recency', 1], /0 with one order/],
      [(b) => (b.T[0] = 1), ['binary', 'T', 0], /no smaller than recency/],
      [(b) => (b.T[0] = Number.POSITIVE_INFINITY), ['binary', 'T', 0], /finite/],
      [(b) => (b.cents[2] = -300), ['binary', 'cents', 2], /whole cents/],
      [(b) => (b.firstCents[0] = 1600), ['binary', 'firstCents', 0], /must not exceed cents/],
      [(b) => (b.firstCents[2] = 200), ['binary', 'firstCents', 2], /must equal cents/],
      [(b) => (b.cents[0] = Number.NaN), ['binary', 'exact'], /one string per NaN of cents, 2/],
    ];
    for (const [spoil, path, message] of cases) {
      const b = binary();
      spoil(b);
      const e = error(b);
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.path, String(message)).toEqual(path);
      expect(e.message).toMatch(message);
    }
    // The first order of customer 2 (0.125, exact) above its total.
    const b = binary();
    expect(error({ ...b, exact: ['0.12'] }).path).toEqual(['binary', 'firstCents', 1]);
  });

  it('parts that share a customer, or were computed under different options', () => {
    const [a, b] = split(log, 2, (id) => (id === 1 ? 0 : 1));
    const first = summarizeTransactions(a as Transaction[], options).toBinary();
    const overlapping = summarizeTransactions(
      [...(b as Transaction[]), log[0] as Transaction],
      options,
    ).toBinary();
    const e = error([first, overlapping]);
    expect(e.path).toEqual(['binary', 1, 'numericIds', 0]);
    expect(e.message).toContain('repeats customer 1 of binary[0]');
    const three = error([
      first,
      summarizeTransactions(b as Transaction[], options).toBinary(),
      overlapping,
    ]);
    expect(three.message).toContain('repeats customer');
    const other = summarizeTransactions(b as Transaction[], { ...options, unit: 'day' }).toBinary();
    expect(error([first, other]).path).toEqual(['binary', 1, 'options']);
    // Equal options given in another form merge: the same instant, zone and units.
    const sameDay = summarizeTransactions(b as Transaction[], {
      ...options,
      asOf: '2024-01-31',
    }).toBinary();
    expect(summaryTableFromBinary([first, sameDay]).length).toBe(3);
  });
});
