/**
 * Inputs with fields of two alternative forms at once get an error naming the conflict, and the
 * counts of `customerCounts` feed `retentionRate` and `churnRate` as they are.
 */
import { describe, expect, it } from 'vitest';
import {
  averageOrderValue,
  averageOrderValueInputSchema,
  churnRate,
  churnRateInputSchema,
  convertChurnRate,
  customerLifetimeValue,
  customerLifetimeValueInputSchema,
  retentionRate,
  retentionRateInputSchema,
} from '../../src/index.js';
import { customerCounts } from '../../src/transactions/counts.js';
import { expectError } from '../support/errors.js';
import { TINY_LOG, TINY_PERIOD } from '../support/tiny-log.js';

const loose = (value: unknown): never => value as never;

describe('fields of two forms at once', () => {
  it.each([
    [
      'averageOrderValue',
      () => averageOrderValue(loose({ revenue: 10, orders: 1, amounts: [10] })),
      'amounts',
      'averageOrderValue: give either { revenue, orders } or { amounts }, not both',
    ],
    [
      'convertChurnRate',
      () =>
        convertChurnRate(loose({ churnRate: '0.1', lengthRatio: 3, from: 'month', to: 'quarter' })),
      'from',
      'convertChurnRate: give either { churnRate, lengthRatio } or { churnRate, from, to }, not both',
    ],
    [
      'churnRate (lost customers with new customers, no end count)',
      () => churnRate(loose({ startCustomers: 10, newCustomers: 2, lostCustomers: 3 })),
      'lostCustomers',
      'churnRate: give either { startCustomers, endCustomers, newCustomers? } or { startCustomers, lostCustomers }, not both',
    ],
    [
      'customerLifetimeValue (simple with amounts)',
      () =>
        customerLifetimeValue(
          loose({
            method: 'simple',
            averageOrderValue: 5,
            purchaseFrequency: 2,
            lifespan: 3,
            amounts: [1],
          }),
        ),
      'amounts',
      "customerLifetimeValue: amounts belongs to method 'historical', not 'simple'",
    ],
    [
      'customerLifetimeValue (margin-multiple with periods)',
      () =>
        customerLifetimeValue(
          loose({
            method: 'margin-multiple',
            margin: 5,
            retentionRate: '0.5',
            discountRate: '0.1',
            periods: 3,
          }),
        ),
      'periods',
      "customerLifetimeValue: periods belongs to method 'discounted', not 'margin-multiple'",
    ],
  ])('%s', (_name, call, field, message) => {
    const error = expectError(call, 'INVALID_INPUT', field);
    expect(error.message.startsWith(message)).toBe(true);
  });

  it('the exported schemas reject the same mixed inputs', () => {
    expect(
      averageOrderValueInputSchema.safeParse({ revenue: 10, orders: 1, amounts: [10] }).success,
    ).toBe(false);
    expect(
      churnRateInputSchema.safeParse({ startCustomers: 10, newCustomers: 2, lostCustomers: 3 })
        .success,
    ).toBe(false);
    expect(
      customerLifetimeValueInputSchema.safeParse({
        method: 'simple',
        averageOrderValue: 5,
        purchaseFrequency: 2,
        lifespan: 3,
        amounts: [1],
      }).success,
    ).toBe(false);
  });
});

describe('customerCounts → retentionRate, churnRate', () => {
  // S = 2, E = 3, N = 2, worked out by hand in test/support/tiny-log.ts.
  const counts = customerCounts(TINY_LOG, TINY_PERIOD);

  it('counts as worked out by hand', () => {
    expect(counts).toEqual({
      startCustomers: 2,
      endCustomers: 3,
      newCustomers: 2,
      retainedCustomers: 1,
      lostCustomers: 1,
      acquiredCustomers: 1,
      reactivatedCustomers: 1,
    });
  });

  it('feed retentionRate and churnRate as they are', () => {
    // (E − N) / S = (3 − 2) / 2 = 0.5; churn 1 − 0.5 = L / S = 1/2.
    expect(retentionRate(counts).toString()).toBe('0.5');
    expect(churnRate(counts).toString()).toBe('0.5');
    expect(retentionRateInputSchema.safeParse(counts).success).toBe(true);
    expect(churnRateInputSchema.safeParse(counts).success).toBe(true);
  });

  it.each([
    ['retainedCustomers', { retainedCustomers: 2 }, 'must equal endCustomers − newCustomers (1)'],
    [
      'lostCustomers',
      { lostCustomers: 0 },
      'give either lostCustomers or endCustomers and newCustomers',
    ],
    ['acquiredCustomers', { acquiredCustomers: 2 }, 'must equal newCustomers (2)'],
  ])('checks %s against S, E and N', (field, change, text) => {
    for (const fn of [retentionRate, churnRate]) {
      const error = expectError(() => fn({ ...counts, ...change }), 'INVALID_INPUT', field);
      expect(error.message).toContain(text);
    }
    expect(retentionRateInputSchema.safeParse({ ...counts, ...change }).success).toBe(false);
  });

  it('checks one part of N alone against N', () => {
    const { acquiredCustomers: _a, ...withoutAcquired } = counts;
    expect(retentionRate(withoutAcquired).toString()).toBe('0.5');
    expectError(
      () => retentionRate({ ...withoutAcquired, reactivatedCustomers: 3 }),
      'INVALID_INPUT',
      'reactivatedCustomers',
    );
  });
});
