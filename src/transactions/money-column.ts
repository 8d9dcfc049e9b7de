/**
 * Money in a column, exact without one `Decimal` per cell: whole cents in a `Float64Array`, and an
 * exact value only for the rows that are not whole cents. Summary, score and class tables use it.
 *
 * @module
 */
import { MAX_CENTS } from '../core/cents.js';
import { quotientDecimal } from '../core/decimal-internals.js';
import type { Decimal } from '../core/numeric.js';
import { checkRowIndex } from '../core/row-view.js';

/**
 * An exact decimal per row, built when read (money and exact means of money).
 */
export interface DecimalColumn {
  /** Rows. */
  readonly length: number;
  /** The exact value of row `i` (a new or shared immutable `Decimal`). */
  at(i: number): Decimal;
}

/**
 * Money per row kept exact without one `Decimal` per cell: whole cents in a `Float64Array`
 * (exact below 2^53), and an exact value only for the rows that are not whole cents.
 */
export interface MoneyColumn extends DecimalColumn {
  /**
   * Whole cents of each row (`1234` for 12.34); `NaN` where the value has more than two decimals
   * or is too large for exact cents — read those rows with `at(i)`.
   */
  readonly cents: Float64Array;
}

/**
 * A frozen money column over `cents`, whose `NaN` rows take their value from `exact` (already
 * rounded to the library's precision). `at(i)` of a row of whole cents is `cents / 100`, exact;
 * outside the rows it is `INVALID_INPUT` naming `` `${name}.at` `` (`'RfmScoreTable.columns.monetary'`).
 *
 * @internal
 */
export function moneyColumnOf(
  cents: Float64Array,
  exact: ReadonlyMap<number, Decimal>,
  name: string,
): MoneyColumn {
  const length = cents.length;
  return Object.freeze({
    length,
    cents,
    at(i: number): Decimal {
      checkRowIndex(i, length, `${name}.at`);
      return moneyAt(cents, exact, i);
    },
  });
}

/** The value of row `i` of a money column's parts. @internal */
export function moneyAt(
  cents: Float64Array,
  exact: ReadonlyMap<number, Decimal>,
  i: number,
): Decimal {
  const c = cents[i] as number;
  return Number.isNaN(c) ? (exact.get(i) as Decimal) : quotientDecimal(c, 100);
}

/**
 * The exact value of row `i` of a money column a caller may have written into: whole cents
 * `0 ≤ c < 2^53`, or `NaN` with an exact value; `undefined` for anything else (a negative, a
 * fraction of a cent, `NaN` without an exact value). `approx` receives its float64 image.
 *
 * @internal
 */
export function checkedMoneyAt(
  cents: Float64Array,
  exact: ReadonlyMap<number, Decimal>,
  i: number,
): Decimal | undefined {
  const c = cents[i] as number;
  if (Number.isNaN(c)) return exact.get(i);
  return c >= 0 && c < 2 ** 53 && Number.isInteger(c) ? quotientDecimal(c, 100) : undefined;
}

/** Whether whole cents `c` are on the fast path (0 ≤ c < 2^50, an integer). @internal */
export function isFastCents(c: number): boolean {
  return c >= 0 && c < MAX_CENTS && Number.isInteger(c);
}
