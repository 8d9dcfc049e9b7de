/**
 * The data model of a retention plan: the constants its values are drawn from and the types of a
 * built plan. A plan is plain JSON; `buildRetentionPlan` makes one, `retentionPlanSchema` checks
 * one, `renderRetentionPlan` writes one out.
 *
 * @module
 */
import { type DeepReadonly, deepFreeze } from '../core/freeze.js';
import type {
  AnalysisMethodId,
  CadenceReasonCode,
  PlanMetricId,
  PlanRoleId,
  PlanStepId,
  TacticSegment,
} from './catalog/types.js';

/**
 * The format tag of a stored plan: the value of {@link RetentionPlan.format}.
 *
 * @category Plan
 */
export const PLAN_FORMAT = 'retention-metrics/plan';

/**
 * The version of the plan format that {@link buildRetentionPlan} writes: the value of
 * {@link RetentionPlan.version}. Plans of earlier versions are still read (see
 * {@link PLAN_FORMAT_VERSIONS_READ}).
 *
 * @category Plan
 */
export const PLAN_FORMAT_VERSION = 3;

/**
 * The plan format versions that `validateRetentionPlan` and `renderRetentionPlan` read:
 * - 1: the first form, without a format tag (no `period`, no KPI `unit`, no segment `figures`,
 *   no `segmentPriorityNote`; built-in steps and metrics only);
 * - 2: without a format tag, with customised steps, KPI units, a period and segment figures;
 * - 3 ({@link PLAN_FORMAT_VERSION}): version 2 with `format` and `version` fields.
 *
 * Versions 1 and 2 are migrated to version 3 when read: the fields they lack are filled in with
 * what version 3 writes for them (`null`, a built-in metric's unit).
 *
 * @category Plan
 */
export const PLAN_FORMAT_VERSIONS_READ = deepFreeze([1, 2, 3] as const);

/**
 * The longest text of a plan, in UTF-16 code units: every text a user gives to a customised plan
 * (titles, descriptions, tasks, examples, KPI names) and every text of a stored plan. The
 * catalogue's longest text is far shorter.
 *
 * @category Plan
 */
export const MAX_PLAN_TEXT_LENGTH = 10_000;

/**
 * The largest magnitude of a value a plan is built from: a baseline, a user's target or a custom
 * KPI's value is below `10^MAX_PLAN_VALUE_EXPONENT` (10^50) in absolute value.
 *
 * @category Plan
 */
export const MAX_PLAN_VALUE_EXPONENT = 50;

/**
 * The largest relative growth (`options.growth`) a plan can aim at: 1000, i.e. +100,000 %.
 * With the bound of {@link MAX_PLAN_VALUE_EXPONENT} every derived target stays below 10^54.
 *
 * @category Plan
 */
export const MAX_PLAN_GROWTH = 1000;

/**
 * The languages a plan can be written in.
 *
 * @category Plan
 */
export const PLAN_LOCALES = deepFreeze(['en', 'ru'] as const);

/** A language a plan can be written in. */
export type PlanLocale = (typeof PLAN_LOCALES)[number];

/**
 * The directions a KPI can aim at: down (churn) or up (everything else).
 *
 * @category Plan
 */
export const KPI_DIRECTIONS = deepFreeze(['decrease', 'increase'] as const);

/** Whether a KPI should go down or up. */
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

/**
 * How often a plan can be reviewed: every month or every quarter (never less often).
 *
 * @category Plan
 */
export const REVIEW_PERIODS = deepFreeze(['month', 'quarter'] as const);

/** How often a plan is reviewed. */
export type ReviewPeriod = (typeof REVIEW_PERIODS)[number];

/**
 * The units of a KPI's values, which fix their domain and how they are shown:
 * - `'rate'`: a fraction in [0, 1] (0.12, not 12), shown as a percentage;
 * - `'quantity'`: a non-negative number (money such as AOV or CLV, orders per customer, counts),
 *   shown with two decimals;
 * - `'score'`: any finite number, negative ones included (e.g. a net promoter score from −100 to
 *   100), shown with two decimals.
 *
 * @category Plan
 */
export const KPI_UNITS = deepFreeze(['rate', 'quantity', 'score'] as const);

/** The unit of a KPI's baseline and target. */
export type KpiUnit = (typeof KPI_UNITS)[number];

/**
 * The KPI metrics that are rates (fractions in [0, 1], shown as percentages); the others are
 * amounts of money (AOV, CLV) or counts per customer (purchase frequency).
 *
 * @category Plan
 */
export const PLAN_RATE_METRICS = deepFreeze([
  'churnRate',
  'retentionRate',
  'repeatPurchaseRate',
  'positiveReviews',
] as const satisfies readonly PlanMetricId[]);

/**
 * The direction of each built-in KPI metric: churn should go down, everything else up.
 *
 * @category Plan
 */
export const PLAN_METRIC_DIRECTIONS: DeepReadonly<Record<PlanMetricId, KpiDirection>> = deepFreeze({
  churnRate: 'decrease',
  retentionRate: 'increase',
  repeatPurchaseRate: 'increase',
  averageOrderValue: 'increase',
  purchaseFrequency: 'increase',
  customerLifetimeValue: 'increase',
  positiveReviews: 'increase',
});

/**
 * The unit of each built-in KPI metric: the rates are `'rate'`; AOV and CLV (money) and purchase
 * frequency (orders per customer) are `'quantity'`.
 *
 * @category Plan
 */
export const PLAN_METRIC_UNITS: DeepReadonly<Record<PlanMetricId, KpiUnit>> = deepFreeze({
  churnRate: 'rate',
  retentionRate: 'rate',
  repeatPurchaseRate: 'rate',
  averageOrderValue: 'quantity',
  purchaseFrequency: 'quantity',
  customerLifetimeValue: 'quantity',
  positiveReviews: 'rate',
});

/**
 * The metrics a snapshot can carry, in the order they should be measured: the order of a plan's
 * `measureFirst`.
 *
 * @internal
 */
export const SNAPSHOT_METRICS = deepFreeze([
  'churnRate',
  'retentionRate',
  'repeatPurchaseRate',
  'averageOrderValue',
  'purchaseFrequency',
  'customerLifetimeValue',
] as const satisfies readonly PlanMetricId[]);

/**
 * The pattern of the id of a custom step or custom KPI metric: a letter or digit, then letters,
 * digits, `.`, `_` or `-` (`'pilot-launch'`, `'nps'`, `'support.csat'`), at most 64 characters.
 * The built-in step and metric ids match it too.
 *
 * @category Plan
 */
export const PLAN_CUSTOM_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';

/**
 * The id of a step of a plan: one of the ten built-in steps ({@link PlanStepId}), or the id of a
 * step added by customisation.
 */
export type AnyPlanStepId = PlanStepId | (string & {});

/**
 * The metric of a KPI of a plan: one of the built-in metrics ({@link PlanMetricId}), or the id of a
 * custom KPI added by customisation.
 */
export type AnyPlanMetricId = PlanMetricId | (string & {});

/** A KPI of a plan step: the metric, its measured baseline and its target (exact decimal strings). */
export interface PlanKpi {
  readonly metric: AnyPlanMetricId;
  /** The unit of `baseline` and `target` (always `'rate'` or `'quantity'` for a built-in metric). */
  readonly unit: KpiUnit;
  /** The measured value, as an exact decimal string; `null` when not measured. */
  readonly baseline: string | null;
  /**
   * The target, as an exact decimal string: derived from the baseline by the plan's rules, or set
   * by the user; `null` when there is neither a baseline nor a user's target.
   */
  readonly target: string | null;
  readonly direction: KpiDirection;
}

/** A KPI of the whole plan, with its name and description in the plan's language. */
export interface PlanKpiSummary extends PlanKpi {
  readonly name: string;
  readonly description: string;
}

/** An analysis method listed in the churn-analysis step. */
export interface PlanAnalysisMethod {
  readonly id: AnalysisMethodId;
  readonly name: string;
  readonly pros: readonly string[];
  readonly cons: readonly string[];
  readonly example: string;
}

/** One step of a {@link RetentionPlan}. */
export interface PlanStep {
  /** A built-in step id, or the id of a step added by customisation. */
  readonly id: AnyPlanStepId;
  readonly title: string;
  readonly description: string;
  readonly tasks: readonly string[];
  /** What the step looks like in practice; absent on a user's step that gives none. */
  readonly example?: string;
  /** The roles responsible for the step. */
  readonly owners: readonly PlanRoleId[];
  /** Metrics the step needs as input. */
  readonly consumes: readonly AnyPlanMetricId[];
  /** Metrics the step measures or updates. */
  readonly produces: readonly AnyPlanMetricId[];
  /** KPIs that show whether the step works. */
  readonly kpis: readonly PlanKpi[];
  /** Present on the built-in `churn-analysis` step only: the methods of finding churn causes. */
  readonly methods?: readonly PlanAnalysisMethod[];
}

/** A role of the plan. */
export interface PlanRole {
  readonly id: PlanRoleId;
  readonly name: string;
  readonly responsibility: string;
}

/** A segment's figures from a segment report, attached to its tactics. */
export interface PlanSegmentFigures {
  /** Customers in the segment. */
  readonly customers: number;
  /** The segment's share of customers, an exact decimal string in [0, 1]. */
  readonly customerShare: string;
  /** The segment's revenue, an exact decimal string. */
  readonly revenue: string;
  /** The segment's share of revenue, an exact decimal string in [0, 1]. */
  readonly revenueShare: string;
}

/** The tactics for one customer segment. */
export interface PlanSegmentTactics {
  readonly segment: TacticSegment;
  readonly name: string;
  readonly goal: string;
  readonly tactics: readonly string[];
  /** The segment's figures when the plan was built from a segment report; otherwise `null`. */
  readonly figures: PlanSegmentFigures | null;
}

/** How often the plan is reviewed, and why. */
export interface PlanCadence {
  readonly every: ReviewPeriod;
  /** Why: one of the churn rule's reasons, or `'override'` when the user set the cadence. */
  readonly reasonCode: CadenceReasonCode;
  /** One sentence in the plan's language explaining the choice. */
  readonly reason: string;
}

/** The period a plan covers: calendar dates, both inclusive. */
export interface PlanPeriod {
  /** The first day, an ISO date (`'2025-01-01'`). */
  readonly start: string;
  /** The last day, an ISO date (`'2025-03-31'`), after `start`. */
  readonly end: string;
}

/** A retention plan: plain JSON data (strings, numbers, arrays, objects, `null`). */
export interface RetentionPlan {
  /** The format tag, {@link PLAN_FORMAT}. */
  readonly format: typeof PLAN_FORMAT;
  /** The format version, {@link PLAN_FORMAT_VERSION}. */
  readonly version: typeof PLAN_FORMAT_VERSION;
  readonly locale: PlanLocale;
  readonly title: string;
  /** The period the plan covers; `null` when none was given. */
  readonly period: PlanPeriod | null;
  readonly steps: readonly PlanStep[];
  readonly roles: readonly PlanRole[];
  /** The seven built-in KPIs, then the custom ones in the order they were given. */
  readonly kpis: readonly PlanKpiSummary[];
  readonly cadence: PlanCadence;
  /** The tactics per segment: by priority with a segment report, in catalogue order without. */
  readonly segments: readonly PlanSegmentTactics[];
  /** Explains the order of `segments` when it comes from a segment report; otherwise `null`. */
  readonly segmentPriorityNote: string | null;
  /**
   * The snapshot metrics without a baseline, most important first (`churnRate` first); empty when
   * all were measured. `positiveReviews` is never listed: it is measured outside the library.
   */
  readonly measureFirst: readonly PlanMetricId[];
  /** Explains `measureFirst`; `null` when it is empty. */
  readonly measureFirstNote: string | null;
  /** The rules used, as exact decimal strings (the defaults filled in). */
  readonly options: {
    readonly churnReduction: string;
    readonly growth: string;
    readonly crisisChurnRate: string;
  };
}
