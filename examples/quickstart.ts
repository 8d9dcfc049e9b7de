/**
 * Quickstart: the closed-form metrics on the seed examples and on the CDNOW sample log that ships
 * in examples/data. Run with `npm run example`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  averageCustomerLifespan,
  averageOrderValue,
  churnRate,
  convertChurnRate,
  customerLifetimeValue,
  formatMoney,
  formatNumber,
  formatPercent,
  grossRevenueRetention,
  isRetentionMetricsError,
  netRevenueRetention,
  purchaseFrequency,
  repeatPurchaseRate,
  retentionRate,
} from '../src/index.js';

const pct = (value: Parameters<typeof formatPercent>[0]) =>
  formatPercent(value, { decimals: 2, rounding: 'half-even' });
const usd = (value: Parameters<typeof formatMoney>[0]) =>
  formatMoney(value, { currency: 'USD', decimals: 2, rounding: 'half-even' });

// 1. The seed example: 1000 customers at the start, 900 at the end, 200 of them new.
const period = { startCustomers: 1000, endCustomers: 900, newCustomers: 200 };
console.log('Seed example: S = 1000, E = 900, N = 200');
console.log(
  `  retention rate      ${retentionRate(period)}  (${formatPercent(retentionRate(period))})`,
);
console.log(`  churn rate          ${churnRate(period)}`);
console.log(
  `  churn, 1000 → 900, no new customers: ${churnRate({ startCustomers: 1000, endCustomers: 900 })}`,
);

// 2. Churn over other periods, and the lifespan it implies.
const monthlyChurn = '0.05';
console.log(`\nMonthly churn ${formatPercent(monthlyChurn)}:`);
console.log(
  `  annual churn        ${pct(convertChurnRate({ churnRate: monthlyChurn, from: 'month', to: 'year' }))}`,
);
console.log(`  average lifespan    ${averageCustomerLifespan({ churnRate: monthlyChurn })} months`);

// 3. Order metrics from a real purchase log: the CDNOW 1/10 sample (6,919 purchases).
const path = fileURLToPath(new URL('./data/CDNOW_sample.txt', import.meta.url));
const rows = readFileSync(path, 'utf8')
  .split(/\r?\n/)
  .filter((line) => line.trim() !== '')
  .map((line) => line.trim().split(/\s+/));
const amounts = rows.map((row) => row[4] ?? '');
const purchaseDays = new Map<string, Set<string>>();
for (const [, customer = '', day = ''] of rows) {
  const days = purchaseDays.get(customer) ?? new Set<string>();
  days.add(day);
  purchaseDays.set(customer, days);
}
const customers = purchaseDays.size;
const repeatCustomers = [...purchaseDays.values()].filter((days) => days.size > 1).length;
const aov = averageOrderValue({ amounts });
const frequency = purchaseFrequency({ orders: rows.length, customers });
console.log(
  `\nCDNOW sample: ${rows.length} purchases by ${customers} customers, 1997-01 to 1998-06`,
);
console.log(`  average order value ${aov}  (${usd(aov)})`);
console.log(
  `  purchase frequency  ${formatNumber(frequency, { decimals: 2, rounding: 'half-even' })} orders per customer`,
);
console.log(
  `  repeat-purchase rate ${pct(repeatPurchaseRate({ customers, repeatCustomers }))} (${repeatCustomers} customers bought on more than one day)`,
);

// 4. Lifetime value.
const margin = 100;
console.log('\nCustomer lifetime value');
console.log(
  `  simple: AOV × frequency × lifespan (churn 30 %) = ${usd(
    customerLifetimeValue({
      method: 'simple',
      averageOrderValue: aov,
      purchaseFrequency: frequency,
      lifespan: averageCustomerLifespan({ churnRate: churnRate(period) }),
    }),
  )}`,
);
for (const periods of [1, 5, 10, 50]) {
  const clv = customerLifetimeValue({
    method: 'discounted',
    margin,
    retentionRate: retentionRate(period),
    discountRate: '0.1',
    periods,
  });
  console.log(`  discounted, margin $100, r = 0.7, d = 0.1, ${periods} periods: ${usd(clv)}`);
}
const multiple = customerLifetimeValue({
  method: 'margin-multiple',
  margin,
  retentionRate: retentionRate(period),
  discountRate: '0.1',
});
console.log(`  margin multiple (infinite horizon): ${usd(multiple)}`);

// 5. Revenue retention over a month of recurring revenue.
const month = {
  startingRevenue: '125000.00',
  churnedRevenue: '4100.00',
  contractionRevenue: '1350.00',
  expansionRevenue: '7900.00',
};
console.log(
  '\nRecurring revenue: $125,000 at the start; $4,100 churned, $1,350 contraction, $7,900 expansion',
);
console.log(`  net revenue retention   ${formatPercent(netRevenueRetention(month))}`);
console.log(`  gross revenue retention ${formatPercent(grossRevenueRetention(month))}`);

// 6. Errors carry a stable code and name the field.
try {
  retentionRate({ startCustomers: 0, endCustomers: 0 });
} catch (error) {
  if (!isRetentionMetricsError(error)) throw error;
  console.log(`\nError ${error.code}: ${error.message}`);
}
