/**
 * Per-customer summaries of a large purchase log computed in parallel: the log is split across
 * worker threads, each builds a partial summary accumulator and sends its state back in binary
 * form (typed arrays over one transferred buffer, no JSON), and the main thread merges them. The
 * merged result equals one pass over the whole log, exactly.
 *
 * The workers run the built JavaScript of the library (dist/index.node.js; built with
 * `npm run build` if it is missing), so no TypeScript loader starts in them. The example measures
 * both ways in the same run, alternating: one pass on the main thread, and the workers from
 * their start to the merged result.
 *
 * Run with `npx tsx examples/parallel-summaries.ts [rows]` (default 3,000,000 rows of 300,000
 * customers).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type * as Library from '../src/index.js';
import type { CustomerSummaryTable, SummaryAccumulatorBinary } from '../src/index.js';
import { generateLog } from './lib/generate-log.js';

const options = { asOf: '2024-12-31', granularity: 'day', unit: 'week' } as const;

const bundle = new URL('../dist/index.node.js', import.meta.url);
if (!existsSync(bundle)) {
  console.log('dist/ is missing: building the library once (npm run build)…');
  execFileSync('npm', ['run', 'build'], {
    cwd: new URL('..', import.meta.url),
    stdio: 'ignore',
    shell: process.platform === 'win32',
  });
}
const lib = (await import(bundle.href)) as typeof Library;

/**
 * The worker, plain JavaScript: it imports the built library, summarises its part of the log and
 * transfers the accumulator's binary state back.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.bundle).then((lib) => {
  const state = lib.createSummaryAccumulator(workerData.options).addMany(workerData.part).toBinary();
  parentPort.postMessage(state, [state.buffer]);
});
`;

interface Part {
  readonly customerId: Int32Array;
  readonly at: Float64Array;
  readonly amount: Float64Array;
}

/** Summaries of `log` by `workers` threads, merged on this one, as a table of typed columns. */
async function inParallel(log: Part, workers: number): Promise<CustomerSummaryTable> {
  const rows = log.customerId.length;
  const size = Math.ceil(rows / workers);
  const states = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      // Copies of the slices, so that their buffers can be transferred to the worker.
      const part: Part = {
        customerId: log.customerId.slice(w * size, (w + 1) * size),
        at: log.at.slice(w * size, (w + 1) * size),
        amount: log.amount.slice(w * size, (w + 1) * size),
      };
      return new Promise<SummaryAccumulatorBinary>((resolve, reject) => {
        const worker = new Worker(WORKER, {
          eval: true,
          workerData: { bundle: bundle.href, options, part },
          transferList: [
            part.customerId.buffer,
            part.at.buffer,
            part.amount.buffer,
          ] as ArrayBuffer[],
        });
        worker.once('message', (state: SummaryAccumulatorBinary) => {
          resolve(state);
          void worker.terminate();
        });
        worker.once('error', reject);
      });
    }),
  );
  const merged = lib.createSummaryAccumulator(options);
  for (const state of states) merged.merge(lib.summaryAccumulatorFromBinary(state));
  return merged.table();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 3_000_000);
  const log = generateLog(rows, Math.max(1, Math.round(rows / 10)));
  const workers = Math.max(2, availableParallelism());
  const runs = 5;
  const onePass: number[] = [];
  const parallel: number[] = [];
  let whole: CustomerSummaryTable | undefined;
  let merged: CustomerSummaryTable | undefined;
  // Alternating, after one warm-up of each, so that a shared machine's load falls on both alike.
  // Both give the summaries as a table of typed columns (form: 'table').
  for (let r = -1; r < runs; r++) {
    let started = performance.now();
    whole = lib.summarizeTransactions(log, { ...options, form: 'table' });
    if (r >= 0) onePass.push(performance.now() - started);
    started = performance.now();
    merged = await inParallel(log, workers);
    if (r >= 0) parallel.push(performance.now() - started);
  }
  if (whole === undefined || merged === undefined) return;
  const same = JSON.stringify(merged) === JSON.stringify(whole);
  const one = median(onePass);
  const par = median(parallel);
  console.log(
    `${rows.toLocaleString('en-US')} purchases, ${whole.length.toLocaleString('en-US')} customers; medians of ${runs} alternating runs`,
  );
  console.log(`  one pass on the main thread: ${one.toFixed(0)} ms`);
  console.log(
    `  ${workers} worker threads (starting them, summarising, sending binary state, merging): ${par.toFixed(0)} ms`,
  );
  console.log(`  workers / one pass: ${(par / one).toFixed(2)}`);
  console.log(`  merged result equals the one-pass result: ${same}`);
  const top = whole
    .toRows()
    .sort((a, b) => b.totalRevenue.comparedTo(a.totalRevenue))
    .slice(0, 3);
  console.log('  top customers by revenue:');
  for (const s of top) {
    console.log(
      `    #${s.customerId}: ${s.orders} orders, $${s.totalRevenue.toFixed(2)}, recency ${s.recency.toFixed(1)} of ${s.T.toFixed(1)} weeks`,
    );
  }
  if (!same) process.exitCode = 1;
}

await main();
