import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SummaryAccumulatorJSON } from '../../src/transactions/accumulator-json.js';
import { summaryAccumulatorFromJSON } from '../../src/transactions/summarize.js';

/**
 * States written by `toJSON()` of version 0.1.0 (test/fixtures/summary-accumulator-v1.json, made
 * from the log below before the time conventions changed) must still load, with the values
 * worked out by hand from that log.
 *
 * The log: a 2024-01-01T09:00Z 10.00, 2024-01-01T17:30Z 5.50, 2024-01-15 20.00, 2024-02-01 99.00;
 * b 2024-01-29 7.25; 2 2024-01-03T00:00Z 0.001, 2024-01-10 0.1, 2024-01-02 0.2.
 */
const stored = JSON.parse(
  readFileSync(new URL('../fixtures/summary-accumulator-v1.json', import.meta.url), 'utf8'),
) as Record<string, SummaryAccumulatorJSON>;

const view = (json: SummaryAccumulatorJSON | undefined) =>
  summaryAccumulatorFromJSON(json as SummaryAccumulatorJSON)
    .result()
    .map((s) => [s.customerId, s.orders, s.recency, s.T, s.totalRevenue.toString()]);

describe('accumulator JSON of version 0.1.0 still loads', () => {
  it('daily orders, weeks, asOf 2024-01-29 (UTC)', () => {
    // 2: days Jan 2, 3, 10 → recency 8 d = 8/7 w, T 27 d; a: Jan 1, 15 → 2 w, T 4 w; b: Jan 29.
    expect(view(stored.day)).toEqual([
      [2, 3, 8 / 7, 27 / 7, '0.301'],
      ['a', 2, 2, 4, '35.5'],
      ['b', 1, 0, 0, '7.25'],
    ]);
    const acc = summaryAccumulatorFromJSON(stored.day as SummaryAccumulatorJSON);
    expect(acc.rowsAfterAsOf).toBe(1);
  });

  it('ISO weeks in America/New_York, durations in days', () => {
    // Weeks start on Mondays: Jan 1, 8, 15, 22, 29. 2: weeks of Jan 1 and Jan 8 (Jan 2 and 3 are
    // in New York's Jan 1 and 2); a: weeks of Jan 1 (Jan 1, 04:00 and 12:30 local), Jan 15 and,
    // because version 0.1.0 observed the whole week of asOf, Jan 29 (the purchase of Feb 1, 99.00);
    // b: week of Jan 29 (date-only, local day); asOf week Jan 29.
    expect(view(stored.weekNewYork)).toEqual([
      [2, 2, 7, 28, '0.301'],
      ['a', 3, 28, 28, '134.5'],
      ['b', 1, 0, 0, '7.25'],
    ]);
  });

  it('no granularity, asOf an instant, unit of 7 days', () => {
    // Each distinct timestamp is an order; asOf 2024-01-29T12:00Z.
    // 2: Jan 2 00:00, Jan 3 00:00, Jan 10 00:00 → recency 8 d, T 27.5 d.
    // a: Jan 1 09:00, Jan 1 17:30, Jan 15 00:00 → recency 13.625 d, T 28.125 d.
    // b: Jan 29 00:00 → T 0.5 d.
    expect(view(stored.none)).toEqual([
      [2, 3, 8 / 7, 27.5 / 7, '0.301'],
      ['a', 3, 13.625 / 7, 28.125 / 7, '35.5'],
      ['b', 1, 0, 0.5 / 7, '7.25'],
    ]);
  });

  it('calendar months in +03:00', () => {
    // Everything up to Jan 31 (local) is in January; b bought on Jan 29.
    expect(view(stored.monthDateOnly)).toEqual([
      [2, 1, 0, 0, '0.301'],
      ['a', 1, 0, 0, '35.5'],
      ['b', 1, 0, 0, '7.25'],
    ]);
  });
});
