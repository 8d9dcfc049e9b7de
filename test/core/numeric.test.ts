import { createRequire } from 'node:module';
import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { isDecimalLike } from '../../src/core/decimal-internals.js';
import { D, parseNumeric, sumDecimals } from '../../src/core/numeric.js';
import { retentionRate } from '../../src/metrics/retention.js';

// A second, independent copy of decimal.js: the CommonJS build, loaded through `require`.
// Under vitest, `import Decimal from 'decimal.js'` resolves to the ES module build
// (decimal.mjs), so this is a different constructor with its own prototype; the first test
// below checks that, so the "another copy" tests cannot pass vacuously.
const OtherDecimal = createRequire(import.meta.url)('decimal.js/decimal.js') as typeof Decimal;

// decimal.js' documented defaults (README "Configuration"): precision 20, ROUND_HALF_UP (4).
const GLOBAL_DEFAULTS = { precision: 20, rounding: Decimal.ROUND_HALF_UP } as const;

function parsed(value: unknown): string | undefined {
  return parseNumeric(value)?.toString();
}

describe('parseNumeric: accepted inputs', () => {
  it.each([
    // [input, expected exact decimal string] — each is the decimal the input denotes.
    [0, '0'],
    [7, '7'],
    [-2.5, '-2.5'],
    [0.1, '0.1'], // shortest round-trip form of the double nearest 0.1, i.e. exactly one tenth
    [0.1 + 0.2, '0.30000000000000004'], // the double 0.1+0.2 prints as 0.30000000000000004 in JS
    [1e21, '1000000000000000000000'],
    ['0', '0'],
    ['12.34', '12.34'],
    ['-2.5', '-2.5'],
    ['+3', '3'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['1e3', '1000'],
    ['1E3', '1000'],
    ['-1e3', '-1000'],
    ['2.5e-3', '0.0025'],
    ['0.1000', '0.1'],
    // more digits than the 34 of the private precision: construction does not round
    ['0.12345678901234567890123456789012345678', '0.12345678901234567890123456789012345678'],
  ])('parseNumeric(%j) is %s', (input, expected) => {
    expect(parsed(input)).toBe(expected);
  });

  it('reads 0.1 as exactly one tenth, not the binary double 0.1000000000000000055511151231257827…', () => {
    const tenth = parseNumeric(0.1);
    expect(tenth?.toString()).toBe('0.1');
    // one tenth times ten is exactly one
    expect(tenth?.times(10).eq(1)).toBe(true);
    expect(new D(0.1).toString()).toBe('0.1');
  });

  it('returns a value of the private Decimal constructor', () => {
    expect(parseNumeric('1.5')).toBeInstanceOf(D);
    expect(parseNumeric(new Decimal('1.5'))).toBeInstanceOf(D);
  });

  it('accepts a Decimal of the same copy of decimal.js', () => {
    expect(parsed(new Decimal('123.456'))).toBe('123.456');
    expect(parsed(new Decimal(-0.25))).toBe('-0.25');
    // D prints plain notation down to 1e-40 (toExpNeg -40): 1e-30 is '0.' + 29 zeros + '1'
    expect(parsed(new D('1e-30'))).toBe(`0.${'0'.repeat(29)}1`);
  });
});

describe('parseNumeric: rejected inputs', () => {
  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ["'NaN'", 'NaN'],
    ["'Infinity'", 'Infinity'],
    ["'-Infinity'", '-Infinity'],
    ["'0x10' (hexadecimal)", '0x10'],
    ["'0b1' (binary)", '0b1'],
    ["'0o7' (octal)", '0o7'],
    ["' 1' (leading space)", ' 1'],
    ["'1 ' (trailing space)", '1 '],
    ["'' (empty)", ''],
    ["'1,5' (comma decimal separator)", '1,5'],
    ["'1_000' (numeric separator)", '1_000'],
    ["'e3'", 'e3'],
    ["'.'", '.'],
    ["'-'", '-'],
    ["'1e'", '1e'],
    ["'abc'", 'abc'],
    ['an object', { value: 1 }],
    ['an array', [1]],
    ['true', true],
    ['false', false],
    ['a bigint', 10n],
    ['null', null],
    ['undefined', undefined],
    ['a Decimal NaN', new Decimal(Number.NaN)],
    ['a Decimal Infinity', new Decimal(Number.POSITIVE_INFINITY)],
  ])('rejects %s', (_label, input) => {
    expect(parseNumeric(input)).toBeUndefined();
  });
});

describe('parseNumeric: Decimal values from another copy of decimal.js', () => {
  it('the CommonJS copy really is a different constructor', () => {
    expect(OtherDecimal).not.toBe(Decimal);
    const other = new OtherDecimal('1');
    expect(other instanceof Decimal).toBe(false);
    expect(other instanceof D).toBe(false);
  });

  it.each([
    ['1.25', '1.25'],
    ['-7', '-7'],
    ['1e-7', '1e-7'], // the other copy prints it in exponent notation (toExpNeg -7)
    ['1e+25', '1e+25'], // ... and this one too (toExpPos 21)
    ['0.3333333333333333333333333333333333333', '0.3333333333333333333333333333333333333'],
  ])('accepts %s and keeps its exact value', (text, expected) => {
    const value = parseNumeric(new OtherDecimal(text));
    expect(value).toBeInstanceOf(D);
    expect(value?.toString()).toBe(new D(expected).toString());
    expect(value?.eq(new D(expected))).toBe(true);
  });

  it('rejects NaN and ±Infinity from the other copy', () => {
    expect(parseNumeric(new OtherDecimal(Number.NaN))).toBeUndefined();
    expect(parseNumeric(new OtherDecimal(Number.POSITIVE_INFINITY))).toBeUndefined();
    expect(parseNumeric(new OtherDecimal(Number.NEGATIVE_INFINITY))).toBeUndefined();
  });

  it('isDecimalLike recognises decimal.js instances by tag, and nothing else', () => {
    expect(isDecimalLike(new OtherDecimal(1))).toBe(true);
    expect(isDecimalLike(new Decimal(1))).toBe(true);
    expect(isDecimalLike(new D(1))).toBe(true);
    expect(isDecimalLike({ d: [1], e: 0, s: 1 })).toBe(false); // no tag
    expect(isDecimalLike({ toStringTag: '[object Decimal]' })).toBe(false); // no fields
    expect(isDecimalLike(1)).toBe(false);
    expect(isDecimalLike('1')).toBe(false);
    expect(isDecimalLike(null)).toBe(false);
  });

  it('retentionRate accepts counts given as Decimals of the other copy', () => {
    // Seed example: (900 − 200) / 1000 = 0.7
    const rate = retentionRate({
      startCustomers: new OtherDecimal(1000),
      endCustomers: new OtherDecimal(900),
      newCustomers: new OtherDecimal(200),
    });
    expect(rate.toString()).toBe('0.7');
  });
});

describe('global decimal.js configuration is isolated', () => {
  afterEach(() => {
    Decimal.set(GLOBAL_DEFAULTS);
  });

  it('starts from decimal.js defaults (so the checks below are meaningful)', () => {
    expect(Decimal.precision).toBe(20);
    expect(Decimal.rounding).toBe(Decimal.ROUND_HALF_UP);
  });

  it('a host changing the global config does not change results', () => {
    Decimal.set({ precision: 5, rounding: Decimal.ROUND_DOWN });
    try {
      // the host's setting is in force for the host's own Decimals: 2/3 → 0.66666 (5 digits, down)
      expect(new Decimal(2).div(3).toString()).toBe('0.66666');
      // Hand: 2/3 = 0.666… ; to 34 significant digits the 35th digit is 6, so the 34th rounds up
      // to 7 (half-even and half-up agree here).
      const rate = retentionRate({ startCustomers: 3, endCustomers: 2 });
      expect(rate.toString()).toBe('0.6666666666666666666666666666666667');
      expect(D.precision).toBe(34);
      expect(D.rounding).toBe(Decimal.ROUND_HALF_EVEN);
    } finally {
      Decimal.set(GLOBAL_DEFAULTS);
    }
  });

  it('the library never changes the global config', () => {
    const before = { precision: Decimal.precision, rounding: Decimal.rounding };
    expect(before).toEqual(GLOBAL_DEFAULTS);
    retentionRate({ startCustomers: 3, endCustomers: 2 });
    parseNumeric('1.5');
    sumDecimals([new D(1), new D(2)]);
    expect({ precision: Decimal.precision, rounding: Decimal.rounding }).toEqual(GLOBAL_DEFAULTS);
    expect({ precision: OtherDecimal.precision, rounding: OtherDecimal.rounding }).toEqual(
      GLOBAL_DEFAULTS,
    );
  });

  it('the private precision is 34 with half-even rounding (a tie at digit 35 goes to even)', () => {
    // Hand: 1 + 5e-34 = 1.0000000000000000000000000000000005 has 35 significant digits; the tie
    // at the 35th rounds to the even 34th digit 0, so the sum is exactly 1.
    expect(new D(1).plus('5e-34').toString()).toBe('1');
    // 1 + 15e-34 = 1.0000000000000000000000000000000015: the 34th digit 1 is odd, tie → 2.
    expect(new D(1).plus('15e-34').toString()).toBe('1.000000000000000000000000000000002');
  });
});

describe('sumDecimals', () => {
  it('adds exactly: 0.1 + 0.2 = 0.3 (where float64 gives 0.30000000000000004)', () => {
    expect(sumDecimals([new D('0.1'), new D('0.2')]).toString()).toBe('0.3');
  });

  it('is 0 for no values', () => {
    expect(sumDecimals([]).toString()).toBe('0');
  });
});

describe('parseNumeric: regressions', () => {
  // BUG: decimal.js turns an exponent beyond maxE (9e15) into Infinity instead of failing, so
  // parseNumeric returns a Decimal Infinity for the string '1e9999999999999999' and
  // numericSchema/moneySchema/positiveSchema accept it. DESIGN.md: "No silent … Infinity".
  it('rejects a decimal string whose exponent overflows to Infinity', () => {
    expect(parseNumeric('1e9999999999999999')).toBeUndefined();
  });

  // BUG: -0 is the number zero (-0 >= 0 in JS, JSON.parse('-0') gives it), but decimal.js keeps
  // its sign and `isNegative()` is true for it, so every non-negative schema rejects it while
  // their JSON Schema (`minimum: 0`) accepts it.
  it('reads -0 as zero, which is not negative', () => {
    expect(parseNumeric(-0)?.isNegative()).toBe(false);
  });
});
