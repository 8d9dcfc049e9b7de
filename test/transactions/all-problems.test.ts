/**
 * A log's error lists every bad row up to MAX_ISSUES (100), each with its path, and says how many
 * more there were (issue 13: a log of 69,659 bad rows reported one).
 */
import { describe, expect, it } from 'vitest';
import { summarizeTransactions } from '../../src/index.js';
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
