import DecimalJs from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { Decimal } from '../../src/core/decimal.js';
import { D } from '../../src/core/numeric.js';
import { sumExact } from '../../src/core/sum-exact.js';
import {
  averageOrderValue,
  convertChurnRate,
  customerLifetimeValue,
  retentionRate,
  summarizeTransactions,
} from '../../src/index.js';
import { expectError } from '../support/errors.js';

/** A few results of the library, as strings. */
function results(): string[] {
  return [
    retentionRate({ startCustomers: 3, endCustomers: 2 }).toString(),
    averageOrderValue({ amounts: ['10', '10', '10.01'] }).toString(),
    convertChurnRate({ churnRate: '0.05', lengthRatio: 12 }).toString(),
    customerLifetimeValue({
      method: 'simple',
      averageOrderValue: '41.15',
      purchaseFrequency: '2.5',
      lifespan: '3',
    }).toString(),
    String(
      summarizeTransactions(
        [
          { customerId: 'a', at: '2024-01-01', amount: 1 },
          { customerId: 'a', at: '2024-01-02', amount: 2 },
          { customerId: 'a', at: '2024-01-03', amount: 2 },
        ],
        { asOf: '2024-02-01' },
      ).at(0)?.averageOrderValue,
    ),
    sumExact([1, 2, '1e-40']).toString(),
  ];
}

describe('Decimal: the constructor for callers', () => {
  const saved = { precision: Decimal.precision, rounding: Decimal.rounding };
  afterEach(() => {
    Decimal.set(saved);
  });

  it('has the library settings: 34 digits, half to even', () => {
    expect(Decimal.precision).toBe(34);
    expect(Decimal.rounding).toBe(DecimalJs.ROUND_HALF_EVEN);
    // 1/3 to 34 digits; 2.5 and 3.5 to integers go to the even neighbours 2 and 4.
    expect(new Decimal(1).div(3).toString()).toBe(`0.${'3'.repeat(34)}`);
    expect(new Decimal('2.5').toDecimalPlaces(0).toString()).toBe('2');
    expect(new Decimal('3.5').toDecimalPlaces(0).toString()).toBe('4');
  });

  it('is not the library constructor, and changing its settings changes no result', () => {
    expect(Decimal).not.toBe(D);
    expect(Decimal).not.toBe(DecimalJs);
    const before = results();
    // Hand-checked: 2/3 at 34 digits; 30.01 / 3; 1 − 0.95^12; 41.15 × 2.5 × 3; (1+2+2)/3 orders.
    expect(before.slice(0, 2)).toEqual([
      `0.${'6'.repeat(33)}7`,
      '10.00333333333333333333333333333333',
    ]);
    Decimal.set({ precision: 3, rounding: DecimalJs.ROUND_DOWN, toExpNeg: -1 });
    expect(new Decimal(2).div(3).toString()).toBe('6.66e-1');
    expect(results()).toEqual(before);
    // The library's constructor kept its settings.
    expect(D.precision).toBe(34);
  });

  it('compares by value with its methods, where `>` compares strings', () => {
    const small = new Decimal('9.99');
    const large = new Decimal('35.5');
    expect(small.lt(large)).toBe(true);
    expect(small.cmp(large)).toBe(-1);
    expect(String(small) > String(large)).toBe(true);
  });
});

describe('sumExact', () => {
  it('adds exactly, as decimal.js does', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in float64; exactly 0.3 here.
    expect(sumExact([0.1, 0.2]).toString()).toBe('0.3');
    expect(sumExact(['19.99', '-5', 0.01, new DecimalJs('0.001')]).toString()).toBe('15.001');
    expect(sumExact(new Float64Array([1.5, 2.25])).toString()).toBe('3.75');
    // A million cents: 10 000.00 exactly.
    expect(sumExact(new Array(1_000_000).fill(0.01)).toString()).toBe('10000');
    const many = Array.from({ length: 500 }, (_, i) => (i % 7) * 0.37 + 1e-3 * i);
    expect(sumExact(many).toString()).toBe(
      many.reduce((t: DecimalJs, v) => t.plus(new D(v)), new D(0)).toString(),
    );
  });

  it('returns 0 for no amounts, and a Decimal of the library', () => {
    expect(sumExact([]).toString()).toBe('0');
    expect(sumExact([1])).toBeInstanceOf(D);
  });

  it('names a bad amount', () => {
    expectError(() => sumExact([1, 'ten']), 'INVALID_INPUT', 'amounts[1]');
    expectError(() => sumExact([1, Number.NaN]), 'INVALID_INPUT', 'amounts[1]');
    expectError(() => sumExact('1,2' as never), 'INVALID_INPUT', 'amounts');
  });
});
