/**
 * The library's private Decimal constructor.
 *
 * @module
 */
import DecimalJs, { type Decimal as DecimalInstance } from 'decimal.js';

/**
 * The library's private Decimal constructor: 34 significant digits (IEEE 754 decimal128),
 * rounding half to even. It is a `clone`, so the host's global `Decimal` configuration is never
 * read or changed, and changing it does not change any result of this library.
 *
 * @internal
 */
export const D = DecimalJs.clone({
  defaults: true,
  precision: 34,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});

/** An arbitrary-precision decimal value (decimal.js). Every exact result of the library is one. */
export type Decimal = DecimalInstance;
