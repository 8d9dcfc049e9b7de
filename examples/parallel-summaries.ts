/**
 * Per-customer summaries of a large purchase log computed in parallel, by a pool of worker
 * threads started once (as a service keeping a pool would have them). The log is partitioned by
 * customer: it is shared with the workers in one `SharedArrayBuffer` per column, and worker `w`
 * of `n` takes the rows of the customers whose id is `w` modulo `n`. So the partial states hold
 * disjoint customers; each worker sends its state back in binary form (typed arrays over one
 * transferred buffer, no JSON), and the main thread reads them back, merges them and builds the
 * table. The merged result equals one pass over the whole log, exactly.
 *
 * The workers run the built JavaScript of the library (dist/index.node.js; built with
 * `npm run build` if it is missing), so no TypeScript loader starts in them. The example measures
 * both ways in the same run, alternating, and prints the phases of the parallel way (medians):
 * sharing the log, each worker's filtering, summarising and `toBinary()` and the message's way
 * back, then `summaryAccumulatorFromBinary`, the merge and the table on the main thread. Beside
 * each run it measures how much CPU the machine gives the workers at once (a fixed arithmetic
 * loop, one worker alone and then all together): on a shared machine whose other work leaves the
 * threads one core between them, no split of the work can beat one pass.
 *
 * Run with `npx tsx examples/parallel-summaries.ts [rows] [runs]` (default 3,000,000 rows of
 * 300,000 customers, 3 runs).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
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
 * The worker, plain JavaScript: it imports the built library once, then for each job takes its
 * customers' rows from the shared columns, summarises them and transfers the binary state back,
 * with the time each step took.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.bundle).then((lib) => {
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
    // One pass: room for every row, then views of the rows taken.
    const ids = new Int32Array(customerId.length);
    const ats = new Float64Array(customerId.length);
    const amounts = new Float64Array(customerId.length);
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
    const accumulator = lib.createSummaryAccumulator(options).addMany(part);
    const summarise = performance.now() - t;
    t = performance.now();
    const state = accumulator.toBinary();
    const toBinary = performance.now() - t;
    const sent = performance.timeOrigin + performance.now();
    parentPort.postMessage({ state, received, sent, filter, summarise, toBinary }, [state.buffer]);
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
  readonly state: SummaryAccumulatorBinary;
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

/** Summaries of `log` by the pool, merged on this thread, with the time of each phase. */
async function inParallel(
  pool: Pool,
  log: Log,
): Promise<{ table: CustomerSummaryTable; phases: Phases }> {
  const now = () => performance.now();
  let t = now();
  const sharedLog: Log = {
    customerId: shared(log.customerId),
    at: shared(log.at),
    amount: shared(log.amount),
  };
  const share = now() - t;
  const sentAt = performance.timeOrigin + now();
  const replies = await pool.run(sharedLog);
  const slowest = (f: (r: Reply & { arrived: number }) => number) => Math.max(...replies.map(f));
  t = now();
  const states = replies.map((r) => lib.summaryAccumulatorFromBinary(r.state));
  const fromBinary = now() - t;
  t = now();
  const merged = lib.createSummaryAccumulator(options);
  for (const state of states) merged.merge(state);
  const table = merged.table();
  const mergeAndTable = now() - t;
  return {
    table,
    phases: {
      'share the log (copy into SharedArrayBuffers)': share,
      'job message to the workers (slowest)': slowest((r) => r.received - sentAt),
      'take own customers from the shared log (slowest)': slowest((r) => r.filter),
      'summarise, addMany (slowest)': slowest((r) => r.summarise),
      'toBinary (slowest)': slowest((r) => r.toBinary),
      'state message back (slowest)': slowest((r) => r.arrived - r.sent),
      'summaryAccumulatorFromBinary, all states': fromBinary,
      'merge and table': mergeAndTable,
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 3_000_000);
  const runs = Number(process.argv[3] ?? 3);
  const log = generateLog(rows, Math.max(1, Math.round(rows / 10)));
  const size = Math.max(2, availableParallelism());
  let started = performance.now();
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
    // Both give the summaries as a table of typed columns (form: 'table').
    for (let r = -1; r < runs; r++) {
      started = performance.now();
      whole = lib.summarizeTransactions(log, { ...options, form: 'table' });
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
  const same = JSON.stringify(merged) === JSON.stringify(whole);
  const one = median(onePass);
  const par = median(parallel);
  console.log(
    `${rows.toLocaleString('en-US')} purchases, ${whole.length.toLocaleString('en-US')} customers; medians of ${runs} alternating runs; load average ${loadavg()[0]?.toFixed(2)}`,
  );
  console.log(
    `  starting the pool of ${size} workers (thread start and import of the built library), once: ${startUp.toFixed(0)} ms`,
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
