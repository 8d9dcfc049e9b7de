import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/core/numeric.js';
import { quotientDecimal } from '../../src/core/quotient.js';

/**
 * `n / m` correctly rounded to 34 significant digits, half to even, as a plain decimal string,
 * computed with BigInt only: scale so that the quotient has 34 integer digits, divide, round on
 * twice the remainder against the divisor.
 */
function oracle(n: bigint, m: bigint): string {
  if (n === 0n) return '0';
  let k = 0;
  // 10^33 ≤ n·10^k / m < 10^34
  while (n * 10n ** BigInt(Math.max(k, 0)) < 10n ** 33n * m * 10n ** BigInt(Math.max(-k, 0))) k++;
  while (n * 10n ** BigInt(Math.max(k, 0)) >= 10n ** 34n * m * 10n ** BigInt(Math.max(-k, 0))) k--;
  const num = n * 10n ** BigInt(Math.max(k, 0));
  const den = m * 10n ** BigInt(Math.max(-k, 0));
  let q = num / den;
  const twice = 2n * (num - q * den);
  if (twice > den || (twice === den && q % 2n === 1n)) q++;
  if (q === 10n ** 34n) {
    q = 10n ** 33n;
    k--;
  }
  // value = q · 10^-k
  if (k <= 0) return (q * 10n ** BigInt(-k)).toString();
  const digits = q.toString().padStart(k + 1, '0');
  const integer = digits.slice(0, digits.length - k);
  const fraction = digits.slice(digits.length - k).replace(/0+$/, '');
  return fraction === '' ? integer : `${integer}.${fraction}`;
}

function expectSameAsDivision(n: number, m: number): void {
  const fast = quotientDecimal(n, m);
  const slow = new D(n).div(m);
  expect(fast.toFixed()).toBe(oracle(BigInt(n), BigInt(m)));
  // Same internal form as decimal.js's own result, so every later operation behaves the same.
  expect({ s: fast.s, e: fast.e, d: fast.d }).toEqual({ s: slow.s, e: slow.e, d: slow.d });
  expect(fast).toBeInstanceOf(D);
  // Built like decimal.js's own instances: same prototype, own `constructor`, same own keys.
  expect(Object.getPrototypeOf(fast)).toBe(Object.getPrototypeOf(slow));
  expect(Object.keys(fast)).toEqual(Object.keys(slow));
  expect(fast.constructor).toBe(D);
  expect(D.isDecimal(fast)).toBe(true);
}

describe('quotientDecimal', () => {
  it('divides exactly when the quotient terminates within 34 digits', () => {
    expect(quotientDecimal(12345, 100).toFixed()).toBe('123.45');
    expect(quotientDecimal(5, 100).toFixed()).toBe('0.05');
    expect(quotientDecimal(7, 800).toFixed()).toBe('0.00875');
    expect(quotientDecimal(0, 300).toFixed()).toBe('0');
    expect(quotientDecimal(2 ** 52, 1).toFixed()).toBe('4503599627370496');
  });

  it('rounds non-terminating quotients to 34 significant digits, half to even', () => {
    // 1/3 = 0.333…: 34 threes, the 35th digit (3) rounds down.
    expect(quotientDecimal(1, 3).toFixed()).toBe(`0.${'3'.repeat(34)}`);
    // 2000/3 = 666.666…: 3 integer digits and 31 decimals, the last rounded up to 7.
    expect(quotientDecimal(2000, 3).toFixed()).toBe(`666.${'6'.repeat(30)}7`);
    // 1/7 = 0.142857 142857 …: 34 digits end in …857142|857 → rounds up to …857143.
    expect(quotientDecimal(1, 7).toFixed()).toBe(`0.${'142857'.repeat(5)}1429`);
  });

  it('breaks exact ties at the 35th digit to the even neighbour', () => {
    // (10^14 + 1) / 2^29 = (10^14 + 1) · 5^29 / 10^29 terminates with 35 significant digits,
    // the last one a 5: an exact tie, decided by the parity of the 34th digit.
    const n = 10 ** 14 + 1;
    const m = 2 ** 29;
    const exact = (BigInt(n) * 5n ** 29n).toString();
    expect(exact).toHaveLength(35);
    expect(exact.endsWith('5')).toBe(true);
    expectSameAsDivision(n, m);
    expectSameAsDivision(n + 2, m);
  });

  it('equals decimal.js division on random numerators and divisors', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 10_000 }),
          fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).map((v) => Math.floor(v / 2)),
          fc.nat(60).map((k) => 2 ** Math.min(k, 52) - 1),
        ),
        fc.oneof(
          fc.integer({ min: 1, max: 1000 }),
          fc.integer({ min: 1, max: 900_000_000 }),
          fc.nat(29).map((k) => 2 ** k),
          fc.tuple(fc.nat(12), fc.nat(12)).map(([a, b]) => Math.min(2 ** a * 5 ** b, 9e8)),
        ),
        (n, m) => expectSameAsDivision(n, m),
      ),
      { numRuns: 5000 },
    );
  });

  it('falls back to decimal.js outside the float-exact range', () => {
    expect(quotientDecimal(2 ** 53, 3).toFixed()).toBe(oracle(2n ** 53n, 3n));
    expect(quotientDecimal(10, 1e12).toFixed()).toBe('0.00000000001');
    expect(quotientDecimal(1.5, 2).toFixed()).toBe('0.75');
  });
});
