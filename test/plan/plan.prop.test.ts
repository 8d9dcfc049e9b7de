/**
 * A plan that buildRetentionPlan returns always validates and renders: over generated inputs
 * (metrics in their domains and bounds, every accepted locale form, options, periods, segment
 * reports, and customisations with arbitrary user text), every built plan passes
 * validateRetentionPlan unchanged, survives a JSON round trip and validates again, and renders to
 * Markdown and plain text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRetentionMetricsError } from '../../src/core/errors.js';
import { ru } from '../../src/locale-ru.js';
import { buildRetentionPlan } from '../../src/plan/build.js';
import {
  PLAN_METRIC_IDS,
  PLAN_ROLE_IDS,
  PLAN_STEP_IDS,
  type PlanMetricId,
} from '../../src/plan/catalog/types.js';
import type { PlanCustomization, PlanCustomKpi } from '../../src/plan/customize/types.js';
import type { PlanMetricsSnapshot, RetentionPlanInput } from '../../src/plan/input.js';
import { PLAN_METRIC_DIRECTIONS, PLAN_METRIC_UNITS } from '../../src/plan/model.js';
import { renderRetentionPlan } from '../../src/plan/render.js';
import { validateRetentionPlan } from '../../src/plan/schema.js';

/** A fraction in [0, 1] as a decimal string, from 0 and 1 through tiny values. */
const rate = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }).map((n) => String(n / 1_000_000)),
  fc.constantFrom('0', '1', '1e-40', '0.999999999999999999999999999999999', '0.1'),
);

/** A non-negative quantity below 1e50 as a decimal string (mantissa below 1e6, exponent ≤ 43). */
const quantity = fc
  .tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: -40, max: 43 }))
  .map(([m, e]) => `${m}e${e}`);

/** A score: any finite value below 1e50 in absolute value. */
const score = fc
  .tuple(fc.integer({ min: -999_999, max: 999_999 }), fc.integer({ min: -20, max: 43 }))
  .map(([m, e]) => `${m}e${e}`);

/** Any string with a non-blank character, up to 40 code units (lone surrogates included). */
const userText = fc
  .string({ unit: 'binary', maxLength: 40 })
  .chain((s) => fc.constantFrom(`${s}x`, `\`\`\`\n${s}x`, `<!--${s}x`, `x\r|${s}`));

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const metrics: fc.Arbitrary<PlanMetricsSnapshot> = fc.record(
  {
    churnRate: rate,
    previousChurnRate: rate,
    retentionRate: rate,
    repeatPurchaseRate: rate,
    averageOrderValue: quantity,
    purchaseFrequency: quantity,
    customerLifetimeValue: quantity,
  },
  { requiredKeys: [] },
);

const segmentReport = fc
  .tuple(
    fc.array(fc.tuple(fc.nat(1000), rate, quantity, rate), { minLength: 4, maxLength: 4 }),
    fc.boolean(),
  )
  .map(([rows, withActive]) => ({
    segments: [
      ...(['vip', 'new', 'at-risk', 'lost'] as const).map((segment, i) => {
        const [customers, customerShare, revenue, revenueShare] = rows[i] as [
          number,
          string,
          string,
          string,
        ];
        return { segment, customers, customerShare, revenue, revenueShare };
      }),
      ...(withActive
        ? [{ segment: 'active', customers: 1, customerShare: '0', revenue: '0', revenueShare: '0' }]
        : []),
    ],
  }));

const period = fc
  .tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 800 }))
  .map(([start, days]) => {
    const day = (n: number) =>
      new Date(Date.UTC(1990, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    return { start: day(start), end: day(start + days) };
  });

const roles = fc.shuffledSubarray([...PLAN_ROLE_IDS], { minLength: 1 });

const stepContent = (metricIds: readonly string[]) =>
  fc.record(
    {
      title: userText,
      description: userText,
      tasks: fc.array(userText, { minLength: 1, maxLength: 3 }),
      example: userText,
      owners: roles,
      consumes: fc.shuffledSubarray([...metricIds]),
      produces: fc.shuffledSubarray([...metricIds]),
      kpis: fc.shuffledSubarray([...metricIds]),
    },
    { requiredKeys: ['title', 'description', 'tasks', 'owners'] },
  );

/** A custom KPI's unit, direction and values that agree with each other. */
const customKpiValues = fc
  .tuple(
    fc.constantFrom('rate', 'quantity', 'score' as const),
    fc.constantFrom('increase', 'decrease' as const),
    fc.boolean(),
    fc.boolean(),
  )
  .chain(([unit, direction, hasBaseline, hasTarget]) => {
    const value = unit === 'rate' ? rate : unit === 'quantity' ? quantity : score;
    return fc.tuple(value, value).map(([a, b]) => {
      const [low, high] = Number(a) <= Number(b) ? [a, b] : [b, a];
      const [baseline, target] = direction === 'increase' ? [low, high] : [high, low];
      return {
        unit: unit as PlanCustomKpi['unit'],
        direction: direction as PlanCustomKpi['direction'],
        ...(hasBaseline ? { baseline } : {}),
        ...(hasTarget ? { target } : {}),
      };
    });
  });

/** A customisation that buildRetentionPlan accepts for the given metrics. */
function customization(m: PlanMetricsSnapshot): fc.Arbitrary<PlanCustomization> {
  return fc
    .record({
      removed: fc.shuffledSubarray([...PLAN_STEP_IDS], { maxLength: 9 }),
      customCount: fc.nat(2),
      addedCount: fc.nat(2),
      cadence: optional(fc.constantFrom('month', 'quarter' as const)),
      targetFactor: fc.dictionary(
        fc.constantFrom(...PLAN_METRIC_IDS),
        fc.integer({ min: 0, max: 100 }),
      ),
    })
    .chain(({ removed, customCount, addedCount, cadence, targetFactor }) => {
      const customIds = Array.from({ length: customCount }, (_, i) => `kpi.${i}`);
      const metricIds = [...PLAN_METRIC_IDS, ...customIds];
      const kept = PLAN_STEP_IDS.filter((id) => !removed.includes(id));
      const addedIds = Array.from({ length: addedCount }, (_, i) => `added-${i}`);
      const finalIds = [...kept, ...addedIds];
      return fc.record(
        {
          remove: fc.constant(removed),
          replace: fc
            .shuffledSubarray(kept, { maxLength: Math.min(2, kept.length) })
            .chain((ids) =>
              fc.tuple(...ids.map((id) => stepContent(metricIds).map((c) => ({ id, ...c })))),
            ),
          add: fc.tuple(
            ...addedIds.map((id) =>
              fc
                .tuple(
                  stepContent(metricIds),
                  optional(fc.constantFrom(...(kept.length > 0 ? kept : [undefined]))),
                )
                .map(([c, after]) => ({ id, ...c, ...(after === undefined ? {} : { after }) })),
            ),
          ),
          order: fc.shuffledSubarray(finalIds),
          owners: fc
            .shuffledSubarray(finalIds, { maxLength: Math.min(2, finalIds.length) })
            .chain((ids) => fc.tuple(...ids.map((step) => roles.map((r) => ({ step, roles: r }))))),
          cadence: fc.constant(cadence),
          targets: fc.constant(targetsFor(m, targetFactor)),
          kpis: fc.tuple(
            ...customIds.map((metric) =>
              fc
                .tuple(customKpiValues, userText, userText, fc.shuffledSubarray(kept))
                .map(([values, name, description, steps]) => ({
                  metric,
                  name,
                  description,
                  ...values,
                  steps,
                })),
            ),
          ),
        },
        { requiredKeys: [] },
      );
    })
    .filter(
      (c) => (c.remove?.length ?? 0) < PLAN_STEP_IDS.length || (c.add?.length ?? 0) > 0,
    ) as unknown as fc.Arbitrary<PlanCustomization>;
}

/** Targets for built-in KPIs in their direction from the baseline: `factor` % of the way. */
function targetsFor(
  m: PlanMetricsSnapshot,
  factor: Partial<Record<PlanMetricId, number>>,
): PlanCustomization['targets'] {
  const targets: Record<string, string> = {};
  for (const [metric, f] of Object.entries(factor) as [PlanMetricId, number][]) {
    const baseline =
      metric === 'positiveReviews' ? undefined : m[metric as keyof PlanMetricsSnapshot];
    const rateMetric = PLAN_METRIC_UNITS[metric] === 'rate';
    if (baseline === undefined) {
      targets[metric] = rateMetric ? String(f / 100) : String(f);
      continue;
    }
    const b = Number(baseline);
    const decrease = PLAN_METRIC_DIRECTIONS[metric] === 'decrease';
    const t = decrease ? b * (f / 100) : rateMetric ? b + (1 - b) * (f / 100) : b * (1 + f / 100);
    // Rounding of the float could cross the baseline; the baseline itself is always allowed.
    const ok = decrease ? t <= b : t >= b;
    targets[metric] = ok && Number.isFinite(t) ? String(t) : String(baseline);
  }
  return targets;
}

const input: fc.Arbitrary<RetentionPlanInput> = fc
  .record({
    locale: fc.constantFrom<RetentionPlanInput['locale']>('en', ru, 'EN', 'en-GB'),
    metrics: optional(metrics),
    options: optional(
      fc.record(
        {
          churnReduction: rate,
          growth: fc.oneof(rate, fc.constantFrom('1000', '3.5')),
          crisisChurnRate: rate,
        },
        { requiredKeys: [] },
      ),
    ),
    period: optional(period),
    segmentReport: optional(segmentReport),
  })
  .chain((base) =>
    optional(customization(base.metrics ?? {})).map((customize) => {
      const built: Record<string, unknown> = {};
      for (const [key, value] of Object.entries({ ...base, customize })) {
        if (value !== undefined) built[key] = value;
      }
      return built as unknown as RetentionPlanInput;
    }),
  );

/** Cases per run: 60 in `npm test`; `PLAN_PROPERTY_RUNS=5000 npx vitest run test/plan/plan.prop.test.ts` for more. */
const RUNS = Number(process.env.PLAN_PROPERTY_RUNS ?? 60);

describe('every plan buildRetentionPlan returns validates and renders', () => {
  it('validates unchanged, survives JSON and validation again, and renders in both formats', () => {
    let built = 0;
    let refused = 0;
    fc.assert(
      fc.property(input, (i) => {
        let plan: ReturnType<typeof buildRetentionPlan>;
        try {
          plan = buildRetentionPlan(i);
        } catch (error) {
          // A customisation the generator could not keep valid (e.g. a step listing a KPI that is
          // also attached to it): refused with the library's own error, never a foreign one.
          expect(isRetentionMetricsError(error)).toBe(true);
          refused++;
          return;
        }
        built++;
        expect(validateRetentionPlan(plan)).toStrictEqual(plan);
        const json = JSON.parse(JSON.stringify(plan));
        expect(validateRetentionPlan(json)).toStrictEqual(plan);
        const locale = plan.locale === 'ru' ? ru : undefined;
        const markdown = renderRetentionPlan(json, locale === undefined ? {} : { locale });
        const text = renderRetentionPlan(json, { format: 'text', ...(locale && { locale }) });
        expect(markdown.startsWith('# ')).toBe(true);
        expect(text.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
    // Most generated inputs are plans (about three in four): the property is not vacuous.
    expect(built).toBeGreaterThan(refused);
  }, 600_000);
});
