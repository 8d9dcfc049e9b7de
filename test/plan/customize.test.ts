import { describe, expect, it } from 'vitest';
import { D } from '../../src/core/numeric.js';
import { toJsonSchema } from '../../src/json-schema.js';
import { ru } from '../../src/locale-ru.js';
import { buildRetentionPlan } from '../../src/plan/build.js';
import { PLAN_STEP_IDS } from '../../src/plan/catalog/types.js';
import type { PlanStepAddition, PlanStepInput } from '../../src/plan/customize/types.js';
import { type RetentionPlanInput, retentionPlanInputSchema } from '../../src/plan/input.js';
import type { RetentionPlan } from '../../src/plan/model.js';
import { renderRetentionPlanOptionsSchema } from '../../src/plan/render.js';
import { expectError } from '../support/errors.js';

const ids = (plan: RetentionPlan) => plan.steps.map((s) => s.id);
const step = (plan: RetentionPlan, id: string) => plan.steps.find((s) => s.id === id);
const kpi = (plan: RetentionPlan, metric: string) => plan.kpis.find((k) => k.metric === metric);

/** A user's step with the required fields; `id` and the rest as given. */
function userStep<T extends Partial<PlanStepAddition>>(id: string, extra: T = {} as T) {
  return {
    id,
    title: `Step ${id}`,
    description: `What ${id} is about.`,
    tasks: [`Do ${id}.`],
    owners: ['marketing'],
    ...extra,
  } satisfies PlanStepInput;
}

const build = (
  customize: RetentionPlanInput['customize'],
  extra: Partial<RetentionPlanInput> = {},
) =>
  buildRetentionPlan({ locale: 'en', ...extra, ...(customize === undefined ? {} : { customize }) });

describe('customize.remove', () => {
  it('leaves out the listed steps and the roles that no longer own a step', () => {
    const plan = build({ remove: ['team-training', 'automation'] });
    expect(ids(plan)).toEqual([
      'data-collection',
      'segmentation',
      'churn-analysis',
      'strategy',
      'implementation',
      'monitoring',
      'adjustment',
      're-analysis',
    ]);
    // HR owns only team training; every other role still owns a step. Catalogue order.
    expect(plan.roles.map((r) => r.id)).toEqual([
      'top-management',
      'analysts',
      'account-managers',
      'product',
      'marketing',
      'customer-support',
    ]);
  });
});

describe('customize.replace', () => {
  it('replaces a step in place, keeping its id, with the texts taken as written', () => {
    const plan = build({
      replace: [
        {
          id: 'automation',
          title: 'Automate win-back e-mails',
          description: 'Send the win-back series from the CRM.',
          tasks: ['Write three e-mails.', 'Schedule them 30, 60 and 90 days after the last order.'],
          owners: ['marketing', 'analysts'],
          consumes: ['purchaseFrequency'],
          kpis: ['repeatPurchaseRate'],
        },
      ],
    });
    expect(ids(plan)).toEqual([...PLAN_STEP_IDS]);
    expect(plan.steps[8]).toStrictEqual({
      id: 'automation',
      title: 'Automate win-back e-mails',
      description: 'Send the win-back series from the CRM.',
      tasks: ['Write three e-mails.', 'Schedule them 30, 60 and 90 days after the last order.'],
      owners: ['marketing', 'analysts'],
      consumes: ['purchaseFrequency'],
      produces: [],
      kpis: [
        {
          metric: 'repeatPurchaseRate',
          unit: 'rate',
          baseline: null,
          target: null,
          direction: 'increase',
        },
      ],
    });
  });

  it('drops the analysis methods when the churn-analysis step is replaced', () => {
    const plan = build({ replace: [{ ...userStep('x'), id: 'churn-analysis', example: 'E.g.' }] });
    expect(step(plan, 'churn-analysis')).not.toHaveProperty('methods');
    expect(step(plan, 'churn-analysis')?.example).toBe('E.g.');
  });
});

describe('customize.add', () => {
  it('inserts after the named step; several after the same step keep their order', () => {
    // a after strategy: …, strategy, a, implementation, …
    // b after strategy: after a, the last step added after strategy → strategy, a, b
    // c without after: at the end
    // d after a: nothing was added after a yet → directly after a: strategy, a, d, b
    const plan = build({
      add: [
        userStep('a', { after: 'strategy' }),
        userStep('b', { after: 'strategy' }),
        userStep('c'),
        userStep('d', { after: 'a' }),
      ],
    });
    expect(ids(plan)).toEqual([
      'data-collection',
      'segmentation',
      'churn-analysis',
      'strategy',
      'a',
      'd',
      'b',
      'implementation',
      'monitoring',
      'adjustment',
      'team-training',
      'automation',
      're-analysis',
      'c',
    ]);
    expect(step(plan, 'a')).toStrictEqual({
      id: 'a',
      title: 'Step a',
      description: 'What a is about.',
      tasks: ['Do a.'],
      owners: ['marketing'],
      consumes: [],
      produces: [],
      kpis: [],
    });
  });

  it('can add after the last step, and in place of removed ones', () => {
    const plan = build({
      remove: [...PLAN_STEP_IDS].filter((id) => id !== 're-analysis'),
      add: [
        userStep('kick-off', { owners: ['hr'] }),
        userStep('wrap-up', { after: 're-analysis' }),
      ],
    });
    expect(ids(plan)).toEqual(['re-analysis', 'wrap-up', 'kick-off']);
    // re-analysis is owned by top management and analysts; the added steps by HR and marketing.
    expect(plan.roles.map((r) => r.id)).toEqual(['top-management', 'analysts', 'marketing', 'hr']);
  });
});

describe('customize.order', () => {
  it('swaps the listed steps among their own positions and leaves the others in place', () => {
    // segmentation is at position 1 and monitoring at 5; listing them as [monitoring,
    // segmentation] puts monitoring at 1 and segmentation at 5.
    const plan = build({ order: ['monitoring', 'segmentation'] });
    expect(ids(plan)).toEqual([
      'data-collection',
      'monitoring',
      'churn-analysis',
      'strategy',
      'implementation',
      'segmentation',
      'adjustment',
      'team-training',
      'automation',
      're-analysis',
    ]);
  });

  it('gives exactly the listed order when every step is listed, added steps included', () => {
    const order = ['x', ...[...PLAN_STEP_IDS].reverse()];
    const plan = build({ add: [userStep('x', { after: 'strategy' })], order });
    expect(ids(plan)).toEqual(order);
  });

  it('leaves the order unchanged for a list of one step or an empty list', () => {
    expect(ids(build({ order: ['strategy'] }))).toEqual([...PLAN_STEP_IDS]);
    expect(ids(build({ order: [] }))).toEqual([...PLAN_STEP_IDS]);
  });
});

describe('customize.owners', () => {
  it('replaces the owners of a step, and the roles follow', () => {
    const plan = build({
      owners: [{ step: 'team-training', roles: ['customer-support', 'top-management'] }],
    });
    expect(step(plan, 'team-training')?.owners).toEqual(['customer-support', 'top-management']);
    expect(plan.roles.map((r) => r.id)).not.toContain('hr');
  });

  it('applies to added steps too, after their own owners', () => {
    const plan = build({
      add: [userStep('pilot', { owners: ['marketing'] })],
      owners: [{ step: 'pilot', roles: ['product'] }],
    });
    expect(step(plan, 'pilot')?.owners).toEqual(['product']);
  });
});

describe('customize.cadence', () => {
  it('overrides the churn rule and says so, naming what the rule would choose (en)', () => {
    // churn 0.12 > crisis 0.1 → the rule says monthly; the user sets quarterly.
    const plan = build({ cadence: 'quarter' }, { metrics: { churnRate: '0.12' } });
    expect(plan.cadence).toEqual({
      every: 'quarter',
      reasonCode: 'override',
      reason:
        'Review quarterly: the cadence was set by hand. Going by churn alone, the plan would be reviewed monthly.',
    });
  });

  it('says so in Russian, also when the rule agrees', () => {
    const plan = buildRetentionPlan({
      locale: ru,
      metrics: { churnRate: '0.12' },
      customize: { cadence: 'month' },
    });
    expect(plan.cadence).toEqual({
      every: 'month',
      reasonCode: 'override',
      reason:
        'Пересматривать план ежемесячно: периодичность задана вручную. Если исходить только из оттока, план пересматривали бы ежемесячно.',
    });
  });
});

describe('customize.targets', () => {
  const metrics = {
    churnRate: '0.12',
    retentionRate: '0.88',
    averageOrderValue: '40',
  } as const;

  it('replaces the derived target of each listed metric only, in the plan and in its steps', () => {
    const plan = build(
      { targets: { churnRate: 0.1, averageOrderValue: '45.50', positiveReviews: '0.9' } },
      { metrics },
    );
    expect(kpi(plan, 'churnRate')).toMatchObject({ baseline: '0.12', target: '0.1' });
    // Retention keeps its derived target: 1 − 0.12 × 0.95 = 0.886.
    expect(kpi(plan, 'retentionRate')).toMatchObject({ baseline: '0.88', target: '0.886' });
    expect(kpi(plan, 'averageOrderValue')).toMatchObject({ baseline: '40', target: '45.5' });
    // A target without a baseline: positive reviews are measured outside the library.
    expect(kpi(plan, 'positiveReviews')).toMatchObject({ baseline: null, target: '0.9' });
    expect(step(plan, 'churn-analysis')?.kpis[0]).toMatchObject({
      metric: 'churnRate',
      target: '0.1',
    });
  });

  it('accepts a target equal to the baseline, and any target without a baseline', () => {
    expect(kpi(build({ targets: { churnRate: '0.12' } }, { metrics }), 'churnRate')?.target).toBe(
      '0.12',
    );
    expect(kpi(build({ targets: { churnRate: '0.3' } }), 'churnRate')).toMatchObject({
      baseline: null,
      target: '0.3',
    });
  });

  it('rejects a target against the direction: churn above its baseline, AOV below it', () => {
    const churn = expectError(
      () => build({ targets: { churnRate: '0.15' } }, { metrics }),
      'INVALID_INPUT',
      'customize.targets.churnRate',
    );
    expect(churn.message).toBe(
      'buildRetentionPlan: customize.targets.churnRate is 0.15, above the baseline 0.12, but the KPI should decrease; a target may not be above its baseline',
    );
    expectError(
      () => build({ targets: { averageOrderValue: 39.99 } }, { metrics }),
      'INVALID_INPUT',
      'customize.targets.averageOrderValue',
    );
  });

  it("rejects a target outside the metric's domain and an unknown metric", () => {
    const rate = expectError(
      () => build({ targets: { retentionRate: 90 } }),
      'INVALID_INPUT',
      'customize.targets.retentionRate',
    );
    expect(rate.message).toContain('not a percentage');
    expectError(
      () => build({ targets: { customerLifetimeValue: '-1' } }),
      'INVALID_INPUT',
      'customize.targets.customerLifetimeValue',
    );
    expectError(
      () => build({ targets: { purchaseFrequency: Number.NaN } }),
      'INVALID_INPUT',
      'customize.targets.purchaseFrequency',
    );
    const unknown = expectError(
      () => build({ targets: { nps: 10 } as never }),
      'INVALID_INPUT',
      'customize.targets',
    );
    expect(unknown.message).toContain("unknown field 'nps'");
  });
});

describe('customize.kpis', () => {
  const nps = {
    metric: 'nps',
    name: 'Net promoter score',
    description: 'Promoters minus detractors, from −100 to 100.',
    unit: 'score',
    direction: 'increase',
    baseline: -5,
    target: new D('10'),
  } as const;

  it('adds a custom KPI after the built-in ones, with its values as exact strings', () => {
    const plan = build({ kpis: [nps] });
    expect(plan.kpis.map((k) => k.metric)).toHaveLength(8);
    expect(plan.kpis[7]).toStrictEqual({
      metric: 'nps',
      unit: 'score',
      baseline: '-5',
      target: '10',
      direction: 'increase',
      name: 'Net promoter score',
      description: 'Promoters minus detractors, from −100 to 100.',
    });
    // Only in the plan: no step lists it.
    expect(plan.steps.flatMap((s) => s.kpis.map((k) => k.metric))).not.toContain('nps');
  });

  it('attaches a custom KPI to the listed steps, after their own KPIs', () => {
    const plan = build({ kpis: [{ ...nps, steps: ['team-training', 'monitoring'] }] });
    expect(step(plan, 'team-training')?.kpis.map((k) => k.metric)).toEqual([
      'positiveReviews',
      'nps',
    ]);
    expect(step(plan, 'monitoring')?.kpis.at(-1)).toStrictEqual({
      metric: 'nps',
      unit: 'score',
      baseline: '-5',
      target: '10',
      direction: 'increase',
    });
  });

  it("lets a user's step consume, produce and track custom KPIs", () => {
    const csat = {
      metric: 'csat',
      name: 'Support satisfaction',
      description: 'Share of satisfied support contacts.',
      unit: 'rate',
      direction: 'increase',
      baseline: '0.8',
    } as const;
    const plan = build({
      kpis: [nps, csat],
      add: [
        userStep('support', { consumes: ['csat'], produces: ['nps'], kpis: ['csat', 'churnRate'] }),
      ],
    });
    expect(step(plan, 'support')).toMatchObject({ consumes: ['csat'], produces: ['nps'] });
    expect(step(plan, 'support')?.kpis).toEqual([
      { metric: 'csat', unit: 'rate', baseline: '0.8', target: null, direction: 'increase' },
      { metric: 'churnRate', unit: 'rate', baseline: null, target: null, direction: 'decrease' },
    ]);
  });

  it('rejects a clashing or repeated metric, a value outside its unit and a target against direction', () => {
    expectError(
      () => build({ kpis: [{ ...nps, metric: 'churnRate' }] }),
      'INVALID_INPUT',
      'customize.kpis[0].metric',
    );
    expectError(() => build({ kpis: [nps, nps] }), 'INVALID_INPUT', 'customize.kpis[1].metric');
    expectError(
      () => build({ kpis: [{ ...nps, unit: 'rate', baseline: 0.2, target: 40 }] }),
      'INVALID_INPUT',
      'customize.kpis[0].target',
    );
    expectError(
      () => build({ kpis: [{ ...nps, unit: 'quantity' }] }),
      'INVALID_INPUT',
      'customize.kpis[0].baseline',
    );
    expectError(
      () => build({ kpis: [{ ...nps, baseline: 'Infinity' }] }),
      'INVALID_INPUT',
      'customize.kpis[0].baseline',
    );
    const against = expectError(
      () => build({ kpis: [{ ...nps, direction: 'decrease' }] }),
      'INVALID_INPUT',
      'customize.kpis[0].target',
    );
    expect(against.message).toContain('is 10, above the baseline -5');
    expectError(
      () => build({ kpis: [{ ...nps, name: '' }] }),
      'INVALID_INPUT',
      'customize.kpis[0].name',
    );
    expectError(
      () => build({ kpis: [{ ...nps, unit: 'percent' as never }] }),
      'INVALID_INPUT',
      'customize.kpis[0].unit',
    );
  });

  it('rejects unknown or repeated steps, and a step listing the KPI twice', () => {
    expectError(
      () => build({ kpis: [{ ...nps, steps: ['monitoring', 'launch'] }] }),
      'INVALID_INPUT',
      'customize.kpis[0].steps[1]',
    );
    expectError(
      () => build({ remove: ['monitoring'], kpis: [{ ...nps, steps: ['monitoring'] }] }),
      'INVALID_INPUT',
      'customize.kpis[0].steps[0]',
    );
    expectError(
      () => build({ kpis: [{ ...nps, steps: ['monitoring', 'monitoring'] }] }),
      'INVALID_INPUT',
      'customize.kpis[0].steps[1]',
    );
    expectError(
      () => build({ add: [userStep('x', { kpis: ['nps'] })], kpis: [{ ...nps, steps: ['x'] }] }),
      'INVALID_INPUT',
      'customize.kpis[0].steps[0]',
    );
  });
});

describe('customize: bad ids and overrides', () => {
  it('names the entry of an unknown, repeated or conflicting step id', () => {
    const unknown = expectError(
      () => build({ remove: ['strategy', 'launch' as never] }),
      'INVALID_INPUT',
      'customize.remove[1]',
    );
    expect(unknown.message).toContain('(received "launch")');
    expectError(
      () => build({ remove: ['strategy', 'strategy'] }),
      'INVALID_INPUT',
      'customize.remove[1]',
    );
    expectError(
      () => build({ replace: [{ ...userStep('x'), id: 'launch' as never }] }),
      'INVALID_INPUT',
      'customize.replace[0].id',
    );
    expectError(
      () =>
        build({
          replace: [
            { ...userStep('x'), id: 'strategy' },
            { ...userStep('y'), id: 'strategy' },
          ],
        }),
      'INVALID_INPUT',
      'customize.replace[1].id',
    );
    const both = expectError(
      () => build({ remove: ['strategy'], replace: [{ ...userStep('x'), id: 'strategy' }] }),
      'INVALID_INPUT',
      'customize.replace[0].id',
    );
    expect(both.message).toContain('customize.remove also removes');
  });

  it('rejects an added id that clashes, repeats or is not an id, and an unknown anchor', () => {
    const clash = expectError(
      () => build({ add: [userStep('automation')] }),
      'INVALID_INPUT',
      'customize.add[0].id',
    );
    expect(clash.message).toContain('use customize.replace');
    // A removed built-in id is still taken.
    expectError(
      () => build({ remove: ['automation'], add: [userStep('automation')] }),
      'INVALID_INPUT',
      'customize.add[0].id',
    );
    expectError(
      () => build({ add: [userStep('x'), userStep('x')] }),
      'INVALID_INPUT',
      'customize.add[1].id',
    );
    expectError(
      () => build({ add: [userStep('my step')] }),
      'INVALID_INPUT',
      'customize.add[0].id',
    );
    expectError(() => build({ add: [userStep('')] }), 'INVALID_INPUT', 'customize.add[0].id');
    expectError(
      () => build({ add: [userStep('x', { after: 'launch' })] }),
      'INVALID_INPUT',
      'customize.add[0].after',
    );
    // The anchor must be a step at that point: removed, or added only later, is not.
    expectError(
      () => build({ remove: ['strategy'], add: [userStep('x', { after: 'strategy' })] }),
      'INVALID_INPUT',
      'customize.add[0].after',
    );
    expectError(
      () => build({ add: [userStep('x', { after: 'y' }), userStep('y')] }),
      'INVALID_INPUT',
      'customize.add[0].after',
    );
  });

  it("rejects a user's step with no tasks, no owners, a blank text or an unknown metric", () => {
    expectError(
      () => build({ add: [userStep('x', { tasks: [] })] }),
      'EMPTY_INPUT',
      'customize.add[0].tasks',
    );
    expectError(
      () => build({ add: [userStep('x', { owners: [] })] }),
      'EMPTY_INPUT',
      'customize.add[0].owners',
    );
    expectError(
      () => build({ add: [userStep('x', { owners: ['hr', 'hr'] })] }),
      'INVALID_INPUT',
      'customize.add[0].owners[1]',
    );
    expectError(
      () => build({ add: [userStep('x', { tasks: ['ok', '  '] })] }),
      'INVALID_INPUT',
      'customize.add[0].tasks[1]',
    );
    expectError(
      () => build({ add: [userStep('x', { example: '' })] }),
      'INVALID_INPUT',
      'customize.add[0].example',
    );
    const metric = expectError(
      () => build({ add: [userStep('x', { kpis: ['nps'] })] }),
      'INVALID_INPUT',
      'customize.add[0].kpis[0]',
    );
    expect(metric.message).toContain('neither a built-in metric nor a custom KPI');
    expectError(
      () =>
        build({
          replace: [{ ...userStep('x'), id: 'strategy', consumes: ['churnRate', 'churnRate'] }],
        }),
      'INVALID_INPUT',
      'customize.replace[0].consumes[1]',
    );
    const coloured = { ...userStep('x'), colour: 'red' };
    expectError(() => build({ add: [coloured as never] }), 'INVALID_INPUT', 'customize.add[0]');
  });

  it('rejects removing every step without adding one (EMPTY_INPUT)', () => {
    const error = expectError(
      () => build({ remove: [...PLAN_STEP_IDS] }),
      'EMPTY_INPUT',
      'customize.remove',
    );
    expect(error.message).toBe(
      'buildRetentionPlan: customize.remove removes every step and adds none; a plan needs at least one step',
    );
  });

  it('rejects an order with an unknown, removed or repeated id', () => {
    expectError(
      () => build({ order: ['strategy', 'launch'] }),
      'INVALID_INPUT',
      'customize.order[1]',
    );
    expectError(
      () => build({ remove: ['strategy'], order: ['strategy'] }),
      'INVALID_INPUT',
      'customize.order[0]',
    );
    expectError(
      () => build({ order: ['strategy', 'monitoring', 'strategy'] }),
      'INVALID_INPUT',
      'customize.order[2]',
    );
  });

  it('rejects owners of an unknown or repeated step, and unknown or no roles', () => {
    expectError(
      () => build({ owners: [{ step: 'launch', roles: ['hr'] }] }),
      'INVALID_INPUT',
      'customize.owners[0].step',
    );
    expectError(
      () =>
        build({
          owners: [
            { step: 'strategy', roles: ['hr'] },
            { step: 'strategy', roles: ['product'] },
          ],
        }),
      'INVALID_INPUT',
      'customize.owners[1].step',
    );
    const role = expectError(
      () => build({ owners: [{ step: 'strategy', roles: ['marketing', 'ceo' as never] }] }),
      'INVALID_INPUT',
      'customize.owners[0].roles[1]',
    );
    expect(role.message).toContain('(received "ceo")');
    expectError(
      () => build({ owners: [{ step: 'strategy', roles: [] }] }),
      'EMPTY_INPUT',
      'customize.owners[0].roles',
    );
  });

  it('rejects an unknown cadence and unknown fields', () => {
    expectError(() => build({ cadence: 'year' as never }), 'INVALID_INPUT', 'customize.cadence');
    const error = expectError(() => build({ rename: [] } as never), 'INVALID_INPUT', 'customize');
    expect(error.message).toContain("unknown field 'rename'");
  });
});

describe('customize: purity and determinism', () => {
  const input: RetentionPlanInput = {
    locale: ru,
    metrics: { churnRate: '0.12', averageOrderValue: new D('40') },
    customize: {
      remove: ['team-training'],
      replace: [{ ...userStep('x'), id: 'automation' }],
      add: [userStep('pilot', { after: 'strategy', kpis: ['nps'] })],
      order: ['re-analysis', 'data-collection'],
      owners: [{ step: 'monitoring', roles: ['analysts'] }],
      cadence: 'quarter',
      targets: { averageOrderValue: 50 },
      kpis: [
        {
          metric: 'nps',
          name: 'Индекс NPS',
          description: 'Доля промоутеров минус доля критиков.',
          unit: 'score',
          direction: 'increase',
          steps: ['monitoring'],
        },
      ],
    },
  };

  it('gives a deep-equal plan for the same input, and does not change the input', () => {
    const before = JSON.stringify(input);
    const a = buildRetentionPlan(input);
    const b = buildRetentionPlan(input);
    expect(b).toStrictEqual(a);
    expect(JSON.stringify(input)).toBe(before);
    expect(a.steps).not.toBe(b.steps);
  });

  it('works on a deeply frozen input', () => {
    const freeze = (value: unknown): unknown => {
      if (typeof value === 'object' && value !== null && !D.isDecimal(value)) {
        for (const item of Object.values(value)) freeze(item);
        Object.freeze(value);
      }
      return value;
    };
    const frozen = freeze(structuredClone({ ...input, metrics: { churnRate: '0.12' } }));
    expect(() => buildRetentionPlan(frozen as RetentionPlanInput)).not.toThrow();
  });
});

describe('retentionPlanInputSchema', () => {
  it('makes the same checks as buildRetentionPlan, across fields too', () => {
    expect(
      retentionPlanInputSchema.safeParse({ locale: 'en', customize: { order: ['strategy'] } })
        .success,
    ).toBe(true);
    const result = retentionPlanInputSchema.safeParse({
      locale: 'en',
      customize: { remove: ['strategy'], order: ['strategy'] },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['customize', 'order', 0]);
  });

  it('accepts what buildRetentionPlan accepts as the locale: a tag of English or a language pack', () => {
    expect(retentionPlanInputSchema.safeParse({ locale: 'en-GB' }).success).toBe(true);
    const parsed = retentionPlanInputSchema.safeParse({ locale: ru });
    expect(parsed.success).toBe(true);
    // The output carries the pack the plan is written with.
    expect(parsed.data?.locale).toBe(ru);
    expect(retentionPlanInputSchema.safeParse({ locale: 'ru-RU' }).success).toBe(false);
    expect(retentionPlanInputSchema.safeParse({ locale: { language: 'ru' } }).success).toBe(false);
    expect(renderRetentionPlanOptionsSchema.safeParse({ locale: ru }).success).toBe(true);
    expect(renderRetentionPlanOptionsSchema.safeParse({ locale: 'EN' }).success).toBe(true);
    expect(renderRetentionPlanOptionsSchema.safeParse({ locale: 'ru' }).success).toBe(false);
  });

  it('gives the locale a JSON Schema: a tag, or a language pack', () => {
    const locale = {
      anyOf: [
        { type: 'string', description: "A BCP 47 locale tag of English ('en', 'en-GB')." },
        {
          type: 'object',
          properties: { language: { enum: ['en', 'ru'] }, texts: { type: 'object' } },
          required: ['language', 'texts'],
          additionalProperties: false,
          description: "A plan language pack, such as ru from 'retention-metrics/locale/ru'.",
        },
      ],
    };
    const input = toJsonSchema(retentionPlanInputSchema).properties as Record<string, unknown>;
    expect(input.locale).toEqual(locale);
    const render = toJsonSchema(renderRetentionPlanOptionsSchema).properties as Record<
      string,
      unknown
    >;
    expect(render.locale).toEqual(locale);
  });

  it('has a JSON Schema that describes the new fields', () => {
    const schema = toJsonSchema(retentionPlanInputSchema);
    const properties = schema.properties as Record<string, { properties?: object }>;
    expect(Object.keys(properties)).toEqual([
      'locale',
      'metrics',
      'options',
      'period',
      'segmentReport',
      'customize',
    ]);
    expect(Object.keys(properties.customize?.properties ?? {})).toEqual([
      'remove',
      'replace',
      'add',
      'order',
      'owners',
      'cadence',
      'targets',
      'kpis',
    ]);
  });
});
