import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { ExactSum, isAmountList, sumAmounts } from '../../src/core/sum.js';
import { thrown } from '../support/errors.js';

function sumOf(values: readonly number[]): string {
  const sum = new ExactSum();
  for (const v of values) sum.addNumber(v);
  return sum.value().toString();
}

/** 2^50 cents, the first amount off the integer fast path: 11258999068426.24 (2^50 = 1125899906842624). */
const LIMIT = 11258999068426.24;
/** One cent below it, the largest amount on the fast path. */
const BELOW = 11258999068426.23;

describe('ExactSum', () => {
  it('is 0 when empty', () => {
    expect(new ExactSum().value().toString()).toBe('0');
  });

  it('adds numbers by their shortest decimal form: 0.1 + 0.2 = 0.3', () => {
    // Hand: 0.1 + 0.2 = 0.3 (the float sum would be 0.30000000000000004).
    expect(sumOf([0.1, 0.2])).toBe('0.3');
    // Hand: 0.07 × 10,000 = 700; 1.1 × 3 = 3.3.
    expect(sumOf(new Array<number>(10_000).fill(0.07))).toBe('700');
    expect(sumOf([1.1, 1.1, 1.1])).toBe('3.3');
  });

  it('adds negative amounts and cancels exactly', () => {
    // Hand: 0.1 − 0.3 = −0.2; 100 − 100.01 = −0.01; 5.55 − 5.55 = 0.
    expect(sumOf([0.1, -0.3])).toBe('-0.2');
    expect(sumOf([100, -100.01])).toBe('-0.01');
    expect(sumOf([5.55, -5.55])).toBe('0');
  });

  it('sums amounts with more than two decimals exactly', () => {
    // Hand: 0.001 × 3 = 0.003; 0.001 + 1e-7 = 0.0010001; 1.005 + 2.0005 = 3.0055.
    expect(sumOf([0.001, 0.001, 0.001])).toBe('0.003');
    expect(sumOf([0.001, 1e-7])).toBe('0.0010001');
    expect(sumOf([1.005, 2.0005])).toBe('3.0055');
  });

  it('handles amounts on both sides of the 2^50-cent fast-path limit', () => {
    // Hand: 11258999068426.23 + 11258999068426.24 + 0.01 = 22517998136852.48.
    expect(sumOf([BELOW, LIMIT, 0.01])).toBe('22517998136852.48');
    // Hand: 2^53 = 9007199254740992 (an integer off the fast path) + 0.5 = 9007199254740992.5.
    expect(sumOf([2 ** 53, 0.5])).toBe('9007199254740992.5');
    // Hand: 1e13 + 0.01 = 10000000000000.01, plus 0.99 → 10000000000001.
    expect(sumOf([1e13 + 0.01, 0.99])).toBe('10000000000001');
  });

  it('folds the integer accumulator before it loses exactness (past 2^52 cents)', () => {
    // 5 × 1125899906842623 cents exceed 2^52 = 4503599627370496 cents, so the accumulator is
    // folded into the Decimal total. Hand: 11258999068426.23 × 5 = 56294995342131.15,
    // × 10 = 112589990684262.3.
    expect(sumOf(new Array<number>(5).fill(BELOW))).toBe('56294995342131.15');
    expect(sumOf(new Array<number>(10).fill(BELOW))).toBe('112589990684262.3');
    expect(sumOf(new Array<number>(5).fill(-BELOW))).toBe('-56294995342131.15');
    // Up past the threshold and back: 4 × BELOW + 0.01 then −4 × BELOW → 0.01.
    expect(sumOf([BELOW, BELOW, BELOW, BELOW, 0.01, -BELOW, -BELOW, -BELOW, -BELOW])).toBe('0.01');
  });

  it('adds Decimals, including from another copy of decimal.js', () => {
    const sum = new ExactSum();
    sum.addDecimal(new Decimal('0.1'));
    sum.addNumber(0.2);
    sum.addDecimal(new Decimal('-1e-30'));
    // Hand: 0.1 + 0.2 − 10^-30 = 0.299999999999999999999999999999 (30 decimals, 30 digits).
    expect(sum.value().toString()).toBe('0.299999999999999999999999999999');
  });

  it('value() can be read more than once, and adding afterwards continues the sum', () => {
    const sum = new ExactSum();
    sum.addNumber(1.25);
    expect(sum.value().toString()).toBe('1.25');
    expect(sum.value().toString()).toBe('1.25');
    sum.addNumber(0.75);
    // Hand: 1.25 + 0.75 = 2.
    expect(sum.value().toString()).toBe('2');
  });

  it('merge adds another sum, pending cents included', () => {
    const a = new ExactSum();
    const b = new ExactSum();
    for (const v of [0.1, BELOW, BELOW, BELOW]) a.addNumber(v);
    for (const v of [0.2, BELOW, 0.001, 2 ** 53]) b.addNumber(v);
    a.merge(b);
    // Hand: 0.1 + 0.2 + 4 × 11258999068426.23 + 0.001 + 9007199254740992
    //   = 0.301 + 45035996273704.92 + 9007199254740992 = 9052235251014697.221.
    expect(a.value().toString()).toBe('9052235251014697.221');
    // The merged-in sum is unchanged: 0.2 + 11258999068426.23 + 0.001 + 9007199254740992.
    expect(b.value().toString()).toBe('9018458253809418.431');
  });

  it('gives the same total whatever the order, even when partial sums need more than 34 digits', () => {
    // Hand: 1e20 + 1e-20 − 1e20 = 1e-20, in any order. Summing at 34 digits loses the 1e-20 when
    // 1e20 + 1e-20 (41 digits) is rounded first. (BUG: the first order gives 0.)
    const TEN_TO_MINUS_20 = `0.${'0'.repeat(19)}1`; // 1e-20 in plain notation
    expect(sumOf([1e20, 1e-20, -1e20])).toBe(TEN_TO_MINUS_20);
    expect(sumOf([1e20, -1e20, 1e-20])).toBe(TEN_TO_MINUS_20);
  });
});

describe('sumAmounts', () => {
  it('returns the exact total and the count', () => {
    // Hand: 19.99 + 5.01 + 25 = 50.
    const { total, count } = sumAmounts('f', 'amounts', [19.99, '5.01', new Decimal(25)]);
    expect(total.toString()).toBe('50');
    expect(count).toBe(3);
  });

  it('accepts typed arrays, reading each element as the number it holds', () => {
    // Math.fround(0.1) is the float32 nearest 0.1; as a number it prints 0.10000000149011612.
    expect(String(Math.fround(0.1))).toBe('0.10000000149011612');
    expect(sumAmounts('f', 'a', new Float32Array([0.1])).total.toString()).toBe(
      '0.10000000149011612',
    );
    // Hand: 0.1 + 0.2 + 0.3 = 0.6 (a Float64Array holds the same doubles as the literals).
    expect(sumAmounts('f', 'a', new Float64Array([0.1, 0.2, 0.3])).total.toString()).toBe('0.6');
    // Hand: 2147483647 + 2147483647 = 4294967294.
    expect(sumAmounts('f', 'a', new Int32Array([2147483647, 2147483647])).total.toString()).toBe(
      '4294967294',
    );
    expect(sumAmounts('f', 'a', new Uint32Array([4294967295, 1])).total.toString()).toBe(
      '4294967296',
    );
  });

  it('sums strings with many digits exactly when the total fits in 34 digits', () => {
    // Hand: 123456789012345678901234567.89 + 0.0000001 = 123456789012345678901234567.8900001
    // (34 significant digits).
    expect(
      sumAmounts('f', 'a', ['123456789012345678901234567.89', '0.0000001']).total.toString(),
    ).toBe('123456789012345678901234567.8900001');
  });

  it('empty list → EMPTY_INPUT naming the field', () => {
    const error = thrown(() => sumAmounts('myFn', 'prices', []));
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.field).toBe('prices');
    expect(error.message).toBe('myFn: prices must not be empty');
  });

  it.each([
    ['NaN', Number.NaN, 'NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, 'Infinity'],
    ['-1', -1, '-1'],
    ["'x'", 'x', '"x"'],
    ["'-0.01'", '-0.01', '"-0.01"'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['true', true, 'true'],
    ['{}', {}, 'an object'],
  ])('element %s → INVALID_INPUT naming prices[2] and the value', (_label, bad, shown) => {
    const error = thrown(() => sumAmounts('myFn', 'prices', [1, 2, bad, 4]));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('prices[2]');
    expect(error.path).toEqual(['prices', 2]);
    expect(error.message).toBe(
      `myFn: prices[2] must be a non-negative finite amount of money (received ${shown})`,
    );
  });

  it('allowNegative accepts negative amounts but still rejects non-finite ones', () => {
    // Hand: 10 − 2.5 − 0.25 = 7.25.
    expect(sumAmounts('f', 'a', [10, -2.5, '-0.25'], true).total.toString()).toBe('7.25');
    const error = thrown(() => sumAmounts('f', 'a', [10, Number.NEGATIVE_INFINITY], true));
    expect(error.field).toBe('a[1]');
    expect(error.message).toContain('must be a finite amount of money');
  });

  it('accepts negative zero as a non-negative amount', () => {
    expect(sumAmounts('f', 'a', [-0, '-0', '-0.00']).total.toString()).toBe('0');
  });

  it('reports the first bad element of a sparse array', () => {
    const sparse: unknown[] = [1];
    sparse[2] = 3;
    const error = thrown(() => sumAmounts('f', 'a', sparse));
    expect(error.field).toBe('a[1]');
  });

  it('never mutates the list', () => {
    const list = Object.freeze([0.1, '0.2', 3]);
    expect(sumAmounts('f', 'a', list).total.toString()).toBe('3.3');
    expect(list).toEqual([0.1, '0.2', 3]);
  });
});

describe('isAmountList', () => {
  it.each([
    ['an array', [1, 2]],
    ['an empty array', []],
    ['a Float64Array', new Float64Array(1)],
    ['a Float32Array', new Float32Array(1)],
    ['an Int32Array', new Int32Array(1)],
    ['a Uint32Array', new Uint32Array(1)],
  ])('accepts %s', (_label, value) => {
    expect(isAmountList(value)).toBe(true);
  });

  it.each([
    ['a Uint8Array', new Uint8Array(1)],
    ['a BigInt64Array', new BigInt64Array(1)],
    ['an array-like object', { length: 1, 0: 5 }],
    ['a string', '12'],
    ['a Set', new Set([1])],
    ['null', null],
    ['undefined', undefined],
    ['a number', 5],
  ])('rejects %s', (_label, value) => {
    expect(isAmountList(value)).toBe(false);
  });
});

describe('sumAmounts: money strings read straight into cents', () => {
  it('sums plain two-decimal strings, and falls back to Decimal for other notations', () => {
    // Hand: 12.3 + (−0.05) + 7 + 12.34 = 31.59 (cent path: '12.3', '-0.05', '+7', '0012.34');
    // + 1.234 (three decimals) + 12345678901234.5 (14 integer digits) + 1e2 (exponent) take
    // the Decimal path: 31.59 + 1.234 + 12345678901234.5 + 100 = 12345678901367.324.
    const amounts = ['12.3', '-0.05', '+7', '0012.34', '1.234', '12345678901234.5', '1e2'];
    expect(sumAmounts('test', 'amounts', amounts, true).total.toString()).toBe(
      '12345678901367.324',
    );
  });

  it('still rejects a negative string when negatives are not allowed', () => {
    expect(() => sumAmounts('test', 'amounts', ['1.00', '-0.01'])).toThrow(/amounts\[1\]/);
  });
});
