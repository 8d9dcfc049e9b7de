/**
 * Summaries computed where the data is: a DuckDB database file holding a purchase table, the SQL
 * of `summarySql` and `compressedSummarySql` run inside DuckDB, and only one row per customer —
 * or one per distinct (frequency, recency, T) — read back into JavaScript. The same options give
 * the same summaries as `summarizeTransactions` over the exported log, which the script checks.
 * Then BG/NBD is fitted to the compressed rows alone (a fit over a table of any size reads only
 * them), and P(alive) of each customer, from the summary rows, lists the valuable customers most
 * at risk of having left.
 *
 * Run with `npx tsx examples/warehouse.ts` (DuckDB's Node client, `@duckdb/node-api`, is one of the
 * packages only this repository's tests use: test/package.json, installed into test/node_modules by
 * `npm test` or `node scripts/test-deps.mjs`; in your project, install it or use your warehouse's
 * client).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  compressedSummarySql,
  compressSummaries,
  fitBgNbd,
  formatMoney,
  probabilityAlive,
  readSummaryRows,
  readWeightedRows,
  type SqlQuery,
  summarizeTransactions,
  summarySql,
} from '../src/index.js';
import { readCdnowSample } from './lib/cdnow.js';

// 1. A DuckDB database file with an orders table: the CDNOW 1/10 sample (6,919 purchases).
const dir = mkdtempSync(join(tmpdir(), 'retention-warehouse-'));
const instance = await DuckDBInstance.create(join(dir, 'shop.duckdb'));
const connection = await instance.connect();
const log = readCdnowSample();
const csv = log.customerId.map((id, i) => `${id},${log.at[i]},${log.amount[i]}`).join('\n');
writeFileSync(join(dir, 'orders.csv'), `customer_id,ordered_on,total\n${csv}\n`);
await connection.run(
  'CREATE TABLE orders (customer_id INTEGER, ordered_on DATE, total DECIMAL(10, 2))',
);
await connection.run(`COPY orders FROM '${join(dir, 'orders.csv')}' (HEADER true)`);

/** Runs a generated query: its text and its parameters, bound in order. */
async function run(query: SqlQuery) {
  const reader = await connection.runAndReadAll(query.sql, [...query.params]);
  return reader.getRowObjects();
}

// 2. Per-customer summaries as of the end of the calibration period of Fader, Hardie & Lee
//    (2005), in weeks, computed by DuckDB.
const options = {
  dialect: 'duckdb',
  table: 'orders',
  columns: { customerId: 'customer_id', at: 'ordered_on', amount: 'total' },
  atType: 'date',
  asOf: '1997-09-30',
  unit: 'week',
} as const;
const summaries = readSummaryRows(await run(summarySql(options)));
console.log(`DuckDB summarised ${log.at.length} purchases into ${summaries.length} customers`);
console.log('  id  orders  frequency  recency (wk)  T (wk)  revenue    mean repeat spend');
for (const s of summaries.slice(0, 3)) {
  console.log(
    `  ${String(s.customerId).padStart(2)}  ${String(s.orders).padStart(6)}  ${String(s.frequency).padStart(9)}  ${s.recency.toFixed(2).padStart(12)}  ${s.T.toFixed(2).padStart(6)}  ${formatMoney(s.totalRevenue, { currency: 'USD' }).padStart(9)}  ${formatMoney(s.monetaryValue, { currency: 'USD', decimals: 2, rounding: 'half-up' })}`,
  );
}

// 3. The model input: distinct (frequency, recency, T) rows with their weights, so a fit over a
//    table of any size reads only these rows.
const weighted = readWeightedRows(await run(compressedSummarySql(options)));
const customers = weighted.reduce((sum, row) => sum + row.weight, 0);
console.log(`  ${weighted.length} distinct (frequency, recency, T) rows of ${customers} customers`);
const heaviest = [...weighted].sort((a, b) => b.weight - a.weight)[0];
console.log(
  `  the most common row: frequency ${heaviest?.frequency}, recency ${heaviest?.recency}, T ${heaviest?.T} (${heaviest?.weight} customers)`,
);

// 4. The same as the in-memory functions over the exported log.
const inMemory = summarizeTransactions(log, { asOf: '1997-09-30', unit: 'week' });
const same =
  inMemory.length === summaries.length &&
  inMemory
    .toRows()
    .every(
      (s, i) =>
        JSON.stringify(s) === JSON.stringify(summaries[i]) &&
        s.monetaryValue.eq(summaries[i]?.monetaryValue ?? -1),
    ) &&
  JSON.stringify(compressSummaries(inMemory)) === JSON.stringify(weighted);
console.log(`  equal to summarizeTransactions and compressSummaries in memory: ${same}`);

// 5. BG/NBD fitted to the weighted rows alone (FHL 2005: r 0.243, alpha 4.414, a 0.793, b 2.426).
const model = fitBgNbd(weighted, { unit: 'week' });
const { r, alpha, a, b } = model.params;
console.log(
  `\nBG/NBD from ${weighted.length} weighted rows: r = ${r.toFixed(4)}, alpha = ${alpha.toFixed(3)}, a = ${a.toFixed(4)}, b = ${b.toFixed(3)}; LL ${model.logLikelihood.toFixed(2)}`,
);

// 6. The valuable customers most at risk: of those who spent at least $100 by asOf, the ten with
//    the lowest P(alive) (ties: the higher spend first).
const atRisk = summaries
  .filter((s) => s.totalRevenue.gte(100))
  .map((s) => ({ s, alive: probabilityAlive(model, s) }))
  .sort((x, y) => x.alive - y.alive || y.s.totalRevenue.comparedTo(x.s.totalRevenue))
  .slice(0, 10);
console.log('Customers with $100 or more, lowest P(alive) first:');
console.log('    id  orders  recency (wk)  T (wk)     revenue  P(alive)');
for (const { s, alive } of atRisk) {
  console.log(
    `  ${String(s.customerId).padStart(4)}  ${String(s.orders).padStart(6)}  ${s.recency.toFixed(2).padStart(12)}  ${s.T.toFixed(2).padStart(6)}  ${formatMoney(s.totalRevenue, { currency: 'USD' }).padStart(10)}  ${alive.toFixed(3).padStart(8)}`,
  );
}

connection.closeSync();
instance.closeSync();
rmSync(dir, { recursive: true, force: true });
