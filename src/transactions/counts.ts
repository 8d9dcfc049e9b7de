import { z } from 'zod';
import { parseInput } from '../core/errors.js';
import { addIssue, timestampSchema } from '../core/schemas.js';
import { MS_PER_DAY } from '../core/time.js';
import {
  type CustomerId,
  checkAmount,
  checkId,
  checkTime,
  logLength,
  type Timestamp,
  type Transaction,
  type TransactionColumns,
  type TransactionLog,
} from './log.js';

/** Options of {@link customerCounts}. */
export interface CustomerCountsOptions {
  /** Start of the period (the instant at which S is counted). */
  readonly periodStart: Timestamp;
  /** End of the period (the instant at which E is counted), after `periodStart`. */
  readonly periodEnd: Timestamp;
  /**
   * The activity window in days: a customer is a customer at instant t when they purchased in
   * the `activeWithin` days up to t, i.e. in (t − activeWithin, t].
   */
  readonly activeWithin: number;
}

/** The counts of {@link customerCounts}. */
export interface CustomerCounts {
  /** S: customers active at `periodStart`. */
  readonly startCustomers: number;
  /** E: customers active at `periodEnd`. */
  readonly endCustomers: number;
  /** N: customers active at `periodEnd` but not at `periodStart` (acquired + reactivated). */
  readonly newCustomers: number;
  /** Customers active at both instants: E − N. */
  readonly retainedCustomers: number;
  /** Customers active at `periodStart` but not at `periodEnd`: S − retained. */
  readonly lostCustomers: number;
  /** Of the new customers, those whose first purchase in the log falls in the period. */
  readonly acquiredCustomers: number;
  /** Of the new customers, those who had bought before but were inactive at `periodStart`. */
  readonly reactivatedCustomers: number;
}

/**
 * The schema of {@link CustomerCountsOptions}.
 *
 * @category Schemas
 */
export const customerCountsOptionsSchema = z
  .strictObject({
    periodStart: timestampSchema,
    periodEnd: timestampSchema,
    activeWithin: z.number().positive().finite(),
  })
  .superRefine((v, ctx) => {
    if (v.periodEnd <= v.periodStart) addIssue(ctx, 'must be after periodStart', ['periodEnd']);
  });

enum Flag {
  ActiveAtStart = 1,
  ActiveAtEnd = 2,
  BoughtBeforeStart = 4,
}

/**
 * Derives S, E and N for {@link retentionRate} and {@link churnRate} from a transaction log, given
 * what "being a customer" means for a business without contracts.
 *
 * Definition: a customer is a customer at instant t when they purchased in the `activeWithin`
 * days up to t, i.e. at some time in (t − activeWithin, t]. Then S = customers at `periodStart`,
 * E = customers at `periodEnd`, and N = customers at `periodEnd` who were not customers at
 * `periodStart` — newly acquired customers plus reactivated ones (both are reported). With this N,
 * `(E − N) / S` is exactly the share of S still active at the end.
 *
 * Alternatives, not computed here: counting N as first-time buyers only (then a reactivated
 * customer inflates E − N, and `(E − N) / S` can exceed 1); cohort retention, which follows one
 * acquisition cohort instead of the whole base ({@link cohortRetention}); and for subscriptions, an
 * active contract instead of a purchase window. The log must reach back to
 * `periodStart − activeWithin`, or S is undercounted; purchases after `periodEnd` are ignored.
 *
 * @param log - As for {@link summarizeTransactions}.
 * @param options - `periodStart`, `periodEnd` and `activeWithin` (days).
 * @returns The counts, integers.
 * @throws {RetentionMetricsError} `INVALID_INPUT` for a bad row (named `log[i].field`), bad options,
 *   or `periodEnd` not after `periodStart`.
 *
 * @example
 * ```ts
 * import { customerCounts, retentionRate } from 'retention-metrics';
 * const log = [
 *   { customerId: 'a', at: '2024-01-10', amount: 10 }, { customerId: 'a', at: '2024-03-20', amount: 10 },
 *   { customerId: 'b', at: '2024-01-20', amount: 10 },
 *   { customerId: 'c', at: '2023-10-01', amount: 10 }, { customerId: 'c', at: '2024-03-01', amount: 10 },
 *   { customerId: 'd', at: '2024-02-15', amount: 10 },
 * ];
 * const counts = customerCounts(log, { periodStart: '2024-01-31', periodEnd: '2024-03-31', activeWithin: 60 });
 * [counts.startCustomers, counts.endCustomers, counts.newCustomers, counts.acquiredCustomers, counts.reactivatedCustomers]; // => [2, 3, 2, 1, 1]
 * retentionRate({ startCustomers: counts.startCustomers, endCustomers: counts.endCustomers, newCustomers: counts.newCustomers }).toString(); // => '0.5'
 * ```
 * @category Transactions
 */
export function customerCounts(
  log: TransactionLog,
  options: CustomerCountsOptions,
): CustomerCounts {
  const fn = 'customerCounts';
  const { periodStart, periodEnd, activeWithin } = parseInput(
    fn,
    customerCountsOptionsSchema,
    options,
  );
  const window = activeWithin * MS_PER_DAY;
  const n = logLength(fn, log);
  const flags = new Map<CustomerId, number>();
  const visit = (i: number, rawId: unknown, rawAt: unknown, rawAmount: unknown): void => {
    const id = checkId(fn, i, rawId);
    const ms = checkTime(fn, i, rawAt);
    checkAmount(fn, i, rawAmount);
    if (ms > periodEnd) return;
    let f = flags.get(id) ?? 0;
    if (ms <= periodStart) {
      f |= Flag.BoughtBeforeStart;
      if (ms > periodStart - window) f |= Flag.ActiveAtStart;
    }
    if (ms > periodEnd - window) f |= Flag.ActiveAtEnd;
    flags.set(id, f);
  };
  if (Array.isArray(log)) {
    (log as readonly Transaction[]).forEach((row, i) => {
      const r = (typeof row === 'object' && row !== null ? row : {}) as Partial<Transaction>;
      visit(i, r.customerId, r.at, r.amount);
    });
  } else {
    const { customerId, at, amount } = log as TransactionColumns;
    for (let i = 0; i < n; i++) visit(i, customerId[i], at[i], amount[i]);
  }
  let start = 0;
  let end = 0;
  let retained = 0;
  let acquired = 0;
  let reactivated = 0;
  for (const f of flags.values()) {
    const atStart = (f & Flag.ActiveAtStart) !== 0;
    const atEnd = (f & Flag.ActiveAtEnd) !== 0;
    if (atStart) start++;
    if (atEnd) end++;
    if (atStart && atEnd) retained++;
    if (atEnd && !atStart) {
      if ((f & Flag.BoughtBeforeStart) !== 0) reactivated++;
      else acquired++;
    }
  }
  return {
    startCustomers: start,
    endCustomers: end,
    newCustomers: end - retained,
    retainedCustomers: retained,
    lostCustomers: start - retained,
    acquiredCustomers: acquired,
    reactivatedCustomers: reactivated,
  };
}
