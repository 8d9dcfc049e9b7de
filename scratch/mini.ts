import { readFileSync } from 'node:fs';
import { generateLog } from '../examples/lib/generate-log.js';

const dist = process.argv[2] as string;
const lib = await import(dist);
const { cohortRetention, summarizeTransactions } = lib;
function med(fn: () => unknown, runs: number): number {
  const t: number[] = [];
  for (let i = 0; i < 2; i++) fn();
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(runs / 2)] as number;
}
const log = generateLog(1_000_000, 100_000);
const DAY = 86_400_000;
const asOf = Date.UTC(2024, 11, 31) + DAY - 1;
const bare = med(() => {
  const m = new Map<number, number>();
  const ids = log.customerId;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    m.set(id, (m.get(id) ?? 0) + 1);
  }
  return m;
}, 11);
const s1 = med(() => summarizeTransactions(log, { asOf, granularity: 'day', unit: 'week' }), 11);
const c1 = med(() => cohortRetention(log, { asOf, cohortUnit: 'month' }), 11);
const text = readFileSync(new URL('../bench/data/CDNOW_master.txt', import.meta.url), 'utf8');
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
const cd = { customerId, at, amount };
const s2 = med(() => summarizeTransactions(cd, { asOf: '1998-06-30', unit: 'week' }), 21);
const c2 = med(() => cohortRetention(cd, { asOf: '1998-06-30', cohortUnit: 'month' }), 21);
console.log(
  `bare ${bare.toFixed(1)} | 1M summarize ${s1.toFixed(1)} cohorts ${c1.toFixed(1)} | CDNOW summarize ${s2.toFixed(2)} cohorts ${c2.toFixed(2)}`,
);
