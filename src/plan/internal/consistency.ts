/**
 * The checks of a stored plan across its fields: what `buildRetentionPlan` guarantees about the
 * plans it returns, whatever the input and customisation, so that a plan that passes is one the
 * library could have produced.
 *
 * @module
 */
import { D, type Decimal } from '../../core/numeric.js';
import {
  ANALYSIS_METHOD_IDS,
  type CadenceReasonCode,
  PLAN_METRIC_IDS,
  PLAN_ROLE_IDS,
  TACTIC_SEGMENTS,
} from '../catalog/types.js';
import { againstDirection } from '../customize/kpis.js';
import { noRepeats } from '../customize/report.js';
import { type PlanKpi, type RetentionPlan, SNAPSHOT_METRICS } from '../model.js';
import { planDecimal } from './schemas.js';

/** Reports a problem: a complete message and the path of the value it is about. @internal */
export type PlanIssueReport = (message: string, path: (string | number)[]) => void;

const quoted = (ids: readonly string[]): string =>
  ids.length === 0 ? 'none' : ids.map((id) => `'${id}'`).join(', ');

/** The reason codes of the churn rule that mean monthly reviews; the others mean quarterly. */
const MONTHLY_REASONS: ReadonlySet<CadenceReasonCode> = new Set([
  'above-crisis-and-rising',
  'above-crisis',
  'rising',
]);

/** The reason codes that say churn is above the crisis threshold. */
const ABOVE_CRISIS: ReadonlySet<CadenceReasonCode> = new Set([
  'above-crisis-and-rising',
  'above-crisis',
]);

function checkSteps(plan: RetentionPlan, report: PlanIssueReport): void {
  if (plan.steps.length === 0) {
    report('must not be empty: a plan has at least one step', ['steps']);
  }
  const byMetric = new Map(plan.kpis.map((k) => [k.metric, k]));
  plan.steps.forEach((step, i) => {
    const at = ['steps', i];
    if (step.tasks.length === 0)
      report('must not be empty: every step has a task', [...at, 'tasks']);
    if (step.owners.length === 0) {
      report('must not be empty: every step has an owner', [...at, 'owners']);
    }
    noRepeats(step.owners, report, (j) => [...at, 'owners', j]);
    noRepeats(step.consumes, report, (j) => [...at, 'consumes', j]);
    noRepeats(step.produces, report, (j) => [...at, 'produces', j]);
    noRepeats(
      step.kpis.map((k) => k.metric),
      report,
      (j) => [...at, 'kpis', j, 'metric'],
    );
    if (step.methods !== undefined) {
      if (step.id !== 'churn-analysis') {
        report(
          `is present on step '${step.id}'; only the built-in 'churn-analysis' step lists methods`,
          [...at, 'methods'],
        );
      }
      const ids = step.methods.map((m) => m.id);
      if (ids.join() !== ANALYSIS_METHOD_IDS.join()) {
        report(
          `must list the analysis methods ${quoted(ANALYSIS_METHOD_IDS)} in this order (received ${quoted(ids)})`,
          [...at, 'methods'],
        );
      }
    }
    step.kpis.forEach((kpi, j) => {
      const summary = byMetric.get(kpi.metric);
      if (summary === undefined) return; // reported by the schema
      for (const field of ['unit', 'baseline', 'target', 'direction'] as const) {
        if (kpi[field] !== summary[field]) {
          const k = plan.kpis.indexOf(summary);
          report(
            `is ${JSON.stringify(kpi[field])}, but kpis[${k}] ('${kpi.metric}') has ${JSON.stringify(summary[field])}; a step's KPI repeats the plan's`,
            [...at, 'kpis', j, field],
          );
        }
      }
    });
  });
}

function checkKpis(plan: RetentionPlan, report: PlanIssueReport): void {
  PLAN_METRIC_IDS.forEach((metric, k) => {
    const kpi = plan.kpis[k];
    if (kpi === undefined) {
      report(
        `has ${plan.kpis.length} entries; a plan lists the ${PLAN_METRIC_IDS.length} built-in KPIs (${quoted(PLAN_METRIC_IDS)}) first, then the custom ones`,
        ['kpis'],
      );
    } else if (kpi.metric !== metric) {
      report(
        `is '${kpi.metric}', but entry ${k} is the built-in KPI '${metric}' (the built-in KPIs come first, in the order ${quoted(PLAN_METRIC_IDS)})`,
        ['kpis', k, 'metric'],
      );
    }
  });
  plan.kpis.forEach((kpi, k) => {
    if (kpi.metric === 'positiveReviews' && kpi.baseline !== null) {
      report(
        `is "${kpi.baseline}", but positiveReviews has no baseline in a plan (it is measured outside the library; give a target instead)`,
        ['kpis', k, 'baseline'],
      );
    }
    const baseline = planDecimal(kpi.baseline);
    const target = planDecimal(kpi.target);
    if (baseline === undefined || target === undefined) return;
    const reason = againstDirection(baseline, target, kpi.direction);
    if (reason !== undefined) report(reason, ['kpis', k, 'target']);
  });
}

function checkRoles(plan: RetentionPlan, report: PlanIssueReport): void {
  const used = new Set(plan.steps.flatMap((s) => s.owners));
  const expected = PLAN_ROLE_IDS.filter((id) => used.has(id));
  const listed = plan.roles.map((r) => r.id);
  plan.roles.forEach((role, i) => {
    if (!used.has(role.id)) {
      report(`is '${role.id}', which owns no step; a plan lists the roles that own a step`, [
        'roles',
        i,
        'id',
      ]);
    }
  });
  let previous = -1;
  for (const [i, id] of listed.entries()) {
    const at = PLAN_ROLE_IDS.indexOf(id);
    if (at < previous) {
      report(
        `is '${id}', out of the catalogue's order of roles (${quoted(expected)}); a plan lists its roles in that order`,
        ['roles', i, 'id'],
      );
      break;
    }
    previous = at;
  }
}

function checkSegments(plan: RetentionPlan, report: PlanIssueReport): void {
  const present = new Set(plan.segments.map((s) => s.segment));
  const missing = TACTIC_SEGMENTS.filter((s) => !present.has(s));
  if (missing.length > 0) {
    report(
      `has no entry for ${quoted(missing)}; a plan has tactics for each of ${quoted(TACTIC_SEGMENTS)}`,
      ['segments'],
    );
    return;
  }
  const fromReport = plan.segmentPriorityNote !== null;
  plan.segments.forEach((s, i) => {
    if (fromReport && s.figures === null) {
      report(
        'is null, but the plan has a segmentPriorityNote: a plan built from a segment report has the figures of every segment',
        ['segments', i, 'figures'],
      );
    } else if (!fromReport && s.figures !== null) {
      report(
        'is present, but segmentPriorityNote is null: a plan has segment figures only when built from a segment report, and then a priority note',
        ['segments', i, 'figures'],
      );
    }
  });
  const ids = plan.segments.map((s) => s.segment);
  let expected: readonly string[] = TACTIC_SEGMENTS;
  let rule = 'the catalogue order without a segment report';
  if (fromReport && plan.segments.every((s) => s.figures !== null)) {
    const share = (value: string | undefined): Decimal => planDecimal(value) ?? new D(0);
    const order = (id: string) => TACTIC_SEGMENTS.indexOf(id as (typeof TACTIC_SEGMENTS)[number]);
    expected = [...plan.segments]
      .sort(
        (a, b) =>
          share(b.figures?.revenueShare).comparedTo(share(a.figures?.revenueShare)) ||
          share(b.figures?.customerShare).comparedTo(share(a.figures?.customerShare)) ||
          order(a.segment) - order(b.segment),
      )
      .map((s) => s.segment);
    rule = 'by share of revenue, then share of customers (largest first), then the catalogue order';
  }
  const first = ids.findIndex((id, i) => id !== expected[i]);
  if (first !== -1) {
    report(`is '${ids[first]}', but the segments are ordered ${rule}: ${quoted(expected)}`, [
      'segments',
      first,
      'segment',
    ]);
  }
}

function checkCadence(plan: RetentionPlan, report: PlanIssueReport): void {
  const { every, reasonCode } = plan.cadence;
  if (reasonCode === 'override') return;
  const monthly = MONTHLY_REASONS.has(reasonCode);
  if ((every === 'month') !== monthly) {
    report(
      `is '${every}', but the reason '${reasonCode}' means reviews every ${monthly ? 'month' : 'quarter'}`,
      ['cadence', 'every'],
    );
  }
  const churn: PlanKpi | undefined = plan.kpis.find((k) => k.metric === 'churnRate');
  if (churn === undefined) return; // reported with the KPIs
  if ((churn.baseline === null) !== (reasonCode === 'no-churn-data')) {
    report(
      churn.baseline === null
        ? `is '${reasonCode}', but churnRate has no baseline: the rule's reason is then 'no-churn-data'`
        : `is 'no-churn-data', but churnRate has the baseline "${churn.baseline}"`,
      ['cadence', 'reasonCode'],
    );
    return;
  }
  const baseline = planDecimal(churn.baseline);
  const crisis = planDecimal(plan.options.crisisChurnRate);
  if (baseline === undefined || crisis === undefined) return;
  const above = baseline.gt(crisis);
  if (above !== ABOVE_CRISIS.has(reasonCode)) {
    report(
      `is '${reasonCode}', but churn "${churn.baseline}" is ${above ? 'above' : 'not above'} options.crisisChurnRate "${plan.options.crisisChurnRate}"`,
      ['cadence', 'reasonCode'],
    );
  }
}

function checkMeasureFirst(plan: RetentionPlan, report: PlanIssueReport): void {
  const unmeasured = new Set(plan.kpis.filter((k) => k.baseline === null).map((k) => k.metric));
  const expected = SNAPSHOT_METRICS.filter((m) => unmeasured.has(m));
  if (plan.measureFirst.join() !== expected.join()) {
    report(
      `must be ${quoted(expected)}: the snapshot metrics without a baseline, in the order ${quoted(SNAPSHOT_METRICS)} (received ${quoted(plan.measureFirst)})`,
      ['measureFirst'],
    );
  }
  if ((plan.measureFirstNote === null) !== (plan.measureFirst.length === 0)) {
    report(
      plan.measureFirstNote === null
        ? 'is null, but measureFirst lists metrics; the note explains them'
        : 'is present, but measureFirst is empty; the note is null then',
      ['measureFirstNote'],
    );
  }
}

/**
 * Reports what a plan of the right shape still cannot be: a plan `buildRetentionPlan` returns.
 * Each problem is reported with the path of the value it is about.
 *
 * @internal
 */
export function checkPlanConsistency(plan: RetentionPlan, report: PlanIssueReport): void {
  checkSteps(plan, report);
  checkKpis(plan, report);
  checkRoles(plan, report);
  checkSegments(plan, report);
  checkCadence(plan, report);
  checkMeasureFirst(plan, report);
}
