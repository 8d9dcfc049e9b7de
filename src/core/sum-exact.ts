/**
 * An exact sum of amounts, for callers.
 *
 * @module
 */
import type { Decimal } from './decimal.js';
import { describeValue, RetentionMetricsError } from './errors.js';
import { ZERO } from './numeric.js';
import { type AmountList, isAmountList, sumAmounts } from './sum.js';

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
export function sumExact(amounts: AmountList): Decimal {
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
