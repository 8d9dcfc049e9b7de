import { describe, expect, it } from 'vitest';
import {
  conditionalExpectedPurchases,
  conditionalExpectedSpend,
  forecastCustomers,
  probabilityAlive,
} from '../../src/index.js';
import { expectError } from '../support/errors.js';

// FHL 2005 (BG/NBD) and Hardie's Gamma-Gamma note, CDNOW, weeks and dollars.
const purchaseModel = {
  model: 'bg-nbd',
  params: { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 },
} as const;
const spendModel = { model: 'gamma-gamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } } as const;
const customers = [
  { customerId: 'x', frequency: 2, recency: 30.43, T: 38.86, monetaryValue: '22.35' },
  { customerId: 'new', frequency: 0, recency: 0, T: 38.86, monetaryValue: 0 },
];

describe('forecastCustomers', () => {
  it('discounts the expected purchases of each period, as the formula in the issue writes it', () => {
    const periods = 3;
    const L = 13;
    const d = 0.1;
    const [row] = forecastCustomers(customers, {
      purchaseModel,
      spendModel,
      periods,
      periodLength: L,
      discountRate: d,
      margin: 0.3,
    });
    const history = customers[0] as (typeof customers)[number];
    const C = (t: number): number => conditionalExpectedPurchases(purchaseModel, history, t);
    const spend = conditionalExpectedSpend(spendModel, history);
    let clv = 0;
    for (let i = 1; i <= periods; i++) clv += (spend * (C(i * L) - C((i - 1) * L))) / (1 + d) ** i;
    expect(row?.customerId).toBe('x');
    expect(row?.lifetimeValue).toBeCloseTo(0.3 * clv, 10);
    expect(row?.expectedPurchases).toBeCloseTo(C(39), 12);
    expect(row?.expectedSpend).toBeCloseTo(spend, 12);
    expect(row?.probabilityAlive).toBeCloseTo(probabilityAlive(purchaseModel, history), 12);
  });

  it('gives a customer without repeat purchases the population mean spend p γ/(q − 1)', () => {
    const [, row] = forecastCustomers(customers, {
      purchaseModel,
      spendModel,
      periods: 12,
      periodLength: 4.345,
      discountRate: 0.01,
    });
    expect(row?.expectedSpend).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
    expect(row?.lifetimeValue).toBeGreaterThan(0);
  });

  it('without a spend model gives no spend and no value; works for MBG/NBD and Pareto/NBD', () => {
    for (const model of [
      purchaseModel,
      { model: 'mbg-nbd', params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 } } as const,
      { model: 'pareto-nbd', params: { r: 0.5533, alpha: 10.58, s: 0.6061, beta: 11.67 } } as const,
    ]) {
      const rows = forecastCustomers(customers, {
        purchaseModel: model,
        periods: 1,
        periodLength: 39,
        discountRate: 0,
      });
      expect(Object.keys(rows[0] ?? {})).toEqual([
        'customerId',
        'probabilityAlive',
        'expectedPurchases',
      ]);
      expect(rows[0]?.expectedPurchases).toBeCloseTo(
        conditionalExpectedPurchases(model, customers[0] as (typeof customers)[number], 39),
        12,
      );
    }
  });

  it('rejects bad options and rows, naming the field', () => {
    const base = { purchaseModel, periods: 1, periodLength: 39, discountRate: 0 };
    expectError(
      () => forecastCustomers(customers, { ...base, periods: 0 }),
      'INVALID_INPUT',
      'periods',
    );
    expectError(
      () => forecastCustomers(customers, { ...base, periodLength: -1 }),
      'INVALID_INPUT',
      'periodLength',
    );
    // no customers give no rows (docs/conventions.md, convention 4)
    expect(forecastCustomers([], base)).toEqual([]);
    expectError(
      () => forecastCustomers([{ customerId: 'a', frequency: -1, recency: 0, T: 3 }], base),
      'INVALID_INPUT',
      'customers[0].frequency',
    );
    expectError(
      () =>
        forecastCustomers(
          [{ customerId: {} as unknown as string, frequency: 0, recency: 0, T: 3 }],
          base,
        ),
      'INVALID_INPUT',
      'customers[0].customerId',
    );
    expectError(
      () =>
        forecastCustomers([{ customerId: 'a', frequency: 2, recency: 1, T: 3 }], {
          ...base,
          spendModel,
        }),
      'INVALID_INPUT',
      'customers[0].monetaryValue',
    );
    expectError(
      () =>
        forecastCustomers(customers, {
          ...base,
          purchaseModel: spendModel as unknown as typeof purchaseModel,
        }),
      'INVALID_INPUT',
      'purchaseModel',
    );
  });
});
