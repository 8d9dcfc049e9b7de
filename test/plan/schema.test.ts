import { describe, expect, it } from 'vitest';
import { toJsonSchema } from '../../src/json-schema.js';
import { ru } from '../../src/locale-ru.js';
import { buildRetentionPlan } from '../../src/plan/build.js';
import type { RetentionPlanInput } from '../../src/plan/input.js';
import { retentionPlanSchema, validateRetentionPlan } from '../../src/plan/schema.js';
import { expectError } from '../support/errors.js';
import { SMALL_SEGMENT_REPORT } from '../support/plan.js';

const full = {
  churnRate: '0.12',
  previousChurnRate: '0.1',
  retentionRate: '0.88',
  averageOrderValue: '40',
  purchaseFrequency: '1.5',
  repeatPurchaseRate: '0.3',
  customerLifetimeValue: '250',
} as const;

const inputs: readonly RetentionPlanInput[] = [
  { locale: 'en' },
  { locale: ru },
  { locale: 'en', metrics: full },
  { locale: ru, metrics: full, options: { churnReduction: '0.1', growth: 0.2 } },
  { locale: 'en', metrics: { churnRate: 0.04, previousChurnRate: 0.05 } },
  { locale: ru, metrics: { repeatPurchaseRate: '0.98', averageOrderValue: '1e-45' } },
];

/** A plan in its stored form: what comes back from JSON (untyped, so a test can corrupt it). */
function stored(input: RetentionPlanInput = { locale: 'en', metrics: full }) {
  return JSON.parse(JSON.stringify(buildRetentionPlan(input)));
}

describe('retentionPlanSchema', () => {
  it('accepts every built plan after a JSON round trip, unchanged', () => {
    for (const input of inputs) {
      const plan = stored(input);
      expect(retentionPlanSchema.parse(plan)).toStrictEqual(plan);
      expect(validateRetentionPlan(plan)).toStrictEqual(buildRetentionPlan(input));
    }
  });

  it('accepts the plan object itself, before serialisation', () => {
    const plan = buildRetentionPlan({ locale: ru, metrics: full });
    expect(retentionPlanSchema.safeParse(plan).success).toBe(true);
  });

  it('has a draft 2020-12 JSON Schema with the plan fields', () => {
    const schema = toJsonSchema(retentionPlanSchema);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(properties)).toEqual([
      'format',
      'version',
      'locale',
      'title',
      'period',
      'steps',
      'roles',
      'kpis',
      'cadence',
      'segments',
      'segmentPriorityNote',
      'measureFirst',
      'measureFirstNote',
      'options',
    ]);
    expect(properties.steps?.type).toBe('array');
    const step = properties.steps?.items as Record<string, unknown>;
    // Step ids are built-in or custom, so the JSON Schema gives their pattern, not an enum.
    const stepProperties = step.properties as Record<string, { pattern?: unknown }>;
    expect(stepProperties.id?.pattern).toBe('^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$');
    expect(step.required).not.toContain('methods');
    expect(step.required).not.toContain('example');
    expect(schema.required).toContain('steps');
  });
});

describe('validateRetentionPlan: corrupted plans', () => {
  it('rejects a step id that is not an id, naming steps[i].id', () => {
    const plan = stored();
    plan.steps[4].id = 'Launch plan!';
    const error = expectError(() => validateRetentionPlan(plan), 'INVALID_INPUT', 'steps[4].id');
    expect(error.message).toContain('must be an id of letters, digits');
  });

  it('rejects a step without a title, naming steps[3].title', () => {
    const plan = stored();
    delete plan.steps[3].title;
    const error = expectError(() => validateRetentionPlan(plan), 'INVALID_INPUT', 'steps[3].title');
    expect(error.message).toBe('validateRetentionPlan: steps[3].title is required');
  });

  it('rejects a KPI with an unknown direction, in a step and in the plan', () => {
    const plan = stored();
    plan.steps[2].kpis[0].direction = 'sideways';
    expectError(() => validateRetentionPlan(plan), 'INVALID_INPUT', 'steps[2].kpis[0].direction');
    const other = stored();
    other.kpis[1].direction = 'up';
    expectError(() => validateRetentionPlan(other), 'INVALID_INPUT', 'kpis[1].direction');
  });

  it('rejects unknown fields, a wrong locale, an empty title and a missing cadence reason', () => {
    expectError(() => validateRetentionPlan({ ...stored(), extra: 1 }), 'INVALID_INPUT', '');
    expectError(
      () => validateRetentionPlan({ ...stored(), locale: 'de' }),
      'INVALID_INPUT',
      'locale',
    );
    expectError(() => validateRetentionPlan({ ...stored(), title: '' }), 'INVALID_INPUT', 'title');
    const plan = stored();
    delete plan.cadence.reason;
    expectError(() => validateRetentionPlan(plan), 'INVALID_INPUT', 'cadence.reason');
    expectError(() => validateRetentionPlan(null), 'INVALID_INPUT', '');
  });

  it('rejects `methods: null` (absent is fine, null is not)', () => {
    const plan = stored();
    plan.steps[0].methods = null;
    expectError(() => validateRetentionPlan(plan), 'INVALID_INPUT', 'steps[0].methods');
  });

  it('rejects baselines and targets that are not decimal strings or out of range', () => {
    const plan = stored();
    plan.kpis[0].baseline = 0.12;
    expectError(() => validateRetentionPlan(plan), 'INVALID_INPUT', 'kpis[0].baseline');
    const percent = stored();
    percent.kpis[0].baseline = '12';
    const error = expectError(
      () => validateRetentionPlan(percent),
      'INVALID_INPUT',
      'kpis[0].baseline',
    );
    expect(error.message).toContain('not a percentage');
    const negative = stored();
    negative.steps[4].kpis[1].target = '-42';
    expectError(() => validateRetentionPlan(negative), 'INVALID_INPUT', 'steps[4].kpis[1].target');
    // AOV is money, not a rate: 4200 is fine (in the plan's KPI and in every step listing it).
    const aov = stored();
    aov.kpis[3].target = '4200';
    for (const step of aov.steps) {
      for (const kpi of step.kpis) if (kpi.metric === 'averageOrderValue') kpi.target = '4200';
    }
    expect(validateRetentionPlan(aov).kpis[3]?.target).toBe('4200');
    for (const huge of ['1e50', '1e100', '1e99999999999999999999']) {
      const large = stored();
      large.kpis[5].baseline = huge;
      expectError(() => validateRetentionPlan(large), 'INVALID_INPUT', 'kpis[5].baseline');
    }
    const options = stored();
    options.options.churnReduction = '1.5';
    expectError(() => validateRetentionPlan(options), 'INVALID_INPUT', 'options.churnReduction');
  });

  it('rejects a repeated step id and an owner that is not among the roles', () => {
    const plan = stored();
    plan.steps[5].id = 'segmentation';
    expectError(() => validateRetentionPlan(plan), 'INVALID_INPUT', 'steps[5].id');
    const owners = stored();
    owners.roles = owners.roles.filter((r: { id: string }) => r.id !== 'hr');
    const error = expectError(
      () => validateRetentionPlan(owners),
      'INVALID_INPUT',
      'steps[7].owners[0]',
    );
    expect(error.message).toBe(
      "validateRetentionPlan: steps[7].owners[0] is 'hr', which is not one of the plan's roles",
    );
  });
});

describe('retentionPlanSchema: customised plans', () => {
  const customised: RetentionPlanInput = {
    locale: 'en',
    metrics: full,
    period: { start: '2025-01-01', end: '2025-06-30' },
    segmentReport: SMALL_SEGMENT_REPORT,
    customize: {
      remove: ['team-training'],
      replace: [
        {
          id: 'automation',
          title: 'Automate win-back',
          description: 'Send win-back e-mails.',
          tasks: ['Write them.'],
          owners: ['marketing'],
        },
      ],
      add: [
        {
          id: 'pilot',
          after: 'strategy',
          title: 'Pilot',
          description: 'Try it in one region.',
          tasks: ['Pick a region.'],
          owners: ['product'],
          consumes: ['nps'],
          kpis: ['nps'],
        },
      ],
      order: ['pilot', 'strategy'],
      cadence: 'month',
      targets: { churnRate: '0.1' },
      kpis: [
        {
          metric: 'nps',
          name: 'Net promoter score',
          description: 'Promoters minus detractors.',
          unit: 'score',
          direction: 'increase',
          baseline: -12,
          target: 0,
          steps: ['monitoring'],
        },
      ],
    },
  };

  it('validates a customised plan after a JSON round trip, unchanged', () => {
    const plan = buildRetentionPlan(customised);
    const back = JSON.parse(JSON.stringify(plan));
    expect(back).toStrictEqual(plan);
    expect(validateRetentionPlan(back)).toStrictEqual(plan);
    // The parts that widened: custom step ids, a step without an example, custom KPI metrics,
    // a negative score, figures, the period and the override reason.
    expect(plan.steps.map((s) => s.id)).toContain('pilot');
    expect(plan.steps.find((s) => s.id === 'automation')).not.toHaveProperty('example');
    expect(plan.kpis.at(-1)).toMatchObject({ metric: 'nps', baseline: '-12', target: '0' });
    expect(plan.cadence.reasonCode).toBe('override');
    expect(plan.segments.map((s) => s.segment)).toEqual(['vip', 'new', 'at-risk', 'lost']);
  });

  it('rejects a step metric that is not one of the plan KPIs', () => {
    const plan = JSON.parse(JSON.stringify(buildRetentionPlan(customised)));
    plan.kpis = plan.kpis.filter((k: { metric: string }) => k.metric !== 'nps');
    const pilot = plan.steps.findIndex((s: { id: string }) => s.id === 'pilot');
    expectError(() => validateRetentionPlan(plan), 'INVALID_INPUT', `steps[${pilot}].consumes[0]`);
  });

  it("rejects a built-in KPI with another unit or direction, and values outside the unit's domain", () => {
    const unit = stored();
    unit.kpis[3].unit = 'rate';
    expectError(() => validateRetentionPlan(unit), 'INVALID_INPUT', 'kpis[3].unit');
    const direction = stored();
    direction.kpis[0].direction = 'increase';
    expectError(() => validateRetentionPlan(direction), 'INVALID_INPUT', 'kpis[0].direction');
    const quantity = JSON.parse(JSON.stringify(buildRetentionPlan(customised)));
    quantity.kpis.at(-1).unit = 'quantity';
    expectError(
      () => validateRetentionPlan(quantity),
      'INVALID_INPUT',
      `kpis[${quantity.kpis.length - 1}].baseline`,
    );
  });

  it('rejects a period that ends before it starts, and figures out of range', () => {
    const period = JSON.parse(JSON.stringify(buildRetentionPlan(customised)));
    period.period = { start: '2025-06-30', end: '2025-01-01' };
    expectError(() => validateRetentionPlan(period), 'INVALID_INPUT', 'period.end');
    const figures = JSON.parse(JSON.stringify(buildRetentionPlan(customised)));
    figures.segments[0].figures.revenueShare = '60';
    expectError(
      () => validateRetentionPlan(figures),
      'INVALID_INPUT',
      'segments[0].figures.revenueShare',
    );
    const missing = stored();
    delete missing.segments[0].figures;
    expectError(() => validateRetentionPlan(missing), 'INVALID_INPUT', 'segments[0].figures');
  });
});
