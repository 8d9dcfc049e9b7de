/**
 * Customisation of a retention plan: the input types, their zod schema, the checks that need
 * more than one field, and the arrangement of the steps (remove, replace, add, reorder).
 *
 * @module
 */
import { z } from 'zod';
import type { Decimal, Numeric } from '../core/numeric.js';
import {
  nonNegativeMoneySchema,
  nonNegativeSchema,
  numericSchema,
  rateSchema,
} from '../core/schemas.js';
import {
  PLAN_METRIC_IDS,
  PLAN_ROLE_IDS,
  PLAN_STEP_IDS,
  type PlanMetricId,
  type PlanRoleId,
  type PlanStepId,
} from './catalog/types.js';
import {
  type AnyPlanMetricId,
  type AnyPlanStepId,
  KPI_DIRECTIONS,
  KPI_UNITS,
  type KpiDirection,
  type KpiUnit,
  PLAN_CUSTOM_ID_PATTERN,
  PLAN_METRIC_DIRECTIONS,
  REVIEW_PERIODS,
  type ReviewPeriod,
} from './model.js';

/** The content of a step written by the user (in the plan's language: it is used as given). */
export interface PlanStepInput {
  /**
   * In `customize.replace`: the built-in step replaced (the new content keeps this id and the
   * step's place). In `customize.add`: the new step's id, matching {@link PLAN_CUSTOM_ID_PATTERN}
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
  /** At least one role of the catalogue ({@link PLAN_ROLE_IDS}), without repeats. */
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
   * The metric's id, matching {@link PLAN_CUSTOM_ID_PATTERN} and different from the built-in
   * metric ids ({@link PLAN_METRIC_IDS}) and the other custom KPIs.
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

/** A non-blank text, taken as written. */
const userText = z.string().refine((s) => s.trim() !== '', { message: 'must not be blank' });

const customId = z
  .string()
  .regex(
    new RegExp(PLAN_CUSTOM_ID_PATTERN),
    'must be an id of letters, digits, ".", "_" or "-", starting with a letter or digit, at most 64 characters',
  );

const metricRefs = z.array(customId).optional();

const stepFields = {
  title: userText,
  description: userText,
  tasks: z.array(userText).min(1),
  example: userText.optional(),
  owners: z.array(z.enum(PLAN_ROLE_IDS)).min(1),
  consumes: metricRefs,
  produces: metricRefs,
  kpis: metricRefs,
};

const TARGET_SCHEMAS: Readonly<Record<PlanMetricId, z.ZodType<Decimal, unknown>>> = {
  churnRate: rateSchema,
  retentionRate: rateSchema,
  repeatPurchaseRate: rateSchema,
  positiveReviews: rateSchema,
  averageOrderValue: nonNegativeMoneySchema,
  purchaseFrequency: nonNegativeSchema,
  customerLifetimeValue: nonNegativeMoneySchema,
};

/** The schema of {@link PlanCustomization}, before the checks across fields. @internal */
export const customizationSchema = z.strictObject({
  remove: z.array(z.enum(PLAN_STEP_IDS)).optional(),
  replace: z.array(z.strictObject({ id: z.enum(PLAN_STEP_IDS), ...stepFields })).optional(),
  add: z
    .array(z.strictObject({ id: customId, after: customId.optional(), ...stepFields }))
    .optional(),
  order: z.array(customId).optional(),
  owners: z
    .array(z.strictObject({ step: customId, roles: z.array(z.enum(PLAN_ROLE_IDS)).min(1) }))
    .optional(),
  cadence: z.enum(REVIEW_PERIODS).optional(),
  targets: z
    .strictObject(
      Object.fromEntries(PLAN_METRIC_IDS.map((m) => [m, TARGET_SCHEMAS[m].optional()])) as {
        [M in PlanMetricId]: z.ZodOptional<z.ZodType<Decimal, unknown>>;
      },
    )
    .optional(),
  kpis: z
    .array(
      z.strictObject({
        metric: customId,
        name: userText,
        description: userText,
        unit: z.enum(KPI_UNITS),
        direction: z.enum(KPI_DIRECTIONS),
        baseline: numericSchema.optional(),
        target: numericSchema.optional(),
        steps: z.array(customId).optional(),
      }),
    )
    .optional(),
});

/** A customisation after parsing. @internal */
export type ParsedCustomization = z.output<typeof customizationSchema>;

/** A user's step after parsing. @internal */
export type ParsedStep = NonNullable<ParsedCustomization['add']>[number];

/** A custom KPI after parsing, its values not yet checked against its unit. @internal */
type ParsedKpi = NonNullable<ParsedCustomization['kpis']>[number];

/** Reports a problem at a path (relative to the input's root). */
type Report = (message: string, path: (string | number)[], code?: 'EMPTY_INPUT') => void;

const BUILT_IN_STEPS: ReadonlySet<string> = new Set(PLAN_STEP_IDS);
const BUILT_IN_METRICS: ReadonlySet<string> = new Set(PLAN_METRIC_IDS);
const list = (ids: Iterable<string>): string => [...ids].map((id) => `'${id}'`).join(', ');

/** Reports every repeated value of `values` (the second and later occurrences). */
function noRepeats(
  values: readonly string[],
  report: Report,
  path: (i: number) => (string | number)[],
): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (seen.has(value)) report(`repeats '${value}'`, path(i));
    seen.add(value);
  });
}

/**
 * The ids of the steps of the customised plan, in order, after `remove`, `add` and `order`
 * (`replace` keeps ids and places). Problems are reported, and the arrangement goes on as if the
 * offending entry were not there.
 *
 * @internal
 */
export function arrangeSteps(c: ParsedCustomization, report: Report): string[] {
  const removed = new Set<string>(c.remove ?? []);
  noRepeats(c.remove ?? [], report, (i) => ['customize', 'remove', i]);
  const ids: string[] = PLAN_STEP_IDS.filter((id) => !removed.has(id));

  const replaced = new Set<string>();
  (c.replace ?? []).forEach((step, i) => {
    const path = ['customize', 'replace', i, 'id'];
    if (replaced.has(step.id)) report(`repeats '${step.id}'`, path);
    else if (removed.has(step.id)) {
      report(`is '${step.id}', which customize.remove also removes`, path);
    }
    replaced.add(step.id);
  });

  const added = new Set<string>();
  /** The step last added after each anchor, so that additions after one step keep their order. */
  const lastAfter = new Map<string, string>();
  (c.add ?? []).forEach((step, i) => {
    const path = ['customize', 'add', i];
    if (BUILT_IN_STEPS.has(step.id)) {
      report(
        `is '${step.id}', the id of a built-in step; give the new step its own id, or use customize.replace to change the built-in one`,
        [...path, 'id'],
      );
      return;
    }
    if (added.has(step.id)) {
      report(`repeats '${step.id}', the id of an earlier added step`, [...path, 'id']);
      return;
    }
    let at = ids.length;
    if (step.after !== undefined) {
      if (!ids.includes(step.after)) {
        report(
          `is '${step.after}', which is not a step of the plan at this point (a built-in step that is not removed, or a step added earlier)`,
          [...path, 'after'],
        );
        return;
      }
      at = ids.indexOf(lastAfter.get(step.after) ?? step.after) + 1;
      lastAfter.set(step.after, step.id);
    }
    ids.splice(at, 0, step.id);
    added.add(step.id);
  });

  if (ids.length === 0) {
    report(
      'removes every step and adds none; a plan needs at least one step',
      ['customize', 'remove'],
      'EMPTY_INPUT',
    );
  }

  const order = c.order ?? [];
  const present = new Set(ids);
  const listed = new Set<string>();
  let valid = true;
  order.forEach((id, i) => {
    if (listed.has(id)) {
      report(`repeats '${id}'`, ['customize', 'order', i]);
      valid = false;
    } else if (!present.has(id)) {
      report(`is '${id}', which is not a step of the plan (known: ${list(ids)})`, [
        'customize',
        'order',
        i,
      ]);
      valid = false;
    }
    listed.add(id);
  });
  if (!valid || order.length === 0) return ids;
  const slots = ids.flatMap((id, i) => (listed.has(id) ? [i] : []));
  const arranged = [...ids];
  slots.forEach((slot, k) => {
    arranged[slot] = order[k] as string;
  });
  return arranged;
}

/** Checks a value against a KPI unit's domain; returns the reason when it is outside. */
function outsideUnit(value: Decimal, unit: KpiUnit): string | undefined {
  if (unit === 'rate' && (value.isNegative() || value.gt(1))) {
    return 'must be a rate between 0 and 1 (a fraction, not a percentage)';
  }
  if (unit === 'quantity' && value.isNegative())
    return 'must not be negative (its unit is quantity)';
  return undefined;
}

/**
 * The message when a target points against its KPI's direction, or `undefined`.
 *
 * @internal
 */
export function againstDirection(
  baseline: Decimal,
  target: Decimal,
  direction: KpiDirection,
): string | undefined {
  if (direction === 'decrease' && target.gt(baseline)) {
    return `is ${target.toString()}, above the baseline ${baseline.toString()}, but the KPI should decrease; a target may not be above its baseline`;
  }
  if (direction === 'increase' && target.lt(baseline)) {
    return `is ${target.toString()}, below the baseline ${baseline.toString()}, but the KPI should increase; a target may not be below its baseline`;
  }
  return undefined;
}

/** A custom KPI with its numbers parsed. @internal */
export interface CustomKpi {
  readonly metric: string;
  readonly name: string;
  readonly description: string;
  readonly unit: KpiUnit;
  readonly direction: KpiDirection;
  readonly baseline: Decimal | undefined;
  readonly target: Decimal | undefined;
  readonly steps: readonly string[];
}

/** A custom KPI's baseline or target; a value outside its unit is reported and dropped. */
function kpiValue(
  kpi: ParsedKpi,
  field: 'baseline' | 'target',
  path: (string | number)[],
  report: Report,
): Decimal | undefined {
  const value = kpi[field];
  if (value === undefined) return undefined;
  const reason = outsideUnit(value, kpi.unit);
  if (reason === undefined) return value;
  report(`${reason} (received ${value.toString()})`, [...path, field]);
  return undefined;
}

/**
 * The custom KPIs with their numbers parsed, after checking ids, units, directions and steps.
 *
 * @internal
 */
export function customKpis(
  c: ParsedCustomization,
  steps: readonly string[],
  report: Report,
): CustomKpi[] {
  const present = new Set(steps);
  const seen = new Set<string>();
  return (c.kpis ?? []).map((kpi, i) => {
    const path = ['customize', 'kpis', i];
    if (BUILT_IN_METRICS.has(kpi.metric)) {
      report(
        `is '${kpi.metric}', a built-in metric; give the custom KPI its own id (use customize.targets to change a built-in KPI's target)`,
        [...path, 'metric'],
      );
    } else if (seen.has(kpi.metric)) {
      report(`repeats '${kpi.metric}', the metric of an earlier custom KPI`, [...path, 'metric']);
    }
    seen.add(kpi.metric);
    const baseline = kpiValue(kpi, 'baseline', path, report);
    const target = kpiValue(kpi, 'target', path, report);
    if (baseline !== undefined && target !== undefined) {
      const reason = againstDirection(baseline, target, kpi.direction);
      if (reason !== undefined) report(reason, [...path, 'target']);
    }
    const kpiSteps = kpi.steps ?? [];
    noRepeats(kpiSteps, report, (j) => [...path, 'steps', j]);
    kpiSteps.forEach((step, j) => {
      if (!present.has(step)) {
        report(`is '${step}', which is not a step of the plan (known: ${list(steps)})`, [
          ...path,
          'steps',
          j,
        ]);
      }
    });
    return {
      metric: kpi.metric,
      name: kpi.name,
      description: kpi.description,
      unit: kpi.unit,
      direction: kpi.direction,
      baseline,
      target,
      steps: kpiSteps,
    };
  });
}

/**
 * Checks what the parsed customisation cannot check field by field: step ids and their
 * arrangement, owners, metric references of the user's steps, custom KPIs, and targets against
 * the baselines of `metrics`.
 *
 * @internal
 */
export function checkCustomization(
  c: ParsedCustomization,
  metrics: { readonly [M in PlanMetricId]?: Decimal | undefined },
  report: Report,
): void {
  const steps = arrangeSteps(c, report);
  const present = new Set(steps);
  const custom = customKpis(c, steps, report);
  const metricIds = new Set<string>([...PLAN_METRIC_IDS, ...custom.map((k) => k.metric)]);

  const userSteps: [ParsedStep, (string | number)[]][] = [
    ...(c.replace ?? []).map((s, i): [ParsedStep, (string | number)[]] => [
      s,
      ['customize', 'replace', i],
    ]),
    ...(c.add ?? []).map((s, i): [ParsedStep, (string | number)[]] => [s, ['customize', 'add', i]]),
  ];
  for (const [step, path] of userSteps) {
    noRepeats(step.owners, report, (j) => [...path, 'owners', j]);
    for (const field of ['consumes', 'produces', 'kpis'] as const) {
      const refs = step[field] ?? [];
      noRepeats(refs, report, (j) => [...path, field, j]);
      refs.forEach((metric, j) => {
        if (!metricIds.has(metric)) {
          report(
            `is '${metric}', which is neither a built-in metric nor a custom KPI of customize.kpis (known: ${list(metricIds)})`,
            [...path, field, j],
          );
        }
      });
    }
  }
  custom.forEach((kpi, i) => {
    kpi.steps.forEach((stepId, j) => {
      const own = userSteps.find(([s]) => s.id === stepId)?.[0];
      if (own?.kpis?.includes(kpi.metric) === true) {
        report(`is '${stepId}', whose own kpis already list '${kpi.metric}'`, [
          'customize',
          'kpis',
          i,
          'steps',
          j,
        ]);
      }
    });
  });

  const seen = new Set<string>();
  (c.owners ?? []).forEach((o, i) => {
    const path = ['customize', 'owners', i];
    if (seen.has(o.step)) report(`repeats '${o.step}'`, [...path, 'step']);
    else if (!present.has(o.step)) {
      report(`is '${o.step}', which is not a step of the plan (known: ${list(steps)})`, [
        ...path,
        'step',
      ]);
    }
    seen.add(o.step);
    noRepeats(o.roles, report, (j) => [...path, 'roles', j]);
  });

  for (const metric of PLAN_METRIC_IDS) {
    const target = c.targets?.[metric];
    const baseline = metric === 'positiveReviews' ? undefined : metrics[metric];
    if (target === undefined || baseline === undefined) continue;
    const reason = againstDirection(baseline, target, PLAN_METRIC_DIRECTIONS[metric]);
    if (reason !== undefined) report(reason, ['customize', 'targets', metric]);
  }
}
