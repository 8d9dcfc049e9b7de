/**
 * Side by side with pandas (`npm run bench:python`): the same generated data, the library's call
 * in this process and the vectorised pandas counterpart in bench/python/side_by_side.py,
 * alternating sides run by run; medians, the ratio (library / pandas), and peak memory.
 *
 * - summaries: 3,000,000 purchases of 1,000,000 customers → per-customer summaries
 *   (`summarizeTransactions`, form 'table'; pandas: a group-by of the summary fields);
 * - RFM quintile scores and segments of those 1,000,000 customers (`rfmScores`; pandas: rank);
 * - lifecycle classes of those customers (`classifyCustomers`, with and without reasons; pandas:
 *   the default rules, vectorised);
 * - summaries of 1,000,000 purchases whose times are ISO-8601 strings (parsing included).
 *
 * Needs Python 3 with pandas (Debian: apt-get install python3-pandas): PYTHON, else `python3`, else
 * /usr/bin/python3, whichever imports pandas; without one it says so and exits 0. RUNS (default 5)
 * sets the runs per side. Build first (`npm run build`; the script runs the built bundle).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLog } from '../examples/lib/generate-log.js';
import { lib } from './library.js';

const { classifyCustomers, rfmScores, summarizeTransactions } = lib;

function findPython(): string | undefined {
  const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(
    (c): c is string => typeof c === 'string' && c !== '',
  );
  return candidates.find(
    (c) => spawnSync(c, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function write(file: string, data: ArrayBufferView): void {
  writeFileSync(file, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}

interface PythonRun {
  readonly ms: number;
  readonly maxrss_mb: number;
  readonly check: {
    rows: number;
    frequencySum: number | null;
    segments: Record<string, number> | null;
  };
}

const python = findPython();
if (python === undefined) {
  console.log(
    'bench:python skipped: no python3 that imports pandas (apt-get install python3-pandas)',
  );
  process.exit(0);
}
const version = spawnSync(
  python,
  [
    '-c',
    'import sys, pandas, numpy; print(sys.version.split()[0], pandas.__version__, numpy.__version__)',
  ],
  { encoding: 'utf8' },
).stdout.trim();
const [pyVersion, pandasVersion, numpyVersion] = version.split(' ');
const runs = Number(process.env.RUNS ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'retention-pandas-'));
const script = new URL('./python/side_by_side.py', import.meta.url).pathname;
const DAY = 86_400_000;
const asOfMs = Date.UTC(2024, 11, 31) + DAY; // the end of 2024-12-31 (UTC), exclusive
const asOf = '2024-12-31';

function runPython(task: string): PythonRun {
  const out = spawnSync(python as string, [script, task, dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (out.status !== 0) throw new Error(`python ${task} failed:\n${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop() as string) as PythonRun;
}

/** Alternates the sides `runs` times; returns the medians and the last results. */
function sideBySide<T>(task: string, js: () => T) {
  const jsTimes: number[] = [];
  const pyTimes: number[] = [];
  let py: PythonRun | undefined;
  let result: T | undefined;
  let jsPeak = 0;
  for (let r = 0; r < runs; r++) {
    py = runPython(task);
    pyTimes.push(py.ms);
    const start = performance.now();
    result = js();
    jsTimes.push(performance.now() - start);
    jsPeak = Math.max(jsPeak, process.memoryUsage().rss);
  }
  return {
    js: median(jsTimes),
    py: median(pyTimes),
    pyMaxRss: py?.maxrss_mb ?? 0,
    jsRss: jsPeak / 2 ** 20,
    check: py?.check,
    result: result as T,
  };
}

console.log(
  `Side by side with pandas: Node ${process.version}; Python ${pyVersion}, pandas ${pandasVersion}, numpy ${numpyVersion}; medians of ${runs} runs per side, alternating`,
);
try {
  // 3,000,000 purchases of 1,000,000 customers.
  const log = generateLog(3_000_000, 1_000_000);
  write(join(dir, 'log-customer.bin'), log.customerId);
  write(join(dir, 'log-at.bin'), log.at);
  write(join(dir, 'log-amount.bin'), log.amount);
  writeFileSync(join(dir, 'meta.json'), JSON.stringify({ asOfMs }));
  const options = { asOf, unit: 'week', form: 'table' } as const;
  const summaries = sideBySide('summaries', () => summarizeTransactions(log, options));
  const table = summaries.result;
  const columns = table.columns;
  if (summaries.check?.rows !== table.length) {
    throw new Error(
      `summaries: pandas found ${summaries.check?.rows} customers, the library ${table.length}`,
    );
  }
  let frequencies = 0;
  for (const f of columns.frequency) frequencies += f;
  if (summaries.check?.frequencySum !== frequencies) {
    throw new Error(
      `summaries: Σ frequency ${summaries.check?.frequencySum} (pandas) ≠ ${frequencies}`,
    );
  }
  // The summary columns, for the pandas side of the scores and classes.
  write(join(dir, 'sum-first.bin'), columns.firstPurchaseAt);
  write(join(dir, 'sum-last.bin'), columns.lastPurchaseAt);
  write(join(dir, 'sum-orders.bin'), Float64Array.from(columns.orders));
  write(
    join(dir, 'sum-revenue.bin'),
    columns.totalRevenue.cents.map((c) => c / 100),
  );
  const rfm = sideBySide('rfm', () => rfmScores(table));
  const classesBulk = sideBySide('classes', () => classifyCustomers(table, { reasons: false }));
  const classes = sideBySide('classes', () => classifyCustomers(table));
  // 1,000,000 purchases of 100,000 customers with ISO-8601 times.
  const small = generateLog(1_000_000, 100_000);
  const iso = Array.from(small.at, (ms) => new Date(ms).toISOString());
  write(join(dir, 'iso-customer.bin'), small.customerId);
  write(join(dir, 'iso-amount.bin'), small.amount);
  writeFileSync(join(dir, 'iso-at.txt'), iso.join('\n'));
  const isoLog = { customerId: small.customerId, at: iso, amount: small.amount };
  const isoRun = sideBySide('iso', () =>
    summarizeTransactions(isoLog, { asOf, unit: 'week', form: 'table' }),
  );

  const rows: [string, ReturnType<typeof sideBySide>][] = [
    ['summaries, 3,000,000 purchases → 1,000,000 customers', summaries],
    ['RFM quintile scores, 1,000,000 customers', rfm],
    ['classes without reasons, 1,000,000 customers', classesBulk],
    ['classes with reasons, 1,000,000 customers', classes],
    ['summaries of 1,000,000 purchases as ISO-8601 strings', isoRun],
  ];
  console.log(
    `\n| work | pandas | this library | ratio | pandas peak RSS | Node RSS |\n|---|---:|---:|---:|---:|---:|`,
  );
  for (const [name, r] of rows) {
    console.log(
      `| ${name} | ${r.py.toFixed(0)} ms | ${r.js.toFixed(0)} ms | ${(r.js / r.py).toFixed(2)} | ${r.pyMaxRss.toFixed(0)} MB | ${r.jsRss.toFixed(0)} MB |`,
    );
  }
  console.log(
    '\nThe results agree on the customer count and Σ frequency (checked); pandas keeps money in float64, the library exactly. Node RSS is the whole process (it holds every input).',
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
