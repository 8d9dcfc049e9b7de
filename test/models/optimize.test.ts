import { describe, expect, it } from 'vitest';
import { hessianFromGradient, invertSpd, minimize } from '../../src/models/optimize.js';

/** Rosenbrock's function, minimum 0 at (1, 1) (Nocedal & Wright 2006, eq. 2.22). */
function rosenbrock(x: Float64Array, g: Float64Array): number {
  const a = x[0] as number;
  const b = x[1] as number;
  g[0] = -400 * a * (b - a * a) - 2 * (1 - a);
  g[1] = 200 * (b - a * a);
  return 100 * (b - a * a) ** 2 + (1 - a) ** 2;
}

describe('minimize (BFGS with a strong-Wolfe line search and a restart)', () => {
  it('finds the minimum of Rosenbrock from (−1.2, 1)', () => {
    const result = minimize(rosenbrock, Float64Array.from([-1.2, 1]), {
      maxIterations: 500,
      tolerance: 1e-10,
    });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 8);
    expect(result.x[1]).toBeCloseTo(1, 8);
    expect(result.gradientNorm).toBeLessThanOrEqual(1e-10);
  });

  it('reports non-convergence when the iterations run out', () => {
    const result = minimize(rosenbrock, Float64Array.from([-1.2, 1]), {
      maxIterations: 2,
      tolerance: 1e-10,
    });
    expect(result.converged).toBe(false);
  });

  it('treats a non-finite objective as outside the domain', () => {
    // f = x − ln x on x > 0 (NaN elsewhere), minimum at 1.
    const f = (x: Float64Array, g: Float64Array): number => {
      const v = x[0] as number;
      g[0] = 1 - 1 / v;
      return v > 0 ? v - Math.log(v) : Number.NaN;
    };
    const result = minimize(f, Float64Array.from([0.05]), { maxIterations: 100, tolerance: 1e-10 });
    expect(result.x[0]).toBeCloseTo(1, 8);
  });
});

describe('hessianFromGradient and invertSpd', () => {
  it('give the Hessian of a quadratic and its inverse', () => {
    // f = x² + xy + 2y²: H = [[2, 1], [1, 4]], H⁻¹ = [[4, −1], [−1, 2]] / 7.
    const f = (x: Float64Array, g: Float64Array): number => {
      const [a, b] = [x[0] as number, x[1] as number];
      g[0] = 2 * a + b;
      g[1] = a + 4 * b;
      return a * a + a * b + 2 * b * b;
    };
    const h = hessianFromGradient(f, Float64Array.from([0.3, -0.2]));
    expect([...h].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([2, 1, 1, 4]);
    const inv = invertSpd(h, 2) as Float64Array;
    expect(inv[0]).toBeCloseTo(4 / 7, 8);
    expect(inv[1]).toBeCloseTo(-1 / 7, 8);
    expect(inv[3]).toBeCloseTo(2 / 7, 8);
  });

  it('returns null for a matrix that is not positive definite', () => {
    expect(invertSpd(Float64Array.from([1, 2, 2, 1]), 2)).toBeNull();
    expect(invertSpd(Float64Array.from([Number.NaN]), 1)).toBeNull();
  });
});
