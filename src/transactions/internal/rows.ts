import { invalidElement } from '../../core/errors.js';
import {
  epochScale,
  instantOf,
  instantRequirement,
  isDateOnly,
  type TimeUnit,
} from '../../core/instant.js';
import { D, type Decimal, parseNumeric } from '../../core/numeric.js';
import { centsOfNumber, centsOfString } from '../../core/sum.js';
import { startOfLocalDay, type Zone } from '../../core/time.js';
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

/** Amounts below this (2^50 cents) take the inline cent path. */
const MAX_AMOUNT = 2 ** 50 / 100;
/** Whole currency units below {@link MAX_AMOUNT}, for bigint amounts. */
const MAX_WHOLE_UNITS = BigInt(Math.floor(MAX_AMOUNT));

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
  const ms = instantOf(raw, timeUnit);
  if (Number.isNaN(ms)) {
    throw invalidElement(fn, list, index, 'at', instantRequirement(raw, timeUnit), raw);
  }
  return isDateOnly(raw) ? startOfLocalDay(ms, zone) : ms;
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
    throw invalidElement(fn, list, index, 'amount', AMOUNT, raw);
  }
  const cents =
    parsed.decimalPlaces() <= 2 && parsed.lt(MAX_AMOUNT)
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
  const { timeUnit, zone, end } = reading;
  const customers = new CustomerIndex(n + 1024);
  const customer = new Int32Array(n);
  const ms = new Float64Array(n);
  const cents = new Float64Array(n);
  const exact = new Map<number, Decimal>();
  const { min, max, toMs } = epochScale(timeUnit);
  const unitMs = timeUnit === 'ms';
  const rowList = Array.isArray(log) ? (log as readonly Transaction[]) : null;
  const columns = rowList === null ? (log as TransactionColumns) : null;
  const idColumn = columns?.customerId as ArrayLike<unknown>;
  const atColumn = columns?.at as ArrayLike<unknown>;
  const amountColumn = columns?.amount as ArrayLike<unknown>;
  const numericTimes = columns !== null && isNumberArray(atColumn);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    let rawId: unknown;
    let rawAt: unknown;
    let rawAmount: unknown;
    if (rowList === null) {
      rawId = idColumn[i];
      rawAt = atColumn[i];
      rawAmount = amountColumn[i];
    } else {
      const row = rowList[i];
      if (typeof row !== 'object' || row === null) {
        throw invalidElement(fn, 'log', i, '', ROW_OBJECT, row);
      }
      rawId = row.customerId;
      rawAt = row.at;
      rawAmount = row.amount;
    }
    const id =
      typeof rawId === 'string' || (typeof rawId === 'number' && rawId - rawId === 0)
        ? rawId
        : customerIdOf(fn, 'log', i, rawId);
    let t: number;
    if (
      (numericTimes || typeof rawAt === 'number') &&
      (rawAt as number) >= min &&
      (rawAt as number) < max
    ) {
      t = unitMs ? Math.floor(rawAt as number) : toMs(rawAt as number);
    } else t = rowTime(fn, 'log', i, rawAt, timeUnit, zone);
    let amountCents = Number.NaN;
    if (typeof rawAmount === 'number' && rawAmount >= 0 && rawAmount < MAX_AMOUNT) {
      amountCents = Math.round(rawAmount * 100);
      if (amountCents / 100 !== rawAmount) amountCents = Number.NaN;
    }
    let amountExact: Decimal | null = null;
    if (Number.isNaN(amountCents)) {
      const amount = rowAmount(fn, 'log', i, rawAmount);
      if (typeof amount === 'number') amountCents = amount;
      else amountExact = amount;
    }
    if (t >= end) continue;
    const c = customers.indexOf(id);
    customer[kept] = c < 0 ? ~c : c;
    ms[kept] = t;
    cents[kept] = amountCents;
    if (amountExact !== null) exact.set(kept, amountExact);
    kept++;
  }
  return { rows: n, kept, after: n - kept, customers, customer, ms, cents, exact };
}
