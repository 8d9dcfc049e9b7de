/**
 * A row index outside a table is the library's error naming the table's method and `i`, like
 * every other bad input, not a bare `RangeError`; `at(i)` keeps `Array#at`'s reading.
 */
import { describe, expect, it } from 'vitest';
import { classifyCustomers } from '../../src/segments/classify/classify.js';
import { rfmScores } from '../../src/segments/rfm.js';
import { summarizeTransactions } from '../../src/transactions/summarize.js';
import { expectError } from '../support/errors.js';

// Two customers: a (orders on 1 and 15 January, 35.50) and b (one order on 29 January, 7.25).
const LOG = [
  { customerId: 'a', at: '2024-01-01', amount: '10.00' },
  { customerId: 'a', at: '2024-01-15', amount: '25.50' },
  { customerId: 'b', at: '2024-01-29', amount: '7.25' },
];
const summaries = summarizeTransactions(LOG, { asOf: '2024-01-31' });

describe('row(i), reasonsOf(i) and column at(i) outside the rows', () => {
  it.each<[string, unknown]>([
    ['past the end', 2],
    ['negative', -1],
    ['fractional', 0.5],
    ['a string', '0'],
    ['NaN', Number.NaN],
  ])('%s → INVALID_INPUT naming the table and i', (_label, i) => {
    const error = expectError(() => summaries.row(i as number), 'INVALID_INPUT', 'i');
    expect(error.message).toMatch(
      /^CustomerSummaryTable\.row: i must be a whole number from 0 to 1, the table's rows \(received .+\); at\(i\) returns undefined outside the rows and counts negative i from the end$/,
    );
  });

  it('every table and column says which it is', () => {
    const scores = rfmScores(summaries);
    const classes = classifyCustomers(summaries);
    expect(expectError(() => scores.row(2), 'INVALID_INPUT', 'i').message).toMatch(
      /^RfmScoreTable\.row: /,
    );
    expect(expectError(() => classes.row(2), 'INVALID_INPUT', 'i').message).toMatch(
      /^CustomerClassTable\.row: /,
    );
    expect(expectError(() => classes.reasonsOf(5), 'INVALID_INPUT', 'i').message).toBe(
      "CustomerClassTable.reasonsOf: i must be a whole number from 0 to 1, the table's rows (received 5); at(i) returns undefined outside the rows and counts negative i from the end",
    );
    expect(
      expectError(() => summaries.columns.totalRevenue.at(-1), 'INVALID_INPUT', 'i').message,
    ).toBe(
      "CustomerSummaryTable.columns.totalRevenue.at: i must be a whole number from 0 to 1, the table's rows (received -1)",
    );
    expect(
      expectError(() => summaries.columns.averageOrderValue.at(2), 'INVALID_INPUT', 'i').message,
    ).toMatch(/^CustomerSummaryTable\.columns\.averageOrderValue\.at: /);
    expect(expectError(() => scores.columns.monetary.at(2), 'INVALID_INPUT', 'i').message).toMatch(
      /^RfmScoreTable\.columns\.monetary\.at: /,
    );
  });

  it('an empty table says it has no rows', () => {
    const empty = rfmScores([], { asOf: '2024-01-31' });
    expect(expectError(() => empty.row(0), 'INVALID_INPUT', 'i').message).toMatch(
      /^RfmScoreTable\.row: the table has no rows \(received 0\)/,
    );
  });

  it('inside the rows nothing changes: row(1) is b, at(-1) is b, at(2) is undefined', () => {
    expect(summaries.row(1).customerId).toBe('b');
    expect(summaries.at(-1)?.customerId).toBe('b');
    expect(summaries.at(2)).toBeUndefined();
    // a: 10.00 + 25.50 = 35.5 over two orders → AOV 17.75
    expect(summaries.columns.averageOrderValue.at(0).toString()).toBe('17.75');
  });
});
