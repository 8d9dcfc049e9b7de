/**
 * Closed-form metrics: the cost of exact money sums over 1,000,000 amounts, and of one validated
 * metric call. Figures are printed, never asserted.
 */
import Decimal from 'decimal.js';
import { measure, printTable, seededRandom } from './lib.js';
import { lib } from './library.js';

const { averageOrderValue, customerLifetimeValue, retentionRate } = lib;

export function run(): void {
  const n = 1_000_000;
  const random = seededRandom(42);
  const amounts = new Array<number>(n);
  for (let i = 0; i < n; i++) amounts[i] = Math.round(random() * 50_000) / 100;
  const strings = amounts.map((a) => a.toFixed(2));

  const bare = measure('bare float loop (inexact)', () => {
    let s = 0;
    for (let i = 0; i < n; i++) s += amounts[i] ?? 0;
    return s;
  });
  const exact = measure('averageOrderValue({ amounts }) numbers', () =>
    averageOrderValue({ amounts }),
  );
  const exactStrings = measure('averageOrderValue({ amounts }) strings', () =>
    averageOrderValue({ amounts: strings }),
  );
  const Big = Decimal.clone({ precision: 34 });
  const naive = measure(
    'naive Decimal loop (reference)',
    () => {
      let s = new Big(0);
      for (let i = 0; i < n; i++) s = s.plus(amounts[i] ?? 0);
      return s;
    },
    3,
    1,
  );
  const same = averageOrderValue({ amounts })
    .times(n)
    .eq(naive.medianMs >= 0 ? sumWith(Big, amounts) : 0);
  printTable(
    `Exact sum of ${n.toLocaleString('en-US')} two-decimal amounts`,
    [bare, exact, exactStrings, naive],
    bare,
  );
  console.log(`  exact total equals Decimal summation: ${same}`);

  const calls = 100_000;
  const one = measure(
    `retentionRate × ${calls.toLocaleString('en-US')}`,
    () => {
      let last = retentionRate({ startCustomers: 1000, endCustomers: 900, newCustomers: 200 });
      for (let i = 1; i < calls; i++) {
        last = retentionRate({ startCustomers: 1000, endCustomers: 900, newCustomers: 200 });
      }
      return last;
    },
    5,
    1,
  );
  const clv = measure(
    `customerLifetimeValue discounted × ${calls.toLocaleString('en-US')}`,
    () => {
      let last = customerLifetimeValue({
        method: 'discounted',
        margin: 100,
        retentionRate: '0.7',
        discountRate: '0.1',
        periods: 10,
      });
      for (let i = 1; i < calls; i++) {
        last = customerLifetimeValue({
          method: 'discounted',
          margin: 100,
          retentionRate: '0.7',
          discountRate: '0.1',
          periods: 10,
        });
      }
      return last;
    },
    5,
    1,
  );
  printTable('Validated metric calls', [one, clv]);
  console.log(
    `  per call: retentionRate ${((one.medianMs * 1000) / calls).toFixed(2)} µs, discounted CLV ${((clv.medianMs * 1000) / calls).toFixed(2)} µs`,
  );
}

function sumWith(Big: typeof Decimal, values: readonly number[]): Decimal {
  let s = new Big(0);
  for (const v of values) s = s.plus(v);
  return s;
}
