import { describe, expect, it } from 'vitest';
import { RetentionMetricsError } from '../../src/core/errors.js';
import { D } from '../../src/core/numeric.js';
import { ru } from '../../src/locale-ru.js';
import { buildRetentionPlan } from '../../src/plan/build.js';
import { PLAN_STEP_IDS } from '../../src/plan/catalog/types.js';
import { retentionPlanInputSchema } from '../../src/plan/input.js';
import type { EnglishLocaleTag } from '../../src/plan/language-pack.js';
import type { RetentionPlan } from '../../src/plan/model.js';

function rejection(fn: () => unknown): RetentionMetricsError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(RetentionMetricsError);
  return caught as RetentionMetricsError;
}

const kpi = (plan: RetentionPlan, metric: string) => plan.kpis.find((k) => k.metric === metric);

const full = {
  churnRate: '0.12',
  previousChurnRate: '0.1',
  retentionRate: '0.88',
  averageOrderValue: '40',
  purchaseFrequency: '1.5',
  repeatPurchaseRate: '0.3',
  customerLifetimeValue: '250',
} as const;

describe('buildRetentionPlan: structure', () => {
  it('holds the ten steps in the order of the source plan, in both languages', () => {
    for (const locale of ['en', ru] as const) {
      const plan = buildRetentionPlan({ locale });
      expect(plan.steps.map((s) => s.id)).toEqual([...PLAN_STEP_IDS]);
      for (const step of plan.steps) {
        expect(step.owners.length, step.id).toBeGreaterThan(0);
        expect(step.tasks.length, step.id).toBeGreaterThanOrEqual(3);
      }
      expect(plan.segments.map((s) => s.segment)).toEqual(['vip', 'new', 'at-risk', 'lost']);
    }
  });

  it('lists the seven analysis methods on the churn-analysis step only', () => {
    const plan = buildRetentionPlan({ locale: 'en' });
    const withMethods = plan.steps.filter((s) => s.methods !== undefined).map((s) => s.id);
    expect(withMethods).toEqual(['churn-analysis']);
    expect(plan.steps[2]?.methods?.map((m) => m.id)).toEqual([
      'surveys',
      'behaviour-analytics',
      'exit-interviews',
      'reviews-and-social',
      'predictive-models',
      'competitor-analysis',
      'point-of-sale-feedback',
    ]);
  });

  it('names only roles that own a step, and every owner is named', () => {
    const plan = buildRetentionPlan({ locale: ru });
    const owners = new Set(plan.steps.flatMap((s) => s.owners));
    expect(new Set(plan.roles.map((r) => r.id))).toEqual(owners);
    expect(plan.roles.find((r) => r.id === 'top-management')?.name).toBe('Топ-менеджмент');
  });

  it('is the same for the same input, and survives a JSON round trip', () => {
    const input = { locale: ru, metrics: full } as const;
    const a = buildRetentionPlan(input);
    const b = buildRetentionPlan(input);
    expect(b).toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toStrictEqual(a);
  });

  it('reads numbers, strings and Decimals alike', () => {
    const fromStrings = buildRetentionPlan({ locale: 'en', metrics: { churnRate: '0.12' } });
    const fromNumber = buildRetentionPlan({ locale: 'en', metrics: { churnRate: 0.12 } });
    const fromDecimal = buildRetentionPlan({ locale: 'en', metrics: { churnRate: new D('0.12') } });
    expect(fromNumber).toEqual(fromStrings);
    expect(fromDecimal).toEqual(fromStrings);
  });
});

describe('buildRetentionPlan: targets (hand-worked)', () => {
  it('lowers churn by 5 % of its value by default: 0.12 × 0.95 = 0.114', () => {
    const plan = buildRetentionPlan({ locale: 'en', metrics: full });
    expect(kpi(plan, 'churnRate')).toMatchObject({
      baseline: '0.12',
      target: '0.114',
      direction: 'decrease',
    });
    // The loss 1 − 0.88 = 0.12 shrinks to 0.114, so retention goes to 1 − 0.114 = 0.886.
    expect(kpi(plan, 'retentionRate')).toMatchObject({ baseline: '0.88', target: '0.886' });
  });

  it('keeps a tiny retention target at or above its baseline despite rounding to 34 digits', () => {
    // 1 − (1 − 1e-40) × (1 − 0) = 1e-40 exactly; computed as 1 − 1 × 1 after 1 − 1e-40 is
    // rounded to 34 digits it would be 0, below the baseline.
    const none = buildRetentionPlan({
      locale: 'en',
      metrics: { retentionRate: '1e-40' },
      options: { churnReduction: 0 },
    });
    expect(kpi(none, 'retentionRate')?.target).toBe('1e-40');
    // 1e-40 + 0.05 × (1 − 1e-40) = 0.05 + 9.5e-41, which is 0.05 to 34 digits.
    const tiny = buildRetentionPlan({ locale: 'en', metrics: { retentionRate: '1e-40' } });
    expect(kpi(tiny, 'retentionRate')?.target).toBe('0.05');
  });

  it('raises repeat-purchase rate, AOV, frequency and CLV by 5 % by default', () => {
    const plan = buildRetentionPlan({ locale: 'en', metrics: full });
    // 0.3 × 1.05 = 0.315; 40 × 1.05 = 42; 1.5 × 1.05 = 1.575; 250 × 1.05 = 262.5
    expect(kpi(plan, 'repeatPurchaseRate')).toMatchObject({
      baseline: '0.3',
      target: '0.315',
      direction: 'increase',
    });
    expect(kpi(plan, 'averageOrderValue')).toMatchObject({ baseline: '40', target: '42' });
    expect(kpi(plan, 'purchaseFrequency')).toMatchObject({ baseline: '1.5', target: '1.575' });
    expect(kpi(plan, 'customerLifetimeValue')).toMatchObject({
      baseline: '250',
      target: '262.5',
    });
  });

  it('uses the configured reduction and growth', () => {
    const plan = buildRetentionPlan({
      locale: 'en',
      metrics: { churnRate: '0.2', averageOrderValue: '40' },
      options: { churnReduction: '0.1', growth: '0.25' },
    });
    // 0.2 × 0.9 = 0.18; 40 × 1.25 = 50
    expect(kpi(plan, 'churnRate')?.target).toBe('0.18');
    expect(kpi(plan, 'averageOrderValue')?.target).toBe('50');
    expect(plan.options).toEqual({ churnReduction: '0.1', growth: '0.25', crisisChurnRate: '0.1' });
  });

  it('caps the repeat-purchase target at 1: 0.98 × 1.05 = 1.029 → 1', () => {
    const plan = buildRetentionPlan({ locale: 'en', metrics: { repeatPurchaseRate: '0.98' } });
    expect(kpi(plan, 'repeatPurchaseRate')?.target).toBe('1');
  });

  it("normalises a decimal string: '0.30000' → baseline '0.3', target 0.3 × 0.95 = 0.285", () => {
    const plan = buildRetentionPlan({ locale: 'en', metrics: { churnRate: '0.30000' } });
    expect(kpi(plan, 'churnRate')).toMatchObject({ baseline: '0.3', target: '0.285' });
  });

  it('copies the plan-level KPIs into the steps', () => {
    const plan = buildRetentionPlan({ locale: 'en', metrics: full });
    const churnAnalysis = plan.steps.find((s) => s.id === 'churn-analysis');
    expect(churnAnalysis?.kpis).toEqual([
      {
        metric: 'churnRate',
        unit: 'rate',
        baseline: '0.12',
        target: '0.114',
        direction: 'decrease',
      },
    ]);
  });

  it('without a snapshot: baselines and targets are null and churn is measured first', () => {
    const plan = buildRetentionPlan({ locale: 'en' });
    for (const k of plan.kpis) {
      expect(k.baseline, k.metric).toBeNull();
      expect(k.target, k.metric).toBeNull();
    }
    expect(plan.measureFirst).toEqual([
      'churnRate',
      'retentionRate',
      'repeatPurchaseRate',
      'averageOrderValue',
      'purchaseFrequency',
      'customerLifetimeValue',
    ]);
    expect(plan.measureFirstNote).toMatch(/Measure these metrics first/);
  });

  it('with a partial snapshot lists only the missing metrics; with a full one nothing', () => {
    const partial = buildRetentionPlan({ locale: 'en', metrics: { churnRate: '0.05' } });
    expect(partial.measureFirst[0]).toBe('retentionRate');
    expect(partial.measureFirst).not.toContain('churnRate');
    const complete = buildRetentionPlan({ locale: 'en', metrics: full });
    expect(complete.measureFirst).toEqual([]);
    expect(complete.measureFirstNote).toBeNull();
    expect(kpi(complete, 'positiveReviews')).toMatchObject({ baseline: null, target: null });
  });
});

describe('buildRetentionPlan: review cadence', () => {
  const cadence = (metrics: Record<string, string>, options = {}) =>
    buildRetentionPlan({ locale: 'en', metrics, options }).cadence;

  it('is monthly when churn 0.12 is above the crisis threshold 0.1', () => {
    expect(cadence({ churnRate: '0.12' })).toEqual({
      every: 'month',
      reasonCode: 'above-crisis',
      reason: 'Review monthly: churn is 12%, above the crisis threshold of 10%.',
    });
  });

  it('is monthly when churn rose against the previous period (0.05 → 0.06)', () => {
    expect(cadence({ churnRate: '0.06', previousChurnRate: '0.05' })).toMatchObject({
      every: 'month',
      reasonCode: 'rising',
    });
  });

  it('says both reasons when churn is above the threshold and rising', () => {
    const c = cadence({ churnRate: '0.12', previousChurnRate: '0.1' });
    expect(c.reasonCode).toBe('above-crisis-and-rising');
    expect(c.reason).toContain('up from 10%');
  });

  it('is quarterly when churn 0.04 fell from 0.05 and is below the threshold', () => {
    expect(cadence({ churnRate: '0.04', previousChurnRate: '0.05' })).toMatchObject({
      every: 'quarter',
      reasonCode: 'stable',
    });
  });

  it('is quarterly at exactly the threshold and with unchanged churn (not "above", not "rising")', () => {
    expect(cadence({ churnRate: '0.1', previousChurnRate: '0.1' }).every).toBe('quarter');
  });

  it('is quarterly without a previous period, and says the trend is unknown', () => {
    expect(cadence({ churnRate: '0.04' }).reasonCode).toBe('below-crisis-no-trend');
  });

  it('is quarterly without a churn rate', () => {
    expect(cadence({})).toMatchObject({ every: 'quarter', reasonCode: 'no-churn-data' });
  });

  it('follows a configured crisis threshold', () => {
    expect(cadence({ churnRate: '0.04' }, { crisisChurnRate: '0.03' }).every).toBe('month');
  });

  it('formats percentages per locale in the reason', () => {
    const plan = buildRetentionPlan({ locale: ru, metrics: { churnRate: '0.125' } });
    expect(plan.cadence.reason).toContain('12,5\u00a0%');
    expect(plan.cadence.reason).toContain('10\u00a0%');
    expect(plan.cadence.reason).toMatch(/^Пересматривать план ежемесячно/);
  });
});

describe('buildRetentionPlan: bad input', () => {
  it('rejects an unknown locale', () => {
    const error = rejection(() => buildRetentionPlan({ locale: 'de' as 'en' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('locale');
  });

  it('rejects unknown fields in the input, the snapshot and the options', () => {
    expect(rejection(() => buildRetentionPlan({ locale: 'en', extra: 1 } as never)).code).toBe(
      'INVALID_INPUT',
    );
    expect(
      rejection(() => buildRetentionPlan({ locale: 'en', metrics: { churn: '0.1' } as never }))
        .message,
    ).toMatch(/metrics has unknown field 'churn'/);
    expect(
      rejection(() => buildRetentionPlan({ locale: 'en', options: { reduction: 1 } as never }))
        .code,
    ).toBe('INVALID_INPUT');
  });

  it('rejects a churn rate given as a percentage and a negative AOV', () => {
    expect(
      rejection(() => buildRetentionPlan({ locale: 'en', metrics: { churnRate: 12 } })).field,
    ).toBe('metrics.churnRate');
    expect(
      rejection(() => buildRetentionPlan({ locale: 'en', metrics: { averageOrderValue: '-1' } }))
        .field,
    ).toBe('metrics.averageOrderValue');
  });
});

describe('buildRetentionPlan: BCP 47 locales and language packs', () => {
  it.each(['en-GB', 'en-US', 'EN'] as const)(
    '%s writes the plan in English and records the language',
    (tag) => {
      const plan = buildRetentionPlan({ locale: tag, metrics: { churnRate: '0.12' } });
      expect(plan.locale).toBe('en');
      expect(plan).toEqual(buildRetentionPlan({ locale: 'en', metrics: { churnRate: '0.12' } }));
      expect(retentionPlanInputSchema.safeParse({ locale: tag }).success).toBe(true);
    },
  );

  it('the ru pack writes the plan in Russian and records the language', () => {
    const plan = buildRetentionPlan({ locale: ru, metrics: { churnRate: '0.12' } });
    expect(plan.locale).toBe('ru');
    expect(plan.title).toBe('План удержания клиентов');
    expect(retentionPlanInputSchema.safeParse({ locale: ru }).success).toBe(true);
  });

  it('types locale as a tag of English in any case, or a pack: a tag of Russian is a type error', () => {
    const tags: EnglishLocaleTag[] = ['en', 'EN', 'en-GB', 'En-us'];
    expect(tags.map((locale) => buildRetentionPlan({ locale }).locale)).toEqual([
      'en',
      'en',
      'en',
      'en',
    ]);
    // @ts-expect-error a Russian plan takes the ru pack from 'retention-metrics/locale/ru'
    const russian: EnglishLocaleTag = 'ru-RU';
    // @ts-expect-error only English is built in
    const german: EnglishLocaleTag = 'de';
    expect(
      [russian, german].map((tag) => retentionPlanInputSchema.safeParse({ locale: tag }).success),
    ).toEqual([false, false]);
  });

  it.each(['ru', 'ru-RU', 'RU'])('rejects %j without the pack, saying what to import', (tag) => {
    // A tag of Russian does not type-check (EnglishLocaleTag); a JavaScript caller gets the hint.
    const error = rejection(() => buildRetentionPlan({ locale: tag as EnglishLocaleTag }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('locale');
    expect(error.message).toBe(
      `buildRetentionPlan: locale is '${tag}', a tag of Russian, whose plan texts are a separate entry: import { ru } from 'retention-metrics/locale/ru' and pass { locale: ru }`,
    );
    expect(retentionPlanInputSchema.safeParse({ locale: tag }).success).toBe(false);
  });

  it.each(['de-DE', 'de', 'not a tag', '', 7, null])(
    'rejects %j, listing the supported languages',
    (tag) => {
      const error = rejection(() => buildRetentionPlan({ locale: tag as EnglishLocaleTag }));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.field).toBe('locale');
      expect(error.message).toBe(
        `buildRetentionPlan: locale must be a BCP 47 locale tag of English ('en', 'en-GB') or a plan language pack of a supported language ('en', 'ru'), such as ru from 'retention-metrics/locale/ru' (received ${JSON.stringify(tag)})`,
      );
      expect(retentionPlanInputSchema.safeParse({ locale: tag }).success).toBe(false);
    },
  );

  it('checks a language pack: its language, and every text in the shape of the English ones', () => {
    const texts = ru.texts;
    const cases: [unknown, string, string][] = [
      [{ ...ru, language: 'de' }, 'locale.language', "must be one of 'en', 'ru' (received \"de\")"],
      [{ language: 'ru' }, 'locale.texts', 'must be an object of texts (received undefined)'],
      [{ ...ru, extra: 1 }, 'locale.extra', 'is not a field of a language pack'],
      [
        { ...ru, texts: { ...texts, plan: { ...texts.plan, title: '' } } },
        'locale.texts.plan.title',
        'must be a non-empty string (received "")',
      ],
      [
        {
          ...ru,
          texts: { ...texts, dates: { ...texts.dates, months: texts.dates.months.slice(1) } },
        },
        'locale.texts.dates.months',
        'must be a list of 12 texts',
      ],
      [
        { ...ru, texts: { ...texts, steps: { ...texts.steps, extra: texts.steps.strategy } } },
        'locale.texts.steps.extra',
        'is not a known text',
      ],
      [{ texts }, 'locale.language', "must be one of 'en', 'ru' (received undefined)"],
      [{ ...ru, texts: 'texts' }, 'locale.texts', 'must be an object of texts (received "texts")'],
      [
        { ...ru, texts: { ...texts, dates: { ...texts.dates, months: 'January' } } },
        'locale.texts.dates.months',
        'must be a list of 12 texts (received "January")',
      ],
      [
        {
          ...ru,
          texts: {
            ...texts,
            dates: { ...texts.dates, months: [1, ...texts.dates.months.slice(1)] },
          },
        },
        'locale.texts.dates.months[0]',
        'must be a non-empty string (received 1)',
      ],
      [
        // A hole in a list is a missing text, not a crash.
        {
          ...ru,
          texts: {
            ...texts,
            // biome-ignore lint/suspicious/noSparseArray: the hole is the case under test
            dates: { ...texts.dates, months: [, ...texts.dates.months.slice(1)] },
          },
        },
        'locale.texts.dates.months[0]',
        'must be a non-empty string (received undefined)',
      ],
    ];
    for (const [locale, field, message] of cases) {
      const error = rejection(() => buildRetentionPlan({ locale: locale as typeof ru }));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.field).toBe(field);
      expect(error.message).toContain(`buildRetentionPlan: ${field} ${message}`);
    }
  });

  it('takes a pack of its own as given: a copy of the pack writes the same plan', () => {
    const copy = JSON.parse(JSON.stringify(ru)) as typeof ru;
    expect(buildRetentionPlan({ locale: copy })).toEqual(buildRetentionPlan({ locale: ru }));
  });
});

describe('retentionPlanInputSchema returns the arranged customisation', () => {
  it('gives the step ids in order and the parsed custom KPIs, which the plan is built from', () => {
    const input = {
      locale: 'en',
      customize: {
        remove: ['team-training', 'automation'],
        order: ['re-analysis', 'data-collection'],
        kpis: [
          {
            metric: 'nps',
            name: 'NPS',
            description: 'Promoters minus detractors.',
            unit: 'score',
            direction: 'increase',
            baseline: 12,
            target: 20,
          },
        ],
      },
    } as const;
    const parsed = retentionPlanInputSchema.parse(input);
    // The ten steps without team-training and automation (8th and 9th), the first and the last
    // swapped by `order`.
    const ids = ['re-analysis', ...PLAN_STEP_IDS.slice(1, 7), 'data-collection'];
    expect(parsed.arranged.stepIds).toEqual(ids);
    expect(
      parsed.arranged.customKpis.map((k) => [k.metric, String(k.baseline), String(k.target)]),
    ).toEqual([['nps', '12', '20']]);
    expect(buildRetentionPlan(input).steps.map((s) => s.id)).toEqual(ids);
  });
});
