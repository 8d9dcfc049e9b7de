import * as z from 'zod/mini';
import {
  boundaryOf,
  calendarDaysBefore,
  checkBoundaries,
  instantInputSchema,
  resolveBoundary,
  timeZoneSchema,
} from '../core/boundary.js';
import { parseInput } from '../core/errors.js';
import { timeUnitSchema } from '../core/instant.js';
import { addIssue, calendarDaysSchema, strictObject } from '../core/schemas.js';
import { resolveZone, type TimeZone, type Zone } from '../core/time.js';
import { allRowsAfter, readRows } from './internal/rows.js';
import type { Timestamp, TimeUnit, TransactionLog } from './log.js';

/** Options of {@link customerCounts}. */
export interface CustomerCountsOptions {
  /**
   * The first instant of the period, at which S is counted. A date-only string names that whole
   * day in `timeZone`, so the period starts at its first instant.
   */
  readonly periodStart: Timestamp;
  /**
   * The end of the period, inclusive, at which E is counted; after `periodStart`. A date-only
   * string names that whole day in `timeZone`: the period ends with it.
   */
  readonly periodEnd: Timestamp;
  /**
   * The activity window, a whole number of calendar days in `timeZone`: a customer is a customer
   * at the start (the end) of the period when they purchased in the `activeWithin` local days
   * before it (a day on which daylight saving time starts or ends counts as one day).
   */
  readonly activeWithin: number;
  /** Time zone of date-only boundaries and log dates. Default `'UTC'`. */
  readonly timeZone?: TimeZone;
  /** Unit of numeric timestamps (in the log and the boundaries). Default `'ms'`. */
  readonly timeUnit?: TimeUnit;
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
export const customerCountsOptionsSchema = strictObject({
  periodStart: instantInputSchema,
  periodEnd: instantInputSchema,
  activeWithin: calendarDaysSchema,
  timeZone: z.optional(timeZoneSchema),
  timeUnit: z.optional(timeUnitSchema),
}).check(
  z.superRefine((v, ctx) => {
    checkBoundaries(ctx, v, ['periodStart', 'periodEnd']);
    const zone = resolveZone(v.timeZone ?? 'UTC');
    if (zone === undefined) return;
    const start = resolveBoundary(v.periodStart, zone, v.timeUnit ?? 'ms');
    const end = resolveBoundary(v.periodEnd, zone, v.timeUnit ?? 'ms');
    if (start !== undefined && end !== undefined && end.end <= start.start + 1) {
      addIssue(ctx, 'must be after periodStart', ['periodEnd']);
    }
  }),
);

enum Flag {
  ActiveAtStart = 1,
  ActiveAtEnd = 2,
  BoughtBeforeStart = 4,
}

/**
 * Derives S, E and N for {@link retentionRate} and {@link churnRate} from a transaction log, given
 * what "being a customer" means for a business without contracts.
 *
 * Definition: the period runs from the first instant of `periodStart` (a date-only string: the
 * start of that day in `timeZone`) to the end of `periodEnd` (a date-only string: the end of that
 * whole day), start s included and end e excluded. A customer is a customer at s when they
 * purchased at some time in [s − activeWithin, s), and at e when they purchased in
 * [e − activeWithin, e), where b − activeWithin is the same time of day `activeWithin` calendar
 * days earlier in `timeZone` (conventions, section 1). Then S = customers at s, E = customers at
 * e, and N = customers at e who were not customers at s — newly acquired customers plus
 * reactivated ones (both are reported). With this N, `(E − N) / S` is exactly the share of S still
 * active at the end. With windows of whole local days, a purchase logged as a date or as a time
 * on that date is counted the same way, in every zone.
 *
 * Alternatives, not computed here: counting N as first-time buyers only (then a reactivated
 * customer inflates E − N, and `(E − N) / S` can exceed 1); cohort retention, which follows one
 * acquisition cohort instead of the whole base ({@link cohortRetention}); and for subscriptions, an
 * active contract instead of a purchase window. The log must reach back to
 * `periodStart − activeWithin`, or S is undercounted; purchases after `periodEnd` are ignored.
 * Empty input: an empty log gives all counts 0.
 *
 * @param log - As for {@link summarizeTransactions}.
 * @param options - `periodStart`, `periodEnd`, `activeWithin` (days), `timeZone`, `timeUnit`.
 * @returns The counts, integers.
 * @throws {RetentionMetricsError} `INVALID_INPUT` for a bad row (named `log[i].field`), bad options
 *   (`activeWithin` not a whole number of days from 1 to 109,575), or `periodEnd` not after
 *   `periodStart`.
 * @throws {RetentionMetricsError} `EMPTY_INPUT` when every row of a non-empty log is after
 *   `periodEnd` (the message says how many).
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
  const v = parseInput(fn, customerCountsOptionsSchema, options, 'options');
  const zone = resolveZone(v.timeZone ?? 'UTC') as Zone;
  const timeUnit = v.timeUnit ?? 'ms';
  // The period is [periodStart's first instant, periodEnd's exclusive end).
  const periodStart = boundaryOf(fn, 'periodStart', v.periodStart, zone, timeUnit).start;
  const periodEnd = boundaryOf(fn, 'periodEnd', v.periodEnd, zone, timeUnit).end;
  // Activity windows of whole local days: [b − activeWithin days, b) for each boundary b.
  const startWindow = calendarDaysBefore(periodStart, v.activeWithin, zone);
  const endWindow = calendarDaysBefore(periodEnd, v.activeWithin, zone);
  const read = readRows(fn, log, { timeUnit, zone, end: periodEnd });
  if (read.kept === 0 && read.rows > 0) throw allRowsAfter(fn, read.rows, 'periodEnd');
  const flags = new Uint8Array(read.customers.ids.length);
  for (let r = 0; r < read.kept; r++) {
    const ms = read.ms[r] as number;
    const c = read.customer[r] as number;
    let f = flags[c] as number;
    if (ms < periodStart) {
      f |= Flag.BoughtBeforeStart;
      if (ms >= startWindow) f |= Flag.ActiveAtStart;
    }
    if (ms >= endWindow) f |= Flag.ActiveAtEnd;
    flags[c] = f;
  }
  let start = 0;
  let end = 0;
  let retained = 0;
  let acquired = 0;
  let reactivated = 0;
  for (const f of flags) {
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
  return countsOf(start, end, retained, acquired, reactivated);
}

/**
 * The counts from the four that determine them: N = E − retained, lost = S − retained.
 *
 * @internal
 */
export function countsOf(
  start: number,
  end: number,
  retained: number,
  acquired: number,
  reactivated: number,
): CustomerCounts {
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
