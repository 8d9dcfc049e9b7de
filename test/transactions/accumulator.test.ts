import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { generateLog } from '../../examples/lib/generate-log.js';
import { isRetentionMetricsError, type RetentionMetricsError } from '../../src/core/errors.js';
import type { SummaryAccumulator } from '../../src/transactions/accumulator.js';
import { decodeBinary } from '../../src/transactions/accumulator-binary.js';
import type { SummaryAccumulatorJSON } from '../../src/transactions/accumulator-json.js';
import { combineDisjoint } from '../../src/transactions/internal/combine-disjoint.js';
import type { SummaryOptions, Transaction } from '../../src/transactions/log.js';
import {
  createSummaryAccumulator,
  summarizeTransactions,
  summaryAccumulatorFromBinary,
  summaryAccumulatorFromJSON,
} from '../../src/transactions/summarize.js';

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

function thrown(fn: () => unknown): RetentionMetricsError {
  try {
    fn();
  } catch (error) {
    expect(isRetentionMetricsError(error), String(error)).toBe(true);
    return error as RetentionMetricsError;
  }
  throw new Error('expected a RetentionMetricsError, but the function returned');
}

/** JSON.stringify → JSON.parse → summaryAccumulatorFromJSON, as when shipped to another process. */
const ship = (acc: SummaryAccumulator): SummaryAccumulator =>
  summaryAccumulatorFromJSON(JSON.parse(JSON.stringify(acc)) as SummaryAccumulatorJSON);

const OPTIONS: SummaryOptions = { asOf: '2024-01-29', unit: 'week' };

const LOG: Transaction[] = [
  { customerId: 'a', at: '2024-01-01T09:00:00Z', amount: '10.00' },
  { customerId: 'a', at: '2024-01-01T17:30:00Z', amount: '5.50' },
  { customerId: 'a', at: '2024-01-15', amount: '20.00' },
  { customerId: 'b', at: '2024-01-29', amount: 7.25 },
  { customerId: 2, at: new Date('2024-01-03T00:00:00Z'), amount: new Decimal('0.001') },
  { customerId: 2, at: Date.UTC(2024, 0, 10), amount: '0.1' },
  { customerId: 2, at: '2024-01-02', amount: 0.2 },
  { customerId: 'a', at: '2024-02-01', amount: '99.00' }, // after asOf
];

const expected = normalise(summarizeTransactions(LOG, OPTIONS));

describe('createSummaryAccumulator: add, addMany, merge', () => {
  it('add one by one equals summarizeTransactions', () => {
    const acc = createSummaryAccumulator(OPTIONS);
    for (const t of LOG) expect(acc.add(t)).toBe(acc); // chainable
    expect(normalise(acc.result())).toEqual(expected);
    expect(acc.size).toBe(3);
    expect(acc.rowsAfterAsOf).toBe(1);
  });

  it('addMany in pieces, rows and columns, equals summarizeTransactions', () => {
    const acc = createSummaryAccumulator(OPTIONS)
      .addMany(LOG.slice(0, 3))
      .addMany({
        customerId: LOG.slice(3, 6).map((t) => t.customerId),
        at: LOG.slice(3, 6).map((t) => t.at),
        amount: LOG.slice(3, 6).map((t) => t.amount),
      })
      .addMany([])
      .addMany(LOG.slice(6));
    expect(normalise(acc.result())).toEqual(expected);
  });

  it('the hand-worked values', () => {
    const [two, a, b] = createSummaryAccumulator(OPTIONS).addMany(LOG).result();
    // 2: Jan 2 (0.2), Jan 3 (0.001), Jan 10 (0.1): recency 8 days, T 27 days, in weeks
    expect(normalise(two)).toMatchObject({
      customerId: 2,
      orders: 3,
      frequency: 2,
      recency: 8 / 7,
      T: 27 / 7,
      totalRevenue: '0.301',
      monetaryValue: '0.0505', // (0.001 + 0.1) / 2
      firstPurchaseAt: '2024-01-02T00:00:00.000Z',
      lastPurchaseAt: '2024-01-10T00:00:00.000Z',
    });
    // a: Jan 1 (15.50) and Jan 15 (20.00); the Feb 1 row is after asOf
    expect(normalise(a)).toMatchObject({
      customerId: 'a',
      orders: 2,
      recency: 2,
      T: 4,
      totalRevenue: '35.5',
      averageOrderValue: '17.75',
      monetaryValue: '20',
    });
    expect(normalise(b)).toMatchObject({ customerId: 'b', orders: 1, T: 0, monetaryValue: '0' });
  });

  it('merging partial accumulators in any order equals one pass', () => {
    const parts = [LOG.slice(0, 2), LOG.slice(2, 5), LOG.slice(5)];
    const make = (rows: Transaction[]) => createSummaryAccumulator(OPTIONS).addMany(rows);
    for (const order of [
      [0, 1, 2],
      [2, 1, 0],
      [1, 0, 2],
    ]) {
      const [first, ...rest] = order.map((i) => make(parts[i] as Transaction[]));
      const merged = rest.reduce((acc, next) => acc.merge(next), first as SummaryAccumulator);
      expect(normalise(merged.result())).toEqual(expected);
      expect(merged.rowsAfterAsOf).toBe(1);
    }
    // associativity: (p0 ⊕ p1) ⊕ p2 = p0 ⊕ (p1 ⊕ p2)
    const right = make(parts[1] as Transaction[]).merge(make(parts[2] as Transaction[]));
    expect(
      normalise(
        make(parts[0] as Transaction[])
          .merge(right)
          .result(),
      ),
    ).toEqual(expected);
    // an empty accumulator is the identity
    const empty = createSummaryAccumulator(OPTIONS);
    expect(normalise(empty.merge(make(LOG)).result())).toEqual(expected);
    expect(normalise(make(LOG).merge(createSummaryAccumulator(OPTIONS)).result())).toEqual(
      expected,
    );
  });

  it('merge leaves the other accumulator unchanged, and both stay usable', () => {
    const mine = createSummaryAccumulator(OPTIONS).addMany(LOG.slice(0, 4));
    const theirs = createSummaryAccumulator(OPTIONS).addMany(LOG.slice(4, 6));
    const before = normalise(theirs.result());
    mine.merge(theirs);
    expect(normalise(theirs.result())).toEqual(before);
    // later rows go into mine only
    mine.addMany(LOG.slice(6));
    theirs.add({ customerId: 2, at: '2024-01-20', amount: 1 });
    expect(normalise(mine.result())).toEqual(expected);
    expect(normalise(theirs.result())).not.toEqual(before);
  });

  it('keeps money exact when merged cent totals pass 2^53 cents', () => {
    // 11,258,999,068,426.23 is just under the 2^50-cent fast-path limit; four of them are
    // ≈ 4.5e15 cents, past 2^52. Expected totals by BigInt: n × 1,125,899,906,842,623 cents.
    const big = '11258999068426.23';
    const rows = (day: string, n: number) =>
      Array.from({ length: n }, () => ({ customerId: 1, at: day, amount: big }));
    const a = createSummaryAccumulator(OPTIONS).addMany([
      ...rows('2024-01-01', 3),
      ...rows('2024-01-05', 1),
    ]);
    const b = createSummaryAccumulator(OPTIONS).addMany([
      ...rows('2024-01-01', 2),
      ...rows('2024-01-08', 3),
    ]);
    const merged = a.merge(ship(b));
    const [s] = merged.result();
    const cents = (n: bigint) => {
      const c = n * 1_125_899_906_842_623n;
      return `${c / 100n}.${(c % 100n).toString().padStart(2, '0')}`.replace(/\.?0+$/, '');
    };
    expect(s?.totalRevenue.toString()).toBe(cents(9n));
    // first order: Jan 1, 5 rows; repeat orders Jan 5 (1 row) and Jan 8 (3 rows): mean of 4 rows / 2
    expect(s?.monetaryValue.toString()).toBe(cents(2n));
    expect(normalise(merged.result())).toEqual(
      normalise(
        summarizeTransactions(
          [...rows('2024-01-08', 3), ...rows('2024-01-01', 5), ...rows('2024-01-05', 1)],
          OPTIONS,
        ),
      ),
    );
  });

  it('merging in-memory partials whose cent totals pass 2^52 folds them into exact decimals', () => {
    // 1125899906842623 cents a row, as a number on the integer cent path: three rows stay below
    // 2^52 cents in each part, the merged total (six rows) and first order (five rows) pass it.
    const big = 11_258_999_068_426.23;
    const rows = (day: string, n: number) =>
      Array.from({ length: n }, () => ({ customerId: 1, at: day, amount: big }));
    const a = createSummaryAccumulator(OPTIONS).addMany(rows('2024-01-01', 3));
    const b = createSummaryAccumulator(OPTIONS).addMany([
      ...rows('2024-01-01', 2),
      ...rows('2024-01-08', 1),
    ]);
    const [s] = a.merge(b).result();
    const times = (n: bigint) => {
      const c = n * 1_125_899_906_842_623n;
      return `${c / 100n}.${(c % 100n).toString().padStart(2, '0')}`.replace(/\.?0+$/, '');
    };
    expect(s?.totalRevenue.toString()).toBe(times(6n));
    // one repeat order (Jan 8, one row)
    expect(s?.monetaryValue.toString()).toBe(times(1n));
    expect(normalise([s])).toEqual(
      normalise(
        summarizeTransactions([...rows('2024-01-01', 5), ...rows('2024-01-08', 1)], OPTIONS),
      ),
    );
  });
});

describe('createSummaryAccumulator: state over many pieces', () => {
  // 12,000 purchases of 40 customers over 20 days: every customer buys on most days, so pieces
  // overlap heavily and combined pieces stay about as large as their parts.
  const big = generateLog(12_000, 40, 20, 7);
  const columns = (from: number, to: number) => ({
    customerId: big.customerId.subarray(from, to),
    at: big.at.subarray(from, to),
    amount: big.amount.subarray(from, to),
  });
  const row = (i: number): Transaction => ({
    customerId: big.customerId[i] as number,
    at: big.at[i] as number,
    amount: big.amount[i] as number,
  });
  const options: SummaryOptions = { asOf: Date.UTC(2023, 0, 21), unit: 'day' };
  const onePass = normalise(summarizeTransactions(big, options));

  it('rows added one by one past the add buffer, small addMany calls and merges equal one pass', () => {
    const acc = createSummaryAccumulator(options);
    // 5,000 single adds: more than one buffer of 4,096 rows
    for (let i = 0; i < 5_000; i++) acc.add(row(i));
    // 50 calls of 60 rows: pieces of the same size class, combined as they fill
    for (let i = 5_000; i < 8_000; i += 60) acc.addMany(columns(i, i + 60));
    // 8 accumulators of 500 rows merged in, one of them via JSON
    for (let i = 8_000; i < 12_000; i += 500) {
      const part = createSummaryAccumulator(options).addMany(columns(i, i + 500));
      acc.merge(i === 9_000 ? ship(part) : part);
    }
    expect(acc.size).toBe(40);
    expect(normalise(acc.result())).toEqual(onePass);
    // reading combines the state; reading again gives the same
    expect(normalise(acc.result())).toEqual(onePass);
  });

  it('keeps the values of a transaction as they were when added', () => {
    const at = new Date('2024-01-10T00:00:00Z');
    const acc = createSummaryAccumulator(OPTIONS).add({ customerId: 'x', at, amount: 1 });
    at.setUTCFullYear(2030);
    expect(acc.result()[0]?.firstPurchaseAt.toISOString()).toBe('2024-01-10T00:00:00.000Z');
  });
});

describe('toJSON / summaryAccumulatorFromJSON', () => {
  it('round-trips through JSON text to the same result', () => {
    const acc = createSummaryAccumulator(OPTIONS).addMany(LOG);
    const restored = ship(acc);
    expect(normalise(restored.result())).toEqual(expected);
    expect(restored.rowsAfterAsOf).toBe(1);
    expect(restored.size).toBe(3);
    // and back again to the same JSON
    expect(restored.toJSON()).toEqual(JSON.parse(JSON.stringify(acc)));
    // toJSON's plain object is accepted directly too
    expect(normalise(summaryAccumulatorFromJSON(acc.toJSON()).result())).toEqual(expected);
  });

  it('has the documented shape', () => {
    const acc = createSummaryAccumulator(OPTIONS).addMany(LOG);
    const json = JSON.parse(JSON.stringify(acc));
    const jan = (d: number) => Date.UTC(2024, 0, d);
    const day = (d: number) => jan(d) / 86_400_000;
    expect(json).toEqual({
      format: 'retention-metrics/summary-accumulator',
      version: 2,
      // [end, at, granularity, unit, time zone]: the date-only asOf ends with its whole day
      options: [jan(30), jan(30), 'day', 'week', 'UTC'],
      rowsAfterAsOf: 1,
      // [customerId, firstAt, lastAt, periods, firstOrderAmount, totalAmount, rows], ids ordered
      customers: [
        [2, jan(2), jan(10), [day(2), day(3), day(10)], '0.2', '0.301', 3],
        ['a', jan(1) + 9 * 3_600_000, jan(15), [day(1), day(15)], '15.5', '35.5', 3],
        ['b', jan(29), jan(29), [day(29)], '7.25', '7.25', 1],
      ],
    });
  });

  it.each<[string, SummaryOptions]>([
    ['week granularity', { asOf: '2024-01-29', granularity: 'week', unit: 'week' }],
    ['month granularity', { asOf: '2024-01-29', granularity: 'month', unit: 'month' }],
    ['no granularity', { asOf: '2024-01-29T12:00:00Z', granularity: 'none', unit: 14 }],
    ['Moscow', { asOf: '2024-01-29', timeZone: 'Europe/Moscow' }],
    ['a fixed offset', { asOf: '2024-01-29', timeZone: '+05:30' }],
  ])('round-trips with %s', (_label, options) => {
    const acc = createSummaryAccumulator(options).addMany(LOG);
    const restored = ship(acc);
    expect(normalise(restored.result())).toEqual(normalise(summarizeTransactions(LOG, options)));
    // and merges with an accumulator built here under the same options
    const half = createSummaryAccumulator(options).addMany(LOG.slice(0, 4));
    const rest = ship(createSummaryAccumulator(options).addMany(LOG.slice(4)));
    expect(normalise(half.merge(rest).result())).toEqual(
      normalise(summarizeTransactions(LOG, options)),
    );
  });

  it('round-trips an empty accumulator', () => {
    const restored = ship(createSummaryAccumulator(OPTIONS));
    expect(restored.result()).toEqual([]);
    expect(restored.size).toBe(0);
  });

  describe('rejects invalid JSON with INVALID_INPUT', () => {
    const good = () =>
      JSON.parse(JSON.stringify(createSummaryAccumulator(OPTIONS).addMany(LOG))) as {
        customers: unknown[][];
        [key: string]: unknown;
      };
    const mutations: [string, (json: ReturnType<typeof good>) => void][] = [
      ['a wrong format tag', (j) => (j.format = 'retention-metrics/other')],
      ['a wrong version', (j) => (j.version = 3 as never)],
      ['a repeated customer', (j) => j.customers.push([...(j.customers[0] as unknown[])])],
      ['a repeated period', (j) => ((j.customers[0] as unknown[])[3] = [19724, 19724])],
      ['a negative amount string', (j) => ((j.customers[0] as unknown[])[5] = '-1')],
      ['an amount that is not a decimal string', (j) => ((j.customers[0] as unknown[])[4] = 'abc')],
      ['an amount as a number', (j) => ((j.customers[0] as unknown[])[4] = 0.2)],
      ['zero rows', (j) => ((j.customers[0] as unknown[])[6] = 0)],
      ['a null customer id', (j) => ((j.customers[0] as unknown[])[0] = null)],
      ['a short customer tuple', (j) => (j.customers[0] as unknown[]).pop()],
      ['an unknown granularity', (j) => (j.options = [0, 'year', 'day', 'UTC'])],
      ['an unknown time zone', (j) => (j.options = [0, 'day', 'day', 'Mars/Base'])],
      ['a negative rowsAfterAsOf', (j) => (j.rowsAfterAsOf = -1)],
      ['an unknown key', (j) => (j.extra = true)],
      ['a missing key', (j) => delete (j as Record<string, unknown>).customers],
    ];
    it.each(mutations)('%s', (_label, mutate) => {
      const json = good();
      mutate(json);
      const error = thrown(() => summaryAccumulatorFromJSON(json as never));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(/^summaryAccumulatorFromJSON: /);
    });

    it('no periods → EMPTY_INPUT (a list that must not be empty)', () => {
      const json = good();
      (json.customers[0] as unknown[])[3] = [];
      const error = thrown(() => summaryAccumulatorFromJSON(json as never));
      expect(error.code).toBe('EMPTY_INPUT');
      expect(error.field).toBe('customers[0][3]');
    });

    it('names the repeated customer', () => {
      const json = good();
      json.customers.push([...(json.customers[1] as unknown[])]);
      const error = thrown(() => summaryAccumulatorFromJSON(json as never));
      expect(error.field).toBe('customers[3][0]');
      expect(error.message).toContain('"a"');
    });

    it('is not fooled by a number and a string that print alike', () => {
      const json = good();
      json.customers.push(['2', ...(json.customers[0] as unknown[]).slice(1)]);
      expect(summaryAccumulatorFromJSON(json as never).size).toBe(4);
    });

    it.each([null, undefined, 'text', 42, []])('%j', (value) => {
      expect(thrown(() => summaryAccumulatorFromJSON(value as never)).code).toBe('INVALID_INPUT');
    });
  });

  // Regression: load() copies `periods` into a variable named `sorted` but never sorts it, and
  // the schema does not require sorted periods, so JSON written by another producer with periods
  // out of order is read with the wrong first/last period: recency −10 days instead of 10. It
  // should either sort them or reject the JSON.
  it('reads periods given out of order correctly, or rejects them', () => {
    const acc = createSummaryAccumulator({ asOf: '2024-01-31' }).addMany([
      { customerId: 1, at: '2024-01-01', amount: 1 },
      { customerId: 1, at: '2024-01-11', amount: 2 },
    ]);
    const json = JSON.parse(JSON.stringify(acc));
    json.customers[0][3].reverse();
    let restored: SummaryAccumulator;
    try {
      restored = summaryAccumulatorFromJSON(json);
    } catch (error) {
      expect(isRetentionMetricsError(error) && error.code).toBe('INVALID_INPUT');
      return;
    }
    expect(normalise(restored.result())).toEqual(normalise(acc.result()));
  });
});

describe('merge: bad partners', () => {
  const base = (): SummaryAccumulator => createSummaryAccumulator(OPTIONS).addMany(LOG);

  // The message names the option that differs, with both values: the date-only asOf
  // '2024-01-29' covers its whole UTC day, up to 23:59:59.999.
  it.each<[string, SummaryOptions, string]>([
    [
      'another asOf',
      { ...OPTIONS, asOf: '2024-01-30' },
      'asOf: up to 2024-01-29T23:59:59.999Z vs up to 2024-01-30T23:59:59.999Z',
    ],
    ['another granularity', { ...OPTIONS, granularity: 'week' }, "granularity: 'day' vs 'week'"],
    ['another unit', { ...OPTIONS, unit: 'day' }, 'unit: "week" vs "day"'],
    [
      'another time zone',
      { ...OPTIONS, timeZone: 'Europe/Moscow' },
      "timeZone: 'UTC' vs 'Europe/Moscow'",
    ],
  ])('different options (%s) → INVALID_INPUT naming the option', (_label, options, difference) => {
    const other = createSummaryAccumulator(options).addMany(LOG);
    const error = thrown(() => base().merge(other));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('other.options');
    expect(error.message).toBe(
      `createSummaryAccumulator: other's options differ from this accumulator's (${difference}): merge only accumulators created with the same asOf, granularity, unit and timeZone`,
    );
    // also after a trip through JSON
    expect(thrown(() => base().merge(ship(other))).code).toBe('INVALID_INPUT');
  });

  it('the failed merge leaves the accumulator unchanged', () => {
    const acc = base();
    thrown(() => acc.merge(createSummaryAccumulator({ ...OPTIONS, unit: 'day' }).addMany(LOG)));
    expect(normalise(acc.result())).toEqual(expected);
  });

  it('an accumulator merged into itself → INVALID_INPUT (it would count its rows twice)', () => {
    const acc = base();
    const error = thrown(() => acc.merge(acc));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('other');
    expect(normalise(acc.result())).toEqual(expected);
  });

  it('a look-alike object is not an accumulator', () => {
    const fake = { ...base(), toJSON: () => base().toJSON() } as unknown as SummaryAccumulator;
    const error = thrown(() => base().merge(fake));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('other');
  });

  it('the same options spelled alike merge', () => {
    // with daily orders, the day '2024-01-29' ends where its last millisecond does, however
    // that instant is written
    const last = Date.UTC(2024, 0, 29, 23, 59, 59, 999);
    for (const asOf of [last, new Date(last), '2024-01-29T23:59:59.999Z', BigInt(last)]) {
      const other = createSummaryAccumulator({ ...OPTIONS, asOf });
      expect(normalise(base().merge(other).result())).toEqual(expected);
    }
  });

  it('a date-only asOf and its midnight are different options', () => {
    const midnight = createSummaryAccumulator({ ...OPTIONS, asOf: '2024-01-29T00:00:00Z' });
    const error = thrown(() => base().merge(midnight));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain("other's options differ from this accumulator's (asOf: ");
  });
});

describe('add: bad transactions', () => {
  it('rejects a transaction that is not an object', () => {
    for (const value of [null, undefined, 'x', 1]) {
      const error = thrown(() => createSummaryAccumulator(OPTIONS).add(value as never));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.field).toBe('transaction');
    }
  });

  it('a log given to add (an array) → INVALID_INPUT saying addMany takes logs, nothing added', () => {
    const acc = createSummaryAccumulator(OPTIONS);
    const error = thrown(() => acc.add(LOG as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('transaction');
    expect(error.message).toBe(
      'createSummaryAccumulator: transaction must be an object with customerId, at and amount (received an array: add takes one transaction, addMany a log of rows or columns)',
    );
    expect(acc.size).toBe(0);
  });

  it('rejects a bad field and adds nothing', () => {
    const acc = createSummaryAccumulator(OPTIONS).addMany(LOG);
    const error = thrown(() => acc.add({ customerId: 1, at: 'soon', amount: 1 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('.at must be');
    expect(error.message).toContain('soon');
    expect(normalise(acc.result())).toEqual(expected);
  });

  it('a bad row in addMany names its index in that call', () => {
    const acc = createSummaryAccumulator(OPTIONS).addMany(LOG);
    const error = thrown(() =>
      acc.addMany([LOG[0] as Transaction, { customerId: 1, at: '2024-01-02', amount: -1 }]),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('log[1].amount');
  });

  // Regression: add() reports a bad field of its single transaction as `log[0].at`,
  // naming a log and an index the caller never passed; it should say `transaction.at`.
  it('names the field of add()’s transaction as transaction.<field>', () => {
    const error = thrown(() =>
      createSummaryAccumulator(OPTIONS).add({ customerId: 1, at: 'soon', amount: 1 }),
    );
    expect(error.field).toBe('transaction.at');
  });

  it('an error of the caller’s own getter passes through unchanged', () => {
    const failing = new TypeError('no amount today');
    const transaction = {
      customerId: 1,
      at: '2024-01-02',
      get amount(): number {
        throw failing;
      },
    };
    expect(() => createSummaryAccumulator(OPTIONS).add(transaction)).toThrow(failing);
  });
});

describe('merge: states of disjoint customers (a log partitioned by customer)', () => {
  /** The binary form and back, as when a worker thread sends its state. */
  const viaBinary = (acc: SummaryAccumulator): SummaryAccumulator =>
    summaryAccumulatorFromBinary(acc.toBinary());

  it('binary states of disjoint customers merge to one pass, in any order, with the hand-worked values', () => {
    const byCustomer = (id: string | number) =>
      createSummaryAccumulator(OPTIONS).addMany(LOG.filter((t) => t.customerId === id));
    for (const order of [
      ['a', 2, 'b'],
      ['b', 'a', 2],
      [2, 'b', 'a'],
    ] as const) {
      const [first, ...rest] = order.map((id) => viaBinary(byCustomer(id)));
      const merged = rest.reduce((acc, next) => acc.merge(next), first as SummaryAccumulator);
      expect(normalise(merged.result())).toEqual(expected);
      expect(merged.rowsAfterAsOf).toBe(1);
    }
    // Customer 2: 0.2 on Jan 2, 0.001 on Jan 3 and 0.1 on Jan 10 (all days): 3 orders, total
    // 0.301 (not whole cents, kept exact), the first order 0.2.
    const two = viaBinary(byCustomer(2))
      .merge(viaBinary(byCustomer('a')))
      .table();
    expect(two.length).toBe(2);
    expect(normalise(two.row(0))).toMatchObject({
      customerId: 2,
      orders: 3,
      totalRevenue: '0.301',
    });
  });

  it('a generated log split by id modulo 3 merges to one pass, table and rows alike', () => {
    const log = generateLog(6_000, 600);
    const options: SummaryOptions = { asOf: '2024-12-31', granularity: 'day', unit: 'week' };
    const parts = [0, 1, 2].map((w) => {
      const keep = Array.from(log.customerId.keys()).filter(
        (i) => (log.customerId[i] as number) % 3 === w,
      );
      return createSummaryAccumulator(options).addMany({
        customerId: Int32Array.from(keep, (i) => log.customerId[i] as number),
        at: Float64Array.from(keep, (i) => log.at[i] as number),
        amount: Float64Array.from(keep, (i) => log.amount[i] as number),
      });
    });
    const whole = summarizeTransactions(log, options);
    // In memory (ids read off a direct-address table) and through the binary form.
    for (const ship of [(acc: SummaryAccumulator) => acc, viaBinary]) {
      const merged = createSummaryAccumulator(options);
      for (const part of parts) merged.merge(ship(part));
      expect(JSON.stringify(merged.result())).toBe(JSON.stringify(whole));
      expect(JSON.stringify(merged.table())).toBe(JSON.stringify(whole));
    }
  });

  it('combineDisjoint merges disjoint parts and gives way when a customer is in two', () => {
    const part = (rows: Transaction[]) => {
      const state = viaBinary(createSummaryAccumulator(OPTIONS).addMany(rows)).toBinary();
      return decodeBinary('test', state).batch;
    };
    const a = part(LOG.filter((t) => t.customerId === 'a'));
    const rest = part(LOG.filter((t) => t.customerId !== 'a'));
    const both = combineDisjoint([rest, a]);
    expect(both?.ids).toEqual([2, 'a', 'b']);
    expect(Array.from(both?.canonicalOrder ?? [])).toEqual([0, 1, 2]);
    expect(combineDisjoint([rest, part(LOG.slice(0, 4))])).toBeNull();
  });
});
