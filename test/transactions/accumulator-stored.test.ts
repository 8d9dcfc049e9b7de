import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isRetentionMetricsError, type RetentionMetricsError } from '../../src/core/errors.js';
import type { SummaryAccumulator } from '../../src/transactions/accumulator.js';
import type { SummaryAccumulatorBinary } from '../../src/transactions/accumulator-binary.js';
import {
  type SummaryAccumulatorJSON,
  summaryAccumulatorJSONSchema,
} from '../../src/transactions/accumulator-json.js';
import type { SummaryOptions, Transaction } from '../../src/transactions/log.js';
import {
  createSummaryAccumulator,
  summarizeTransactions,
  summaryAccumulatorFromBinary,
  summaryAccumulatorFromJSON,
} from '../../src/transactions/summarize.js';

function thrown(fn: () => unknown): RetentionMetricsError {
  try {
    fn();
  } catch (error) {
    expect(isRetentionMetricsError(error), String(error)).toBe(true);
    return error as RetentionMetricsError;
  }
  throw new Error('expected an error');
}

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/accumulator/${name}`, import.meta.url), 'utf8'));

/** The log of the stored states (test/fixtures/accumulator/log.json). */
const LOG = fixture('log.json') as Transaction[];

type Stored = Record<string, { options: SummaryOptions; state: SummaryAccumulatorJSON }>;
/** Written by version 0.1.0 (commit 6fed2fa) and by version 2's first release (commit ebd181b). */
const STORED: [string, Stored][] = [
  ['version 1 (0.1.0)', fixture('version-1.json')],
  ['version 2', fixture('version-2.json')],
];

const view = (acc: SummaryAccumulator) =>
  JSON.stringify([acc.result(), acc.rowsAfterAsOf, acc.size]);

describe('stored states of earlier versions give today’s result for the same log', () => {
  for (const [label, cases] of STORED) {
    it.each(Object.entries(cases))(`${label}: %s`, (_name, { options, state }) => {
      expect(state.version).toBe(label.startsWith('version 1') ? 1 : 2);
      const today = createSummaryAccumulator(options).addMany(LOG);
      const restored = summaryAccumulatorFromJSON(state);
      expect(view(restored)).toBe(view(today));
      expect(JSON.stringify(restored.result())).toBe(
        JSON.stringify(summarizeTransactions(LOG, options)),
      );
      // written again, the state is version 2 of the same options (version 1 keeps its asOf
      // instant as `at`, which plays no part with a granularity), and reads back alike
      const again = restored.toJSON();
      expect({ ...again, options: again.options.filter((_, i) => i !== 1) }).toEqual({
        ...today.toJSON(),
        options: today.toJSON().options.filter((_, i) => i !== 1),
      });
      if (state.version === 2) expect(again).toEqual(today.toJSON());
      expect(view(summaryAccumulatorFromJSON(JSON.parse(JSON.stringify(again))))).toBe(view(today));
      // and the binary form of it reads back alike
      expect(view(summaryAccumulatorFromBinary(restored.toBinary()))).toBe(view(today));
    });
  }

  it('the totals are those of the log, by hand', () => {
    // a: 10.00 + 5.50 + 20.00 + 12.345; 2: 0.001 + 0.1 + 0.2 + 1000000.01; b: 7.25 + 3;
    // 10: 0 + 99.99 + 1.5; c: 42 (its 2024-04-02 purchase and customer 1's are after asOf).
    const [, v1] = STORED[0] as [string, Stored];
    const restored = summaryAccumulatorFromJSON(v1.dayUtc?.state as SummaryAccumulatorJSON);
    expect(restored.result().map((s) => [s.customerId, s.totalRevenue.toString()])).toEqual([
      [2, '1000000.311'],
      [10, '101.49'],
      ['a', '47.845'],
      ['b', '10.25'],
      ['c', '42'],
    ]);
    expect(restored.rowsAfterAsOf).toBe(2);
  });
});

/** A state of the stored log, in JSON through text, and its binary form. */
const OPTIONS = { asOf: '2024-03-31', unit: 'week' } as const;
const jsonState = () =>
  JSON.parse(JSON.stringify(createSummaryAccumulator(OPTIONS).addMany(LOG))) as {
    options: unknown[];
    customers: unknown[][];
    rowsAfterAsOf: number;
  };
const binaryState = () => createSummaryAccumulator(OPTIONS).addMany(LOG).toBinary();
const DAY = 86_400_000;

describe('restored state is checked for consistency, not only shape', () => {
  // Customers in id order: 2, 10, 'a', 'b', 'c'. Customer 2: first 2024-01-02 (day 19724),
  // last 2024-03-31T20:59:59.999Z (day 19813), periods [19724, 19725, 19732, 19813], 4 rows,
  // first order 0.2, total 1000000.311. Customer 'b': one period per purchase, two rows.
  const cases: [string, (j: ReturnType<typeof jsonState>) => void, string, RegExp][] = [
    [
      'a repeated customer',
      (j) => j.customers.push([...(j.customers[2] as unknown[])]),
      'customers[5][0]',
      /repeats customer "a"/,
    ],
    [
      'periods out of order',
      (j) => ((j.customers[0] as unknown[])[3] = [19725, 19724, 19732, 19813]),
      'customers[0][3][1]',
      /strictly ascending/,
    ],
    [
      'a repeated period',
      (j) => ((j.customers[0] as unknown[])[3] = [19724, 19724, 19732, 19813]),
      'customers[0][3][1]',
      /strictly ascending/,
    ],
    [
      'a fractional period',
      (j) => ((j.customers[0] as unknown[])[3] = [19724, 19724.5, 19732, 19813]),
      'customers[0][3][1]',
      /integers/,
    ],
    [
      'a first period that is not the day of firstAt',
      (j) => ((j.customers[0] as unknown[])[3] = [19723, 19725, 19732, 19813]),
      'customers[0][3][0]',
      /must start with the day of firstAt \(19724\)/,
    ],
    [
      'a last period that is not the day of lastAt',
      (j) => ((j.customers[0] as unknown[])[3] = [19724, 19725, 19732, 19812]),
      'customers[0][3][3]',
      /must end with the day of lastAt \(19813\)/,
    ],
    [
      'firstAt after lastAt',
      (j) => ((j.customers[3] as unknown[])[1] = Date.UTC(2024, 2, 2)),
      'customers[3][2]',
      /must not be before firstAt/,
    ],
    [
      'lastAt after asOf',
      (j) => ((j.customers[3] as unknown[])[2] = Date.UTC(2024, 3, 1)),
      'customers[3][2]',
      /before the end of asOf/,
    ],
    [
      'a fractional instant',
      (j) => ((j.customers[3] as unknown[])[1] = Date.UTC(2024, 0, 29) + 0.5),
      'customers[3][1]',
      /integer epoch ms from 1900/,
    ],
    [
      'an instant before 1900',
      (j) => ((j.customers[3] as unknown[])[1] = Date.UTC(1899, 0, 29)),
      'customers[3][1]',
      /from 1900 to 2199/,
    ],
    [
      'fewer rows than periods',
      (j) => ((j.customers[0] as unknown[])[6] = 3),
      'customers[0][6]',
      /no smaller than the number of periods, 4/,
    ],
    [
      'a first order above the total',
      (j) => ((j.customers[0] as unknown[])[4] = '1000000.312'),
      'customers[0][4]',
      /must not exceed totalAmount/,
    ],
    [
      'one period whose first order differs from the total',
      (j) => ((j.customers[4] as unknown[])[4] = '41'),
      'customers[4][4]',
      /must equal totalAmount when there is one period/,
    ],
    [
      'an at neither the end nor the instant before it',
      (j) => (j.options[1] = (j.options[0] as number) - 2 * DAY),
      'options[1]',
      /must be the end of asOf/,
    ],
    [
      'a date-only end that is not the start of a day in the zone',
      (j) => {
        j.options[0] = (j.options[0] as number) + 3_600_000;
        j.options[1] = j.options[0];
      },
      'options[0]',
      /first instant of a day in UTC/,
    ],
    [
      'a zone under which the periods are other days',
      (j) => {
        // the end of 2024-03-31 at −12:00; there, customer 2's first purchase is on Jan 1
        j.options[4] = '-12:00';
        j.options[0] = Date.UTC(2024, 3, 1, 12);
        j.options[1] = j.options[0];
      },
      'customers[0][3][0]',
      /must start with the day of firstAt \(19723\)/,
    ],
    [
      'an end after 2199',
      (j) => {
        j.options[0] = Date.UTC(2300, 0, 1);
        j.options[1] = j.options[0];
      },
      'options[0]',
      /from 1900 to 2199/,
    ],
  ];

  it.each(cases)('JSON: %s', (_label, mutate, field, message) => {
    const json = jsonState();
    expect(() => summaryAccumulatorFromJSON(json as never)).not.toThrow();
    mutate(json);
    const error = thrown(() => summaryAccumulatorFromJSON(json as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^summaryAccumulatorFromJSON: /);
    // the exported schema accepts exactly what the function accepts
    expect(summaryAccumulatorJSONSchema.safeParse(json).success).toBe(false);
  });

  it('lists every problem with its path', () => {
    // One row each: customers 2, 10, 'a' and 'b' have more periods than that; 'c' has one.
    const json = jsonState();
    for (const c of json.customers) (c as unknown[])[6] = 1;
    const error = thrown(() => summaryAccumulatorFromJSON(json as never));
    expect(error.issues.map((i) => i.path.join('.'))).toEqual([
      'customers.0.6',
      'customers.1.6',
      'customers.2.6',
      'customers.3.6',
    ]);
    expect(error.message).toMatch(/\(and 3 more issues\)$/);
  });

  it('a version 1 state with an asOf outside 1900-2199 is refused', () => {
    const [, v1] = STORED[0] as [string, Stored];
    const json = structuredClone(v1.dayUtc?.state) as unknown as { options: unknown[] };
    json.options[0] = -1e15;
    const error = thrown(() => summaryAccumulatorFromJSON(json as never));
    expect(error.field).toBe('options[0]');
  });

  it('binary: the same checks, named by array and index', () => {
    const expectBad = (
      mutate: (
        b: Record<string, unknown> & {
          -readonly [K in keyof SummaryAccumulatorBinary]: SummaryAccumulatorBinary[K];
        },
      ) => void,
      field: string,
      message: RegExp,
    ) => {
      const b = { ...binaryState() } as Record<string, unknown> & {
        -readonly [K in keyof SummaryAccumulatorBinary]: SummaryAccumulatorBinary[K];
      };
      mutate(b);
      const error = thrown(() => summaryAccumulatorFromBinary(b));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.field).toBe(field);
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/^summaryAccumulatorFromBinary: /);
    };
    expectBad((b) => b.periods.set([19725, 19724], 0), 'periods[1]', /strictly ascending/);
    expectBad((b) => (b.stringIds = ['a', 'a', 'c']), 'stringIds[1]', /repeats customer "a"/);
    expectBad((b) => b.numericIds.set([10]), 'numericIds[1]', /repeats customer 10/);
    expectBad((b) => b.rows.set([3]), 'rows[0]', /number of periods, 4/);
    expectBad((b) => b.firstCents.set([1e11], 4), 'firstCents[4]', /must equal totalAmount/);
    expectBad((b) => b.cents.set([0.5], 1), 'cents[1]', /whole cents/);
    expectBad(
      (b) => b.lastAt.set([(b.firstAt[3] as number) - DAY], 3),
      'lastAt[3]',
      /before firstAt/,
    );
    expectBad((b) => b.numericIds.set([Number.NaN]), 'numericIds[0]', /finite number/);
    expectBad((b) => b.periodStart.set([0], 1), 'periodStart[1]', /must increase/);
    expectBad((b) => (b.periodStart = new Int32Array(2)), 'periodStart', /6 entries/);
    expectBad((b) => (b.rows = new Float64Array(4)), 'rows', /one entry per customer, 5/);
    expectBad((b) => (b.exact = []), 'exact', /one string per NaN of cents, 2/);
    expectBad((b) => (b.exact = ['1000000.311', '-1']), 'exact[1]', /non-negative decimal/);
    expectBad((b) => (b.periods = [1, 2] as never), 'periods', /Float64Array/);
    expectBad(
      (b) => (b.options = [Date.UTC(2300, 0, 1), Date.UTC(2300, 0, 1), 'day', 'week', 'UTC']),
      'options[0]',
      /1900 to 2199/,
    );
    expectBad((b) => (b.format = 'x' as never), 'format', /./);
    expectBad((b) => (b.extra = 1), '', /extra/);
  });
});

describe('binary state', () => {
  it('has the documented layout: one buffer, customers in id order, NaN where an amount is exact', () => {
    const b = binaryState();
    expect(b.format).toBe('retention-metrics/summary-accumulator-binary');
    expect(b.version).toBe(1);
    expect([...b.numericIds]).toEqual([2, 10]);
    expect(b.stringIds).toEqual(['a', 'b', 'c']);
    expect([...b.periodStart]).toEqual([0, 4, 6, 9, 11, 12]);
    // 2024-01-02 is day 19724; 10's purchases are on 2024-02-10 (UTC) and 2024-03-10.
    expect([...b.periods.subarray(0, 6)]).toEqual([19724, 19725, 19732, 19813, 19763, 19792]);
    // 2's amounts have three decimals: its first order (0.2) is whole cents, its total is not
    expect([b.firstCents[0], b.cents[0]]).toEqual([20, Number.NaN]);
    expect(b.exact).toEqual(['1000000.311', '47.845']);
    expect([...b.cents.subarray(1)]).toEqual([10_149, Number.NaN, 1025, 4200]);
    for (const column of [b.numericIds, b.firstAt, b.periods, b.periodStart, b.cents]) {
      expect(column.buffer).toBe(b.buffer);
    }
  });

  it('travels to another thread by transfer and merges to the one-pass result', async () => {
    const { MessageChannel } = await import('node:worker_threads');
    const half = LOG.length / 2;
    const a = createSummaryAccumulator(OPTIONS).addMany(LOG.slice(0, half)).toBinary();
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<SummaryAccumulatorBinary>((resolve) =>
      port2.once('message', resolve),
    );
    port1.postMessage(a, [a.buffer]);
    const moved = await received;
    port1.close();
    port2.close();
    // transferred, not copied: the sender's buffer is detached
    expect(a.buffer.byteLength).toBe(0);
    const whole = createSummaryAccumulator(OPTIONS)
      .addMany(LOG.slice(half))
      .merge(summaryAccumulatorFromBinary(moved));
    expect(view(whole)).toBe(view(createSummaryAccumulator(OPTIONS).addMany(LOG)));
  });

  it('later writes into the arrays change nothing', () => {
    const b = binaryState();
    const restored = summaryAccumulatorFromBinary(b);
    const before = view(restored);
    b.periods.fill(0);
    b.cents.fill(1);
    b.numericIds.fill(7);
    expect(view(restored)).toBe(before);
  });

  it('an empty accumulator round-trips', () => {
    const b = createSummaryAccumulator(OPTIONS).toBinary();
    expect([b.numericIds.length, b.stringIds.length, [...b.periodStart]]).toEqual([0, 0, [0]]);
    expect(summaryAccumulatorFromBinary(b).result()).toEqual([]);
  });

  it.each([null, undefined, 'text', 42, [], {}])('refuses %j', (value) => {
    expect(thrown(() => summaryAccumulatorFromBinary(value as never)).code).toBe('INVALID_INPUT');
  });
});
