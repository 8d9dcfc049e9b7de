import { AMOUNT_BOUNDS, withinAmountBounds } from './bounds.js';
import { centsOfNumber, ExactSum } from './cents.js';
import { invalidElement, RetentionMetricsError } from './errors.js';
import { type Decimal, parseNumeric } from './numeric.js';

export { centsOfNumber, centsOfString, ExactSum, WIDE } from './cents.js';

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
    // Numbers of whole cents take the fast path; any other number is read as a Decimal below and
    // checked against the amount bounds.
    const cents =
      typeof v === 'number' && (allowNegative || v >= 0) ? centsOfNumber(v) : Number.NaN;
    if (!Number.isNaN(cents)) {
      sum.addCents(cents === 0 ? 0 : cents);
      continue;
    }
    if (typeof v === 'string' && (allowNegative || v[0] !== '-') && sum.addCentsString(v)) {
      continue;
    }
    const parsed = parseNumeric(v);
    if (
      parsed === undefined ||
      (!allowNegative && parsed.isNegative() && !parsed.isZero()) ||
      !withinAmountBounds(parsed)
    ) {
      const requirement = allowNegative
        ? 'a finite amount of money'
        : 'a non-negative finite amount of money';
      const bounds = parsed !== undefined && !withinAmountBounds(parsed) ? ` ${AMOUNT_BOUNDS}` : '';
      throw invalidElement(fn, field, i, '', `${requirement}${bounds}`, v);
    }
    sum.addDecimal(parsed);
  }
  return { total: sum.value(), count: n };
}
