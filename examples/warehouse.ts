/**
 * Summaries computed where the data is: a DuckDB database file holding a purchase table, the SQL
 * of `summarySql` and `compressedSummarySql` run inside DuckDB, and only one row per customer —
 * or one per distinct (frequency, recency, T) — read back into JavaScript. The same options give
 * the same summaries as `summarizeTransactions` over the exported log, which the script checks.
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
  formatMoney,
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
  inMemory.every(
    (s, i) =>
      JSON.stringify(s) === JSON.stringify(summaries[i]) &&
      s.monetaryValue.eq(summaries[i]?.monetaryValue ?? -1),
  ) &&
  JSON.stringify(compressSummaries(inMemory)) === JSON.stringify(weighted);
console.log(`  equal to summarizeTransactions and compressSummaries in memory: ${same}`);

connection.closeSync();
instance.closeSync();
rmSync(dir, { recursive: true, force: true });
