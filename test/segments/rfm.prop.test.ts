import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SegmentationSummary } from '../../src/segments/input.js';
import { DEFAULT_RFM_SEGMENTS, type RfmScore, rfmScores } from '../../src/segments/rfm.js';

// Laws of rfmScores: the result depends only on the multiset of customers (permuting the input
// permutes the output, nothing else); equal values get equal scores; scores are quantiles
// (score s ⇔ at least (s − 1)/b of customers have a smaller value, fewer than s/b); every customer
// gets exactly one segment of the default map.

const DAY = 86_400_000;
const AS_OF = Date.UTC(2024, 0, 1);
const RUNS = 200;

/** Few distinct values, so that ties are common; amounts as numbers, strings and equal forms. */
const row = fc.record({
  days: fc.oneof(fc.constantFrom(0, 1, 7, 30), fc.double({ min: 0, max: 800, noNaN: true })),
  orders: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 12 })),
  revenue: fc.oneof(
    fc.constantFrom<string | number>('10', '10.0', 10, '0.1', 0.1, '99.99', '0'),
    fc.integer({ min: 0, max: 1_000_000 }).map((cents) => (cents / 100).toFixed(2)),
  ),
});

function toSummaries(rows: readonly { days: number; orders: number; revenue: string | number }[]) {
  return rows.map(
    (r, i): SegmentationSummary => ({
      customerId: i % 3 === 0 ? i : `c${i}`,
      firstPurchaseAt: AS_OF - 1000 * DAY,
      lastPurchaseAt: AS_OF - Math.round(r.days * DAY),
      orders: r.orders,
      totalRevenue: r.revenue,
    }),
  );
}

const rows = fc.array(row, { minLength: 1, maxLength: 60 });
const bins = fc.integer({ min: 2, max: 10 });
const allOneSegment = (b: number) => [{ name: 'All', r: [1, b], fm: [1, b] }] as const;

function plain(s: RfmScore) {
  return { ...s, monetary: s.monetary.toString() };
}

describe('rfmScores properties', () => {
  it('permuting the input permutes the output and changes nothing else', () => {
    fc.assert(
      fc.property(
        rows,
        fc.infiniteStream(fc.nat()),
        fc.constantFrom(5, 3, 10),
        fc.constantFrom('total', 'average'),
        (input, seeds, b, monetary) => {
          const summaries = toSummaries(input);
          const shuffled = [...summaries];
          const it = seeds[Symbol.iterator]();
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = (it.next().value as number) % (i + 1);
            [shuffled[i], shuffled[j]] = [
              shuffled[j] as SegmentationSummary,
              shuffled[i] as SegmentationSummary,
            ];
          }
          const options =
            b === 5
              ? { asOf: AS_OF, monetary }
              : { asOf: AS_OF, bins: b, monetary, segments: allOneSegment(b) };
          const byId = (list: Iterable<RfmScore>) =>
            new Map(Array.from(list, (s) => [s.customerId, plain(s)]));
          const a = rfmScores(summaries, options);
          const c = rfmScores(shuffled, options);
          expect(c.toRows().map((s) => s.customerId)).toEqual(shuffled.map((s) => s.customerId));
          expect(byId(c)).toEqual(byId(a));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('equal values get equal scores, and scores are the documented quantiles', () => {
    fc.assert(
      fc.property(rows, bins, (input, b) => {
        const options =
          b === 5 ? { asOf: AS_OF } : { asOf: AS_OF, bins: b, segments: allOneSegment(b) };
        const scores = rfmScores(toSummaries(input), options);
        const n = scores.length;
        const dims = [
          { value: (s: RfmScore) => s.daysSinceLastPurchase, score: (s: RfmScore) => b + 1 - s.r },
          { value: (s: RfmScore) => s.orders, score: (s: RfmScore) => s.f },
          { value: (s: RfmScore) => s.monetary.toNumber(), score: (s: RfmScore) => s.m },
        ];
        for (const { value, score } of dims) {
          for (const x of scores) {
            const below = scores.toRows().filter((y) => value(y) < value(x)).length;
            // The definition: 1 + ⌊b·L/n⌋ (reversed for recency).
            expect(score(x)).toBe(1 + Math.floor((b * below) / n));
            for (const y of scores) if (value(x) === value(y)) expect(score(y)).toBe(score(x));
          }
        }
        for (const s of scores) {
          for (const v of [s.r, s.f, s.m, s.fm]) {
            expect(Number.isInteger(v) && v >= 1 && v <= b).toBe(true);
          }
          expect(s.fm).toBe(Math.ceil((s.f + s.m) / 2));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('every customer gets exactly one segment of the default map: the first matching rule', () => {
    fc.assert(
      fc.property(rows, (input) => {
        for (const s of rfmScores(toSummaries(input), { asOf: AS_OF })) {
          const matches = DEFAULT_RFM_SEGMENTS.filter(
            (x) => x.r[0] <= s.r && s.r <= x.r[1] && x.fm[0] <= s.fm && s.fm <= x.fm[1],
          );
          expect(matches.length).toBeGreaterThan(0);
          expect(s.segment).toBe(matches[0]?.name);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('explicit thresholds: a value scores 1 + (cuts strictly below it), recency reversed', () => {
    const cutList = fc
      .uniqueArray(fc.integer({ min: 0, max: 900 }), { minLength: 4, maxLength: 4 })
      .map((xs) => xs.sort((x, y) => x - y));
    fc.assert(
      fc.property(rows, cutList, cutList, (input, rc, mc) => {
        const scores = rfmScores(toSummaries(input), {
          asOf: AS_OF,
          thresholds: { daysSinceLastPurchase: rc, monetary: mc.map(String) },
        });
        for (const s of scores) {
          expect(s.r).toBe(5 - rc.filter((c) => c < s.daysSinceLastPurchase).length);
          expect(s.m).toBe(1 + mc.filter((c) => s.monetary.gt(c)).length);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
