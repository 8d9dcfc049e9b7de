/**
 * Writes stored-plan fixtures (test/fixtures/plan/*.json) with the code of another commit: each
 * fixture is a plan exactly as that commit's `buildRetentionPlan` returned it (JSON), with the
 * input it was built from, so that a test can check that today's `validateRetentionPlan` reads it
 * and that it migrates to what today's `buildRetentionPlan` gives for the same input.
 *
 * Usage, from the repository's root:
 *
 *   git worktree add --detach /tmp/plan-old <commit>
 *   ln -s "$PWD/node_modules" /tmp/plan-old/node_modules
 *   npx tsx scripts/plan-fixtures.ts /tmp/plan-old <label> <commit>
 *   git worktree remove /tmp/plan-old
 *
 * `<label>` names the files (`<label>-<case>.json`). The cases given to a commit are those its
 * `buildRetentionPlan` accepts: before customisation existed (commit 2f49770) only `locale`,
 * `metrics` and `options`.
 *
 * A fixture's input records the locale as a tag (`'ru'`), which is JSON. Since the Russian texts
 * became the `retention-metrics/locale/ru` entry (src/locale-ru.ts), `buildRetentionPlan` takes
 * the pack for Russian instead of the tag: a commit that has that entry is given the pack.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [worktree, label, commit] = process.argv.slice(2);
if (worktree === undefined || label === undefined || commit === undefined) {
  throw new Error('usage: tsx scripts/plan-fixtures.ts <worktree> <label> <commit>');
}

const basic: Record<string, unknown> = {
  'en-empty': { locale: 'en' },
  'ru-measured': {
    locale: 'ru',
    metrics: {
      churnRate: '0.12',
      previousChurnRate: '0.1',
      retentionRate: '0.88',
      repeatPurchaseRate: '0.35',
      averageOrderValue: '42.5',
      purchaseFrequency: '2.4',
      customerLifetimeValue: '310',
    },
    options: { churnReduction: '0.1', growth: '0.08', crisisChurnRate: '0.15' },
  },
  'en-stable': {
    locale: 'en',
    metrics: { churnRate: '0.05', previousChurnRate: '0.06', averageOrderValue: '19.99' },
  },
};

const customised: Record<string, unknown> = {
  'en-customised': {
    locale: 'en',
    metrics: { churnRate: '0.12', retentionRate: '0.88' },
    period: { start: '2025-01-01', end: '2025-03-31' },
    customize: {
      remove: ['team-training', 'automation'],
      add: [
        {
          id: 'pilot',
          after: 'strategy',
          title: 'Pilot in one region',
          description: 'Try the measures in one region first.',
          tasks: ['Pick the region.', 'Compare with the others after a month.'],
          owners: ['marketing', 'hr'],
          kpis: ['nps'],
        },
      ],
      replace: [
        {
          id: 'monitoring',
          title: 'Weekly dashboard',
          description: 'One page, every Monday.',
          tasks: ['Publish the dashboard.'],
          owners: ['analysts'],
          consumes: ['churnRate'],
          produces: ['retentionRate'],
          kpis: ['retentionRate'],
        },
      ],
      order: ['re-analysis', 'data-collection'],
      owners: [{ step: 'strategy', roles: ['top-management'] }],
      cadence: 'quarter',
      targets: { churnRate: '0.1', positiveReviews: '0.9' },
      kpis: [
        {
          metric: 'nps',
          name: 'Net promoter score',
          description: 'Promoters minus detractors.',
          unit: 'score',
          direction: 'increase',
          baseline: -12,
          target: 20,
          steps: ['implementation'],
        },
      ],
    },
  },
  'ru-segments': {
    locale: 'ru',
    metrics: { churnRate: '0.08', previousChurnRate: '0.09' },
    period: { start: '2025-04-01', end: '2025-06-30' },
    segmentReport: {
      segments: [
        {
          segment: 'vip',
          customers: 50,
          customerShare: '0.05',
          revenue: '50000',
          revenueShare: '0.5',
        },
        {
          segment: 'active',
          customers: 400,
          customerShare: '0.4',
          revenue: '30000',
          revenueShare: '0.3',
        },
        {
          segment: 'new',
          customers: 250,
          customerShare: '0.25',
          revenue: '10000',
          revenueShare: '0.1',
        },
        {
          segment: 'at-risk',
          customers: 200,
          customerShare: '0.2',
          revenue: '10000',
          revenueShare: '0.1',
        },
        { segment: 'lost', customers: 100, customerShare: '0.1', revenue: '0', revenueShare: '0' },
      ],
    },
  },
};

const library = (await import(pathToFileURL(resolve(worktree, 'src/index.ts')).href)) as {
  buildRetentionPlan: (input: unknown) => unknown;
};
// Customisation, periods and segment reports came with commit e5c5d95; older code rejects them.
const cases = { ...basic };
try {
  library.buildRetentionPlan(customised['en-customised']);
  Object.assign(cases, customised);
} catch {
  // An older commit: the basic cases only.
}
const ruPackFile = resolve(worktree, 'src/locale-ru.ts');
const ruPack = existsSync(ruPackFile)
  ? ((await import(pathToFileURL(ruPackFile).href)) as { ru: unknown }).ru
  : undefined;
/** The input as the commit takes it: the Russian pack for the tag 'ru' when it has one. */
const givenInput = (input: unknown): unknown => {
  const { locale } = input as { locale: unknown };
  return locale === 'ru' && ruPack !== undefined ? { ...(input as object), locale: ruPack } : input;
};
for (const [name, input] of Object.entries(cases)) {
  const plan = JSON.parse(JSON.stringify(library.buildRetentionPlan(givenInput(input))));
  const file = resolve('test/fixtures/plan', `${label}-${name}.json`);
  writeFileSync(file, `${JSON.stringify({ commit, input, plan }, null, 2)}\n`);
  console.log(file);
}
