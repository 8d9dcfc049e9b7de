/**
 * Segmentation of the CDNOW sample: RFM scores and named segments, the VIP / new / at-risk /
 * active / lost classification with its reasons, and the segment report. Run with
 * `npx tsx examples/segments.ts`.
 */
import {
  classifyCustomers,
  formatMoney,
  formatPercent,
  formatReason,
  rfmScores,
  segmentReport,
  summarizeTransactions,
} from '../src/index.js';
import { readCdnowSample } from './lib/cdnow.js';

const log = readCdnowSample();
// As of the end of the data: 1998-06-30.
const asOf = '1998-06-30';
const summaries = summarizeTransactions(log, { asOf });

// 1. RFM: quintile scores and the named segment map.
const rfm = rfmScores(summaries, { asOf });
const bySegment = new Map<string, number>();
for (const s of rfm) bySegment.set(s.segment, (bySegment.get(s.segment) ?? 0) + 1);
console.log(`RFM segments of ${rfm.length} CDNOW customers as of ${asOf}`);
for (const [segment, count] of [...bySegment].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${segment.padEnd(20)} ${String(count).padStart(5)}`);
}
const first = rfm.at(0);
if (first !== undefined) {
  console.log(
    `  customer ${first.customerId}: ${first.daysSinceLastPurchase.toFixed(0)} days since the last purchase, ${first.orders} orders, ${formatMoney(first.monetary, { currency: 'USD' })} → R${first.r} F${first.f} M${first.m}, ${first.segment}`,
  );
}

// 2. Lifecycle groups with reasons, in English and Russian.
const classified = classifyCustomers(summaries, { asOf });
const report = segmentReport(classified, summaries);
console.log('\nLifecycle segments');
console.log('  segment    customers  share    revenue      share    AOV');
for (const row of report.segments) {
  const aov =
    row.averageOrderValue === null
      ? '—'
      : formatMoney(row.averageOrderValue, { currency: 'USD', decimals: 2, rounding: 'half-even' });
  console.log(
    `  ${row.segment.padEnd(9)}  ${String(row.customers).padStart(9)}  ${formatPercent(row.customerShare, { decimals: 1, rounding: 'half-even' }).padStart(6)}  ${formatMoney(row.revenue, { currency: 'USD', decimals: 0, rounding: 'half-even' }).padStart(9)}  ${formatPercent(row.revenueShare, { decimals: 1, rounding: 'half-even' }).padStart(6)}  ${aov}`,
  );
}
const vipAtRisk = classified
  .toRows()
  .find((c) => c.segment === 'at-risk' && c.flags.includes('vip'));
if (vipAtRisk !== undefined) {
  console.log(
    `\nCustomer ${vipAtRisk.customerId}: ${vipAtRisk.segment}, flags ${vipAtRisk.flags.join(', ')}`,
  );
  // Reasons are data (the rule and the numbers compared); formatReason writes them as sentences.
  for (const reason of vipAtRisk.reasons) console.log(`  - ${formatReason(reason)}`);
  for (const reason of vipAtRisk.reasons) {
    console.log(`  - ${formatReason(reason, { locale: 'ru' })}`);
  }
}
