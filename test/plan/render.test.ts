import { describe, expect, it } from 'vitest';
import { ru } from '../../src/locale-ru.js';
import { buildRetentionPlan } from '../../src/plan/build.js';
import type { RetentionPlanInput } from '../../src/plan/input.js';
import { renderRetentionPlan } from '../../src/plan/render.js';
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

const NBSP = '\u00a0';

describe('renderRetentionPlan: markdown', () => {
  it('writes the title, the cadence with its reason, and each step with its checklist (en)', () => {
    const plan = buildRetentionPlan({ locale: 'en', metrics: full });
    const md = renderRetentionPlan(plan, { format: 'markdown' });
    expect(md.startsWith('# Customer retention plan\n\n## Review cadence: monthly\n\n')).toBe(true);
    expect(md).toContain(`\n${plan.cadence.reason}\n`);
    const first = plan.steps[0];
    expect(md).toContain(`\n## 1. ${first?.title}\n`);
    expect(md).toContain(`\n- [ ] ${first?.tasks[0]}\n`);
    expect(md).toContain(`\n## 10. ${plan.steps[9]?.title}\n`);
    expect(md).toContain('\n**Owners:** Analysts, Customer support, Account managers\n');
    expect(md).toContain(`\n**In practice:** ${first?.example}\n`);
    expect(md.endsWith('\n')).toBe(true);
    expect(md.endsWith('\n\n')).toBe(false);
  });

  it('shows rates as percentages with one decimal and amounts with two (en, hand-checked)', () => {
    const md = renderRetentionPlan(buildRetentionPlan({ locale: 'en', metrics: full }));
    // churn 0.12 → target 0.12 × 0.95 = 0.114; retention 0.88 → 1 − 0.12 × 0.95 = 0.886;
    // repeat 0.3 → 0.315; AOV 40 → 42; frequency 1.5 → 1.575 → 1.58 (half-even); CLV 250 → 262.5.
    expect(md).toContain(
      [
        '| Metric | Baseline | Target | Direction |',
        '| --- | ---: | ---: | --- |',
        '| Churn rate | 12.0% | 11.4% | lower is better |',
        '| Retention rate | 88.0% | 88.6% | higher is better |',
        '| Repeat-purchase rate | 30.0% | 31.5% | higher is better |',
        '| Average order value | 40.00 | 42.00 | higher is better |',
        '| Purchase frequency | 1.50 | 1.58 | higher is better |',
        '| Customer lifetime value | 250.00 | 262.50 | higher is better |',
        '| Positive reviews | — | — | higher is better |',
      ].join('\n'),
    );
  });

  it('writes Russian with Russian number formats (ru, hand-checked)', () => {
    const plan = buildRetentionPlan({ locale: ru, metrics: full });
    const md = renderRetentionPlan(plan, { format: 'markdown', locale: ru });
    expect(md.startsWith('# План удержания клиентов\n\n## Пересмотр плана: ежемесячно\n\n')).toBe(
      true,
    );
    expect(md).toContain(`| Отток клиентов | 12,0${NBSP}% | 11,4${NBSP}% | чем ниже, тем лучше |`);
    expect(md).toContain('| Средний чек | 40,00 | 42,00 | чем выше, тем лучше |');
    expect(md).toContain('| Пожизненная ценность клиента (CLV) | 250,00 | 262,50 |');
    expect(md).toContain(`\n## 1. ${plan.steps[0]?.title}\n`);
    expect(md).toContain(`\n- [ ] ${plan.steps[0]?.tasks[0]}\n`);
    expect(md).toContain('\n**Ответственные:** Аналитики, Маркетинг\n');
    expect(md).toContain('\n## Тактики по сегментам\n\n### VIP-клиенты\n');
    expect(md).not.toMatch(/Owners|Baseline|Tactics/);
  });

  it('groups thousands per locale: AOV 1234.5 → 1,234.50 / 1 234,50', () => {
    const metrics = { averageOrderValue: '1234.5' };
    expect(renderRetentionPlan(buildRetentionPlan({ locale: 'en', metrics }))).toContain(
      '| Average order value | 1,234.50 | 1,296.22 |',
    );
    // 1234.5 × 1.05 = 1296.225 → 1296.22 (half-even), in both languages
    expect(
      renderRetentionPlan(buildRetentionPlan({ locale: ru, metrics }), { locale: ru }),
    ).toContain(`| Средний чек | 1${NBSP}234,50 | 1${NBSP}296,22 |`);
  });

  it('lists the analysis methods with pros and cons under the churn-analysis step only', () => {
    const plan = buildRetentionPlan({ locale: 'en' });
    const md = renderRetentionPlan(plan);
    const methods = plan.steps[2]?.methods ?? [];
    expect(methods).toHaveLength(7);
    const start = md.indexOf('\n## 3. ');
    const end = md.indexOf('\n## 4. ');
    const section = md.slice(start, end);
    expect(section).toContain('\n### Ways to find the causes of churn\n');
    for (const method of methods) {
      expect(section).toContain(`\n#### ${method.name}\n`);
      for (const pro of method.pros) expect(section).toContain(`\n  - ${pro}`);
      for (const con of method.cons) expect(section).toContain(`\n  - ${con}`);
    }
    expect(md.match(/^#### /gm)).toHaveLength(7);
    expect(section).toContain(
      '\n#### Customer surveys\n\n**Example:** A telecom operator asks leaving subscribers three short questions by SMS.\n\n- **Pros:**\n  - Answers come straight from customers\n',
    );
  });

  it('says what to measure first when metrics are missing, and not otherwise', () => {
    const empty = renderRetentionPlan(buildRetentionPlan({ locale: 'en' }));
    const plan = buildRetentionPlan({ locale: 'en' });
    expect(empty).toContain(`\n${plan.measureFirstNote}\n\n- Churn rate\n- Retention rate\n`);
    expect(empty).toContain('| Churn rate | — | — | lower is better |');
    expect(empty).toContain('## Review cadence: quarterly');
    const measured = renderRetentionPlan(buildRetentionPlan({ locale: 'en', metrics: full }));
    expect(measured).not.toContain('Measure these metrics first');
  });

  it('ends with the tactics of every segment', () => {
    const plan = buildRetentionPlan({ locale: 'en' });
    const md = renderRetentionPlan(plan);
    const tail = md.slice(md.indexOf('\n## Tactics by segment\n'));
    for (const segment of plan.segments) {
      expect(tail).toContain(`\n### ${segment.name}\n\n**Goal:** ${segment.goal}\n`);
      for (const tactic of segment.tactics) expect(tail).toContain(`\n- ${tactic}`);
    }
  });

  it('escapes a | in a table cell', () => {
    const plan = JSON.parse(JSON.stringify(buildRetentionPlan({ locale: 'en' })));
    plan.kpis[0].name = 'Churn | monthly';
    expect(renderRetentionPlan(plan)).toContain('| Churn \\| monthly | — | — |');
  });
});

describe('renderRetentionPlan: text', () => {
  const inputs: readonly RetentionPlanInput[] = [
    { locale: 'en' },
    { locale: 'en', metrics: full },
    { locale: ru, metrics: full },
  ];

  it('has no Markdown syntax', () => {
    for (const input of inputs) {
      const text = renderRetentionPlan(buildRetentionPlan(input), {
        format: 'text',
        locale: input.locale,
      });
      expect(text).not.toContain('#');
      expect(text).not.toContain('|');
      expect(text).not.toContain('- [ ]');
      expect(text).not.toContain('**');
      expect(text).not.toMatch(/ +$/m);
    }
  });

  it('underlines headings, checks tasks with [ ] and aligns the KPI table (en, hand-checked)', () => {
    const plan = buildRetentionPlan({ locale: 'en', metrics: full });
    const text = renderRetentionPlan(plan, { format: 'text' });
    expect(text.startsWith('Customer retention plan\n=======================\n\n')).toBe(true);
    expect(text).toContain('\nReview cadence: monthly\n-----------------------\n');
    expect(text).toContain(`\n1. ${plan.steps[0]?.title}\n`);
    expect(text).toContain(`\n[ ] ${plan.steps[0]?.tasks[0]}\n`);
    expect(text).toContain(
      [
        'Metric                   Baseline  Target  Direction',
        '-----------------------  --------  ------  ----------------',
        'Churn rate                  12.0%   11.4%  lower is better',
        'Retention rate              88.0%   88.6%  higher is better',
        'Repeat-purchase rate        30.0%   31.5%  higher is better',
        'Average order value         40.00   42.00  higher is better',
        'Purchase frequency           1.50    1.58  higher is better',
        'Customer lifetime value    250.00  262.50  higher is better',
        'Positive reviews                —       —  higher is better',
      ].join('\n'),
    );
  });

  it('writes the Russian KPI row with its own separators', () => {
    const text = renderRetentionPlan(buildRetentionPlan({ locale: ru, metrics: full }), {
      locale: ru,
      format: 'text',
    });
    expect(text).toMatch(
      new RegExp(`\\nОтток клиентов +12,0${NBSP}%  11,4${NBSP}%  чем ниже, тем лучше\\n`),
    );
    expect(text).toContain('\nЗадачи:\n[ ] ');
  });
});

describe('renderRetentionPlan: determinism and validation', () => {
  it('renders the same plan identically, also after a JSON round trip', () => {
    for (const locale of ['en', ru] as const) {
      for (const format of ['markdown', 'text'] as const) {
        const plan = buildRetentionPlan({ locale, metrics: full });
        const once = renderRetentionPlan(plan, { format, locale });
        expect(
          renderRetentionPlan(buildRetentionPlan({ locale, metrics: full }), { format, locale }),
        ).toBe(once);
        expect(renderRetentionPlan(JSON.parse(JSON.stringify(plan)), { format, locale })).toBe(
          once,
        );
      }
    }
  });

  it('defaults to markdown', () => {
    const plan = buildRetentionPlan({ locale: 'en' });
    expect(renderRetentionPlan(plan)).toBe(renderRetentionPlan(plan, { format: 'markdown' }));
    expect(renderRetentionPlan(plan, {})).toBe(renderRetentionPlan(plan, { format: 'markdown' }));
  });

  it('rejects an unknown format or option, naming it', () => {
    const plan = buildRetentionPlan({ locale: 'en' });
    const error = expectError(
      () => renderRetentionPlan(plan, { format: 'html' as never }),
      'INVALID_INPUT',
      'format',
    );
    expect(error.message).toBe(
      "renderRetentionPlan: format must be one of 'markdown', 'text' (received \"html\")",
    );
    expectError(() => renderRetentionPlan(plan, { colour: true } as never), 'INVALID_INPUT', '');
  });

  it('renders a Russian plan with the ru pack only, and a plan only with its own language', () => {
    const russian = JSON.parse(JSON.stringify(buildRetentionPlan({ locale: ru })));
    const english = buildRetentionPlan({ locale: 'en' });
    const hint =
      "Russian, whose plan texts are a separate entry: import { ru } from 'retention-metrics/locale/ru' and pass { locale: ru }";
    const missing = expectError(() => renderRetentionPlan(russian), 'INVALID_INPUT', 'locale');
    expect(missing.message).toBe(`renderRetentionPlan: locale is required: the plan is in ${hint}`);
    const tag = expectError(
      // @ts-expect-error a tag of Russian is not an EnglishLocaleTag: the pack is needed
      () => renderRetentionPlan(russian, { locale: 'ru-RU' }),
      'INVALID_INPUT',
      'locale',
    );
    expect(tag.message).toBe(`renderRetentionPlan: locale is 'ru-RU', a tag of ${hint}`);
    const wrong = expectError(
      () => renderRetentionPlan(english, { locale: ru }),
      'INVALID_INPUT',
      'locale',
    );
    expect(wrong.message).toBe(
      "renderRetentionPlan: locale is of the language 'ru', but the plan is in 'en'; give the pack of the plan's language, or omit locale",
    );
    expect(
      expectError(
        () => renderRetentionPlan(russian, { locale: 'en-GB' }),
        'INVALID_INPUT',
        'locale',
      ).message,
    ).toBe(
      "renderRetentionPlan: locale is of the language 'en', but the plan is in 'ru'; give the pack of the plan's language",
    );
    expect(renderRetentionPlan(english, { locale: 'en-GB' })).toBe(renderRetentionPlan(english));
    expect(renderRetentionPlan(russian, { locale: ru }).split('\n')[0]).toBe(
      '# План удержания клиентов',
    );
  });

  it('rejects an invalid plan, naming the field', () => {
    const plan = JSON.parse(JSON.stringify(buildRetentionPlan({ locale: 'en' })));
    delete plan.steps[3].title;
    const error = expectError(() => renderRetentionPlan(plan), 'INVALID_INPUT', 'steps[3].title');
    expect(error.message).toBe('renderRetentionPlan: steps[3].title is required');
  });
});

describe('renderRetentionPlan: customised plans', () => {
  const plan = buildRetentionPlan({
    locale: 'en',
    metrics: { churnRate: '0.12' },
    segmentReport: SMALL_SEGMENT_REPORT,
    customize: {
      add: [
        {
          id: 'pilot',
          after: 'strategy',
          title: 'Pilot in one region',
          description: 'Try the measures in one region first.',
          tasks: ['Pick the region.', 'Compare it with the others after a month.'],
          owners: ['product', 'marketing'],
          kpis: ['nps', 'churnRate'],
        },
      ],
      targets: { churnRate: '0.1' },
      kpis: [
        {
          metric: 'nps',
          name: 'Net promoter score',
          description: 'Promoters minus detractors.',
          unit: 'score',
          direction: 'increase',
          baseline: '-12',
          target: '0',
        },
      ],
    },
  });
  const md = renderRetentionPlan(plan);

  it('lists the custom KPI by its name, a score with two decimals, and the overridden target', () => {
    expect(md).toContain('\n| Churn rate | 12.0% | 10.0% | lower is better |\n');
    expect(md).toContain('\n| Net promoter score | -12.00 | 0.00 | higher is better |\n');
  });

  it("writes the user's step in its place, with its KPIs and without a practice example", () => {
    // pilot is the fifth step: after strategy, the fourth.
    const section = md.slice(md.indexOf('\n## 5. '), md.indexOf('\n## 6. '));
    expect(section).toBe(
      [
        '',
        '## 5. Pilot in one region',
        '',
        'Try the measures in one region first.',
        '',
        '**Owners:** Product team, Marketing',
        '',
        '**Tasks:**',
        '',
        '- [ ] Pick the region.',
        '- [ ] Compare it with the others after a month.',
        '',
        '**KPIs:** Net promoter score, Churn rate',
        '',
      ].join('\n'),
    );
    expect(md).toContain('\n## 3. Find out why customers leave\n');
  });

  it('states the priority rule and each segment’s figures (markdown and text)', () => {
    // vip: 1 customer of 4 (25 %), 150 of 250 revenue (60 %), first by revenue share.
    expect(md).toContain(
      `\n## Tactics by segment\n\n${plan.segmentPriorityNote}\n\n### VIP customers\n\nCustomers: 1 (25.0%); share of revenue: 60.0%\n\n**Goal:** `,
    );
    const text = renderRetentionPlan(plan, { format: 'text' });
    expect(text).toContain(
      '\nNew customers\n  Customers: 2 (50.0%); share of revenue: 20.0%\n  Goal: ',
    );
    expect(text).toContain('\nKPIs: Net promoter score, Churn rate\n');
    const ruText = renderRetentionPlan(
      buildRetentionPlan({
        locale: ru,
        segmentReport: JSON.parse(
          JSON.stringify({
            segments: [
              {
                segment: 'vip',
                customers: 1200,
                customerShare: '0.125',
                revenue: '150',
                revenueShare: '0.6',
              },
              {
                segment: 'new',
                customers: 2,
                customerShare: '0.5',
                revenue: '50',
                revenueShare: '0.2',
              },
              {
                segment: 'at-risk',
                customers: 1,
                customerShare: '0.25',
                revenue: '50',
                revenueShare: '0.2',
              },
              {
                segment: 'lost',
                customers: 0,
                customerShare: '0',
                revenue: '0',
                revenueShare: '0',
              },
            ],
          }),
        ),
      }),
      { locale: ru },
    );
    expect(ruText).toContain(
      `\nКлиентов: 1${NBSP}200 (12,5${NBSP}%); доля в выручке: 60,0${NBSP}%\n`,
    );
  });

  it('renders the same after a JSON round trip', () => {
    expect(renderRetentionPlan(JSON.parse(JSON.stringify(plan)))).toBe(md);
  });
});
