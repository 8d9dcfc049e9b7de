/**
 * Exact money on a float fast path: amounts with at most two decimals are whole cents, summed in
 * float64 while the running total stays below 2^52 (where integer arithmetic is exact), then
 * folded into a wide Decimal. This module is the one place that knows the trick; sums, the row
 * reader, the accumulator and the cohort cells all call it.
 *
 * @module
 */

import { quotientDecimal } from './decimal-internals.js';
import { D, type Decimal, ZERO } from './numeric.js';

/** Largest cent count of one amount taken on the cent path (2^50, ≈ 1.1e13 currency units). */
export const MAX_CENTS = 2 ** 50;
/** Largest amount, in currency units, taken on the cent path. */
export const MAX_CENT_AMOUNT = MAX_CENTS / 100;
/** Running cent totals that reach this are folded into a Decimal, so adding one more stays exact. */
export const FOLD_AT = 2 ** 52;

/** Plain money notation with at most 13 integer digits and 2 decimals, optionally signed. */
const CENTS_STRING = /^([+-]?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * The Decimal of partial sums: wide enough to hold any sum of doubles exactly (their digits span
 * at most ~650 places), so partial sums are never rounded and a total is rounded once, at the end.
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
 * Adds whole cents to entry `i` of a column of cent totals; a total that reaches 2^52 moves into
 * entry `i` of `exact` (in currency units), so that further integer sums stay exact.
 *
 * @internal
 */
export function addCents(
  cents: number[] | Float64Array,
  exact: Map<number, Decimal>,
  i: number,
  amount: number,
): void {
  const total = (cents[i] as number) + amount;
  if (total >= FOLD_AT) {
    addExact(exact, i, new WIDE(total).div(100));
    cents[i] = 0;
  } else cents[i] = total;
}

/** Adds an exact amount to entry `i` of `exact`, kept in {@link WIDE}. @internal */
export function addExact(exact: Map<number, Decimal>, i: number, value: Decimal): void {
  const current = exact.get(i);
  exact.set(i, current === undefined ? new WIDE(value) : current.plus(value));
}

/**
 * The value of whole cents (0 ≤ cents < 2^53) plus an exact part, rounded once to the library's
 * 34 significant digits.
 *
 * @internal
 */
export function moneyOf(cents: number, exact: Decimal | null | undefined): Decimal {
  if (exact === null || exact === undefined) return quotientDecimal(cents, 100);
  return ZERO.plus(exact.plus(new WIDE(cents).div(100)));
}

/** The exact decimal string of cents plus an exact part, never rounded (for JSON). @internal */
export function moneyString(cents: number, exact: Decimal | null | undefined): string {
  const value = new WIDE(cents).div(100);
  return (exact === null || exact === undefined ? value : exact.plus(value)).toFixed();
}

/**
 * A non-negative decimal string as whole cents when it is on the cent path, else 0 cents with the
 * exact value put in entry `i` of `exact` (the inverse of {@link moneyString}).
 *
 * @internal
 */
export function readMoneyString(text: string, exact: Map<number, Decimal>, i: number): number {
  const cents = centsOfString(text);
  if (cents >= 0 && text[0] !== '-') return cents;
  exact.set(i, new WIDE(text));
  return 0;
}

/**
 * An exact running sum of money amounts.
 *
 * JavaScript numbers are read by their shortest round-trip decimal form (as decimal.js reads
 * them), so `0.1 + 0.2` is exactly `0.3` here. Amounts with at most two decimals take the cent
 * path; everything else goes through `Decimal`. The result equals `Decimal` summation of the
 * same amounts to the last digit.
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
    if (this.cents >= FOLD_AT || this.cents <= -FOLD_AT) this.flush();
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

/**
 * The money of a row of cells: whole cents in a `Float64Array` while that is exact, the rest
 * (amounts with more decimals, and cents beyond 2^52) in exact sums created only when needed.
 * Equal to Decimal summation of what was added, at a fraction of the cost of one
 * {@link ExactSum} per cell.
 *
 * @internal
 */
export class MoneyCells {
  readonly cents: Float64Array;
  private readonly extra = new Map<number, Decimal>();

  constructor(length: number) {
    this.cents = new Float64Array(length);
  }

  /** Adds whole cents (< 2^50) to a cell. */
  addCents(cell: number, cents: number): void {
    addCents(this.cents, this.extra, cell, cents);
  }

  /** Adds an exact amount, in currency units, to a cell. */
  addDecimal(cell: number, amount: Decimal): void {
    addExact(this.extra, cell, amount);
  }

  /** Adds cell `from` of `other` into cell `cell`. */
  addCell(cell: number, other: MoneyCells, from: number): void {
    this.addCents(cell, other.cents[from] as number);
    const extra = other.extra.get(from);
    if (extra !== undefined) addExact(this.extra, cell, extra);
  }

  /** The exact value of a cell, in currency units, rounded once to 34 significant digits. */
  value(cell: number): Decimal {
    return moneyOf(this.cents[cell] as number, this.extra.get(cell));
  }
}
