/**
 * The shape of the retention plan's text catalogue. Every locale provides one object of this
 * shape (`en.ts`, `ru.ts`) holding every text of that locale: the plan's content, the cadence
 * reasons, the dates and the headings of the rendered document. A missing text is a compile error,
 * and a test walks both catalogues to check that no text is empty.
 *
 * Texts are written natively in each language from the domain facts of the source documents
 * (`../shared/seeds/`), not translated sentence by sentence. Placeholders in braces (`{churn}`)
 * are filled by the plan builder; the same placeholders appear in every locale.
 *
 * @module
 */
import { deepFreeze } from '../../core/freeze.js';

/** The ten steps of a retention plan, in their order. Ids are stable and part of the public API. */
export const PLAN_STEP_IDS = deepFreeze([
  'data-collection',
  'segmentation',
  'churn-analysis',
  'strategy',
  'implementation',
  'monitoring',
  'adjustment',
  'team-training',
  'automation',
  're-analysis',
] as const);

/** A step id of the built-in plan. */
export type PlanStepId = (typeof PLAN_STEP_IDS)[number];

/** The roles that own plan steps. */
export const PLAN_ROLE_IDS = deepFreeze([
  'top-management',
  'analysts',
  'account-managers',
  'product',
  'marketing',
  'customer-support',
  'hr',
] as const);

/** A role id. */
export type PlanRoleId = (typeof PLAN_ROLE_IDS)[number];

/** The methods of churn-cause analysis, listed in the churn-analysis step. */
export const ANALYSIS_METHOD_IDS = deepFreeze([
  'surveys',
  'behaviour-analytics',
  'exit-interviews',
  'reviews-and-social',
  'predictive-models',
  'competitor-analysis',
  'point-of-sale-feedback',
] as const);

/** An analysis-method id. */
export type AnalysisMethodId = (typeof ANALYSIS_METHOD_IDS)[number];

/** The customer segments that get their own tactics in a plan. */
export const TACTIC_SEGMENTS = deepFreeze(['vip', 'new', 'at-risk', 'lost'] as const);

/** A segment with tactics. */
export type TacticSegment = (typeof TACTIC_SEGMENTS)[number];

/**
 * The metrics a plan tracks as KPIs. All but `positiveReviews` can be computed by the library's
 * metric functions; `positiveReviews` (the share of positive reviews) is measured outside it.
 */
export const PLAN_METRIC_IDS = deepFreeze([
  'churnRate',
  'retentionRate',
  'repeatPurchaseRate',
  'averageOrderValue',
  'purchaseFrequency',
  'customerLifetimeValue',
  'positiveReviews',
] as const);

/** A KPI metric id. */
export type PlanMetricId = (typeof PLAN_METRIC_IDS)[number];

/** Why the plan chose its review cadence. */
export const CADENCE_REASON_CODES = deepFreeze([
  'above-crisis-and-rising',
  'above-crisis',
  'rising',
  'stable',
  'below-crisis-no-trend',
  'no-churn-data',
  'override',
] as const);

/** A cadence reason code: why the churn rule chose the cadence, or `'override'` (set by the user). */
export type CadenceReasonCode = (typeof CADENCE_REASON_CODES)[number];

/** The texts of one plan step. */
export interface StepText {
  readonly title: string;
  readonly description: string;
  /** Three to five concrete tasks, each an imperative sentence. */
  readonly tasks: readonly string[];
  /** What the step looks like in practice. */
  readonly example: string;
}

/** The texts of one role. */
export interface RoleText {
  readonly name: string;
  /** What the role is responsible for in retention work. */
  readonly responsibility: string;
}

/** The texts of one analysis method. */
export interface MethodText {
  readonly name: string;
  readonly pros: readonly string[];
  readonly cons: readonly string[];
  /** Where the method works well. */
  readonly example: string;
}

/** The texts of one segment's tactics. */
export interface SegmentTacticText {
  readonly name: string;
  /** What the tactics aim at for this segment. */
  readonly goal: string;
  readonly tactics: readonly string[];
}

/** The texts of one KPI. */
export interface KpiText {
  readonly name: string;
  readonly description: string;
}

/** The texts of the review cadence. */
export interface CadenceText {
  readonly month: string;
  readonly quarter: string;
  /**
   * One sentence per reason code. Placeholders: `{churn}` (current churn rate), `{previous}`
   * (previous-period churn rate), `{threshold}` (crisis threshold), all formatted as percentages;
   * for `override`, `{every}` (the cadence set by the user) and `{rule}` (the cadence the churn
   * rule would have chosen), both written as `month` / `quarter` above.
   */
  readonly reasons: Readonly<Record<CadenceReasonCode, string>>;
}

/** Miscellaneous texts of the plan. */
export interface PlanTexts {
  /** The plan's title. */
  readonly title: string;
  /** Explains `measureFirst`: which metric to measure before targets can be set. */
  readonly measureFirst: string;
  /** Labels of KPI directions. */
  readonly decrease: string;
  readonly increase: string;
  /** Explains the order of segment tactics built from a segment report. */
  readonly segmentPriority: string;
}

/** The texts that write a calendar date and the plan's period. */
export interface DateTexts {
  /** The names of the months, January first, in the form a date uses (genitive in Russian). */
  readonly months: readonly string[];
  /** A date. Placeholders: `{day}` (1–31), `{month}` (a name of `months`), `{year}`. */
  readonly date: string;
  /** The line stating the plan's period. Placeholders: `{start}` and `{end}`, written as `date`. */
  readonly period: string;
}

/**
 * The headings and labels of a rendered plan (see `renderRetentionPlan`). They belong to the
 * document rather than to the plan's content: a stored plan carries its content but not these.
 */
export interface RenderLabels {
  /** Heading of the cadence section, followed by `: ` and the cadence (`monthly`). */
  readonly cadence: string;
  /** Heading of the KPI table. */
  readonly kpis: string;
  /** Column headings of the KPI table. */
  readonly metric: string;
  readonly baseline: string;
  readonly target: string;
  readonly direction: string;
  /** Label of a step's owners. */
  readonly owners: string;
  /** Label of a step's tasks. */
  readonly tasks: string;
  /** Label of a step's KPIs. */
  readonly stepKpis: string;
  /** Label of a step's practice example. */
  readonly inPractice: string;
  /** Heading of the analysis methods of the churn-analysis step. */
  readonly methods: string;
  readonly pros: string;
  readonly cons: string;
  /** Label of a method's example. */
  readonly example: string;
  /** Heading of the segment tactics. */
  readonly segments: string;
  /** Label of a segment's goal. */
  readonly goal: string;
  /**
   * A segment's figures from a segment report. Placeholders: `{customers}` (a count),
   * `{customerShare}` and `{revenueShare}` (percentages).
   */
  readonly segmentFigures: string;
}

/** A complete catalogue for one locale. */
export interface PlanCatalog {
  readonly plan: PlanTexts;
  readonly steps: Readonly<Record<PlanStepId, StepText>>;
  readonly roles: Readonly<Record<PlanRoleId, RoleText>>;
  readonly methods: Readonly<Record<AnalysisMethodId, MethodText>>;
  readonly segments: Readonly<Record<TacticSegment, SegmentTacticText>>;
  readonly kpis: Readonly<Record<PlanMetricId, KpiText>>;
  readonly cadence: CadenceText;
  readonly dates: DateTexts;
  /** The headings and labels of the rendered document. */
  readonly render: RenderLabels;
}
