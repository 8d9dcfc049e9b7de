/**
 * The public types of a plan's customisation (`customize` of `buildRetentionPlan`).
 *
 * @module
 */
import type { Numeric } from '../../core/numeric.js';
import type { PlanMetricId, PlanRoleId, PlanStepId } from '../catalog/types.js';
import type {
  AnyPlanMetricId,
  AnyPlanStepId,
  KpiDirection,
  KpiUnit,
  ReviewPeriod,
} from '../model.js';

/** The content of a step written by the user (in the plan's language: it is used as given). */
export interface PlanStepInput {
  /**
   * In `customize.replace`: the built-in step replaced (the new content keeps this id and the
   * step's place). In `customize.add`: the new step's id, matching `PLAN_CUSTOM_ID_PATTERN`
   * and different from every built-in step id and every other added step.
   */
  readonly id: AnyPlanStepId;
  /** The step's title, non-blank. */
  readonly title: string;
  /** What the step is about, non-blank. */
  readonly description: string;
  /** At least one task, each non-blank. */
  readonly tasks: readonly string[];
  /** What the step looks like in practice; optional. */
  readonly example?: string;
  /** At least one role of the catalogue (`PLAN_ROLE_IDS`), without repeats. */
  readonly owners: readonly PlanRoleId[];
  /** Metrics the step needs: built-in metric ids or ids of custom KPIs (`customize.kpis`). */
  readonly consumes?: readonly AnyPlanMetricId[];
  /** Metrics the step measures or updates: built-in metric ids or ids of custom KPIs. */
  readonly produces?: readonly AnyPlanMetricId[];
  /** The KPIs of the step: built-in metric ids or ids of custom KPIs. */
  readonly kpis?: readonly AnyPlanMetricId[];
}

/** A built-in step replaced by the user's content; it keeps its id and its place. */
export interface PlanStepReplacement extends PlanStepInput {
  /** The built-in step replaced. */
  readonly id: PlanStepId;
}

/** A step added by the user. */
export interface PlanStepAddition extends PlanStepInput {
  /**
   * The step it goes after: a built-in step that is not removed, or a step added earlier in
   * `customize.add`. It is placed directly after that step or, when earlier additions name the
   * same step, directly after the last of them, so several additions after one step keep their
   * order. Absent: at the end, in the order of `customize.add`.
   */
  readonly after?: AnyPlanStepId;
}

/** New owners of one step. */
export interface PlanOwnersOverride {
  /** The step: a built-in one that is not removed, or an added one. */
  readonly step: AnyPlanStepId;
  /** At least one role of the catalogue, without repeats; they replace the step's owners. */
  readonly roles: readonly PlanRoleId[];
}

/**
 * Targets set by the user for built-in KPIs, in each metric's domain: rates (churn, retention,
 * repeat purchases, positive reviews) in [0, 1]; AOV, purchase frequency and CLV non-negative.
 */
export type PlanTargetOverrides = { readonly [M in PlanMetricId]?: Numeric };

/** A KPI the user adds to the plan (and optionally to some of its steps). */
export interface PlanCustomKpi {
  /**
   * The metric's id, matching `PLAN_CUSTOM_ID_PATTERN` and different from the built-in
   * metric ids (`PLAN_METRIC_IDS`) and the other custom KPIs.
   */
  readonly metric: string;
  /** The KPI's name as a reader sees it, non-blank. */
  readonly name: string;
  /** What the KPI measures, non-blank. */
  readonly description: string;
  /** The unit of `baseline` and `target`, which fixes their domain. */
  readonly unit: KpiUnit;
  /** Whether the KPI should go down or up. */
  readonly direction: KpiDirection;
  /** The measured value, in the unit's domain; absent when not measured. */
  readonly baseline?: Numeric;
  /** The target, in the unit's domain and not against `direction` from `baseline`. */
  readonly target?: Numeric;
  /** Steps that also list this KPI (built-in steps not removed, or added steps). */
  readonly steps?: readonly AnyPlanStepId[];
}

/**
 * How to change the built-in plan. Every field is optional; they apply in this order: `remove`,
 * `replace`, `add`, `order`, then `owners`, `cadence`, `targets` and `kpis`. Every id is checked:
 * an unknown, repeated or clashing one is an error that names the field.
 */
export interface PlanCustomization {
  /** Built-in steps to leave out. */
  readonly remove?: readonly PlanStepId[];
  /** Built-in steps whose content is replaced by the user's (title, tasks, owners, KPIs, …). */
  readonly replace?: readonly PlanStepReplacement[];
  /** Steps to add, with their own ids. */
  readonly add?: readonly PlanStepAddition[];
  /**
   * A new order for some or all steps. The listed steps swap places among themselves: they take
   * the positions the listed steps occupy, in the order given, and the steps not listed stay where
   * they are. With steps `a b c d e`, `order: ['d', 'b']` gives `a d c b e`; listing every step
   * gives exactly that order.
   */
  readonly order?: readonly AnyPlanStepId[];
  /** New owners for some steps. */
  readonly owners?: readonly PlanOwnersOverride[];
  /** The review cadence, instead of the one the churn rule chooses; the plan says so. */
  readonly cadence?: ReviewPeriod;
  /**
   * Targets for built-in KPIs, instead of the ones derived from their baselines. A target may not
   * point against the KPI's direction: when there is a baseline, a target above it for churn (or
   * below it for any other built-in KPI) is an error; a target equal to the baseline is allowed.
   */
  readonly targets?: PlanTargetOverrides;
  /** KPIs to add, after the seven built-in ones. */
  readonly kpis?: readonly PlanCustomKpi[];
}
