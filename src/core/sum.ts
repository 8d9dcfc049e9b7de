import { invalidElement, RetentionMetricsError } from './errors.js';
import { D, type Decimal, parseNumeric, ZERO } from './numeric.js';

/** Largest cent count of one amount taken on the integer fast path (≈ 1.1e13 in currency units). */
const MAX_CENTS = 2 ** 50;
/** Flush threshold of the integer accumulator, so that adding one more amount stays exact. */
const FLUSH_AT = 2 ** 52;
/** Plain money notation with at most 13 integer digits and 2 decimals: exact as a cent count. */
const CENTS_STRING = /^([+-]?)(\d{1,13})(?:\.(\d{1,2}))?$/;
/**
 * The accumulators' Decimal: wide enough to hold any sum of doubles exactly (their digits span at
 * most ~650 places), so partial sums are never rounded and the total is rounded once, at the end.
 *
 * @internal
 */
export const WIDE = D.clone({ precision: 1000 });
const WIDE_ZERO: Decimal = new WIDE(0);

/**
 * The amount `value` in cents when it has at most two decimals and |value| < 2^50 / 100, else NaN.
 * For such a float, `Math.round(v * 100) / 100 === v` holds exactly when its shortest decimal form
 * has at most two decimals, because distinct two-decimal values are further apart than the float
 * spacing there; that form is the value decimal.js reads.
 *
 * @internal
 */
export function centsOfNumber(value: number): number {
  const c = Math.round(value * 100);
  return c / 100 === value && Math.abs(c) < MAX_CENTS ? c : Number.NaN;
}

/**
 * The amount in cents of a plain money string with at most 13 integer digits and two decimals
 * (`'12.34'`, `'-5'`, `'+0.5'`), else NaN.
 *
 * @internal
 */
export function centsOfString(text: string): number {
  const m = CENTS_STRING.exec(text);
  if (m === null) return Number.NaN;
  const cents = Number(m[2]) * 100 + (m[3] === undefined ? 0 : Number(m[3].padEnd(2, '0')));
  return m[1] === '-' ? -cents : cents;
}

/**
 * An exact running sum of money amounts.
 *
 * JavaScript numbers are read by their shortest round-trip decimal form (as decimal.js reads
 * them), so `0.1 + 0.2` is exactly `0.3` here. Amounts with at most two decimals, the common case
 * for money, take an integer fast path: the amount in cents is accumulated in a float64 that is
 * kept below 2^53, where integer arithmetic is exact, and folded into a `Decimal` when it grows.
 * For |amount| < 2^50 / 100 a float `v` with `Math.round(v * 100) / 100 === v` has a shortest
 * decimal form with at most two decimals, equal to that many cents, because distinct two-decimal
 * values are then further apart than the float spacing. Everything else goes through `Decimal`.
 * The result therefore equals `Decimal` summation of the same amounts to the last digit.
 *
 * @internal
 */
export class ExactSum {
  private cents = 0;
  private centsTotal: Decimal = WIDE_ZERO;
  private decimalTotal: Decimal = WIDE_ZERO;

  /** Adds a finite number. */
  addNumber(value: number): void {
    const c = centsOfNumber(value);
    if (Number.isNaN(c)) this.decimalTotal = this.decimalTotal.plus(new WIDE(value));
    else this.addCents(c);
  }

  /** Adds a whole number of cents (|cents| < 2^50). */
  addCents(cents: number): void {
    this.cents += cents;
    if (this.cents >= FLUSH_AT || this.cents <= -FLUSH_AT) this.flush();
  }

  /** Adds a money string on the cent path; returns false, adding nothing, if it is not one. */
  addCentsString(text: string): boolean {
    const c = centsOfString(text);
    if (Number.isNaN(c)) return false;
    this.addCents(c);
    return true;
  }

  /** Adds a Decimal. */
  addDecimal(value: Decimal): void {
    this.decimalTotal = this.decimalTotal.plus(value);
  }

  /** Adds another sum into this one. */
  merge(other: ExactSum): void {
    this.cents += other.cents;
    this.flush();
    this.centsTotal = this.centsTotal.plus(other.centsTotal);
    this.decimalTotal = this.decimalTotal.plus(other.decimalTotal);
  }

  /** The total, rounded once to the library's 34 significant digits. */
  value(): Decimal {
    this.flush();
    return ZERO.plus(this.decimalTotal.plus(this.centsTotal.div(100)));
  }

  private flush(): void {
    if (this.cents !== 0) {
      this.centsTotal = this.centsTotal.plus(this.cents);
      this.cents = 0;
    }
  }
}

/** A list of amounts: an array of numeric values or a typed array of numbers. */
export type AmountList =
  | readonly unknown[]
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array;

/**
 * Whether a value is an array or a numeric typed array.
 *
 * @internal
 */
export function isAmountList(value: unknown): value is AmountList {
  return (
    Array.isArray(value) ||
    value instanceof Float64Array ||
    value instanceof Float32Array ||
    value instanceof Int32Array ||
    value instanceof Uint32Array
  );
}

/**
 * Validates and sums a list of amounts exactly in one pass. Each element must be a finite numeric
 * value (non-negative unless `allowNegative`); the first bad element raises `INVALID_INPUT` naming
 * `field[index]`, an empty list raises `EMPTY_INPUT`.
 *
 * @internal
 */
export function sumAmounts(
  fn: string,
  field: string,
  values: AmountList,
  allowNegative = false,
): { total: Decimal; count: number } {
  const n = values.length;
  if (n === 0) {
    throw new RetentionMetricsError('EMPTY_INPUT', `${fn}: ${field} must not be empty`, {
      path: [field],
    });
  }
  const sum = new ExactSum();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v) && (allowNegative || v >= 0)) {
      sum.addNumber(v === 0 ? 0 : v);
      continue;
    }
    if (typeof v === 'string' && (allowNegative || v[0] !== '-') && sum.addCentsString(v)) {
      continue;
    }
    const parsed = typeof v === 'number' ? undefined : parseNumeric(v);
    if (parsed === undefined || (!allowNegative && parsed.isNegative() && !parsed.isZero())) {
      const requirement = allowNegative
        ? 'a finite amount of money'
        : 'a non-negative finite amount of money';
      throw invalidElement(fn, field, i, '', requirement, v);
    }
    sum.addDecimal(parsed);
  }
  return { total: sum.value(), count: n };
}
