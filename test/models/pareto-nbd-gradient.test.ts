import { describe, expect, it } from 'vitest';
import { paretoNbdLogLikelihood } from '../../src/models/pareto-nbd.js';
import { compressRows } from '../../src/models/rows.js';

const rows = compressRows('test', [
  { frequency: 0, recency: 0, T: 30 },
  { frequency: 3, recency: 20, T: 38 },
  { frequency: 40, recency: 37, T: 38 },
  { frequency: 1000, recency: 10, T: 38 },
  { frequency: 2, recency: 0.5, T: 10 },
  { frequency: 1, recency: 0, T: 5 },
]);

/** Central differences of Σ LL in θ_i, step 10⁻⁶ θ_i (a hand-checkable reference). */
function numericGradient(theta: readonly number[]): number[] {
  return theta.map((v, i) => {
    const h = 1e-6 * v;
    const up = Float64Array.from(theta);
    const down = Float64Array.from(theta);
    up[i] = v + h;
    down[i] = v - h;
    return (
      (paretoNbdLogLikelihood(rows, up, null) - paretoNbdLogLikelihood(rows, down, null)) / (2 * h)
    );
  });
}

describe('Pareto/NBD analytic gradient', () => {
  // α > β, α < β, α = β, and α ≫ β where z = |α−β|/(α+t_x) > 0.95 (the difference path).
  for (const theta of [
    [0.55, 10.6, 0.61, 11.7],
    [0.55, 30, 0.61, 2],
    [2, 1, 0.3, 40],
    [0.5, 3, 0.6, 3],
    [0.5, 1000, 0.6, 0.2],
  ]) {
    it(`matches central differences at (r, α, s, β) = (${theta.join(', ')})`, () => {
      const g = new Float64Array(4);
      const ll = paretoNbdLogLikelihood(rows, Float64Array.from(theta), g);
      expect(ll).toBeCloseTo(paretoNbdLogLikelihood(rows, Float64Array.from(theta), null), 9);
      const num = numericGradient(theta);
      for (let i = 0; i < 4; i++) {
        expect(Math.abs((g[i] as number) - (num[i] as number))).toBeLessThan(
          1e-5 * Math.max(1, Math.abs(num[i] as number)),
        );
      }
    });
  }
});
