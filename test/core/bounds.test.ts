/**
 * The input bounds of src/core/bounds.ts (docs/numbers-and-errors.md): amounts below 1e50 with at
 * most 50 decimal places, totals below 1e70, tables of at most ten million cells. Each case of
 * issue 13 that used to exhaust memory or give Infinity is here with its outcome.
 */

import { describe, expect, it } from 'vitest';
import {
  averageOrderValue,
  cohortRetention,
  createSummaryAccumulator,
  customerLifetimeValue,
  segmentChartSpec,
  sumExact,
  summarizeTransactions,
  summaryAccumulatorFromJSON,
} from '../../src/index.js';
import { toJsonSchema } from '../../src/json-schema.js';
import { expectError } from '../support/errors.js';

describe('amount bounds', () => {
  it("refuses '1e1000000000' in an accumulator instead of writing a billion digits later", () => {
    const accumulator = createSummaryAccumulator({ asOf: '2025-01-01' });
    const error = expectError(
      () => accumulator.add({ customerId: 'a', at: '2024-01-01', amount: '1e1000000000' }),
      'INVALID_INPUT',
      'transaction.amount',
    );
    expect(error.message).toContain('|amount| < 1e50');
    // The accumulator is unchanged and still serialises.
    expect(accumulator.toJSON().customers).toEqual([]);
  });

  it('names the log row of an out-of-bounds amount', () => {
    const log = [
      { customerId: 'a', at: '2024-01-01', amount: 10 },
      { customerId: 'b', at: '2024-01-02', amount: '1e50' },
    ];
    expectError(
      () => summarizeTransactions(log, { asOf: '2024-12-31' }),
      'INVALID_INPUT',
      'log[1].amount',
    );
    const tiny = [{ customerId: 'a', at: '2024-01-01', amount: '1e-51' }];
    expectError(
      () => summarizeTransactions(tiny, { asOf: '2024-12-31' }),
      'INVALID_INPUT',
      'log[0].amount',
    );
  });

  it('accepts amounts just inside the bounds, exactly', () => {
    // 1e50 − 1 has 50 digits; 1e-50 has 50 decimal places. Hand: their sum is 99…9.00…01.
    const big = `${'9'.repeat(50)}`;
    const small = `0.${'0'.repeat(49)}1`;
    // Hand: 10^50 − 1 + 10^−50, rounded once to 34 significant digits, is 10^50.
    expect(sumExact([big, small]).eq('1e50')).toBe(true);
    expect(sumExact([small, small]).eq(`0.${'0'.repeat(49)}2`)).toBe(true);
    expect(sumExact(['123456789012345678901234567890.12', '0.88']).toFixed()).toBe(
      '123456789012345678901234567891',
    );
  });

  it('refuses amounts past the bounds in sums and metrics', () => {
    expectError(() => sumExact(['1e400']), 'INVALID_INPUT', 'amounts[0]');
    expectError(() => sumExact([1e300]), 'INVALID_INPUT', 'amounts[0]');
    expectError(() => averageOrderValue({ amounts: ['1e400'] }), 'INVALID_INPUT', 'amounts[0]');
    expectError(
      () => customerLifetimeValue({ method: 'historical', amounts: [`0.${'0'.repeat(50)}1`] }),
      'INVALID_INPUT',
      'amounts[0]',
    );
  });

  it('refuses a stored accumulator state whose money is past the bounds', () => {
    const accumulator = createSummaryAccumulator({ asOf: '2025-01-01' });
    accumulator.add({ customerId: 'a', at: '2024-01-01', amount: '12.50' });
    const json = JSON.parse(JSON.stringify(accumulator.toJSON()));
    json.customers[0][5] = '1'.repeat(71);
    expect(() => summaryAccumulatorFromJSON(json)).toThrow(/1e70/);
  });

  it('gives no Infinity in a chart spec: revenues of 1e400 are refused', () => {
    expectError(
      () =>
        segmentChartSpec({
          segments: [{ segment: 'vip', customers: 1, revenue: '1e400' }],
        } as never),
      'INVALID_INPUT',
      'report.segments[0].revenue',
    );
  });
});

describe('table bounds', () => {
  it('refuses a cohort table of more than ten million cells, naming periods', () => {
    // 3000 daily cohorts 30 days apart from 1901, observed to 2199: each cohort's row spans the
    // days from its start to asOf, about 1.9e8 cells in all.
    const log = Array.from({ length: 3000 }, (_, d) => ({
      customerId: `c${d}`,
      at: new Date(Date.UTC(1901, 0, 1 + d * 30)),
      amount: 1,
    }));
    const error = expectError(
      () => cohortRetention(log, { asOf: '2199-12-31', granularity: 'day' }),
      'INVALID_INPUT',
      'periods',
    );
    expect(error.message).toContain('10000000');
    // The same log by year is a small table.
    const table = cohortRetention(log, { asOf: '2199-12-31', granularity: 'year' });
    expect(table.cohorts.length).toBe(247);
  });
});

describe('claimed lengths and foreign objects', () => {
  it.each([-1, 2 ** 32, 1.5])(
    'a column of length %s is INVALID_INPUT naming the column',
    (length) => {
      const column = { length } as unknown as string[];
      expectError(
        () =>
          summarizeTransactions(
            { customerId: column, at: column, amount: column },
            { asOf: '2024-01-01' },
          ),
        'INVALID_INPUT',
        'log.customerId',
      );
    },
  );

  it('toJsonSchema of something that is not a schema is INVALID_INPUT', () => {
    expectError(() => toJsonSchema({} as never), 'INVALID_INPUT', 'schema');
  });
});
