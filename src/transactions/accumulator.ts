import { describeValue, RetentionMetricsError } from '../core/errors.js';
import { D, type Decimal, ZERO } from '../core/numeric.js';
import { WIDE } from '../core/sum.js';
import { periodIndex, periodStartDay } from '../core/time.js';
import {
  type CustomerId,
  checkAmount,
  checkId,
  checkTime,
  logLength,
  type ResolvedOptions,
  resolveSummaryOptions,
  type SummaryOptions,
  type Transaction,
  type TransactionColumns,
  type TransactionLog,
  unitDays,
} from './log.js';

/** Cent totals are folded into a Decimal before they could lose integer exactness. */
const FOLD_AT = 2 ** 52;
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

/** One customer's running state. Period keys are period indices, or epoch ms without granularity. */
class CustomerState {
  constructor(
    readonly id: CustomerId,
    public firstAt: number,
    public lastAt: number,
    public first: number,
    public last: number,
    public periods: number[],
    public lookup: Set<number> | null,
    public firstCents: number,
    public firstExact: Decimal | null,
    public cents: number,
    public exact: Decimal | null,
    public rows: number,
  ) {}

  /** Records a purchase period; `periods` holds each distinct period once. */
  addPeriod(key: number): void {
    if (key > this.last) {
      this.last = key;
      this.periods.push(key);
      this.lookup?.add(key);
      return;
    }
    if (key === this.last) return;
    if (this.lookup === null) {
      if (this.periods.length <= 16) {
        if (this.periods.indexOf(key) === -1) this.periods.push(key);
        return;
      }
      this.lookup = new Set(this.periods);
    }
    if (!this.lookup.has(key)) {
      this.lookup.add(key);
      this.periods.push(key);
    }
  }

  addAmount(amount: number | Decimal, toFirst: boolean): void {
    if (typeof amount === 'number') {
      this.cents += amount;
      if (toFirst) this.firstCents += amount;
      if (this.cents >= FOLD_AT) this.fold();
    } else {
      this.exact = wide(this.exact).plus(amount);
      if (toFirst) this.firstExact = wide(this.firstExact).plus(amount);
    }
  }

  /** Moves the cent totals into the Decimal parts, so that further cents stay exact. */
  fold(): void {
    this.exact = wide(this.exact).plus(new WIDE(this.cents).div(100));
    this.cents = 0;
    this.firstExact = wide(this.firstExact).plus(new WIDE(this.firstCents).div(100));
    this.firstCents = 0;
  }
}

function wide(value: Decimal | null): Decimal {
  return value ?? new WIDE(0);
}

/** Exact value of cents plus a Decimal part, rounded once to 34 digits. */
function money(cents: number, exact: Decimal | null): Decimal {
  if (exact === null) return new D(cents).div(100);
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
    this.addRow(0, transaction.customerId, transaction.at, transaction.amount);
    return this;
  }

  addMany(log: TransactionLog): SummaryAccumulator {
    const n = logLength(this.fn, log);
    if (Array.isArray(log)) {
      const rows = log as readonly Transaction[];
      for (let i = 0; i < n; i++) {
        const row = rows[i];
        if (typeof row !== 'object' || row === null) {
          throw new RetentionMetricsError(
            'INVALID_INPUT',
            `${this.fn}: log[${i}] must be an object with customerId, at and amount (received ${describeValue(row)})`,
            { path: ['log', i] },
          );
        }
        this.addRow(i, row.customerId, row.at, row.amount);
      }
    } else {
      const { customerId, at, amount } = log as TransactionColumns;
      for (let i = 0; i < n; i++) this.addRow(i, customerId[i], at[i], amount[i]);
    }
    return this;
  }

  private addRow(index: number, rawId: unknown, rawAt: unknown, rawAmount: unknown): void {
    const fn = this.fn;
    const id = checkId(fn, index, rawId);
    const ms = checkTime(fn, index, rawAt);
    const amount = checkAmount(fn, index, rawAmount);
    const key = this.periodKeyOf(ms);
    if (key > this.asOfKey) {
      this.rowsAfterAsOf++;
      return;
    }
    const state = this.customers.get(id);
    if (state === undefined) {
      const cents = typeof amount === 'number' ? amount : 0;
      const exact = typeof amount === 'number' ? null : new WIDE(amount);
      this.customers.set(
        id,
        new CustomerState(id, ms, ms, key, key, [key], null, cents, exact, cents, exact, 1),
      );
      return;
    }
    state.rows++;
    if (ms < state.firstAt) state.firstAt = ms;
    if (ms > state.lastAt) state.lastAt = ms;
    if (key < state.first) {
      state.first = key;
      state.firstCents = 0;
      state.firstExact = null;
    }
    state.addAmount(amount, key === state.first);
    state.addPeriod(key);
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
    if (other === this) return this;
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
    const ids = [...this.customers.keys()].sort(compareCustomerIds);
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
          [...s.periods].sort((a, b) => a - b),
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
      const sorted = [...periods];
      const first = sorted[0] as number;
      const last = sorted[sorted.length - 1] as number;
      const state = new CustomerState(
        id,
        firstAt,
        lastAt,
        first,
        last,
        sorted,
        null,
        0,
        null,
        0,
        null,
        rows,
      );
      state.firstExact = new WIDE(firstAmount);
      state.exact = new WIDE(total);
      this.customers.set(id, state);
    }
  }

  /** The period key of an instant under these options. */
  periodKeyOf(ms: number): number {
    const { granularity, zone } = this.options;
    return granularity === 'none' ? ms : periodIndex(ms, granularity, zone);
  }

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
    const ids = [...this.customers.keys()].sort(compareCustomerIds);
    const out = new Array<CustomerSummary>(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const s = this.customers.get(ids[i] as CustomerId) as CustomerState;
      out[i] = this.summaryOf(s);
    }
    return out;
  }

  private summaryOf(s: CustomerState): CustomerSummary {
    const orders = s.periods.length;
    const frequency = orders - 1;
    const total = money(s.cents, s.exact);
    const firstAmount = money(s.firstCents, s.firstExact);
    return {
      customerId: s.id,
      firstPurchaseAt: new Date(s.firstAt),
      lastPurchaseAt: new Date(s.lastAt),
      orders,
      frequency,
      recency: this.elapsed(s.first, s.last),
      T: this.elapsed(s.first, this.asOfKey),
      totalRevenue: total,
      averageOrderValue: orders === 1 ? total : total.div(orders),
      monetaryValue: frequency === 0 ? ZERO : total.minus(firstAmount).div(frequency),
    };
  }
}

function copyState(s: CustomerState): CustomerState {
  return new CustomerState(
    s.id,
    s.firstAt,
    s.lastAt,
    s.first,
    s.last,
    [...s.periods],
    null,
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
    mine.first = theirs.first;
    mine.firstCents = theirs.firstCents;
    mine.firstExact = theirs.firstExact;
  } else if (theirs.first === mine.first) {
    mine.firstCents += theirs.firstCents;
    if (theirs.firstExact !== null) mine.firstExact = wide(mine.firstExact).plus(theirs.firstExact);
  }
  mine.cents += theirs.cents;
  if (theirs.exact !== null) mine.exact = wide(mine.exact).plus(theirs.exact);
  if (mine.cents >= FOLD_AT || mine.firstCents >= FOLD_AT) mine.fold();
  for (const key of theirs.periods) mine.addPeriod(key);
}

/** @internal */
export function newAccumulator(fn: string, options: SummaryOptions): Accumulator {
  return new Accumulator(fn, resolveSummaryOptions(fn, options));
}

/** @internal */
export type { Accumulator };
