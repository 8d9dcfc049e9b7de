import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { churnRate, retentionRate } from '../../src/metrics/retention.js';

// Valid counts by construction: S ≥ 1 customers at the start, k of them retained (0 ≤ k ≤ S),
// N ≥ 0 new ones, so E = k + N at the end and L = S − k were lost.
const counts = fc
  .record({
    S: fc.integer({ min: 1, max: 1_000_000_000 }),
    retainedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    N: fc.integer({ min: 0, max: 1_000_000_000 }),
  })
  .map(({ S, retainedShare, N }) => {
    const k = Math.min(S, Math.floor(retainedShare * (S + 1)));
    return { S, k, N, E: k + N, L: S - k };
  });

// Small counts hit the edges (k = 0, k = S, S = 1) and many repeating quotients.
const smallCounts = fc
  .integer({ min: 1, max: 60 })
  .chain((S) =>
    fc.record({
      S: fc.constant(S),
      k: fc.integer({ min: 0, max: S }),
      N: fc.integer({ min: 0, max: 60 }),
    }),
  )
  .map(({ S, k, N }) => ({ S, k, N, E: k + N, L: S - k }));

const anyCounts = fc.oneof(counts, smallCounts);
const params = { numRuns: 200 };

describe('retention and churn: invariants over valid counts', () => {
  it('retention is in [0, 1]', () => {
    fc.assert(
      fc.property(anyCounts, ({ S, E, N }) => {
        const r = retentionRate({ startCustomers: S, endCustomers: E, newCustomers: N });
        expect(r.gte(0) && r.lte(1)).toBe(true);
        expect(r.isFinite()).toBe(true);
      }),
      params,
    );
  });

  it('churn is in [0, 1], in both input forms', () => {
    fc.assert(
      fc.property(anyCounts, ({ S, E, N, L }) => {
        const byCounts = churnRate({ startCustomers: S, endCustomers: E, newCustomers: N });
        const byLost = churnRate({ startCustomers: S, lostCustomers: L });
        for (const c of [byCounts, byLost]) expect(c.gte(0) && c.lte(1)).toBe(true);
      }),
      params,
    );
  });

  it('churn + retention = 1 exactly (Decimal equality)', () => {
    fc.assert(
      fc.property(anyCounts, ({ S, E, N }) => {
        const input = { startCustomers: S, endCustomers: E, newCustomers: N };
        expect(churnRate(input).plus(retentionRate(input)).eq(1)).toBe(true);
      }),
      params,
    );
  });

  it('retention is k / S: retention × S = k up to the last of 34 digits', () => {
    fc.assert(
      fc.property(anyCounts, ({ S, k, E, N }) => {
        const r = retentionRate({ startCustomers: S, endCustomers: E, newCustomers: N });
        // |r − k/S| ≤ half a unit in the 34th significant digit, so |r·S − k| ≤ S·10^−34 ≤ 1e-24
        expect(r.times(S).minus(k).abs().lte('1e-24')).toBe(true);
      }),
      params,
    );
  });

  it('the same counts as numbers and as strings give equal results', () => {
    fc.assert(
      fc.property(anyCounts, ({ S, E, N }) => {
        const asNumbers = retentionRate({ startCustomers: S, endCustomers: E, newCustomers: N });
        const asStrings = retentionRate({
          startCustomers: String(S),
          endCustomers: String(E),
          newCustomers: String(N),
        });
        expect(asStrings.eq(asNumbers)).toBe(true);
      }),
      params,
    );
  });

  it('inputs are not mutated', () => {
    fc.assert(
      fc.property(anyCounts, ({ S, E, N, L }) => {
        const input = { startCustomers: S, endCustomers: E, newCustomers: N };
        const lost = { startCustomers: S, lostCustomers: L };
        const before = structuredClone({ input, lost });
        retentionRate(input);
        churnRate(input);
        churnRate(lost);
        expect({ input, lost }).toEqual(before);
      }),
      params,
    );
  });

  it('retention does not increase when more of the start customers are lost', () => {
    fc.assert(
      fc.property(anyCounts, ({ S, k, N }) => {
        fc.pre(k >= 1);
        const more = retentionRate({ startCustomers: S, endCustomers: k + N, newCustomers: N });
        const fewer = retentionRate({
          startCustomers: S,
          endCustomers: k - 1 + N,
          newCustomers: N,
        });
        expect(fewer.lte(more)).toBe(true);
      }),
      params,
    );
  });
});

describe('churn: the two input forms agree (lost = S − k)', () => {
  // Regression: computing the counts form as 1 − round34(k/S) rounds twice. When churn < 0.1 the
  // result keeps only 33 significant digits (S = 11, k = 10); when retention < 0.1 the
  // subtraction needs 35 digits and is rounded again (S = 44, k = 2 lands on a half-even tie).
  // Those two examples run first, so a double-rounding implementation fails deterministically.
  it('lostCustomers form equals the counts form', () => {
    fc.assert(
      fc.property(anyCounts, ({ S, E, N, L }) => {
        const byCounts = churnRate({ startCustomers: S, endCustomers: E, newCustomers: N });
        const byLost = churnRate({ startCustomers: S, lostCustomers: L });
        expect(byCounts.eq(byLost)).toBe(true);
      }),
      {
        ...params,
        examples: [[{ S: 11, k: 10, N: 0, E: 10, L: 1 }], [{ S: 44, k: 2, N: 0, E: 2, L: 42 }]],
      },
    );
  });

  // With both rates in [0.1, 1), round34(k/S) has 34 decimal places and 1 − it is exact, so
  // the double rounding above cannot happen and the two forms must agree even today.
  it('agree whenever churn ≥ 0.1 and retention ≥ 0.1', () => {
    fc.assert(
      fc.property(anyCounts, ({ S, k, E, N, L }) => {
        fc.pre(10 * L >= S && 10 * k >= S);
        const byCounts = churnRate({ startCustomers: S, endCustomers: E, newCustomers: N });
        const byLost = churnRate({ startCustomers: S, lostCustomers: L });
        expect(byCounts.eq(byLost)).toBe(true);
      }),
      params,
    );
  });
});
