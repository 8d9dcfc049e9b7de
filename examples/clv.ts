/**
 * Predictive customer lifetime value on the CDNOW 1/10 sample (examples/data): fit BG/NBD,
 * MBG/NBD, Pareto/NBD and Gamma-Gamma to the 39-week calibration period of Fader, Hardie & Lee
 * (2005), then P(alive), expected purchases and a discounted 12-month CLV per customer.
 * Run with `npx tsx examples/clv.ts`.
 */
import {
  conditionalExpectedPurchases,
  expectedPurchases,
  type FitDiagnostics,
  fitBgNbd,
  fitGammaGamma,
  fitModifiedBgNbd,
  fitParetoNbd,
  forecastCustomers,
  probabilityAlive,
  summarizeTransactions,
} from '../src/index.js';
import { readCdnowSample } from './lib/cdnow.js';

const summaries = summarizeTransactions(readCdnowSample(), { asOf: '1997-09-30', unit: 'week' });
console.log(`CDNOW sample: ${summaries.length} customers, calibration to 1997-09-30, in weeks`);

function show(name: string, fit: FitDiagnostics<object>): void {
  const params = Object.entries(fit.params as Record<string, number>)
    .map(([key, value]) => {
      const se = (fit.standardErrors as Record<string, number> | null)?.[key];
      return `${key} = ${value.toFixed(4)}${se === undefined ? '' : ` (± ${se.toFixed(4)})`}`;
    })
    .join(', ');
  console.log(
    `  ${name.padEnd(11)} ${params}; LL ${fit.logLikelihood.toFixed(2)}${fit.converged ? '' : ' (not converged)'}`,
  );
  // Reasons to distrust the estimates (docs/models.md): none on CDNOW's 2,357 customers.
  for (const warning of fit.warnings)
    console.log(`    warning ${warning.code}: ${warning.message}`);
}

// 1. The models, with standard errors (delta method on the log-parameters).
const bg = fitBgNbd(summaries, { unit: 'week' });
const mbg = fitModifiedBgNbd(summaries, { unit: 'week' });
const pareto = fitParetoNbd(summaries, { unit: 'week' });
const spend = fitGammaGamma(summaries);
console.log(
  '\nFitted models (FHL 2005: BG/NBD r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4)',
);
show('BG/NBD', bg);
show('MBG/NBD', mbg);
show('Pareto/NBD', pareto);
show('Gamma-Gamma', spend);
const { p, q, gamma } = spend.params;
console.log(
  `  mean spend per order in the population: $${((p * gamma) / (q - 1)).toFixed(2)} (${spend.skippedCustomers} customers without repeat purchases skipped)`,
);

// 2. Population forecast: expected repeat purchases of a new customer.
console.log(
  '\nE[X(t)], repeat purchases of a new customer (FHL 2005: 0.0532, 0.1506, 1.0437, 1.858)',
);
for (const t of [1, 3, 32, 78]) {
  console.log(
    `  t = ${String(t).padStart(2)} weeks: BG/NBD ${expectedPurchases(bg, t).toFixed(4)}  Pareto/NBD ${expectedPurchases(pareto, t).toFixed(4)}`,
  );
}

// 3. A few customers: P(alive) and purchases in the next 39 weeks.
console.log(
  '\nCustomers: P(alive) and expected purchases in the next 39 weeks (BG/NBD / Pareto/NBD)',
);
console.log('  id  x   t_x     T      P(alive)       next 39 weeks');
for (const id of [1, 2, 18, 1516]) {
  const s = summaries.toRows().find((c) => c.customerId === id);
  if (s === undefined) continue;
  console.log(
    `  ${String(id).padStart(4)} ${String(s.frequency).padStart(2)} ${s.recency.toFixed(2).padStart(6)} ${s.T.toFixed(2).padStart(6)}   ${probabilityAlive(bg, s).toFixed(3)} / ${probabilityAlive(pareto, s).toFixed(3)}   ${conditionalExpectedPurchases(bg, s, 39).toFixed(3)} / ${conditionalExpectedPurchases(pareto, s, 39).toFixed(3)}`,
  );
}

// 4. CLV over the next 12 months (a month = 52/12 weeks), 1 % discount per month, 30 % margin.
const forecast = forecastCustomers(summaries, {
  purchaseModel: bg,
  spendModel: spend,
  periods: 12,
  periodLength: 52 / 12,
  discountRate: 0.01,
  margin: 0.3,
});
const top = [...forecast]
  .sort((a, b) => (b.lifetimeValue ?? 0) - (a.lifetimeValue ?? 0))
  .slice(0, 5);
console.log('\nTop customers by 12-month CLV (margin 30 %, 1 % per month)');
console.log('  id    P(alive)  purchases  spend/order   CLV');
for (const row of top) {
  console.log(
    `  ${String(row.customerId).padStart(4)}  ${row.probabilityAlive.toFixed(3).padStart(8)}  ${row.expectedPurchases.toFixed(2).padStart(9)}  ${`$${row.expectedSpend?.toFixed(2)}`.padStart(11)}  $${row.lifetimeValue?.toFixed(2)}`,
  );
}
const total = forecast.reduce((sum, row) => sum + (row.lifetimeValue ?? 0), 0);
console.log(`  all ${forecast.length} customers: $${total.toFixed(0)}`);
