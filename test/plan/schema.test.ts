import { describe, expect, it } from 'vitest';
import { toJsonSchema } from '../../src/core/schemas.js';
import { buildRetentionPlan, type RetentionPlanInput } from '../../src/plan/build.js';
import { retentionPlanSchema, validateRetentionPlan } from '../../src/plan/schema.js';
import { expectError } from '../support/errors.js';

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
  { locale: 'ru' },
  { locale: 'en', metrics: full },
  { locale: 'ru', metrics: full, options: { churnReduction: '0.1', growth: 0.2 } },
  { locale: 'en', metrics: { churnRate: 0.04, previousChurnRate: 0.05 } },
  { locale: 'ru', metrics: { repeatPurchaseRate: '0.98', averageOrderValue: '1e-45' } },
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
    const plan = buildRetentionPlan({ locale: 'ru', metrics: full });
    expect(retentionPlanSchema.safeParse(plan).success).toBe(true);
  });

  it('has a draft 2020-12 JSON Schema with the plan fields', () => {
    const schema = toJsonSchema(retentionPlanSchema);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(properties)).toEqual([
      'locale',
      'title',
      'steps',
      'roles',
      'kpis',
      'cadence',
      'segments',
      'measureFirst',
      'measureFirstNote',
      'options',
    ]);
    expect(properties.steps?.type).toBe('array');
    const step = properties.steps?.items as Record<string, unknown>;
    expect((step.properties as Record<string, { enum?: unknown }>).id?.enum).toHaveLength(10);
    expect(step.required).not.toContain('methods');
    expect(schema.required).toContain('steps');
  });
});

describe('validateRetentionPlan: corrupted plans', () => {
  it('rejects an unknown step id, naming steps[i].id', () => {
    const plan = stored();
    plan.steps[4].id = 'launch';
    expectError(() => validateRetentionPlan(plan), 'INVALID_INPUT', 'steps[4].id');
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
    // AOV is money, not a rate: 42 is fine.
    const aov = stored();
    aov.kpis[3].target = '4200';
    expect(validateRetentionPlan(aov).kpis[3]?.target).toBe('4200');
    for (const huge of ['1e100', '1e99999999999999999999']) {
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
