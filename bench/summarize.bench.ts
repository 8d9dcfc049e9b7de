/**
 * Transaction logs → per-customer summaries. 1,000,000 generated purchases of 100,000 customers
 * over two years (epoch-ms times, two-decimal amounts, fixed seed), in column and row form, the
 * accumulator path, and the CDNOW master log (69,659 rows). The bare baseline is one pass over the
 * same columns that only counts rows per customer in a Map.
 */
import { readFileSync } from 'node:fs';
import Decimal from 'decimal.js';
import { generateLog } from '../examples/lib/generate-log.js';
import type { CustomerSummary, Transaction } from '../src/index.js';
import { type Measurement, measure, printTable } from './lib.js';
import { lib } from './library.js';

const { cohortRetention, createSummaryAccumulator, summarizeTransactions } = lib;

const DAY = 86_400_000;

/**
 * Memory retained by what `fn` returns, in MB, after full garbage collections (needs
 * --expose-gc): the JS heap plus the ArrayBuffers behind typed arrays, which live outside it.
 */
function retainedMb(fn: () => unknown): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return Number.NaN;
  // Several collections: the memory of dead ArrayBuffers is released after the first.
  const collect = () => {
    for (let i = 0; i < 3; i++) gc();
  };
  collect();
  const used = () => {
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const before = used();
  const kept = fn();
  collect();
  const after = used();
  if (kept === undefined) throw new Error('nothing retained');
  return (after - before) / 2 ** 20;
}

function withMemory(m: Measurement, mb: number): Measurement {
  return { ...m, heapDeltaMb: mb };
}

export function run(): void {
  const rows = 1_000_000;
  const customers = 100_000;
  const log = generateLog(rows, customers);
  const asOf = Date.UTC(2024, 11, 31) + DAY - 1;
  const options = { asOf, granularity: 'day', unit: 'week' } as const;
  const bare = measure(
    'bare: count rows per customer in a Map',
    () => {
      const counts = new Map<number, number>();
      const ids = log.customerId;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] as number;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return counts;
    },
    15,
  );
  // 15 runs: on a shared 2-core machine single runs of this size vary by ±30 %.
  const columns = measure(
    'summarizeTransactions, columns',
    () => summarizeTransactions(log, options),
    15,
  );
  const tableForm = measure(
    "summarizeTransactions, columns, form: 'table'",
    () => summarizeTransactions(log, { ...options, form: 'table' }),
    15,
  );
  // The million row objects exist only while the row form is measured, so that the other
  // measurements do not carry them in the heap.
  const rowForm = (() => {
    const objects: Transaction[] = Array.from({ length: rows }, (_, i) => ({
      customerId: log.customerId[i] ?? 0,
      at: log.at[i] ?? 0,
      amount: log.amount[i] ?? 0,
    }));
    return measure('summarizeTransactions, rows', () => summarizeTransactions(objects, options), 5);
  })();
  const parts = 4;
  const accumulate = measure(
    `accumulator: ${parts} parts, merged`,
    () => {
      const size = Math.ceil(rows / parts);
      const accs = [];
      for (let p = 0; p < parts; p++) {
        const slice = (a: Int32Array | Float64Array) => a.subarray(p * size, (p + 1) * size);
        accs.push(
          createSummaryAccumulator(options).addMany({
            customerId: slice(log.customerId),
            at: slice(log.at),
            amount: slice(log.amount),
          }),
        );
      }
      const [first, ...rest] = accs;
      for (const acc of rest) first?.merge(acc);
      return first?.result();
    },
    5,
  );
  const cohorts = measure(
    'cohortRetention, columns (monthly, classic)',
    () => cohortRetention(log, { asOf, granularity: 'month' }),
    15,
  );
  const state = retainedMb(() => createSummaryAccumulator(options).addMany(log));
  const result = retainedMb(() => summarizeTransactions(log, options));
  const tableResult = retainedMb(() => summarizeTransactions(log, { ...options, form: 'table' }));
  const doubled = generateLog(rows * 2, customers, 730, 7);
  const stateDoubled = retainedMb(() => createSummaryAccumulator(options).addMany(doubled));
  printTable(
    `Summaries of ${rows.toLocaleString('en-US')} rows, ${customers.toLocaleString('en-US')} customers (heap column: MB retained, typed arrays included)`,
    [
      withMemory(
        bare,
        retainedMb(() => new Map(Array.from(log.customerId, (id) => [id, 1]))),
      ),
      withMemory(columns, result),
      withMemory(tableForm, tableResult),
      rowForm,
      withMemory(accumulate, state),
      cohorts,
    ],
    bare,
  );
  console.log(
    `  ratio summarizeTransactions (columns) / bare pass: ${(columns.medianMs / bare.medianMs).toFixed(2)}`,
  );
  console.log(
    `  ratio form: 'table' / bare pass: ${(tableForm.medianMs / bare.medianMs).toFixed(2)}; retained: rows ${result.toFixed(1)} MB, table ${tableResult.toFixed(1)} MB`,
  );
  console.log(
    `  accumulator state: ${state.toFixed(1)} MB for 1,000,000 rows, ${stateDoubled.toFixed(1)} MB for 2,000,000 rows of the same 100,000 customers`,
  );

  const summaries = summarizeTransactions(log, options);
  const Big = Decimal.clone({ precision: 60 });
  let expected = new Big(0);
  for (let i = 0; i < rows; i++) expected = expected.plus(log.amount[i] ?? 0);
  let total = new Big(0);
  for (const s of summaries) total = total.plus(s.totalRevenue.toString());
  console.log(
    `  revenue total ${total.toFixed(2)} equals Decimal summation of the amounts: ${total.eq(expected)}`,
  );

  runTextTimes(log, options);
  runCdnow();
  if (process.env.BENCH_LARGE === '1') runLarge();
}

/**
 * 3,000,000 purchases of 1,000,000 customers (issue 12's large case), both forms, with the bare
 * pass of the same run. Opt-in (`BENCH_LARGE=1`): it needs about 2 GB of heap.
 */
export function runLarge(): void {
  const rows = 3_000_000;
  const customers = 1_000_000;
  const log = generateLog(rows, customers, 730, 11);
  const options = {
    asOf: Date.UTC(2024, 11, 31) + DAY - 1,
    granularity: 'day',
    unit: 'week',
  } as const;
  const bare = measure(
    'bare: count rows per customer in a Map',
    () => {
      const counts = new Map<number, number>();
      const ids = log.customerId;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] as number;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return counts;
    },
    5,
    1,
  );
  const tableForm = measure(
    "summarizeTransactions, columns, form: 'table'",
    () => summarizeTransactions(log, { ...options, form: 'table' }),
    5,
    1,
  );
  const tableMb = retainedMb(() => summarizeTransactions(log, { ...options, form: 'table' }));
  const rowsForm = measure(
    'summarizeTransactions, columns',
    () => summarizeTransactions(log, options),
    3,
    1,
  );
  const rowsMb = retainedMb(() => summarizeTransactions(log, options));
  printTable(
    `Summaries of ${rows.toLocaleString('en-US')} rows, ${customers.toLocaleString('en-US')} customers (heap column: MB retained)`,
    [bare, withMemory(rowsForm, rowsMb), withMemory(tableForm, tableMb)],
    bare,
  );
}

/**
 * The same 1,000,000-row log with `at` as epoch-ms numbers, as `Date` objects and as ISO-8601
 * strings (`toISOString()`), in column form; the runs of the three forms alternate, so that the
 * load of a shared machine falls on all of them alike. Issue 12's target: strings within 1.5× of
 * Dates.
 */
export function runTextTimes(
  log: ReturnType<typeof generateLog>,
  options: { readonly asOf: number; readonly granularity: 'day'; readonly unit: 'week' },
): void {
  const forms: [string, ArrayLike<unknown>][] = [
    ['epoch-ms numbers (Float64Array)', log.at],
    ['Date objects', Array.from(log.at, (ms) => new Date(ms))],
    ['ISO-8601 strings', Array.from(log.at, (ms) => new Date(ms).toISOString())],
  ];
  const runs = 9;
  const times = forms.map(() => [] as number[]);
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let r = -2; r < runs; r++) {
    forms.forEach(([, at], f) => {
      // Each form starts from the same collected heap (npm run bench passes --expose-gc): without
      // it a collection of the garbage of one form lands in another's run, and the medians swing
      // by 2× between runs.
      gc?.();
      const started = performance.now();
      const result = summarizeTransactions(
        { customerId: log.customerId, at: at as ArrayLike<number>, amount: log.amount },
        options,
      );
      const ms = performance.now() - started;
      if (result.length === 0) throw new Error('no summaries');
      if (r >= 0) times[f]?.push(ms);
    });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const bare = measure(
    'bare: count rows per customer in a Map',
    () => {
      const counts = new Map<number, number>();
      const ids = log.customerId;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] as number;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return counts;
    },
    9,
  );
  const rows: Measurement[] = forms.map(([name], f) => ({
    name: `summarizeTransactions, at as ${name}`,
    medianMs: median(times[f] ?? []),
    minMs: Math.min(...(times[f] ?? [])),
    runs,
    heapDeltaMb: 0,
  }));
  printTable(
    `Summaries of ${log.at.length.toLocaleString('en-US')} rows by the form of the purchase time (runs alternate)`,
    [bare, ...rows],
    bare,
  );
  const [numbers, dates, strings] = rows.map((r) => r.medianMs) as [number, number, number];
  console.log(
    `  ratio strings / Dates: ${(strings / dates).toFixed(2)}; strings / numbers: ${(strings / numbers).toFixed(2)}; Dates / numbers: ${(dates / numbers).toFixed(2)}`,
  );
}

function runCdnow(): void {
  const text = readFileSync(new URL('./data/CDNOW_master.txt', import.meta.url), 'utf8');
  const lines = text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '');
  const customerId = new Int32Array(lines.length);
  const at = new Float64Array(lines.length);
  const amount: string[] = new Array(lines.length);
  lines.forEach((line, i) => {
    const [id = '', date = '', , dollars = ''] = line.trim().split(/\s+/);
    customerId[i] = Number(id);
    at[i] = Date.UTC(
      Number(date.slice(0, 4)),
      Number(date.slice(4, 6)) - 1,
      Number(date.slice(6, 8)),
    );
    amount[i] = dollars;
  });
  const log = { customerId, at, amount };
  const bare = measure(
    'bare: count rows per customer in a Map',
    () => {
      const counts = new Map<number, number>();
      for (let i = 0; i < customerId.length; i++) {
        const id = customerId[i] as number;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return counts;
    },
    21,
    3,
  );
  let result: CustomerSummary[] = [];
  const summary = measure(
    "summarizeTransactions, columns, form: 'rows'",
    () => {
      result = summarizeTransactions(log, { asOf: '1998-06-30', unit: 'week', form: 'rows' });
      return result;
    },
    21,
    3,
  );
  const summaryTable = measure(
    'summarizeTransactions, columns (a table, the default)',
    () => summarizeTransactions(log, { asOf: '1998-06-30', unit: 'week' }),
    21,
    3,
  );
  const cohorts = measure(
    'cohortRetention, columns (monthly, classic)',
    () => cohortRetention(log, { asOf: '1998-06-30', granularity: 'month' }),
    21,
    3,
  );
  printTable(
    `CDNOW master log: ${lines.length.toLocaleString('en-US')} rows, ${result.length.toLocaleString('en-US')} customers`,
    [bare, summary, summaryTable, cohorts],
    bare,
  );
}
