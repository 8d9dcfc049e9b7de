/**
 * Per-customer summaries of a large purchase log computed in parallel, by a pool of worker
 * threads started once (as a service keeping a pool would have them). The log is partitioned by
 * customer: it lives in one `SharedArrayBuffer` per column, and worker `w` of `n` takes the rows
 * of the customers whose id is `w` modulo `n`. Each worker summarises its customers into a
 * summary table (`summarizeTransactions`, the one pass of the library) and sends the table's
 * binary form back (`toBinary()`: typed arrays over one transferred buffer, no JSON). The main
 * thread only checks the parts and interleaves their columns into one table
 * (`summaryTableFromBinary`): no per-customer objects, nothing computed again. The merged table
 * equals one pass over the whole log, every field of every row, in order.
 *
 * The workers run the built JavaScript of the library (dist/index.node.js; built with
 * `npm run build` if it is missing), so no TypeScript loader starts in them. The log is generated
 * once and copied once into shared memory (a service would read its log there directly); the one
 * pass reads the same shared columns. The example measures both ways in the same run,
 * alternating, and prints the phases of the parallel way (medians): the job message, each
 * worker's taking of its customers, summarising, `toBinary()` and the message's way back, then
 * `summaryTableFromBinary` on the main thread. Beside each run it measures how much CPU the
 * machine gives the workers at once (a fixed arithmetic loop, one worker alone and then all
 * together): on a shared machine whose other work leaves the threads one core between them, no
 * split of the work can beat one pass.
 *
 * Run with `npx tsx examples/parallel-summaries.ts [rows] [runs]` (default 3,000,000 rows of
 * 300,000 customers, 3 runs).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import type * as Library from '../src/index.js';
import type { CustomerSummaryTable, CustomerSummaryTableBinary } from '../src/index.js';
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
 * The worker, plain JavaScript: it imports the built library once, then for each job takes its
 * customers' rows from the shared columns, summarises them into a table and transfers the
 * table's binary form back, with the time each step took.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.bundle).then((lib) => {
  let scratch = null;
  parentPort.on('message', ({ spin, log, worker, workers, options }) => {
    if (spin !== undefined) {
      // A fixed loop of arithmetic, to measure the CPU the machine gives the threads just now.
      const t = performance.now();
      let x = 0;
      for (let i = 0; i < spin; i++) x = (x + i * 7) % 1000003;
      parentPort.postMessage({ spun: performance.now() - t, x });
      return;
    }
    const received = performance.timeOrigin + performance.now();
    let t = performance.now();
    const { customerId, at, amount } = log;
    // One pass over the shared columns into scratch columns kept from job to job (as a pool's
    // workers would keep them), grown when a log is longer.
    if (scratch === null || scratch.ids.length < customerId.length) {
      scratch = {
        ids: new Int32Array(customerId.length),
        ats: new Float64Array(customerId.length),
        amounts: new Float64Array(customerId.length),
      };
    }
    const { ids, ats, amounts } = scratch;
    let n = 0;
    for (let i = 0; i < customerId.length; i++) {
      const id = customerId[i];
      if (id % workers === worker) {
        ids[n] = id;
        ats[n] = at[i];
        amounts[n] = amount[i];
        n++;
      }
    }
    const part = { customerId: ids.subarray(0, n), at: ats.subarray(0, n), amount: amounts.subarray(0, n) };
    const filter = performance.now() - t;
    t = performance.now();
    const table = lib.summarizeTransactions(part, options);
    const summarise = performance.now() - t;
    t = performance.now();
    const binary = table.toBinary();
    const toBinary = performance.now() - t;
    const sent = performance.timeOrigin + performance.now();
    parentPort.postMessage({ binary, received, sent, filter, summarise, toBinary }, [binary.buffer]);
  });
  parentPort.postMessage('ready');
});
`;

interface Log {
  readonly customerId: Int32Array;
  readonly at: Float64Array;
  readonly amount: Float64Array;
}

interface Reply {
  readonly binary: CustomerSummaryTableBinary;
  /** Wall-clock instants (ms since the epoch) the job arrived and the reply left. */
  readonly received: number;
  readonly sent: number;
  readonly filter: number;
  readonly summarise: number;
  readonly toBinary: number;
}

/** Workers started once, each with the library imported; `stop()` ends them. */
class Pool {
  private constructor(private readonly workers: Worker[]) {}

  static async start(size: number): Promise<Pool> {
    const workers = await Promise.all(
      Array.from(
        { length: size },
        () =>
          new Promise<Worker>((resolve, reject) => {
            const worker = new Worker(WORKER, { eval: true, workerData: { bundle: bundle.href } });
            worker.once('message', () => resolve(worker));
            worker.once('error', reject);
          }),
      ),
    );
    return new Pool(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Each worker summarises its customers of the shared log. */
  run(log: Log): Promise<(Reply & { arrived: number })[]> {
    return Promise.all(
      this.workers.map(
        (worker, w) =>
          new Promise<Reply & { arrived: number }>((resolve, reject) => {
            const onError = (error: Error) => reject(error);
            worker.once('error', onError);
            worker.once('message', (reply: Reply) => {
              worker.off('error', onError);
              resolve({ ...reply, arrived: performance.timeOrigin + performance.now() });
            });
            worker.postMessage({ log, worker: w, workers: this.size, options });
          }),
      ),
    );
  }

  /**
   * How much more arithmetic the workers get done at once than one alone, just now: 2 on two
   * idle cores, 1 when the machine's other work leaves the threads one core between them.
   */
  async capacity(): Promise<number> {
    const spin = (worker: Worker) =>
      new Promise<void>((resolve) => {
        worker.once('message', () => resolve());
        worker.postMessage({ spin: 30_000_000 });
      });
    let started = performance.now();
    await spin(this.workers[0] as Worker);
    const alone = performance.now() - started;
    started = performance.now();
    await Promise.all(this.workers.map(spin));
    return (this.size * alone) / (performance.now() - started);
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** A copy of a typed array in shared memory, which workers read without a copy of their own. */
function shared<T extends Int32Array | Float64Array>(array: T): T {
  const Type = array.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Type(new SharedArrayBuffer(array.byteLength));
  copy.set(array as never);
  return copy;
}

type Phases = Record<string, number>;

/** Summaries of the shared `log` by the pool, merged on this thread, with the time of each phase. */
async function inParallel(
  pool: Pool,
  log: Log,
): Promise<{ table: CustomerSummaryTable; phases: Phases }> {
  const now = () => performance.now();
  const sentAt = performance.timeOrigin + now();
  const replies = await pool.run(log);
  const slowest = (f: (r: Reply & { arrived: number }) => number) => Math.max(...replies.map(f));
  const t = now();
  const table = lib.summaryTableFromBinary(replies.map((r) => r.binary));
  const fromBinary = now() - t;
  return {
    table,
    phases: {
      'job message to the workers (slowest)': slowest((r) => r.received - sentAt),
      'take own customers from the shared log (slowest)': slowest((r) => r.filter),
      'summarise into a table, summarizeTransactions (slowest)': slowest((r) => r.summarise),
      'table.toBinary (slowest)': slowest((r) => r.toBinary),
      'table message back (slowest)': slowest((r) => r.arrived - r.sent),
      'summaryTableFromBinary: check the parts, interleave their columns': fromBinary,
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 3_000_000);
  const runs = Number(process.argv[3] ?? 3);
  const generated = generateLog(rows, Math.max(1, Math.round(rows / 10)));
  let started = performance.now();
  const log: Log = {
    customerId: shared(generated.customerId),
    at: shared(generated.at),
    amount: shared(generated.amount),
  };
  const sharing = performance.now() - started;
  const size = Math.max(2, availableParallelism());
  started = performance.now();
  const pool = await Pool.start(size);
  const startUp = performance.now() - started;
  const onePass: number[] = [];
  const parallel: number[] = [];
  const phases: Record<string, number[]> = {};
  const capacity: number[] = [];
  let whole: CustomerSummaryTable | undefined;
  let merged: CustomerSummaryTable | undefined;
  try {
    // Alternating, after one warm-up of each, so that a shared machine's load falls on both alike.
    // Both give the summaries as a table of typed columns.
    for (let r = -1; r < runs; r++) {
      started = performance.now();
      whole = lib.summarizeTransactions(log, options);
      if (r >= 0) onePass.push(performance.now() - started);
      started = performance.now();
      const result = await inParallel(pool, log);
      merged = result.table;
      if (r >= 0) {
        parallel.push(performance.now() - started);
        capacity.push(await pool.capacity());
        for (const [phase, time] of Object.entries(result.phases)) {
          const times = phases[phase] ?? [];
          times.push(time);
          phases[phase] = times;
        }
      }
    }
  } finally {
    await pool.stop();
  }
  if (whole === undefined || merged === undefined) return;
  // Every field of every row, in order, and the options the tables carry.
  const same =
    JSON.stringify(merged) === JSON.stringify(whole) &&
    JSON.stringify(merged.options) === JSON.stringify(whole.options);
  const one = median(onePass);
  const par = median(parallel);
  console.log(
    `${rows.toLocaleString('en-US')} purchases, ${whole.length.toLocaleString('en-US')} customers; medians of ${runs} alternating runs; load average ${loadavg()[0]?.toFixed(2)}`,
  );
  console.log(
    `  starting the pool of ${size} workers (thread start and import of the built library), once: ${startUp.toFixed(0)} ms`,
  );
  console.log(
    `  copying the generated log into SharedArrayBuffers, once (both ways then read it in place): ${sharing.toFixed(0)} ms`,
  );
  console.log(`  one pass on the main thread: ${ms(one)}`);
  console.log(`  ${size} workers of the pool, customers split by id modulo ${size}: ${ms(par)}`);
  for (const [phase, times] of Object.entries(phases))
    console.log(`    ${ms(median(times))}  ${phase}`);
  console.log(`  workers / one pass: ${(par / one).toFixed(2)}`);
  console.log(
    `  CPU the machine gave ${size} threads at once, in threads' worth (${size} on idle cores; measured beside each run): ${median(capacity).toFixed(2)}`,
  );
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
