/**
 * The empty-input rule, applied to every metric: a table of each function with its empty (or
 * zero) form and the documented outcome, checked against the table of docs/conventions.md.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { thrown } from '../support/errors.js';

type Outcome = { readonly value: string } | { readonly code: string };

const CASES: readonly (readonly [name: string, call: () => unknown, outcome: Outcome])[] = [
  ['sumExact', () => api.sumExact([]), { value: '0' }],
  ['averageOrderValue', () => api.averageOrderValue({ amounts: [] }), { code: 'EMPTY_INPUT' }],
  [
    'averageOrderValue',
    () => api.averageOrderValue({ revenue: 0, orders: 0 }),
    { code: 'DIVISION_BY_ZERO' },
  ],
  [
    'customerLifetimeValue',
    () => api.customerLifetimeValue({ method: 'historical', amounts: [] }),
    { value: '0' },
  ],
  [
    'customerLifetimeValue',
    () =>
      api.customerLifetimeValue({
        method: 'simple',
        averageOrderValue: 0,
        purchaseFrequency: 0,
        lifespan: 0,
      }),
    { value: '0' },
  ],
  [
    'retentionRate',
    () => api.retentionRate({ startCustomers: 0, endCustomers: 0 }),
    { code: 'DIVISION_BY_ZERO' },
  ],
  [
    'churnRate',
    () => api.churnRate({ startCustomers: 0, lostCustomers: 0 }),
    { code: 'DIVISION_BY_ZERO' },
  ],
  [
    'convertChurnRate',
    () => api.convertChurnRate({ churnRate: 0, lengthRatio: 12 }),
    { value: '0' },
  ],
  [
    'averageCustomerLifespan',
    () => api.averageCustomerLifespan({ churnRate: 0 }),
    { code: 'DIVISION_BY_ZERO' },
  ],
  [
    'purchaseFrequency',
    () => api.purchaseFrequency({ orders: 0, customers: 0 }),
    { code: 'DIVISION_BY_ZERO' },
  ],
  [
    'averageRevenuePerUser',
    () => api.averageRevenuePerUser({ revenue: 0, customers: 0 }),
    { code: 'DIVISION_BY_ZERO' },
  ],
  [
    'repeatPurchaseRate',
    () => api.repeatPurchaseRate({ customers: 0, repeatCustomers: 0 }),
    { code: 'DIVISION_BY_ZERO' },
  ],
  ...(
    [
      ['grossRevenueChurnRate', api.grossRevenueChurnRate],
      ['netRevenueChurnRate', api.netRevenueChurnRate],
      ['netRevenueRetention', api.netRevenueRetention],
      ['grossRevenueRetention', api.grossRevenueRetention],
    ] as const
  ).map(
    ([name, fn]) =>
      [
        name,
        () =>
          fn({
            startingRevenue: 0,
            churnedRevenue: 0,
            contractionRevenue: 0,
            expansionRevenue: 0,
          }),
        { code: 'DIVISION_BY_ZERO' },
      ] as const,
  ),
  [
    'saasQuickRatio',
    () =>
      api.saasQuickRatio({
        newRevenue: 0,
        expansionRevenue: 0,
        churnedRevenue: 0,
        contractionRevenue: 0,
      }),
    { code: 'DIVISION_BY_ZERO' },
  ],
  [
    'ltvToCacRatio',
    () => api.ltvToCacRatio({ lifetimeValue: 0, acquisitionCost: 0 }),
    { code: 'DIVISION_BY_ZERO' },
  ],
  [
    'cacPaybackPeriod',
    () => api.cacPaybackPeriod({ acquisitionCost: 0, revenuePerPeriod: 0 }),
    { code: 'DIVISION_BY_ZERO' },
  ],
];

describe('empty input: every metric', () => {
  it.each(CASES)('%s', (_name, call, outcome) => {
    if ('value' in outcome) expect(String(call())).toBe(outcome.value);
    else expect(thrown(call).code).toBe(outcome.code);
  });

  it('the empty-input table of docs/conventions.md lists every metric of the table above', () => {
    const docs = readFileSync(new URL('../../docs/conventions.md', import.meta.url), 'utf8');
    const section = docs.slice(docs.indexOf('<!-- empty-input-table:start -->'));
    for (const [name] of CASES) expect(section).toContain(`\`${name}`);
  });
});
