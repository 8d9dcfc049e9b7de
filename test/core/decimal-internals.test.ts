import { readFileSync } from 'node:fs';
import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  decimalExponent,
  decimalRepresentation,
  isDecimalLike,
  quotientDecimal,
  representationMatches,
  useRepresentation,
} from '../../src/core/decimal-internals.js';
import { D } from '../../src/core/numeric.js';

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

describe('decimal-internals: the representation check and its fallback', () => {
  afterEach(() => {
    useRepresentation(undefined);
  });

  it('finds the representation it expects in the pinned decimal.js, on first use', () => {
    useRepresentation(undefined);
    expect(representationMatches(D)).toBe(true);
    expect(decimalRepresentation()).toBe('fields');
  });

  it('detects a representation that differs, and a constructor that throws', () => {
    // A decimal.js whose instances keep their digits under another name.
    const Renamed = function (this: Record<string, unknown>, value: string) {
      const made = new D(value) as unknown as { s: number; e: number; d: number[] };
      this.s = made.s;
      this.e = made.e;
      this.digits = made.d;
    } as unknown as typeof D;
    Renamed.prototype = D.prototype;
    expect(representationMatches(Renamed)).toBe(false);
    // One that stores the exponent of the last word instead of the first digit.
    const Shifted = function (this: Record<string, unknown>, value: string) {
      const made = new D(value) as unknown as { s: number; e: number; d: number[] };
      this.s = made.s;
      this.e = made.e - 7 * (made.d.length - 1);
      this.d = made.d;
    } as unknown as typeof D;
    expect(representationMatches(Shifted)).toBe(false);
    const Throwing = (() => {
      throw new Error('no');
    }) as unknown as typeof D;
    expect(representationMatches(Throwing)).toBe(false);
  });

  it.each(['fields', 'public'] as const)('gives the same results on the %s path', (path) => {
    useRepresentation(path);
    expect(decimalRepresentation()).toBe(path);
    // Hand-checked quotients: 12345 / 100 = 123.45; 1/3 to 34 digits; 2000/3 rounds the last 6 up.
    expect(quotientDecimal(12345, 100).toString()).toBe('123.45');
    expect(quotientDecimal(1, 3).toString()).toBe(`0.${'3'.repeat(34)}`);
    expect(quotientDecimal(2000, 3).toString()).toBe(`666.${'6'.repeat(30)}7`);
    expect(quotientDecimal(0, 7).toString()).toBe('0');
    expect(quotientDecimal(1, 3)).toBeInstanceOf(D);
    // Exponents: 1234.5 = 1.2345e3, 0.05 = 5e-2, -9.9e120.
    expect(decimalExponent(new D('1234.5'))).toBe(3);
    expect(decimalExponent(new D('0.05'))).toBe(-2);
    expect(decimalExponent(new D('-9.9e120'))).toBe(120);
    expect(decimalExponent(new D(0))).toBe(0);
    expect(isDecimalLike(new DecimalJs('1.5'))).toBe(true);
    expect(isDecimalLike(new D('1.5'))).toBe(true);
    expect(isDecimalLike({ toStringTag: '[object Decimal]' })).toBe(false);
    expect(isDecimalLike({ d: [1], e: 0, s: 1 })).toBe(false);
  });

  it('the public path equals decimal.js division on random arguments', () => {
    useRepresentation('public');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 1, max: 900_000_000 }),
        (n, m) => {
          expect(quotientDecimal(n, m).toFixed()).toBe(oracle(BigInt(n), BigInt(m)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('decimal.js is pinned to the minor version the tests run against', () => {
  it('package.json asks for ~10.6 and 10.6 is installed', () => {
    const read = (url: URL) => JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
    const pkg = read(new URL('../../package.json', import.meta.url));
    const installed = read(new URL('../../node_modules/decimal.js/package.json', import.meta.url));
    expect((pkg.dependencies as Record<string, string>)['decimal.js']).toBe('~10.6.0');
    expect(String(installed.version)).toMatch(/^10\.6\.\d+$/);
  });
});
