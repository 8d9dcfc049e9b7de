import { describe, expect, it } from 'vitest';
import { aliveProbabilityHook, classifyCustomers, probabilityAlive } from '../../src/index.js';
import { expectError, thrown } from '../support/errors.js';

const model = {
  model: 'bg-nbd',
  unit: 'week',
  params: { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 },
} as const;
const customers = [
  // 3 orders; first 1997-01-01, last 1997-08-01 (212 days), asOf 1997-09-30 (272 days).
  {
    customerId: 'a',
    firstPurchaseAt: '1997-01-01',
    lastPurchaseAt: '1997-08-01',
    orders: 3,
    totalRevenue: 30,
  },
  // 5 orders, the last one 212 days ago: long silent for a frequent buyer.
  {
    customerId: 'b',
    firstPurchaseAt: '1997-01-01',
    lastPurchaseAt: '1997-03-02',
    orders: 5,
    totalRevenue: 80,
  },
  {
    customerId: 'c',
    firstPurchaseAt: '1997-09-01',
    lastPurchaseAt: '1997-09-01',
    orders: 1,
    totalRevenue: 10,
  },
];
const asOf = '1997-09-30';

describe('aliveProbabilityHook', () => {
  it("converts the classifier's dates into the model's unit (weeks: days / 7)", () => {
    const hook = aliveProbabilityHook(model, customers, { asOf, threshold: 0.5 });
    expect(hook.threshold).toBe(0.5);
    expect(hook.probability('a')).toBeCloseTo(
      probabilityAlive(model, { frequency: 2, recency: 212 / 7, T: 272 / 7 }),
      14,
    );
    expect(hook.probability('c')).toBe(1);
    const inDays = aliveProbabilityHook(
      { ...model, unit: 'day', params: { ...model.params, alpha: 4.414 * 7 } },
      customers,
      { asOf, threshold: 0.5 },
    );
    // α in days = 7 × α in weeks gives the same P(alive).
    expect(inDays.probability('b')).toBeCloseTo(hook.probability('b'), 12);
  });

  it('plugs into classifyCustomers: at-risk is P(alive) below the threshold', () => {
    const hook = aliveProbabilityHook(model, customers, { asOf, threshold: 0.5 });
    expect(hook.probability('b')).toBeLessThan(0.5);
    expect(hook.probability('a')).toBeGreaterThan(0.5);
    const classified = classifyCustomers(customers, {
      asOf,
      disable: ['vip', 'new'],
      atRisk: { aliveProbability: hook },
    });
    const segments = new Map(classified.toRows().map((c) => [c.customerId, c.segment]));
    expect(segments.get('b')).toBe('at-risk');
    expect(segments.get('a')).toBe('active');
  });

  it('rejects bad input and unknown customers', () => {
    const hook = aliveProbabilityHook(model, customers, { asOf, threshold: 0.5 });
    expect(thrown(() => hook.probability('zzz')).code).toBe('INVALID_INPUT');
    expectError(
      () => aliveProbabilityHook(model, customers, { asOf, threshold: 2 }),
      'INVALID_INPUT',
      'options.threshold',
    );
    expectError(
      () => aliveProbabilityHook(model, customers, { asOf: 'soon', threshold: 0.5 }),
      'INVALID_INPUT',
      'options.asOf',
    );
    expectError(
      () =>
        aliveProbabilityHook({ ...model, unit: 'fortnight' as 'week' }, customers, {
          asOf,
          threshold: 0.5,
        }),
      'INVALID_INPUT',
      'model.unit',
    );
    expectError(
      () =>
        aliveProbabilityHook(model, [{ ...customers[0], orders: 0 } as never], {
          asOf,
          threshold: 0.5,
        }),
      'INVALID_INPUT',
      'customers[0].orders',
    );
    expectError(
      () =>
        aliveProbabilityHook(model, [{ ...customers[0], lastPurchaseAt: '1996-01-01' } as never], {
          asOf,
          threshold: 0.5,
        }),
      'INVALID_INPUT',
      'customers[0].lastPurchaseAt',
    );
    expectError(
      () =>
        aliveProbabilityHook(model, [{ ...customers[0], firstPurchaseAt: 'x' } as never], {
          asOf,
          threshold: 0.5,
        }),
      'INVALID_INPUT',
      'customers[0].firstPurchaseAt',
    );
    expectError(
      () => aliveProbabilityHook(model, customers, { asOf: '1997-05-01', threshold: 0.5 }),
      'INVALID_INPUT',
      'customers[0].lastPurchaseAt',
    );
    expectError(
      () => aliveProbabilityHook(model, [null as never], { asOf, threshold: 0.5 }),
      'INVALID_INPUT',
      'customers[0]',
    );
  });
});
