/**
 * From a purchase log to per-customer summaries and a cohort retention table, on the CDNOW 1/10
 * sample that ships in examples/data. Run with `npx tsx examples/summaries.ts`.
 */
import {
  calibrationHoldoutSummary,
  cohortRetention,
  compressSummaries,
  customerCounts,
  formatMoney,
  formatPercent,
  retentionRate,
  summarizeTransactions,
} from '../src/index.js';
import { readCdnowSample } from './lib/cdnow.js';

const log = readCdnowSample();

// 1. Per-customer summaries as of the end of the paper's calibration period, in weeks.
const summaries = summarizeTransactions(log, { asOf: '1997-09-30', unit: 'week' });
console.log(
  `CDNOW sample: ${log.at.length} purchases, ${summaries.length} customers as of 1997-09-30`,
);
console.log('  id  orders  frequency  recency (wk)  T (wk)  revenue    mean repeat spend');
for (let i = 0; i < Math.min(5, summaries.length); i++) {
  const s = summaries.row(i);
  console.log(
    `  ${String(s.customerId).padStart(2)}  ${String(s.orders).padStart(6)}  ${String(s.frequency).padStart(9)}  ${s.recency.toFixed(2).padStart(12)}  ${s.T.toFixed(2).padStart(6)}  ${formatMoney(s.totalRevenue, { currency: 'USD' }).padStart(9)}  ${formatMoney(s.monetaryValue, { currency: 'USD', decimals: 2, rounding: 'half-up' })}`,
  );
}
const { frequency } = summaries.columns;
const repeaters = frequency.filter((f) => f > 0).length;
const repeat = frequency.reduce((sum, f) => sum + f, 0);
console.log(`  ${repeat} repeat purchases by ${repeaters} repeat customers`);
console.log(
  `  ${compressSummaries(summaries).length} distinct (frequency, recency, T) rows for model fitting`,
);

// 2. Calibration and holdout, as in Fader, Hardie & Lee (2005).
const split = calibrationHoldoutSummary(log, {
  calibrationEnd: '1997-09-30',
  observationEnd: '1998-06-30',
  unit: 'week',
});
const holdout = split.customers.reduce((sum, s) => sum + s.frequencyHoldout, 0);
console.log(
  `\nHoldout 1997-10-01..1998-06-30 (${split.customers[0]?.durationHoldout} weeks): ${holdout} repeat purchase-days`,
);

// 3. Retention straight from the log: active = bought in the last 90 days.
const counts = customerCounts(log, {
  periodStart: '1997-06-30',
  periodEnd: '1997-09-30',
  activeWithin: 90,
});
const { startCustomers, endCustomers, newCustomers } = counts;
console.log(
  `\nQ3 1997, active = a purchase in the last 90 days: S = ${startCustomers}, E = ${endCustomers}, N = ${newCustomers} (${counts.reactivatedCustomers} reactivated)`,
);
console.log(
  `  retention rate ${formatPercent(retentionRate({ startCustomers, endCustomers, newCustomers }), { decimals: 1, rounding: 'half-even' })}`,
);

// 4. Monthly acquisition cohorts: the share of each cohort buying again in each later month.
const table = cohortRetention(log, { asOf: '1998-06-30', granularity: 'month', periods: 7 });
console.log('\nMonthly cohorts, classic retention (share of the cohort buying in month k)');
console.log(`  cohort      size  ${table.columns.map((c) => c.padStart(6)).join(' ')}`);
for (const row of table.cohorts) {
  const cells = row.rates.map((rate) =>
    (rate === null ? '—' : formatPercent(rate, { decimals: 1, rounding: 'half-even' })).padStart(6),
  );
  console.log(`  ${row.cohort}  ${String(row.size).padStart(4)}  ${cells.join(' ')}`);
}
