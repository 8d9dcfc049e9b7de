/**
 * The decimal.js constructors: the library's private one, and the one offered to callers.
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
export const Decimal: typeof DecimalInstance = D.clone();
