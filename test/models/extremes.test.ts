import { describe, expect, it } from 'vitest';
import {
  conditionalExpectedPurchases,
  expectedPurchases,
  fitBgNbd,
  fitModifiedBgNbd,
  fitParetoNbd,
  probabilityAlive,
  purchaseCountProbability,
} from '../../src/index.js';

const models = [
  { model: 'bg-nbd', params: { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 } },
  { model: 'mbg-nbd', params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 } },
  { model: 'pareto-nbd', params: { r: 0.5533, alpha: 10.58, s: 0.6061, beta: 11.67 } },
  // a > 1 and a = 1 (the removable singularity of (a+b−1)/(a−1)), s = 1 for Pareto/NBD.
  { model: 'bg-nbd', params: { r: 2, alpha: 3, a: 3.5, b: 1.2 } },
  { model: 'bg-nbd', params: { r: 0.5, alpha: 5, a: 1, b: 2 } },
  { model: 'mbg-nbd', params: { r: 0.5, alpha: 5, a: 1.00001, b: 2 } },
  { model: 'pareto-nbd', params: { r: 0.5, alpha: 3, s: 1, beta: 200 } },
] as const;

const histories = [
  { frequency: 0, recency: 0, T: 0 },
  { frequency: 0, recency: 0, T: 39 },
  { frequency: 1, recency: 39, T: 39 }, // t_x = T
  { frequency: 1000, recency: 30, T: 39 },
  { frequency: 1000, recency: 1, T: 10_000 },
  { frequency: 5, recency: 10_000, T: 10_000 },
  { frequency: 3, recency: 0.001, T: 10_000 },
];
const horizons = [0, 1e-6, 1, 39, 520, 1e6];

describe('extreme inputs never give NaN or Infinity', () => {
  for (const model of models) {
    it(`${model.model} ${JSON.stringify(model.params)}`, () => {
      for (const h of histories) {
        const p = probabilityAlive(model, h);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        let previous = -1;
        for (const t of horizons) {
          const e = conditionalExpectedPurchases(model, h, t);
          expect(Number.isFinite(e)).toBe(true);
          expect(e).toBeGreaterThanOrEqual(previous);
          previous = e;
        }
      }
      let previous = -1;
      for (const t of horizons) {
        const e = expectedPurchases(model, t);
        expect(Number.isFinite(e)).toBe(true);
        expect(e).toBeGreaterThanOrEqual(previous);
        previous = e;
        for (const n of [0, 1, 1000]) {
          const q = purchaseCountProbability(model, n, t);
          expect(q).toBeGreaterThanOrEqual(0);
          expect(q).toBeLessThanOrEqual(1);
        }
      }
    });
  }

  it('a heavy buyer who stopped long ago is almost surely gone; one still buying is alive', () => {
    const bg = models[0];
    expect(probabilityAlive(bg, { frequency: 1000, recency: 1, T: 10_000 })).toBe(0);
    expect(probabilityAlive(bg, { frequency: 1000, recency: 10_000, T: 10_000 })).toBeCloseTo(
      1 / (1 + 0.7929 / (2.426 + 999)),
      12,
    );
  });

  it('near a = 1 the expectation is continuous (limit of (a+b−1)/(a−1)·[…])', () => {
    const at = (a: number): number =>
      expectedPurchases({ model: 'bg-nbd', params: { r: 0.5, alpha: 5, a, b: 2 } }, 200);
    // Smooth through a = 1: the value there is the mean of its neighbours to second order.
    expect(Math.abs(at(1) - (at(0.999) + at(1.001)) / 2) / at(1)).toBeLessThan(1e-6);
    expect(at(0.999)).toBeGreaterThan(at(1));
    expect(at(1)).toBeGreaterThan(at(1.001));
  });
});

describe('fits of data without a finite optimum end finite and flagged', () => {
  it('one customer (x = 3, t_x = 5, T = 10): the log-likelihood stays below its bound', () => {
    // Whatever the parameters, L ≤ sup_λ λ^x e^{−λ t_x} (the purchases up to t_x, surviving to
    // them), so LL ≤ x ln(x/t_x) − x = 3 ln 0.6 − 3 = −4.532.
    const bound = 3 * Math.log(3 / 5) - 3;
    for (const fitModel of [fitBgNbd, fitModifiedBgNbd, fitParetoNbd]) {
      const model = fitModel([{ frequency: 3, recency: 5, T: 10 }]);
      expect(Number.isFinite(model.logLikelihood)).toBe(true);
      expect(model.logLikelihood).toBeLessThanOrEqual(bound + 1e-9);
      expect(Object.values(model.params).every(Number.isFinite)).toBe(true);
    }
  });

  it('customers without repeat purchases: a finite fit with a log-likelihood near 0', () => {
    for (const fitModel of [fitBgNbd, fitModifiedBgNbd, fitParetoNbd]) {
      const model = fitModel([
        { frequency: 0, recency: 0, T: 10 },
        { frequency: 0, recency: 0, T: 20 },
      ]);
      expect(Number.isFinite(model.logLikelihood)).toBe(true);
      expect(model.logLikelihood).toBeLessThanOrEqual(0);
      expect(model.logLikelihood).toBeGreaterThan(-1e-3);
    }
  });
});
