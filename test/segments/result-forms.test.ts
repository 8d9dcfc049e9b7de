/**
 * The default form of summarizeTransactions, rfmScores and classifyCustomers is the table;
 * form: 'rows' gives the row arrays, form: 'table' the same table as no form. The types follow
 * the form exactly (checked by the type checker through expectTypeOf).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CustomerClassTable } from '../../src/segments/classify/class-table.js';
import { classifyCustomers } from '../../src/segments/classify/classify.js';
import type { ClassifiedCustomer } from '../../src/segments/classify/types.js';
import type { RfmScore } from '../../src/segments/rfm.js';
import { rfmScores } from '../../src/segments/rfm.js';
import type { RfmScoreTable } from '../../src/segments/rfm-table.js';
import type { CustomerSummary } from '../../src/transactions/customer-summary.js';
import { summarizeTransactions } from '../../src/transactions/summarize.js';
import type { CustomerSummaryTable } from '../../src/transactions/summary-table.js';

// a: 3 orders (10.00, 5.50, 20.00) from 2024-01-01 to 2024-06-20; b: one order of 7.25 on 2024-06-29.
const LOG = [
  { customerId: 'a', at: '2024-01-01', amount: '10.00' },
  { customerId: 'a', at: '2024-03-15', amount: '5.50' },
  { customerId: 'a', at: '2024-06-20', amount: '20.00' },
  { customerId: 'b', at: '2024-06-29', amount: '7.25' },
];
const AS_OF = '2024-06-30';

describe('the table is the default result', () => {
  it('summarizeTransactions: a table by default and with form: table; rows with form: rows', () => {
    const table = summarizeTransactions(LOG, { asOf: AS_OF });
    const asked = summarizeTransactions(LOG, { asOf: AS_OF, form: 'table' });
    const rows = summarizeTransactions(LOG, { asOf: AS_OF, form: 'rows' });
    expectTypeOf(table).toEqualTypeOf<CustomerSummaryTable>();
    expectTypeOf(asked).toEqualTypeOf<CustomerSummaryTable>();
    expectTypeOf(rows).toEqualTypeOf<CustomerSummary[]>();
    expect(Array.isArray(table)).toBe(false);
    expect(Array.isArray(rows)).toBe(true);
    // Hand count: a has 3 orders and 35.5 in all, b 1 order of 7.25.
    expect([...table.columns.orders]).toEqual([3, 1]);
    expect([...table.columns.totalRevenue.cents]).toEqual([3550, 725]);
    expect(rows.map((s) => [s.orders, s.totalRevenue.toString()])).toEqual([
      [3, '35.5'],
      [1, '7.25'],
    ]);
    expect(JSON.stringify(table)).toBe(JSON.stringify(rows));
    expect(JSON.stringify(asked)).toBe(JSON.stringify(rows));
  });

  it('rfmScores and classifyCustomers: tables by default, rows with form: rows', () => {
    const summaries = summarizeTransactions(LOG, { asOf: AS_OF });
    const scores = rfmScores(summaries);
    const scoreRows = rfmScores(summaries, { form: 'rows' });
    const classes = classifyCustomers(summaries, { reasons: false });
    const classRows = classifyCustomers(summaries, { reasons: false, form: 'rows' });
    expectTypeOf(scores).toEqualTypeOf<RfmScoreTable>();
    expectTypeOf(scoreRows).toEqualTypeOf<RfmScore[]>();
    expectTypeOf(classes).toEqualTypeOf<CustomerClassTable>();
    expectTypeOf(classRows).toEqualTypeOf<ClassifiedCustomer[]>();
    expectTypeOf(rfmScores(summaries.toRows(), { asOf: AS_OF })).toEqualTypeOf<RfmScoreTable>();
    expectTypeOf(
      classifyCustomers(summaries.toRows(), { asOf: AS_OF, form: 'rows' }),
    ).toEqualTypeOf<ClassifiedCustomer[]>();
    expect(Array.isArray(scores)).toBe(false);
    expect(Array.isArray(scoreRows)).toBe(true);
    // Two customers: a bought 10 days before the end of asOf, b 1 day: b scores r higher.
    expect(scoreRows.map((s) => s.daysSinceLastPurchase)).toEqual([11, 2]);
    expect([...scores.columns.daysSinceLastPurchase]).toEqual([11, 2]);
    // b's first purchase is 2 days before the end of asOf (new); a has the top revenue (vip).
    expect(classRows.map((c) => c.segment)).toEqual(['vip', 'new']);
    expect(Array.from(classes, (c) => c.segment)).toEqual(['vip', 'new']);
    expect(JSON.stringify(scores)).toBe(JSON.stringify(scoreRows));
    expect(JSON.stringify(classes)).toBe(JSON.stringify(classRows));
  });

  it('a form that is not known until run time types as either', () => {
    const form = (process.env.RESULT_FORM === 'rows' ? 'rows' : 'table') as 'rows' | 'table';
    const either = summarizeTransactions(LOG, { asOf: AS_OF, form });
    expectTypeOf(either).toEqualTypeOf<CustomerSummaryTable | CustomerSummary[]>();
    expect(either.length).toBe(2);
  });
});
