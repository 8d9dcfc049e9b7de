import stdlibDigamma from '@stdlib/math-base-special-digamma';
import stdlibGammaln from '@stdlib/math-base-special-gammaln';
import { describe, expect, it } from 'vitest';
import {
  digamma,
  gammaSign,
  lnBeta,
  lnGamma,
  log1pExp,
  logAddExp,
  logistic,
  logSumExp,
} from '../../src/models/special.js';

describe('special functions', () => {
  it('log-gamma and digamma match closed forms (Abramowitz & Stegun 6.1.8, 6.3.2, 6.3.3)', () => {
    // Γ(1/2) = √π; Γ(10) = 9! = 362880.
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 12);
    // ψ(1) = −γ (Euler–Mascheroni), ψ(1/2) = −γ − 2 ln 2.
    const euler = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-euler, 14);
    expect(digamma(0.5)).toBeCloseTo(-euler - 2 * Math.LN2, 14);
  });

  const EULER = 0.5772156649015329; // γ, Abramowitz & Stegun 6.1.3

  /** |a − b| / max(floor, |b|): relative error, absolute below `floor`. */
  const err = (a: number, b: number, floor = 0) => Math.abs(a - b) / Math.max(floor, Math.abs(b));

  it('log-gamma at integers and half-integers: ln (n − 1)! and ln[(2n)! √π / (4^n n!)] (A&S 6.1.6, 6.1.12)', () => {
    expect(lnGamma(1)).toBe(0);
    expect(lnGamma(2)).toBe(0);
    expect(err(lnGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(3e-16);
    let factorial = 1; // (n − 1)!
    for (let n = 1; n <= 170; n++) {
      if (n > 1) factorial *= n - 1;
      expect(err(lnGamma(n), Math.log(factorial), 1)).toBeLessThan(1e-15);
    }
    // Γ(n + ½) = (2n − 1)!! √π / 2^n.
    let halfGamma = Math.sqrt(Math.PI);
    for (let n = 1; n <= 150; n++) {
      halfGamma *= n - 0.5;
      expect(err(lnGamma(n + 0.5), Math.log(halfGamma), 1)).toBeLessThan(1e-15);
    }
  });

  it('digamma at integers and half-integers: −γ + H_{n−1} and −γ − 2 ln 2 + Σ 2/(2k − 1) (A&S 6.3.2, 6.3.4)', () => {
    expect(err(digamma(1), -EULER)).toBeLessThan(3e-16);
    expect(err(digamma(0.5), -EULER - 2 * Math.LN2)).toBeLessThan(3e-16);
    let harmonic = 0; // H_{n−1}
    let odd = 0; // Σ_{k=1}^{n} 2/(2k − 1)
    for (let n = 1; n <= 1000; n++) {
      if (n > 1) harmonic += 1 / (n - 1);
      odd += 2 / (2 * n - 1);
      // 4e-15: the float64 sums of up to 1,000 terms carry about half of that themselves.
      expect(err(digamma(n), -EULER + harmonic)).toBeLessThan(4e-15);
      expect(err(digamma(n + 0.5), -EULER - 2 * Math.LN2 + odd)).toBeLessThan(4e-15);
    }
  });

  it('keeps relative accuracy at the zeros of ln Γ (1 and 2) and of ψ (x₀ = 1.46163…)', () => {
    // ln Γ(1 + ε) = −γε + ζ(2) ε²/2 − ζ(3) ε³/3 + … (A&S 6.1.33); ζ(2) = π²/6.
    for (const step of [1e-12, -1e-12, 1e-9, -1e-9]) {
      const e = 1 + step - 1; // the ε that 1 + ε really holds
      const series = -EULER * e + ((Math.PI * Math.PI) / 12) * e * e;
      expect(err(lnGamma(1 + e), series)).toBeLessThan(1e-14);
      // ln Γ(2 + ε) = ln Γ(1 + ε) + ln(1 + ε) ≈ (1 − γ) ε + (ζ(2) − 1) ε²/2.
      const series2With = (d: number) =>
        (1 - EULER) * d + (((Math.PI * Math.PI) / 6 - 1) * (d * d)) / 2;
      expect(err(lnGamma(2 + 2 * e), series2With(2 * e))).toBeLessThan(1e-14);
    }
    // x₀ = 1.46163 21449 68362 34126 … (OEIS A030169): ψ changes sign between its neighbours,
    // and |ψ| there is about ψ'(x₀) · ulp ≈ 2e-16.
    const root = 1.4616321449683622; // the nearest double
    expect(Math.abs(digamma(root))).toBeLessThan(5e-16);
    expect(digamma(root - 1e-12)).toBeLessThan(0);
    expect(digamma(root + 1e-12)).toBeGreaterThan(0);
    // ψ(x₀ + δ) ≈ ψ'(x₀) δ with ψ'(x₀) = ζ(2, x₀) = 0.96767 22… ; the slope by symmetric difference.
    const slope = (digamma(root + 1e-6) - digamma(root - 1e-6)) / 2e-6;
    expect(slope).toBeCloseTo(0.967672245, 8);
  });

  it('matches the Cephes/Boost ports of @stdlib/math on 2,000 points log-spaced over [1e-300, 1e300] and a dense (0, 10]', () => {
    const xs: number[] = [];
    for (let i = 0; i < 2000; i++) xs.push(10 ** (-300 + (600 * i) / 1999));
    for (let i = 1; i <= 2000; i++) xs.push(i * 0.005);
    for (const x of xs) {
      const g = lnGamma(x);
      const d = digamma(x);
      expect(Number.isFinite(g) && Number.isFinite(d)).toBe(true);
      // ln Γ: relative 1e-14, absolute 1e-14 where |ln Γ| < 1 (near its zeros at 1 and 2 the
      // reference itself is off by up to 5e-15 absolute).
      expect(err(g, stdlibGammaln(x), 1)).toBeLessThan(1e-14);
      expect(err(d, stdlibDigamma(x))).toBeLessThan(2e-15);
    }
    // Tiny and huge arguments: ln Γ(x) → −ln x, ψ(x) → −1/x as x → 0; ln Γ(1e300) ≈ 1e300 (ln 1e300 − 1).
    expect(err(lnGamma(1e-300), 300 * Math.LN10)).toBeLessThan(1e-15);
    expect(err(digamma(1e-300), -1e300)).toBeLessThan(1e-15);
    expect(err(lnGamma(1e300), 1e300 * (300 * Math.LN10 - 1))).toBeLessThan(1e-15);
    expect(err(digamma(1e300), 300 * Math.LN10)).toBeLessThan(1e-15);
    expect(lnGamma(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(digamma(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(lnGamma(Number.MAX_VALUE)).toBe(Number.POSITIVE_INFINITY); // the value overflows
  });

  it('negative arguments by reflection (the hypergeometric connection formulas use them)', () => {
    for (let i = 0; i < 2000; i++) {
      const x = -0.0025 - i * 0.005; // never an integer
      expect(err(lnGamma(x), stdlibGammaln(x), 1)).toBeLessThan(1e-14);
      expect(err(digamma(x), stdlibDigamma(x), 1)).toBeLessThan(5e-12);
    }
    // Γ(−½) = −2√π, ψ(−½) = ψ(3/2) + π cot(−π/2)… = 2 − γ − 2 ln 2 (A&S 6.3.7).
    expect(err(lnGamma(-0.5), Math.log(2 * Math.sqrt(Math.PI)))).toBeLessThan(1e-15);
    expect(err(digamma(-0.5), 2 - EULER - 2 * Math.LN2)).toBeLessThan(1e-14);
    // Poles and non-numbers.
    for (const x of [0, -1, -2, -1e20, Number.NEGATIVE_INFINITY]) {
      expect(lnGamma(x)).toBe(Number.POSITIVE_INFINITY);
      expect(digamma(x)).toBeNaN();
    }
    expect(lnGamma(Number.NaN)).toBeNaN();
    expect(digamma(Number.NaN)).toBeNaN();
  });

  it('log-beta: B(2, 3) = 1/12', () => {
    expect(lnBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
  });

  it('sign of Γ on both sides of the poles', () => {
    expect(gammaSign(2.5)).toBe(1);
    expect(gammaSign(-0.5)).toBe(-1); // Γ(−1/2) = −2√π
    expect(gammaSign(-1.5)).toBe(1); // Γ(−3/2) = 4√π/3
    expect(gammaSign(-2)).toBe(0);
  });

  it('log-sum-exp and logistic never overflow', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(Number.NEGATIVE_INFINITY, 3)).toBe(3);
    expect(logAddExp(3, Number.NEGATIVE_INFINITY)).toBe(3);
    expect(logAddExp(-5, 2)).toBeCloseTo(Math.log(Math.exp(-5) + Math.exp(2)), 14);
    expect(logSumExp([1000, 1000, 1000])).toBeCloseTo(1000 + Math.log(3), 12);
    expect(logSumExp([])).toBe(Number.NEGATIVE_INFINITY);
    expect(logistic(1000)).toBe(1);
    expect(logistic(-1000)).toBe(0);
    expect(logistic(0)).toBe(0.5);
    expect(logistic(-2)).toBeCloseTo(1 / (1 + Math.exp(2)), 15);
    expect(log1pExp(1000)).toBe(1000);
    expect(log1pExp(-3)).toBeCloseTo(Math.log1p(Math.exp(-3)), 15);
  });
});
