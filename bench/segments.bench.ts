/**
 * Segmentation of 1,000,000 customers: RFM scores and the lifecycle classification, against a bare
 * baseline of one sort of the 1,000,000 revenues. Summaries are generated in column form with a
 * fixed seed (two years of history, numeric revenue with two decimals).
 */
import { seededRandom } from '../examples/lib/generate-log.js';
import { measure, printTable } from './lib.js';
import { lib } from './library.js';

const { classifyCustomers, rfmScores, segmentReport } = lib;

const DAY = 86_400_000;

export function run(): void {
  const n = 1_000_000;
  const random = seededRandom(99);
  const asOf = Date.UTC(2024, 11, 31);
  const customerId = new Int32Array(n);
  const firstPurchaseAt = new Float64Array(n);
  const lastPurchaseAt = new Float64Array(n);
  const orders = new Float64Array(n);
  const totalRevenue = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const first = asOf - Math.floor(random() * 730) * DAY;
    const count = 1 + Math.floor(-Math.log(1 - random()) * 2);
    customerId[i] = i + 1;
    firstPurchaseAt[i] = first;
    lastPurchaseAt[i] = count === 1 ? first : first + Math.floor(random() * (asOf - first));
    orders[i] = count;
    totalRevenue[i] = Math.round(count * (500 + random() * 10_000)) / 100;
  }
  const summaries = { customerId, firstPurchaseAt, lastPurchaseAt, orders, totalRevenue };

  const bare = measure(
    'bare: sort the 1,000,000 revenues',
    () => Float64Array.from(totalRevenue).sort(),
    5,
    1,
  );
  const rfm = measure('rfmScores', () => rfmScores(summaries, { asOf }), 9, 2);
  const classify = measure('classifyCustomers', () => classifyCustomers(summaries, { asOf }), 9, 2);
  const bulk = measure(
    'classifyCustomers, reasons: false',
    () => classifyCustomers(summaries, { asOf, reasons: false }),
    9,
    2,
  );
  // The same customers as a table from summarizeTransactions (form: 'table'): a log of one
  // purchase at the first and one at the last purchase time, with the customer's revenue on the
  // first (the table's orders then count 1 or 2 days; only the path is compared here).
  const logIds = new Int32Array(2 * n);
  const logAt = new Float64Array(2 * n);
  const logAmount = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    logIds[2 * i] = customerId[i] as number;
    logIds[2 * i + 1] = customerId[i] as number;
    logAt[2 * i] = firstPurchaseAt[i] as number;
    logAt[2 * i + 1] = lastPurchaseAt[i] as number;
    logAmount[2 * i] = totalRevenue[i] as number;
  }
  const table = lib.summarizeTransactions(
    { customerId: logIds, at: logAt, amount: logAmount },
    { asOf, form: 'table' },
  );
  const rowsOfTable = table.toRows();
  const rfmTable = measure('rfmScores(table), rows', () => rfmScores(table), 9, 2);
  const rfmTableTable = measure(
    "rfmScores(table, { form: 'table' })",
    () => rfmScores(table, { form: 'table' }),
    9,
    2,
  );
  const rfmRows = measure(
    'rfmScores, the same summaries as rows',
    () => rfmScores(rowsOfTable, { asOf }),
    5,
    1,
  );
  const classifyTable = measure(
    'classifyCustomers(table), rows',
    () => classifyCustomers(table),
    5,
    1,
  );
  const classTable = measure(
    "classifyCustomers(table, { form: 'table' })",
    () => classifyCustomers(table, { form: 'table' }),
    9,
    2,
  );
  const classTableReasons = measure(
    "classifyCustomers(table, { form: 'table' }) + reasonsOf(i) of every customer",
    () => {
      const classes = classifyCustomers(table, { form: 'table' });
      let count = 0;
      for (let i = 0; i < classes.length; i++) count += classes.reasonsOf(i).length;
      return count;
    },
    5,
    1,
  );
  const bulkTable = measure(
    'classifyCustomers(table), rows, reasons: false',
    () => classifyCustomers(table, { reasons: false }),
    9,
    2,
  );
  const classifyRows = measure(
    'classifyCustomers, the same summaries as rows, reasons: false',
    () => classifyCustomers(rowsOfTable, { asOf, reasons: false }),
    5,
    1,
  );
  // In an IANA zone with daylight saving time, days are counted on the zone's calendar clock
  // (docs/conventions.md): the cost of that against UTC.
  const zoned = { asOf, timeZone: 'America/New_York' };
  const rfmZoned = measure(
    "rfmScores, timeZone 'America/New_York'",
    () => rfmScores(summaries, zoned),
    9,
    2,
  );
  const bulkZoned = measure(
    "classifyCustomers, reasons: false, timeZone 'America/New_York'",
    () => classifyCustomers(summaries, { ...zoned, reasons: false }),
    9,
    2,
  );
  const classified = classifyCustomers(summaries, { asOf });
  const report = measure('segmentReport', () => segmentReport(classified, summaries), 5, 1);
  const classes = classifyCustomers(table, { form: 'table' });
  const reportTable = measure(
    'segmentReport(class table, summary table)',
    () => segmentReport(classes, table),
    5,
    1,
  );
  printTable(
    `Segmentation of ${n.toLocaleString('en-US')} customers`,
    [
      bare,
      rfm,
      classify,
      bulk,
      rfmZoned,
      bulkZoned,
      report,
      rfmTable,
      rfmTableTable,
      rfmRows,
      classifyTable,
      classTable,
      classTableReasons,
      bulkTable,
      classifyRows,
      reportTable,
    ],
    bare,
  );
  console.log(
    `  rfmScores, table → table vs the same summaries as rows: ${(rfmTableTable.medianMs / rfmRows.medianMs).toFixed(2)}; classes, table → table vs rows (reasons: false): ${(classTable.medianMs / classifyRows.medianMs).toFixed(2)}`,
  );
  for (const [label, c] of [
    ['classifyCustomers', classify],
    ['classifyCustomers (reasons: false)', bulk],
  ] as const) {
    console.log(
      `  rfmScores + ${label}: ${(rfm.medianMs + c.medianMs).toFixed(0)} ms, ${((rfm.medianMs + c.medianMs) / bare.medianMs).toFixed(1)} × the bare sort`,
    );
  }
}
