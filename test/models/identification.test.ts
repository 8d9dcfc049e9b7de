/**
 * A fit says when its data do not identify its parameters (FitDiagnostics.warnings), and refuses
 * such a fit with `strict: true`. The published CDNOW fits are the control: they carry no warning
 * (asserted beside the papers' values in bg-nbd.test.ts and other-models.test.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  type FitWarning,
  fitBgNbd,
  fitGammaGamma,
  fitModifiedBgNbd,
  fitParetoNbd,
} from '../../src/index.js';
import { identificationWarnings } from '../../src/models/identification.js';
import { thrown } from '../support/errors.js';

const codes = (warnings: readonly FitWarning[]) => warnings.map((w) => w.code);
const about = (warnings: readonly FitWarning[], parameter: string) =>
  warnings.filter((w) => w.parameter === parameter).map((w) => w.code);

/**
 * Two customers who both bought at rate 0.2 (2 purchases in 10 weeks, 4 in 20) and were still
 * buying at T (t_x = T). Counts exactly in proportion to exposure show no heterogeneity, so the
 * gamma of the rates runs off to a point mass at λ = 0.2 (r → ∞ with r/α → 0.2); nobody dropped
 * out after any of the 6 purchases, so the dropout runs off to 0. The likelihood tends to its
 * supremum, the Poisson process of rate 0.2 without dropout: Σ x ln λ − λT = 6 ln 0.2 − 6.
 */
const TWO = [
  { frequency: 2, recency: 10, T: 10 },
  { frequency: 4, recency: 20, T: 20 },
];
const POISSON_LIMIT_LL = 6 * Math.log(0.2) - 6;

describe('two customers identify nothing of the heterogeneity or the dropout', () => {
  it('BG/NBD: r runs off with r/α → 0.2, dropout a/(a+b) → 0, and the fit says so', () => {
    const model = fitBgNbd(TWO, { unit: 'week' });
    const { r, alpha, a, b } = model.params;
    expect(r / alpha).toBeCloseTo(0.2, 4);
    expect(a / (a + b)).toBeLessThan(1e-6);
    expect(model.logLikelihood).toBeCloseTo(POISSON_LIMIT_LL, 3);
    expect(model.logLikelihood).toBeLessThanOrEqual(POISSON_LIMIT_LL);
    const warnings = model.warnings;
    expect(about(warnings, 'r')[0]).toMatch(/^PARAMETER_(DIVERGING|AT_BOUND)$/);
    expect(about(warnings, 'a')[0]).toMatch(/^PARAMETER_(DIVERGING|AT_BOUND)$/);
    expect(warnings.find((w) => w.parameter === 'r')?.message).toContain(
      `r = ${r.toPrecision(3)} `,
    );
    expect(codes(warnings)).toContain('TOO_FEW_CUSTOMERS');
    expect(codes(warnings)).toContain('TOO_FEW_DISTINCT_ROWS');
    expect(codes(warnings)).not.toContain('NO_REPEAT_PURCHASES');
    const error = thrown(() => fitBgNbd(TWO, { strict: true }));
    expect(error.code).toBe('NOT_IDENTIFIED');
    expect(error.field).toBe('rows');
    expect(error.message).toMatch(/^fitBgNbd: rows do not identify the model: r = \S+ is /);
  });

  it('a fit that converges is flagged all the same (r running off, as lifetimes users see it)', () => {
    // 1 purchase in 10 weeks and 3 in 12: counts 1 and 3 have variance 1 below their mean 2, so
    // no gamma spread of the rates explains them better than none: r → ∞ (the NBD's estimate of r
    // is infinite for under-dispersed counts). Two customers, two distinct rows.
    const model = fitBgNbd([
      { frequency: 1, recency: 5, T: 10 },
      { frequency: 3, recency: 8, T: 12 },
    ]);
    expect(about(model.warnings, 'r')[0]).toMatch(/^PARAMETER_(DIVERGING|AT_BOUND)$/);
    expect(codes(model.warnings)).toContain('TOO_FEW_CUSTOMERS');
    expect(codes(model.warnings)).toContain('TOO_FEW_DISTINCT_ROWS');
  });

  it('MBG/NBD and Pareto/NBD: the same limit (for Pareto/NBD the dropout rate s/β → 0)', () => {
    const mbg = fitModifiedBgNbd(TWO);
    expect(mbg.params.r / mbg.params.alpha).toBeCloseTo(0.2, 4);
    expect(mbg.logLikelihood).toBeCloseTo(POISSON_LIMIT_LL, 3);
    expect(about(mbg.warnings, 'r')[0]).toMatch(/^PARAMETER_(DIVERGING|AT_BOUND)$/);
    const pareto = fitParetoNbd(TWO);
    expect(pareto.params.r / pareto.params.alpha).toBeCloseTo(0.2, 4);
    expect(pareto.params.s / pareto.params.beta).toBeLessThan(1e-6);
    expect(pareto.logLikelihood).toBeCloseTo(POISSON_LIMIT_LL, 3);
    expect(about(pareto.warnings, 'r')[0]).toMatch(/^PARAMETER_(DIVERGING|AT_BOUND)$/);
    for (const model of [mbg, pareto]) {
      expect(codes(model.warnings)).toContain('TOO_FEW_CUSTOMERS');
      expect(codes(model.warnings)).toContain('TOO_FEW_DISTINCT_ROWS');
    }
    expect(thrown(() => fitModifiedBgNbd(TWO, { strict: true })).code).toBe('NOT_IDENTIFIED');
    expect(thrown(() => fitParetoNbd(TWO, { strict: true })).code).toBe('NOT_IDENTIFIED');
  });
});

describe('customers without repeat purchases identify nothing of the purchase process', () => {
  // 50 customers, none with a repeat purchase, observed for 10 to 50 weeks (10 each): enough
  // customers (≥ 10 per parameter) and distinct rows, so the one reason left is the purchases.
  const none = Array.from({ length: 5 }, (_, i) => ({
    frequency: 0,
    recency: 0,
    T: 10 * (i + 1),
    weight: 10,
  }));

  for (const [name, fit] of [
    ['BG/NBD', fitBgNbd],
    ['MBG/NBD', fitModifiedBgNbd],
    ['Pareto/NBD', fitParetoNbd],
  ] as const) {
    it(`${name}: NO_REPEAT_PURCHASES, and strict refuses`, () => {
      const model = fit(none);
      expect(codes(model.warnings)).toContain('NO_REPEAT_PURCHASES');
      expect(codes(model.warnings)).not.toContain('TOO_FEW_CUSTOMERS');
      expect(codes(model.warnings)).not.toContain('TOO_FEW_DISTINCT_ROWS');
      expect(model.warnings.find((w) => w.code === 'NO_REPEAT_PURCHASES')?.message).toBe(
        'no customer has a repeat purchase: nothing identifies the purchase rate or dropout',
      );
      expect(thrown(() => fit(none, { strict: true })).code).toBe('NOT_IDENTIFIED');
    });
  }

  it('BG/NBD: a and b stay at their start values 1, the likelihood does not contain them', () => {
    // A BG/NBD customer drops out only after a purchase: with x = 0 the likelihood is
    // (α/(α+T))^r, free of a and b, so the optimiser never moves them (lifetimes#332's symptom).
    const model = fitBgNbd(none);
    expect([model.params.a, model.params.b]).toEqual([1, 1]);
    expect(codes(model.warnings)).toContain('SINGULAR_HESSIAN');
  });
});

describe('Gamma-Gamma', () => {
  it('identical spend for every order identifies no spread: p and q run off, pγ/(q−1) → 20', () => {
    // Every repeat buyer's orders cost exactly 20: no spread within a customer (p → ∞, the
    // gamma of order values a point mass) nor between customers (q → ∞); the mean stays 20.
    const same = Array.from({ length: 50 }, (_, i) => ({
      frequency: 1 + (i % 4),
      monetaryValue: 20,
    }));
    const model = fitGammaGamma(same);
    const { p, q, gamma } = model.params;
    expect((p * gamma) / (q - 1)).toBeCloseTo(20, 3);
    expect(about(model.warnings, 'p')[0]).toMatch(/^PARAMETER_(DIVERGING|AT_BOUND)$/);
    expect(about(model.warnings, 'q')[0]).toMatch(/^PARAMETER_(DIVERGING|AT_BOUND)$/);
    expect(codes(model.warnings)).not.toContain('TOO_FEW_CUSTOMERS');
    expect(thrown(() => fitGammaGamma(same, { strict: true })).code).toBe('NOT_IDENTIFIED');
  });

  it('six repeat buyers are fewer than 10 per parameter', () => {
    const model = fitGammaGamma([
      { frequency: 1, monetaryValue: '12.50' },
      { frequency: 2, monetaryValue: 30 },
      { frequency: 4, monetaryValue: 22 },
      { frequency: 1, monetaryValue: 55 },
      { frequency: 3, monetaryValue: 18 },
      { frequency: 2, monetaryValue: 41 },
    ]);
    expect(model.warnings.find((w) => w.code === 'TOO_FEW_CUSTOMERS')?.message).toBe(
      '6 customers for 3 parameters, under 30',
    );
  });
});

describe('identificationWarnings: each rule and its sentence', () => {
  const base = {
    names: ['r', 'alpha'],
    theta: Float64Array.from([0, 0]),
    params: [1, 2],
    standardErrors: [0.5, 1],
    customers: 20,
    distinctRows: 3,
    repeatBuyers: 5,
  };

  it('none for estimates inside e^±10 with SE ≤ estimate and enough data', () => {
    expect(identificationWarnings(base)).toEqual([]);
    // At the limits themselves: ln θ = ±10, SE = θ, 10 customers per parameter, k + 1 rows.
    const edge = { ...base, theta: Float64Array.from([10, -10]), standardErrors: [1, 2] };
    expect(identificationWarnings(edge)).toEqual([]);
  });

  it('a parameter at the box (within e of e^±20) or beyond e^±10', () => {
    const warnings = identificationWarnings({ ...base, theta: Float64Array.from([-19, 10.5]) });
    expect(warnings).toEqual([
      {
        code: 'PARAMETER_AT_BOUND',
        parameter: 'r',
        message: "r = 1.00 is at the optimiser's bound e^±20 (fitting scale)",
      },
      {
        code: 'PARAMETER_DIVERGING',
        parameter: 'alpha',
        message: 'alpha = 2.00 is beyond e^±10 (fitting scale), running off to the bound',
      },
    ]);
  });

  it('no standard errors, or one larger than its estimate', () => {
    expect(codes(identificationWarnings({ ...base, standardErrors: null }))).toEqual([
      'SINGULAR_HESSIAN',
    ]);
    expect(identificationWarnings({ ...base, standardErrors: [0.5, 5] })).toEqual([
      {
        code: 'LARGE_STANDARD_ERROR',
        parameter: 'alpha',
        message: 'alpha = 2.00 has standard error 5.00, 2.50 times the estimate',
      },
    ]);
  });

  it('too few customers, too few distinct rows, no repeat purchases', () => {
    const warnings = identificationWarnings({
      ...base,
      customers: 19.5,
      distinctRows: 2,
      repeatBuyers: 0,
    });
    expect(warnings.map((w) => w.message)).toEqual([
      '19.5 customers for 2 parameters, under 20',
      '2 distinct rows for 2 parameters',
      'no customer has a repeat purchase: nothing identifies the purchase rate or dropout',
    ]);
    expect(codes(identificationWarnings({ ...base, repeatBuyers: undefined }))).toEqual([]);
  });
});
