/**
 * The input of `buildRetentionPlan` and its zod schema.
 *
 * @module
 */
import * as z from 'zod/mini';
import type { Numeric } from '../core/numeric.js';
import { NO_FIELDS } from '../core/own.js';
import {
  addIssue,
  nonNegativeMoneySchema,
  nonNegativeSchema,
  rateSchema,
  strictObject,
} from '../core/schemas.js';
import { resolveCustomization } from './customize/resolve.js';
import { customizationSchema } from './customize/schema.js';
import type { PlanCustomization } from './customize/types.js';
import { checkPlanInputBounds } from './internal/input-bounds.js';
import { isoDateSchema } from './internal/schemas.js';
import { type EnglishLocaleTag, type PlanLanguagePack, planLocaleSchema } from './language-pack.js';
import type { PlanPeriod } from './model.js';
import { type PlanSegmentReport, segmentReportSchema } from './priority.js';

/**
 * A snapshot of measured metrics, as returned by the library's metric functions (`Decimal`,
 * `number` or decimal string). Every field is optional; rates are fractions (0.12, not 12).
 * `planMetricsFromLog` measures one from a transaction log in one call.
 */
export interface PlanMetricsSnapshot {
  /** Churn rate of the current period, in [0, 1]. */
  readonly churnRate?: Numeric;
  /** Churn rate of the previous period of the same length, in [0, 1]; used for the cadence only. */
  readonly previousChurnRate?: Numeric;
  /** Retention rate of the current period, in [0, 1]. */
  readonly retentionRate?: Numeric;
  /** Average order value, a non-negative amount of money. */
  readonly averageOrderValue?: Numeric;
  /** Orders per customer, non-negative (`planMetricsFromLog`: over every purchase up to the period's end). */
  readonly purchaseFrequency?: Numeric;
  /** Share of customers with more than one order, in [0, 1]. */
  readonly repeatPurchaseRate?: Numeric;
  /** Customer lifetime value, a non-negative amount of money. */
  readonly customerLifetimeValue?: Numeric;
}

/** Options of {@link buildRetentionPlan}. */
export interface RetentionPlanOptions {
  /**
   * Relative reduction of churn the plan aims at, in [0, 1] (default `0.05`: churn down by 5 % of
   * its value, e.g. 0.12 → 0.114). The same relative reduction applies to the loss `1 − retention`.
   */
  readonly churnReduction?: Numeric;
  /**
   * Relative growth the plan aims at for repeat-purchase rate, average order value, purchase
   * frequency and CLV, non-negative (default `0.05`: up by 5 %).
   */
  readonly growth?: Numeric;
  /**
   * Churn rate per period above which the plan is reviewed monthly (default `0.1`, i.e. 10 % of
   * the customers lost in the snapshot's period). Compared with `churnRate` of the snapshot, in
   * the same period unit.
   */
  readonly crisisChurnRate?: Numeric;
}

/** The input of {@link buildRetentionPlan}. */
export interface RetentionPlanInput {
  /**
   * The language of every text of the plan (the user's own texts are taken as written): a BCP 47
   * tag of English (`'en'`, `'en-GB'`, case-insensitive), or a {@link PlanLanguagePack} such as
   * `ru` from `retention-metrics/locale/ru`. The plan records the language (`'en'` or `'ru'`).
   */
  readonly locale: EnglishLocaleTag | PlanLanguagePack;
  /** Measured metrics; without them KPIs have no baseline and the plan says what to measure. */
  readonly metrics?: PlanMetricsSnapshot;
  readonly options?: RetentionPlanOptions;
  /**
   * The period the plan covers: two ISO dates (`'YYYY-MM-DD'`), both inclusive, `start` before
   * `end`. Stated at the top of the rendered plan.
   */
  readonly period?: PlanPeriod;
  /**
   * A segment report (from `segmentReport`, or its JSON form): the segment tactics are then
   * ordered by priority and carry each segment's figures.
   */
  readonly segmentReport?: PlanSegmentReport;
  /** Changes to the built-in plan: steps, owners, cadence, targets, custom KPIs. */
  readonly customize?: PlanCustomization;
}

/**
 * The zod schema of {@link RetentionPlanInput}, the input of {@link buildRetentionPlan}, with
 * every check the function makes: the locale resolved to its language pack (a tag of English to
 * the built-in one; a language pack is checked to hold every text), numbers in their domains
 * (parsed to Decimals), the period's dates in order, the segment report's rows, and the
 * customisation's ids, owners, targets and custom KPIs. Its output also carries `arranged`: the
 * plan's step ids in order and the parsed custom KPIs, which `buildRetentionPlan` builds the plan
 * from. Use it to validate a request before building a plan.
 *
 * @category Schemas
 */
export const retentionPlanInputSchema = z.pipe(
  strictObject({
    locale: planLocaleSchema,
    metrics: z.optional(
      strictObject({
        churnRate: z.optional(rateSchema),
        previousChurnRate: z.optional(rateSchema),
        retentionRate: z.optional(rateSchema),
        averageOrderValue: z.optional(nonNegativeMoneySchema),
        purchaseFrequency: z.optional(nonNegativeSchema),
        repeatPurchaseRate: z.optional(rateSchema),
        customerLifetimeValue: z.optional(nonNegativeMoneySchema),
      }),
    ),
    options: z.optional(
      strictObject({
        churnReduction: z.optional(rateSchema),
        growth: z.optional(nonNegativeSchema),
        crisisChurnRate: z.optional(rateSchema),
      }),
    ),
    period: z.optional(strictObject({ start: isoDateSchema, end: isoDateSchema })),
    segmentReport: z.optional(segmentReportSchema),
    customize: z.optional(customizationSchema),
  }),
  z.transform((input, ctx) => {
    const { period } = input;
    if (period !== undefined && period.start >= period.end) {
      addIssue(ctx, `is '${period.end}', which is not after period.start '${period.start}'`, [
        'period',
        'end',
      ]);
    }
    const before = ctx.issues.length;
    checkPlanInputBounds(input, (message, path) => addIssue(ctx, message, path));
    // The checks across the customisation's fields also arrange the steps and parse the custom
    // KPIs: the plan is built from what they return, so nothing is computed twice.
    const arranged = resolveCustomization(
      input.customize ?? NO_FIELDS,
      input.metrics ?? NO_FIELDS,
      (message, path, code) => addIssue(ctx, message, path, code),
    );
    return ctx.issues.length > before ? z.NEVER : { ...input, arranged };
  }),
);
