/**
 * A retention plan built from the CDNOW sample: the metrics are measured by the library from the
 * purchase log (quarterly churn and retention with a 90-day activity window, AOV, purchase
 * frequency, repeat-purchase rate), then the plan is printed as Markdown in English and Russian.
 * Run with `npx tsx examples/retention-plan.ts`.
 */
import Decimal from 'decimal.js';
import {
  averageOrderValue,
  buildRetentionPlan,
  churnRate,
  customerCounts,
  purchaseFrequency,
  renderRetentionPlan,
  repeatPurchaseRate,
  retentionRate,
  summarizeTransactions,
} from '../src/index.js';
import { readCdnowSample } from './lib/cdnow.js';

const log = readCdnowSample();
const quarter = (periodStart: string, periodEnd: string) => {
  const { startCustomers, endCustomers, newCustomers } = customerCounts(log, {
    periodStart,
    periodEnd,
    activeWithin: 90,
  });
  return { startCustomers, endCustomers, newCustomers };
};
const previous = quarter('1997-03-31', '1997-06-30');
const current = quarter('1997-06-30', '1997-09-30');
const summaries = summarizeTransactions(log, { asOf: '1997-09-30' });
const orders = summaries.reduce((sum, s) => sum + s.orders, 0);
const repeatCustomers = summaries.filter((s) => s.frequency > 0).length;
const revenue = summaries.reduce((sum, s) => sum.plus(s.totalRevenue), new Decimal(0));

const metrics = {
  churnRate: churnRate(current),
  previousChurnRate: churnRate(previous),
  retentionRate: retentionRate(current),
  averageOrderValue: averageOrderValue({ revenue, orders }),
  purchaseFrequency: purchaseFrequency({ orders, customers: summaries.length }),
  repeatPurchaseRate: repeatPurchaseRate({ customers: summaries.length, repeatCustomers }),
};

for (const locale of ['en', 'ru'] as const) {
  const plan = buildRetentionPlan({ locale, metrics });
  console.log(renderRetentionPlan(plan, { format: 'markdown' }));
  console.log('\n---\n');
}
