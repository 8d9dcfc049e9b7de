import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RetentionMetricsError } from '../../src/core/errors.js';
import type { SummaryAccumulator } from '../../src/transactions/accumulator.js';
import type { SummaryAccumulatorJSON } from '../../src/transactions/accumulator-json.js';
import type { CustomerSummary } from '../../src/transactions/customer-summary.js';
import type { SummaryOptions, Transaction } from '../../src/transactions/log.js';
import {
  createSummaryAccumulator,
  summarizeTransactions as summarizeOrThrow,
  summaryAccumulatorFromJSON,
} from '../../src/transactions/summarize.js';

/**
 * summarizeTransactions, with the empty result where it raises EMPTY_INPUT, which it must do
 * only when every row of a non-empty log is after asOf (checked here).
 */
function summarizeTransactions(
  log: readonly Transaction[],
  options: SummaryOptions,
): CustomerSummary[] {
  try {
    return summarizeOrThrow(log, { ...options, form: 'rows' });
  } catch (error) {
    const bad = error as RetentionMetricsError;
    if (bad.code !== 'EMPTY_INPUT') throw error;
    expect(bad.message).toContain(`all ${log.length} rows of the log are after asOf`);
    expect(createSummaryAccumulator(options).addMany(log).rowsAfterAsOf).toBe(log.length);
    return [];
  }
}

// Laws of the summary monoid (DESIGN.md, "Scale"): for any partition of a log, partial
// accumulators merged in any order, some of them shipped as JSON text, give exactly the result
// of one pass over the whole log; the order of the log does not matter; money is exact.
// The independent reference for money is BigInt arithmetic on thousandths of a unit.

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.UTC(2024, 0, 1); // a Monday
const RUNS = 100;

/** Decimals as strings and Dates as ISO strings, for deep comparison. */
function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Decimal.isDecimal(value)) return value.toString();
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

/** The exact decimal string of `mills / 1000`, printed as decimal.js prints it. */
function millsToString(mills: bigint): string {
  const fraction = (mills % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return `${mills / 1000n}${fraction === '' ? '' : `.${fraction}`}`;
}

interface Row {
  readonly transaction: Transaction;
  /** The instant, epoch ms. */
  readonly ms: number;
  /** The amount in thousandths. */
  readonly mills: bigint;
}

/** Up to 8 customers, numbers and strings mixed; `1` and `'1'` are different customers. */
const customerId = fc.constantFrom<string | number>(1, 2, 17, -3, '1', 'a', 'b', '__proto__');

/** Instants within 120 days, on whole hours half the time so that same-day rows are common. */
const instant = fc.oneof(
  fc.integer({ min: 0, max: 120 * 24 }).map((h) => START + h * HOUR),
  fc.integer({ min: 0, max: 120 * DAY }).map((ms) => START + ms),
);

/** Amounts: two-decimal numbers or strings, some three-decimal strings, some Decimals. */
const amount = fc.oneof(
  fc.integer({ min: 0, max: 100_000 }).map((c) => ({ value: c / 100, mills: BigInt(c) * 10n })),
  fc.integer({ min: 0, max: 100_000 }).map((c) => ({
    value: `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`,
    mills: BigInt(c) * 10n,
  })),
  fc.integer({ min: 0, max: 1_000_000 }).map((m) => ({
    value: millsToString(BigInt(m)),
    mills: BigInt(m),
  })),
  fc.integer({ min: 0, max: 1_000_000 }).map((m) => ({
    value: new Decimal(m).div(1000),
    mills: BigInt(m),
  })),
);

const row: fc.Arbitrary<Row> = fc
  .tuple(customerId, instant, amount, fc.constantFrom('ms', 'iso', 'date'))
  .map(([id, ms, a, how]) => ({
    transaction: {
      customerId: id,
      at: how === 'ms' ? ms : how === 'iso' ? new Date(ms).toISOString() : new Date(ms),
      amount: a.value,
    },
    ms,
    mills: a.mills,
  }));

const log = fc.array(row, { maxLength: 60 });

/** asOf within the same 120 days, so that some rows are usually after it. */
const asOf = fc.integer({ min: 0, max: 120 * DAY }).map((ms) => START + ms);

/** The variants of options; each has an independent "is this row observed?" test. */
interface Variant {
  readonly name: string;
  readonly options: (asOf: number) => SummaryOptions;
  /** Whether an instant is observed at `asOf`: in or before the period of asOf. */
  readonly observed: (ms: number, asOf: number) => boolean;
}

const dayIndex = (ms: number, offset = 0) => Math.floor((ms + offset) / DAY);

const variants: Variant[] = [
  {
    // a date-only asOf names its whole day
    name: 'day granularity, UTC',
    options: (a) => ({ asOf: new Date(a).toISOString().slice(0, 10), unit: 'week' }),
    observed: (ms, a) => dayIndex(ms) <= dayIndex(a),
  },
  {
    // an instant asOf ends there, whatever the granularity
    name: 'week granularity',
    options: (a) => ({ asOf: a, granularity: 'week', unit: 'week' }),
    observed: (ms, a) => ms <= a,
  },
  {
    // Moscow is UTC+3 all year in 2024: a date-only asOf names the local day
    name: 'time zone Europe/Moscow',
    options: (a) => ({
      asOf: new Date(a + 3 * HOUR).toISOString().slice(0, 10),
      timeZone: 'Europe/Moscow',
    }),
    observed: (ms, a) => dayIndex(ms, 3 * HOUR) <= dayIndex(a, 3 * HOUR),
  },
  {
    name: 'month granularity and unit',
    options: (a) => ({ asOf: new Date(a).toISOString(), granularity: 'month', unit: 'month' }),
    observed: (ms, a) => ms <= a,
  },
  {
    name: 'no granularity, unit 14 days',
    options: (a) => ({ asOf: a, granularity: 'none', unit: 14 }),
    observed: (ms, a) => ms <= a,
  },
];

const ship = (acc: SummaryAccumulator): SummaryAccumulator =>
  summaryAccumulatorFromJSON(JSON.parse(JSON.stringify(acc)) as SummaryAccumulatorJSON);

/**
 * A plan for one partition: each row's part (0..k−1), how each part is built (add one by one,
 * addMany of rows, addMany of columns) and whether it is shipped as JSON, and the merge order.
 */
const plan = fc.record({
  k: fc.integer({ min: 1, max: 5 }),
  seeds: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
  builds: fc.array(fc.constantFrom('add', 'rows', 'columns'), { minLength: 5, maxLength: 5 }),
  shipped: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  order: fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }),
  tree: fc.boolean(),
});

function build(
  options: SummaryOptions,
  rows: readonly Row[],
  how: 'add' | 'rows' | 'columns',
): SummaryAccumulator {
  const acc = createSummaryAccumulator(options);
  const transactions = rows.map((r) => r.transaction);
  if (how === 'add') for (const t of transactions) acc.add(t);
  else if (how === 'rows') acc.addMany(transactions);
  else {
    acc.addMany({
      customerId: transactions.map((t) => t.customerId),
      at: transactions.map((t) => t.at),
      amount: transactions.map((t) => t.amount),
    });
  }
  return acc;
}

/** Merges left to right, or as a balanced tree (another bracketing: associativity). */
function mergeAll(parts: SummaryAccumulator[], tree: boolean): SummaryAccumulator {
  if (!tree) return parts.slice(1).reduce((acc, p) => acc.merge(p), parts[0] as SummaryAccumulator);
  let level = parts;
  while (level.length > 1) {
    const next: SummaryAccumulator[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const a = level[i] as SummaryAccumulator;
      const b = level[i + 1];
      next.push(b === undefined ? a : a.merge(b));
    }
    level = next;
  }
  return level[0] as SummaryAccumulator;
}

describe.each(variants)('summary accumulator laws: $name', ({ options, observed }) => {
  it('any partition, merged in any order and bracketing, some parts via JSON = one pass', () => {
    fc.assert(
      fc.property(log, asOf, plan, (rows, a, p) => {
        const opts = options(a);
        const whole = summarizeTransactions(
          rows.map((r) => r.transaction),
          opts,
        );
        const partRows: Row[][] = Array.from({ length: p.k }, () => []);
        rows.forEach((r, i) => {
          partRows[(p.seeds[i] as number) % p.k]?.push(r);
        });
        const parts = partRows.map((rs, i) => {
          const acc = build(opts, rs, p.builds[i] ?? 'rows');
          return p.shipped[i] ? ship(acc) : acc;
        });
        const ordered = p.order.filter((i) => i < p.k).map((i) => parts[i] as SummaryAccumulator);
        const merged = mergeAll(ordered, p.tree);
        expect(normalise(merged.result())).toEqual(normalise(whole));
        expect(merged.rowsAfterAsOf).toBe(rows.filter((r) => !observed(r.ms, a)).length);
        // and the merged accumulator survives another trip through JSON unchanged
        expect(normalise(ship(merged).result())).toEqual(normalise(whole));
      }),
      { numRuns: RUNS },
    );
  });

  it('permuting the log changes nothing', () => {
    const logAndPermutation = log.chain((rows) =>
      fc
        .shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })
        .map((shuffled) => [rows, shuffled] as const),
    );
    fc.assert(
      fc.property(logAndPermutation, asOf, ([rows, shuffled], a) => {
        const opts = options(a);
        expect(
          normalise(
            summarizeTransactions(
              shuffled.map((r) => r.transaction),
              opts,
            ),
          ),
        ).toEqual(
          normalise(
            summarizeTransactions(
              rows.map((r) => r.transaction),
              opts,
            ),
          ),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('totals, customers and order counts match an independent computation', () => {
    fc.assert(
      fc.property(log, asOf, (rows, a) => {
        const result = summarizeTransactions(
          rows.map((r) => r.transaction),
          options(a),
        );
        const seen = rows.filter((r) => observed(r.ms, a));
        // revenue: the exact sum of every observed amount
        const expected = seen.reduce((sum, r) => sum + r.mills, 0n);
        const ours = result.reduce((sum, s) => sum.plus(s.totalRevenue.toString()), new Decimal(0));
        expect(ours.toString()).toBe(millsToString(expected));
        // the customers are those with an observed row (a Set keeps 1 and '1' apart)
        expect(new Set(result.map((s) => s.customerId))).toEqual(
          new Set(seen.map((r) => r.transaction.customerId)),
        );
        for (const s of result) {
          expect(s.frequency).toBe(s.orders - 1);
          expect(s.recency).toBeGreaterThanOrEqual(0);
          expect(s.recency).toBeLessThanOrEqual(s.T);
          expect(Number.isFinite(s.T)).toBe(true);
          expect(s.firstPurchaseAt.getTime()).toBeLessThanOrEqual(s.lastPurchaseAt.getTime());
          // orders × AOV = total, to the 34 significant digits of the division
          expect(
            new Decimal(s.averageOrderValue.toString())
              .times(s.orders)
              .minus(s.totalRevenue.toString())
              .abs()
              .lte(new Decimal(s.totalRevenue.toString()).times('1e-32')),
          ).toBe(true);
          if (s.frequency === 0) expect(s.monetaryValue.isZero()).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("summary accumulator laws: granularity 'day', UTC, by hand-computable counts", () => {
  it('orders = distinct (customer, UTC day) pairs; first/last purchase = min/max instant', () => {
    fc.assert(
      fc.property(log, asOf, (rows, a) => {
        const result = summarizeTransactions(
          rows.map((r) => r.transaction),
          { asOf: a },
        );
        const key = (id: string | number | bigint) => `${typeof id}:${String(id)}`;
        const seen = rows.filter((r) => r.ms <= a);
        for (const s of result) {
          const mine = seen.filter((r) => key(r.transaction.customerId) === key(s.customerId));
          const days = new Set(mine.map((r) => dayIndex(r.ms)));
          expect(s.orders).toBe(days.size);
          const times = mine.map((r) => r.ms);
          expect(s.firstPurchaseAt.getTime()).toBe(Math.min(...times));
          expect(s.lastPurchaseAt.getTime()).toBe(Math.max(...times));
          expect(s.recency).toBe(Math.max(...days) - Math.min(...days));
          expect(s.T).toBe(dayIndex(a) - Math.min(...days));
          // the first order's amount: the mills of the first day's rows
          const firstDay = Math.min(...days);
          const first = mine
            .filter((r) => dayIndex(r.ms) === firstDay)
            .reduce((sum, r) => sum + r.mills, 0n);
          const total = mine.reduce((sum, r) => sum + r.mills, 0n);
          if (s.frequency > 0) {
            expect(new Decimal(s.monetaryValue.toString()).times(s.frequency).toString()).toBe(
              new Decimal(millsToString(total - first)).toString(),
            );
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});
