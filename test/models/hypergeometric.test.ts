import { describe, expect, it } from 'vitest';
import { hyp2f1, hyp2f1Value, signedAdd } from '../../src/models/hypergeometric.js';
import { lnGamma } from '../../src/models/special.js';

/** Relative difference. */
function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

describe('hyp2f1: Gauss hypergeometric function', () => {
  it('matches the elementary closed forms of Abramowitz & Stegun 15.1.3–15.1.8 on (−∞, 1)', () => {
    // 15.1.3: ₂F₁(1, 1; 2; z) = −ln(1 − z)/z; c − a − b = 0 is the degenerate case near z = 1.
    for (const z of [0.1, 0.5, 0.7, 0.9, 0.99, 0.999999, -0.5, -3, -100]) {
      expect(rel(hyp2f1Value(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(5e-9);
    }
    // 15.1.8: ₂F₁(a, b; b; z) = (1 − z)^{−a}.
    expect(rel(hyp2f1Value(0.3, 2.5, 2.5, 0.8), 0.2 ** -0.3)).toBeLessThan(1e-13);
    expect(rel(hyp2f1Value(0.3, 2.5, 2.5, -20), 21 ** -0.3)).toBeLessThan(1e-13);
    // 15.1.6: ₂F₁(1/2, 1/2; 3/2; z²) = arcsin(z)/z.
    for (const z of [0.5, 0.9, 0.99]) {
      expect(rel(hyp2f1Value(0.5, 0.5, 1.5, z * z), Math.asin(z) / z)).toBeLessThan(1e-13);
    }
    // 15.1.5: ₂F₁(1/2, 1; 3/2; −z²) = arctan(z)/z.
    for (const z of [0.3, 2, 50]) {
      expect(rel(hyp2f1Value(0.5, 1, 1.5, -z * z), Math.atan(z) / z)).toBeLessThan(1e-9);
    }
  });

  it('keeps its digits when a and c are large and close (the Pareto/NBD case), where the connection formula cancels', () => {
    // A&S 15.1.8 with the roles of a and b exchanged: ₂F₁(a, b; a; z) = (1 − z)^{−b}.
    expect(rel(hyp2f1Value(1001.16, 1.61, 1001.16, 0.7), 0.3 ** -1.61)).toBeLessThan(1e-13);
    expect(rel(hyp2f1Value(1001.16, 1.61, 1001.16, 0.97), 0.03 ** -1.61)).toBeLessThan(1e-12);
  });

  it("approaches Gauss's value Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)) at z → 1 (A&S 15.1.20)", () => {
    const [a, b, c] = [0.4, 0.7, 2.3];
    const gauss = Math.exp(lnGamma(c) + lnGamma(c - a - b) - lnGamma(c - a) - lnGamma(c - b));
    expect(rel(hyp2f1Value(a, b, c, 1 - 1e-12), gauss)).toBeLessThan(1e-9);
  });

  it('stays finite beyond float64 range, as a signed logarithm', () => {
    // ₂F₁(a, b; b; z) = (1 − z)^{−a} with a = 1000, z = 0.999: e^{6907.8}.
    const v = hyp2f1(1000, 3.5, 3.5, 0.999);
    expect(v.sign).toBe(1);
    expect(rel(v.log, -1000 * Math.log(0.001))).toBeLessThan(1e-10);
    expect(v.converged).toBe(true);
  });

  it('signals non-convergence at the iteration cap', () => {
    const v = hyp2f1(1, 1, 2, 0.4, 3);
    expect(v.converged).toBe(false);
    expect(v.terms).toBe(3);
    expect(hyp2f1(1, 1, 2, 0.4).converged).toBe(true);
  });

  it('is 1 at z = 0 and for a = 0, and terminates for a negative integer a (a polynomial)', () => {
    expect(hyp2f1Value(2, 3, 4, 0)).toBe(1);
    expect(hyp2f1Value(0, 3, 4, 0.3)).toBe(1);
    // ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1)).
    const [b, c, z] = [1.5, 2.5, 0.4];
    expect(hyp2f1Value(-2, b, c, z)).toBeCloseTo(
      1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)),
      14,
    );
  });

  it('adds signed logarithms', () => {
    const two = { log: Math.log(2), sign: 1 } as const;
    const minusTwo = { log: Math.log(2), sign: -1 } as const;
    expect(signedAdd(two, minusTwo).sign).toBe(0);
    const one = signedAdd({ log: Math.log(3), sign: 1 }, minusTwo);
    expect(one.sign).toBe(1);
    expect(one.log).toBeCloseTo(0, 14);
    expect(signedAdd({ log: 0, sign: 0 }, two)).toBe(two);
  });
});
