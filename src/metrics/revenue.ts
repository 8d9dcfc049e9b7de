import * as z from 'zod/mini';
import { parseInput } from '../core/errors.js';
import { type Decimal, type Numeric, ONE, ZERO } from '../core/numeric.js';
import { addIssue, nonNegativeMoneySchema, rateSchema, strictObject } from '../core/schemas.js';
import { denominatorNotZero } from './internal/refine.js';

/**
 * Recurring-revenue movements of one period (usually a month of MRR), for the customers who
 * were paying at its start. Amounts are currency units per period, all ≥ 0. The same object can
 * be passed to all four revenue churn and retention functions.
 */
export interface RevenueMovementsInput {
  /** Recurring revenue at the start of the period (starting MRR). */
  readonly startingRevenue: Numeric;
  /** Revenue lost from customers who cancelled. */
  readonly churnedRevenue: Numeric;
  /** Revenue lost from downgrades of customers who stayed. Omitted means 0. */
  readonly contractionRevenue?: Numeric;
  /** Revenue gained from upgrades of existing customers. Omitted means 0; gross metrics ignore it. */
  readonly expansionRevenue?: Numeric;
}

/**
 * The schema of {@link RevenueMovementsInput}: starting revenue > 0 (else `DIVISION_BY_ZERO`) and
 * churned + contraction revenue ≤ starting revenue.
 *
 * @category Schemas
 */
export const revenueMovementsInputSchema = strictObject({
  startingRevenue: nonNegativeMoneySchema,
  churnedRevenue: nonNegativeMoneySchema,
  contractionRevenue: z.optional(nonNegativeMoneySchema),
  expansionRevenue: z.optional(nonNegativeMoneySchema),
}).check(
  z.superRefine(denominatorNotZero('startingRevenue', 'the rate')),
  z.superRefine((v, ctx) => {
    const lost = v.churnedRevenue.plus(v.contractionRevenue ?? ZERO);
    if (!v.startingRevenue.isZero() && lost.gt(v.startingRevenue)) {
      addIssue(
        ctx,
        `plus contractionRevenue (${lost}) must not exceed startingRevenue (${v.startingRevenue}): only revenue present at the start can be lost`,
        ['churnedRevenue'],
      );
    }
  }),
);

interface Movements {
  start: Decimal;
  lost: Decimal;
  expansion: Decimal;
}

function movements(fn: string, input: RevenueMovementsInput): Movements {
  const v = parseInput(fn, revenueMovementsInputSchema, input);
  return {
    start: v.startingRevenue,
    lost: v.churnedRevenue.plus(v.contractionRevenue ?? ZERO),
    expansion: v.expansionRevenue ?? ZERO,
  };
}

/**
 * Gross revenue (MRR) churn rate: the share of starting recurring revenue lost to cancellations
 * and downgrades.
 *
 * Formula: `(churned + contraction) / starting revenue`, a fraction in [0, 1]; expansion is
 * ignored. Denominator: recurring revenue at the *start* of the period, and only movements of
 * customers already paying then (new customers' revenue is excluded), as most SaaS metric
 * providers define it; some divide by the average of start and end revenue instead, which gives a
 * smaller figure in a growing business.
 *
 * @param input - The period's {@link RevenueMovementsInput}.
 * @returns Gross revenue churn per period, a `Decimal` in [0, 1].
 * @throws {RetentionMetricsError} `DIVISION_BY_ZERO` when `startingRevenue` is 0.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when an amount is missing, negative or not finite,
 *   or churned + contraction exceed the starting revenue.
 *
 * @example
 * ```ts
 * import { grossRevenueChurnRate } from 'retention-metrics';
 * const month = { startingRevenue: 100000, churnedRevenue: 3000, contractionRevenue: 1000, expansionRevenue: 6000 };
 * grossRevenueChurnRate(month).toString(); // => '0.04'
 * ```
 * @category Revenue metrics
 */
export function grossRevenueChurnRate(input: RevenueMovementsInput): Decimal {
  const m = movements('grossRevenueChurnRate', input);
  return m.lost.div(m.start);
}

/**
 * Net revenue (MRR) churn rate: revenue lost to cancellations and downgrades, net of expansion,
 * as a share of starting recurring revenue. Negative when expansion outweighs losses ("negative
 * churn").
 *
 * Formula: `(churned + contraction − expansion) / starting revenue`, a fraction ≤ 1 (may be
 * negative). Same denominator as {@link grossRevenueChurnRate}. Equals `1 − netRevenueRetention`.
 *
 * @param input - The period's {@link RevenueMovementsInput}.
 * @returns Net revenue churn per period, a `Decimal` ≤ 1.
 * @throws {RetentionMetricsError} `DIVISION_BY_ZERO` when `startingRevenue` is 0.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when an amount is missing, negative or not finite,
 *   or churned + contraction exceed the starting revenue.
 *
 * @example
 * ```ts
 * import { netRevenueChurnRate } from 'retention-metrics';
 * const month = { startingRevenue: 100000, churnedRevenue: 3000, contractionRevenue: 1000, expansionRevenue: 6000 };
 * netRevenueChurnRate(month).toString(); // => '-0.02'
 * ```
 * @category Revenue metrics
 */
export function netRevenueChurnRate(input: RevenueMovementsInput): Decimal {
  const m = movements('netRevenueChurnRate', input);
  return m.lost.minus(m.expansion).div(m.start);
}

/**
 * Net revenue retention (NRR, net dollar retention): recurring revenue kept from the customers
 * paying at the start, expansion included.
 *
 * Formula: `(starting − churned − contraction + expansion) / starting revenue`, a fraction ≥ 0 that
 * exceeds 1 when expansion outweighs losses. Same denominator as {@link grossRevenueChurnRate};
 * usually measured over 12 months for a cohort. Equals `1 − netRevenueChurnRate`.
 *
 * @param input - The period's {@link RevenueMovementsInput}.
 * @returns NRR as a fraction (1.02 = 102 %), a `Decimal` ≥ 0.
 * @throws {RetentionMetricsError} `DIVISION_BY_ZERO` when `startingRevenue` is 0.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when an amount is missing, negative or not finite,
 *   or churned + contraction exceed the starting revenue.
 *
 * @example
 * ```ts
 * import { netRevenueRetention } from 'retention-metrics';
 * const month = { startingRevenue: 100000, churnedRevenue: 3000, contractionRevenue: 1000, expansionRevenue: 6000 };
 * netRevenueRetention(month).toString(); // => '1.02'
 * ```
 * @category Revenue metrics
 */
export function netRevenueRetention(input: RevenueMovementsInput): Decimal {
  const m = movements('netRevenueRetention', input);
  return m.start.minus(m.lost).plus(m.expansion).div(m.start);
}

/**
 * Gross revenue retention (GRR): recurring revenue kept from the customers paying at the start,
 * expansion excluded, so it never exceeds 100 %.
 *
 * Formula: `(starting − churned − contraction) / starting revenue`, a fraction in [0, 1]. Same
 * denominator as {@link grossRevenueChurnRate}. Equals `1 − grossRevenueChurnRate`.
 *
 * @param input - The period's {@link RevenueMovementsInput} (`expansionRevenue` is ignored).
 * @returns GRR as a fraction, a `Decimal` in [0, 1].
 * @throws {RetentionMetricsError} `DIVISION_BY_ZERO` when `startingRevenue` is 0.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when an amount is missing, negative or not finite,
 *   or churned + contraction exceed the starting revenue.
 *
 * @example
 * ```ts
 * import { grossRevenueRetention } from 'retention-metrics';
 * const month = { startingRevenue: 100000, churnedRevenue: 3000, contractionRevenue: 1000, expansionRevenue: 6000 };
 * grossRevenueRetention(month).toString(); // => '0.96'
 * ```
 * @category Revenue metrics
 */
export function grossRevenueRetention(input: RevenueMovementsInput): Decimal {
  const m = movements('grossRevenueRetention', input);
  return m.start.minus(m.lost).div(m.start);
}

/** Input of {@link saasQuickRatio}: the period's recurring-revenue movements. */
export interface QuickRatioInput {
  /** Recurring revenue from new customers. */
  readonly newRevenue: Numeric;
  /** Recurring revenue gained from upgrades (and reactivations, if you track them here). */
  readonly expansionRevenue: Numeric;
  /** Recurring revenue lost from cancellations. */
  readonly churnedRevenue: Numeric;
  /** Recurring revenue lost from downgrades. */
  readonly contractionRevenue: Numeric;
}

/**
 * The schema of {@link QuickRatioInput}.
 *
 * @category Schemas
 */
export const quickRatioInputSchema = strictObject({
  newRevenue: nonNegativeMoneySchema,
  expansionRevenue: nonNegativeMoneySchema,
  churnedRevenue: nonNegativeMoneySchema,
  contractionRevenue: nonNegativeMoneySchema,
}).check(
  z.superRefine((v, ctx) => {
    if (v.churnedRevenue.plus(v.contractionRevenue).isZero()) {
      addIssue(
        ctx,
        'plus contractionRevenue is 0, so the quick ratio is undefined (division by zero)',
        ['churnedRevenue'],
        'DIVISION_BY_ZERO',
      );
    }
  }),
);

/**
 * SaaS quick ratio: recurring revenue gained per unit of recurring revenue lost in a period.
 *
 * Formula: `(new + expansion) / (churned + contraction)`, a ratio ≥ 0; above 4 is usually read as
 * efficient growth. Source: Mamoon Hamid's "quick ratio" for SaaS growth (Social Capital, 2015).
 *
 * @param input - The period's {@link QuickRatioInput}, currency units per period.
 * @returns The quick ratio, a `Decimal` ≥ 0 (dimensionless).
 * @throws {RetentionMetricsError} `DIVISION_BY_ZERO` when churned + contraction revenue is 0.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when an amount is missing, negative or not finite.
 *
 * @example
 * ```ts
 * import { saasQuickRatio } from 'retention-metrics';
 * saasQuickRatio({ newRevenue: 10000, expansionRevenue: 6000, churnedRevenue: 3000, contractionRevenue: 1000 }).toString(); // => '4'
 * ```
 * @category Revenue metrics
 */
export function saasQuickRatio(input: QuickRatioInput): Decimal {
  const v = parseInput('saasQuickRatio', quickRatioInputSchema, input);
  return v.newRevenue.plus(v.expansionRevenue).div(v.churnedRevenue.plus(v.contractionRevenue));
}

/** Input of {@link ltvToCacRatio}. */
export interface LtvToCacInput {
  /** Customer lifetime value, currency units per customer (e.g. from `customerLifetimeValue`). */
  readonly lifetimeValue: Numeric;
  /** Customer acquisition cost (CAC), currency units per customer. */
  readonly acquisitionCost: Numeric;
}

/**
 * The schema of {@link LtvToCacInput}.
 *
 * @category Schemas
 */
export const ltvToCacInputSchema = strictObject({
  lifetimeValue: nonNegativeMoneySchema,
  acquisitionCost: nonNegativeMoneySchema,
}).check(z.superRefine(denominatorNotZero('acquisitionCost', 'LTV:CAC')));

/**
 * LTV:CAC ratio: lifetime value returned per unit spent to acquire a customer.
 *
 * Formula: `lifetimeValue / acquisitionCost`, dimensionless; 3 or more is the common benchmark
 * (David Skok, "SaaS Metrics 2.0"). Use a margin-based LTV for a like-for-like comparison with cost.
 *
 * @param input - LTV and CAC in the same currency.
 * @returns The ratio, a `Decimal` ≥ 0.
 * @throws {RetentionMetricsError} `DIVISION_BY_ZERO` when `acquisitionCost` is 0.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when an amount is missing, negative or not finite.
 *
 * @example
 * ```ts
 * import { ltvToCacRatio } from 'retention-metrics';
 * ltvToCacRatio({ lifetimeValue: '1200', acquisitionCost: '400' }).toString(); // => '3'
 * ```
 * @category Revenue metrics
 */
export function ltvToCacRatio(input: LtvToCacInput): Decimal {
  const v = parseInput('ltvToCacRatio', ltvToCacInputSchema, input);
  return v.lifetimeValue.div(v.acquisitionCost);
}

/** Input of {@link cacPaybackPeriod}. */
export interface CacPaybackInput {
  /** Customer acquisition cost (CAC), currency units per customer. */
  readonly acquisitionCost: Numeric;
  /** Recurring revenue per customer per period (ARPA, e.g. monthly). */
  readonly revenuePerPeriod: Numeric;
  /** Gross margin in (0, 1]; omitted means 1 (payback on revenue rather than margin). */
  readonly grossMargin?: Numeric;
}

/**
 * The schema of {@link CacPaybackInput}.
 *
 * @category Schemas
 */
export const cacPaybackInputSchema = strictObject({
  acquisitionCost: nonNegativeMoneySchema,
  revenuePerPeriod: nonNegativeMoneySchema,
  grossMargin: z.optional(rateSchema),
}).check(
  z.superRefine((v, ctx) => {
    if (v.revenuePerPeriod.isZero()) {
      addIssue(
        ctx,
        'is 0, so the cost is never paid back (division by zero)',
        ['revenuePerPeriod'],
        'DIVISION_BY_ZERO',
      );
    } else if (v.grossMargin?.isZero() === true) {
      addIssue(
        ctx,
        'is 0, so the cost is never paid back (division by zero)',
        ['grossMargin'],
        'DIVISION_BY_ZERO',
      );
    }
  }),
);

/**
 * CAC payback period: how many periods of a customer's margin repay the cost of acquiring them.
 *
 * Formula: `acquisitionCost / (revenuePerPeriod × grossMargin)`. Units: **periods of
 * `revenuePerPeriod`** (monthly ARPA gives months). Ignores churn during payback, as the common
 * SaaS definition does (e.g. David Skok, "SaaS Metrics 2.0"; 12 months or less is the usual target).
 *
 * @param input - CAC, revenue per customer per period and optional gross margin.
 * @returns The payback period in periods, a `Decimal` ≥ 0.
 * @throws {RetentionMetricsError} `DIVISION_BY_ZERO` when `revenuePerPeriod` or `grossMargin` is 0.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when an amount is negative or not finite, or
 *   `grossMargin` is outside [0, 1].
 *
 * @example
 * ```ts
 * import { cacPaybackPeriod } from 'retention-metrics';
 * cacPaybackPeriod({ acquisitionCost: 600, revenuePerPeriod: 100, grossMargin: '0.75' }).toString(); // => '8'
 * ```
 * @category Revenue metrics
 */
export function cacPaybackPeriod(input: CacPaybackInput): Decimal {
  const v = parseInput('cacPaybackPeriod', cacPaybackInputSchema, input);
  return v.acquisitionCost.div(v.revenuePerPeriod.times(v.grossMargin ?? ONE));
}
