import { describe, expect, it } from 'vitest';
import {
  conditionalExpectedPurchases,
  conditionalExpectedSpend,
  expectedPurchases,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  probabilityAlive,
  purchaseCountProbability,
} from '../../src/index.js';
import { expectError } from '../support/errors.js';

const bg = { model: 'bg-nbd', params: { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 } } as const;
const customer = { frequency: 2, recency: 30, T: 38 };

describe('bad input to the models', () => {
  it('fits: rows must be a non-empty list of valid histories', () => {
    expectError(() => fitBgNbd('rows' as never), 'INVALID_INPUT', 'rows');
    expectError(() => fitBgNbd([]), 'EMPTY_INPUT', 'rows');
    expectError(() => fitBgNbd([null as never]), 'INVALID_INPUT', 'rows[0]');
    expectError(
      () => fitBgNbd([{ frequency: 1.5, recency: 1, T: 2 }]),
      'INVALID_INPUT',
      'rows[0].frequency',
    );
    expectError(
      () => fitBgNbd([{ frequency: 1, recency: 3, T: 2 }]),
      'INVALID_INPUT',
      'rows[0].recency',
    );
    expectError(
      () => fitBgNbd([{ frequency: 1, recency: -1, T: 2 }]),
      'INVALID_INPUT',
      'rows[0].recency',
    );
    expectError(
      () => fitBgNbd([{ frequency: 1, recency: 1, T: Number.NaN }]),
      'INVALID_INPUT',
      'rows[0].T',
    );
    expectError(
      () => fitParetoNbd([{ frequency: 1, recency: 1, T: 2, weight: -1 }]),
      'INVALID_INPUT',
      'rows[0].weight',
    );
    expectError(() => fitGammaGamma('x' as never), 'INVALID_INPUT', 'rows');
    expectError(() => fitGammaGamma([null as never]), 'INVALID_INPUT', 'rows[0]');
  });

  it('fits: options are checked', () => {
    const rows = [{ frequency: 1, recency: 1, T: 2 }];
    expectError(() => fitBgNbd(rows, { penalty: -1 }), 'INVALID_INPUT', 'penalty');
    expectError(
      () => fitBgNbd(rows, { initialParams: { r: 0 } }),
      'INVALID_INPUT',
      'initialParams.r',
    );
    expectError(() => fitBgNbd(rows, { unit: 'fortnight' as 'week' }), 'INVALID_INPUT', 'unit');
    expectError(() => fitBgNbd(rows, { speed: 1 } as never), 'INVALID_INPUT', '');
    expectError(
      () => fitGammaGamma([{ frequency: 1, monetaryValue: 1 }], { unit: 'week' } as never),
      'INVALID_INPUT',
      '',
    );
  });

  it('predictions: model, customer, t and n are checked', () => {
    expectError(() => expectedPurchases(null as never, 1), 'INVALID_INPUT', 'model');
    expectError(
      () =>
        expectedPurchases({ model: 'gamma-gamma', params: { p: 1, q: 2, gamma: 1 } } as never, 1),
      'INVALID_INPUT',
      'model',
    );
    expectError(
      () => expectedPurchases({ model: 'bg-nbd', params: { ...bg.params, b: Number.NaN } }, 1),
      'INVALID_INPUT',
      'model.params.b',
    );
    expectError(() => expectedPurchases(bg, -1), 'INVALID_INPUT', 't');
    expectError(() => expectedPurchases(bg, Number.POSITIVE_INFINITY), 'INVALID_INPUT', 't');
    expectError(() => probabilityAlive(bg, 3 as never), 'INVALID_INPUT', 'customer');
    expectError(
      () => probabilityAlive(bg, { ...customer, recency: 40 }),
      'INVALID_INPUT',
      'customer.recency',
    );
    expectError(
      () => conditionalExpectedPurchases(bg, { ...customer, frequency: -2 }, 3),
      'INVALID_INPUT',
      'customer.frequency',
    );
    expectError(() => purchaseCountProbability(bg, 1.5, 3), 'INVALID_INPUT', 'n');
    expectError(
      () => conditionalExpectedSpend(bg as never, { frequency: 1, monetaryValue: 3 }),
      'INVALID_INPUT',
      'spendModel',
    );
    const spend = { model: 'gamma-gamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } } as const;
    expectError(
      () => conditionalExpectedSpend(spend, { frequency: 2, monetaryValue: -3 }),
      'INVALID_INPUT',
      'customer.monetaryValue',
    );
    expectError(() => conditionalExpectedSpend(spend, null as never), 'INVALID_INPUT', 'customer');
  });

  it('predictions never mutate their inputs', () => {
    const model = structuredClone(bg);
    const c = { ...customer };
    conditionalExpectedPurchases(model, c, 10);
    expect(model).toEqual(bg);
    expect(c).toEqual(customer);
  });
});
