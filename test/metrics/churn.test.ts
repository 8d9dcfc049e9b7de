import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  averageCustomerLifespan,
  type ConvertChurnRateInput,
  convertChurnRate,
  convertChurnRateInputSchema,
  PERIOD_LENGTH_IN_DAYS,
  type PeriodUnit,
} from '../../src/metrics/churn.js';
import { expectError } from '../support/errors.js';

/** |actual − expected| ≤ tolerance, compared as exact decimals. */
function expectClose(actual: Decimal, expected: string, tolerance = '1e-30'): void {
  const diff = new Decimal(actual.toString()).minus(expected).abs();
  expect(diff.lte(tolerance), `${actual.toString()} vs ${expected}`).toBe(true);
}

/** Bypasses the static types to feed deliberately malformed input. */
const loose = (value: unknown): ConvertChurnRateInput => value as ConvertChurnRateInput;

describe('convertChurnRate with periods', () => {
  it('monthly 5% to annual is 1 − 0.95^12, exactly', () => {
    // 0.95^2 = 0.9025, ^4 = 0.81450625, ^8 = 0.6634204312890625,
    // ^12 = ^8 × ^4 = 0.540360087662636962890625 (24 significant digits, fits in 34), so
    // 1 − 0.95^12 = 0.459639912337363037109375 exactly.
    // Python decimal, prec 34, half-even: 1 - Decimal('0.95')**12 = 0.459639912337363037109375
    expect(convertChurnRate({ churnRate: '0.05', lengthRatio: 12 }).toString()).toBe(
      '0.459639912337363037109375',
    );
    // The number 0.05 is read by its shortest decimal form, so the result is the same.
    expect(convertChurnRate({ churnRate: 0.05, lengthRatio: '12' }).toString()).toBe(
      '0.459639912337363037109375',
    );
  });

  it('is not the naive 12 × monthly churn', () => {
    // 12 × 0.05 = 0.6, which overstates the annual churn 0.4596… computed above.
    expect(convertChurnRate({ churnRate: '0.05', lengthRatio: 12 }).toString()).not.toBe('0.6');
  });

  it('converts back from annual to monthly with periods 1/12 (fractional power)', () => {
    // (1 − 0.459639912337363037109375)^(1/12) = 0.540360087662636962890625^(1/12) = 0.95, so the
    // monthly churn is 0.05; 1/12 is itself rounded (to 40 digits here), hence a tolerance.
    const periods = Decimal.clone({ precision: 40 }).div(1, 12);
    expectClose(
      convertChurnRate({ churnRate: '0.459639912337363037109375', lengthRatio: periods }),
      '0.05',
    );
  });

  it('takes a square root for half a period', () => {
    // churn 0.4375 → survival 0.5625 = 0.75², so over half the period survival is 0.75 and churn 0.25.
    expectClose(convertChurnRate({ churnRate: '0.4375', lengthRatio: '0.5' }), '0.25');
  });

  it('keeps the rate for periods 1', () => {
    // 1 − (1 − c)^1 = c.
    expect(convertChurnRate({ churnRate: '0.123', lengthRatio: 1 }).toString()).toBe('0.123');
  });

  it.each([
    ['12', 12],
    ['1/12', new Decimal(1).div(12)],
    ['0.5', '0.5'],
    ['7', 7],
  ])('keeps churn 1 at 1 and churn 0 at 0 for periods %s', (_label, periods) => {
    // 1 − 0^k = 1 and 1 − 1^k = 0 for any k > 0.
    expect(convertChurnRate({ churnRate: 1, lengthRatio: periods }).toString()).toBe('1');
    expect(convertChurnRate({ churnRate: 0, lengthRatio: periods }).toString()).toBe('0');
  });
});

describe('convertChurnRate with units', () => {
  it('month → quarter is exact: 1 − 0.81^3', () => {
    // Hand: 0.81² = 0.6561, 0.6561 × 0.81 = 0.531441; 1 − 0.531441 = 0.468559.
    expect(convertChurnRate({ churnRate: '0.19', from: 'month', to: 'quarter' }).toString()).toBe(
      '0.468559',
    );
  });

  it('month → year is k = 12, the same as periods 12', () => {
    // 365.2425 / 30.436875 = 12 exactly.
    expect(convertChurnRate({ churnRate: '0.05', from: 'month', to: 'year' }).toString()).toBe(
      '0.459639912337363037109375',
    );
  });

  it('quarter → year is k = 4', () => {
    // 1 − 0.9^4 = 1 − 0.6561 = 0.3439 (0.9² = 0.81, 0.81² = 0.6561).
    expect(convertChurnRate({ churnRate: '0.1', from: 'quarter', to: 'year' }).toString()).toBe(
      '0.3439',
    );
  });

  it('quarter → month inverts month → quarter (fractional power 1/3)', () => {
    // 0.531441 = 0.81³, so the monthly survival is 0.81 and the monthly churn 0.19.
    // Python decimal, prec 34, half-even: k = Decimal('30.436875')/Decimal('91.310625')
    // = 0.3333333333333333333333333333333333; 1 - Decimal('0.531441')**k
    // = 0.1900000000000000000000000000000000
    expectClose(convertChurnRate({ churnRate: '0.468559', from: 'quarter', to: 'month' }), '0.19');
  });

  it('year → month inverts month → year', () => {
    expectClose(
      convertChurnRate({ churnRate: '0.459639912337363037109375', from: 'year', to: 'month' }),
      '0.05',
    );
  });

  it('day → week is k = 7, exact', () => {
    // Hand: 0.99² = 0.9801, ^3 = 0.970299, ^4 = 0.96059601, ^5 = 0.9509900499,
    // ^6 = 0.941480149401, ^7 = 0.93206534790699; 1 − 0.93206534790699 = 0.06793465209301.
    expect(convertChurnRate({ churnRate: '0.01', from: 'day', to: 'week' }).toString()).toBe(
      '0.06793465209301',
    );
  });

  it('week → day is k = 1/7 and inverts day → week', () => {
    // Python decimal, prec 34, half-even: 1 - Decimal('0.93206534790699')**(Decimal(1)/7)
    // = 0.0100000000000000000000000000000000
    expectClose(
      convertChurnRate({ churnRate: '0.06793465209301', from: 'week', to: 'day' }),
      '0.01',
    );
  });

  it('month → week crosses the two families with k = 7 / 30.436875', () => {
    // Python decimal, prec 34, half-even: k = Decimal(7)/Decimal('30.436875')
    // = 0.2299841885870346413684059220928561; 1 - Decimal('0.95')**k
    // = 0.0117273390533855453166254827329267
    expectClose(
      convertChurnRate({ churnRate: '0.05', from: 'month', to: 'week' }),
      '0.0117273390533855453166254827329267',
    );
  });

  it('week → month uses k = 30.436875 / 7 = 4.348125', () => {
    // Python decimal, prec 34, half-even: 1 - Decimal('0.99')**Decimal('4.348125')
    // = 0.0427590248705135137026859899507311
    expectClose(
      convertChurnRate({ churnRate: '0.01', from: 'week', to: 'month' }),
      '0.0427590248705135137026859899507311',
    );
  });

  it('day → month uses k = 30.436875', () => {
    // Python decimal, prec 34, half-even: 1 - Decimal('0.999')**Decimal('30.436875')
    // = 0.0299931091983750792534975439304527
    expectClose(
      convertChurnRate({ churnRate: '0.001', from: 'day', to: 'month' }),
      '0.0299931091983750792534975439304527',
    );
  });

  it('returns the rate unchanged for the same unit', () => {
    for (const unit of ['day', 'week', 'month', 'quarter', 'year'] as const) {
      expect(convertChurnRate({ churnRate: '0.37', from: unit, to: unit }).toString()).toBe('0.37');
    }
  });

  it('keeps churn 1 at 1 and churn 0 at 0 for every pair of units', () => {
    const units: PeriodUnit[] = ['day', 'week', 'month', 'quarter', 'year'];
    for (const from of units) {
      for (const to of units) {
        expect(convertChurnRate({ churnRate: '1', from, to }).toString()).toBe('1');
        expect(convertChurnRate({ churnRate: '0', from, to }).toString()).toBe('0');
      }
    }
  });

  it('documents the period lengths: mean Gregorian year, month = year / 12, quarter = year / 4', () => {
    // 365.2425 / 12 = 30.436875 and 365.2425 / 4 = 91.310625 (hand division).
    expect(PERIOD_LENGTH_IN_DAYS).toEqual({
      day: '1',
      week: '7',
      month: '30.436875',
      quarter: '91.310625',
      year: '365.2425',
    });
    expect(Object.isFrozen(PERIOD_LENGTH_IN_DAYS)).toBe(true);
  });
});

describe('convertChurnRate errors', () => {
  it.each([
    ['1.5', 1.5],
    ['-0.1', -0.1],
    ['NaN', Number.NaN],
    ["'abc'", 'abc'],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['true', true],
    ['null', null],
    ['{}', {}],
    ['[]', []],
    ["'150%'", '150%'],
    ['undefined', undefined],
    ["'1e99999999999999999' (overflows)", '1e99999999999999999'],
  ])(
    'rejects churnRate %s (lengthRatio form) as INVALID_INPUT on churnRate',
    (_label, churnRate) => {
      expectError(
        () => convertChurnRate(loose({ churnRate, lengthRatio: 12 })),
        'INVALID_INPUT',
        'churnRate',
      );
    },
  );

  it.each([
    ['1.5', 1.5],
    ['-0.1', -0.1],
    ['NaN', Number.NaN],
    ["'abc'", 'abc'],
  ])('rejects churnRate %s (units form) as INVALID_INPUT on churnRate', (_label, churnRate) => {
    expectError(
      () => convertChurnRate(loose({ churnRate, from: 'month', to: 'year' })),
      'INVALID_INPUT',
      'churnRate',
    );
  });

  it.each([
    ['0', 0],
    ['-1', -1],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['NaN', Number.NaN],
    ["'abc'", 'abc'],
    ['true', true],
    ['null', null],
    ['{}', {}],
    ['[]', []],
    ["'0'", '0'],
    ['undefined', undefined],
    ["'1e99999999999999999' (overflows)", '1e99999999999999999'],
    ["'1e-99999999999999999' (underflows to 0)", '1e-99999999999999999'],
  ])('rejects lengthRatio %s as INVALID_INPUT on lengthRatio', (_label, periods) => {
    expectError(
      () => convertChurnRate(loose({ churnRate: '0.05', lengthRatio: periods })),
      'INVALID_INPUT',
      'lengthRatio',
    );
  });

  it.each(['from', 'to'] as const)('rejects an unknown unit in %s', (field) => {
    const input = { churnRate: '0.05', from: 'month', to: 'year', [field]: 'fortnight' };
    const error = expectError(() => convertChurnRate(loose(input)), 'INVALID_INPUT', field);
    expect(error.message).toContain('fortnight');
  });

  it.each([
    ['a number', 30],
    ['null', null],
    ['a capitalised unit', 'Month'],
    ['a plural unit', 'months'],
  ])('rejects %s as a unit', (_label, unit) => {
    expectError(
      () => convertChurnRate(loose({ churnRate: '0.05', from: unit, to: 'year' })),
      'INVALID_INPUT',
      'from',
    );
  });

  it.each(['from', 'to'] as const)('reports a missing %s as required', (field) => {
    const input: Record<string, unknown> = { churnRate: '0.05', from: 'month', to: 'year' };
    delete input[field];
    const error = expectError(() => convertChurnRate(loose(input)), 'INVALID_INPUT', field);
    expect(error.message).toContain('is required');
  });

  it('reports a missing churnRate as required (both forms)', () => {
    const a = expectError(
      () => convertChurnRate(loose({ lengthRatio: 12 })),
      'INVALID_INPUT',
      'churnRate',
    );
    expect(a.message).toContain('is required');
    const b = expectError(
      () => convertChurnRate(loose({ from: 'month', to: 'year' })),
      'INVALID_INPUT',
      'churnRate',
    );
    expect(b.message).toContain('is required');
  });

  it('rejects an unknown extra field, naming it', () => {
    const a = expectError(
      () => convertChurnRate(loose({ churnRate: '0.05', lengthRatio: 12, extra: 1 })),
      'INVALID_INPUT',
      '',
    );
    expect(a.message).toContain("'extra'");
    // Mixing both forms is an error naming the conflict, not a silent choice.
    const b = expectError(
      () => convertChurnRate(loose({ churnRate: '0.05', lengthRatio: 12, from: 'month' })),
      'INVALID_INPUT',
      'from',
    );
    expect(b.message).toBe(
      "convertChurnRate: give either { churnRate, lengthRatio } or { churnRate, from, to }, not both (received 'lengthRatio' and 'from')",
    );
  });

  it('names the new name when the former name periods is used', () => {
    const error = expectError(
      () => convertChurnRate(loose({ churnRate: '0.05', periods: 12 })),
      'INVALID_INPUT',
      'periods',
    );
    expect(error.message).toBe(
      'convertChurnRate: periods is now called lengthRatio (the length of the target period in source periods); rename the field',
    );
    expect(convertChurnRateInputSchema.safeParse({ churnRate: '0.05', periods: 12 }).success).toBe(
      false,
    );
  });

  it('converts between quarter and year (4 quarters a year)', () => {
    // Hand calculation: 1 − (1 − 0.1)^4 = 1 − 0.6561 = 0.3439.
    expect(convertChurnRate({ churnRate: '0.1', from: 'quarter', to: 'year' }).toString()).toBe(
      '0.3439',
    );
    expect(convertChurnRate({ churnRate: '0.1', lengthRatio: 4 }).toString()).toBe('0.3439');
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', '0.05'],
    ['a number', 0.05],
    ['an array', []],
  ])('rejects %s as the whole input', (_label, input) => {
    expectError(() => convertChurnRate(loose(input)), 'INVALID_INPUT', '');
  });
});

describe('averageCustomerLifespan', () => {
  it('is 1 / churn: 0.05 → 20', () => {
    // Hand: 1 / 0.05 = 20.
    expect(averageCustomerLifespan({ churnRate: '0.05' }).toString()).toBe('20');
    expect(averageCustomerLifespan({ churnRate: 0.05 }).toString()).toBe('20');
  });

  it('0.3 → 1/0.3 at 34 significant digits', () => {
    // Python decimal, prec 34, half-even: Decimal(1)/Decimal('0.3') = 3.333333333333333333333333333333333
    expect(averageCustomerLifespan({ churnRate: '0.3' }).toString()).toBe(
      '3.333333333333333333333333333333333',
    );
  });

  it('churn 1 → lifespan 1 period', () => {
    expect(averageCustomerLifespan({ churnRate: 1 }).toString()).toBe('1');
  });

  it('accepts a Decimal from the global decimal.js', () => {
    // Hand: 1 / 0.125 = 8.
    expect(averageCustomerLifespan({ churnRate: new Decimal('0.125') }).toString()).toBe('8');
  });

  it('churn 0 is DIVISION_BY_ZERO on churnRate', () => {
    for (const churnRate of [0, '0', '0.000', -0]) {
      const error = expectError(
        () => averageCustomerLifespan({ churnRate }),
        'DIVISION_BY_ZERO',
        'churnRate',
      );
      expect(error.message).toContain('division by zero');
    }
  });

  it.each([
    ['1.5', 1.5],
    ['-0.1', -0.1],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ["'abc'", 'abc'],
    ['true', true],
    ['null', null],
    ['{}', {}],
    ['[]', []],
    ['undefined', undefined],
  ])('rejects churnRate %s as INVALID_INPUT', (_label, churnRate) => {
    expectError(
      () => averageCustomerLifespan({ churnRate } as { churnRate: string }),
      'INVALID_INPUT',
      'churnRate',
    );
  });

  it('reports a missing churnRate, an unknown field and a non-object input', () => {
    const missing = expectError(
      () => averageCustomerLifespan({} as { churnRate: string }),
      'INVALID_INPUT',
      'churnRate',
    );
    expect(missing.message).toContain('is required');
    const extra = expectError(
      () => averageCustomerLifespan({ churnRate: '0.1', months: 3 } as { churnRate: string }),
      'INVALID_INPUT',
      '',
    );
    expect(extra.message).toContain("'months'");
    expectError(
      () => averageCustomerLifespan(null as unknown as { churnRate: string }),
      'INVALID_INPUT',
      '',
    );
  });
});

describe('churn inputs are never mutated', () => {
  it('works on deeply frozen inputs and leaves them equal', () => {
    const a = Object.freeze({ churnRate: '0.05', lengthRatio: 12 });
    const b = Object.freeze({ churnRate: '0.19', from: 'month', to: 'quarter' } as const);
    const c = Object.freeze({ churnRate: '0.3' });
    const before = JSON.stringify([a, b, c]);
    convertChurnRate(a);
    convertChurnRate(b);
    averageCustomerLifespan(c);
    expect(JSON.stringify([a, b, c])).toBe(before);
  });
});
