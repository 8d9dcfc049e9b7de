import { z } from 'zod';
import { parseInput } from '../core/errors.js';
import { D, type Decimal, type Numeric, ONE } from '../core/numeric.js';
import { nonNegativeMoneySchema, nonNegativeSchema, rateSchema } from '../core/schemas.js';
import { formatPercent } from '../metrics/format.js';
import { en } from './catalog/en.js';
import { ru } from './catalog/ru.js';
import {
  ANALYSIS_METHOD_IDS,
  type AnalysisMethodId,
  type CadenceReasonCode,
  PLAN_METRIC_IDS,
  PLAN_STEP_IDS,
  type PlanCatalog,
  type PlanMetricId,
  type PlanRoleId,
  type PlanStepId,
  TACTIC_SEGMENTS,
  type TacticSegment,
} from './catalog/types.js';

/**
 * The languages a plan can be written in.
 *
 * @category Plan
 */
export const PLAN_LOCALES = ['en', 'ru'] as const;

/** A language a plan can be written in. */
export type PlanLocale = (typeof PLAN_LOCALES)[number];

/**
 * The directions a KPI can aim at: down (churn) or up (everything else).
 *
 * @category Plan
 */
export const KPI_DIRECTIONS = ['decrease', 'increase'] as const;

/**
 * How often a plan can be reviewed: every month or every quarter (never less often).
 *
 * @category Plan
 */
export const REVIEW_PERIODS = ['month', 'quarter'] as const;

/** How often a plan is reviewed. */
export type ReviewPeriod = (typeof REVIEW_PERIODS)[number];

/**
 * The KPI metrics that are rates (fractions in [0, 1], shown as percentages); the others are
 * amounts of money (AOV, CLV) or counts per customer (purchase frequency).
 *
 * @category Plan
 */
export const PLAN_RATE_METRICS = [
  'churnRate',
  'retentionRate',
  'repeatPurchaseRate',
  'positiveReviews',
] as const satisfies readonly PlanMetricId[];

const CATALOGS: Readonly<Record<PlanLocale, PlanCatalog>> = { en, ru };
const NUMBER_LOCALE: Readonly<Record<PlanLocale, string>> = { en: 'en-US', ru: 'ru-RU' };

/**
 * A snapshot of measured metrics, as returned by the library's metric functions (`Decimal`,
 * `number` or decimal string). Every field is optional; rates are fractions (0.12, not 12).
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
  /** Orders per customer in the period, non-negative. */
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
  /** The language of every text of the plan. */
  readonly locale: PlanLocale;
  /** Measured metrics; without them KPIs have no baseline and the plan says what to measure. */
  readonly metrics?: PlanMetricsSnapshot;
  readonly options?: RetentionPlanOptions;
}

/** Whether a KPI should go down or up. */
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

/** A KPI of a plan step: the metric, its measured baseline and its target (exact decimal strings). */
export interface PlanKpi {
  readonly metric: PlanMetricId;
  /** The measured value, as an exact decimal string; `null` when not measured. */
  readonly baseline: string | null;
  /** The target, as an exact decimal string; `null` when there is no baseline to derive it from. */
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
  readonly id: PlanStepId;
  readonly title: string;
  readonly description: string;
  readonly tasks: readonly string[];
  readonly example: string;
  /** The roles responsible for the step. */
  readonly owners: readonly PlanRoleId[];
  /** Metrics the step needs as input. */
  readonly consumes: readonly PlanMetricId[];
  /** Metrics the step measures or updates. */
  readonly produces: readonly PlanMetricId[];
  /** KPIs that show whether the step works. */
  readonly kpis: readonly PlanKpi[];
  /** Present on the `churn-analysis` step only: the methods of finding churn causes. */
  readonly methods?: readonly PlanAnalysisMethod[];
}

/** A role of the plan. */
export interface PlanRole {
  readonly id: PlanRoleId;
  readonly name: string;
  readonly responsibility: string;
}

/** The tactics for one customer segment. */
export interface PlanSegmentTactics {
  readonly segment: TacticSegment;
  readonly name: string;
  readonly goal: string;
  readonly tactics: readonly string[];
}

/** How often the plan is reviewed, and why. */
export interface PlanCadence {
  readonly every: ReviewPeriod;
  readonly reasonCode: CadenceReasonCode;
  /** One sentence in the plan's language explaining the choice. */
  readonly reason: string;
}

/** A retention plan: plain JSON data (strings, numbers, arrays, objects, `null`). */
export interface RetentionPlan {
  readonly locale: PlanLocale;
  readonly title: string;
  readonly steps: readonly PlanStep[];
  readonly roles: readonly PlanRole[];
  readonly kpis: readonly PlanKpiSummary[];
  readonly cadence: PlanCadence;
  readonly segments: readonly PlanSegmentTactics[];
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

/** Default relative churn reduction: 5 %. */
export const DEFAULT_CHURN_REDUCTION = '0.05';
/** Default relative growth of repeat-purchase rate, AOV, frequency and CLV: 5 %. */
export const DEFAULT_GROWTH = '0.05';
/** Default crisis threshold: churn above 10 % per period means monthly reviews. */
export const DEFAULT_CRISIS_CHURN_RATE = '0.1';

const inputSchema = z.strictObject({
  locale: z.enum(PLAN_LOCALES),
  metrics: z
    .strictObject({
      churnRate: rateSchema.optional(),
      previousChurnRate: rateSchema.optional(),
      retentionRate: rateSchema.optional(),
      averageOrderValue: nonNegativeMoneySchema.optional(),
      purchaseFrequency: nonNegativeSchema.optional(),
      repeatPurchaseRate: rateSchema.optional(),
      customerLifetimeValue: nonNegativeMoneySchema.optional(),
    })
    .optional(),
  options: z
    .strictObject({
      churnReduction: rateSchema.optional(),
      growth: nonNegativeSchema.optional(),
      crisisChurnRate: rateSchema.optional(),
    })
    .optional(),
});

/** The metrics a snapshot can carry, in the order they should be measured. */
const SNAPSHOT_METRICS = [
  'churnRate',
  'retentionRate',
  'repeatPurchaseRate',
  'averageOrderValue',
  'purchaseFrequency',
  'customerLifetimeValue',
] as const satisfies readonly PlanMetricId[];

const DIRECTION: Readonly<Record<PlanMetricId, KpiDirection>> = {
  churnRate: 'decrease',
  retentionRate: 'increase',
  repeatPurchaseRate: 'increase',
  averageOrderValue: 'increase',
  purchaseFrequency: 'increase',
  customerLifetimeValue: 'increase',
  positiveReviews: 'increase',
};

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

/** Replaces `{name}` placeholders with `values[name]`. */
function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

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
  const keep = ONE.minus(churnReduction);
  switch (metric) {
    case 'churnRate':
      return baseline.times(keep);
    case 'retentionRate':
      return ONE.minus(ONE.minus(baseline).times(keep));
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
 * - a metric without a baseline has `target: null`; positive reviews never have one here.
 *
 * Cadence: monthly when `churnRate > crisisChurnRate` (default 0.1 per period) or
 * `churnRate > previousChurnRate`; otherwise quarterly (never less often). Without a churn rate
 * the plan is quarterly and says to measure churn first. Equal values are not "above" or "rising".
 *
 * The result is plain JSON, and the same input always gives a deep-equal plan.
 *
 * @param input - `locale`, an optional `metrics` snapshot and optional `options`.
 * @returns The {@link RetentionPlan}.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when the locale is not `'en'` or `'ru'`, a
 *   field is unknown, a rate is outside [0, 1], or an amount is negative or not a number.
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
 * buildRetentionPlan({ locale: 'de' }); // => throws INVALID_INPUT
 * ```
 * @category Plan
 */
export function buildRetentionPlan(input: RetentionPlanInput): RetentionPlan {
  const v = parseInput('buildRetentionPlan', inputSchema, input);
  const catalog = CATALOGS[v.locale];
  const metrics = v.metrics ?? {};
  const churnReduction = v.options?.churnReduction ?? new D(DEFAULT_CHURN_REDUCTION);
  const growth = v.options?.growth ?? new D(DEFAULT_GROWTH);
  const crisis = v.options?.crisisChurnRate ?? new D(DEFAULT_CRISIS_CHURN_RATE);

  const kpiOf = (metric: PlanMetricId): PlanKpi => {
    const baseline = metric === 'positiveReviews' ? undefined : metrics[metric];
    return {
      metric,
      baseline: baseline === undefined ? null : baseline.toString(),
      target:
        baseline === undefined
          ? null
          : targetOf(metric, baseline, churnReduction, growth).toString(),
      direction: DIRECTION[metric],
    };
  };

  const steps: PlanStep[] = PLAN_STEP_IDS.map((id) => {
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
  });

  const usedRoles = new Set(steps.flatMap((s) => s.owners));
  const roles: PlanRole[] = (Object.keys(catalog.roles) as PlanRoleId[])
    .filter((id) => usedRoles.has(id))
    .map((id) => ({ id, ...catalog.roles[id] }));

  const kpis: PlanKpiSummary[] = PLAN_METRIC_IDS.map((metric) => ({
    ...kpiOf(metric),
    name: catalog.kpis[metric].name,
    description: catalog.kpis[metric].description,
  }));

  const measureFirst = SNAPSHOT_METRICS.filter((m) => metrics[m] === undefined);

  const numberLocale = NUMBER_LOCALE[v.locale];
  // Shown as written when it has at most one decimal as a percentage (12.5 %), else rounded to one.
  const percent = (value: Decimal | undefined): string => {
    if (value === undefined) return '';
    const long = value.times(100).decimalPlaces() > 1;
    return long
      ? formatPercent(value, { locale: numberLocale, decimals: 1, rounding: 'half-even' })
      : formatPercent(value, { locale: numberLocale });
  };
  const chosen = chooseCadence(metrics.churnRate, metrics.previousChurnRate, crisis);
  const cadence: PlanCadence = {
    ...chosen,
    reason: fill(catalog.cadence.reasons[chosen.reasonCode], {
      churn: percent(metrics.churnRate),
      previous: percent(metrics.previousChurnRate),
      threshold: percent(crisis),
    }),
  };

  const segments: PlanSegmentTactics[] = TACTIC_SEGMENTS.map((segment) => {
    const t = catalog.segments[segment];
    return { segment, name: t.name, goal: t.goal, tactics: [...t.tactics] };
  });

  return {
    locale: v.locale,
    title: catalog.plan.title,
    steps,
    roles,
    kpis,
    cadence,
    segments,
    measureFirst,
    measureFirstNote: measureFirst.length === 0 ? null : catalog.plan.measureFirst,
    options: {
      churnReduction: churnReduction.toString(),
      growth: growth.toString(),
      crisisChurnRate: crisis.toString(),
    },
  };
}
