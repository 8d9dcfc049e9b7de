/**
 * Parameter recovery on 100,000 simulated customers per model (too slow for `npm test`, which
 * runs the same check on 20,000): simulate BG/NBD, Pareto/NBD and Gamma-Gamma data
 * with fixed seeds, fit, and require every estimate within 4 standard errors of the truth.
 * Run with `npm run test:recovery`; exits with status 1 on a failure.
 */
import {
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  simulateBgNbd,
  simulateParetoNbd,
} from '../src/index.js';

const N = 100_000;
let failures = 0;

function toDays<R extends { recency: number; T: number }>(rows: readonly R[]): R[] {
  return rows.map((r) => ({
    ...r,
    recency: Math.round(r.recency * 7) / 7,
    T: Math.round(r.T * 7) / 7,
  }));
}

function report(
  name: string,
  truth: Record<string, number>,
  fit: { params: object; standardErrors: object | null; converged: boolean },
  ms: number,
): void {
  const params = fit.params as Record<string, number>;
  const se = (fit.standardErrors ?? {}) as Record<string, number>;
  console.log(`${name}: fitted in ${ms.toFixed(0)} ms${fit.converged ? '' : ' — NOT converged'}`);
  if (!fit.converged) failures++;
  for (const [key, value] of Object.entries(truth)) {
    const z = ((params[key] as number) - value) / (se[key] as number);
    const ok = Math.abs(z) < 4;
    if (!ok) failures++;
    console.log(
      `  ${key.padEnd(6)} truth ${value.toString().padEnd(7)} estimate ${(params[key] as number).toFixed(4)} ± ${(se[key] as number).toFixed(4)}  (${z.toFixed(2)} SE)${ok ? '' : '  FAIL'}`,
    );
  }
}

const bgTruth = { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 };
const bgRows = toDays(simulateBgNbd(bgTruth, { customers: N, T: [27, 39], seed: 101 }));
let start = performance.now();
report('BG/NBD', bgTruth, fitBgNbd(bgRows, { unit: 'week' }), performance.now() - start);

const pTruth = { r: 0.5533, alpha: 10.58, s: 0.6061, beta: 11.67 };
const pRows = toDays(simulateParetoNbd(pTruth, { customers: N, T: [27, 39], seed: 102 }));
start = performance.now();
report('Pareto/NBD', pTruth, fitParetoNbd(pRows, { unit: 'week' }), performance.now() - start);

// Gamma-Gamma: per customer ν ~ Gamma(q, γ); the mean of x orders ~ Gamma(p x, ν x).
const ggTruth = { p: 6.25, q: 3.74, gamma: 15.44 };
let seed = 103;
const uniform = (): number => {
  seed = (seed * 48271) % 2147483647;
  return seed / 2147483647;
};
const gamma = (shape: number, rate: number): number => {
  if (shape < 1) return gamma(shape + 1, rate) * uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const n = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    const v = (1 + c * n) ** 3;
    if (v > 0 && Math.log(uniform()) < 0.5 * n * n + d - d * v + d * Math.log(v))
      return (d * v) / rate;
  }
};
const spendRows = bgRows
  .filter((r) => r.frequency > 0)
  .map((r) => ({
    frequency: r.frequency,
    monetaryValue: gamma(ggTruth.p * r.frequency, gamma(ggTruth.q, ggTruth.gamma) * r.frequency),
  }));
start = performance.now();
report(
  `Gamma-Gamma (${spendRows.length} repeat buyers)`,
  ggTruth,
  fitGammaGamma(spendRows),
  performance.now() - start,
);

if (failures > 0) {
  console.error(`${failures} check(s) failed`);
  process.exit(1);
}
console.log('all estimates within 4 standard errors of the truth');
