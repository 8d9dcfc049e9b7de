import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { sumAmounts } from '../../src/core/sum.js';
import {
  type AverageOrderValueInput,
  averageOrderValue,
  averageRevenuePerUser,
  purchaseFrequency,
  repeatPurchaseRate,
} from '../../src/metrics/orders.js';
import {
  type BadInputCase,
  type BadValues,
  describeBadInput,
  NEGATIVE,
  NOT_NUMBERS,
} from '../support/bad-input.js';
import { expectError } from '../support/errors.js';

/** A seeded PRNG (mulberry32), so the large test is reproducible. Returns floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The exact decimal string of `units / 10^scale`, written the way decimal.js prints it (no
 * trailing fractional zeros), computed with BigInt only.
 */
function scaledToString(units: bigint, scale: number): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const base = 10n ** BigInt(scale);
  const integer = (abs / base).toString();
  const fraction = (abs % base).toString().padStart(scale, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${integer}${fraction === '' ? '' : `.${fraction}`}`;
}

describe('averageOrderValue', () => {
  it('revenue / orders: 1234.50 / 30 = 41.15', () => {
    // Hand: 30 × 41.15 = 1234.5.
    expect(averageOrderValue({ revenue: '1234.50', orders: 30 }).toString()).toBe('41.15');
    expect(averageOrderValue({ revenue: 1234.5, orders: '30' }).toString()).toBe('41.15');
  });

  it('revenue / orders at 34 digits when the quotient does not terminate', () => {
    // Python decimal, prec 34, half-even: Decimal('1000.01')/3 = 333.3366666666666666666666666666667
    expect(averageOrderValue({ revenue: '1000.01', orders: 3 }).toString()).toBe(
      '333.3366666666666666666666666666667',
    );
  });

  it('revenue 0 gives 0', () => {
    expect(averageOrderValue({ revenue: 0, orders: 5 }).toString()).toBe('0');
  });

  it("amounts ['0.1', '0.2'] average exactly 0.15", () => {
    // Hand: (0.1 + 0.2) / 2 = 0.3 / 2 = 0.15.
    expect(averageOrderValue({ amounts: ['0.1', '0.2'] }).toString()).toBe('0.15');
  });

  it('amounts [0.1, 0.2] as numbers also average exactly 0.15 (no float 0.30000000000000004)', () => {
    // Numbers are read by their shortest decimal form, so this is the same hand calculation.
    expect(averageOrderValue({ amounts: [0.1, 0.2] }).toString()).toBe('0.15');
  });

  it('accepts a mix of numbers, strings and Decimals', () => {
    // Hand: 19.99 + 5.01 + 25 = 50; 50 / 3 = 16.666…, 34 significant digits, half-even:
    // Python decimal, prec 34, half-even: Decimal(50)/3 = 16.66666666666666666666666666666667
    expect(averageOrderValue({ amounts: [19.99, '5.01', new Decimal('25.00')] }).toString()).toBe(
      '16.66666666666666666666666666666667',
    );
  });

  it('accepts typed arrays', () => {
    // Hand: (0.1 + 0.2 + 0.3) / 3 = 0.6 / 3 = 0.2 (the Float64Array holds the same doubles).
    expect(averageOrderValue({ amounts: new Float64Array([0.1, 0.2, 0.3]) }).toString()).toBe(
      '0.2',
    );
    // 0.5 and 0.25 are exact in float32: (0.5 + 0.25) / 2 = 0.375.
    expect(averageOrderValue({ amounts: new Float32Array([0.5, 0.25]) }).toString()).toBe('0.375');
    // Hand: (1 + 2 + 3 + 4) / 4 = 2.5.
    expect(averageOrderValue({ amounts: new Int32Array([1, 2, 3, 4]) }).toString()).toBe('2.5');
    expect(averageOrderValue({ amounts: new Uint32Array([4294967295, 1]) }).toString()).toBe(
      // Hand: (4294967295 + 1) / 2 = 4294967296 / 2 = 2147483648.
      '2147483648',
    );
  });

  it('sums amounts with more decimals and large values exactly', () => {
    // Hand, column addition:
    //   9007199254740992          (2^53)
    // +   10000000000000.01       (1e13 + 0.01)
    // +        123456789.123456
    // +                0.001
    // +                0.0000001
    // = 9017199378197781.1344561;  / 5 = 1803439875639556.22689122
    // Python decimal, prec 34, half-even: the same sum and quotient.
    const amounts = [2 ** 53, 1e13 + 0.01, 123456789.123456, 0.001, 1e-7];
    expect(averageOrderValue({ amounts }).toString()).toBe('1803439875639556.22689122');
    expect(sumAmounts('t', 'amounts', amounts).total.toString()).toBe('9017199378197781.1344561');
  });

  it('sums 1,000,000 two-decimal amounts exactly (numbers, a few strings, some near 2^50 cents)', () => {
    const n = 1_000_000;
    const random = mulberry32(20240607);
    const amounts: (number | string)[] = new Array(n);
    let cents = 0n;
    for (let i = 0; i < n; i++) {
      // Up to 99,999.99 per order, and every 100,003rd order just below the 2^50-cent fast-path
      // limit (≈ 1.1e13), so the integer accumulator has to be folded several times.
      const c = i % 100_003 === 7 ? 2 ** 50 - 1 - (i % 1000) : Math.floor(random() * 10_000_000);
      cents += BigInt(c);
      amounts[i] = i % 997 === 0 ? scaledToString(BigInt(c), 2) : c / 100;
    }
    // Reference: BigInt arithmetic on the cents, independent of decimal.js.
    const expectedTotal = scaledToString(cents, 2);
    const { total, count } = sumAmounts('t', 'amounts', amounts);
    expect(count).toBe(n);
    expect(total.toString()).toBe(expectedTotal);
    // AOV = total / 10^6 is a terminating quotient, so it is exact: cents / 10^8.
    const aov = averageOrderValue({ amounts });
    expect(aov.toString()).toBe(scaledToString(cents, 8));
    expect(aov.times(n).toString()).toBe(expectedTotal);
  });

  describe('errors', () => {
    it('empty amounts → EMPTY_INPUT on amounts', () => {
      const error = expectError(() => averageOrderValue({ amounts: [] }), 'EMPTY_INPUT', 'amounts');
      expect(error.message).toContain('must not be empty');
      expectError(
        () => averageOrderValue({ amounts: new Float64Array(0) }),
        'EMPTY_INPUT',
        'amounts',
      );
    });

    it.each([
      ['NaN', Number.NaN],
      ['-1', -1],
      ["'x'", 'x'],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['-Infinity', Number.NEGATIVE_INFINITY],
      ["'-0.01'", '-0.01'],
      ['null', null],
      ['undefined', undefined],
      ['true', true],
      ['{}', {}],
      ['[]', []],
      ["'1e99999999999999999'", '1e99999999999999999'],
    ])('amounts[3] = %s → INVALID_INPUT naming amounts[3]', (_label, bad) => {
      const amounts: unknown[] = [1, '2', 3.5, bad, 5];
      const error = expectError(
        () => averageOrderValue({ amounts }),
        'INVALID_INPUT',
        'amounts[3]',
      );
      expect(error.path).toEqual(['amounts', 3]);
    });

    it('names the index of a bad element of a typed array', () => {
      expectError(
        () => averageOrderValue({ amounts: new Float64Array([1, 2, 3, Number.NaN]) }),
        'INVALID_INPUT',
        'amounts[3]',
      );
      expectError(
        () => averageOrderValue({ amounts: new Int32Array([1, 2, -3]) }),
        'INVALID_INPUT',
        'amounts[2]',
      );
    });

    it('names the first bad element when there are several', () => {
      expectError(
        () => averageOrderValue({ amounts: [1, 'x', -1] }),
        'INVALID_INPUT',
        'amounts[1]',
      );
    });

    it.each([
      ['a string', 'abc'],
      ['a number', 5],
      ['an object', {}],
      ['null', null],
      ['a Uint8Array', new Uint8Array([1])],
    ])('amounts that is %s → INVALID_INPUT on amounts', (_label, amounts) => {
      expectError(
        () => averageOrderValue({ amounts } as unknown as AverageOrderValueInput),
        'INVALID_INPUT',
        'amounts',
      );
    });

    it('orders 0 → DIVISION_BY_ZERO on orders', () => {
      const error = expectError(
        () => averageOrderValue({ revenue: 100, orders: 0 }),
        'DIVISION_BY_ZERO',
        'orders',
      );
      expect(error.message).toContain('division by zero');
    });

    it.each([
      ['2.5', 2.5],
      ["'2.5'", '2.5'],
      ['-1', -1],
    ])('orders %s → INVALID_INPUT on orders', (_label, orders) => {
      expectError(() => averageOrderValue({ revenue: 100, orders }), 'INVALID_INPUT', 'orders');
    });

    it('rejects mixing the two forms', () => {
      const error = expectError(
        () => averageOrderValue({ amounts: [1], revenue: 1 } as unknown as AverageOrderValueInput),
        'INVALID_INPUT',
        'amounts',
      );
      expect(error.message).toBe(
        "averageOrderValue: give either { revenue, orders } or { amounts }, not both (received 'revenue' and 'amounts')",
      );
    });
  });
});

describe('purchaseFrequency', () => {
  it('is orders / customers', () => {
    // Hand: 300 / 120 = 2.5.
    expect(purchaseFrequency({ orders: 300, customers: 120 }).toString()).toBe('2.5');
    // Python decimal, prec 34, half-even: Decimal(6919)/Decimal(2357) = 2.935511243105642766228256257955028
    expect(purchaseFrequency({ orders: 6919, customers: 2357 }).toString()).toBe(
      '2.935511243105642766228256257955028',
    );
    expect(purchaseFrequency({ orders: 0, customers: 7 }).toString()).toBe('0');
  });

  it('accepts integral strings and Decimals', () => {
    // Hand: 10 / 4 = 2.5.
    expect(purchaseFrequency({ orders: '10', customers: new Decimal(4) }).toString()).toBe('2.5');
    expect(purchaseFrequency({ orders: '10.0', customers: '4' }).toString()).toBe('2.5');
  });

  it('customers 0 → DIVISION_BY_ZERO on customers', () => {
    expectError(
      () => purchaseFrequency({ orders: 3, customers: 0 }),
      'DIVISION_BY_ZERO',
      'customers',
    );
  });
});

describe('repeatPurchaseRate', () => {
  it('is repeatCustomers / customers', () => {
    // Hand: 30 / 120 = 0.25.
    expect(repeatPurchaseRate({ customers: 120, repeatCustomers: 30 }).toString()).toBe('0.25');
    // Python decimal, prec 34, half-even: Decimal(946)/Decimal(2357) = 0.4013576580398812049215103945693678
    expect(repeatPurchaseRate({ customers: 2357, repeatCustomers: 946 }).toString()).toBe(
      '0.4013576580398812049215103945693678',
    );
    expect(repeatPurchaseRate({ customers: 5, repeatCustomers: 5 }).toString()).toBe('1');
    expect(repeatPurchaseRate({ customers: 5, repeatCustomers: 0 }).toString()).toBe('0');
  });

  it('repeatCustomers > customers → INVALID_INPUT on repeatCustomers', () => {
    const error = expectError(
      () => repeatPurchaseRate({ customers: 10, repeatCustomers: 11 }),
      'INVALID_INPUT',
      'repeatCustomers',
    );
    expect(error.message).toContain('customers');
  });

  it('customers 0 → DIVISION_BY_ZERO on customers', () => {
    expectError(
      () => repeatPurchaseRate({ customers: 0, repeatCustomers: 0 }),
      'DIVISION_BY_ZERO',
      'customers',
    );
  });
});

describe('averageRevenuePerUser', () => {
  it('is revenue / customers', () => {
    // Hand: 12500 / 250 = 50.
    expect(averageRevenuePerUser({ revenue: '12500.00', customers: 250 }).toString()).toBe('50');
    // Python decimal, prec 34, half-even: Decimal('1000.01')/3 = 333.3366666666666666666666666666667
    expect(averageRevenuePerUser({ revenue: '1000.01', customers: 3 }).toString()).toBe(
      '333.3366666666666666666666666666667',
    );
    // 0.1 as a number is one tenth: 0.1 / 4 = 0.025.
    expect(averageRevenuePerUser({ revenue: 0.1, customers: 4 }).toString()).toBe('0.025');
  });

  it('customers 0 → DIVISION_BY_ZERO on customers', () => {
    expectError(
      () => averageRevenuePerUser({ revenue: 10, customers: 0 }),
      'DIVISION_BY_ZERO',
      'customers',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Bad-input matrix: every numeric field of every function in orders.ts.

const COUNT_BAD: BadValues = [
  ...NOT_NUMBERS,
  ['-1', -1],
  ["'-1'", '-1'],
  ['2.5', 2.5],
  ["'2.5'", '2.5'],
  ['1e-9', 1e-9],
];
const MONEY_BAD: BadValues = [...NOT_NUMBERS, ...NEGATIVE];

const matrix: (BadInputCase & { readonly numerators: readonly string[] })[] = [
  {
    name: 'averageOrderValue (revenue, orders)',
    call: (input) => averageOrderValue(input as AverageOrderValueInput),
    valid: { revenue: 100, orders: 4 },
    fields: [
      ['revenue', MONEY_BAD],
      ['orders', COUNT_BAD],
    ],
    numerators: ['revenue'],
  },
  {
    name: 'purchaseFrequency',
    call: (input) => purchaseFrequency(input as Parameters<typeof purchaseFrequency>[0]),
    valid: { orders: 10, customers: 4 },
    fields: [
      ['orders', COUNT_BAD],
      ['customers', COUNT_BAD],
    ],
    numerators: ['orders'],
  },
  {
    name: 'repeatPurchaseRate',
    call: (input) => repeatPurchaseRate(input as Parameters<typeof repeatPurchaseRate>[0]),
    valid: { customers: 10, repeatCustomers: 4 },
    fields: [
      ['customers', COUNT_BAD],
      ['repeatCustomers', COUNT_BAD],
    ],
    numerators: ['repeatCustomers'],
  },
  {
    name: 'averageRevenuePerUser',
    call: (input) => averageRevenuePerUser(input as Parameters<typeof averageRevenuePerUser>[0]),
    valid: { revenue: 100, customers: 4 },
    fields: [
      ['revenue', MONEY_BAD],
      ['customers', COUNT_BAD],
    ],
    numerators: ['revenue'],
  },
];

describeBadInput(matrix, 'discount');

describe.each(matrix)('zero numerators: $name', ({ call, valid, numerators }) => {
  it.each(numerators)('accepts -0 in the numerator %s as 0 (-0 ≥ 0 in JavaScript)', (field) => {
    // Hand: 0 / anything non-zero = 0.
    expect(call({ ...valid, [field]: -0 }).toString()).toBe('0');
  });
});

describe('order inputs are never mutated', () => {
  it('works on deeply frozen inputs and leaves them equal', () => {
    const amounts = Object.freeze([0.1, '0.2', 3]);
    const byAmounts = Object.freeze({ amounts });
    const byTotals = Object.freeze({ revenue: '1234.50', orders: 30 });
    const freq = Object.freeze({ orders: 10, customers: 4 });
    const repeat = Object.freeze({ customers: 10, repeatCustomers: 4 });
    const arpu = Object.freeze({ revenue: 100, customers: 4 });
    const before = JSON.stringify([byAmounts, byTotals, freq, repeat, arpu]);
    averageOrderValue(byAmounts);
    averageOrderValue(byTotals);
    purchaseFrequency(freq);
    repeatPurchaseRate(repeat);
    averageRevenuePerUser(arpu);
    expect(JSON.stringify([byAmounts, byTotals, freq, repeat, arpu])).toBe(before);
  });

  it('leaves a typed array unchanged', () => {
    const amounts = new Float64Array([0.1, 0.2, 0.3]);
    const copy = Array.from(amounts);
    averageOrderValue({ amounts });
    expect(Array.from(amounts)).toEqual(copy);
  });
});
