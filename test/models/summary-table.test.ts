/**
 * The model fits and forecastCustomers read a summary table (form: 'table') from its columns,
 * with the same results as its rows; a table's unit is the default of a fit, and a caller's write
 * into a typed column is caught.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitBgNbd } from '../../src/models/bg-nbd.js';
import { forecastCustomers } from '../../src/models/forecast.js';
import { fitGammaGamma } from '../../src/models/gamma-gamma.js';
import { fitModifiedBgNbd } from '../../src/models/mbg-nbd.js';
import { fitParetoNbd } from '../../src/models/pareto-nbd.js';
import { summarizeTransactions } from '../../src/transactions/summarize.js';
import { thrown } from '../support/errors.js';

/** CDNOW_sample.txt (test/fixtures/README.md): columns master id, id, YYYYMMDD, CDs, dollars. */
const log = (() => {
  const lines = readFileSync(new URL('../fixtures/CDNOW_sample.txt', import.meta.url), 'utf8')
    .split('\r\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/));
  return {
    customerId: lines.map((f) => Number(f[1])),
    at: lines.map((f) => `${f[2]?.slice(0, 4)}-${f[2]?.slice(4, 6)}-${f[2]?.slice(6, 8)}`),
    amount: lines.map((f) => f[4] as string),
  };
})();
const options = { asOf: '1997-09-30', unit: 'week' } as const;
const table = summarizeTransactions(log, { ...options, form: 'table' });
const rows = summarizeTransactions(log, options);
const json = (value: unknown) => JSON.stringify(value);

describe('models read a summary table', () => {
  it('fits equal the fits of the rows; the table’s unit is the default', () => {
    for (const fit of [fitBgNbd, fitModifiedBgNbd]) {
      const ofTable = fit(table);
      expect(json(ofTable)).toBe(json(fit(rows, { unit: 'week' })));
      expect(ofTable.unit).toBe('week');
    }
    expect(json(fitGammaGamma(table))).toBe(json(fitGammaGamma(rows)));
  });

  it('forecastCustomers of a table equals the forecast of its rows', () => {
    const purchaseModel = fitBgNbd(rows, { unit: 'week' });
    const spendModel = fitGammaGamma(rows);
    const o = { purchaseModel, spendModel, periods: 3, periodLength: 4.345, discountRate: 0.01 };
    const ofTable = forecastCustomers(table, o);
    expect(ofTable.length).toBe(rows.length);
    expect(json(ofTable)).toBe(json(forecastCustomers(rows, o)));
  });

  it('forecastCustomers refuses a table in another unit than the model’s', () => {
    // The weekly CDNOW model read against daily summaries would take 7 times the weeks: customer
    // 1's 39-week forecast would be that of 39 days. A table in days of 7 is weeks, and a model
    // without a unit (published parameters) is taken to be in the table's.
    const purchaseModel = fitBgNbd(table);
    const o = { purchaseModel, periods: 1, periodLength: 39, discountRate: 0 };
    const days = summarizeTransactions(log, { asOf: '1997-09-30', form: 'table' });
    expect(thrown(() => forecastCustomers(days, o))).toMatchObject({
      code: 'INVALID_INPUT',
      path: ['customers'],
      message:
        'forecastCustomers: customers are in unit "day" (the summary table\'s) but purchaseModel is in "week": summarize with unit: "week", or fit the model on these summaries',
    });
    const inSevens = summarizeTransactions(log, { asOf: '1997-09-30', unit: 7, form: 'table' });
    expect(json(forecastCustomers(inSevens, o))).toBe(json(forecastCustomers(table, o)));
    const { unit: _unit, ...published } = purchaseModel;
    expect(json(forecastCustomers(table, { ...o, purchaseModel: published }))).toBe(
      json(forecastCustomers(table, o)),
    );
  });

  it('refuses a unit that conflicts with the table’s, and catches a written column', () => {
    expect(thrown(() => fitBgNbd(table, { unit: 'day' }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: ['options', 'unit'],
    });
    const recency = table.columns.recency;
    const saved = recency[5] as number;
    recency[5] = (table.columns.T[5] as number) + 1;
    expect(thrown(() => fitParetoNbd(table))).toMatchObject({
      code: 'INVALID_INPUT',
      path: ['rows', 5, 'recency'],
    });
    recency[5] = saved;
    const frequency = table.columns.frequency;
    frequency[9] = -1;
    const o = {
      purchaseModel: { model: 'bg-nbd', params: { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 } },
      periods: 1,
      periodLength: 1,
      discountRate: 0,
    } as const;
    expect(thrown(() => forecastCustomers(table, o))).toMatchObject({
      code: 'INVALID_INPUT',
      path: ['customers', 9, 'frequency'],
    });
    expect(thrown(() => fitGammaGamma(table))).toMatchObject({
      code: 'INVALID_INPUT',
      path: ['rows', 9, 'frequency'],
    });
    frequency[9] = (table.columns.orders[9] as number) - 1;
  });
});
