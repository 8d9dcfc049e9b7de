import * as z from 'zod/mini';
import { parseInput, RetentionMetricsError } from '../core/errors.js';
import { type Decimal, type Numeric, ONE, ZERO } from '../core/numeric.js';
import {
  addIssue,
  countSchema,
  moneySchema,
  nonNegativeMoneySchema,
  nonNegativeSchema,
  rateSchema,
  strictObject,
} from '../core/schemas.js';
import { type AmountList, isAmountList, sumAmounts } from '../core/sum.js';

/** When the first margin of a retention-based CLV is received. */
export type MarginTiming = 'end' | 'start';

/** `'historical'` CLV: what the customer has already brought in. */
export interface HistoricalClvInput {
  readonly method: 'historical';
  /** The customer's revenues (or margins), one per order or period, in currency units; may be negative (refunds). */
  readonly amounts: AmountList;
  /** Optional gross margin in [0, 1] applied to the sum (omit when `amounts` are margins already). */
  readonly grossMargin?: Numeric;
}

/** `'simple'` CLV: average order value × purchase frequency × lifespan. */
export interface SimpleClvInput {
  readonly method: 'simple';
  /** Average order value, currency units per order. */
  readonly averageOrderValue: Numeric;
  /** Orders per customer per period. */
  readonly purchaseFrequency: Numeric;
  /** Expected customer lifespan in the same periods (e.g. from `averageCustomerLifespan`). */
  readonly lifespan: Numeric;
  /** Optional gross margin in [0, 1]; omitted means revenue CLV. */
  readonly grossMargin?: Numeric;
}

/** `'margin-multiple'` CLV: the infinite-horizon retention model of Gupta & Lehmann (2003). */
export interface MarginMultipleClvInput {
  readonly method: 'margin-multiple';
  /** Margin per customer per period, currency units (may be negative). */
  readonly margin: Numeric;
  /** Retention rate per period, a fraction in [0, 1]. */
  readonly retentionRate: Numeric;
  /** Discount rate per period, a fraction ≥ 0 (0.1 = 10 %). */
  readonly discountRate: Numeric;
  /** `'end'` (default): first margin after one period of churn; `'start'`: first margin at t = 0. */
  readonly timing?: MarginTiming;
}

/** `'discounted'` CLV: the same model over a finite number of periods. */
export interface DiscountedClvInput {
  readonly method: 'discounted';
  /** Margin per customer per period, currency units (may be negative). */
  readonly margin: Numeric;
  /** Retention rate per period, a fraction in [0, 1]. */
  readonly retentionRate: Numeric;
  /** Discount rate per period, a fraction ≥ 0. */
  readonly discountRate: Numeric;
  /** Number of margins received (the horizon in periods), an integer ≥ 1. */
  readonly periods: Numeric;
  /** `'end'` (default): margins at t = 1..periods; `'start'`: at t = 0..periods − 1. */
  readonly timing?: MarginTiming;
}

/** Input of {@link customerLifetimeValue}, discriminated by `method`. */
export type CustomerLifetimeValueInput =
  | HistoricalClvInput
  | SimpleClvInput
  | MarginMultipleClvInput
  | DiscountedClvInput;

const timingSchema = z.optional(z.enum(['end', 'start']));

const historicalSchema = strictObject({
  method: z.literal('historical'),
  amounts: z.array(moneySchema),
  grossMargin: z.optional(rateSchema),
});

const simpleSchema = strictObject({
  method: z.literal('simple'),
  averageOrderValue: nonNegativeMoneySchema,
  purchaseFrequency: nonNegativeSchema,
  lifespan: nonNegativeSchema,
  grossMargin: z.optional(rateSchema),
});

const marginMultipleSchema = strictObject({
  method: z.literal('margin-multiple'),
  margin: moneySchema,
  retentionRate: rateSchema,
  discountRate: nonNegativeSchema,
  timing: timingSchema,
}).check(
  z.superRefine((v, ctx) => {
    if (v.retentionRate.eq(1) && v.discountRate.isZero()) {
      addIssue(
        ctx,
        'is 1 with discountRate 0, so 1 + discountRate − retentionRate is 0 and the infinite sum diverges (division by zero)',
        ['retentionRate'],
        'DIVISION_BY_ZERO',
      );
    }
  }),
);

const discountedSchema = strictObject({
  method: z.literal('discounted'),
  margin: moneySchema,
  retentionRate: rateSchema,
  discountRate: nonNegativeSchema,
  periods: countSchema,
  timing: timingSchema,
}).check(
  z.superRefine((v, ctx) => {
    if (v.periods.isZero()) addIssue(ctx, 'must be at least 1', ['periods']);
  }),
);

/**
 * The schema of {@link CustomerLifetimeValueInput}.
 *
 * @category Schemas
 */
export const customerLifetimeValueInputSchema = z.discriminatedUnion('method', [
  historicalSchema,
  simpleSchema,
  marginMultipleSchema,
  discountedSchema,
]);

/** The fields of each method (besides `method`). */
const METHOD_FIELDS: Readonly<Record<CustomerLifetimeValueInput['method'], readonly string[]>> = {
  historical: ['amounts', 'grossMargin'],
  simple: ['averageOrderValue', 'purchaseFrequency', 'lifespan', 'grossMargin'],
  'margin-multiple': ['margin', 'retentionRate', 'discountRate', 'timing'],
  discounted: ['margin', 'retentionRate', 'discountRate', 'periods', 'timing'],
};

/** A field of another method than the one chosen is a conflict between two methods. */
function rejectOtherMethodFields(fn: string, input: unknown): void {
  if (typeof input !== 'object' || input === null) return;
  const method = (input as { method?: unknown }).method;
  if (typeof method !== 'string' || !Object.hasOwn(METHOD_FIELDS, method)) return;
  const own = METHOD_FIELDS[method as CustomerLifetimeValueInput['method']];
  for (const key of Object.keys(input)) {
    if (key === 'method' || own.includes(key)) continue;
    const other = Object.entries(METHOD_FIELDS).find(([, fields]) => fields.includes(key));
    if (other !== undefined) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: ${key} belongs to method '${other[0]}', not '${method}': give the fields of one method (method '${method}' takes ${own.join(', ')})`,
        { path: [key] },
      );
    }
  }
}

/** As the exported schema, but the amounts' elements are checked in one pass while summing. */
const dispatchSchema = z.discriminatedUnion('method', [
  z.extend(historicalSchema, {
    amounts: z.custom<AmountList>(isAmountList, { message: 'must be an array of amounts' }),
  }),
  simpleSchema,
  marginMultipleSchema,
  discountedSchema,
]);

/**
 * Customer lifetime value (CLV, LTV) by one of four closed-form methods, chosen by `method`.
 * All arithmetic is `Decimal`; the result is in currency units per customer and never rounded
 * beyond 34 significant digits.
 *
 * - `'historical'` — `Σ amounts × grossMargin`: the revenue (or margin) a customer has brought so
 *   far, summed exactly. Backward-looking; the floor of any forward estimate.
 * - `'simple'` — `AOV × purchase frequency × lifespan × grossMargin` (grossMargin defaults to 1,
 *   giving revenue CLV). The textbook formula of the specification's source articles; frequency
 *   and lifespan must use the same period (orders per month × months). No discounting.
 * - `'margin-multiple'` — `m × r / (1 + d − r)`: margin m per period, retention rate r and
 *   discount rate d per period, infinite horizon, margins received at the end of each period
 *   survived. Gupta & Lehmann (2003), "Customers as Assets", *Journal of Interactive Marketing*
 *   17(1), eq. (2); the factor `r / (1 + d − r)` is their "margin multiple". With `timing: 'start'`
 *   the first margin is received at t = 0, before any churn: `m × (1 + d) / (1 + d − r)`.
 * - `'discounted'` — `Σ_{t=1..n} m × r^t / (1 + d)^t`: the same model over n periods
 *   (`timing: 'start'`: `Σ_{t=0..n−1}`), computed as the geometric sum
 *   `m × q × (1 − qⁿ) / (1 − q)` with `q = r / (1 + d)` (`m × n × q` terms when q = 1). It increases
 *   with n towards `'margin-multiple'` for a positive margin.
 *
 * @param input - One of the four input forms.
 * @returns The lifetime value per customer, a `Decimal` in currency units.
 * @throws {RetentionMetricsError} `DIVISION_BY_ZERO` for `'margin-multiple'` with r = 1 and d = 0
 *   (the infinite sum diverges).
 * `'historical'` with no amounts is 0 (a sum of nothing, as for counts; see the empty-input rule).
 *
 * @throws {RetentionMetricsError} `INVALID_INPUT` for an unknown `method`, a field of another
 *   method than the one given (named as the conflict), a missing field, a rate
 *   outside [0, 1], a negative discount rate, AOV, frequency or lifespan, `periods` not an integer
 *   ≥ 1, or a non-finite amount (named as `amounts[i]`).
 *
 * @example
 * ```ts
 * import { customerLifetimeValue } from 'retention-metrics';
 * customerLifetimeValue({ method: 'historical', amounts: ['19.99', '5.01', '25.00'] }).toString(); // => '50'
 * customerLifetimeValue({ method: 'historical', amounts: [] }).toString(); // => '0'
 * customerLifetimeValue({ method: 'simple', averageOrderValue: 50, purchaseFrequency: 2, lifespan: 3, amounts: [1] }); // => throws INVALID_INPUT
 * customerLifetimeValue({ method: 'simple', averageOrderValue: 50, purchaseFrequency: 2, lifespan: 3, grossMargin: '0.4' }).toString(); // => '120'
 * customerLifetimeValue({ method: 'margin-multiple', margin: 100, retentionRate: '0.5', discountRate: '0.25' }).toString(); // => '66.66666666666666666666666666666667'
 * customerLifetimeValue({ method: 'discounted', margin: 100, retentionRate: '0.5', discountRate: '0.25', periods: 3 }).toString(); // => '62.4'
 * ```
 * @category Lifetime value
 */
export function customerLifetimeValue(input: CustomerLifetimeValueInput): Decimal {
  const fn = 'customerLifetimeValue';
  rejectOtherMethodFields(fn, input);
  const v = parseInput(fn, dispatchSchema, input);
  switch (v.method) {
    case 'historical': {
      if (v.amounts.length === 0) return ZERO;
      const { total } = sumAmounts(fn, 'amounts', v.amounts, true);
      return v.grossMargin === undefined ? total : total.times(v.grossMargin);
    }
    case 'simple': {
      const revenue = v.averageOrderValue.times(v.purchaseFrequency).times(v.lifespan);
      return v.grossMargin === undefined ? revenue : revenue.times(v.grossMargin);
    }
    case 'margin-multiple':
      return marginMultiple(v.margin, v.retentionRate, v.discountRate, v.timing);
    case 'discounted': {
      const q = v.retentionRate.div(ONE.plus(v.discountRate));
      if (q.eq(1)) return v.margin.times(v.periods);
      // Σ q^t = (the infinite sum) × (1 − qⁿ), so the finite value never passes the infinite one,
      // however the last digit rounds.
      const limit = marginMultiple(v.margin, v.retentionRate, v.discountRate, v.timing);
      return limit.times(ONE.minus(q.pow(v.periods)));
    }
  }
}

/**
 * `m × r / (1 + d − r)` (end) or `m × (1 + d) / (1 + d − r)` (start). The denominator is computed
 * as `(1 − r) + d`: `1 − r` is exact for r = 1, so a tiny positive d is never rounded away.
 */
function marginMultiple(
  margin: Decimal,
  retentionRate: Decimal,
  discountRate: Decimal,
  timing: MarginTiming | undefined,
): Decimal {
  const numerator = timing === 'start' ? ONE.plus(discountRate) : retentionRate;
  return margin.times(numerator).div(ONE.minus(retentionRate).plus(discountRate));
}
