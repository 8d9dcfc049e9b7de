/**
 * A retention plan built from the CDNOW sample: the metrics are measured by the library from the
 * purchase log (quarterly churn and retention with a 90-day activity window, AOV, purchase
 * frequency, repeat-purchase rate), the segment tactics are ordered by the CDNOW segment report,
 * and the plan, for the following quarter, is printed as Markdown in English and Russian. The
 * plan is customised a little (an extra owner, a target set by hand, a custom KPI), and a last
 * part shows how steps are removed, added and reordered. Run with
 * `npx tsx examples/retention-plan.ts`.
 */
import {
  buildRetentionPlan,
  classifyCustomers,
  type PlanCustomization,
  planMetricsFromLog,
  renderRetentionPlan,
  segmentReport,
  summarizeTransactions,
} from '../src/index.js';
// The Russian texts are a separate entry (retention-metrics/locale/ru), English is built in.
import { ru } from '../src/locale-ru.js';
import { readCdnowSample } from './lib/cdnow.js';

const log = readCdnowSample();
// Churn and retention of the third quarter of 1997 (and of the second, for the trend), with a
// 90-day activity window; AOV, purchase frequency and repeat-purchase rate up to 30 September.
const metrics = planMetricsFromLog(log, {
  periodStart: '1997-06-30',
  periodEnd: '1997-09-30',
  activeWithin: 90,
  previousPeriodStart: '1997-03-31',
});

// The segment tactics follow the lifecycle segments of the same customers.
const summaries = summarizeTransactions(log, { asOf: '1997-09-30' });
const report = segmentReport(classifyCustomers(summaries, { asOf: '1997-09-30' }), summaries);

// The user's own texts are in the plan's language, so each locale gets its own custom KPI.
const nps = {
  en: { name: 'Net promoter score', description: 'Promoters minus detractors, from −100 to 100.' },
  ru: {
    name: 'Индекс потребительской лояльности (NPS)',
    description: 'Доля промоутеров минус доля критиков, от −100 до 100.',
  },
} as const;

const customize = (locale: 'en' | 'ru'): PlanCustomization => ({
  owners: [{ step: 'monitoring', roles: ['analysts', 'top-management', 'customer-support'] }],
  targets: { repeatPurchaseRate: '0.45' },
  kpis: [
    {
      metric: 'nps',
      ...nps[locale],
      unit: 'score',
      direction: 'increase',
      target: 30,
      steps: ['monitoring', 're-analysis'],
    },
  ],
});

for (const locale of ['en', ru] as const) {
  const plan = buildRetentionPlan({
    locale,
    metrics,
    period: { start: '1997-10-01', end: '1997-12-31' },
    segmentReport: report,
    customize: customize(locale === 'en' ? 'en' : locale.language),
  });
  console.log(renderRetentionPlan(plan, { format: 'markdown', locale }));
  console.log('\n---\n');
}

// Steps by id: a lean plan without training and automation, with a pilot after the strategy,
// and monitoring moved before the launch.
const lean = buildRetentionPlan({
  locale: 'en',
  metrics,
  customize: {
    remove: ['team-training', 'automation'],
    add: [
      {
        id: 'pilot',
        after: 'strategy',
        title: 'Pilot in one region',
        description: 'Try the measures on the customers of one region before everyone else.',
        tasks: ['Pick the region.', 'Compare its churn with the other regions after a month.'],
        owners: ['product', 'marketing'],
        kpis: ['churnRate'],
      },
    ],
    order: ['monitoring', 'implementation'],
  },
});
console.log('A customised plan, step by step:');
lean.steps.forEach((step, i) => {
  console.log(`  ${i + 1}. ${step.title} (${step.id})`);
});
