import type * as z from 'zod/mini';
import type { Decimal } from '../../core/numeric.js';
import { addIssue } from '../../core/schemas.js';

/**
 * A refinement that reports `DIVISION_BY_ZERO` on `field` when its parsed value is zero.
 *
 * @internal
 */
export function denominatorNotZero<K extends string>(field: K, what = 'the ratio') {
  return (value: { readonly [P in K]: Decimal }, ctx: z.core.$RefinementCtx): void => {
    if (value[field].isZero()) {
      addIssue(
        ctx,
        `is 0, so ${what} is undefined (division by zero)`,
        [field],
        'DIVISION_BY_ZERO',
      );
    }
  };
}

/**
 * A refinement that reports `INVALID_INPUT` on `part` when it exceeds `whole`.
 *
 * @internal
 */
export function notMoreThan<P extends string, W extends string>(part: P, whole: W, why: string) {
  return (value: { readonly [K in P | W]: Decimal }, ctx: z.core.$RefinementCtx): void => {
    if (value[part].gt(value[whole])) {
      addIssue(ctx, `(${value[part]}) must not exceed ${whole} (${value[whole]}): ${why}`, [part]);
    }
  };
}
