import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  formatMoney,
  formatNumber,
  formatPercent,
  type RoundingMode,
} from '../../src/metrics/format.js';
import { expectError, thrown } from '../support/errors.js';

/** The platform's own formatting, the outside reference for separators and symbol placement. */
function intl(locale: string, options: Record<string, unknown>, value: number): string {
  return new Intl.NumberFormat(locale, options as Intl.NumberFormatOptions).format(value);
}

/** Our rounding modes under their ECMA-402 names (Intl.NumberFormat v3 `roundingMode`). */
const intlRoundingMode: Record<RoundingMode, string> = {
  'half-even': 'halfEven',
  'half-up': 'halfExpand',
  'half-down': 'halfTrunc',
  up: 'expand',
  down: 'trunc',
  ceil: 'ceil',
  floor: 'floor',
};

type Loose = (value: unknown, options?: unknown) => string;
const looseMoney = formatMoney as unknown as Loose;
const loosePercent = formatPercent as unknown as Loose;
const looseNumber = formatNumber as unknown as Loose;

describe('formatPercent', () => {
  it('multiplies by 100 exactly and does not round by default', () => {
    // Hand: 0.7 × 100 = 70; 0.123456 × 100 = 12.3456; 0.075 × 100 = 7.5; 1.02 × 100 = 102.
    expect(formatPercent('0.7')).toBe('70%');
    expect(formatPercent(0.7)).toBe('70%');
    expect(formatPercent('0.123456')).toBe('12.3456%');
    expect(formatPercent('1.02')).toBe('102%');
    expect(formatPercent('-0.02')).toBe('-2%');
    expect(formatPercent(0)).toBe('0%');
    // Hand: 0.1234567890123456789 × 100 = 12.34567890123456789 (every digit kept).
    expect(formatPercent('0.1234567890123456789')).toBe('12.34567890123456789%');
  });

  it('keeps every digit of a value with more than 34 significant digits', () => {
    // Hand: moving the decimal point two places right; 35 significant digits in, 35 out. The doc
    // promises "multiplied by 100 exactly and not rounded". (BUG: times(100) rounds to 34 digits.)
    expect(formatPercent('0.12345678901234567890123456789012345')).toBe(
      '12.345678901234567890123456789012345%',
    );
  });

  it('rounds once, with the given mode, when decimals and rounding are given', () => {
    // Hand: 0.12345 → 12.345 %, a tie at 2 decimals: half-even 12.34 (4 is even), half-up 12.35.
    expect(formatPercent('0.12345', { decimals: 2, rounding: 'half-even' })).toBe('12.34%');
    expect(formatPercent('0.12355', { decimals: 2, rounding: 'half-even' })).toBe('12.36%');
    expect(formatPercent('0.12345', { decimals: 2, rounding: 'half-up' })).toBe('12.35%');
    // Hand: 0.07 → 7 %, padded to 2 decimals when asked for: 7.00 %.
    expect(formatPercent('0.07', { decimals: 2, rounding: 'half-even' })).toBe('7.00%');
    // Hand: 0.005 → 0.5 %; 0 decimals half-even → 0 (even), half-up → 1.
    expect(formatPercent('0.005', { decimals: 0, rounding: 'half-even' })).toBe('0%');
    expect(formatPercent('0.005', { decimals: 0, rounding: 'half-up' })).toBe('1%');
  });

  it.each([
    ['ru-RU', 0.075],
    ['ru-RU', 12.345],
    ['ru-RU', -0.5],
    ['de-DE', 0.12345],
    ['de-DE', -12.3456],
    ['fr-FR', 0.075],
    ['en-US', 123.4567],
  ])('%s: matches Intl.NumberFormat for %s', (locale, value) => {
    expect(formatPercent(String(value), { locale })).toBe(
      intl(locale, { style: 'percent', maximumFractionDigits: 20 }, value),
    );
  });

  it('ru-RU puts a no-break space before the percent sign and uses a comma', () => {
    expect(formatPercent('0.075', { locale: 'ru-RU' })).toBe('7,5\u00a0%');
  });
});

describe('formatMoney', () => {
  it('pads to the currency minor unit but never rounds by default', () => {
    expect(formatMoney('1234.5', { currency: 'USD' })).toBe('$1,234.50');
    expect(formatMoney('1234.5', { currency: 'USD' })).toBe(
      intl('en-US', { style: 'currency', currency: 'USD' }, 1234.5),
    );
    // Hand: 0.125 has three decimals; all are kept.
    expect(formatMoney('0.125', { currency: 'USD' })).toBe('$0.125');
    expect(formatMoney('7', { currency: 'USD' })).toBe('$7.00');
    // Without a currency there is nothing to pad to.
    expect(formatMoney('7')).toBe('7');
    expect(formatMoney('-1234567.891')).toBe('-1,234,567.891');
    expect(formatMoney(0.1)).toBe('0.1');
  });

  it('JPY has no minor digits', () => {
    expect(formatMoney('1234', { currency: 'JPY' })).toBe(
      intl('en-US', { style: 'currency', currency: 'JPY' }, 1234),
    );
    expect(formatMoney('1234', { currency: 'JPY', locale: 'ja-JP' })).toBe(
      intl('ja-JP', { style: 'currency', currency: 'JPY' }, 1234),
    );
    // Not padded, and a fractional yen is kept rather than rounded away.
    expect(formatMoney('1234', { currency: 'JPY' })).toBe('¥1,234');
    expect(formatMoney('1234.5', { currency: 'JPY' })).toBe('¥1,234.5');
  });

  it('keeps every digit of very large values (Intl cannot: a double has 17 digits)', () => {
    // Hand grouping of 123456789012345678901234 in threes from the right.
    expect(formatMoney('123456789012345678901234.5', { currency: 'USD' })).toBe(
      '$123,456,789,012,345,678,901,234.50',
    );
    expect(formatMoney('123456789012345678901234.5', { currency: 'EUR', locale: 'de-DE' })).toBe(
      '123.456.789.012.345.678.901.234,50\u00a0€',
    );
    expect(formatMoney('-98765432109876543210.987654321')).toBe(
      '-98,765,432,109,876,543,210.987654321',
    );
  });

  it.each([
    ['ru-RU', 'RUB', 1234.5],
    ['ru-RU', 'RUB', -1234567.89],
    ['ru-RU', 'RUB', 12],
    ['de-DE', 'EUR', 1234.5],
    ['de-DE', 'EUR', -1234567.89],
    ['de-DE', 'USD', 0.5],
    ['fr-FR', 'EUR', 1234.5],
    ['en-GB', 'GBP', -1234.5],
    ['es-ES', 'EUR', 1234.5],
    ['es-ES', 'EUR', 12345.5],
    ['ja-JP', 'JPY', -1234567],
  ])('%s %s: matches Intl.NumberFormat for %s', (locale, currency, value) => {
    expect(formatMoney(String(value), { locale, currency })).toBe(
      intl(locale, { style: 'currency', currency }, value),
    );
  });

  it('ru-RU example from the documentation', () => {
    expect(formatMoney('1234.5', { currency: 'RUB', locale: 'ru-RU' })).toBe(
      '1\u00a0234,50\u00a0₽',
    );
  });

  it("'-0.001' rounded to 2 decimals has no minus sign", () => {
    // Hand: |−0.001| < 0.005, so it rounds to 0.00, which has no sign.
    expect(formatMoney('-0.001', { decimals: 2, rounding: 'half-even' })).toBe('0.00');
    expect(formatMoney('-0.001', { currency: 'USD', decimals: 2, rounding: 'half-up' })).toBe(
      '$0.00',
    );
    expect(formatMoney('-0', { currency: 'USD' })).toBe('$0.00');
    expect(formatPercent('-0.00001', { decimals: 2, rounding: 'half-even' })).toBe('0.00%');
  });
});

describe('rounding modes on ties (0.125 and −0.125 to 2 decimals)', () => {
  // Hand, from the definitions: half-even → nearest, ties to the even digit; half-up / half-down →
  // ties away from / towards zero; up / down → away from / towards zero; ceil / floor → towards
  // +∞ / −∞. The second outside source is Intl.NumberFormat's roundingMode (exact here, as
  // ±0.125 = ±1/8 is a double).
  // BUG (fails now for ceil and floor of negatives): render() rounds the magnitude and then adds
  // the sign, so ceil and floor swap directions below zero.
  const table: [RoundingMode, string, string][] = [
    ['half-even', '0.12', '-0.12'],
    ['half-up', '0.13', '-0.13'],
    ['half-down', '0.12', '-0.12'],
    ['up', '0.13', '-0.13'],
    ['down', '0.12', '-0.12'],
    ['ceil', '0.13', '-0.12'],
    ['floor', '0.12', '-0.13'],
  ];

  it.each(table)('%s: 0.125 → %s, −0.125 → %s', (rounding, positive, negative) => {
    expect(formatMoney('0.125', { decimals: 2, rounding })).toBe(positive);
    expect(formatMoney('-0.125', { decimals: 2, rounding })).toBe(negative);
    expect(formatNumber('-0.125', { decimals: 2, rounding })).toBe(negative);
    const options = {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
      roundingMode: intlRoundingMode[rounding],
    };
    expect(intl('en-US', options, 0.125)).toBe(positive);
    expect(intl('en-US', options, -0.125)).toBe(negative);
  });

  it.each([
    // Hand: −0.001 → towards −∞ is −0.01; away from zero is −0.01; the others give 0.00.
    ['floor', '-0.01'],
    ['up', '-0.01'],
    ['ceil', '0.00'],
    ['down', '0.00'],
    ['half-even', '0.00'],
  ] as const)('−0.001 with %s → %s', (rounding, expected) => {
    expect(formatNumber('-0.001', { decimals: 2, rounding })).toBe(expected);
  });

  it('ceil and floor of a negative percent round towards +∞ and −∞', () => {
    // Hand: −0.00125 → −0.125 %; ceil −0.12 %, floor −0.13 %.
    expect(formatPercent('-0.00125', { decimals: 2, rounding: 'ceil' })).toBe('-0.12%');
    expect(formatPercent('-0.00125', { decimals: 2, rounding: 'floor' })).toBe('-0.13%');
  });

  it('half-even looks at the digit kept: 0.135 → 0.14, 0.145 → 0.14', () => {
    expect(formatMoney('0.135', { decimals: 2, rounding: 'half-even' })).toBe('0.14');
    expect(formatMoney('0.145', { decimals: 2, rounding: 'half-even' })).toBe('0.14');
  });

  it('rounds with a currency and pads to the requested decimals', () => {
    // Hand: 1234.5 to 0 decimals half-even → 1234 (4 is even), half-up → 1235; 2 → 4 decimals.
    expect(formatMoney('1234.5', { currency: 'USD', decimals: 0, rounding: 'half-even' })).toBe(
      '$1,234',
    );
    expect(formatMoney('1234.5', { currency: 'USD', decimals: 0, rounding: 'half-up' })).toBe(
      '$1,235',
    );
    expect(formatMoney('2', { currency: 'USD', decimals: 4, rounding: 'half-even' })).toBe(
      '$2.0000',
    );
  });
});

describe('formatNumber', () => {
  it('formats exactly with the locale separators', () => {
    // Python decimal, prec 34: 6919/2357 = 2.935511243105642766228256257955028 → 2 decimals half-even 2.94.
    expect(
      formatNumber('2.935511243105642766228256257955028', { decimals: 2, rounding: 'half-even' }),
    ).toBe('2.94');
    expect(formatNumber('1234567.5', { locale: 'de-DE' })).toBe(
      intl('de-DE', { maximumFractionDigits: 20 }, 1234567.5),
    );
    expect(formatNumber('1234567.5', { locale: 'de-DE' })).toBe('1.234.567,5');
    expect(formatNumber(new Decimal('-0.5'))).toBe('-0.5');
  });
});

describe('locale layout follows Intl.NumberFormat', () => {
  // The sign's place, the space between symbol and number, bidi marks, group sizes and digits all
  // come from the locale; the reference is the platform's own Intl output for the same value.
  // BUG (all of these fail now): the layout is read from one negative sample with the minus sign
  // always put first, groups are always 3 digits, and digits are always Latin.
  const cases: [string, string | undefined, number][] = [
    ['nl-NL', 'EUR', -1234.5], // '€ -1.234,50': the minus sign after the symbol
    ['de-CH', 'CHF', 1234.5], // 'CHF 1’234.50': a space after the symbol
    ['de-CH', 'CHF', -1234.5], // 'CHF-1’234.50'
    ['en-IN', 'INR', 1234567.5], // '₹12,34,567.50': groups of 2 after the first 3
    ['en-IN', undefined, 123456789.25],
    ['he-IL', 'ILS', 1234.5], // no left-to-right mark before a positive number
    ['he-IL', undefined, -1234.5],
    ['ar-EG', 'EGP', 1234.5], // Arabic-Indic digits and marks
  ];

  it.each(cases)('%s %s: %s', (locale, currency, value) => {
    const expected =
      currency === undefined
        ? intl(locale, { maximumFractionDigits: 20 }, value)
        : intl(locale, { style: 'currency', currency }, value);
    const actual =
      currency === undefined
        ? formatNumber(String(value), { locale })
        : formatMoney(String(value), { locale, currency });
    expect(actual).toBe(expected);
  });
});

describe('format errors', () => {
  it('decimals without rounding → INVALID_INPUT on rounding', () => {
    const error = expectError(() => looseMoney('1', { decimals: 2 }), 'INVALID_INPUT', 'rounding');
    expect(error.message).toContain('decimals');
    expectError(() => loosePercent('1', { decimals: 2 }), 'INVALID_INPUT', 'rounding');
    expectError(() => looseNumber('1', { decimals: 2 }), 'INVALID_INPUT', 'rounding');
  });

  it('rounding without decimals → INVALID_INPUT on decimals', () => {
    expectError(() => looseMoney('1', { rounding: 'half-even' }), 'INVALID_INPUT', 'decimals');
    expectError(() => loosePercent('1', { rounding: 'half-up' }), 'INVALID_INPUT', 'decimals');
    expectError(() => looseNumber('1', { rounding: 'floor' }), 'INVALID_INPUT', 'decimals');
  });

  it.each([
    ['-1', -1],
    ['1.5', 1.5],
    ['101', 101],
    ["'2'", '2'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['null', null],
  ])('decimals %s → INVALID_INPUT on decimals', (_label, decimals) => {
    for (const fn of [looseMoney, loosePercent, looseNumber]) {
      expectError(() => fn('1', { decimals, rounding: 'half-even' }), 'INVALID_INPUT', 'decimals');
    }
  });

  it.each([
    ["'bankers'", 'bankers'],
    ["'HALF_EVEN'", 'HALF_EVEN'],
    ['4 (a decimal.js constant)', 4],
    ['null', null],
  ])('rounding %s → INVALID_INPUT on rounding', (_label, rounding) => {
    for (const fn of [looseMoney, loosePercent, looseNumber]) {
      expectError(() => fn('1', { decimals: 2, rounding }), 'INVALID_INPUT', 'rounding');
    }
  });

  it.each([
    ["'usd'", 'usd'],
    ["'US'", 'US'],
    ["'USDX'", 'USDX'],
    ["'$'", '$'],
    ['840', 840],
    ['null', null],
  ])('currency %s → INVALID_INPUT on currency', (_label, currency) => {
    expectError(() => looseMoney('1', { currency }), 'INVALID_INPUT', 'currency');
  });

  it.each([
    ["'not a locale'", 'not a locale'],
    ["'en_US'", 'en_US'],
    ["''", ''],
    ['42', 42],
    ['null', null],
    ["['en-US']", ['en-US']],
  ])('locale %s → INVALID_INPUT on locale', (_label, locale) => {
    for (const fn of [looseMoney, loosePercent, looseNumber]) {
      expectError(() => fn('1', { locale }), 'INVALID_INPUT', 'locale');
    }
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ["'abc'", 'abc'],
    ["'1,5'", '1,5'],
    ["'NaN'", 'NaN'],
    ["'1e99999999999999999' (overflows)", '1e99999999999999999'],
    ['null', null],
    ['undefined', undefined],
    ['true', true],
    ['{}', {}],
    ['[]', []],
  ])('value %s → INVALID_INPUT on value', (_label, value) => {
    for (const fn of [looseMoney, loosePercent, looseNumber]) {
      expectError(() => fn(value), 'INVALID_INPUT', 'value');
    }
  });

  it('refuses to write out a value with millions of digits, instead of exhausting memory', () => {
    // BUG (fails now, after ~2 s): nothing bounds the digits written; '1e10000000' gives a string
    // of 13,333,334 characters, and formatMoney('1e600000000') kills the process (V8 out of memory).
    expectError(() => formatMoney('1e10000000'), 'INVALID_INPUT', 'value');
    // Unrounded, 10^-7000000 would need 7 million decimals; rounded, it is simply 0.00.
    expectError(() => formatNumber('1e-7000000'), 'INVALID_INPUT', 'value');
    expect(formatNumber('1e-7000000', { decimals: 2, rounding: 'half-even' })).toBe('0.00');
  });

  it('an unknown option → INVALID_INPUT naming it', () => {
    const a = expectError(() => looseMoney('1', { style: 'currency' }), 'INVALID_INPUT', '');
    expect(a.message).toContain("'style'");
    // A currency is not an option of formatPercent or formatNumber.
    const b = expectError(() => loosePercent('1', { currency: 'USD' }), 'INVALID_INPUT', '');
    expect(b.message).toContain("'currency'");
    const c = expectError(() => looseNumber('1', { currency: 'USD' }), 'INVALID_INPUT', '');
    expect(c.message).toContain("'currency'");
  });

  it("an option named 'value' is refused, not used instead of the value", () => {
    // BUG: `{ value, ...options }` lets options.value replace the value: formatNumber('1',
    // { value: 5 }) returns '5'.
    for (const fn of [looseMoney, loosePercent, looseNumber]) {
      const error = thrown(() => fn('1', { value: 5 }));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toContain("'value'");
    }
  });

  it('options are never mutated (frozen options work)', () => {
    const options = Object.freeze({ currency: 'USD', decimals: 2, rounding: 'half-up' } as const);
    const before = JSON.stringify(options);
    expect(formatMoney('0.125', options)).toBe('$0.13');
    expect(JSON.stringify(options)).toBe(before);
  });
});
