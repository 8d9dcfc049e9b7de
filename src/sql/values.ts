/**
 * Reading the values of engine result rows as the Node clients return them: numbers, bigints
 * (DuckDB's BIGINT and HUGEINT), decimal strings (PostgreSQL's numeric, JSON forms), decimal value
 * objects whose `toString()` is the exact decimal (DuckDB's `DuckDBDecimalValue`) and `Date`s.
 *
 * @module
 */

import { centsOfNumber, centsOfString } from '../core/cents.js';
import { describeValue, RetentionMetricsError } from '../core/errors.js';
import { CALENDAR_INSTANT_MIN, INSTANT_MAX } from '../core/instant.js';
import { D, type Decimal } from '../core/numeric.js';
import { ownField } from '../core/own.js';
import type { CustomerId } from '../transactions/log.js';

/** One result row of an engine: column name → value. */
export type SqlRow = Readonly<Record<string, unknown>>;

const INTEGER_TEXT = /^-?\d+$/;
const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The rows of a result, checked to be an array. @internal */
export function checkRows(fn: string, rows: unknown): readonly unknown[] {
  if (!Array.isArray(rows)) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: rows must be an array of result rows (received ${describeValue(rows)})`,
      { path: ['rows'] },
    );
  }
  // A dense copy: a hole of a sparse array is read as `undefined` (and refused as a row), not
  // skipped by the readers' `map` and `forEach`.
  const dense: unknown[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) dense[i] = rows[i];
  return dense;
}

/** Reads the fields of the rows of one result, with errors naming `rows[i].field`. @internal */
export class RowReader {
  constructor(
    private readonly fn: string,
    private readonly list = 'rows',
  ) {}

  fail(index: number, field: string, requirement: string, value: unknown): never {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${this.fn}: ${this.list}[${index}].${field} must be ${requirement} (received ${describeValue(value)})`,
      { path: [this.list, index, field] },
    );
  }

  /**
   * Raises `EMPTY_INPUT` for the marker row of a table whose rows are all after the end (a row
   * whose `rowsAfterEnd` is not NULL, as the SQL writes it: see `SqlContext.late`), as the
   * in-memory function raises it for a log wholly after `end` (the option's name).
   */
  late(row: SqlRow, index: number, end: string): void {
    const value = ownField(row, 'rowsAfterEnd');
    if (value === null || value === undefined) return;
    const rows = this.integer(row, index, 'rowsAfterEnd');
    if (rows === 0) return;
    throw new RetentionMetricsError(
      'EMPTY_INPUT',
      `${this.fn}: all ${rows} rows of the table are after ${end} (check ${end}, atType and timeUnit)`,
      { path: [this.list, index, 'rowsAfterEnd'] },
    );
  }

  /** The row itself, an object. */
  row(rows: readonly unknown[], index: number): SqlRow {
    const row = rows[index];
    if (typeof row !== 'object' || row === null) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${this.fn}: ${this.list}[${index}] must be an object of column values (received ${describeValue(row)})`,
        { path: [this.list, index] },
      );
    }
    return row as SqlRow;
  }

  /** A customer id: a string, a finite number, or a bigint within the safe integers. */
  customerId(row: SqlRow, index: number): CustomerId {
    const value = ownField(row, 'customerId');
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (
      typeof value === 'bigint' &&
      value <= BigInt(Number.MAX_SAFE_INTEGER) &&
      value >= BigInt(Number.MIN_SAFE_INTEGER)
    ) {
      return Number(value);
    }
    return this.fail(
      index,
      'customerId',
      'a string, a finite number or a bigint within ±(2^53 − 1)',
      value,
    );
  }

  /** A whole number ≥ `min`: a number, a bigint or a string of digits. */
  integer(row: SqlRow, index: number, field: string, min = 0): number {
    const value = ownField(row, field);
    let n = Number.NaN;
    if (typeof value === 'number') n = value;
    else if (typeof value === 'bigint') n = Number(value);
    else if (typeof value === 'string' && INTEGER_TEXT.test(value)) n = Number(value);
    if (!Number.isSafeInteger(n) || n < min) {
      return this.fail(index, field, `an integer ≥ ${min}`, value);
    }
    return n;
  }

  /** A finite number ≥ 0: a number, a bigint or a decimal string. */
  duration(row: SqlRow, index: number, field: string): number {
    const value = ownField(row, field);
    let n = Number.NaN;
    if (typeof value === 'number') n = value;
    else if (typeof value === 'bigint') n = Number(value);
    else if (typeof value === 'string' && DECIMAL_TEXT.test(value)) n = Number(value);
    if (!Number.isFinite(n) || n < 0) return this.fail(index, field, 'a finite number ≥ 0', value);
    return n;
  }

  /**
   * An exact amount ≥ 0: a decimal string, a number, a bigint, a Decimal, a driver's decimal
   * value (`{ value: bigint, scale: number }`, DuckDB's `DuckDBDecimalValue`) or another object
   * whose `toString()` is a decimal string. Returned as whole cents (a number) when it has at most
   * two decimals and fits the cent fast path, else as a Decimal.
   */
  amount(row: SqlRow, index: number, field: string): number | Decimal {
    const value = ownField(row, field);
    let cents = Number.NaN;
    let text: string | undefined;
    if (typeof value === 'string') {
      cents = centsOfString(value);
      text = value;
    } else if (typeof value === 'number') {
      if (Number.isFinite(value)) {
        cents = centsOfNumber(value);
        text = String(value);
      }
    } else if (typeof value === 'bigint') {
      text = value.toString();
      cents = centsOfString(text);
    } else if (typeof value === 'object' && value !== null) {
      const scaled = value as { value?: unknown; scale?: unknown };
      if (
        typeof scaled.value === 'bigint' &&
        typeof scaled.scale === 'number' &&
        Number.isInteger(scaled.scale) &&
        scaled.scale >= 0
      ) {
        cents = centsOfScaled(scaled.value, scaled.scale);
        text = scaledText(scaled.value, scaled.scale);
      } else if (
        typeof value.toString === 'function' &&
        value.toString !== Object.prototype.toString
      ) {
        // A driver's decimal object; an object without a prototype or whose toString gives no
        // string is refused below, not left to String()'s TypeError.
        const own: unknown = value.toString();
        if (typeof own === 'string') {
          text = own;
          cents = centsOfString(text);
        }
      }
    }
    if (!Number.isNaN(cents) && cents >= 0) return cents;
    if (text === undefined || !DECIMAL_TEXT.test(text) || text.startsWith('-')) {
      return this.fail(
        index,
        field,
        'a non-negative exact amount (a decimal string or number)',
        value,
      );
    }
    return new D(text);
  }

  /** An instant: epoch milliseconds (number, bigint or digits) or a `Date`, from 1900 to 2199. */
  instant(row: SqlRow, index: number, field: string): Date {
    const value = ownField(row, field);
    let ms = Number.NaN;
    if (value instanceof Date) ms = value.getTime();
    else if (typeof value === 'number') ms = value;
    else if (typeof value === 'bigint') ms = Number(value);
    else if (typeof value === 'string' && INTEGER_TEXT.test(value)) ms = Number(value);
    if (!Number.isInteger(ms) || ms < CALENDAR_INSTANT_MIN || ms >= INSTANT_MAX) {
      return this.fail(index, field, 'epoch milliseconds or a Date from 1900 to 2199', value);
    }
    return new Date(ms);
  }
}

/** 2^50: cent amounts below it take the fast path (as in core/sum.ts). */
const MAX_CENTS_BIG = 2n ** 50n;

/** Whole cents of a scaled integer (`value / 10^scale`), or NaN when it is not a whole number of cents below 2^50. */
function centsOfScaled(value: bigint, scale: number): number {
  if (value < 0n) return Number.NaN;
  if (scale === 2) return value < MAX_CENTS_BIG ? Number(value) : Number.NaN;
  let cents: bigint;
  if (scale < 2) cents = value * 10n ** BigInt(2 - scale);
  else {
    const unit = 10n ** BigInt(scale - 2);
    if (value % unit !== 0n) return Number.NaN;
    cents = value / unit;
  }
  return cents < MAX_CENTS_BIG ? Number(cents) : Number.NaN;
}

/** The decimal text of `value / 10^scale`. */
function scaledText(value: bigint, scale: number): string {
  const digits = (value < 0n ? -value : value).toString().padStart(scale + 1, '0');
  const point = digits.length - scale;
  const text = scale === 0 ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return value < 0n ? `-${text}` : text;
}
