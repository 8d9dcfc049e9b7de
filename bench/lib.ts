/** Small benchmarking helpers: median wall time over repeated runs, and a printed table. */

export interface Measurement {
  readonly name: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly runs: number;
  readonly heapDeltaMb: number;
}

/** Runs `fn` `runs` times after `warmup` runs and returns the median and minimum time in ms. */
export function measure(name: string, fn: () => unknown, runs = 7, warmup = 2): Measurement {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  let heapDelta = 0;
  for (let i = 0; i < runs; i++) {
    const before = process.memoryUsage().heapUsed;
    const start = performance.now();
    const result = fn();
    times.push(performance.now() - start);
    heapDelta = Math.max(heapDelta, process.memoryUsage().heapUsed - before);
    if (result === undefined) throw new Error(`${name}: benchmark returned nothing`);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const median =
    times.length % 2 === 1 ? (times[mid] ?? 0) : ((times[mid - 1] ?? 0) + (times[mid] ?? 0)) / 2;
  return { name, medianMs: median, minMs: times[0] ?? 0, runs, heapDeltaMb: heapDelta / 2 ** 20 };
}

/** Prints measurements as an aligned table, with each row's ratio to `baseline` if given. */
export function printTable(
  title: string,
  rows: readonly Measurement[],
  baseline?: Measurement,
): void {
  console.log(`\n${title}`);
  const width = Math.max(...rows.map((r) => r.name.length), 10);
  console.log(
    `  ${'case'.padEnd(width)}  median ms    min ms   heap Δ MB${baseline ? '   × baseline' : ''}`,
  );
  for (const r of rows) {
    const ratio = baseline ? `   ${(r.medianMs / baseline.medianMs).toFixed(1).padStart(10)}` : '';
    console.log(
      `  ${r.name.padEnd(width)}  ${r.medianMs.toFixed(2).padStart(9)}  ${r.minMs.toFixed(2).padStart(8)}  ${r.heapDeltaMb.toFixed(1).padStart(10)}${ratio}`,
    );
  }
}

/** The seeded PRNG of the example data generator, so generated data is the same on every run. */
export { seededRandom } from '../examples/lib/generate-log.js';
