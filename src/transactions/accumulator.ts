import { moneyOf } from '../core/cents.js';
import { describeValue, IssueCollector, RetentionMetricsError } from '../core/errors.js';
import type { Decimal } from '../core/numeric.js';
import { ownField } from '../core/own.js';
import { periodKeyFunction, periodStartDay } from '../core/period.js';
import { calendarDaysBetween } from '../core/time.js';
import { encodeBinary, type SummaryAccumulatorBinary } from './accumulator-binary.js';
import {
  decodeCustomers,
  encodeAggregate,
  type SummaryAccumulatorJSON,
} from './accumulator-json.js';
import { type CustomerSummary, canonicalOrder, summaryRecord } from './customer-summary.js';
import { aggregateBatch, type BatchAggregate, EMPTY_AGGREGATE } from './internal/aggregate.js';
import { combineAggregates } from './internal/combine.js';
import {
  allRowsAfter,
  customerIdOf,
  type RowReading,
  rowAmount,
  rowTime,
} from './internal/rows.js';
import { summaryPass } from './internal/summary-pass.js';
import {
  type CustomerId,
  endKeyOf,
  optionsDifference,
  type ResolvedOptions,
  resolveSummaryOptions,
  type SummaryOptions,
  type Transaction,
  type TransactionLog,
  unitDays,
} from './log.js';
import {
  type CustomerSummaryTable,
  emptySummaryTableParts,
  type SummaryTableParts,
  summaryTableOf,
} from './summary-table.js';

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
  /**
   * The state in typed arrays over one `ArrayBuffer`, to send to another thread without
   * copying: `postMessage(state, [state.buffer])`; read back with `summaryAccumulatorFromBinary`.
   */
  toBinary(): SummaryAccumulatorBinary;
  /** Rows seen so far that were after `asOf` and left out. */
  readonly rowsAfterAsOf: number;
  /** Customers seen so far. */
  readonly size: number;
  /** The per-customer summaries, ordered by customer id (numbers first, then strings). */
  result(): CustomerSummary[];
  /**
   * The same summaries as a {@link CustomerSummaryTable} of typed columns. Its `options.asOf` is
   * the `asOf` given, or for an accumulator restored from JSON the instant durations run to.
   */
  table(): CustomerSummaryTable;
}

/** How buffered rows (validated, in epoch ms, before `asOf`) are read. */
const BUFFER_READING: RowReading = {
  timeUnit: 'ms',
  zone: { name: 'UTC', fixed: true, offsetAt: () => 0 },
  end: Number.POSITIVE_INFINITY,
};

/** Rows that `add` collects before it aggregates them as one piece. */
const BUFFER_ROWS = 4096;
/** An error of the row checks about `log[0]`, about the transaction given to `add` instead. */
function inTransaction(error: RetentionMetricsError): RetentionMetricsError {
  return new RetentionMetricsError(error.code, error.message.replace('log[0]', 'transaction'), {
    path: ['transaction', ...error.path.slice(2)],
    cause: error,
  });
}

/** Pieces of one size class that are combined into one (sizes grow by this factor per class). */
const PIECES_PER_CLASS = 4;

class Accumulator implements SummaryAccumulator {
  /** The period key of `asOf` (its instant `at` without granularity): where `T` ends. */
  readonly asOfKey: number;
  /** How logs are read: rows at or after the end of `asOf` are left out. */
  private readonly reading: RowReading;
  private readonly days: number;
  /**
   * The state: aggregates of disjoint pieces of the log, by size class (⌊log4 of their keys⌋).
   * When a class holds {@link PIECES_PER_CLASS} pieces they are combined into one of a larger
   * class, so that each key is combined a logarithmic number of times and the pieces never hold
   * more than a few times the customers' combined state. Reading combines them all.
   */
  private classes: BatchAggregate[][] = [];
  /** Transactions from `add`, validated, with times resolved to epoch ms. */
  private buffer: { customerId: CustomerId[]; at: number[]; amount: (number | Decimal)[] } = {
    customerId: [],
    at: [],
    amount: [],
  };
  rowsAfterAsOf = 0;

  constructor(
    private readonly fn: string,
    readonly options: ResolvedOptions,
  ) {
    this.days = unitDays(options.unit);
    const { granularity, zone } = options;
    this.periodKeyOf = granularity === 'none' ? (ms) => ms : periodKeyFunction(granularity, zone);
    this.asOfKey = endKeyOf(options.end, options.at, granularity, zone);
    this.reading = { timeUnit: options.timeUnit, zone, end: options.end };
  }

  get size(): number {
    return this.combined().ids.length;
  }

  add(transaction: Transaction): SummaryAccumulator {
    if (typeof transaction !== 'object' || transaction === null || Array.isArray(transaction)) {
      const received = Array.isArray(transaction)
        ? 'an array: add takes one transaction, addMany a log of rows or columns'
        : describeValue(transaction);
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${this.fn}: transaction must be an object with customerId, at and amount (received ${received})`,
        { path: ['transaction'] },
      );
    }
    const { fn } = this;
    // Each field is read once, before any check.
    const { customerId, at, amount } = transaction;
    // Every field is checked, so that every problem of the transaction is listed. The checks
    // name a field of `log[0]`: the transaction is named instead. The caller's own errors (a
    // getter, a proxy) pass through unchanged.
    const issues = new IssueCollector();
    const id = issues.attempt(() => customerIdOf(fn, 'log', 0, customerId), inTransaction);
    const ms = issues.attempt(
      () => rowTime(fn, 'log', 0, at, this.options.timeUnit, this.options.zone),
      inTransaction,
    );
    const value = issues.attempt(() => rowAmount(fn, 'log', 0, amount), inTransaction);
    issues.throwIfAny();
    if (id === undefined || ms === undefined || value === undefined) return this;
    if (ms >= this.options.end) {
      this.rowsAfterAsOf++;
      return this;
    }
    // The time is kept as epoch ms and the amount as a two-decimal number or an immutable
    // Decimal, so later changes to the caller's objects change nothing here.
    const { buffer } = this;
    buffer.customerId.push(id);
    buffer.at.push(ms);
    buffer.amount.push(typeof value === 'number' ? value / 100 : value);
    if (buffer.customerId.length >= BUFFER_ROWS) this.flush();
    return this;
  }

  addMany(log: TransactionLog): SummaryAccumulator {
    const batch = aggregateBatch(this.fn, log, this.periodKeyOf, this.reading);
    this.rowsAfterAsOf += batch.rowsAfterAsOf;
    this.push(batch);
    return this;
  }

  merge(other: SummaryAccumulator): SummaryAccumulator {
    if (!(other instanceof Accumulator)) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${this.fn}: other must be an accumulator from createSummaryAccumulator, summaryAccumulatorFromJSON or summaryAccumulatorFromBinary (received ${describeValue(other)})`,
        { path: ['other'] },
      );
    }
    const difference = optionsDifference(this.options, other.options);
    if (difference !== undefined) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${this.fn}: other's options differ from this accumulator's (${difference}): merge only accumulators created with the same asOf, granularity, unit and timeZone`,
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
    // Aggregates are never changed once built, so both accumulators can hold the same ones.
    for (const piece of other.pieces()) this.push(piece);
    this.rowsAfterAsOf += other.rowsAfterAsOf;
    return this;
  }

  toJSON(): SummaryAccumulatorJSON {
    return encodeAggregate(this.combined(), this.options, this.rowsAfterAsOf);
  }

  toBinary(): SummaryAccumulatorBinary {
    return encodeBinary(this.combined(), this.options, this.rowsAfterAsOf);
  }

  /** Restores a checked stored state into a new, empty accumulator. */
  loadAggregate(batch: BatchAggregate, rowsAfterAsOf: number): void {
    this.rowsAfterAsOf = rowsAfterAsOf;
    this.push(batch);
  }

  /**
   * Restores customers from validated JSON (distinct ids, periods without repeats) into a new,
   * empty accumulator; used by {@link summaryAccumulatorFromJSON}.
   */
  load(json: Pick<SummaryAccumulatorJSON, 'rowsAfterAsOf' | 'customers'>): void {
    this.rowsAfterAsOf = json.rowsAfterAsOf;
    this.push(decodeCustomers(json.customers));
  }

  /** The period key of an instant under these options. */
  readonly periodKeyOf: (ms: number) => number;

  /** Duration between two period keys, in the unit. */
  elapsedBetween(from: number, to: number): number {
    return this.elapsed(from, to);
  }

  /** For each customer, the number of distinct purchase periods from `key` on. */
  ordersFrom(key: number): Map<CustomerId, number> {
    const batch = this.combined();
    const counts = new Map<CustomerId, number>();
    for (let c = 0; c < batch.ids.length; c++) {
      const from = batch.keyStart[c] as number;
      let j = batch.keyStart[c + 1] as number;
      while (j > from && (batch.keys[j - 1] as number) >= key) j--;
      const n = (batch.keyStart[c + 1] as number) - j;
      if (n > 0) counts.set(batch.ids[c] as CustomerId, n);
    }
    return counts;
  }

  /** Duration between two period keys, in the unit. */
  private elapsed(from: number, to: number): number {
    const { granularity, unit } = this.options;
    if (granularity === 'none') return calendarDaysBetween(from, to, this.options.zone) / this.days;
    if (granularity === 'month' && unit === 'month') return to - from;
    return (periodStartDay(to, granularity) - periodStartDay(from, granularity)) / this.days;
  }

  result(): CustomerSummary[] {
    return this.summaries(this.combined());
  }

  /**
   * Summaries straight from a log: the one-pass path of `summarizeTransactions`. Equal to
   * `addMany(log).result()` on an empty accumulator.
   */
  summarize(log: TransactionLog): CustomerSummary[] {
    const batch = aggregateBatch(this.fn, log, this.periodKeyOf, this.reading);
    if (batch.ids.length === 0 && batch.rowsAfterAsOf > 0) {
      throw allRowsAfter(this.fn, batch.rowsAfterAsOf, 'asOf');
    }
    return this.summaries(batch);
  }

  /**
   * Summaries straight from a log, as a table: the one-pass path of `summarizeTransactions`
   * ({@link summaryPass}: rows folded into per-customer state as they are read, no aggregate).
   */
  summarizeTable(log: TransactionLog): CustomerSummaryTable {
    const { parts, after } = summaryPass(this.fn, log, this.reading, {
      keyOf: this.periodKeyOf,
      elapsed: (from, to) => this.elapsed(from, to),
      asOfKey: this.asOfKey,
    });
    if (parts.ids.length === 0 && after > 0) throw allRowsAfter(this.fn, after, 'asOf');
    return this.tableFrom(parts);
  }

  table(): CustomerSummaryTable {
    return this.tableOf(this.combined());
  }

  /**
   * The summaries of an aggregate as typed columns, ordered by customer id, without one object
   * per customer; money off the cent path is rounded once into the table's exact maps.
   */
  private tableOf(batch: BatchAggregate): CustomerSummaryTable {
    const { ids, keyStart, keys } = batch;
    const order = canonicalOrder(batch);
    const n = ids.length;
    const out = emptySummaryTableParts(new Array<CustomerId>(n), n);
    const anyExact = batch.exact.size > 0;
    const anyFirstExact = batch.firstExact.size > 0;
    const { asOfKey } = this;
    for (let i = 0; i < n; i++) {
      const c = order[i] as number;
      const from = keyStart[c] as number;
      const to = keyStart[c + 1] as number;
      const first = keys[from] as number;
      out.ids[i] = ids[c] as CustomerId;
      out.firstAt[i] = batch.firstAt[c] as number;
      out.lastAt[i] = batch.lastAt[c] as number;
      out.orders[i] = to - from;
      out.recency[i] = this.elapsed(first, keys[to - 1] as number);
      out.T[i] = this.elapsed(first, asOfKey);
      const e = anyExact ? batch.exact.get(c) : undefined;
      if (e === undefined) out.cents[i] = batch.cents[c] as number;
      else {
        out.cents[i] = Number.NaN;
        out.exact.set(i, moneyOf(batch.cents[c] as number, e));
      }
      const fe = anyFirstExact ? batch.firstExact.get(c) : undefined;
      if (fe === undefined) out.firstCents[i] = batch.firstCents[c] as number;
      else {
        out.firstCents[i] = Number.NaN;
        out.firstExact.set(i, moneyOf(batch.firstCents[c] as number, fe));
      }
    }
    return this.tableFrom(out);
  }

  /** A table over built parts, with these options. */
  private tableFrom(parts: SummaryTableParts): CustomerSummaryTable {
    const { granularity, unit, zone, timeUnit } = this.options;
    // Restored from JSON, `asOf` is the instant durations were measured to.
    // Its own field only: a restored state has none, and a polluted prototype must not supply one.
    const own = ownField(this.options, 'asOf') as ResolvedOptions['asOf'];
    const asOf = own ?? new Date(this.options.at);
    return summaryTableOf(parts, { asOf, timeZone: zone.name, granularity, unit, timeUnit });
  }

  /** Adds an aggregate to its size class, combining the class when it is full. */
  private push(batch: BatchAggregate): void {
    if (batch.ids.length === 0) return;
    let piece = batch;
    for (;;) {
      const size = sizeClass(piece);
      const siblings = this.classes[size] ?? [];
      this.classes[size] = siblings;
      siblings.push(piece);
      if (siblings.length < PIECES_PER_CLASS) return;
      piece = combineAggregates(siblings);
      this.classes[size] = [];
      // The combined piece may fall in the same class again when its customers' keys overlap.
      if (sizeClass(piece) === size) {
        this.classes[size] = [piece];
        return;
      }
    }
  }

  /** Aggregates the buffered transactions of `add` as one piece. */
  private flush(): void {
    const { buffer } = this;
    if (buffer.customerId.length === 0) return;
    this.buffer = { customerId: [], at: [], amount: [] };
    // Rows were validated and kept up to asOf by `add`, times already resolved to epoch ms.
    this.push(aggregateBatch(this.fn, buffer, this.periodKeyOf, BUFFER_READING));
  }

  /** Every piece of the state, the buffer aggregated first. */
  private pieces(): BatchAggregate[] {
    this.flush();
    return this.classes.flat();
  }

  /** The state as one aggregate (combining the pieces, which become that one). */
  private combined(): BatchAggregate {
    const pieces = this.pieces();
    if (pieces.length === 0) return EMPTY_AGGREGATE;
    if (pieces.length === 1) return pieces[0] as BatchAggregate;
    const whole = combineAggregates(pieces);
    this.classes = [];
    this.push(whole);
    return whole;
  }

  /** The summaries of an aggregate, ordered by customer id. */
  private summaries(batch: BatchAggregate): CustomerSummary[] {
    const { ids, keyStart, keys } = batch;
    const order = canonicalOrder(batch);
    // Amounts off the cent path are rare: skip the lookups when there are none.
    const exact = batch.exact.size === 0 ? null : batch.exact;
    const firstExact = batch.firstExact.size === 0 ? null : batch.firstExact;
    const out = new Array<CustomerSummary>(ids.length);
    for (let i = 0; i < order.length; i++) {
      const c = order[i] as number;
      const from = keyStart[c] as number;
      const to = keyStart[c + 1] as number;
      const first = keys[from] as number;
      out[i] = summaryRecord(
        ids[c] as CustomerId,
        batch.firstAt[c] as number,
        batch.lastAt[c] as number,
        to - from,
        this.elapsed(first, keys[to - 1] as number),
        this.elapsed(first, this.asOfKey),
        batch.cents[c] as number,
        exact === null ? null : (exact.get(c) ?? null),
        batch.firstCents[c] as number,
        firstExact === null ? null : (firstExact.get(c) ?? null),
      );
    }
    return out;
  }
}

/** The size class of an aggregate: ⌊log4⌋ of its number of distinct keys. */
function sizeClass(batch: BatchAggregate): number {
  return Math.floor(Math.log2(Math.max(batch.keys.length, 1)) / 2);
}

/** @internal */
export function newAccumulator(fn: string, options: SummaryOptions): Accumulator {
  return new Accumulator(fn, resolveSummaryOptions(fn, options));
}

/** An accumulator of resolved options (restored from JSON). @internal */
export function accumulatorOf(fn: string, options: ResolvedOptions): Accumulator {
  return new Accumulator(fn, options);
}

/** @internal */
export type { Accumulator };
