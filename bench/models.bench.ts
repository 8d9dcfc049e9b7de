/**
 * Fitting the predictive models: BG/NBD, MBG/NBD, Pareto/NBD and Gamma-Gamma on the CDNOW 1/10
 * sample (2,357 customers, weeks) and on 100,000 and 1,000,000 simulated customers (fixed seeds,
 * T between 27 and 39 weeks, times rounded to whole days as summaries of daily data are), with
 * Gamma-Gamma on 67,000 (670,000) simulated repeat buyers. The bare
 * baseline of each table is one plain evaluation of the BG/NBD (or Gamma-Gamma) log-likelihood
 * over the same customers, uncompressed and without a gradient: a fit is worth that many
 * likelihood passes.
 *
 * Runs in `npm run bench`, or alone: `npm run build && node --import tsx bench/models.bench.ts`
 * (stdlib's gammaln, the baseline, is in test/package.json: `node scripts/test-deps.mjs`).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import gammaln from '@stdlib/math-base-special-gammaln';
import { readCdnowSample } from '../examples/lib/cdnow.js';
import { type Measurement, measure, printTable, seededRandom } from './lib.js';
import { lib } from './library.js';

const {
  fitBgNbd,
  fitGammaGamma,
  fitModifiedBgNbd,
  fitParetoNbd,
  simulateBgNbd,
  simulateParetoNbd,
  summarizeTransactions,
} = lib;

interface Row {
  frequency: number;
  recency: number;
  T: number;
}

/** One plain pass of the BG/NBD log-likelihood (FHL 2005 eq. 6) at the paper's estimates. */
function bareBgNbd(rows: Iterable<Row>): number {
  const r = 0.2426;
  const alpha = 4.414;
  const a = 0.7929;
  const b = 2.426;
  let ll = 0;
  for (const { frequency: x, recency: tx, T } of rows) {
    const d1 =
      gammaln(r + x) -
      gammaln(r) +
      gammaln(a + b) +
      gammaln(b + x) -
      gammaln(b) -
      gammaln(a + b + x);
    const d2 = r * Math.log(alpha) - (r + x) * Math.log(alpha + T);
    const c4 = x > 0 ? (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 0;
    ll += d1 + d2 + Math.log(1 + c4);
  }
  return ll;
}

/** One plain pass of the Gamma-Gamma log-likelihood at Hardie's CDNOW estimates. */
function bareGammaGamma(rows: readonly { frequency: number; monetaryValue: number }[]): number {
  const p = 6.25;
  const q = 3.74;
  const g = 15.44;
  let ll = 0;
  for (const { frequency: x, monetaryValue: m } of rows) {
    ll +=
      gammaln(p * x + q) -
      gammaln(p * x) -
      gammaln(q) +
      q * Math.log(g) +
      (p * x - 1) * Math.log(m) +
      p * x * Math.log(x) -
      (p * x + q) * Math.log(g + x * m);
  }
  return ll;
}

function toDays<R extends Row>(rows: readonly R[]): R[] {
  return rows.map((r) => ({
    ...r,
    recency: Math.round(r.recency * 7) / 7,
    T: Math.round(r.T * 7) / 7,
  }));
}

/** A Gamma(shape, rate) variate (Marsaglia & Tsang), for simulated spend. */
function gamma(u: () => number, shape: number, rate: number): number {
  if (shape < 1) return gamma(u, shape + 1, rate) * (u() || 1e-300) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const n = Math.sqrt(-2 * Math.log(u() || 1e-300)) * Math.cos(2 * Math.PI * u());
    const v = (1 + c * n) ** 3;
    if (v > 0 && Math.log(u() || 1e-300) < 0.5 * n * n + d - d * v + d * Math.log(v))
      return (d * v) / rate;
  }
}

function check(name: string, model: { converged: boolean; params: object }): void {
  const shown = Object.entries(model.params)
    .map(([k, v]) => `${k} ${(v as number).toPrecision(4)}`)
    .join(', ');
  console.log(`  ${name}: ${shown}${model.converged ? '' : ' (NOT converged)'}`);
}

export function run(): void {
  // CDNOW, as in the paper: weeks, calibration to 1997-09-30.
  const summaries = summarizeTransactions(readCdnowSample(), { asOf: '1997-09-30', unit: 'week' });
  const spend = summaries
    .toRows()
    .map((s) => ({ frequency: s.frequency, monetaryValue: s.monetaryValue }));
  const cdnow: Measurement[] = [
    measure('BG/NBD fit', () => fitBgNbd(summaries, { unit: 'week' }), 21, 3),
    measure('MBG/NBD fit', () => fitModifiedBgNbd(summaries, { unit: 'week' }), 21, 3),
    measure('Pareto/NBD fit', () => fitParetoNbd(summaries, { unit: 'week' }), 11, 2),
    measure('Gamma-Gamma fit (946 repeat buyers)', () => fitGammaGamma(spend), 21, 3),
  ];
  const cdnowBare = measure(
    'bare: one BG/NBD log-likelihood pass',
    () => bareBgNbd(summaries),
    51,
    5,
  );
  printTable(
    'Model fits on CDNOW (2,357 customers, 1,016 distinct rows)',
    [cdnowBare, ...cdnow],
    cdnowBare,
  );
  check('BG/NBD', fitBgNbd(summaries, { unit: 'week' }));
  check('Pareto/NBD', fitParetoNbd(summaries, { unit: 'week' }));

  for (const n of [100_000, 1_000_000]) {
    const runs = n > 100_000 ? 3 : 7;
    const warm = 1;
    const bg = toDays(
      simulateBgNbd(
        { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 },
        { customers: n, T: [27, 39], seed: 1 },
      ),
    );
    const pnbd = toDays(
      simulateParetoNbd(
        { r: 0.5533, alpha: 10.58, s: 0.6061, beta: 11.67 },
        { customers: n, T: [27, 39], seed: 2 },
      ),
    );
    // Spend of 67,000 repeat buyers (the size of the target) per 100,000 customers: the
    // repeat buyers of a larger simulated base, each ν ~ Gamma(q, γ), mean of x orders ~ Gamma(px, νx).
    const u = seededRandom(3);
    const spenders = (n / 100_000) * 67_000;
    const base = simulateBgNbd(
      { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 },
      { customers: Math.ceil(spenders * 2.7), T: [27, 39], seed: 4 },
    )
      .filter((r) => r.frequency > 0)
      .slice(0, spenders);
    const withSpend = base.map((r) => {
      const nu = gamma(u, 3.74, 15.44);
      return {
        frequency: r.frequency,
        monetaryValue: Math.max(
          0.01,
          Math.round(gamma(u, 6.25 * r.frequency, nu * r.frequency) * 100) / 100,
        ),
      };
    });
    const bare = measure(
      `bare: one BG/NBD log-likelihood pass (${n.toLocaleString('en')})`,
      () => bareBgNbd(bg),
      runs * 3,
      2,
    );
    const rows: Measurement[] = [
      measure('BG/NBD fit', () => fitBgNbd(bg, { unit: 'week' }), runs, warm),
      measure(
        'Pareto/NBD fit',
        () => fitParetoNbd(pnbd, { unit: 'week' }),
        n > 100_000 ? 1 : 3,
        warm,
      ),
      measure(
        `Gamma-Gamma fit (${withSpend.length.toLocaleString('en')} repeat buyers)`,
        () => fitGammaGamma(withSpend),
        runs,
        warm,
      ),
    ];
    const bareSpend = measure(
      'bare: one Gamma-Gamma log-likelihood pass',
      () => bareGammaGamma(withSpend),
      runs * 3,
      2,
    );
    printTable(
      `Model fits on ${n.toLocaleString('en')} simulated customers`,
      [bare, ...rows, bareSpend],
      bare,
    );
    const fitted = fitBgNbd(bg, { unit: 'week' });
    console.log(`  BG/NBD: ${fitted.distinctRows.toLocaleString('en')} distinct rows`);
    check('BG/NBD (simulated at r 0.2426, alpha 4.414, a 0.7929, b 2.426)', fitted);
    const pFit = fitParetoNbd(pnbd, { unit: 'week' });
    console.log(`  Pareto/NBD: ${pFit.distinctRows.toLocaleString('en')} distinct rows`);
    check('Pareto/NBD (simulated at r 0.5533, alpha 10.58, s 0.6061, beta 11.67)', pFit);
    check('Gamma-Gamma (simulated at p 6.25, q 3.74, gamma 15.44)', fitGammaGamma(withSpend));
  }
}

// Run alone when this file is the entry point.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  console.log(`Node ${process.version}, ${process.platform} ${process.arch}`);
  run();
}
