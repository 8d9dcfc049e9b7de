/**
 * Per-customer summaries of 1,000,000 purchases computed in parallel: the log is split across
 * worker threads, each builds a partial summary accumulator, sends it back as JSON, and the main
 * thread merges them. The merged result equals one pass over the whole log, exactly.
 *
 * Run with `npx tsx examples/parallel-summaries.ts`.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  type CustomerSummary,
  createSummaryAccumulator,
  type SummaryAccumulatorJSON,
  summarizeTransactions,
  summaryAccumulatorFromJSON,
} from '../src/index.js';
import { generateLog } from './lib/generate-log.js';

const options = { asOf: '2024-12-31', granularity: 'day', unit: 'week' } as const;

interface Part {
  readonly customerId: Int32Array;
  readonly at: Float64Array;
  readonly amount: Float64Array;
}

if (isMainThread) {
  await main();
} else {
  // A worker: summarise its part of the log and send the accumulator back as plain JSON.
  const part = workerData as Part;
  const accumulator = createSummaryAccumulator(options).addMany(part);
  parentPort?.postMessage(accumulator.toJSON());
}

async function main(): Promise<void> {
  const rows = 1_000_000;
  const log = generateLog(rows, 100_000);
  const workers = Math.max(2, availableParallelism());
  const size = Math.ceil(rows / workers);

  const started = performance.now();
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const slice = <T extends Int32Array | Float64Array>(column: T) =>
        column.slice(w * size, (w + 1) * size) as T;
      const part: Part = {
        customerId: slice(log.customerId),
        at: slice(log.at),
        amount: slice(log.amount),
      };
      return new Promise<SummaryAccumulatorJSON>((resolve, reject) => {
        // The worker runs this same TypeScript file, so it registers the TypeScript loader first.
        const source = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
        const worker = new Worker(source, {
          eval: true,
          workerData: part,
          transferList: [
            part.customerId.buffer,
            part.at.buffer,
            part.amount.buffer,
          ] as ArrayBuffer[],
        });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    }),
  );
  const merged = createSummaryAccumulator(options);
  for (const json of parts) merged.merge(summaryAccumulatorFromJSON(json));
  const parallel = merged.result();
  const parallelMs = performance.now() - started;

  const single = performance.now();
  const whole = summarizeTransactions(log, options);
  const singleMs = performance.now() - single;

  const same = parallel.length === whole.length && parallel.every((s, i) => equal(s, whole[i]));
  console.log(
    `${rows.toLocaleString('en-US')} purchases, ${whole.length.toLocaleString('en-US')} customers`,
  );
  console.log(
    `  ${workers} worker threads, merged: ${parallelMs.toFixed(0)} ms (including starting the workers and compiling TypeScript in each)`,
  );
  console.log(`  one pass on the main thread: ${singleMs.toFixed(0)} ms`);
  console.log(`  merged result equals the one-pass result: ${same}`);
  const top = [...whole].sort((a, b) => b.totalRevenue.comparedTo(a.totalRevenue)).slice(0, 3);
  console.log('  top customers by revenue:');
  for (const s of top) {
    console.log(
      `    #${s.customerId}: ${s.orders} orders, $${s.totalRevenue.toFixed(2)}, recency ${s.recency.toFixed(1)} of ${s.T.toFixed(1)} weeks`,
    );
  }
  if (!same) process.exitCode = 1;
}

function equal(a: CustomerSummary, b: CustomerSummary | undefined): boolean {
  return (
    b !== undefined &&
    a.customerId === b.customerId &&
    a.orders === b.orders &&
    a.recency === b.recency &&
    a.T === b.T &&
    a.firstPurchaseAt.getTime() === b.firstPurchaseAt.getTime() &&
    a.lastPurchaseAt.getTime() === b.lastPurchaseAt.getTime() &&
    a.totalRevenue.eq(b.totalRevenue) &&
    a.monetaryValue.eq(b.monetaryValue)
  );
}
