/**
 * The checks of a plan's customisation across its fields, returning what the plan is built from.
 *
 * @module
 */
import type { Decimal } from '../../core/numeric.js';
import { PLAN_METRIC_IDS, type PlanMetricId } from '../catalog/types.js';
import { PLAN_METRIC_DIRECTIONS } from '../model.js';
import { arrangeSteps } from './arrange.js';
import { againstDirection, type CustomKpi, customKpis } from './kpis.js';
import { list, noRepeats, type Report } from './report.js';
import type { ParsedCustomization, ParsedStep } from './schema.js';

/** A customisation checked across its fields: the plan's step ids in order and its custom KPIs. */
export interface ResolvedCustomization {
  /** The ids of the plan's steps, in order (built-in, replaced or added). */
  readonly stepIds: readonly string[];
  /** The custom KPIs with their numbers parsed. */
  readonly customKpis: readonly CustomKpi[];
}

/**
 * Checks what the parsed customisation cannot check field by field (step ids and their
 * arrangement, owners, metric references of the user's steps, custom KPIs, and targets against
 * the baselines of `metrics`), reporting each problem, and returns the arranged step ids and the
 * custom KPIs, which the plan is built from. The result is used only when nothing was reported.
 *
 * @internal
 */
export function resolveCustomization(
  c: ParsedCustomization,
  metrics: { readonly [M in PlanMetricId]?: Decimal | undefined },
  report: Report,
): ResolvedCustomization {
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
  return { stepIds: steps, customKpis: custom };
}
