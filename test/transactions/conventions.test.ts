import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveBoundary } from '../../src/core/boundary.js';
import { isRetentionMetricsError } from '../../src/core/errors.js';
import { resolveZone, type Zone } from '../../src/core/time.js';
import { cohortRetention } from '../../src/transactions/cohorts/table.js';
import { customerCounts } from '../../src/transactions/counts.js';
import { calibrationHoldoutSummary } from '../../src/transactions/holdout.js';
import type { Granularity, Transaction } from '../../src/transactions/log.js';
import {
  createSummaryAccumulator,
  summarizeTransactions,
} from '../../src/transactions/summarize.js';
import { thrown } from '../support/errors.js';

/** Whatever a function returns, or the code of the error it raises. */
function outcome<T>(fn: () => T): T | string {
  try {
    return fn();
  } catch (error) {
    if (isRetentionMetricsError(error)) return error.code;
    throw error;
  }
}

const DAY = 86_400_000;
const zones = ['UTC', '+05:30', 'America/New_York', 'Europe/Moscow'] as const;

/** 'YYYY-MM-DD' of day `d` of 2024 (0 = Jan 1). */
const dateOf = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * DAY).toISOString().slice(0, 10);

/** An instant on the local calendar day `date` in `zone`: `fraction` of the way through it. */
function timeOn(date: string, zone: Zone, fraction: number): Date {
  const day = resolveBoundary(date, zone) as { start: number; end: number };
  return new Date(day.start + Math.floor(fraction * (day.end - day.start - 1)));
}

const purchase = fc.record({
  id: fc.constantFrom(1, 2, 3, 'a', 'b'),
  day: fc.integer({ min: 0, max: 200 }),
  fraction: fc.double({ min: 0, max: 1, noNaN: true }),
  amount: fc.integer({ min: 0, max: 10_000 }),
});

describe('a purchase logged as a date or as a time on that date is counted alike', () => {
  it('in every transactions function, for every zone and granularity', () => {
    fc.assert(
      fc.property(
        fc.array(purchase, { maxLength: 25 }),
        fc.constantFrom(...zones),
        fc.constantFrom<Granularity>('day', 'week', 'month', 'quarter', 'year', 'none'),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 60 }),
        (rows, timeZone, granularity, end, gap) => {
          const zone = resolveZone(timeZone) as Zone;
          const asDates: Transaction[] = rows.map((r) => ({
            customerId: r.id,
            at: dateOf(r.day),
            amount: r.amount / 100,
          }));
          const asTimes: Transaction[] = rows.map((r) => ({
            customerId: r.id,
            at: timeOn(dateOf(r.day), zone, r.fraction),
            amount: r.amount / 100,
          }));
          const asOf = dateOf(end);
          const start = dateOf(Math.max(0, end - gap));
          const g = granularity;
          // which customers (and, with a calendar granularity, how many orders)
          const summaries = (log: Transaction[]) =>
            outcome(() =>
              summarizeTransactions(log, { asOf, timeZone, granularity: g })
                .toRows()
                .map((s) =>
                  g === 'none'
                    ? [s.customerId, s.totalRevenue.toString()]
                    : [s.customerId, s.orders, s.T, s.totalRevenue.toString()],
                ),
            );
          expect(summaries(asTimes)).toEqual(summaries(asDates));
          const rowsAfter = (log: Transaction[]) =>
            createSummaryAccumulator({ asOf, timeZone, granularity: g }).addMany(log).rowsAfterAsOf;
          expect(rowsAfter(asTimes)).toBe(rowsAfter(asDates));
          const holdout = (log: Transaction[]) =>
            outcome(() => {
              const split = calibrationHoldoutSummary(log, {
                calibrationEnd: start,
                observationEnd: asOf,
                timeZone,
                granularity: g === 'none' ? 'day' : g,
              });
              return [
                split.customers.map((c) => [c.customerId, c.orders, c.frequencyHoldout]),
                split.customersFirstSeenInHoldout,
                split.rowsAfterObservationEnd,
              ];
            });
          expect(holdout(asTimes)).toEqual(holdout(asDates));
          const cohorts = (log: Transaction[]) =>
            outcome(() =>
              cohortRetention(log, { asOf, timeZone, cohortUnit: 'week' }).cohorts.map((c) => [
                c.cohort,
                c.size,
                c.values,
              ]),
            );
          expect(cohorts(asTimes)).toEqual(cohorts(asDates));
          const counts = (log: Transaction[]) =>
            outcome(() =>
              customerCounts(log, {
                periodStart: start,
                periodEnd: asOf,
                activeWithin: gap,
                timeZone,
              }),
            );
          expect(counts(asTimes)).toEqual(counts(asDates));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('values as database clients hand them over', () => {
  const asOf = '2024-03-31';

  it('bigint ids: a safe integer is that number, a larger one its decimal string', () => {
    const log = [
      { customerId: 5n, at: '2024-01-05', amount: 1 },
      { customerId: 5, at: '2024-01-06', amount: 1 },
      { customerId: 2n ** 63n - 1n, at: '2024-01-07', amount: 1 },
    ];
    const ids = summarizeTransactions(log, { asOf })
      .toRows()
      .map((s) => [s.customerId, s.orders]);
    expect(ids).toEqual([
      [5, 2],
      ['9223372036854775807', 1],
    ]);
    const column = {
      customerId: BigInt64Array.of(7n, 7n),
      at: ['2024-01-01', '2024-01-02'],
      amount: [1, 2],
    };
    expect(
      summarizeTransactions(column, { asOf })
        .toRows()
        .map((s) => [s.customerId, s.orders]),
    ).toEqual([[7, 2]]);
  });

  it('bigint times in the declared unit, in rows and in asOf', () => {
    const s = BigInt(Date.UTC(2024, 0, 5) / 1000);
    const [one] = summarizeTransactions([{ customerId: 1, at: s, amount: 1 }], {
      asOf: s + 86_400n,
      timeUnit: 's',
    });
    expect(one?.T).toBe(1);
    const ns = BigInt(Date.UTC(2024, 0, 5)) * 1_000_000n + 999_999n; // truncated to the ms
    const [two] = summarizeTransactions([{ customerId: 1, at: ns, amount: 1 }], {
      asOf,
      timeUnit: 'ns',
    });
    expect(two?.firstPurchaseAt.toISOString()).toBe('2024-01-05T00:00:00.000Z');
  });

  it('DuckDB DECIMAL values ({ width, scale, value: bigint }) are read exactly from value and scale', () => {
    // 12.345 as DECIMAL(9, 3), 0.10 as DECIMAL(4, 2), 99999999999999999.99 as DECIMAL(19, 2)
    const decimal = (value: bigint, scale: number, width: number) => ({
      width,
      scale,
      value,
      toString: () => 'not used',
    });
    const log = [
      { customerId: 1, at: '2024-01-05', amount: decimal(12345n, 3, 9) },
      { customerId: 1, at: '2024-01-05', amount: decimal(10n, 2, 4) },
      { customerId: 2, at: '2024-01-05', amount: decimal(9999999999999999999n, 2, 19) },
      { customerId: 3, at: '2024-01-05', amount: decimal(7n, 0, 1) },
    ];
    const totals = summarizeTransactions(log, { asOf })
      .toRows()
      .map((s) => s.totalRevenue.toString());
    expect(totals).toEqual(['12.445', '99999999999999999.99', '7']);
    // cohorts read the same amounts
    const revenue = cohortRetention(log, { asOf, measure: 'revenue' }).cohorts[0]?.initialRevenue;
    // 12.445 + 99999999999999999.99 + 7, by hand
    expect(revenue?.toString()).toBe('100000000000000019.435');
  });

  it('bigint amounts are whole currency units', () => {
    const [s] = summarizeTransactions([{ customerId: 1, at: '2024-01-05', amount: 12n }], { asOf });
    expect(s?.totalRevenue.toString()).toBe('12');
  });

  it('look-alikes are refused: a negative DECIMAL, a bad scale, an Arrow decimal without scale', () => {
    for (const amount of [
      { width: 4, scale: 2, value: -1n },
      { width: 2, scale: 3, value: 1n }, // scale above width
      { width: 4, scale: 1.5, value: 1n },
      { width: 4, scale: 2, value: 1 }, // value not a bigint
      { toString: () => '12.5' }, // a faithful-looking string is not enough
      new Uint32Array([519500, 0, 0, 0]), // an Arrow Decimal128 value: its scale is in the type
      -1n,
    ]) {
      const error = thrown(() =>
        summarizeTransactions([{ customerId: 1, at: '2024-01-05', amount: amount as never }], {
          asOf,
        }),
      );
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.path).toEqual(['log', 0, 'amount']);
    }
    const arrow = thrown(() =>
      summarizeTransactions(
        [{ customerId: 1, at: '2024-01-05', amount: new Uint32Array([1, 0, 0, 0]) as never }],
        { asOf },
      ),
    );
    expect(arrow.message).toContain('an Apache Arrow decimal carries no scale');
  });
});

describe('one-shot functions over a log whose rows are all out of range', () => {
  const log = [
    { customerId: 1, at: '2024-05-01', amount: 1 },
    { customerId: 2, at: '2024-06-01', amount: 1 },
  ];
  it.each<[string, () => unknown, string]>([
    ['summarizeTransactions', () => summarizeTransactions(log, { asOf: '2024-04-30' }), 'asOf'],
    [
      'calibrationHoldoutSummary',
      () =>
        calibrationHoldoutSummary(log, {
          calibrationEnd: '2024-03-01',
          observationEnd: '2024-04-30',
        }),
      'observationEnd',
    ],
    ['cohortRetention', () => cohortRetention(log, { asOf: '2024-04-30' }), 'asOf'],
    [
      'customerCounts',
      () =>
        customerCounts(log, {
          periodStart: '2024-03-01',
          periodEnd: '2024-04-30',
          activeWithin: 30,
        }),
      'periodEnd',
    ],
  ])('%s raises EMPTY_INPUT saying how many rows', (_name, run, end) => {
    const error = thrown(run);
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.message).toContain(`all 2 rows of the log are after ${end}`);
  });

  it('an empty log gives the empty result; an accumulator counts rows after asOf', () => {
    expect(summarizeTransactions([], { asOf: '2024-04-30' }).length).toBe(0);
    expect(summarizeTransactions([], { asOf: '2024-04-30', form: 'rows' })).toEqual([]);
    expect(cohortRetention([], { asOf: '2024-04-30' }).cohorts).toEqual([]);
    expect(
      customerCounts([], { periodStart: '2024-03-01', periodEnd: '2024-04-30', activeWithin: 30 }),
    ).toMatchObject({ startCustomers: 0, endCustomers: 0, newCustomers: 0 });
    const split = calibrationHoldoutSummary([], {
      calibrationEnd: '2024-03-01',
      observationEnd: '2024-04-30',
    });
    expect(split.customers).toEqual([]);
    const acc = createSummaryAccumulator({ asOf: '2024-04-30' }).addMany(log);
    expect([acc.result(), acc.rowsAfterAsOf]).toEqual([[], 2]);
  });
});

describe("summaries with 'quarter' and 'year' granularity", () => {
  const log = [
    { customerId: 'a', at: '2024-01-05', amount: 10 },
    { customerId: 'a', at: '2024-03-20', amount: 5 },
    { customerId: 'a', at: '2024-04-02', amount: 20 },
  ];
  it('quarters: Jan 5 and Mar 20 are one order; Q1 → Q2 is 91 days (Jan 1 → Apr 1, 2024)', () => {
    const [a] = summarizeTransactions(log, { asOf: '2024-06-30', granularity: 'quarter' });
    expect([a?.orders, a?.recency, a?.T, a?.monetaryValue.toString()]).toEqual([2, 91, 91, '20']);
  });
  it('years: one order, T 0 within the year', () => {
    const [a] = summarizeTransactions(log, { asOf: '2024-06-30', granularity: 'year' });
    expect([a?.orders, a?.T, a?.totalRevenue.toString()]).toEqual([1, 0, '35']);
  });
});
