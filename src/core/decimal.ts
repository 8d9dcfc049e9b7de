/**
 * The Decimal constructor offered to callers, and an exact sum.
 *
 * @module
 */
import { describeValue, RetentionMetricsError } from './errors.js';
import { D, type Decimal as DecimalInstance, ZERO } from './numeric.js';
import { type AmountList, isAmountList, sumAmounts } from './sum.js';

/**
 * A decimal.js constructor with the library's settings (34 significant digits, rounding half to
 * even), for callers who compute with the library's results. It is a separate clone: changing its
 * settings (`Decimal.set({ precision: 5 })`) changes no result of the library, and the library
 * never reads or changes the global decimal.js configuration either. Every exact result of the
 * library is a decimal.js value, so it combines with values of this constructor
 * (`rate.times(new Decimal(100))`).
 *
 * Compare Decimals by value with their methods: `a.cmp(b)` (−1, 0 or 1), `a.gt(b)`, `a.lt(b)`,
 * `a.eq(b)`, and sort with `(a, b) => a.cmp(b)`. **Do not use `a > b` on Decimals:** TypeScript
 * accepts it, but JavaScript then compares their strings, so `'9.99' > '35.5'` is `true`.
 *
 * @example
 * ```ts
 * import { Decimal, averageOrderValue } from 'retention-metrics';
 * const a = averageOrderValue({ amounts: ['9.99'] });
 * const b = averageOrderValue({ amounts: ['35.50'] });
 * a.lt(b); // => true
 * a.cmp(b); // => -1
 * String(a) > String(b); // => true
 * [b, a].sort((x, y) => x.cmp(y)).map(String); // => ['9.99', '35.5']
 * new Decimal(1).div(3).toString(); // => '0.3333333333333333333333333333333333'
 * Decimal.precision; // => 34
 * ```
 * @category Numbers
 */
export const Decimal: typeof D = D.clone();

/** An arbitrary-precision decimal value (decimal.js). Every exact result of the library is one. */
export type Decimal = DecimalInstance;

/**
 * The exact sum of amounts: numbers (read by their shortest decimal form, so `0.1 + 0.2` is
 * exactly `0.3`), decimal strings or Decimals, or a typed array of numbers. The sum equals
 * decimal.js summation of the same values to the last digit, however many there are: amounts with
 * at most two decimals are added as whole cents in float64 below 2^53 and folded into a Decimal,
 * every other amount is added as a Decimal; the total is rounded once, to 34 significant digits.
 * Negative amounts (refunds) are allowed.
 *
 * The sum of no amounts is 0 (a sum, not a mean: see the empty-input rule).
 *
 * @param amounts - The amounts, in one currency.
 * @returns Their exact sum, a `Decimal`.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when `amounts` is not an array or typed array,
 *   or an element is not a finite number or decimal string (the message names `amounts[i]`).
 *
 * @example
 * ```ts
 * import { sumExact } from 'retention-metrics';
 * sumExact([0.1, 0.2]).toString(); // => '0.3'
 * sumExact(['19.99', '-5', 0.01]).toString(); // => '15'
 * sumExact(new Float64Array([1.5, 2.25])).toString(); // => '3.75'
 * sumExact([]).toString(); // => '0'
 * sumExact([1, 'ten']); // => throws INVALID_INPUT
 * ```
 * @category Numbers
 */
export function sumExact(amounts: AmountList): DecimalInstance {
  if (!isAmountList(amounts)) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `sumExact: amounts must be an array or a typed array of amounts (received ${describeValue(amounts)})`,
      { path: ['amounts'] },
    );
  }
  if (amounts.length === 0) return ZERO;
  return sumAmounts('sumExact', 'amounts', amounts, true).total;
}
