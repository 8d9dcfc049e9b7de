import { describe, expect, it } from 'vitest';
import { cohortRetention } from '../../src/transactions/cohorts/table.js';
import { customerCounts } from '../../src/transactions/counts.js';
import { calibrationHoldoutSummary } from '../../src/transactions/holdout.js';
import type { TransactionColumns } from '../../src/transactions/log.js';
import {
  createSummaryAccumulator,
  summarizeTransactions,
} from '../../src/transactions/summarize.js';
import { thrown } from '../support/errors.js';

describe('issue 11: a purchase at 15:00 UTC on the day named as asOf', () => {
  const log = [
    { customerId: 'a', at: '2024-06-30T15:00:00Z', amount: 10 },
    { customerId: 'b', at: '2024-06-01T10:00:00Z', amount: 20 },
  ];

  it('is kept, and the last purchase is not after the end of asOf (UTC)', () => {
    const [a, b] = summarizeTransactions(log, { asOf: '2024-06-30' });
    // a bought on the asOf day: recency 0 and T 0 in days; b on June 1: T = 29 days
    expect([a?.customerId, a?.orders, a?.T, a?.lastPurchaseAt.toISOString()]).toEqual([
      'a',
      1,
      0,
      '2024-06-30T15:00:00.000Z',
    ]);
    expect([b?.customerId, b?.orders, b?.T]).toEqual(['b', 1, 29]);
    // the end of the asOf day (exclusive) is 2024-07-01T00:00Z
    expect(a?.lastPurchaseAt.getTime()).toBeLessThan(Date.UTC(2024, 6, 1));
  });

  it("is kept in 'America/New_York' too (11:00 local on June 30)", () => {
    const [a, b] = summarizeTransactions(log, { asOf: '2024-06-30', timeZone: 'America/New_York' });
    expect([a?.customerId, a?.orders, a?.T]).toEqual(['a', 1, 0]);
    // b: 06:00 local on June 1 → 29 local days to June 30
    expect([b?.customerId, b?.T]).toEqual(['b', 29]);
    // the asOf day ends at 2024-07-01T04:00Z (midnight EDT)
    expect(a?.lastPurchaseAt.getTime()).toBeLessThan(Date.UTC(2024, 6, 1, 4));
  });

  it("is kept with granularity 'none', durations measured to the end of the day", () => {
    const [a, b] = summarizeTransactions(log, { asOf: '2024-06-30', granularity: 'none' });
    // a: 15:00 to midnight = 9 h = 0.375 days; b: June 1 10:00 to July 1 00:00 = 29 d 14 h
    expect([a?.orders, a?.T]).toEqual([1, 0.375]);
    expect(b?.T).toBe(29 + 14 / 24);
  });
});

describe('issue 11: a column log of epoch microseconds', () => {
  // 5 Jan, 10 Feb, 20 Jan 2024
  const micros = [1704412800000000, 1707523200000000, 1705708800000000];
  const columns = (at: Float64Array | BigInt64Array): TransactionColumns => ({
    customerId: new Int32Array([1, 1, 2]),
    at,
    amount: new Float64Array([10, 20, 5]),
  });
  const asOf = '2024-03-31';

  for (const [label, at] of [
    ['Float64Array', new Float64Array(micros)],
    ['BigInt64Array', BigInt64Array.from(micros, (v) => BigInt(v))],
  ] as const) {
    it(`with timeUnit 'us' (${label}): customer 1 has 2 orders and T 86 days, customer 2 T 71 days`, () => {
      const log = columns(at);
      const [one, two] = summarizeTransactions(log, { asOf, timeUnit: 'us' });
      // 5 Jan → 31 Mar = 26 + 29 + 31 = 86 days; 20 Jan → 31 Mar = 11 + 29 + 31 = 71 days
      expect([one?.customerId, one?.orders, one?.recency, one?.T]).toEqual([1, 2, 36, 86]);
      expect([two?.customerId, two?.orders, two?.T]).toEqual([2, 1, 71]);
      expect(one?.totalRevenue.toString()).toBe('30');
      // the accumulator and the cohort table read the same unit
      const acc = createSummaryAccumulator({ asOf, timeUnit: 'us' }).addMany(log);
      expect(acc.result().map((s) => [s.customerId, s.T])).toEqual([
        [1, 86],
        [2, 71],
      ]);
      const table = cohortRetention(log, { asOf, timeUnit: 'us' });
      // January: customers 1 and 2; customer 1 back in February
      expect(table.cohorts.map((c) => [c.cohort, c.size, c.values])).toEqual([
        ['2024-01-01', 2, [2, 1, 0]],
      ]);
      const counts = customerCounts(log, {
        periodStart: '2024-02-01',
        periodEnd: '2024-03-31',
        activeWithin: 30,
        timeUnit: 'us',
      });
      // active in the 30 days before Feb 1 (Jan 2–31): both; before Apr 1 (Mar 2–31): nobody
      expect([counts.startCustomers, counts.endCustomers]).toEqual([2, 0]);
    });
  }

  it('without timeUnit: INVALID_INPUT naming log[0].at and the likely unit', () => {
    for (const at of [new Float64Array(micros), BigInt64Array.from(micros, (v) => BigInt(v))]) {
      for (const run of [
        () => summarizeTransactions(columns(at), { asOf }),
        () => createSummaryAccumulator({ asOf }).addMany(columns(at)),
        () => cohortRetention(columns(at), { asOf }),
        () =>
          customerCounts(columns(at), {
            periodStart: '2024-02-01',
            periodEnd: asOf,
            activeWithin: 30,
          }),
        () =>
          calibrationHoldoutSummary(columns(at), {
            calibrationEnd: '2024-02-01',
            observationEnd: asOf,
          }),
      ]) {
        const error = thrown(run);
        expect(error.code).toBe('INVALID_INPUT');
        expect(error.path).toEqual(['log', 0, 'at']);
        expect(error.message).toContain('log[0].at');
        expect(error.message).toContain("looks like epoch microseconds: pass timeUnit: 'us'");
      }
    }
  });

  it('epoch seconds read as ms are refused the same way, naming seconds', () => {
    const error = thrown(() =>
      summarizeTransactions(
        { customerId: [1], at: new Float64Array([1704412800]), amount: [1] },
        { asOf },
      ),
    );
    expect(error.message).toContain("looks like epoch seconds: pass timeUnit: 's'");
  });
});
