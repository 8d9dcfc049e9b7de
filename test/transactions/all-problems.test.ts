/**
 * A log's error lists every bad row up to MAX_ISSUES (100), each with its path, and says how many
 * more there were (issue 13: a log of 69,659 bad rows reported one).
 */
import { describe, expect, it } from 'vitest';
import {
  cohortHeatmapSpec,
  createSummaryAccumulator,
  summarizeTransactions,
} from '../../src/index.js';
import { thrown } from '../support/errors.js';

describe('every problem of a log', () => {
  it('lists each bad row with its path', () => {
    const log = [
      { customerId: 'a', at: '2024-01-01', amount: 10 },
      { customerId: 'b', at: 'yesterday', amount: 10 },
      { customerId: 'c', at: '2024-01-02', amount: -1 },
      { customerId: null, at: '2024-01-03', amount: 1 },
    ];
    const error = thrown(() => summarizeTransactions(log as never, { asOf: '2024-12-31' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('log[1].at');
    expect(error.message).toMatch(
      /^summarizeTransactions: log\[1\]\.at .* \(and 2 more problems\)$/,
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['log', 1, 'at'],
      ['log', 2, 'amount'],
      ['log', 3, 'customerId'],
    ]);
  });

  it('lists every bad field of a row, in rows and in columns', () => {
    // row 1 has three bad fields, row 2 one: four problems, each named
    const log = [
      { customerId: 'a', at: '2024-01-01', amount: 10 },
      { customerId: null, at: '2024-02-30', amount: -5 },
      { customerId: 'c', at: '2024-01-02', amount: 'ten' },
    ];
    const paths = [
      ['log', 1, 'customerId'],
      ['log', 1, 'at'],
      ['log', 1, 'amount'],
      ['log', 2, 'amount'],
    ];
    const rows = thrown(() => summarizeTransactions(log as never, { asOf: '2024-12-31' }));
    expect(rows.issues.map((issue) => issue.path)).toEqual(paths);
    expect(rows.message).toContain('(and 3 more problems)');
    const columns = {
      customerId: log.map((r) => r.customerId),
      at: log.map((r) => r.at),
      amount: log.map((r) => r.amount),
    };
    const fromColumns = thrown(() =>
      summarizeTransactions(columns as never, { asOf: '2024-12-31' }),
    );
    expect(fromColumns.issues.map((issue) => issue.path)).toEqual(paths);
  });

  it("an accumulator's add lists every bad field of its one transaction", () => {
    const accumulator = createSummaryAccumulator({ asOf: '2024-12-31' });
    const error = thrown(() =>
      accumulator.add({ customerId: null, at: '2024-02-30', amount: -1 } as never),
    );
    expect(error.field).toBe('transaction.customerId');
    expect(error.message).toContain('(and 2 more problems)');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      ['transaction', 'customerId'],
      ['transaction', 'at'],
      ['transaction', 'amount'],
    ]);
    // nothing of the bad transaction is kept
    expect(accumulator.result()).toEqual([]);
  });

  it('lists the first 100 of many and counts the rest', () => {
    const log = Array.from({ length: 250 }, (_, i) => ({
      customerId: i,
      at: '2024-01-01',
      amount: 'x',
    }));
    const error = thrown(() => summarizeTransactions(log, { asOf: '2024-12-31' }));
    expect(error.issues).toHaveLength(100);
    expect(error.issues[99]?.path).toEqual(['log', 99, 'amount']);
    expect(error.message).toContain('(and 249 more problems; the first 100 are listed in issues)');
  });

  it('passes an error of the caller’s own getter through unchanged', () => {
    const boom = new Error('caller');
    const row = {
      customerId: 'a',
      at: '2024-01-01',
      get amount(): number {
        throw boom;
      },
    };
    expect(() => summarizeTransactions([row], { asOf: '2024-12-31' })).toThrow(boom);
  });
});

describe('what a misread date or table needs', () => {
  it('a date that is not in the calendar says so, with the length of its month', () => {
    // 2023 is not a leap year: February has 28 days; April has 30
    const feb = thrown(() => summarizeTransactions([], { asOf: '2023-02-29' }));
    expect(feb.field).toBe('asOf');
    expect(feb.message).toContain(
      '2023-02-29 is not a calendar date (month 02 of 2023 has 28 days)',
    );
    const april = thrown(() =>
      summarizeTransactions([{ customerId: 1, at: '2024-04-31T10:00:00Z', amount: 1 }], {
        asOf: '2024-12-31',
      }),
    );
    expect(april.message).toContain(
      '2024-04-31 is not a calendar date (month 04 of 2024 has 30 days)',
    );
    const month = thrown(() => summarizeTransactions([], { asOf: '20241301' }));
    expect(month.message).toContain('2024-13-01 has no month 13');
    const slashes = thrown(() => summarizeTransactions([], { asOf: '03/04/2024' }));
    expect(slashes.message).toContain('write dates as YYYY-MM-DD');
    // epoch milliseconds written as a string are not taken for a date
    const digits = thrown(() => summarizeTransactions([], { asOf: '1704412800000' }));
    expect(digits.message).not.toContain('calendar date');
  });

  it('cohortHeatmapSpec given a log asks for the cohort table', () => {
    const log = [{ customerId: 1, at: '2024-01-05', amount: 10 }];
    const error = thrown(() => cohortHeatmapSpec(log as never));
    expect(error.field).toBe('table');
    expect(error.message).toContain('the result of cohortRetention(log, options)');
  });
});
