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
