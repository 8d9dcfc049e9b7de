/**
 * A summary table put inside a list of rows (`[table]`, `[...rows, table]`) is named as what it
 * is, with what to pass instead, not reported through a missing `customerId`; the arguments of
 * `segmentReport` in the wrong order likewise.
 */
import { describe, expect, it } from 'vitest';
import { planMetricsFromSummaries } from '../../src/plan/metrics.js';
import { classifyCustomers } from '../../src/segments/classify/classify.js';
import { segmentReport } from '../../src/segments/report.js';
import { rfmScores } from '../../src/segments/rfm.js';
import { summarizeTransactions } from '../../src/transactions/summarize.js';
import { expectError } from '../support/errors.js';

const LOG = [
  { customerId: 'a', at: '2024-01-01', amount: '10.00' },
  { customerId: 'b', at: '2024-01-29', amount: '7.25' },
];
const table = summarizeTransactions(LOG, { asOf: '2024-01-31' });
const advice =
  'is a CustomerSummaryTable, not a row: pass the table itself (not inside an array), or its rows with table.toRows()';

describe('a summary table inside a list of rows', () => {
  it('[table] → INVALID_INPUT naming summaries[0]', () => {
    const error = expectError(
      () => rfmScores([table] as never, { asOf: '2024-01-31' }),
      'INVALID_INPUT',
      'summaries[0]',
    );
    expect(error.message).toBe(`rfmScores: summaries[0] ${advice}`);
  });

  it('[...rows, table] → INVALID_INPUT naming the table’s index, 2', () => {
    const mixed = [...table.toRows(), table] as never;
    expect(
      expectError(
        () => classifyCustomers(mixed, { asOf: '2024-01-31' }),
        'INVALID_INPUT',
        'summaries[2]',
      ).message,
    ).toBe(`classifyCustomers: summaries[2] ${advice}`);
    expect(
      expectError(() => planMetricsFromSummaries(mixed), 'INVALID_INPUT', 'summaries[2]').message,
    ).toBe(`planMetricsFromSummaries: summaries[2] ${advice}`);
  });

  it('the table itself and its rows are read alike: 2 customers, revenue 17.25', () => {
    const classes = classifyCustomers(table);
    for (const summaries of [table, table.toRows()]) {
      const report = segmentReport(classes, summaries);
      expect(report.totalCustomers).toBe(2);
      expect(report.totalRevenue.toString()).toBe('17.25'); // 10.00 + 7.25
    }
  });

  it('segmentReport(summaries, classes), the arguments swapped → says the summaries go second', () => {
    const error = expectError(
      () => segmentReport(table as never, classifyCustomers(table) as never),
      'INVALID_INPUT',
      'classified',
    );
    expect(error.message).toBe(
      "segmentReport: classified must be classifyCustomers' or rfmScores' result (a table or its rows) (received a CustomerSummaryTable: the summaries go second, segmentReport(classified, summaries))",
    );
  });
});
