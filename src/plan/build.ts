import { parseInput } from '../core/errors.js';
import { D, type Decimal, ONE } from '../core/numeric.js';
import { NO_FIELDS } from '../core/own.js';
import { formatPercent } from '../metrics/format.js';
import { fill, NUMBER_LOCALE } from './catalog/index.js';
import {
  ANALYSIS_METHOD_IDS,
  type CadenceReasonCode,
  PLAN_METRIC_IDS,
  PLAN_ROLE_IDS,
  type PlanCatalog,
  type PlanMetricId,
  type PlanRoleId,
  type PlanStepId,
  TACTIC_SEGMENTS,
} from './catalog/types.js';
import type { CustomKpi } from './customize/kpis.js';
import type { ParsedStep } from './customize/schema.js';
import { type RetentionPlanInput, retentionPlanInputSchema } from './input.js';
import {
  PLAN_FORMAT,
  PLAN_FORMAT_VERSION,
  PLAN_METRIC_DIRECTIONS,
  PLAN_METRIC_UNITS,
  type PlanCadence,
  type PlanKpi,
  type PlanKpiSummary,
  type PlanRole,
  type PlanSegmentTactics,
  type PlanStep,
  type RetentionPlan,
  type ReviewPeriod,
  SNAPSHOT_METRICS,
} from './model.js';
import { prioritiseSegments } from './priority.js';

/** Default relative churn reduction: 5 %. */
export const DEFAULT_CHURN_REDUCTION = '0.05';
/** Default relative growth of repeat-purchase rate, AOV, frequency and CLV: 5 %. */
export const DEFAULT_GROWTH = '0.05';
/** Default crisis threshold: churn above 10 % per period means monthly reviews. */
export const DEFAULT_CRISIS_CHURN_RATE = '0.1';

/** Owners, inputs, outputs and KPIs of each step: the structure, independent of the language. */
const STEP_STRUCTURE: Readonly<
  Record<
    PlanStepId,
    {
      readonly owners: readonly PlanRoleId[];
      readonly consumes: readonly PlanMetricId[];
      readonly produces: readonly PlanMetricId[];
      readonly kpis: readonly PlanMetricId[];
    }
  >
> = {
  'data-collection': {
    owners: ['analysts', 'customer-support', 'account-managers'],
    consumes: [],
    produces: [...SNAPSHOT_METRICS],
    kpis: [],
  },
  segmentation: {
    owners: ['analysts', 'marketing'],
    consumes: ['purchaseFrequency', 'averageOrderValue', 'customerLifetimeValue'],
    produces: [],
    kpis: [],
  },
  'churn-analysis': {
    owners: ['analysts', 'account-managers', 'customer-support', 'product'],
    consumes: ['churnRate', 'retentionRate', 'positiveReviews'],
    produces: [],
    kpis: ['churnRate'],
  },
  strategy: {
    owners: ['top-management', 'marketing', 'product'],
    consumes: ['churnRate', 'customerLifetimeValue', 'averageOrderValue'],
    produces: [],
    kpis: [],
  },
  implementation: {
    owners: ['marketing', 'account-managers', 'customer-support'],
    consumes: [],
    produces: [],
    kpis: ['repeatPurchaseRate', 'averageOrderValue'],
  },
  monitoring: {
    owners: ['analysts', 'top-management'],
    consumes: [],
    produces: [
      'churnRate',
      'retentionRate',
      'repeatPurchaseRate',
      'averageOrderValue',
      'positiveReviews',
    ],
    kpis: [
      'churnRate',
      'retentionRate',
      'repeatPurchaseRate',
      'averageOrderValue',
      'positiveReviews',
    ],
  },
  adjustment: {
    owners: ['top-management', 'marketing', 'product'],
    consumes: ['churnRate', 'retentionRate', 'repeatPurchaseRate', 'averageOrderValue'],
    produces: [],
    kpis: ['churnRate'],
  },
  'team-training': {
    owners: ['hr', 'customer-support', 'account-managers'],
    consumes: ['positiveReviews'],
    produces: [],
    kpis: ['positiveReviews'],
  },
  automation: {
    owners: ['analysts', 'product', 'marketing'],
    consumes: ['purchaseFrequency', 'churnRate'],
    produces: [],
    kpis: ['purchaseFrequency', 'repeatPurchaseRate'],
  },
  're-analysis': {
    owners: ['top-management', 'analysts'],
    consumes: [...SNAPSHOT_METRICS],
    produces: [...SNAPSHOT_METRICS],
    kpis: ['retentionRate', 'customerLifetimeValue'],
  },
};

/**
 * Target of a KPI from its baseline, by the documented rules:
 * - churn rate: `b × (1 − churnReduction)`;
 * - retention rate: `1 − (1 − b) × (1 − churnReduction)` (the loss shrinks by the same relative amount);
 * - repeat-purchase rate: `min(1, b × (1 + growth))`;
 * - average order value, purchase frequency, CLV: `b × (1 + growth)`.
 */
function targetOf(
  metric: PlanMetricId,
  baseline: Decimal,
  churnReduction: Decimal,
  growth: Decimal,
): Decimal {
  switch (metric) {
    case 'churnRate':
      return baseline.times(ONE.minus(churnReduction));
    case 'retentionRate':
      // 1 − (1 − b)(1 − r), written b + r(1 − b) so that rounding to 34 digits never takes it
      // below b (b = 1e-40, r = 0: 1 − b rounds to 1, and 1 − 1 × 1 would give 0).
      return D.min(ONE, baseline.plus(churnReduction.times(ONE.minus(baseline))));
    case 'repeatPurchaseRate':
      return D.min(ONE, baseline.times(ONE.plus(growth)));
    default:
      return baseline.times(ONE.plus(growth));
  }
}

function chooseCadence(
  churn: Decimal | undefined,
  previous: Decimal | undefined,
  crisis: Decimal,
): { every: ReviewPeriod; reasonCode: CadenceReasonCode } {
  if (churn === undefined) return { every: 'quarter', reasonCode: 'no-churn-data' };
  const above = churn.gt(crisis);
  const rising = previous !== undefined && churn.gt(previous);
  if (above && rising) return { every: 'month', reasonCode: 'above-crisis-and-rising' };
  if (above) return { every: 'month', reasonCode: 'above-crisis' };
  if (rising) return { every: 'month', reasonCode: 'rising' };
  if (previous === undefined) return { every: 'quarter', reasonCode: 'below-crisis-no-trend' };
  return { every: 'quarter', reasonCode: 'stable' };
}

/** The tactic texts of a segment, with its figures (`null` without a report). */
function tacticsOf(
  catalog: PlanCatalog,
  segment: PlanSegmentTactics['segment'],
  figures: PlanSegmentTactics['figures'],
): PlanSegmentTactics {
  const t = catalog.segments[segment];
  return { segment, name: t.name, goal: t.goal, tactics: [...t.tactics], figures };
}

/** A user's step, with its texts as given and its KPIs built by `kpiOf`. */
function userStep(id: string, input: ParsedStep, kpiOf: (metric: string) => PlanKpi): PlanStep {
  return {
    id,
    title: input.title,
    description: input.description,
    tasks: [...input.tasks],
    ...(input.example === undefined ? {} : { example: input.example }),
    owners: [...input.owners],
    consumes: [...(input.consumes ?? [])],
    produces: [...(input.produces ?? [])],
    kpis: (input.kpis ?? []).map(kpiOf),
  };
}

/**
 * Builds a retention plan from measured metrics: the ten steps of the plan (data collection,
 * segmentation, churn-cause analysis, strategy, implementation, monitoring, adjustment, team
 * training, automation, re-analysis) with tasks, owners and KPIs, the review cadence with its
 * reason, and tactics for the VIP, new, at-risk and lost segments, in English or Russian.
 *
 * Targets (exact Decimal arithmetic, returned as decimal strings), with `r = churnReduction`
 * (default 0.05) and `g = growth` (default 0.05):
 * - churn rate: `b × (1 − r)`; retention rate: `1 − (1 − b) × (1 − r)`;
 * - repeat-purchase rate: `min(1, b × (1 + g))`; AOV, purchase frequency, CLV: `b × (1 + g)`;
 * - a metric without a baseline has `target: null`; positive reviews never have one here;
 * - `customize.targets` replaces a derived target (each on its own: overriding churn's target
 *   does not change retention's).
 *
 * Cadence: monthly when `churnRate > crisisChurnRate` (default 0.1 per period) or
 * `churnRate > previousChurnRate`; otherwise quarterly (never less often). Without a churn rate
 * the plan is quarterly and says to measure churn first. Equal values are not "above" or "rising".
 * With `customize.cadence` the plan uses that cadence, with `reasonCode: 'override'` and a sentence
 * that also names the cadence the rule would have chosen.
 *
 * Segment priority: with a `segmentReport`, the tactics are ordered by the segment's share of
 * revenue (largest first: the most money at stake), ties broken by the share of customers (largest
 * first), then by the catalogue order vip, new, at-risk, lost; each carries the segment's
 * `figures` (customers, and shares and revenue as exact strings) and the plan a
 * `segmentPriorityNote`. Without a report the order is the catalogue's and `figures` is `null`.
 *
 * Customisation (`customize`, see {@link PlanCustomization}) applies `remove`, `replace`, `add`
 * and `order` to the steps, then new `owners`, the `cadence`, `targets` and custom `kpis`. The
 * user's texts are used as written. Roles are those owning at least one step, in catalogue order.
 *
 * The result is plain JSON, and the same input always gives a deep-equal plan. The input is not
 * changed.
 *
 * @param input - `locale` (a tag of English, or a language pack such as `ru` from
 *   `retention-metrics/locale/ru`), and optionally `metrics`, `options`, `period`, `segmentReport` and
 *   `customize`.
 * @returns The {@link RetentionPlan}.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when the locale is neither a BCP 47 tag of
 *   English (`'en'`, `'en-GB'`) nor a {@link PlanLanguagePack} with every text (a tag of Russian
 *   such as `'ru-RU'` is refused with a message saying to import `ru` from
 *   `retention-metrics/locale/ru` and pass it as the locale), a field is unknown, a rate is outside [0, 1], or an amount is negative or not a number; when the
 *   period's dates are not ISO dates or `end` is not after `start`; when the segment report lacks
 *   or repeats a row of the vip, new, at-risk or lost segment; when a customisation names an
 *   unknown step, role or metric, repeats an id, adds a step with a built-in or taken id, gives a
 *   blank text, or sets a target outside its metric's domain or against its direction from the
 *   baseline (e.g. churn 0.12 with a target of 0.15). The message and `field` name the offending
 *   value, e.g. `customize.remove[1]`.
 * @throws {RetentionMetricsError} `EMPTY_INPUT` when a user's step has no tasks or no owners, or the
 *   customisation removes every step and adds none.
 *
 * @example
 * ```ts
 * import { buildRetentionPlan } from 'retention-metrics';
 * const plan = buildRetentionPlan({ locale: 'en', metrics: { churnRate: '0.12' } });
 * plan.steps.map((step) => step.id)[2]; // => 'churn-analysis'
 * const churn = plan.kpis.find((kpi) => kpi.metric === 'churnRate');
 * [churn?.baseline, churn?.target, churn?.direction]; // => ['0.12', '0.114', 'decrease']
 * plan.cadence.every; // => 'month'
 * plan.cadence.reasonCode; // => 'above-crisis'
 * plan.measureFirst[0]; // => 'retentionRate'
 * buildRetentionPlan({ locale: 'en-GB' }).locale; // => 'en'
 * buildRetentionPlan({ locale: 'de' }); // => throws INVALID_INPUT
 * ```
 *
 * @example
 * ```ts
 * import { buildRetentionPlan } from 'retention-metrics';
 * const plan = buildRetentionPlan({
 *   locale: 'en',
 *   metrics: { churnRate: '0.12' },
 *   period: { start: '2025-01-01', end: '2025-03-31' },
 *   customize: {
 *     remove: ['team-training', 'automation'],
 *     add: [{ id: 'pilot', after: 'strategy', title: 'Pilot in one region', description: 'Try the measures in one region first.', tasks: ['Pick the region.'], owners: ['marketing'], kpis: ['nps'] }],
 *     order: ['re-analysis', 'data-collection'],
 *     cadence: 'quarter',
 *     targets: { churnRate: '0.1' },
 *     kpis: [{ metric: 'nps', name: 'Net promoter score', description: 'Promoters minus detractors.', unit: 'score', direction: 'increase', baseline: 12, target: 20 }],
 *   },
 * });
 * plan.steps.map((step) => step.id); // => ['re-analysis', 'segmentation', 'churn-analysis', 'strategy', 'pilot', 'implementation', 'monitoring', 'adjustment', 'data-collection']
 * [plan.cadence.every, plan.cadence.reasonCode]; // => ['quarter', 'override']
 * plan.kpis.find((kpi) => kpi.metric === 'churnRate')?.target; // => '0.1'
 * plan.kpis.at(-1)?.name; // => 'Net promoter score'
 * plan.period; // => { start: '2025-01-01', end: '2025-03-31' }
 * buildRetentionPlan({ locale: 'en', customize: { remove: ['strategy', 'launch'] } }); // => throws INVALID_INPUT
 * buildRetentionPlan({ locale: 'en', metrics: { churnRate: '0.12' }, customize: { targets: { churnRate: '0.15' } } }); // => throws INVALID_INPUT
 * ```
 * @category Plan
 */
export function buildRetentionPlan(input: RetentionPlanInput): RetentionPlan {
  const v = parseInput('buildRetentionPlan', retentionPlanInputSchema, input);
  const { language, texts: catalog } = v.locale;
  const metrics = v.metrics ?? NO_FIELDS;
  const custom = v.customize ?? NO_FIELDS;
  const churnReduction = v.options?.churnReduction ?? new D(DEFAULT_CHURN_REDUCTION);
  const growth = v.options?.growth ?? new D(DEFAULT_GROWTH);
  const crisis = v.options?.crisisChurnRate ?? new D(DEFAULT_CRISIS_CHURN_RATE);

  // The schema has checked the customisation and arranged the steps and custom KPIs.
  const { stepIds, customKpis: extraKpis } = v.arranged;

  const builtInKpi = (metric: PlanMetricId): PlanKpi => {
    const baseline = metric === 'positiveReviews' ? undefined : metrics[metric];
    const target =
      custom.targets?.[metric] ??
      (baseline === undefined ? undefined : targetOf(metric, baseline, churnReduction, growth));
    return {
      metric,
      unit: PLAN_METRIC_UNITS[metric],
      baseline: baseline === undefined ? null : baseline.toString(),
      target: target === undefined ? null : target.toString(),
      direction: PLAN_METRIC_DIRECTIONS[metric],
    };
  };
  const customKpi = (kpi: CustomKpi): PlanKpi => ({
    metric: kpi.metric,
    unit: kpi.unit,
    baseline: kpi.baseline === undefined ? null : kpi.baseline.toString(),
    target: kpi.target === undefined ? null : kpi.target.toString(),
    direction: kpi.direction,
  });
  const customByMetric = new Map(extraKpis.map((k) => [k.metric, k]));
  const builtInMetrics: ReadonlySet<string> = new Set(PLAN_METRIC_IDS);
  const kpiOf = (metric: string): PlanKpi =>
    builtInMetrics.has(metric)
      ? builtInKpi(metric as PlanMetricId)
      : customKpi(customByMetric.get(metric) as CustomKpi);

  const builtInStep = (id: PlanStepId): PlanStep => {
    const text = catalog.steps[id];
    const structure = STEP_STRUCTURE[id];
    const step: PlanStep = {
      id,
      title: text.title,
      description: text.description,
      tasks: [...text.tasks],
      example: text.example,
      owners: [...structure.owners],
      consumes: [...structure.consumes],
      produces: [...structure.produces],
      kpis: structure.kpis.map(kpiOf),
    };
    if (id !== 'churn-analysis') return step;
    return {
      ...step,
      methods: ANALYSIS_METHOD_IDS.map((method) => {
        const m = catalog.methods[method];
        return {
          id: method,
          name: m.name,
          pros: [...m.pros],
          cons: [...m.cons],
          example: m.example,
        };
      }),
    };
  };

  const replacements = new Map<string, ParsedStep>((custom.replace ?? []).map((s) => [s.id, s]));
  const additions = new Map<string, ParsedStep>((custom.add ?? []).map((s) => [s.id, s]));
  const owners = new Map((custom.owners ?? []).map((o) => [o.step, o.roles]));
  const steps: PlanStep[] = stepIds.map((id) => {
    const given = replacements.get(id) ?? additions.get(id);
    // An id that is neither replaced nor added is a built-in step's (see arrangeSteps).
    let step = given === undefined ? builtInStep(id as PlanStepId) : userStep(id, given, kpiOf);
    const attached = extraKpis.filter((k) => k.steps.includes(id)).map(customKpi);
    const newOwners = owners.get(id);
    if (attached.length > 0) step = { ...step, kpis: [...step.kpis, ...attached] };
    if (newOwners !== undefined) step = { ...step, owners: [...newOwners] };
    return step;
  });

  const usedRoles = new Set(steps.flatMap((s) => s.owners));
  const roles: PlanRole[] = PLAN_ROLE_IDS.filter((id) => usedRoles.has(id)).map((id) => ({
    id,
    ...catalog.roles[id],
  }));

  const kpis: PlanKpiSummary[] = [
    ...PLAN_METRIC_IDS.map((metric) => ({
      ...builtInKpi(metric),
      name: catalog.kpis[metric].name,
      description: catalog.kpis[metric].description,
    })),
    ...extraKpis.map((k) => ({ ...customKpi(k), name: k.name, description: k.description })),
  ];

  const measureFirst = SNAPSHOT_METRICS.filter((m) => metrics[m] === undefined);

  const numberLocale = NUMBER_LOCALE[language];
  // Shown as written when it has at most one decimal as a percentage (12.5 %), else rounded to one.
  const percent = (value: Decimal | undefined): string => {
    if (value === undefined) return '';
    const long = value.times(100).decimalPlaces() > 1;
    return long
      ? formatPercent(value, { locale: numberLocale, decimals: 1, rounding: 'half-even' })
      : formatPercent(value, { locale: numberLocale });
  };
  const chosen = chooseCadence(metrics.churnRate, metrics.previousChurnRate, crisis);
  const cadence: PlanCadence =
    custom.cadence === undefined
      ? {
          ...chosen,
          reason: fill(catalog.cadence.reasons[chosen.reasonCode], {
            churn: percent(metrics.churnRate),
            previous: percent(metrics.previousChurnRate),
            threshold: percent(crisis),
          }),
        }
      : {
          every: custom.cadence,
          reasonCode: 'override',
          reason: fill(catalog.cadence.reasons.override, {
            every: catalog.cadence[custom.cadence],
            rule: catalog.cadence[chosen.every],
          }),
        };

  const segments: PlanSegmentTactics[] =
    v.segmentReport === undefined
      ? TACTIC_SEGMENTS.map((segment) => tacticsOf(catalog, segment, null))
      : prioritiseSegments(v.segmentReport).map(({ segment, figures }) =>
          tacticsOf(catalog, segment, figures),
        );

  return {
    format: PLAN_FORMAT,
    version: PLAN_FORMAT_VERSION,
    locale: language,
    title: catalog.plan.title,
    period: v.period === undefined ? null : { start: v.period.start, end: v.period.end },
    steps,
    roles,
    kpis,
    cadence,
    segments,
    segmentPriorityNote: v.segmentReport === undefined ? null : catalog.plan.segmentPriority,
    measureFirst,
    measureFirstNote: measureFirst.length === 0 ? null : catalog.plan.measureFirst,
    options: {
      churnReduction: churnReduction.toString(),
      growth: growth.toString(),
      crisisChurnRate: crisis.toString(),
    },
  };
}
