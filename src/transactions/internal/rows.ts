import { instantIn } from '../../core/boundary.js';
import { AMOUNT_BOUNDS, allocateRows, withinAmountBounds } from '../../core/bounds.js';
import { centsOfNumber, centsOfString, MAX_CENT_AMOUNT, MAX_CENTS } from '../../core/cents.js';
import { IssueCollector, invalidElement, RetentionMetricsError } from '../../core/errors.js';
import { epochScale, instantRequirement, type TimeUnit } from '../../core/instant.js';
import { D, type Decimal, parseNumeric } from '../../core/numeric.js';
import { ownField, prototypesPolluted } from '../../core/own.js';
import type { Zone } from '../../core/time.js';
import {
  type CustomerId,
  logLength,
  type ScaledDecimal,
  type Transaction,
  type TransactionColumns,
  type TransactionLog,
} from '../log.js';
import { CustomerIndex } from './customer-index.js';

/** What a row of a log must be. @internal */
export const ROW_OBJECT = 'an object with customerId, at and amount';

/** Whole currency units on the cent path, for bigint amounts. */
const MAX_WHOLE_UNITS = BigInt(Math.floor(MAX_CENT_AMOUNT));

/** How {@link readRows} reads a log. @internal */
export interface RowReading {
  /** The unit of numeric timestamps. */
  readonly timeUnit: TimeUnit;
  /** The zone in which a date-only `at` names a calendar day. */
  readonly zone: Zone;
  /** Rows at or after this instant (epoch ms, exclusive) are left out and counted. */
  readonly end: number;
}

/**
 * A validated log in typed columns: the rows before `end`, each as its customer's dense index
 * (order of first appearance), its instant in epoch ms and its amount in whole cents (NaN where
 * the amount is kept exactly in `exact`).
 *
 * @internal
 */
export interface ReadRows {
  /** Rows in the log. */
  readonly rows: number;
  /** Rows before `end`: the first `kept` entries of the columns below. */
  readonly kept: number;
  /** Rows at or after `end`, left out. */
  readonly after: number;
  readonly customers: CustomerIndex;
  readonly customer: Int32Array;
  readonly ms: Float64Array;
  readonly cents: Float64Array;
  /** Amounts off the cent path, by kept-row number. */
  readonly exact: Map<number, Decimal>;
}

/**
 * A customer id as the library keeps it: a string or a finite number as given; a `bigint` (a
 * BIGINT key from DuckDB or Arrow) becomes a number when it is a safe integer, otherwise its
 * decimal string, so results stay JSON-serialisable and `5n` is customer `5`.
 *
 * @internal
 */
export function customerIdOf(fn: string, list: string, index: number, raw: unknown): CustomerId {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw === 'bigint') {
    const n = Number(raw);
    return Number.isSafeInteger(n) ? n : raw.toString();
  }
  throw invalidElement(fn, list, index, 'customerId', 'a string, a finite number or a bigint', raw);
}

/**
 * The epoch ms of a row's `at`, validated: a `Date` or an ISO-8601 string from 1900 to 2199, or
 * a number or bigint in `timeUnit` from 1971 to 2199 (finer units truncated to the ms). A
 * date-only string names that calendar day in `zone`: its first instant.
 *
 * @internal
 */
export function rowTime(
  fn: string,
  list: string,
  index: number,
  raw: unknown,
  timeUnit: TimeUnit,
  zone: Zone,
): number {
  const ms = instantIn(raw, zone, timeUnit);
  if (Number.isNaN(ms)) {
    throw invalidElement(fn, list, index, 'at', instantRequirement(raw, timeUnit), raw);
  }
  return ms;
}

/** Whether `raw` is a {@link ScaledDecimal} (DuckDB's DuckDBDecimalValue has this shape). */
export function isScaledDecimal(raw: object): raw is ScaledDecimal {
  const v = raw as Partial<ScaledDecimal>;
  return (
    typeof v.value === 'bigint' &&
    Number.isInteger(v.scale) &&
    Number.isInteger(v.width) &&
    (v.scale as number) >= 0 &&
    (v.scale as number) <= (v.width as number) &&
    (v.width as number) <= 38
  );
}

/** The decimal string of `value / 10^scale`, from the integer's digits (no rounding). */
function scaledString(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

const AMOUNT = 'a non-negative finite amount of money';

/**
 * What to do about a refused amount that is plausible money: a refund (a negative amount), or a
 * string formatted for people (`'1,234.50'`, `'$12'`, `' 12.5 '`). Empty for anything else.
 */
function amountHint(raw: unknown, parsed: Decimal | undefined): string {
  if (parsed?.isNegative() === true && !parsed.isZero()) {
    return '; a refund is not a purchase: leave it out, or net it against the purchase it refunds';
  }
  if (typeof raw === 'string' && parsed === undefined && /\d/.test(raw)) {
    return ", in plain decimal notation ('1234.50')";
  }
  return '';
}

/**
 * A row's amount, validated: its whole cents (a number) when it has at most two decimals, else
 * its exact Decimal. Accepted: a number, a decimal string, a Decimal, a `bigint` (whole currency
 * units), and a DuckDB `DECIMAL` value (an object with `width`, `scale` and a bigint `value`),
 * read exactly from its integer and scale. An Apache Arrow decimal (a `Uint32Array`-backed big
 * number) carries no scale and is refused with a hint.
 *
 * @internal
 */
export function rowAmount(fn: string, list: string, index: number, raw: unknown): number | Decimal {
  let parsed: Decimal | undefined;
  if (typeof raw === 'number') {
    if (raw >= 0) {
      const cents = centsOfNumber(raw);
      if (!Number.isNaN(cents)) return cents;
    }
    parsed = parseNumeric(raw);
  } else if (typeof raw === 'string') {
    const cents = centsOfString(raw);
    if (cents >= 0 && raw[0] !== '-') return cents;
    parsed = parseNumeric(raw);
  } else if (typeof raw === 'bigint') {
    if (raw >= 0n && raw <= MAX_WHOLE_UNITS) return Number(raw) * 100;
    parsed = new D(raw.toString());
  } else if (typeof raw === 'object' && raw !== null) {
    if (ArrayBuffer.isView(raw)) {
      throw invalidElement(
        fn,
        list,
        index,
        'amount',
        `${AMOUNT}; an Apache Arrow decimal carries no scale: convert the column first (e.g. to strings with its scale applied)`,
        raw,
      );
    }
    parsed = isScaledDecimal(raw) ? new D(scaledString(raw.value, raw.scale)) : parseNumeric(raw);
  }
  if (parsed === undefined || parsed.isNegative()) {
    throw invalidElement(fn, list, index, 'amount', `${AMOUNT}${amountHint(raw, parsed)}`, raw);
  }
  if (!withinAmountBounds(parsed)) {
    throw invalidElement(fn, list, index, 'amount', `${AMOUNT} ${AMOUNT_BOUNDS}`, raw);
  }
  const cents =
    parsed.decimalPlaces() <= 2 && parsed.lt(MAX_CENT_AMOUNT)
      ? parsed.times(100).toNumber()
      : Number.NaN;
  return Number.isNaN(cents) ? parsed : cents;
}

/** Whether `column` is a typed array of numbers (read without boxing, no bigint). */
function isNumberArray(column: unknown): column is ArrayLike<number> {
  return (
    ArrayBuffer.isView(column) &&
    !(column instanceof DataView) &&
    !(column instanceof BigInt64Array) &&
    !(column instanceof BigUint64Array)
  );
}

/**
 * Reads and validates a transaction log in one pass: rows (`Transaction[]`) or columns (arrays or
 * typed arrays, read in place without copying). The common cases take inline fast paths (a
 * string or finite-number id, a plausible number in `timeUnit`, a two-decimal amount); every
 * other value goes through {@link customerIdOf}, {@link rowTime} and {@link rowAmount}, which
 * accept the other forms and name the bad field as `log[i].field`.
 *
 * Memory: 20 bytes per row in typed arrays, and one entry per customer.
 *
 * @throws {RetentionMetricsError} `INVALID_INPUT` for a log that is neither rows nor columns,
 *   columns of unequal length, or a bad row.
 * @internal
 */
export function readRows(fn: string, log: TransactionLog, reading: RowReading): ReadRows {
  const n = logLength(fn, log);
  const sink = allocateRows(fn, ['log'], n, () => new RowSink(fn, n, reading));
  // Two loops, so that each sees one kind of log and its element reads stay monomorphic.
  if (Array.isArray(log)) readObjects(sink, log as readonly Transaction[], n);
  else readColumns(sink, log as TransactionColumns, n);
  const { customers, customer, ms, cents, exact, kept } = sink;
  return { rows: n, kept, after: n - kept, customers, customer, ms, cents, exact };
}

function readObjects(sink: RowSink, rows: readonly Transaction[], n: number): void {
  const issues = new IssueCollector();
  if (prototypesPolluted()) {
    // Own fields only: a missing field or a hole must not be read from a polluted prototype.
    for (let i = 0; i < n; i++) {
      try {
        const row = ownField(rows, i);
        if (typeof row !== 'object' || row === null) {
          if (issues.full) {
            issues.countMore();
            continue;
          }
          throw invalidElement(sink.fn, 'log', i, '', ROW_OBJECT, row);
        }
        const id = ownField(row, 'customerId');
        sink.take(i, id, ownField(row, 'at'), ownField(row, 'amount'), false, issues);
      } catch (error) {
        issues.add(error);
      }
    }
    issues.throwIfAny();
    return;
  }
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    try {
      if (typeof row !== 'object' || row === null) {
        if (issues.full) {
          // Past the listed problems a row that is not an object is only counted.
          issues.countMore();
          continue;
        }
        throw invalidElement(sink.fn, 'log', i, '', ROW_OBJECT, row);
      }
      sink.take(i, row.customerId, row.at, row.amount, false, issues);
    } catch (error) {
      issues.add(error);
    }
  }
  issues.throwIfAny();
}

function readColumns(sink: RowSink, columns: TransactionColumns, n: number): void {
  const ids = ownField(columns, 'customerId') as ArrayLike<unknown>;
  const times = ownField(columns, 'at') as ArrayLike<unknown>;
  const amounts = ownField(columns, 'amount') as ArrayLike<unknown>;
  const numericTimes = isNumberArray(times);
  const issues = new IssueCollector();
  if (numericTimes && isNumberArray(ids) && isNumberArray(amounts)) {
    sink.takeNumbers(ids, times, amounts, n, issues);
    issues.throwIfAny();
    return;
  }
  for (let i = 0; i < n; i++) {
    try {
      const id = ids[i];
      if (id === undefined && issues.full && times[i] === undefined && amounts[i] === undefined) {
        // Past the listed problems a hole (all three fields missing) is only counted: three.
        issues.countMore(3);
        continue;
      }
      sink.take(i, id, times[i], amounts[i], numericTimes, issues);
    } catch (error) {
      issues.add(error);
    }
  }
  issues.throwIfAny();
}

/** The columns being filled by {@link readRows}, and the validation of one row. */
class RowSink {
  readonly customers: CustomerIndex;
  readonly customer: Int32Array;
  readonly ms: Float64Array;
  readonly cents: Float64Array;
  readonly exact = new Map<number, Decimal>();
  kept = 0;
  private readonly min: number;
  private readonly max: number;
  private readonly toMs: (raw: number) => number;
  private readonly unitMs: boolean;

  constructor(
    readonly fn: string,
    n: number,
    private readonly reading: RowReading,
  ) {
    this.customers = new CustomerIndex(n + 1024);
    this.customer = new Int32Array(n);
    this.ms = new Float64Array(n);
    this.cents = new Float64Array(n);
    const { min, max, toMs } = epochScale(reading.timeUnit);
    this.min = min;
    this.max = max;
    this.toMs = toMs;
    this.unitMs = reading.timeUnit === 'ms';
  }

  /**
   * Validates and keeps rows `0 .. n)` of typed number columns: the common row (a finite id, a
   * plausible instant, a non-negative two-decimal amount) is taken inline, with no call per row;
   * any other row goes through {@link take}, which names what is wrong with it.
   */
  takeNumbers(
    ids: ArrayLike<number>,
    times: ArrayLike<number>,
    amounts: ArrayLike<number>,
    n: number,
    issues: IssueCollector,
  ): void {
    const { min, max, unitMs, customers, customer, ms, cents } = this;
    const { end } = this.reading;
    let kept = this.kept;
    for (let i = 0; i < n; i++) {
      const id = ids[i] as number;
      const at = times[i] as number;
      const amount = amounts[i] as number;
      const c100 = Math.round(amount * 100);
      if (
        id - id === 0 &&
        at >= min &&
        at < max &&
        amount >= 0 &&
        c100 / 100 === amount &&
        c100 < MAX_CENTS
      ) {
        const t = unitMs ? Math.floor(at) : this.toMs(at);
        if (t >= end) continue;
        const c = customers.indexOf(id);
        customer[kept] = c < 0 ? ~c : c;
        ms[kept] = t;
        cents[kept] = c100;
        kept++;
        continue;
      }
      this.kept = kept;
      try {
        this.take(i, id, at, amount, true, issues);
      } catch (error) {
        issues.add(error);
      }
      kept = this.kept;
    }
    this.kept = kept;
  }

  /**
   * Validates row `i` and keeps it when it is before the end. Fast paths first (a string or
   * finite-number id, a plausible number in the unit, a two-decimal amount); everything else goes
   * through the functions that accept the other forms and name the bad field.
   */
  take(
    i: number,
    rawId: unknown,
    rawAt: unknown,
    rawAmount: unknown,
    numericTime: boolean,
    issues: IssueCollector,
  ): void {
    const { fn } = this;
    // Each field is checked even when another is bad, so that every problem of a row is listed.
    const before = issues.count;
    const id =
      typeof rawId === 'string' || (typeof rawId === 'number' && rawId - rawId === 0)
        ? rawId
        : issues.attempt(() => customerIdOf(fn, 'log', i, rawId));
    let t: number;
    if (
      (numericTime || typeof rawAt === 'number') &&
      (rawAt as number) >= this.min &&
      (rawAt as number) < this.max
    ) {
      t = this.unitMs ? Math.floor(rawAt as number) : this.toMs(rawAt as number);
    } else {
      t =
        issues.attempt(() =>
          rowTime(fn, 'log', i, rawAt, this.reading.timeUnit, this.reading.zone),
        ) ?? 0;
    }
    let amountCents = Number.NaN;
    if (typeof rawAmount === 'number') {
      if (rawAmount >= 0) amountCents = centsOfNumber(rawAmount);
    } else if (typeof rawAmount === 'string' && rawAmount[0] !== '-') {
      amountCents = centsOfString(rawAmount);
    }
    let amountExact: Decimal | null = null;
    if (Number.isNaN(amountCents)) {
      const amount = issues.attempt(() => rowAmount(fn, 'log', i, rawAmount));
      if (typeof amount === 'number') amountCents = amount;
      else if (amount !== undefined) amountExact = amount;
    }
    if (issues.count !== before || id === undefined) return;
    if (t >= this.reading.end) return;
    const kept = this.kept;
    const c = this.customers.indexOf(id);
    this.customer[kept] = c < 0 ? ~c : c;
    this.ms[kept] = t;
    this.cents[kept] = amountCents;
    if (amountExact !== null) this.exact.set(kept, amountExact);
    this.kept = kept + 1;
  }
}

/**
 * The `EMPTY_INPUT` error of a one-shot function whose non-empty log lies wholly after its end.
 *
 * @internal
 */
export function allRowsAfter(fn: string, rows: number, end: string): RetentionMetricsError {
  return new RetentionMetricsError(
    'EMPTY_INPUT',
    `${fn}: all ${rows} rows of the log are after ${end} (check ${end} and timeUnit)`,
    { path: ['log'] },
  );
}
