/**
 * A result table given where a transaction log belongs is named as what it is, not reported
 * through a missing `log.customerId` column; a bad row of `compressSummaries` is named under its
 * parameter, `summaries[i]`.
 */
import { describe, expect, it } from 'vitest';
import { classifyCustomers } from '../../src/segments/classify/classify.js';
import { rfmScores } from '../../src/segments/rfm.js';
import { cohortRetention } from '../../src/transactions/cohorts/table.js';
import { compressSummaries } from '../../src/transactions/compress.js';
import { customerCounts } from '../../src/transactions/counts.js';
import {
  createSummaryAccumulator,
  summarizeTransactions,
} from '../../src/transactions/summarize.js';
import { expectError } from '../support/errors.js';

const LOG = [
  { customerId: 'a', at: '2024-01-01', amount: '10.00' },
  { customerId: 'a', at: '2024-01-11', amount: '10.00' },
  { customerId: 'b', at: '2024-01-29', amount: '7.25' },
];
const table = summarizeTransactions(LOG, { asOf: '2024-02-01' });
const message = (fn: string) =>
  `${fn}: log is a result table (customer summaries, scores or classes), not a transaction log: pass the purchases, as rows of { customerId, at, amount } or as those columns`;

describe('a result table given as a transaction log', () => {
  it.each<[string, () => unknown]>([
    ['summarizeTransactions', () => summarizeTransactions(table as never, { asOf: '2024-02-01' })],
    ['cohortRetention', () => cohortRetention(table as never, { asOf: '2024-02-01' })],
    [
      'customerCounts',
      () =>
        customerCounts(table as never, {
          periodStart: '2024-01-01',
          periodEnd: '2024-02-01',
          activeWithin: 30,
        }),
    ],
    [
      'createSummaryAccumulator',
      () => createSummaryAccumulator({ asOf: '2024-02-01' }).addMany(table as never),
    ],
    [
      'summarizeTransactions',
      () => summarizeTransactions(rfmScores(table) as never, { asOf: '2024-02-01' }),
    ],
    [
      'summarizeTransactions',
      () => summarizeTransactions(classifyCustomers(table) as never, { asOf: '2024-02-01' }),
    ],
  ])('%s → INVALID_INPUT naming log', (fn, call) => {
    expect(expectError(call, 'INVALID_INPUT', 'log').message).toBe(message(fn));
  });

  it('the same purchases as columns are still a log: a has 2 orders, b 1', () => {
    const columns = {
      customerId: LOG.map((r) => r.customerId),
      at: LOG.map((r) => r.at),
      amount: LOG.map((r) => r.amount),
    };
    const summaries = summarizeTransactions(columns, { asOf: '2024-02-01' });
    expect([...summaries.columns.orders]).toEqual([2, 1]);
  });
});

describe('compressSummaries names a bad row under its parameter', () => {
  it('a table inside an array → summaries[0].frequency', () => {
    expectError(
      () => compressSummaries([table] as never),
      'INVALID_INPUT',
      'summaries[0].frequency',
    );
  });

  it('recency past T in the second row → summaries[1].recency', () => {
    const rows = [
      { frequency: 0, recency: 0, T: 30 },
      { frequency: 1, recency: 31, T: 30 },
    ];
    expect(
      expectError(() => compressSummaries(rows), 'INVALID_INPUT', 'summaries[1].recency').message,
    ).toBe('compressSummaries: summaries[1].recency (31) must not exceed T (30)');
  });
});
