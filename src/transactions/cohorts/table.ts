import { boundaryOf } from '../../core/boundary.js';
import { checkTableSize } from '../../core/bounds.js';
import { ExactSum, MoneyCells } from '../../core/cents.js';
import { parseInput } from '../../core/errors.js';
import { D, type Decimal } from '../../core/numeric.js';
import { type CalendarUnit, periodKeyFunction, periodStartDay } from '../../core/period.js';
import { isoDateOfDay, resolveZone, type Zone } from '../../core/time.js';
import { allRowsAfter, readRows } from '../internal/rows.js';
import type { TransactionLog } from '../log.js';
import {
  type CohortMeasure,
  type CohortMode,
  type CohortRetentionOptions,
  type CohortRow,
  type CohortTable,
  cohortRetentionOptionsSchema,
  type PeriodBracket,
} from './options.js';

/** Adds a stored row's amount (cents, or NaN for an exact amount kept aside) to a sum. */
function addAmount(
  sum: ExactSum,
  cents: number,
  row: number,
  exactAmounts: ReadonlyMap<number, Decimal>,
): void {
  if (Number.isNaN(cents)) sum.addDecimal(exactAmounts.get(row) as Decimal);
  else sum.addCents(cents);
}

function columnLabel(from: number, to: number): string {
  return from === to ? `k=${from}` : `k=${from}-${to}`;
}

/**
 * An acquisition-cohort retention table: customers grouped by the calendar period of their first
 * purchase (their cohort), and for each cohort how many of them — or how much of their revenue —
 * came back k periods later.
 *
 * Definitions, with periods in `granularity` (`'month'` by default; `'week'` = ISO week, Monday to
 * Sunday; `'day'`, `'quarter'`, `'year'`) and in `timeZone` (UTC by default), and only purchases at or before `asOf`:
 * - the cohort c of a customer is the period of their first purchase; a customer is *active in
 *   period k* (k ≥ 0 periods after acquisition) when they purchased in period c + k;
 * - `'classic'`: value(k) = customers of the cohort active in period k; value(0) is the cohort
 *   size by definition;
 * - `'rolling'` (Amplitude's "unbounded" retention): value(k) = customers active in period k or
 *   any later period, up to `asOf` — so it is non-increasing in k, and a complete column can still
 *   grow as later purchases arrive;
 * - `'bracket'`: value(b) = customers active in any period of the bracket `{ from, to }`;
 * - `measure: 'revenue'` replaces "customers active in" by "the exact sum of the cohort's
 *   purchases in" the same periods;
 * - rate = value / size (customers) or value / initialRevenue (revenue; `null` when the cohort's
 *   period-0 revenue is 0). Rates are fractions, computed with the library's Decimal (34
 *   significant digits); revenue rates can exceed 1.
 *
 * The null rule: period p is *complete* when its last millisecond is at or before `asOf`, i.e.
 * p < E where E = the period of `asOf` + 1 ms. A column k of cohort c is reported only when
 * period c + k is complete (for a bracket: period c + to); otherwise value and rate are `null`,
 * never 0, because the period has not been observed in full. With `asOf: '2024-03-15'` and
 * months, February and earlier are complete and March is not; with `asOf` at
 * `'2024-03-31'` (a date-only `asOf` observes that whole day in `timeZone`, as in
 * {@link summarizeTransactions}) or `'2024-03-31T23:59:59.999Z'` March is complete too. A
 * date-time `asOf` is an instant, so `new Date()` works as "now".
 *
 * Cohorts with no customer are left out; a cohort in the period of `asOf` is listed with its
 * (partial) size and all values `null`. `periods` defaults to E − (oldest cohort), the number of
 * complete periods of the oldest cohort (at least 1; 1 when there is no cohort).
 *
 * Money is exact: revenue values equal Decimal summation of the amounts. The result does not
 * depend on the order of the log and the inputs are not changed. Cost: one pass over the log
 * (each customer id is looked up in a `Map` once per row and stored once), then passes over
 * typed arrays: about 20 bytes per row up to `asOf` and 8 per customer, released on return, plus
 * the table itself (cohorts × columns).
 *
 * @param log - Rows `{ customerId, at, amount }` or columns of the same; `at` is a `Date`, an
 *   ISO-8601 string (UTC unless it has an offset), or a number or bigint in `timeUnit`;
 *   `amount` ≥ 0, in currency units.
 * @param options - {@link CohortRetentionOptions}: `asOf` (required), `granularity`, `periods`,
 *   `mode`, `brackets`, `measure`, `timeZone`, `timeUnit`.
 * @returns A {@link CohortTable}: customer counts (integers) or revenue (currency units), and
 *   rates as fractions, one row per cohort, oldest first.
 * @throws {RetentionMetricsError} `EMPTY_INPUT` when every row of a non-empty log is after
 *   `asOf` (the message says how many); an empty log gives a table with no cohorts.
 * @throws {RetentionMetricsError} `INVALID_INPUT` for a bad row (named `log[i].field`: a bad id,
 *   an unparseable date, a negative or non-finite amount), columns of unequal length, or bad
 *   options: `periods` not an integer from 1 to 100,000, `brackets` missing with mode `'bracket'` or given with
 *   another mode, a bracket with `to < from`, overlapping or unordered brackets, an unknown
 *   option, unit, mode, measure or time zone.
 *
 * @example
 * ```ts
 * import { cohortRetention } from 'retention-metrics';
 * const log = [
 *   { customerId: 'a', at: '2024-01-05', amount: 10 },
 *   { customerId: 'a', at: '2024-02-10', amount: 20 },
 *   { customerId: 'b', at: '2024-01-20', amount: 5 },
 *   { customerId: 'b', at: '2024-03-02', amount: 5 },
 *   { customerId: 'c', at: '2024-02-14', amount: 8 },
 * ];
 * // January: a and b (a back in February, b in March); February: c. March is still running.
 * const table = cohortRetention(log, { asOf: '2024-03-15' });
 * table.columns; // => ['k=0', 'k=1']
 * table.cohorts.map((c) => [c.cohort, c.size, c.values, c.rates]); // => [['2024-01-01', 2, [2, 1], ['1', '0.5']], ['2024-02-01', 1, [1, null], ['1', null]]]
 * cohortRetention(log, { asOf: '2024-03-15', mode: 'rolling' }).cohorts[0]?.values; // => [2, 2]
 * const revenue = cohortRetention(log, { asOf: '2024-03-15', measure: 'revenue' }).cohorts[0];
 * [revenue?.initialRevenue, revenue?.values, revenue?.rates]; // => ['15', ['15', '20'], ['1', '1.333333333333333333333333333333333']]
 * cohortRetention(log, { asOf: '2024-03-15', mode: 'bracket' }); // => throws INVALID_INPUT
 * ```
 * @category Transactions
 */
export function cohortRetention(log: TransactionLog, options: CohortRetentionOptions): CohortTable {
  const fn = 'cohortRetention';
  const v = parseInput(fn, cohortRetentionOptionsSchema, options, 'options');
  const unit: CalendarUnit = v.granularity ?? v.cohortUnit ?? 'month';
  const mode: CohortMode = v.mode ?? 'classic';
  const measure: CohortMeasure = v.measure ?? 'customers';
  const zone = resolveZone(v.timeZone ?? 'UTC') as Zone;
  const timeUnit = v.timeUnit ?? 'ms';
  // A date-only asOf observes that whole local day, as in summarizeTransactions.
  const asOfEnd = boundaryOf(fn, 'asOf', v.asOf, zone, timeUnit).end;
  const asOf = asOfEnd - 1;
  const read = readRows(fn, log, { timeUnit, zone, end: asOfEnd });
  if (read.kept === 0 && read.rows > 0) throw allRowsAfter(fn, read.rows, 'asOf');

  // Each kept row as (customer number, period) in typed arrays, and each customer as its first
  // and last period: no object per row or per customer.
  const rows = read.kept;
  const rowCustomer = read.customer;
  const rowCents = read.cents;
  const exactAmounts = read.exact;
  const customerCount = read.customers.ids.length;
  const first = new Int32Array(customerCount);
  const last = new Int32Array(customerCount);
  const rowPeriod = new Int32Array(rows);
  const periodOf = periodKeyFunction(unit, zone);
  // Customer numbers are given in order of first appearance: number `seen` is a new customer.
  let seen = 0;
  for (let row = 0; row < rows; row++) {
    const period = periodOf(read.ms[row] as number);
    const customer = rowCustomer[row] as number;
    rowPeriod[row] = period;
    if (customer === seen) {
      seen++;
      first[customer] = period;
      last[customer] = period;
    } else if (period < (first[customer] as number)) first[customer] = period;
    else if (period > (last[customer] as number)) last[customer] = period;
  }
  // Periods before `end` are complete: their last millisecond is ≤ asOf.
  const end = periodOf(asOfEnd);
  const cohortPeriods = [...new Set(first.subarray(0, customerCount))].sort((x, y) => x - y);
  const brackets = mode === 'bracket' ? (v.brackets ?? []) : [];
  const lastBracket = brackets[brackets.length - 1];
  const periods =
    lastBracket !== undefined
      ? lastBracket.to + 1
      : (v.periods ?? Math.max(1, end - (cohortPeriods[0] ?? end)));
  const columnCount = mode === 'bracket' ? brackets.length : periods;
  // Bracket of each offset k that can hold a purchase (−1 in a gap between brackets).
  const maxOffset = cohortPeriods.length === 0 ? 0 : end - (cohortPeriods[0] as number) + 1;
  const bracketOf = new Int32Array(mode === 'bracket' ? Math.min(periods, maxOffset) : 0).fill(-1);
  brackets.forEach((b, j) => {
    bracketOf.fill(j, b.from, b.to + 1);
  });
  // Offsets beyond the period of asOf hold no purchase, so a cohort needs at most end − c + 1 cells.
  const cohortCount = cohortPeriods.length;
  const lengths = cohortPeriods.map((c) =>
    mode === 'bracket' ? columnCount : Math.min(columnCount, end - c + 1),
  );
  let cells = 0;
  for (const length of lengths) cells += length;
  checkTableSize(
    fn,
    ['periods'],
    cells,
    `periods: a table of ${cohortCount} cohorts by ${columnCount} periods of a ${unit}`,
    'pass fewer periods, a coarser granularity, or a log of a shorter time span',
  );
  /** The cell of offset k in a cohort with `length` cells, or −1 when no cell counts it. */
  const columnOf = (k: number, length: number): number => {
    if (mode === 'classic') return k < length ? k : -1;
    if (mode === 'rolling') return k < length ? k : length - 1;
    return k < bracketOf.length ? (bracketOf[k] as number) : -1;
  };

  const cohortNumber = new Map(cohortPeriods.map((c, slot) => [c, slot]));
  const cohortOf = new Int32Array(customerCount);
  const sizes = new Array<number>(cohortCount).fill(0);
  for (let customer = 0; customer < customerCount; customer++) {
    const slot = cohortNumber.get(first[customer] as number) as number;
    cohortOf[customer] = slot;
    sizes[slot] = (sizes[slot] as number) + 1;
  }

  // Revenue (and every cohort's initial revenue): one pass over the kept rows.
  const initial = cohortPeriods.map(() => new ExactSum());
  const revenue = measure === 'revenue' ? lengths.map((length) => new MoneyCells(length)) : [];
  for (let row = 0; row < rows; row++) {
    const customer = rowCustomer[row] as number;
    const slot = cohortOf[customer] as number;
    const k = (rowPeriod[row] as number) - (first[customer] as number);
    const cents = rowCents[row] as number;
    if (k === 0) addAmount(initial[slot] as ExactSum, cents, row, exactAmounts);
    if (measure === 'revenue') {
      const column = columnOf(k, lengths[slot] as number);
      if (column >= 0) {
        const cells = revenue[slot] as MoneyCells;
        if (Number.isNaN(cents)) cells.addDecimal(column, exactAmounts.get(row) as Decimal);
        else cells.addCents(column, cents);
      }
    }
  }

  // Customers: rolling needs only each customer's last period; classic and bracket count each
  // customer once per cell, so rows are grouped by customer (a counting sort) and deduplicated.
  const counts = lengths.map((length) => new Array<number>(length).fill(0));
  if (measure === 'customers' && mode === 'rolling') {
    for (let customer = 0; customer < customerCount; customer++) {
      const slot = cohortOf[customer] as number;
      const cells = counts[slot] as number[];
      const column = columnOf(
        (last[customer] as number) - (first[customer] as number),
        cells.length,
      );
      cells[column] = (cells[column] as number) + 1;
    }
  } else if (measure === 'customers') {
    const start = new Int32Array(customerCount + 1);
    for (let row = 0; row < rows; row++) {
      const after = (rowCustomer[row] as number) + 1;
      start[after] = (start[after] as number) + 1;
    }
    for (let customer = 0; customer < customerCount; customer++) {
      start[customer + 1] = (start[customer + 1] as number) + (start[customer] as number);
    }
    const next = start.slice(0, customerCount);
    const byCustomer = new Int32Array(rows);
    for (let row = 0; row < rows; row++) {
      const customer = rowCustomer[row] as number;
      byCustomer[next[customer] as number] = row;
      next[customer] = (next[customer] as number) + 1;
    }
    const seen = new Int32Array(columnCount).fill(-1);
    for (let customer = 0; customer < customerCount; customer++) {
      const cells = counts[cohortOf[customer] as number] as number[];
      const from = first[customer] as number;
      const stop = start[customer + 1] as number;
      for (let j = start[customer] as number; j < stop; j++) {
        const column = columnOf(
          (rowPeriod[byCustomer[j] as number] as number) - from,
          cells.length,
        );
        if (column >= 0 && seen[column] !== customer) {
          seen[column] = customer;
          cells[column] = (cells[column] as number) + 1;
        }
      }
    }
  }

  const table: CohortRow[] = [];
  cohortPeriods.forEach((c, slot) => {
    const initialRevenue = (initial[slot] as ExactSum).value();
    const size = sizes[slot] as number;
    const length = lengths[slot] as number;
    // Rolling: the last cell also holds every later offset, and value(k) sums the cells ≥ k.
    let runningCount = 0;
    const runningRevenue = new MoneyCells(1);
    const values = new Array<number | Decimal | null>(columnCount).fill(null);
    const rates = new Array<Decimal | null>(columnCount).fill(null);
    /** Rates by count: day tables repeat small counts in hundreds of cells (Decimals are immutable). */
    const rateOf = new Map<number, Decimal>();
    for (let j = length - 1; j >= 0; j--) {
      const lastPeriod = mode === 'bracket' ? (brackets[j] as PeriodBracket).to : j;
      const complete = c + lastPeriod < end;
      if (measure === 'revenue') {
        const cells = revenue[slot] as MoneyCells;
        if (mode === 'rolling') runningRevenue.addCell(0, cells, j);
        if (!complete) continue;
        const value = mode === 'rolling' ? runningRevenue.value(0) : cells.value(j);
        values[j] = value;
        rates[j] = initialRevenue.isZero() ? null : value.div(initialRevenue);
      } else {
        const count = (counts[slot] as number[])[j] as number;
        runningCount += count;
        if (!complete) continue;
        const value = mode === 'rolling' ? runningCount : count;
        values[j] = value;
        let rate = rateOf.get(value);
        if (rate === undefined) {
          rate = new D(value).div(size);
          rateOf.set(value, rate);
        }
        rates[j] = rate;
      }
    }
    table.push({
      cohort: isoDateOfDay(periodStartDay(c, unit)),
      size,
      initialRevenue,
      values,
      rates,
    });
  });

  return {
    granularity: unit,
    mode,
    measure,
    timeZone: zone.name,
    asOf: new Date(asOf),
    periods,
    columns:
      mode === 'bracket'
        ? brackets.map((b) => columnLabel(b.from, b.to))
        : Array.from({ length: periods }, (_, k) => columnLabel(k, k)),
    cohorts: table,
  };
}
