import * as z from 'zod/mini';
import { decimalExponent } from '../core/decimal-internals.js';
import { parseInput } from '../core/errors.js';
import { DECIMAL_STRING_PATTERN } from '../core/numeric.js';
import { addIssue, strictObject } from '../core/schemas.js';
import {
  ANALYSIS_METHOD_IDS,
  CADENCE_REASON_CODES,
  PLAN_METRIC_IDS,
  PLAN_ROLE_IDS,
  type PlanMetricId,
  TACTIC_SEGMENTS,
} from './catalog/types.js';
import { noRepeats } from './customize/report.js';
import { checkPlanConsistency } from './internal/consistency.js';
import { isoDateSchema, planDecimal, planIdSchema } from './internal/schemas.js';
import { migrateStoredPlan } from './migrate.js';
import {
  KPI_DIRECTIONS,
  KPI_UNITS,
  type KpiUnit,
  MAX_PLAN_GROWTH,
  MAX_PLAN_TEXT_LENGTH,
  MAX_PLAN_VALUE_EXPONENT,
  PLAN_CUSTOM_ID_PATTERN,
  PLAN_FORMAT,
  PLAN_FORMAT_VERSION,
  PLAN_LOCALES,
  PLAN_METRIC_DIRECTIONS,
  PLAN_METRIC_UNITS,
  type PlanKpi,
  REVIEW_PERIODS,
  type RetentionPlan,
} from './model.js';

/** A text shown to a reader: a non-empty string of at most {@link MAX_PLAN_TEXT_LENGTH} units. */
const text = z.string().check(
  z.minLength(1),
  z.refine((s) => s.length <= MAX_PLAN_TEXT_LENGTH, {
    message: `must be at most ${MAX_PLAN_TEXT_LENGTH} characters long`,
  }),
);

/** An exact decimal string as written by `Decimal#toString()` (`'0.114'`, `'1e-45'`). */
const decimalString = z
  .string()
  .check(z.regex(new RegExp(DECIMAL_STRING_PATTERN), 'must be a decimal string'));

/** A built-in id or a custom one (a step id, a KPI metric). */
const id = planIdSchema;

const BUILT_IN_METRICS: ReadonlySet<string> = new Set(PLAN_METRIC_IDS);

const kpiFields = {
  metric: id,
  unit: z.enum(KPI_UNITS),
  /** `null` when the metric was not measured. */
  baseline: z.nullable(decimalString),
  /** `null` when there is no baseline to derive it from and no target was set. */
  target: z.nullable(decimalString),
  direction: z.enum(KPI_DIRECTIONS),
};

/**
 * The exponent bound of a baseline (below 10^50) and of a target (below 10^54: a baseline grown
 * by at most {@link MAX_PLAN_GROWTH}).
 */
const VALUE_EXPONENT = { baseline: MAX_PLAN_VALUE_EXPONENT, target: MAX_PLAN_VALUE_EXPONENT + 4 };

/**
 * A built-in metric has its own unit and direction; baselines and targets are within
 * `VALUE_EXPONENT` and lie in their unit's domain: rates are fractions in
 * [0, 1], quantities are non-negative, scores may be negative.
 */
function kpiValuesInRange(kpi: PlanKpi, ctx: z.core.$RefinementCtx): void {
  if (BUILT_IN_METRICS.has(kpi.metric)) {
    const metric = kpi.metric as PlanMetricId;
    const unit: KpiUnit = PLAN_METRIC_UNITS[metric];
    const direction = PLAN_METRIC_DIRECTIONS[metric];
    if (kpi.unit !== unit) addIssue(ctx, `must be '${unit}' for '${metric}'`, ['unit']);
    if (kpi.direction !== direction) {
      addIssue(ctx, `must be '${direction}' for '${metric}'`, ['direction']);
    }
  }
  for (const field of ['baseline', 'target'] as const) {
    const value = kpi[field];
    if (value === null) continue;
    const d = planDecimal(value);
    if (d === undefined) continue; // not a decimal string: reported by its own check
    if (!d.isFinite() || decimalExponent(d) >= VALUE_EXPONENT[field]) {
      addIssue(
        ctx,
        `is too large: a ${field} is below 1e${VALUE_EXPONENT[field]} in absolute value (received "${value}")`,
        [field],
      );
    } else if (kpi.unit !== 'score' && d.isNegative()) {
      addIssue(ctx, `must not be negative (received "${value}")`, [field]);
    } else if (kpi.unit === 'rate' && d.gt(1)) {
      addIssue(
        ctx,
        `must be a rate between 0 and 1, a fraction and not a percentage (received "${value}")`,
        [field],
      );
    }
  }
}

const kpiSchema = strictObject(kpiFields).check(z.superRefine(kpiValuesInRange));

const kpiSummarySchema = strictObject({ ...kpiFields, name: text, description: text }).check(
  z.superRefine(kpiValuesInRange),
);

const methodSchema = strictObject({
  id: z.enum(ANALYSIS_METHOD_IDS),
  name: text,
  pros: z.array(text),
  cons: z.array(text),
  example: text,
});

const stepSchema = strictObject({
  id,
  title: text,
  description: text,
  tasks: z.array(text),
  // Absent (not `undefined`) on a user's step without one: JSON has no `undefined`.
  example: z.optional(text),
  owners: z.array(z.enum(PLAN_ROLE_IDS)),
  consumes: z.array(id),
  produces: z.array(id),
  kpis: z.array(kpiSchema),
  // Absent (not `undefined`) on every step but `churn-analysis`.
  methods: z.optional(z.array(methodSchema)),
});

const roleSchema = strictObject({
  id: z.enum(PLAN_ROLE_IDS),
  name: text,
  responsibility: text,
});

/** A decimal string in [0, max] (max omitted: no upper bound). */
function boundedDecimal(max?: number) {
  return decimalString.check(
    z.refine(
      (value) => {
        const d = planDecimal(value);
        return d === undefined || (!d.isNegative() && (max === undefined || d.lte(max)));
      },
      { message: max === undefined ? 'must not be negative' : `must be between 0 and ${max}` },
    ),
  );
}

const segmentSchema = strictObject({
  segment: z.enum(TACTIC_SEGMENTS),
  name: text,
  goal: text,
  tactics: z.array(text),
  figures: z.nullable(
    strictObject({
      customers: z.number().check(z.int(), z.minimum(0)),
      customerShare: boundedDecimal(1),
      revenue: boundedDecimal(),
      revenueShare: boundedDecimal(1),
    }),
  ),
});

const cadenceSchema = strictObject({
  every: z.enum(REVIEW_PERIODS),
  reasonCode: z.enum(CADENCE_REASON_CODES),
  reason: text,
});

/** The schema of a plan of the current format version, checked across its fields. */
const currentPlanSchema = strictObject({
  format: z.literal(PLAN_FORMAT),
  version: z.literal(PLAN_FORMAT_VERSION),
  locale: z.enum(PLAN_LOCALES),
  title: text,
  period: z.nullable(strictObject({ start: isoDateSchema, end: isoDateSchema })),
  steps: z.array(stepSchema),
  roles: z.array(roleSchema),
  kpis: z.array(kpiSummarySchema),
  cadence: cadenceSchema,
  segments: z.array(segmentSchema),
  segmentPriorityNote: z.nullable(text),
  measureFirst: z.array(z.enum(PLAN_METRIC_IDS)),
  measureFirstNote: z.nullable(text),
  options: strictObject({
    churnReduction: boundedDecimal(1),
    growth: boundedDecimal(MAX_PLAN_GROWTH),
    crisisChurnRate: boundedDecimal(1),
  }),
}).check(
  z.superRefine((plan, ctx) => {
    // The same id twice in a list the plan looks things up in: the second one is reported.
    const report = (message: string, path: (string | number)[]) =>
      addIssue(ctx, `${message}; ids must be unique`, path);
    const lists: readonly [string, string, readonly string[]][] = [
      ['steps', 'id', plan.steps.map((s) => s.id)],
      ['roles', 'id', plan.roles.map((r) => r.id)],
      ['kpis', 'metric', plan.kpis.map((k) => k.metric)],
      ['segments', 'segment', plan.segments.map((s) => s.segment)],
    ];
    for (const [list, field, ids] of lists) noRepeats(ids, report, (i) => [list, i, field]);
    if (plan.period !== null && plan.period.start >= plan.period.end) {
      addIssue(ctx, `is '${plan.period.end}', which is not after period.start`, ['period', 'end']);
    }
    const metrics = new Set(plan.kpis.map((k) => k.metric));
    const roles = new Set(plan.roles.map((r) => r.id));
    plan.steps.forEach((step, i) => {
      for (const field of ['consumes', 'produces'] as const) {
        step[field].forEach((metric, j) => {
          if (!metrics.has(metric)) {
            addIssue(ctx, `is '${metric}', which is not one of the plan's KPIs`, [
              'steps',
              i,
              field,
              j,
            ]);
          }
        });
      }
      step.kpis.forEach((kpi, j) => {
        if (!metrics.has(kpi.metric)) {
          addIssue(ctx, `is '${kpi.metric}', which is not one of the plan's KPIs`, [
            'steps',
            i,
            'kpis',
            j,
            'metric',
          ]);
        }
      });
      step.owners.forEach((owner, j) => {
        if (!roles.has(owner)) {
          addIssue(ctx, `is '${owner}', which is not one of the plan's roles`, [
            'steps',
            i,
            'owners',
            j,
          ]);
        }
      });
    });
    checkPlanConsistency(plan as RetentionPlan, (message, path) => addIssue(ctx, message, path));
  }),
);

/**
 * The zod schema of a {@link RetentionPlan} in its JSON form, exactly as
 * {@link buildRetentionPlan} returns it and `JSON.parse(JSON.stringify(plan))` gives it back:
 * strict objects (an unknown field is an error); the role, method, segment and cadence-reason ids
 * of the catalogue as enums; step ids and KPI metrics as ids matching
 * {@link PLAN_CUSTOM_ID_PATTERN}, so that customised plans (custom steps, custom KPIs) validate too;
 * baselines, targets, segment figures and options as exact decimal strings (or `null` when not
 * measured); the period as ISO dates or `null`. It does not transform anything: the output is the
 * input, so a validated plan can be rendered or stored again as it is.
 *
 * Besides the shape it checks what a reader of the plan relies on:
 * - step ids, role ids, KPI metrics of the plan and segments are unique;
 * - every owner of a step is one of the plan's `roles` (so it has a name), and every metric a step
 *   consumes, produces or tracks is one of the plan's `kpis`;
 * - a built-in KPI metric has its own unit and direction ({@link PLAN_METRIC_UNITS},
 *   {@link PLAN_METRIC_DIRECTIONS});
 * - baselines and targets have at most 100 integer digits and lie in their unit's domain: rates
 *   are fractions in [0, 1], quantities are non-negative, scores may be negative;
 * - the period ends after it starts;
 * - `options.churnReduction` and `options.crisisChurnRate` are in [0, 1] and `options.growth` is
 *   non-negative.
 *
 * Its JSON Schema (draft 2020-12) is `toJsonSchema(retentionPlanSchema)` (`toJsonSchema` is in
 * the `retention-metrics/json-schema` entry); it describes the shape,
 * the enums and the decimal-string pattern, not the cross-field checks above.
 *
 * Use {@link validateRetentionPlan} to get a {@link RetentionMetricsError} instead of zod's error.
 *
 * @example
 * ```ts
 * import { buildRetentionPlan, retentionPlanSchema } from 'retention-metrics';
 * import { toJsonSchema } from 'retention-metrics/json-schema';
 * import { ru } from 'retention-metrics/locale/ru';
 * const stored = JSON.stringify(buildRetentionPlan({ locale: ru }));
 * retentionPlanSchema.safeParse(JSON.parse(stored)).success; // => true
 * retentionPlanSchema.safeParse({ locale: 'ru' }).success; // => false
 * toJsonSchema(retentionPlanSchema).$schema; // => 'https://json-schema.org/draft/2020-12/schema'
 * ```
 * @category Plan
 */
export const retentionPlanSchema = z.pipe(
  z.transform((value: unknown, ctx) => {
    const migrated = migrateStoredPlan(value, ({ message, path }) => {
      ctx.issues.push({
        code: 'custom',
        message,
        path,
        input: value,
        params: { code: 'INVALID_INPUT' },
      });
    });
    return migrated;
  }),
  currentPlanSchema,
);

/**
 * Parses `value` as a plan for the function `fn`, so that its errors name that function.
 *
 * @internal
 */
export function parseRetentionPlan(fn: string, value: unknown): RetentionPlan {
  // `example` and `methods` are optional (an omitted field and `undefined` alike); the plan's
  // readers test them with `!== undefined`.
  return parseInput(fn, retentionPlanSchema, value, 'plan') as RetentionPlan;
}

/**
 * Checks that `plan` is a {@link RetentionPlan} (for example one read back from storage or
 * received in a request) with {@link retentionPlanSchema}, and returns it typed. Nothing is
 * converted or filled in: the result is deep-equal to `plan`.
 *
 * @param plan - A plan in its JSON form, e.g. `JSON.parse(stored)`.
 * @returns The same plan, typed as a {@link RetentionPlan}.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when a field is missing, unknown or of the
 *   wrong type, an id is not one of the catalogue's, an id repeats, a step owner is not among the
 *   plan's roles, or a baseline, target or option is not a decimal string in its range. The
 *   message and `field` name the first offending value, e.g. `steps[3].title`.
 *
 * @example
 * ```ts
 * import { buildRetentionPlan, validateRetentionPlan } from 'retention-metrics';
 * const stored = JSON.parse(JSON.stringify(buildRetentionPlan({ locale: 'en' })));
 * validateRetentionPlan(stored).steps.length; // => 10
 * validateRetentionPlan({ ...stored, locale: 'de' }); // => throws INVALID_INPUT
 * try {
 *   validateRetentionPlan({ ...stored, title: 42 });
 * } catch (error) {
 *   error.message; // => 'validateRetentionPlan: title must be a string (received 42)'
 * }
 * ```
 * @category Plan
 */
export function validateRetentionPlan(plan: unknown): RetentionPlan {
  return parseRetentionPlan('validateRetentionPlan', plan);
}
