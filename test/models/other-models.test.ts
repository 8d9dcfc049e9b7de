import { describe, expect, it } from 'vitest';
import {
  conditionalExpectedPurchases,
  conditionalExpectedSpend,
  expectedPurchases,
  fitGammaGamma,
  fitModifiedBgNbd,
  fitParetoNbd,
  probabilityAlive,
  purchaseCountProbability,
} from '../../src/index.js';
import { gammaVariate, uniformGenerator } from '../../src/models/simulate.js';
import { expectError, thrown } from '../support/errors.js';
import { cdnowRows } from './cdnow.js';

const rows = cdnowRows();

/** Equal to three significant figures. */
function sig3(a: number, b: number): void {
  expect(a.toPrecision(3)).toBe(b.toPrecision(3));
}

describe('fitModifiedBgNbd on CDNOW (Batislam, Denizel & Filiztekin 2007 model; estimates as lifetimes reports them: r = 0.525, α = 6.183, a = 0.891, b = 1.614)', () => {
  const model = fitModifiedBgNbd(rows, { unit: 'week' });
  it('reproduces the estimates', () => {
    sig3(model.params.r, 0.525);
    sig3(model.params.alpha, 6.183);
    sig3(model.params.a, 0.891);
    sig3(model.params.b, 1.614);
    expect(model.converged).toBe(true);
    expect(model.standardErrors).not.toBeNull();
    // 2,357 customers identify the four parameters: the control of identification.test.ts.
    expect(model.warnings).toEqual([]);
  });
  it('gives customers without repeat purchases P(alive) < 1', () => {
    const p = model.params;
    // 1 / (1 + a/b · ((α+T)/α)^r)
    expect(probabilityAlive(model, { frequency: 0, recency: 0, T: 38 })).toBeCloseTo(
      1 / (1 + (p.a / p.b) * ((p.alpha + 38) / p.alpha) ** p.r),
      12,
    );
  });
  it('E[X(t)] = b/(a−1)·[1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))] (as lifetimes writes it) matches a simulation of the model', () => {
    // MBG/NBD: a customer may drop out right at the first purchase and after each repeat one.
    const { r, alpha, a, b } = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
    const u = uniformGenerator(9);
    const n = 40_000;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const lambda = gammaVariate(u, r, alpha);
      const g = gammaVariate(u, a, 1);
      const p = g / (g + gammaVariate(u, b, 1));
      if (u() < p) continue;
      let t = 0;
      for (;;) {
        t += -Math.log(u()) / lambda;
        if (t > 39) break;
        total++;
        if (u() < p) break;
      }
    }
    const expected = expectedPurchases({ model: 'mbg-nbd', params: { r, alpha, a, b } }, 39);
    expect(Math.abs(total / n - expected) / expected).toBeLessThan(0.04);
  });
  it('P(X(t) = n) adds up to 1 with mean E[X(t)] (Batislam et al. 2007 eqs. 8–9)', () => {
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 400; n++) {
      const q = purchaseCountProbability(model, n, 52);
      total += q;
      mean += n * q;
    }
    expect(total).toBeCloseTo(1, 10);
    expect(mean).toBeCloseTo(expectedPurchases(model, 52), 6);
  });
});

describe('fitParetoNbd on CDNOW (Fader & Hardie 2005 note 009 / FHL 2005: r = 0.5533, α = 10.58, s = 0.6061, β = 11.67, LL = −9595.0)', () => {
  const model = fitParetoNbd(rows, { unit: 'week' });
  it('reproduces the estimates and the log-likelihood', () => {
    sig3(model.params.r, 0.5532);
    sig3(model.params.alpha, 10.576);
    sig3(model.params.s, 0.6062);
    expect(Math.abs(model.params.beta - 11.672) / 11.672).toBeLessThan(1e-3);
    expect(model.logLikelihood).toBeCloseTo(-9594.98, 1);
    expect(Math.abs(model.logLikelihood + 9594.98)).toBeLessThan(0.01);
    expect(model.converged).toBe(true);
    expect(model.warnings).toEqual([]);
    const cov = model.covariance as number[][];
    expect(cov[1]?.[3]).toBe(cov[3]?.[1]);
  });
  it('E[X(t)] by Schmittlein et al. eq. 17 and P(X(t) = n) adding up to it', () => {
    const { r, alpha, s, beta } = model.params;
    const hand = ((r * beta) / (alpha * (s - 1))) * (1 - (beta / (beta + 39)) ** (s - 1));
    expect(expectedPurchases(model, 39)).toBeCloseTo(hand, 12);
    let total = 0;
    let mean = 0;
    for (let n = 0; n < 300; n++) {
      const q = purchaseCountProbability(model, n, 39);
      total += q;
      mean += n * q;
    }
    expect(total).toBeCloseTo(1, 6);
    expect(mean).toBeCloseTo(hand, 4);
  });
  it("P(alive) as in BTYD's pnbd.PAlive documentation on CDNOW: 0.2941633 for x = 0, T = 39; 1 for x = 23, t_x = T = 39", () => {
    expect(probabilityAlive(model, { frequency: 0, recency: 0, T: 39 })).toBeCloseTo(0.2941633, 3);
    expect(probabilityAlive(model, { frequency: 23, recency: 39, T: 39 })).toBeCloseTo(1, 6);
  });
  it('at s = 1 the expectation is r β/α · ln(1 + t/β)', () => {
    const m = { model: 'pareto-nbd', params: { r: 0.5, alpha: 10, s: 1, beta: 12 } } as const;
    expect(expectedPurchases(m, 20)).toBeCloseTo((0.5 * 12 * Math.log1p(20 / 12)) / 10, 12);
  });
  it('P(alive) equals the alive term over the likelihood: 1 at x = 0, T = 0; < 1 after a long silence', () => {
    expect(probabilityAlive(model, { frequency: 0, recency: 0, T: 0 })).toBeCloseTo(1, 12);
    const quiet = probabilityAlive(model, { frequency: 5, recency: 2, T: 38 });
    const recent = probabilityAlive(model, { frequency: 5, recency: 37, T: 38 });
    expect(quiet).toBeLessThan(recent);
    expect(
      conditionalExpectedPurchases(model, { frequency: 5, recency: 37, T: 38 }, 39),
    ).toBeGreaterThan(conditionalExpectedPurchases(model, { frequency: 5, recency: 2, T: 38 }, 39));
  });
});

describe('fitGammaGamma on the 946 CDNOW repeat buyers (Hardie, "The Gamma-Gamma Model of Monetary Value": p = 6.25, q = 3.74, γ = 15.44, LL = −4055.92)', () => {
  const spendRows = rows.map((r) => ({ frequency: r.frequency, monetaryValue: r.monetaryValue }));
  const model = fitGammaGamma(spendRows);
  it('reproduces the estimates, the log-likelihood and the mean spend 35.17', () => {
    sig3(model.params.p, 6.25);
    sig3(model.params.q, 3.74);
    sig3(model.params.gamma, 15.44);
    expect(model.logLikelihood).toBeCloseTo(-4055.92, 2);
    expect(model.customers).toBe(946);
    expect(model.skippedCustomers).toBe(1411);
    expect(model.warnings).toEqual([]);
    const { p, q, gamma } = model.params;
    expect((p * gamma) / (q - 1)).toBeCloseTo(35.17, 2);
    expect(conditionalExpectedSpend(model, { frequency: 0, monetaryValue: 0 })).toBeCloseTo(
      (p * gamma) / (q - 1),
      12,
    );
  });
  it('accepts decimal strings and weights alike', () => {
    const strings = fitGammaGamma(
      spendRows.map((r) => ({ ...r, monetaryValue: r.monetaryValue.toFixed(2) })),
    );
    expect(strings.params.p).toBeCloseTo(model.params.p, 8);
  });
  it('rejects a repeat buyer with monetaryValue ≤ 0, and input without repeat buyers', () => {
    const free = expectError(
      () => fitGammaGamma([{ frequency: 2, monetaryValue: 0 }]),
      'INVALID_INPUT',
      'rows[0].monetaryValue',
    );
    // Free repeat orders (CDNOW's master log has $0 purchases): the message says what to do.
    expect(free.message).toBe(
      'fitGammaGamma: rows[0].monetaryValue must be a finite amount > 0 for a repeat buyer (leave out those whose repeat orders were free) (received 0)',
    );
    expectError(() => fitGammaGamma([{ frequency: 0, monetaryValue: 0 }]), 'EMPTY_INPUT', 'rows');
    expectError(
      () => fitGammaGamma([{ frequency: 1, monetaryValue: 'abc' }]),
      'INVALID_INPUT',
      'rows[0].monetaryValue',
    );
    expectError(
      () => fitGammaGamma([{ frequency: 1.5, monetaryValue: 2 }]),
      'INVALID_INPUT',
      'rows[0].frequency',
    );
    expectError(
      () => fitGammaGamma([{ frequency: 1, monetaryValue: 2, weight: 0 }]),
      'INVALID_INPUT',
      'rows[0].weight',
    );
  });
  it('raises NOT_CONVERGED when the data give q ≤ 1 (no finite mean spend)', () => {
    // Spend that varies far more across customers than within: the estimate of q falls below 1.
    // Mean spends 1/u² for u evenly spread over (0, 1): a tail too heavy for a finite mean.
    const wild = Array.from({ length: 300 }, (_, i) => ({
      frequency: 1 + (i % 5),
      monetaryValue: (1 / (((i * 7919) % 300) + 0.5) ** 2) * 300 ** 2,
    }));
    const error = thrown(() => fitGammaGamma(wild));
    expect(error.code).toBe('NOT_CONVERGED');
    expect(error.message).toContain('no finite mean');
  });
  it('rejects a spend model with q ≤ 1 in predictions', () => {
    const bad = { model: 'gamma-gamma', params: { p: 1, q: 0.9, gamma: 1 } } as const;
    expect(
      thrown(() => conditionalExpectedSpend(bad, { frequency: 1, monetaryValue: 1 })).code,
    ).toBe('OUT_OF_DOMAIN');
  });
});
