import { describe, expect, it } from 'vitest';
import {
  expectedPurchases,
  fitBgNbd,
  fitParetoNbd,
  simulateBgNbd,
  simulateParetoNbd,
} from '../../src/index.js';
import { gammaVariate, uniformGenerator } from '../../src/models/simulate.js';
import { expectError } from '../support/errors.js';

/** Rounds times to whole days of a weekly unit, as summaries of daily data are. */
function toDays<T extends { recency: number; T: number }>(rows: readonly T[]): T[] {
  return rows.map((r) => ({
    ...r,
    recency: Math.round(r.recency * 7) / 7,
    T: Math.round(r.T * 7) / 7,
  }));
}

describe('simulation', () => {
  it('is reproducible by seed', () => {
    const p = { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 };
    expect(simulateBgNbd(p, { customers: 50, T: 39, seed: 3 })).toEqual(
      simulateBgNbd(p, { customers: 50, T: 39, seed: 3 }),
    );
    expect(simulateBgNbd(p, { customers: 50, T: 39, seed: 3 })).not.toEqual(
      simulateBgNbd(p, { customers: 50, T: 39, seed: 4 }),
    );
  });

  it('draws gamma variates with mean shape/rate and variance shape/rate² (shapes below and above 1)', () => {
    const u = uniformGenerator(11);
    for (const [shape, rate] of [
      [0.3, 2],
      [4, 0.5],
    ] as const) {
      const n = 40_000;
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < n; i++) {
        const v = gammaVariate(u, shape, rate);
        sum += v;
        sq += v * v;
      }
      const mean = sum / n;
      expect(Math.abs(mean - shape / rate) / (shape / rate)).toBeLessThan(0.03);
      expect(Math.abs(sq / n - mean * mean - shape / rate ** 2) / (shape / rate ** 2)).toBeLessThan(
        0.08,
      );
    }
  });

  it('BG/NBD: the mean simulated frequency matches E[X(T)] (FHL 2005 eq. 9)', () => {
    const params = { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 };
    const rows = simulateBgNbd(params, { customers: 40_000, T: 39, seed: 5 });
    const mean = rows.reduce((s, r) => s + r.frequency, 0) / rows.length;
    const expected = expectedPurchases({ model: 'bg-nbd', params }, 39);
    expect(Math.abs(mean - expected) / expected).toBeLessThan(0.04);
  });

  it('Pareto/NBD: the mean simulated frequency matches E[X(T)] (Schmittlein et al. eq. 17)', () => {
    const params = { r: 0.5533, alpha: 10.58, s: 0.6061, beta: 11.67 };
    const rows = simulateParetoNbd(params, { customers: 40_000, T: 39, seed: 6 });
    const mean = rows.reduce((s, r) => s + r.frequency, 0) / rows.length;
    const expected = expectedPurchases({ model: 'pareto-nbd', params }, 39);
    expect(Math.abs(mean - expected) / expected).toBeLessThan(0.04);
  });

  it('recovers BG/NBD parameters from 20,000 simulated customers (within 4 standard errors)', () => {
    const truth = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    const model = fitBgNbd(
      toDays(simulateBgNbd(truth, { customers: 20_000, T: [27, 39], seed: 21 })),
    );
    expect(model.converged).toBe(true);
    const se = model.standardErrors as typeof truth;
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(model.params[k] - truth[k])).toBeLessThan(4 * se[k]);
    }
  });

  it('recovers Pareto/NBD parameters from 20,000 simulated customers (within 4 standard errors)', () => {
    const truth = { r: 0.55, alpha: 10, s: 0.6, beta: 12 };
    const model = fitParetoNbd(
      toDays(simulateParetoNbd(truth, { customers: 20_000, T: [27, 39], seed: 22 })),
    );
    expect(model.converged).toBe(true);
    const se = model.standardErrors as typeof truth;
    for (const k of ['r', 'alpha', 's', 'beta'] as const) {
      expect(Math.abs(model.params[k] - truth[k])).toBeLessThan(4 * se[k]);
    }
  });

  it('rejects bad parameters and options', () => {
    const p = { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 };
    expectError(
      () => simulateBgNbd({ ...p, a: 0 }, { customers: 1, T: 1 }),
      'INVALID_INPUT',
      'params.a',
    );
    expectError(
      () => simulateBgNbd(p, { customers: 0, T: 1 }),
      'INVALID_INPUT',
      'options.customers',
    );
    expectError(() => simulateBgNbd(p, { customers: 1, T: [5, 2] }), 'INVALID_INPUT', 'options.T');
    expectError(
      () => simulateBgNbd(p, { customers: 1, T: 1, seed: 0.5 }),
      'INVALID_INPUT',
      'options.seed',
    );
    expectError(
      () => simulateParetoNbd({ r: 1, alpha: 1, s: 1, beta: Number.NaN }, { customers: 1, T: 1 }),
      'INVALID_INPUT',
      'params.beta',
    );
  });
});
