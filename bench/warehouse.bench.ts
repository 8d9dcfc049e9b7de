/**
 * Summaries inside a database engine vs in memory: 10,000,000 generated purchases of 1,000,000
 * customers (the generator of the summary benchmark: epoch-ms times, two-decimal amounts, fixed
 * seed), loaded into an in-memory DuckDB table (`customer_id INTEGER, ordered_at BIGINT, amount DOUBLE`),
 * summarised by the SQL of `summarySql` (read back with `readSummaryRows`) and by
 * `summarizeTransactions` over the same columns; both give the same summaries, which the run
 * checks. Figures: median wall time, the ratio, and memory on each side.
 *
 * Run: `npm run build && node scripts/test-deps.mjs && node --expose-gc --import tsx
 * bench/warehouse.bench.ts` (DuckDB's client is in test/package.json; it prints, it asserts nothing
 * but the equality of the two results), or as part of `npm run bench`; the size is WAREHOUSE_ROWS
 * (default 10,000,000 here, 2,000,000 in `npm run bench`).
 */
import { BIGINT, DOUBLE, DuckDBDataChunk, DuckDBInstance, INTEGER } from '@duckdb/node-api';
import { generateLog } from '../examples/lib/generate-log.js';
import type { CustomerSummaryTable, SqlQuery } from '../src/index.js';
import { lib } from './library.js';

const {
  compressedSummarySql,
  readSummaryRows,
  readWeightedRows,
  summarizeTransactions,
  summarySql,
} = lib;

const MB = 2 ** 20;
const DAY = 86_400_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) gc?.();
}

/** JS heap plus ArrayBuffers, in bytes. */
function jsMemory(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

export async function run(rows = 10_000_000, customers = 1_000_000, runs = 3): Promise<void> {
  console.log(
    `\nWarehouse: ${rows.toLocaleString('en')} purchases of ${customers.toLocaleString('en')} customers`,
  );
  const log = generateLog(rows, customers);
  const asOf = new Date(Date.UTC(2024, 11, 31) + DAY - 1).toISOString();
  const options = { asOf, granularity: 'day', unit: 'week' } as const;

  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(
    'CREATE TABLE orders (customer_id INTEGER, ordered_at BIGINT, amount DOUBLE)',
  );
  const loadStart = performance.now();
  const appender = await connection.createAppender('orders');
  const size = 2048;
  for (let from = 0; from < rows; from += size) {
    const n = Math.min(size, rows - from);
    const chunk = DuckDBDataChunk.create([INTEGER, BIGINT, DOUBLE], n);
    chunk.setColumnValues(0, Array.from(log.customerId.subarray(from, from + n)));
    chunk.setColumnValues(
      1,
      Array.from(log.at.subarray(from, from + n), (ms) => BigInt(ms)),
    );
    chunk.setColumnValues(2, Array.from(log.amount.subarray(from, from + n)));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
  console.log(`  loading the table: ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);

  const query: SqlQuery = summarySql({
    dialect: 'duckdb',
    table: 'orders',
    columns: { customerId: 'customer_id', at: 'ordered_at', amount: 'amount' },
    atType: 'epoch',
    amountScale: 2,
    ...options,
  });

  // DuckDB: the engine alone (the summary counted inside the engine), then the query with its
  // rows materialised, their conversion to JS values, and readSummaryRows; resident memory
  // sampled while the queries run.
  const engineTimes: number[] = [];
  const sqlTimes: number[] = [];
  const objectTimes: number[] = [];
  const readTimes: number[] = [];
  let peakRss = 0;
  let fromSql: ReturnType<typeof readSummaryRows> = [];
  collect();
  const rssBefore = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const counted = `SELECT COUNT(*) AS n, SUM("frequency") AS f FROM (${query.sql}) AS "summaries"`;
  for (let r = 0; r < runs; r++) {
    let start = performance.now();
    await connection.runAndReadAll(counted, [...query.params]);
    engineTimes.push(performance.now() - start);
    start = performance.now();
    const reader = await connection.runAndReadAll(query.sql, [...query.params]);
    const queried = performance.now();
    const rowsOut = reader.getRowObjects();
    const converted = performance.now();
    fromSql = readSummaryRows(rowsOut);
    sqlTimes.push(queried - start);
    objectTimes.push(converted - queried);
    readTimes.push(performance.now() - converted);
  }
  clearInterval(sampler);
  const duckMemory = await connection.runAndReadAll(
    'SELECT SUM(memory_usage_bytes) AS bytes FROM duckdb_memory()',
  );
  const duckBytes = Number(duckMemory.getRowObjects()[0]?.bytes ?? 0);

  const compressedQuery = compressedSummarySql({
    dialect: 'duckdb',
    table: 'orders',
    columns: { customerId: 'customer_id', at: 'ordered_at', amount: 'amount' },
    atType: 'epoch',
    amountScale: 2,
    ...options,
  });
  const compressed = await connection.runAndReadAll(compressedQuery.sql, [
    ...compressedQuery.params,
  ]);
  const weighted = readWeightedRows(compressed.getRowObjects());

  // In memory: the same columns.
  const memoryTimes: number[] = [];
  let inMemory: CustomerSummaryTable | undefined;
  collect();
  const before = jsMemory();
  const rssBeforeMemory = process.memoryUsage().rss;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    inMemory = summarizeTransactions(log, options);
    memoryTimes.push(performance.now() - start);
  }
  const rssAfterMemory = process.memoryUsage().rss;
  collect();
  const retained = jsMemory() - before;

  const same =
    inMemory !== undefined &&
    inMemory.length === fromSql.length &&
    inMemory.toRows().every((s, i) => JSON.stringify(s) === JSON.stringify(fromSql[i]));
  if (!same) throw new Error('warehouse bench: the SQL and in-memory summaries differ');

  const engine = median(engineTimes);
  const sql = median(sqlTimes);
  const objects = median(objectTimes);
  const read = median(readTimes);
  const memory = median(memoryTimes);
  const line = (name: string, ms: number) =>
    console.log(
      `  ${name.padEnd(52)} ${(ms / 1000).toFixed(2).padStart(8)}   ${(ms / memory).toFixed(2).padStart(5)}`,
    );
  console.log(
    `  ${fromSql.length.toLocaleString('en')} customers, ${weighted.length.toLocaleString('en')} distinct (frequency, recency, T) rows; equal results: ${same}`,
  );
  console.log(`  ${'case'.padEnd(52)} median s   ratio`);
  line('DuckDB: the summary inside the engine (counted there)', engine);
  line('DuckDB: summarySql, rows materialised', sql);
  line('DuckDB: getRowObjects() of those rows', objects);
  line('readSummaryRows of the row objects', read);
  line('DuckDB path in all (query, objects, reader)', sql + objects + read);
  line('in memory: summarizeTransactions (columns)', memory);
  const mb = (name: string, bytes: number, note = '') =>
    console.log(`  ${name.padEnd(52)} ${(bytes / MB).toFixed(0).padStart(8)} MB${note}`);
  console.log('  memory');
  mb('DuckDB: resident growth while querying and reading', peakRss - rssBefore);
  mb('DuckDB: its own accounting after the queries', duckBytes, ' (the table included)');
  mb('in memory: resident growth while summarising', rssAfterMemory - rssBeforeMemory);
  mb('in memory: retained by the summaries', retained);
  mb(
    "the log's columns in JS",
    log.customerId.byteLength + log.at.byteLength + log.amount.byteLength,
  );
  connection.closeSync();
  instance.closeSync();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.env.WAREHOUSE_ROWS ?? 10_000_000);
  await run(rows, Math.max(1, Math.floor(rows / 10)));
}
