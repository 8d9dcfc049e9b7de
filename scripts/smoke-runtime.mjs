// A smoke run of the built package (resolved by name through package.json's exports) in any runtime, run by .ci/run with
// Node, Deno and Bun:
//
//   node scripts/smoke-runtime.mjs
//   npx --yes bun@1 scripts/smoke-runtime.mjs
//   npx --yes deno@2 run --allow-read --allow-env scripts/smoke-runtime.mjs
//
// Web APIs only (no node: imports), so the same file runs everywhere. Expected values: DESIGN.md's
// seed example, and README's log worked by hand (a: 15.50 on 1 Jan, 20.00 on 15 Jan; b: 7.25 on
// 29 Jan; as of 29 Jan in weeks a has 2 orders, recency 2, T 4, revenue 35.5). The subpath
// entries resolve as well and use the main entry's modules (one registry of JSON fragments).
import {
  buildRetentionPlan,
  churnRate,
  countSchema,
  isRetentionMetricsError,
  renderRetentionPlan,
  retentionRate,
  summarizeTransactions,
} from 'retention-metrics';
import { toJsonSchema } from 'retention-metrics/json-schema';
import { ru } from 'retention-metrics/locale/ru';

const runtime =
  typeof globalThis.Deno !== 'undefined'
    ? `Deno ${globalThis.Deno.version.deno}`
    : typeof globalThis.Bun !== 'undefined'
      ? `Bun ${globalThis.Bun.version}`
      : `Node ${globalThis.process?.version}`;

const problems = [];
function expectEqual(name, actual, expected) {
  if (String(actual) !== String(expected))
    problems.push(`${name}: ${actual}, expected ${expected}`);
}

const seed = { startCustomers: 1000, endCustomers: 900, newCustomers: 200 };
expectEqual('retentionRate(seed)', retentionRate(seed), '0.7');
expectEqual('churnRate(seed)', churnRate(seed), '0.3');
try {
  retentionRate({ startCustomers: 0, endCustomers: 0 });
  problems.push('retentionRate with S = 0 did not throw');
} catch (error) {
  expectEqual(
    'error code with S = 0',
    isRetentionMetricsError(error) && error.code,
    'DIVISION_BY_ZERO',
  );
}
const log = [
  { customerId: 'a', at: '2024-01-01T09:00:00Z', amount: '10.00' },
  { customerId: 'a', at: '2024-01-01T17:30:00Z', amount: '5.50' },
  { customerId: 'a', at: '2024-01-15', amount: '20.00' },
  { customerId: 'b', at: '2024-01-29', amount: '7.25' },
];
const a = summarizeTransactions(log, { asOf: '2024-01-29', unit: 'week' })
  .toRows()
  .find((s) => s.customerId === 'a');
expectEqual('a.orders', a?.orders, 2);
expectEqual('a.recency', a?.recency, 2);
expectEqual('a.T', a?.T, 4);
expectEqual('a.totalRevenue', a?.totalRevenue, '35.5');
expectEqual(
  'toJsonSchema(countSchema).description',
  toJsonSchema(countSchema).description,
  'A non-negative integer count.',
);
const plan = buildRetentionPlan({ locale: ru, metrics: { churnRate: '0.12' } });
expectEqual('Russian plan title', plan.title, 'План удержания клиентов');
expectEqual(
  'Russian plan rendered',
  renderRetentionPlan(plan, { locale: ru }).split('\n')[0],
  '# План удержания клиентов',
);

if (problems.length > 0) {
  console.error(`${runtime}: FAIL\n  ${problems.join('\n  ')}`);
  throw new Error(`${problems.length} problem(s)`);
}
console.log(
  `${runtime}: ok (seed example 0.7, summary of a log, typed error, JSON Schema, Russian plan)`,
);
