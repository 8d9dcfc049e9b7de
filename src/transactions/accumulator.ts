import { describeValue, RetentionMetricsError } from '../core/errors.js';
import { type Decimal, ZERO } from '../core/numeric.js';
import { quotientDecimal } from '../core/quotient.js';
import { WIDE } from '../core/sum.js';
import { periodKeyFunction, periodStartDay } from '../core/time.js';
import { aggregateBatch, FOLD_AT } from './internal/batch.js';
import {
  type CustomerId,
  type ResolvedOptions,
  resolveSummaryOptions,
  type SummaryOptions,
  type Transaction,
  type TransactionLog,
  unitDays,
} from './log.js';

const MS_PER_DAY = 86_400_000;

/**
 * The summary of one customer's purchases up to `asOf`, in the conventions of the reference
 * packages (lifetimes, BTYD, CLVTools).
 */
export interface CustomerSummary {
  /** The customer. */
  readonly customerId: CustomerId;
  /** The earliest purchase (its exact time, not the start of its period). */
  readonly firstPurchaseAt: Date;
  /** The latest purchase up to `asOf`. */
  readonly lastPurchaseAt: Date;
  /** Orders: distinct purchase periods (same-period purchases collapse into one order). */
  readonly orders: number;
  /** Repeat purchases: `orders − 1` (the `x` of BG/NBD and Pareto/NBD). */
  readonly frequency: number;
  /** From the first to the last purchase period, in `unit` (the `t_x` of BG/NBD). */
  readonly recency: number;
  /** From the first purchase period to the period of `asOf`, in `unit` (the customer's age). */
  readonly T: number;
  /** Sum of all amounts, exact. */
  readonly totalRevenue: Decimal;
  /** `totalRevenue / orders`. */
  readonly averageOrderValue: Decimal;
  /**
   * Mean amount of the repeat orders, the first order excluded (the Gamma-Gamma convention):
   * `(totalRevenue − first order's amount) / frequency`, and 0 when `frequency` is 0.
   */
  readonly monetaryValue: Decimal;
}

/**
 * One customer's running state. `periods` holds the distinct period keys (period indices, or
 * epoch ms without granularity) in ascending order.
 */
class CustomerState {
  constructor(
    readonly id: CustomerId,
    public firstAt: number,
    public lastAt: number,
    public periods: number[],
    public firstCents: number,
    public firstExact: Decimal | null,
    public cents: number,
    public exact: Decimal | null,
    public rows: number,
  ) {}

  get first(): number {
    return this.periods[0] as number;
  }

  get last(): number {
    return this.periods[this.periods.length - 1] as number;
  }

  /** Moves the cent totals into the Decimal parts, so that further cents stay exact. */
  fold(): void {
    this.exact = wide(this.exact).plus(new WIDE(this.cents).div(100));
    this.cents = 0;
    this.firstExact = wide(this.firstExact).plus(new WIDE(this.firstCents).div(100));
    this.firstCents = 0;
  }
}

/** The union of two non-empty ascending lists of distinct numbers, ascending and distinct. */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  // Partitions by time give lists that do not interleave: join them without comparisons.
  if ((a[a.length - 1] as number) < (b[0] as number)) return a.concat(b);
  if ((b[b.length - 1] as number) < (a[0] as number)) return b.concat(a);
  const out = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x < y) {
      out[k++] = x;
      i++;
    } else if (y < x) {
      out[k++] = y;
      j++;
    } else {
      out[k++] = x;
      i++;
      j++;
    }
  }
  while (i < a.length) out[k++] = a[i++] as number;
  while (j < b.length) out[k++] = b[j++] as number;
  out.length = k;
  return out;
}

/** Customer ids in canonical order: a typed sort when all are numbers, else by the comparator. */
function sortedIds(ids: CustomerId[]): CustomerId[] {
  if (ids.every((id) => typeof id === 'number')) {
    return Array.from(Float64Array.from(ids as number[]).sort());
  }
  return ids.sort(compareCustomerIds);
}

function wide(value: Decimal | null): Decimal {
  return value ?? new WIDE(0);
}

/** A whole number of cents (0 ≤ cents < 2^53) as an exact Decimal amount. */
function centsToDecimal(cents: number): Decimal {
  return quotientDecimal(cents, 100);
}

/** Exact value of cents plus a Decimal part, rounded once to 34 digits. */
function money(cents: number, exact: Decimal | null): Decimal {
  if (exact === null) return centsToDecimal(cents);
  return ZERO.plus(exact.plus(new WIDE(cents).div(100)));
}

/** The exact decimal string of cents plus a Decimal part (for JSON, never rounded). */
function moneyString(cents: number, exact: Decimal | null): string {
  const value = new WIDE(cents).div(100);
  return (exact === null ? value : exact.plus(value)).toFixed();
}

/** Canonical order of customer ids: numbers ascending, then strings by UTF-16 code units. */
export function compareCustomerIds(a: CustomerId, b: CustomerId): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The JSON form of a {@link SummaryAccumulator}, as produced by `toJSON()`. */
export interface SummaryAccumulatorJSON {
  readonly format: 'retention-metrics/summary-accumulator';
  readonly version: 1;
  /** The options, normalised: `[asOf in epoch ms, granularity, unit, time zone]`. */
  readonly options: readonly [number, string, string | number, string];
  /** Rows left out because they were after `asOf`. */
  readonly rowsAfterAsOf: number;
  /**
   * Customers as `[customerId, firstAt, lastAt, periods, firstOrderAmount, totalAmount, rows]`:
   * times in epoch ms, period keys as numbers, amounts as exact decimal strings.
   */
  readonly customers: readonly (readonly [
    CustomerId,
    number,
    number,
    readonly number[],
    string,
    string,
    number,
  ])[];
}

/**
 * A mergeable, serialisable summary of a transaction log, built incrementally. Partial
 * accumulators over any partition of a log, merged in any order, give exactly the result of one
 * pass over the whole log.
 */
export interface SummaryAccumulator {
  /** Adds one transaction. */
  add(transaction: Transaction): SummaryAccumulator;
  /** Adds a log (rows or columns); a bad row raises an error naming its index in `log`. */
  addMany(log: TransactionLog): SummaryAccumulator;
  /** Adds another accumulator's transactions into this one (same options required). */
  merge(other: SummaryAccumulator): SummaryAccumulator;
  /** The state as plain JSON, to send to another thread, process or machine. */
  toJSON(): SummaryAccumulatorJSON;
  /** Rows seen so far that were after `asOf` and left out. */
  readonly rowsAfterAsOf: number;
  /** Customers seen so far. */
  readonly size: number;
  /** The per-customer summaries, ordered by customer id (numbers first, then strings). */
  result(): CustomerSummary[];
}

class Accumulator implements SummaryAccumulator {
  private readonly customers = new Map<CustomerId, CustomerState>();
  private readonly asOfKey: number;
  private readonly days: number;
  rowsAfterAsOf = 0;

  constructor(
    private readonly fn: string,
    readonly options: ResolvedOptions,
  ) {
    this.days = unitDays(options.unit);
    const { granularity, zone } = options;
    this.periodKeyOf = granularity === 'none' ? (ms) => ms : periodKeyFunction(granularity, zone);
    this.asOfKey = this.periodKeyOf(options.asOf);
  }

  get size(): number {
    return this.customers.size;
  }

  add(transaction: Transaction): SummaryAccumulator {
    if (typeof transaction !== 'object' || transaction === null) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${this.fn}: transaction must be an object with customerId, at and amount (received ${describeValue(transaction)})`,
        { path: ['transaction'] },
      );
    }
    try {
      return this.addMany([transaction]);
    } catch (error) {
      // name the caller's transaction, not a one-row log the caller never passed
      if (
        error instanceof RetentionMetricsError &&
        error.path[0] === 'log' &&
        error.path[1] === 0
      ) {
        throw new RetentionMetricsError(
          error.code,
          error.message.replace('log[0]', 'transaction'),
          {
            path: ['transaction', ...error.path.slice(2)],
            cause: error,
          },
        );
      }
      throw error;
    }
  }

  addMany(log: TransactionLog): SummaryAccumulator {
    const batch = aggregateBatch(this.fn, log, this.periodKeyOf, this.asOfKey, this.options.zone);
    this.rowsAfterAsOf += batch.rowsAfterAsOf;
    const { ids, keyStart, keys } = batch;
    for (let c = 0; c < ids.length; c++) {
      const id = ids[c] as CustomerId;
      const from = keyStart[c] as number;
      const to = keyStart[c + 1] as number;
      const periods = new Array<number>(to - from);
      for (let j = from; j < to; j++) periods[j - from] = keys[j] as number;
      const state = new CustomerState(
        id,
        batch.firstAt[c] as number,
        batch.lastAt[c] as number,
        periods,
        batch.firstCents[c] as number,
        batch.firstExact.get(c) ?? null,
        batch.cents[c] as number,
        batch.exact.get(c) ?? null,
        batch.rows[c] as number,
      );
      const mine = this.customers.get(id);
      if (mine === undefined) this.customers.set(id, state);
      else mergeState(mine, state);
    }
    return this;
  }

  merge(other: SummaryAccumulator): SummaryAccumulator {
    if (!(other instanceof Accumulator)) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${this.fn}: can only merge an accumulator from createSummaryAccumulator or summaryAccumulatorFromJSON`,
        { path: ['other'] },
      );
    }
    if (other.options.key !== this.options.key) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${this.fn}: cannot merge accumulators with different options (${this.options.key} vs ${other.options.key})`,
        { path: ['other', 'options'] },
      );
    }
    if (other === this) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${this.fn}: cannot merge an accumulator into itself (merge a copy from toJSON to count its rows twice)`,
        { path: ['other'] },
      );
    }
    this.rowsAfterAsOf += other.rowsAfterAsOf;
    for (const [id, theirs] of other.customers) {
      const mine = this.customers.get(id);
      if (mine === undefined) {
        this.customers.set(id, copyState(theirs));
        continue;
      }
      mergeState(mine, theirs);
    }
    return this;
  }

  toJSON(): SummaryAccumulatorJSON {
    const ids = sortedIds([...this.customers.keys()]);
    const { asOf, granularity, unit, zone } = this.options;
    return {
      format: 'retention-metrics/summary-accumulator',
      version: 1,
      options: [asOf, granularity, unit, zone.name],
      rowsAfterAsOf: this.rowsAfterAsOf,
      customers: ids.map((id) => {
        const s = this.customers.get(id) as CustomerState;
        return [
          id,
          s.firstAt,
          s.lastAt,
          [...s.periods],
          moneyString(s.firstCents, s.firstExact),
          moneyString(s.cents, s.exact),
          s.rows,
        ] as const;
      }),
    };
  }

  /** Restores customers from JSON; used by {@link summaryAccumulatorFromJSON}. */
  load(json: SummaryAccumulatorJSON): void {
    this.rowsAfterAsOf = json.rowsAfterAsOf;
    for (const [id, firstAt, lastAt, periods, firstAmount, total, rows] of json.customers) {
      const sorted = [...periods].sort((a, b) => a - b);
      const state = new CustomerState(id, firstAt, lastAt, sorted, 0, null, 0, null, rows);
      state.firstExact = new WIDE(firstAmount);
      state.exact = new WIDE(total);
      this.customers.set(id, state);
    }
  }

  /** The period key of an instant under these options. */
  readonly periodKeyOf: (ms: number) => number;

  /** Duration between two period keys, in the unit. */
  elapsedBetween(from: number, to: number): number {
    return this.elapsed(from, to);
  }

  /** For each customer, the number of distinct purchase periods after `key`. */
  ordersAfter(key: number): Map<CustomerId, number> {
    const counts = new Map<CustomerId, number>();
    for (const [id, s] of this.customers) {
      let n = 0;
      for (const p of s.periods) if (p > key) n++;
      if (n > 0) counts.set(id, n);
    }
    return counts;
  }

  /** Duration between two period keys, in the unit. */
  private elapsed(from: number, to: number): number {
    const { granularity, unit } = this.options;
    if (granularity === 'none') return (to - from) / MS_PER_DAY / this.days;
    if (granularity === 'month' && unit === 'month') return to - from;
    return (periodStartDay(to, granularity) - periodStartDay(from, granularity)) / this.days;
  }

  result(): CustomerSummary[] {
    const ids = sortedIds([...this.customers.keys()]);
    const out = new Array<CustomerSummary>(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const s = this.customers.get(ids[i] as CustomerId) as CustomerState;
      out[i] = this.record(
        s.id,
        s.firstAt,
        s.lastAt,
        s.periods.length,
        s.first,
        s.last,
        s.cents,
        s.exact,
        s.firstCents,
        s.firstExact,
      );
    }
    return out;
  }

  /**
   * Summaries straight from a log, without per-customer state objects: the one-pass path of
   * `summarizeTransactions`. Equal to `addMany(log).result()` on an empty accumulator.
   */
  summarize(log: TransactionLog): CustomerSummary[] {
    const batch = aggregateBatch(this.fn, log, this.periodKeyOf, this.asOfKey, this.options.zone);
    const { ids, keyStart, keys } = batch;
    let order: ArrayLike<number> | null = batch.canonicalOrder;
    if (order === null) {
      const byId = Array.from({ length: ids.length }, (_, c) => c);
      byId.sort((a, b) => compareCustomerIds(ids[a] as CustomerId, ids[b] as CustomerId));
      order = byId;
    }
    // Amounts off the cent path are rare: skip the lookups when there are none.
    const exact = batch.exact.size === 0 ? null : batch.exact;
    const firstExact = batch.firstExact.size === 0 ? null : batch.firstExact;
    const out = new Array<CustomerSummary>(ids.length);
    for (let i = 0; i < order.length; i++) {
      const c = order[i] as number;
      const from = keyStart[c] as number;
      const to = keyStart[c + 1] as number;
      out[i] = this.record(
        ids[c] as CustomerId,
        batch.firstAt[c] as number,
        batch.lastAt[c] as number,
        to - from,
        keys[from] as number,
        keys[to - 1] as number,
        batch.cents[c] as number,
        exact === null ? null : (exact.get(c) ?? null),
        batch.firstCents[c] as number,
        firstExact === null ? null : (firstExact.get(c) ?? null),
      );
    }
    return out;
  }

  /** One summary record, with the money fields computed from exact cents where possible. */
  private record(
    customerId: CustomerId,
    firstAt: number,
    lastAt: number,
    orders: number,
    first: number,
    last: number,
    cents: number,
    exact: Decimal | null,
    firstCents: number,
    firstExact: Decimal | null,
  ): CustomerSummary {
    const frequency = orders - 1;
    const onCents = exact === null && firstExact === null;
    const totalRevenue = money(cents, exact);
    let monetaryValue = ZERO;
    if (frequency > 0) {
      monetaryValue = onCents
        ? quotientDecimal(cents - firstCents, 100 * frequency)
        : totalRevenue.minus(money(firstCents, firstExact)).div(frequency);
    }
    return {
      customerId,
      firstPurchaseAt: new Date(firstAt),
      lastPurchaseAt: new Date(lastAt),
      orders,
      frequency,
      recency: this.elapsed(first, last),
      T: this.elapsed(first, this.asOfKey),
      totalRevenue,
      averageOrderValue:
        orders === 1
          ? totalRevenue
          : onCents
            ? quotientDecimal(cents, 100 * orders)
            : totalRevenue.div(orders),
      monetaryValue,
    };
  }
}

function copyState(s: CustomerState): CustomerState {
  return new CustomerState(
    s.id,
    s.firstAt,
    s.lastAt,
    [...s.periods],
    s.firstCents,
    s.firstExact,
    s.cents,
    s.exact,
    s.rows,
  );
}

function mergeState(mine: CustomerState, theirs: CustomerState): void {
  mine.rows += theirs.rows;
  mine.firstAt = Math.min(mine.firstAt, theirs.firstAt);
  mine.lastAt = Math.max(mine.lastAt, theirs.lastAt);
  if (theirs.first < mine.first) {
    mine.firstCents = theirs.firstCents;
    mine.firstExact = theirs.firstExact;
  } else if (theirs.first === mine.first) {
    mine.firstCents += theirs.firstCents;
    if (theirs.firstExact !== null) mine.firstExact = wide(mine.firstExact).plus(theirs.firstExact);
  }
  mine.cents += theirs.cents;
  if (theirs.exact !== null) mine.exact = wide(mine.exact).plus(theirs.exact);
  if (mine.cents >= FOLD_AT || mine.firstCents >= FOLD_AT) mine.fold();
  mine.periods = mergeSorted(mine.periods, theirs.periods);
}

/** @internal */
export function newAccumulator(fn: string, options: SummaryOptions): Accumulator {
  return new Accumulator(fn, resolveSummaryOptions(fn, options));
}

/** @internal */
export type { Accumulator };
