/**
 * A stored plan is accepted only when buildRetentionPlan could have returned it: every check of a
 * plan across its fields, each rejection naming the JSON path of the offending value.
 */
import { describe, expect, it } from 'vitest';
import { isRetentionMetricsError } from '../../src/core/errors.js';
import { buildRetentionPlan } from '../../src/plan/build.js';
import type { RetentionPlanInput } from '../../src/plan/input.js';
import { renderRetentionPlan } from '../../src/plan/render.js';
import { validateRetentionPlan } from '../../src/plan/schema.js';
import { expectError } from '../support/errors.js';
import { SMALL_SEGMENT_REPORT } from '../support/plan.js';

const measured: RetentionPlanInput = {
  locale: 'en',
  metrics: { churnRate: '0.12', previousChurnRate: '0.1', averageOrderValue: '40' },
};

/** A built plan in its stored form, untyped so that a test can corrupt it. */
const stored = (input: RetentionPlanInput = measured) =>
  JSON.parse(JSON.stringify(buildRetentionPlan(input)));

/** Sets a field of a KPI in the plan's list and in every step that lists the KPI. */
function setKpi(plan: ReturnType<typeof stored>, metric: string, field: string, value: unknown) {
  for (const kpi of [...plan.kpis, ...plan.steps.flatMap((s: { kpis: unknown[] }) => s.kpis)]) {
    if (kpi.metric === metric) kpi[field] = value;
  }
}

/** Expects validateRetentionPlan to reject `plan` naming `path`, with `text` in the message. */
function rejects(plan: unknown, path: string, text: string): void {
  const error = expectError(() => validateRetentionPlan(plan), 'INVALID_INPUT', path);
  expect(error.message).toContain(`validateRetentionPlan: ${path === '' ? 'input' : path} `);
  expect(error.message).toContain(text);
  // The renderer reads stored plans through the same checks.
  expectError(() => renderRetentionPlan(plan as never), 'INVALID_INPUT', path);
}

describe('steps', () => {
  it('a plan has at least one step', () => {
    const plan = stored();
    plan.steps = [];
    plan.roles = [];
    rejects(plan, 'steps', 'a plan has at least one step');
  });

  it('every step has a task and an owner', () => {
    const tasks = stored();
    tasks.steps[1].tasks = [];
    rejects(tasks, 'steps[1].tasks', 'every step has a task');
    const owners = stored();
    owners.steps[1].owners = [];
    rejects(owners, 'steps[1].owners', 'every step has an owner');
  });

  it('owners, inputs, outputs and KPIs of a step do not repeat', () => {
    // Step 1 (segmentation) is owned by analysts and marketing, and consumes three metrics.
    const owners = stored();
    owners.steps[1].owners = ['analysts', 'marketing', 'analysts'];
    rejects(owners, 'steps[1].owners[2]', "repeats 'analysts'");
    const consumes = stored();
    consumes.steps[1].consumes.push('averageOrderValue');
    rejects(consumes, 'steps[1].consumes[3]', "repeats 'averageOrderValue'");
    const produces = stored();
    produces.steps[0].produces.push('churnRate');
    rejects(produces, 'steps[0].produces[6]', "repeats 'churnRate'");
    const kpis = stored();
    kpis.steps[2].kpis.push(kpis.steps[2].kpis[0]);
    rejects(kpis, 'steps[2].kpis[1].metric', "repeats 'churnRate'");
  });

  it("a step's KPI repeats the plan's KPI: unit, baseline, target and direction", () => {
    // Step 2 (churn-analysis) tracks churn: baseline 0.12, target 0.114.
    const target = stored();
    target.steps[2].kpis[0].target = '0.1';
    rejects(target, 'steps[2].kpis[0].target', `is "0.1", but kpis[0] ('churnRate') has "0.114"`);
    const baseline = stored();
    baseline.steps[2].kpis[0].baseline = null;
    rejects(baseline, 'steps[2].kpis[0].baseline', 'is null, but kpis[0]');
  });

  it('only the churn-analysis step lists the analysis methods, all of them, in order', () => {
    const moved = stored();
    moved.steps[3].methods = moved.steps[2].methods;
    rejects(moved, 'steps[3].methods', "is present on step 'strategy'");
    const reordered = stored();
    reordered.steps[2].methods.reverse();
    rejects(reordered, 'steps[2].methods', "must list the analysis methods 'surveys'");
    const fewer = stored();
    fewer.steps[2].methods.pop();
    rejects(fewer, 'steps[2].methods', "(received 'surveys'");
  });

  it('step ids are unique and ids are ids', () => {
    const plan = stored();
    plan.steps[3].id = 'churn-analysis';
    rejects(plan, 'steps[3].id', "repeats 'churn-analysis'");
    const bad = stored();
    bad.steps[0].id = '-x';
    rejects(bad, 'steps[0].id', 'must be an id');
  });
});

describe('KPIs', () => {
  it('lists the seven built-in KPIs first, in their order', () => {
    const fewer = stored();
    fewer.kpis = fewer.kpis.slice(0, 6);
    const drop = (list: string[]) => list.filter((m) => m !== 'positiveReviews');
    for (const step of fewer.steps) {
      step.consumes = drop(step.consumes);
      step.produces = drop(step.produces);
      step.kpis = step.kpis.filter((k: { metric: string }) => k.metric !== 'positiveReviews');
    }
    rejects(fewer, 'kpis', 'has 6 entries; a plan lists the 7 built-in KPIs');
    const swapped = stored();
    [swapped.kpis[0], swapped.kpis[1]] = [swapped.kpis[1], swapped.kpis[0]];
    rejects(
      swapped,
      'kpis[0].metric',
      "is 'retentionRate', but entry 0 is the built-in KPI 'churnRate'",
    );
  });

  it('positive reviews have no baseline', () => {
    const plan = stored();
    setKpi(plan, 'positiveReviews', 'baseline', '0.8');
    rejects(plan, 'kpis[6].baseline', 'positiveReviews has no baseline in a plan');
  });

  it("a target does not point against its KPI's direction", () => {
    const churn = stored();
    setKpi(churn, 'churnRate', 'target', '0.13');
    rejects(
      churn,
      'kpis[0].target',
      'is 0.13, above the baseline 0.12, but the KPI should decrease',
    );
  });

  it('values are decimal strings within their bounds, never a foreign error', () => {
    for (const bad of ['abc', '12%', '', 'NaN', 'Infinity']) {
      const plan = stored();
      plan.kpis[0].baseline = bad;
      rejects(plan, 'kpis[0].baseline', 'must be a decimal string');
      const option = stored();
      option.options.crisisChurnRate = bad;
      rejects(option, 'options.crisisChurnRate', 'must be a decimal string');
      const step = stored();
      step.steps[2].kpis[0].target = bad;
      rejects(step, 'steps[2].kpis[0].target', 'must be a decimal string');
    }
    const growth = stored();
    growth.options.growth = '1001';
    rejects(growth, 'options.growth', 'must be between 0 and 1000');
    const target = stored();
    target.kpis[3].target = '1e54';
    rejects(target, 'kpis[3].target', 'a target is below 1e54');
  });
});

describe('roles', () => {
  it('lists exactly the roles that own a step, in the catalogue order', () => {
    const unused = stored();
    unused.steps[7].owners = ['customer-support', 'account-managers']; // team-training without hr
    rejects(unused, 'roles[6].id', "is 'hr', which owns no step");
    const order = stored();
    [order.roles[0], order.roles[1]] = [order.roles[1], order.roles[0]];
    rejects(order, 'roles[1].id', "is 'top-management', out of the catalogue's order of roles");
    const repeated = stored();
    repeated.roles.push(repeated.roles[0]);
    rejects(repeated, 'roles[7].id', "repeats 'top-management'");
  });
});

describe('segments', () => {
  const withReport: RetentionPlanInput = { ...measured, segmentReport: SMALL_SEGMENT_REPORT };

  it('has tactics for each of the four segments', () => {
    const plan = stored();
    plan.segments.pop();
    rejects(plan, 'segments', "has no entry for 'lost'");
  });

  it('has figures exactly when it has a segment priority note', () => {
    const figures = stored(withReport);
    figures.segments[2].figures = null;
    rejects(figures, 'segments[2].figures', 'is null, but the plan has a segmentPriorityNote');
    const note = stored(withReport);
    note.segmentPriorityNote = null;
    rejects(note, 'segments[0].figures', 'is present, but segmentPriorityNote is null');
  });

  it('keeps the catalogue order without a report and the priority order with one', () => {
    const catalogue = stored();
    [catalogue.segments[0], catalogue.segments[1]] = [catalogue.segments[1], catalogue.segments[0]];
    rejects(
      catalogue,
      'segments[0].segment',
      "is 'new', but the segments are ordered the catalogue order",
    );
    // The report: vip 60 % of revenue, new and at-risk 20 % each (new has more customers), lost 0.
    const report = stored(withReport);
    expect(report.segments.map((s: { segment: string }) => s.segment)).toEqual([
      'vip',
      'new',
      'at-risk',
      'lost',
    ]);
    [report.segments[1], report.segments[2]] = [report.segments[2], report.segments[1]];
    rejects(
      report,
      'segments[1].segment',
      "is 'at-risk', but the segments are ordered by share of revenue, then share of customers (largest first), then the catalogue order: 'vip', 'new', 'at-risk', 'lost'",
    );
  });

  it('figures are finite, whole customers and shares in [0, 1]', () => {
    for (const customers of [1.5, -1, Number.POSITIVE_INFINITY, Number.NaN]) {
      const plan = stored(withReport);
      plan.segments[0].figures.customers = customers;
      // JSON cannot carry Infinity or NaN, but an object can.
      const error = expectError(
        () => validateRetentionPlan(plan),
        'INVALID_INPUT',
        'segments[0].figures.customers',
      );
      expect(error.message).toContain('segments[0].figures.customers');
    }
  });
});

describe('cadence', () => {
  it('the reason and the cadence agree', () => {
    const plan = stored(); // churn 0.12 above the 0.1 threshold and rising: monthly
    expect(plan.cadence).toMatchObject({ every: 'month', reasonCode: 'above-crisis-and-rising' });
    plan.cadence.every = 'quarter';
    rejects(
      plan,
      'cadence.every',
      "is 'quarter', but the reason 'above-crisis-and-rising' means reviews every month",
    );
  });

  it('the reason agrees with the churn baseline and the crisis threshold', () => {
    const stable = stored();
    stable.cadence = { ...stable.cadence, every: 'quarter', reasonCode: 'stable' };
    rejects(
      stable,
      'cadence.reasonCode',
      `is 'stable', but churn "0.12" is above options.crisisChurnRate "0.1"`,
    );
    const noData = stored();
    noData.cadence = { ...noData.cadence, every: 'quarter', reasonCode: 'no-churn-data' };
    rejects(
      noData,
      'cadence.reasonCode',
      `is 'no-churn-data', but churnRate has the baseline "0.12"`,
    );
    const empty = stored({ locale: 'en' });
    expect(empty.cadence.reasonCode).toBe('no-churn-data');
    empty.cadence.reasonCode = 'below-crisis-no-trend';
    rejects(
      empty,
      'cadence.reasonCode',
      "is 'below-crisis-no-trend', but churnRate has no baseline",
    );
    // A user's cadence may be either.
    const override = stored({ ...measured, customize: { cadence: 'quarter' } });
    expect(validateRetentionPlan(override).cadence.every).toBe('quarter');
  });
});

describe('measureFirst', () => {
  it('lists the snapshot metrics without a baseline, in order, with a note when not empty', () => {
    const plan = stored();
    expect(plan.measureFirst).toEqual([
      'retentionRate',
      'repeatPurchaseRate',
      'purchaseFrequency',
      'customerLifetimeValue',
    ]);
    plan.measureFirst.reverse();
    rejects(
      plan,
      'measureFirst',
      "must be 'retentionRate', 'repeatPurchaseRate', 'purchaseFrequency', 'customerLifetimeValue'",
    );
    const note = stored();
    note.measureFirstNote = null;
    rejects(note, 'measureFirstNote', 'is null, but measureFirst lists metrics');
  });
});

describe('texts, dates, locale and unknown fields', () => {
  it('texts are at most 10,000 characters long', () => {
    const plan = stored();
    plan.steps[0].tasks[0] = 'x'.repeat(10_001);
    rejects(plan, 'steps[0].tasks[0]', 'must be at most 10000 characters long');
    plan.steps[0].tasks[0] = 'x'.repeat(10_000);
    expect(validateRetentionPlan(plan).steps[0]?.tasks[0]).toHaveLength(10_000);
  });

  it('dates exist and the period ends after it starts', () => {
    const withPeriod: RetentionPlanInput = {
      ...measured,
      period: { start: '2025-01-01', end: '2025-03-31' },
    };
    const day = stored(withPeriod);
    day.period.start = '2025-02-30';
    rejects(day, 'period.start', 'is not a calendar date');
    const order = stored(withPeriod);
    order.period.end = '2025-01-01';
    rejects(order, 'period.end', 'which is not after period.start');
  });

  it('the locale is one of the languages and unknown fields are rejected', () => {
    rejects({ ...stored(), locale: 'de' }, 'locale', "must be one of 'en', 'ru'");
    const extra = stored();
    extra.steps[0].colour = 'red';
    rejects(extra, 'steps[0]', "has unknown field 'colour'");
  });

  it('references point to the plan KPIs and roles', () => {
    const kpi = stored();
    kpi.steps[1].consumes[0] = 'nps';
    rejects(kpi, 'steps[1].consumes[0]', "is 'nps', which is not one of the plan's KPIs");
  });

  it('every problem is a RetentionMetricsError: the caller never sees a foreign error', () => {
    const plan = stored();
    plan.kpis[0].baseline = 'abc';
    plan.cadence.reasonCode = 'stable';
    plan.segments[0].figures = {
      customers: 1,
      customerShare: 'x',
      revenue: 'y',
      revenueShare: 'z',
    };
    let caught: unknown;
    try {
      validateRetentionPlan(plan);
    } catch (error) {
      caught = error;
    }
    expect(isRetentionMetricsError(caught)).toBe(true);
  });
});
