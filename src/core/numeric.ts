import { D, type Decimal } from './decimal.js';
import { isDecimalLike } from './decimal-internals.js';

export { D, type Decimal };

/**
 * A numeric input: a JavaScript `number`, a decimal string (`'12.34'`, `'-1e3'`), or a `Decimal`
 * from any copy of decimal.js. Numbers are read by their shortest round-trip decimal form, so
 * `0.1` means exactly one tenth. Strings must be plain decimal notation: no hexadecimal, no
 * `'Infinity'`, no `'NaN'`, no surrounding spaces.
 */
export type Numeric = number | string | Decimal;

/** The decimal notation accepted in numeric strings. */
export const DECIMAL_STRING_PATTERN = '^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$';
const decimalString = new RegExp(DECIMAL_STRING_PATTERN);

/**
 * Converts a numeric input to the private Decimal, or returns `undefined` when it is not a finite
 * number in an accepted notation.
 *
 * @internal
 */
export function parseNumeric(value: unknown): Decimal | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? finiteDecimal(value) : undefined;
  }
  if (typeof value === 'string') {
    return decimalString.test(value) ? finiteDecimal(value) : undefined;
  }
  if (value instanceof D) {
    if (!value.isFinite()) return undefined;
    // Decimals are immutable: one made by this library's constructor is used as it is; one of
    // another clone of the same decimal.js is copied, so later arithmetic uses this library's
    // precision and rounding.
    if (value.constructor === D && !value.isZero()) return value;
    return new D(value.isZero() ? 0 : value);
  }
  if (isDecimalLike(value)) {
    const text = String(value);
    return decimalString.test(text) ? finiteDecimal(text) : undefined;
  }
  return undefined;
}

/**
 * A finite Decimal of `value`, with -0 read as 0; `undefined` when an exponent overflows to
 * Infinity or underflows a non-zero value to 0 (e.g. `'1e-9999999999999999'`).
 */
function finiteDecimal(value: number | string): Decimal | undefined {
  const d = new D(value);
  if (!d.isFinite()) return undefined;
  if (!d.isZero()) return d;
  if (typeof value === 'string' && /[1-9]/.test(value.split(/[eE]/)[0] ?? '')) return undefined;
  return d.abs();
}

/** @internal */
export const ZERO: Decimal = new D(0);
/** @internal */
export const ONE: Decimal = new D(1);

/**
 * Exact sum of Decimal values.
 *
 * @internal
 */
export function sumDecimals(values: readonly Decimal[]): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}
