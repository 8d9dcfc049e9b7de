import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type CustomerLifetimeValueInput, customerLifetimeValue } from '../../src/metrics/clv.js';
import {
  type BadInputCase,
  type BadValues,
  describeBadInput,
  NEGATIVE,
  NOT_NUMBERS,
} from '../support/bad-input.js';
import { expectError } from '../support/errors.js';

/** |actual − expected| ≤ tolerance, compared as exact decimals. */
function expectClose(actual: Decimal, expected: string, tolerance = '1e-30'): void {
  const diff = new Decimal(actual.toString()).minus(expected).abs();
  expect(diff.lte(tolerance), `${actual.toString()} vs ${expected}`).toBe(true);
}

/** Bypasses the static types to feed deliberately malformed input. */
const clv = (input: unknown): Decimal => customerLifetimeValue(input as CustomerLifetimeValueInput);

describe("customerLifetimeValue 'historical'", () => {
  it('sums the amounts exactly', () => {
    // Hand: 19.99 + 5.01 + 25.00 = 50.
    expect(clv({ method: 'historical', amounts: ['19.99', '5.01', '25.00'] }).toString()).toBe(
      '50',
    );
    // Hand: 0.1 + 0.2 = 0.3 (numbers read by their shortest decimal form).
    expect(clv({ method: 'historical', amounts: [0.1, 0.2] }).toString()).toBe('0.3');
  });

  it('allows negative amounts (refunds) and sums them exactly', () => {
    // Hand: 100 − 25.5 + 10.25 = 84.75.
    expect(clv({ method: 'historical', amounts: [100, -25.5, '10.25'] }).toString()).toBe('84.75');
    // Hand: 10 − 10.01 = −0.01 (a net refund is a negative value).
    expect(clv({ method: 'historical', amounts: ['10', -10.01] }).toString()).toBe('-0.01');
    // Hand: 0.1 − 0.1 = 0.
    expect(clv({ method: 'historical', amounts: [0.1, '-0.1'] }).toString()).toBe('0');
  });

  it('applies grossMargin to the sum', () => {
    // Hand: 84.75 × 0.3 = 25.425.
    expect(
      clv({ method: 'historical', amounts: [100, -25.5, '10.25'], grossMargin: '0.3' }).toString(),
    ).toBe('25.425');
    // Hand: 50 × 0.4 = 20; margin 1 keeps the sum, margin 0 gives 0.
    const amounts = ['19.99', '5.01', '25.00'];
    expect(clv({ method: 'historical', amounts, grossMargin: 0.4 }).toString()).toBe('20');
    expect(clv({ method: 'historical', amounts, grossMargin: 1 }).toString()).toBe('50');
    expect(clv({ method: 'historical', amounts, grossMargin: 0 }).toString()).toBe('0');
  });

  it('accepts a typed array, including negative integers', () => {
    // Hand: 5 + (−2) + 7 = 10.
    expect(clv({ method: 'historical', amounts: new Int32Array([5, -2, 7]) }).toString()).toBe(
      '10',
    );
  });

  it('sums many refunds and purchases exactly', () => {
    // 10,000 × 0.07 and 10,000 × (−0.03): hand 700 − 300 = 400.
    const amounts: number[] = [];
    for (let i = 0; i < 10_000; i++) amounts.push(0.07, -0.03);
    expect(clv({ method: 'historical', amounts }).toString()).toBe('400');
  });

  it('empty amounts → 0: a customer who has bought nothing has brought in nothing', () => {
    expect(clv({ method: 'historical', amounts: [] }).toString()).toBe('0');
    expect(
      clv({ method: 'historical', amounts: new Float64Array(0), grossMargin: '0.4' }).toString(),
    ).toBe('0');
  });

  it.each([
    ['NaN', Number.NaN],
    ["'x'", 'x'],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['null', null],
    ['{}', {}],
  ])('amounts[2] = %s → INVALID_INPUT naming amounts[2]', (_label, bad) => {
    expectError(
      () => clv({ method: 'historical', amounts: [1, -1, bad] }),
      'INVALID_INPUT',
      'amounts[2]',
    );
  });

  it.each([
    ['a string', 'abc'],
    ['null', null],
    ['an object', {}],
  ])('amounts that is %s → INVALID_INPUT on amounts', (_label, amounts) => {
    expectError(() => clv({ method: 'historical', amounts }), 'INVALID_INPUT', 'amounts');
  });
});

describe("customerLifetimeValue 'simple'", () => {
  it('is AOV × frequency × lifespan × grossMargin', () => {
    // Hand: 50 × 2 × 3 = 300; × 0.4 = 120.
    expect(
      clv({
        method: 'simple',
        averageOrderValue: 50,
        purchaseFrequency: 2,
        lifespan: 3,
      }).toString(),
    ).toBe('300');
    expect(
      clv({
        method: 'simple',
        averageOrderValue: 50,
        purchaseFrequency: 2,
        lifespan: 3,
        grossMargin: '0.4',
      }).toString(),
    ).toBe('120');
  });

  it('multiplies exactly', () => {
    // Hand: 41.15 × 2.9355 = 82.3 + 38.495825 = 120.795825; × 20 = 2415.9165; × 0.35 = 845.570775.
    const input = {
      method: 'simple',
      averageOrderValue: '41.15',
      purchaseFrequency: '2.9355',
      lifespan: 20,
    };
    expect(clv(input).toString()).toBe('2415.9165');
    expect(clv({ ...input, grossMargin: '0.35' }).toString()).toBe('845.570775');
  });

  it('is 0 when any factor is 0', () => {
    for (const field of ['averageOrderValue', 'purchaseFrequency', 'lifespan', 'grossMargin']) {
      const input = {
        method: 'simple',
        averageOrderValue: 50,
        purchaseFrequency: 2,
        lifespan: 3,
        grossMargin: '0.4',
        [field]: 0,
      };
      expect(clv(input).toString()).toBe('0');
    }
  });
});

describe("customerLifetimeValue 'margin-multiple'", () => {
  it('is m × r / (1 + d − r) with timing end (the default)', () => {
    // Hand: 100 × 0.5 / (1.25 − 0.5) = 50 / 0.75 = 66.666…
    // Python decimal, prec 34, half-even: Decimal(50)/Decimal('0.75') = 66.66666666666666666666666666666667
    const input = {
      method: 'margin-multiple',
      margin: 100,
      retentionRate: '0.5',
      discountRate: '0.25',
    };
    expect(clv(input).toString()).toBe('66.66666666666666666666666666666667');
    expect(clv({ ...input, timing: 'end' }).toString()).toBe('66.66666666666666666666666666666667');
  });

  it('is m × (1 + d) / (1 + d − r) with timing start', () => {
    // Hand: 100 × 1.25 / 0.75 = 125 / 0.75 = 166.666…
    // Python decimal, prec 34, half-even: Decimal(125)/Decimal('0.75') = 166.6666666666666666666666666666667
    expect(
      clv({
        method: 'margin-multiple',
        margin: 100,
        retentionRate: '0.5',
        discountRate: '0.25',
        timing: 'start',
      }).toString(),
    ).toBe('166.6666666666666666666666666666667');
  });

  it('matches Python decimal on a non-terminating case', () => {
    // Hand: 250.75 × 0.85 = 213.1375 and 250.75 × 1.12 = 280.84 (exact); 1 + 0.12 − 0.85 = 0.27.
    // Python decimal, prec 34, half-even: Decimal('213.1375')/Decimal('0.27')
    // = 789.3981481481481481481481481481481; Decimal('280.84')/Decimal('0.27')
    // = 1040.148148148148148148148148148148
    const input = {
      method: 'margin-multiple',
      margin: '250.75',
      retentionRate: '0.85',
      discountRate: '0.12',
    };
    expect(clv(input).toString()).toBe('789.3981481481481481481481481481481');
    expect(clv({ ...input, timing: 'start' }).toString()).toBe(
      '1040.148148148148148148148148148148',
    );
  });

  it('handles a negative margin, retention 0 and retention 1', () => {
    // Hand: −40 × 0.7 / (1.05 − 0.7) = −28 / 0.35 = −80.
    expect(
      clv({
        method: 'margin-multiple',
        margin: -40,
        retentionRate: '0.7',
        discountRate: '0.05',
      }).toString(),
    ).toBe('-80');
    // r = 0: end timing gives 0 (nobody survives to the first margin); start gives m × 1.1 / 1.1 = m.
    const r0 = { method: 'margin-multiple', margin: 100, retentionRate: 0, discountRate: '0.1' };
    expect(clv(r0).toString()).toBe('0');
    expect(clv({ ...r0, timing: 'start' }).toString()).toBe('100');
    // r = 1, d = 0.1: 100 × 1 / 0.1 = 1000; start: 100 × 1.1 / 0.1 = 1100.
    const r1 = { method: 'margin-multiple', margin: 100, retentionRate: 1, discountRate: '0.1' };
    expect(clv(r1).toString()).toBe('1000');
    expect(clv({ ...r1, timing: 'start' }).toString()).toBe('1100');
  });

  it('r = 1 and d = 0 → DIVISION_BY_ZERO (the sum diverges)', () => {
    const error = expectError(
      () => clv({ method: 'margin-multiple', margin: 100, retentionRate: 1, discountRate: 0 }),
      'DIVISION_BY_ZERO',
      'retentionRate',
    );
    expect(error.message).toContain('discountRate');
  });

  it('r = 1 with a tiny positive d is finite: m / d', () => {
    // BUG (fails now): 1 + 1e-40 rounds to 1 at 34 digits, so 1 + d − r = 0 and the result is
    // Infinity.
    // Hand: 1 + d − r = d when r = 1, so the value is m / d = 100 / 1e-40 = 1e42 (start timing:
    // 100 × (1 + 1e-40) / 1e-40 = 1e42 + 100, which is 1e42 at 34 significant digits).
    // Python decimal, prec 34, half-even: Decimal(100)/Decimal('1e-40') = 1.00E+42
    for (const timing of ['end', 'start'] as const) {
      const value = clv({
        method: 'margin-multiple',
        margin: 100,
        retentionRate: 1,
        discountRate: '1e-40',
        timing,
      });
      expect(value.isFinite(), `timing ${timing}: ${value.toString()}`).toBe(true);
      expect(new Decimal(value.toString()).eq('1e42')).toBe(true);
    }
  });
});

describe("customerLifetimeValue 'discounted'", () => {
  const base = { method: 'discounted', margin: 100, retentionRate: '0.5', discountRate: '0.25' };

  it('sums m × q^t for t = 1..n with q = r / (1 + d) (timing end)', () => {
    // Hand: q = 0.5 / 1.25 = 0.4; 100 × (0.4 + 0.16 + 0.064) = 40 + 16 + 6.4 = 62.4.
    expect(clv({ ...base, periods: 3 }).toString()).toBe('62.4');
    expect(clv({ ...base, periods: 3, timing: 'end' }).toString()).toBe('62.4');
    // Hand: n = 1 → 40; n = 2 → 56.
    expect(clv({ ...base, periods: 1 }).toString()).toBe('40');
    expect(clv({ ...base, periods: '2' }).toString()).toBe('56');
  });

  it('sums t = 0..n−1 with timing start', () => {
    // Hand: 100 × (1 + 0.4 + 0.16) = 100 + 40 + 16 = 156.
    expect(clv({ ...base, periods: 3, timing: 'start' }).toString()).toBe('156');
    expect(clv({ ...base, periods: 1, timing: 'start' }).toString()).toBe('100');
  });

  it('matches the exact sum on non-terminating cases (Python)', () => {
    // Python (fractions.Fraction for the exact sum Σ m·q^t, then Decimal prec 34, half-even):
    //   m 100, r 0.9, d 0.1, n 5:      end 285.0084755760597574681312130939889
    //                                  start 348.3436923707397035721603715593197
    //   m 250.75, r 0.85, d 0.12, n 24: end 788.3459009541323250325301994190657
    //                                  start 1038.761657727797887101686850999240
    //   m −40, r 0.7, d 0.05, n 10:    end −78.61267760673339091263188199630815
    const a = {
      method: 'discounted',
      margin: 100,
      retentionRate: '0.9',
      discountRate: '0.1',
      periods: 5,
    };
    expectClose(clv(a), '285.0084755760597574681312130939889', '1e-29');
    expectClose(clv({ ...a, timing: 'start' }), '348.3436923707397035721603715593197', '1e-29');
    const b = {
      method: 'discounted',
      margin: '250.75',
      retentionRate: '0.85',
      discountRate: '0.12',
      periods: 24,
    };
    expectClose(clv(b), '788.3459009541323250325301994190657', '1e-29');
    expectClose(clv({ ...b, timing: 'start' }), '1038.761657727797887101686850999240', '1e-29');
    const c = {
      method: 'discounted',
      margin: -40,
      retentionRate: '0.7',
      discountRate: '0.05',
      periods: 10,
    };
    expectClose(clv(c), '-78.61267760673339091263188199630815', '1e-30');
  });

  it('q = 1 (r = 1, d = 0) gives m × n for both timings', () => {
    // Hand: every term is m × 1^t = 100, and there are 7 of them: 700.
    const input = {
      method: 'discounted',
      margin: 100,
      retentionRate: 1,
      discountRate: 0,
      periods: 7,
    };
    expect(clv(input).toString()).toBe('700');
    expect(clv({ ...input, timing: 'start' }).toString()).toBe('700');
  });

  it('r = 0 keeps only the first margin with timing start, nothing with timing end', () => {
    // Hand: q = 0, so Σ_{t=1..n} 0 = 0 and Σ_{t=0..n−1} q^t = 1 (0^0 = 1).
    const input = {
      method: 'discounted',
      margin: 100,
      retentionRate: 0,
      discountRate: '0.1',
      periods: 5,
    };
    expect(clv(input).toString()).toBe('0');
    expect(clv({ ...input, timing: 'start' }).toString()).toBe('100');
  });

  it('with periods 2000 equals margin-multiple within 1e-30 (both timings)', () => {
    // q = 0.4 and 0.4^2000 ≈ 1e-796, so the finite sum equals the infinite one to far more than
    // 34 digits: 200/3 (end) and 500/3 (start), see the margin-multiple tests above.
    expectClose(clv({ ...base, periods: 2000 }), '66.66666666666666666666666666666667');
    expectClose(
      clv({ ...base, periods: 2000, timing: 'start' }),
      '166.6666666666666666666666666666667',
    );
  });

  it('never exceeds margin-multiple for a positive margin (a one-ulp case)', () => {
    // BUG (fails now): found by the property test; the finite sum comes out one unit in the 34th
    // digit above the infinite one. The exact finite sum is below the infinite one; both round to
    // 734.5769358838115479985830676585193 (Python: Fraction sum, then Decimal prec 34, half-even).
    const input = { margin: '449.78', retentionRate: '0.9221', discountRate: '0.4867' };
    const limit = clv({ method: 'margin-multiple', ...input });
    expect(limit.toString()).toBe('734.5769358838115479985830676585193');
    const finite = clv({ method: 'discounted', ...input, periods: 230 });
    expect(finite.lte(limit), `${finite.toString()} > ${limit.toString()}`).toBe(true);
  });

  it('increases with the number of periods for a positive margin', () => {
    let previous = new Decimal(0);
    for (let n = 1; n <= 40; n++) {
      const value = new Decimal(clv({ ...base, periods: n }).toString());
      expect(value.gt(previous), `n = ${n}`).toBe(true);
      previous = value;
    }
  });

  it.each([
    ['0', 0, 'at least 1'],
    ['2.5', 2.5, 'integer'],
    ['-1', -1, 'integer'],
    ["'abc'", 'abc', 'integer'],
  ])('periods %s → INVALID_INPUT on periods', (_label, periods, text) => {
    const error = expectError(() => clv({ ...base, periods }), 'INVALID_INPUT', 'periods');
    expect(error.message).toContain(text);
  });
});

describe('customerLifetimeValue: method and shape errors', () => {
  it("unknown method 'foo' → INVALID_INPUT on method", () => {
    const error = expectError(() => clv({ method: 'foo', margin: 1 }), 'INVALID_INPUT', 'method');
    expect(error.message).toContain('foo');
    expect(error.message).toContain("'historical'");
  });

  it('missing method → INVALID_INPUT on method, "is required"', () => {
    const error = expectError(
      () => clv({ margin: 100, retentionRate: '0.5', discountRate: '0.25' }),
      'INVALID_INPUT',
      'method',
    );
    expect(error.message).toContain('is required');
  });

  it.each([
    ['a number', 1],
    ['null', null],
    ['an upper-case name', 'Simple'],
    ['an object key of Object.prototype', 'toString'],
  ])('method that is %s → INVALID_INPUT on method', (_label, method) => {
    expectError(() => clv({ method, margin: 1 }), 'INVALID_INPUT', 'method');
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'historical'],
    ['a number', 42],
    ['an array', [{ method: 'historical', amounts: [1] }]],
  ])('%s as the whole input → INVALID_INPUT', (_label, input) => {
    expectError(() => clv(input), 'INVALID_INPUT', '');
  });

  it('retentionRate 1.2 → INVALID_INPUT; negative discountRate → INVALID_INPUT', () => {
    const input = {
      method: 'margin-multiple',
      margin: 100,
      retentionRate: '0.5',
      discountRate: '0.25',
    };
    expectError(() => clv({ ...input, retentionRate: '1.2' }), 'INVALID_INPUT', 'retentionRate');
    expectError(() => clv({ ...input, discountRate: '-0.1' }), 'INVALID_INPUT', 'discountRate');
    expectError(
      () => clv({ ...input, method: 'discounted', periods: 3, discountRate: -0.01 }),
      'INVALID_INPUT',
      'discountRate',
    );
  });

  it("timing other than 'end' / 'start' → INVALID_INPUT on timing", () => {
    const input = {
      method: 'margin-multiple',
      margin: 100,
      retentionRate: '0.5',
      discountRate: '0.25',
    };
    for (const timing of ['middle', 'END', 1, null]) {
      expectError(() => clv({ ...input, timing }), 'INVALID_INPUT', 'timing');
    }
  });

  it('a field of another method is a conflict between methods, named as such', () => {
    const error = expectError(
      () =>
        clv({
          method: 'simple',
          averageOrderValue: 1,
          purchaseFrequency: 1,
          lifespan: 1,
          periods: 3,
        }),
      'INVALID_INPUT',
      'periods',
    );
    expect(error.message).toBe(
      "customerLifetimeValue: periods belongs to method 'discounted', not 'simple': give the fields of one method (method 'simple' takes averageOrderValue, purchaseFrequency, lifespan, grossMargin)",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Bad-input matrix: every field of every method.

const NUMBER_BAD: BadValues = NOT_NUMBERS;
const MONEY_BAD: BadValues = [...NOT_NUMBERS, ...NEGATIVE];
const NON_NEGATIVE_BAD: BadValues = [...NOT_NUMBERS, ['-1', -1], ["'-0.5'", '-0.5']];
const RATE_BAD: BadValues = [
  ...NOT_NUMBERS,
  ['-0.1', -0.1],
  ['1.5', 1.5],
  ["'1.0001'", '1.0001'],
  ['70 (a percentage)', 70],
];
const PERIODS_BAD: BadValues = [
  ...NOT_NUMBERS,
  ['0', 0],
  ['-1', -1],
  ['2.5', 2.5],
  ["'2.5'", '2.5'],
];

const matrix: BadInputCase[] = [
  {
    name: 'historical',
    call: clv,
    valid: { method: 'historical', amounts: [10, 20], grossMargin: '0.5' },
    fields: [['grossMargin', RATE_BAD, 'optional']],
  },
  {
    name: 'simple',
    call: clv,
    valid: {
      method: 'simple',
      averageOrderValue: 50,
      purchaseFrequency: 2,
      lifespan: 3,
      grossMargin: '0.4',
    },
    fields: [
      ['averageOrderValue', MONEY_BAD, 'required'],
      ['purchaseFrequency', NON_NEGATIVE_BAD, 'required'],
      ['lifespan', NON_NEGATIVE_BAD, 'required'],
      ['grossMargin', RATE_BAD, 'optional'],
    ],
  },
  {
    name: 'margin-multiple',
    call: clv,
    valid: { method: 'margin-multiple', margin: 100, retentionRate: '0.5', discountRate: '0.25' },
    fields: [
      ['margin', NUMBER_BAD, 'required'],
      ['retentionRate', RATE_BAD, 'required'],
      ['discountRate', NON_NEGATIVE_BAD, 'required'],
    ],
  },
  {
    name: 'discounted',
    call: clv,
    valid: {
      method: 'discounted',
      margin: 100,
      retentionRate: '0.5',
      discountRate: '0.25',
      periods: 3,
    },
    fields: [
      ['margin', NUMBER_BAD, 'required'],
      ['retentionRate', RATE_BAD, 'required'],
      ['discountRate', NON_NEGATIVE_BAD, 'required'],
      ['periods', PERIODS_BAD, 'required'],
    ],
  },
];

describeBadInput(matrix, 'churn');

describe('CLV inputs are never mutated', () => {
  it('works on deeply frozen inputs and leaves them equal', () => {
    const inputs = [
      { method: 'historical', amounts: Object.freeze([100, -25.5, '10.25']), grossMargin: '0.3' },
      { method: 'simple', averageOrderValue: 50, purchaseFrequency: 2, lifespan: 3 },
      { method: 'margin-multiple', margin: 100, retentionRate: '0.5', discountRate: '0.25' },
      {
        method: 'discounted',
        margin: 100,
        retentionRate: '0.5',
        discountRate: '0.25',
        periods: 3,
        timing: 'start',
      },
    ].map((input) => Object.freeze(input));
    const before = JSON.stringify(inputs);
    for (const input of inputs) clv(input);
    expect(JSON.stringify(inputs)).toBe(before);
  });
});
