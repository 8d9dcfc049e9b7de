/**
 * The custom KPIs of a customised plan, their values checked against their units and directions.
 *
 * @module
 */
import type { Decimal } from '../../core/numeric.js';
import { PLAN_METRIC_IDS } from '../catalog/types.js';
import type { KpiDirection, KpiUnit } from '../model.js';
import { list, noRepeats, type Report } from './report.js';
import type { ParsedCustomization, ParsedKpi } from './schema.js';

const BUILT_IN_METRICS: ReadonlySet<string> = new Set(PLAN_METRIC_IDS);

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

/** A custom KPI of `customize.kpis` with its numbers parsed. */
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
