/**
 * The date-boundary rule in the segmentation functions: a date-only `asOf` names its whole day in
 * `timeZone`, durations run to the day's end, numeric timestamps are read in `timeUnit`.
 */
import { describe, expect, it } from 'vitest';
import { classifyCustomers } from '../../src/segments/classify/classify.js';
import { segmentReport } from '../../src/segments/report.js';
import { rfmScores } from '../../src/segments/rfm.js';
import { summarizeTransactions } from '../../src/transactions/summarize.js';
import { thrown } from '../support/errors.js';

// The first input of issue 11: a purchase at 15:00 UTC on the day named as asOf.
const LOG = [
  { customerId: 'a', at: '2024-06-30T15:00:00Z', amount: 10 },
  { customerId: 'b', at: '2024-06-01T10:00:00Z', amount: 20 },
];

describe('issue 11: summaries of a log feed rfmScores and classifyCustomers with the same asOf', () => {
  // n = 2, bins = 5: the larger of two distinct values has L = 1 → 1 + ⌊5 · 1 / 2⌋ = 3.
  // Days since the last purchase: a < b → a r = 5, b r = 6 − 3 = 3. Orders 1 and 1 tie → f = 1.
  // Revenue 10 < 20 → a m = 1, b m = 3. fm = ⌈(f + m) / 2⌉: a 1, b 2.
  // Default map: R5 FM1 → New; R3 FM2 → Need Attention.
  it.each([
    // UTC: asOf ends at 2024-07-01T00:00Z. a: 9 h = 0.375 d; b: 29 d 14 h.
    ['UTC', undefined, 9 / 24, 29 + 14 / 24],
    // New York (EDT, UTC−4): asOf ends at 2024-07-01T04:00Z. a: 13 h; b: 29 d 18 h = 29.75 d.
    ['America/New_York', 'America/New_York', 13 / 24, 29.75],
  ])(
    'in %s: a is the most recent customer (R = 5) and nothing throws',
    (_, timeZone, daysA, daysB) => {
      const options = { asOf: '2024-06-30', ...(timeZone === undefined ? {} : { timeZone }) };
      const summaries = summarizeTransactions(LOG, options);
      expect(summaries.toRows().map((s) => s.customerId)).toEqual(['a', 'b']);
      const scores = rfmScores(summaries, options);
      expect(scores.toRows().map((s) => [s.customerId, s.r, s.f, s.m, s.score, s.segment])).toEqual(
        [
          ['a', 5, 1, 1, '511', 'New'],
          ['b', 3, 1, 3, '313', 'Need Attention'],
        ],
      );
      expect(scores.at(0)?.daysSinceLastPurchase).toBeCloseTo(daysA, 12);
      expect(scores.at(1)?.daysSinceLastPurchase).toBeCloseTo(daysB, 12);
      // Both first purchases are within 30 days of the end of asOf → new; b has the top revenue
      // (k = ⌈0.2 · 2⌉ = 1) → the vip flag too.
      const classes = classifyCustomers(summaries, options);
      expect(classes.toRows().map((c) => [c.customerId, c.segment, c.flags])).toEqual([
        ['a', 'new', ['new']],
        ['b', 'new', ['new', 'vip']],
      ]);
      expect(classes.at(0)?.daysSinceLastPurchase).toBeCloseTo(daysA, 12);
      expect(segmentReport(scores, summaries).totalCustomers).toBe(2);
    },
  );

  it('the same day given as an instant at its end gives the same days', () => {
    const summaries = summarizeTransactions(LOG, { asOf: '2024-06-30', form: 'rows' });
    const byDay = rfmScores(summaries, { asOf: '2024-06-30' });
    const byInstant = rfmScores(summaries, { asOf: '2024-07-01T00:00:00Z' });
    expect(byInstant.toRows()).toEqual(byDay.toRows());
  });
});

describe('asOf boundary: a last purchase at or after the end of asOf is an error', () => {
  const row = (lastPurchaseAt: string | number) => ({
    customerId: 'x',
    firstPurchaseAt: '2024-01-01',
    lastPurchaseAt,
    orders: 2,
    totalRevenue: 5,
  });

  it.each([
    [
      'rfmScores',
      (s: ReturnType<typeof row>[], o: object) => rfmScores(s, { asOf: '2024-06-30', ...o }),
    ],
    [
      'classifyCustomers',
      (s: ReturnType<typeof row>[], o: object) =>
        classifyCustomers(s, { asOf: '2024-06-30', ...o }),
    ],
  ])('%s', (fn, run) => {
    // The last instant of the day is inside it; the next day's first instant is not.
    expect(() => run([row('2024-06-30T23:59:59.999Z')], {})).not.toThrow();
    const error = thrown(() => run([row('2024-07-01T00:00:00Z')], {}));
    expect(error.field).toBe('summaries[0].lastPurchaseAt');
    expect(error.message).toBe(
      `${fn}: summaries[0].lastPurchaseAt (2024-07-01T00:00:00.000Z) is after asOf ("2024-06-30", which ends at 2024-07-01T00:00:00.000Z in UTC)`,
    );
    // In Tokyo (UTC+9) the day 2024-06-30 ends at 2024-06-30T15:00Z, inside the UTC day.
    const tokyo = { timeZone: 'Asia/Tokyo' };
    expect(() => run([row('2024-06-30T14:59:59.999Z')], tokyo)).not.toThrow();
    expect(thrown(() => run([row('2024-06-30T15:00:00Z')], tokyo)).message).toBe(
      `${fn}: summaries[0].lastPurchaseAt (2024-06-30T15:00:00.000Z) is after asOf ("2024-06-30", which ends at 2024-06-30T15:00:00.000Z in Asia/Tokyo)`,
    );
    // A date-only purchase on the day of asOf is the first instant of that local day: inside.
    expect(() => run([row('2024-06-30')], { timeZone: 'Asia/Tokyo' })).not.toThrow();
    // An instant asOf includes itself only.
    const at = Date.parse('2024-06-30T12:00:00Z');
    expect(() => run([row(at)], { asOf: at })).not.toThrow();
    expect(thrown(() => run([row(at + 1)], { asOf: at })).field).toBe(
      'summaries[0].lastPurchaseAt',
    );
  });

  it('a date-only purchase is the first instant of its day in timeZone', () => {
    // asOf 2024-06-30 in New York ends at 2024-07-01T04:00Z; a purchase on '2024-06-20' is at
    // 2024-06-20T04:00Z: exactly 11 days before. In UTC both move by 4 hours: still 11 days.
    const summaries = [row('2024-06-20')];
    for (const timeZone of ['UTC', 'America/New_York']) {
      expect(
        rfmScores(summaries, { asOf: '2024-06-30', timeZone }).at(0)?.daysSinceLastPurchase,
      ).toBe(11);
      expect(
        classifyCustomers(summaries, { asOf: '2024-06-30', timeZone }).at(0)?.daysSinceLastPurchase,
      ).toBe(11);
    }
  });
});

describe('timeUnit: numeric timestamps of asOf and the summaries', () => {
  const asOfMs = Date.parse('2024-03-31T00:00:00Z');
  const firstMs = Date.parse('2024-01-05T00:00:00Z');
  const lastMs = Date.parse('2024-03-21T00:00:00Z');
  const columns = (scale: number) => ({
    customerId: [1],
    firstPurchaseAt: [firstMs * scale],
    lastPurchaseAt: [lastMs * scale],
    orders: [2],
    totalRevenue: [30],
  });

  it.each([
    ['s', 0.001],
    ['ms', 1],
    ['us', 1000],
  ] as const)('in %s: 10 days since the last purchase', (timeUnit, scale) => {
    const summaries = columns(scale);
    const asOf = asOfMs * scale;
    expect(rfmScores(summaries, { asOf, timeUnit }).at(0)?.daysSinceLastPurchase).toBe(10);
    expect(classifyCustomers(summaries, { asOf, timeUnit }).at(0)?.daysSinceLastPurchase).toBe(10);
    const classes = classifyCustomers(summaries, { asOf, timeUnit });
    expect(segmentReport(classes, summaries, { timeUnit }).totalCustomers).toBe(1);
  });

  it('microseconds read as milliseconds are an error naming the row and the likely unit', () => {
    const error = thrown(() => rfmScores(columns(1000), { asOf: asOfMs }));
    expect(error.field).toBe('summaries[0].firstPurchaseAt');
    expect(error.message).toContain("looks like epoch microseconds: pass timeUnit: 'us'");
    const asOfError = thrown(() => classifyCustomers(columns(1), { asOf: asOfMs * 1000 }));
    expect(asOfError.field).toBe('asOf');
    expect(asOfError.message).toContain("pass timeUnit: 'us'");
    expect(thrown(() => segmentReport([], columns(1000))).field).toBe(
      'summaries[0].firstPurchaseAt',
    );
  });

  it('bigint customer ids (BIGINT keys) are kept as numbers when safe, else as strings', () => {
    const summaries = {
      customerId: BigInt64Array.of(5n, 2n ** 62n),
      firstPurchaseAt: [firstMs, firstMs],
      lastPurchaseAt: [lastMs, lastMs],
      orders: [2, 1],
      totalRevenue: [30, 10],
    };
    const ids = rfmScores(summaries, { asOf: asOfMs })
      .toRows()
      .map((s) => s.customerId);
    expect(ids).toEqual([5, '4611686018427387904']);
    const classes = classifyCustomers(summaries, { asOf: asOfMs });
    expect(classes.toRows().map((c) => c.customerId)).toEqual(ids);
    expect(segmentReport(classes, summaries).totalCustomers).toBe(2);
  });

  it('bigint timestamps in the declared unit', () => {
    const summaries = {
      customerId: [1],
      firstPurchaseAt: [BigInt(firstMs) * 1000n],
      lastPurchaseAt: [BigInt(lastMs) * 1000n],
      orders: [2],
      totalRevenue: [30],
    };
    const scores = rfmScores(summaries as never, { asOf: BigInt(asOfMs) * 1000n, timeUnit: 'us' });
    expect(scores.at(0)?.daysSinceLastPurchase).toBe(10);
  });
});
