import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { select } from '../../src/segments/select.js';

describe('select', () => {
  it('puts the p-th smallest value at p, smaller-or-equal values before it, greater-or-equal after', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: -5, max: 5 }),
            fc.double({ noNaN: true }).map((v) => (v === 0 ? 0 : v)),
          ),
          {
            minLength: 1,
            maxLength: 200,
          },
        ),
        fc.nat(),
        (values, pick) => {
          // (-0 is mapped to 0 above: the two are equal here but not to toBe)
          const a = Float64Array.from(values);
          const p = pick % a.length;
          const sorted = Float64Array.from(values).sort();
          select(a, 0, a.length - 1, p);
          expect(a[p]).toBe(sorted[p]);
          for (let i = 0; i < p; i++) expect(a[i] as number).toBeLessThanOrEqual(a[p] as number);
          for (let i = p + 1; i < a.length; i++) {
            expect(a[i] as number).toBeGreaterThanOrEqual(a[p] as number);
          }
          // a permutation of the input
          expect(Float64Array.from(a).sort()).toEqual(sorted);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds the median of a hand-written list', () => {
    // sorted: 1 2 3 5 8 13 21 → the 4th smallest (index 3) is 5
    const a = Float64Array.from([13, 2, 21, 5, 1, 8, 3]);
    select(a, 0, a.length - 1, 3);
    expect(a[3]).toBe(5);
  });
});
