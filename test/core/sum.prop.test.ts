import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExactSum, sumAmounts } from '../../src/core/sum.js';

/**
 * The exact decimal string of `units / 10^scale`, printed as decimal.js prints it (no trailing
 * fractional zeros, no exponent for these sizes), by BigInt arithmetic only.
 */
function scaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const base = 10n ** BigInt(scale);
  const integer = (abs / base).toString();
  const fraction = (abs % base).toString().padStart(scale, '0').replace(/0+$/, '');
  return `${negative && abs !== 0n ? '-' : ''}${integer}${fraction === '' ? '' : `.${fraction}`}`;
}

/** Plain two-decimal notation of a cent count, always with two decimals ('-12.30'). */
function centsString(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * Cent counts whose amount as a number, `c / 100`, still reads back as the same two-decimal value:
 * |c| ≤ 2^52 keeps |amount| below 2^46 ≈ 7e13, where doubles are less than 0.01 apart. Biased
 * towards the 2^50-cent fast-path limit and small everyday amounts.
 */
const cents = fc.oneof(
  fc.integer({ min: -10_000_000, max: 10_000_000 }),
  fc.integer({ min: 2 ** 50 - 1000, max: 2 ** 50 + 1000 }),
  fc.integer({ min: -(2 ** 52), max: 2 ** 52 }),
);

/** An amount in one of the accepted representations of the same cent count. */
const representations = ['number', 'string', 'Decimal'] as const;

function asAmount(c: number, how: (typeof representations)[number]): number | string | Decimal {
  if (how === 'number') return c / 100;
  if (how === 'string') return centsString(BigInt(c));
  return new Decimal(centsString(BigInt(c)));
}

const amountList = fc.array(fc.tuple(cents, fc.constantFrom(...representations)), {
  minLength: 1,
  maxLength: 60,
});

const expectedTotal = (list: readonly (readonly [number, unknown])[]) =>
  scaled(
    list.reduce((sum, [c]) => sum + BigInt(c), 0n),
    2,
  );

describe('sumAmounts / ExactSum properties', () => {
  it('equals the BigInt sum of the cents, whatever mix of numbers, strings and Decimals', () => {
    fc.assert(
      fc.property(amountList, (list) => {
        const amounts = list.map(([c, how]) => asAmount(c, how));
        const { total, count } = sumAmounts('f', 'amounts', amounts, true);
        expect(count).toBe(list.length);
        expect(total.toString()).toBe(expectedTotal(list));
      }),
      { numRuns: 100 },
    );
  });

  it('does not depend on the order of the amounts', () => {
    fc.assert(
      fc.property(
        amountList.chain((list) =>
          fc.tuple(
            fc.constant(list),
            fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
          ),
        ),
        ([list, shuffled]) => {
          const total = (l: typeof list) =>
            sumAmounts(
              'f',
              'a',
              l.map(([c, how]) => asAmount(c, how)),
              true,
            ).total.toString();
          expect(total(shuffled)).toBe(total(list));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('merging partial sums of any split equals one pass (and merging is associative)', () => {
    fc.assert(
      fc.property(
        fc.array(cents, { minLength: 0, maxLength: 60 }),
        fc.nat(),
        fc.nat(),
        (list, i, j) => {
          const [a, b] = [i % (list.length + 1), j % (list.length + 1)].sort((x, y) => x - y) as [
            number,
            number,
          ];
          const part = (from: number, to: number) => {
            const sum = new ExactSum();
            for (const c of list.slice(from, to)) sum.addNumber(c / 100);
            return sum;
          };
          const whole = part(0, list.length).value().toString();
          // (p1 + p2) + p3
          const left = part(0, a);
          left.merge(part(a, b));
          left.merge(part(b, list.length));
          // p1 + (p2 + p3)
          const inner = part(a, b);
          inner.merge(part(b, list.length));
          const right = part(0, a);
          right.merge(inner);
          const expected = scaled(
            list.reduce((s, c) => s + BigInt(c), 0n),
            2,
          );
          expect(whole).toBe(expected);
          expect(left.value().toString()).toBe(expected);
          expect(right.value().toString()).toBe(expected);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('sums six-decimal strings (micro-units) of any size exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), {
          minLength: 1,
          maxLength: 40,
        }),
        (micros) => {
          // ≤ 24 + 2 digits per total: well inside 34 significant digits.
          const amounts = micros.map((m) => scaled(m, 6));
          const expected = scaled(
            micros.reduce((s, m) => s + m, 0n),
            6,
          );
          expect(sumAmounts('f', 'a', amounts, true).total.toString()).toBe(expected);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('rejects any negative amount unless negatives are allowed, naming its index', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.integer({ min: -1_000_000, max: -1 }),
        (list, at, negative) => {
          const index = at % list.length;
          const amounts = list.map((c, k) => (k === index ? negative / 100 : c / 100));
          let field = '';
          try {
            sumAmounts('f', 'a', amounts);
          } catch (error) {
            field = (error as { field?: string }).field ?? '';
          }
          expect(field).toBe(`a[${index}]`);
        },
      ),
      { numRuns: 100 },
    );
  });
});
