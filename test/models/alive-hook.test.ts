import { describe, expect, it } from 'vitest';
import { generateLog } from '../../examples/lib/generate-log.js';
import {
  aliveProbabilityHook,
  classifyCustomers,
  probabilityAlive,
  summarizeTransactions,
} from '../../src/index.js';
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

describe('aliveProbabilityHook with a summary table', () => {
  // The customers above as a log: a on 1997-01-01, 1997-05-01 and 1997-08-01; b five times from
  // 1997-01-01 to 1997-03-02; c once on 1997-09-01.
  const log = [
    ...['1997-01-01', '1997-05-01', '1997-08-01'].map((at) => ({
      customerId: 'a',
      at,
      amount: 10,
    })),
    ...['1997-01-01', '1997-01-15', '1997-02-01', '1997-02-15', '1997-03-02'].map((at) => ({
      customerId: 'b',
      at,
      amount: 16,
    })),
    { customerId: 'c', at: '1997-09-01', amount: 10 },
  ];
  const table = summarizeTransactions(log, { asOf });

  it('gives the probabilities of the rows, reading asOf from the table', () => {
    const fromRows = aliveProbabilityHook(model, customers, { asOf, threshold: 0.5 });
    const fromTable = aliveProbabilityHook(model, table, { threshold: 0.5 });
    for (const id of ['a', 'b', 'c']) {
      expect(fromTable.probability(id)).toBe(fromRows.probability(id));
    }
    // a: x = 2, t_x = 212 days, T = 272 days, in weeks.
    expect(fromTable.probability('a')).toBeCloseTo(
      probabilityAlive(model, { frequency: 2, recency: 212 / 7, T: 272 / 7 }),
      14,
    );
    // The table's rows give the same, too.
    const fromTableRows = aliveProbabilityHook(model, table.toRows(), { asOf, threshold: 0.5 });
    expect(fromTableRows.probability('b')).toBe(fromTable.probability('b'));
  });

  it('agrees with the rows on a generated log of 300 customers, in a time zone, for each model', () => {
    const generated = generateLog(2_000, 300);
    const options = { asOf: '2024-12-31', timeZone: 'America/New_York' } as const;
    const summaries = summarizeTransactions(generated, options);
    const rows = summaries.toRows();
    for (const m of [
      model,
      { ...model, model: 'mbg-nbd' },
      {
        model: 'pareto-nbd',
        unit: 'week',
        params: { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 },
      },
    ] as const) {
      const fromTable = aliveProbabilityHook(m, summaries, { threshold: 0.3 });
      const fromRows = aliveProbabilityHook(m, rows, { ...options, threshold: 0.3 });
      for (const id of summaries.columns.customerId) {
        expect(fromTable.probability(id)).toBe(fromRows.probability(id));
      }
    }
  });

  it("refuses an option that conflicts with the table's, and checks the columns it reads", () => {
    const conflict = expectError(
      () => aliveProbabilityHook(model, table, { asOf: '1997-10-31', threshold: 0.5 }),
      'INVALID_INPUT',
      'options.asOf',
    );
    expect(conflict.message).toContain('conflicts with the summaries');
    expectError(
      () => aliveProbabilityHook(model, table, { threshold: 0.5, timeZone: '+03:00' }),
      'INVALID_INPUT',
      'options.timeZone',
    );
    // The same asOf as the table's is no conflict.
    expect(aliveProbabilityHook(model, table, { asOf, threshold: 0.5 }).probability('c')).toBe(1);
    // A caller's write into a typed column is caught, named as for rows.
    const written = summarizeTransactions(log, { asOf });
    written.columns.lastPurchaseAt[1] = Number.NaN;
    expectError(
      () => aliveProbabilityHook(model, written, { threshold: 0.5 }),
      'INVALID_INPUT',
      'customers[1].lastPurchaseAt',
    );
    const zero = summarizeTransactions(log, { asOf });
    zero.columns.orders[2] = 0;
    expectError(
      () => aliveProbabilityHook(model, zero, { threshold: 0.5 }),
      'INVALID_INPUT',
      'customers[2].orders',
    );
  });
});
