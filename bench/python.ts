/**
 * Side by side with pandas (`npm run bench:python`): the same generated data, written once to
 * binary files; each run of each side is a fresh process (bench/python/side_by_side.py for pandas,
 * bench/python/node_side.mjs for the built bundle) that loads its input untimed, times one task
 * and reports its peak resident memory; the sides alternate run by run; medians, the ratio
 * (library / pandas) and each side's peak.
 *
 * - summaries: 3,000,000 purchases of 1,000,000 customers → per-customer summaries
 *   (`summarizeTransactions`; pandas: a group-by of the summary fields);
 * - RFM quintile scores and segments of those 1,000,000 customers (`rfmScores`; pandas: rank);
 * - lifecycle classes of those customers (`classifyCustomers` without reasons, with reasons on
 *   demand, and with every customer's reasons built by `reasonsOf(i)`; pandas: the default rules,
 *   vectorised, which give no reasons — the baseline of all three);
 * - summaries of 1,000,000 purchases whose times are ISO-8601 strings (parsing included).
 *
 * Both sides' figures are the same kind: time from loaded input to result, and the process's
 * peak resident set (getrusage ru_maxrss: runtime, libraries, input and the task's peak). The
 * library's scores and classes read a summary table it built, so its processes summarise the log
 * first (untimed, but inside their peak memory); pandas reads four ready columns there.
 *
 * Needs Python 3 with pandas (Debian: apt-get install python3-pandas): PYTHON, else `python3`, else
 * /usr/bin/python3, whichever imports pandas; without one it says so and exits 0. RUNS (default 5)
 * sets the runs per side. Build first (`npm run build`; the script runs the built bundle).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLog } from '../examples/lib/generate-log.js';
import { lib } from './library.js';

const { summarizeTransactions } = lib;

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

/** One run of one side: the task's time and the process's peak resident memory. */
interface SideRun {
  readonly ms: number;
  readonly maxrss_mb: number;
  readonly check: Record<string, unknown>;
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
const pyScript = new URL('./python/side_by_side.py', import.meta.url).pathname;
const nodeScript = new URL('./python/node_side.mjs', import.meta.url).pathname;
const DAY = 86_400_000;
const asOfMs = Date.UTC(2024, 11, 31) + DAY; // the end of 2024-12-31 (UTC), exclusive
const asOf = '2024-12-31';

function side(command: string, args: string[], task: string): SideRun {
  const out = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (out.status !== 0) throw new Error(`${command} ${task} failed:\n${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop() as string) as SideRun;
}

const runPython = (task: string) => side(python as string, [pyScript, task, dir], task);
const runNode = (task: string) =>
  side(process.execPath, ['--expose-gc', nodeScript, task, dir], task);

interface Row {
  readonly name: string;
  readonly js: number;
  readonly py: number;
  readonly jsRss: number;
  readonly pyRss: number;
  readonly pyCheck: Record<string, unknown>;
  readonly jsCheck: Record<string, unknown>;
}

/** Alternates the sides `runs` times, each run a fresh process; medians and peaks. */
function sideBySide(name: string, pyTask: string, nodeTask: string): Row {
  const js: SideRun[] = [];
  const py: SideRun[] = [];
  for (let r = 0; r < runs; r++) {
    py.push(runPython(pyTask));
    js.push(runNode(nodeTask));
  }
  const row = {
    name,
    js: median(js.map((x) => x.ms)),
    py: median(py.map((x) => x.ms)),
    jsRss: Math.max(...js.map((x) => x.maxrss_mb)),
    pyRss: Math.max(...py.map((x) => x.maxrss_mb)),
    pyCheck: (py.at(-1) as SideRun).check,
    jsCheck: (js.at(-1) as SideRun).check,
  };
  console.error(`  ${name}: ${row.py.toFixed(0)} ms (pandas), ${row.js.toFixed(0)} ms`);
  return row;
}

/** The sides found the same customers (and Σ frequency, and segment counts where both give them). */
function agree(row: Row): void {
  const { pyCheck: p, jsCheck: j } = row;
  const same = (key: string) =>
    p[key] === null ||
    p[key] === undefined ||
    j[key] === undefined ||
    JSON.stringify(p[key], Object.keys(p[key] as object).sort()) ===
      JSON.stringify(j[key], Object.keys(p[key] as object).sort());
  if (
    p.rows !== j.rows ||
    !same('frequencySum') ||
    (row.name.includes('classes') && !same('segments'))
  ) {
    throw new Error(`${row.name}: pandas ${JSON.stringify(p)} ≠ library ${JSON.stringify(j)}`);
  }
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
console.log(
  `Side by side with pandas: Node ${process.version}; Python ${pyVersion}, pandas ${pandasVersion}, numpy ${numpyVersion}; medians of ${runs} runs per side, alternating, each run a fresh process; load average at start ${load()}`,
);
try {
  // 3,000,000 purchases of 1,000,000 customers.
  const log = generateLog(3_000_000, 1_000_000);
  write(join(dir, 'log-customer.bin'), log.customerId);
  write(join(dir, 'log-at.bin'), log.at);
  write(join(dir, 'log-amount.bin'), log.amount);
  writeFileSync(join(dir, 'meta.json'), JSON.stringify({ asOfMs, asOf }));
  // The summary columns, for the pandas side of the scores and classes.
  const columns = summarizeTransactions(log, { asOf, unit: 'week' }).columns;
  write(join(dir, 'sum-first.bin'), columns.firstPurchaseAt);
  write(join(dir, 'sum-last.bin'), columns.lastPurchaseAt);
  write(join(dir, 'sum-orders.bin'), Float64Array.from(columns.orders));
  write(
    join(dir, 'sum-revenue.bin'),
    columns.totalRevenue.cents.map((c) => c / 100),
  );
  // 1,000,000 purchases of 100,000 customers with ISO-8601 times.
  const small = generateLog(1_000_000, 100_000);
  write(join(dir, 'iso-customer.bin'), small.customerId);
  write(join(dir, 'iso-amount.bin'), small.amount);
  writeFileSync(
    join(dir, 'iso-at.txt'),
    Array.from(small.at, (ms) => new Date(ms).toISOString()).join('\n'),
  );

  const rows = [
    sideBySide('summaries, 3,000,000 purchases → 1,000,000 customers', 'summaries', 'summaries'),
    sideBySide('RFM quintile scores, 1,000,000 customers', 'rfm', 'rfm'),
    sideBySide('classes without reasons, 1,000,000 customers', 'classes', 'classes'),
    sideBySide('classes with reasons on demand, 1,000,000 customers', 'classes', 'classes-lazy'),
    sideBySide(
      'classes + reasonsOf(i) of all 1,000,000 customers (pandas: classes, no reasons)',
      'classes',
      'reasons',
    ),
    sideBySide('summaries of 1,000,000 purchases as ISO-8601 strings', 'iso', 'iso'),
  ];
  for (const row of rows) agree(row);
  console.log(
    `\n| work | pandas | this library | ratio | pandas peak RSS | library peak RSS |\n|---|---:|---:|---:|---:|---:|`,
  );
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.py.toFixed(0)} ms | ${r.js.toFixed(0)} ms | ${(r.js / r.py).toFixed(2)} | ${r.pyRss.toFixed(0)} MB | ${r.jsRss.toFixed(0)} MB |`,
    );
  }
  console.log(`\nLoad average at the end: ${load()}.`);
  console.log(
    'The results agree on the customer count, Σ frequency and the class counts (checked); pandas keeps money in float64, the library exactly.\n' +
      'Times: from loaded input to result, in a fresh process per run on both sides (no warm-up). Peak RSS: the largest ru_maxrss of the runs, the whole process ' +
      '(runtime, libraries, input, the task). For scores and classes the library first summarises the log in the same process (inside its peak), pandas loads four columns.',
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
