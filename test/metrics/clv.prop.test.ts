import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CustomerLifetimeValueInput, customerLifetimeValue } from '../../src/metrics/clv.js';

/** `units / 10^scale` as a plain decimal string, by integer arithmetic only. */
function scaled(units: number, scale: number): string {
  const negative = units < 0;
  const digits = Math.abs(units)
    .toString()
    .padStart(scale + 1, '0');
  const integer = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${integer}${scale > 0 ? `.${fraction}` : ''}`;
}

/** Inputs of the retention-based methods: decimal strings with at most 4 decimals. */
const retentionModel = fc.record({
  margin: fc.integer({ min: 1, max: 10_000_000 }).map((cents) => scaled(cents, 2)),
  retentionRate: fc.integer({ min: 0, max: 9_900 }).map((k) => scaled(k, 4)),
  discountRate: fc.integer({ min: 0, max: 5_000 }).map((k) => scaled(k, 4)),
  timing: fc.constantFrom('end' as const, 'start' as const),
});

const periods = fc.integer({ min: 1, max: 300 });

describe('customerLifetimeValue properties (retention model)', () => {
  it('discounted CLV is non-decreasing in periods, strictly while the next term is significant', () => {
    fc.assert(
      fc.property(retentionModel, periods, (model, n) => {
        const at = (k: number) =>
          customerLifetimeValue({ method: 'discounted', ...model, periods: k });
        const now = at(n);
        const next = at(n + 1);
        expect(next.gte(now), `n=${n}: ${now.toString()} → ${next.toString()}`).toBe(true);
        // The (n+1)-th margin adds m·q^n or m·q^(n+1) to a total of about m/(1 − q), a relative
        // step of at least q^n·(1 − q) ≥ 1e-22 here: far above the 34th digit, so it must show.
        const q = Number(model.retentionRate) / (1 + Number(model.discountRate));
        if (Number(model.retentionRate) > 0 && q ** n >= 1e-20) {
          expect(next.gt(now), `n=${n}: ${now.toString()} → ${next.toString()}`).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('discounted CLV never exceeds margin-multiple CLV (same timing)', () => {
    fc.assert(
      fc.property(retentionModel, periods, (model, n) => {
        const finite = customerLifetimeValue({ method: 'discounted', ...model, periods: n });
        const infinite = customerLifetimeValue({ method: 'margin-multiple', ...model });
        expect(
          finite.lte(infinite),
          `${JSON.stringify({ ...model, periods: n })}: ${finite.toString()} > ${infinite.toString()}`,
        ).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('never mutates its (deeply frozen) input', () => {
    const input = fc.oneof(
      retentionModel.map((m) => ({ method: 'margin-multiple' as const, ...m })),
      fc
        .tuple(retentionModel, periods)
        .map(([m, n]) => ({ method: 'discounted' as const, ...m, periods: n })),
      fc
        .array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 1, maxLength: 20 })
        .map((cents) => ({
          method: 'historical' as const,
          amounts: Object.freeze(cents.map((c, i) => (i % 2 === 0 ? c / 100 : scaled(c, 2)))),
        })),
    );
    fc.assert(
      fc.property(input, (raw) => {
        const frozen: CustomerLifetimeValueInput = Object.freeze(raw);
        const before = JSON.stringify(frozen);
        customerLifetimeValue(frozen);
        expect(JSON.stringify(frozen)).toBe(before);
      }),
      { numRuns: 100 },
    );
  });

  it('historical CLV equals the BigInt sum of the amounts in cents', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -100_000_000, max: 100_000_000 }), {
          minLength: 1,
          maxLength: 50,
        }),
        (cents) => {
          const amounts = cents.map((c, i) => (i % 3 === 0 ? scaled(c, 2) : c / 100));
          const total = cents.reduce((sum, c) => sum + BigInt(c), 0n);
          // Reference printed without trailing zeros, as decimal.js does.
          const expected = scaled(Number(total), 2)
            .replace(/(\.\d*?)0+$/, '$1')
            .replace(/\.$/, '')
            .replace(/^-0$/, '0');
          expect(customerLifetimeValue({ method: 'historical', amounts }).toString()).toBe(
            expected,
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
