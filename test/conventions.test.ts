/**
 * The conventions of docs/conventions.md against every exported function: a table of functions ×
 * conventions. A function added to the public API without a row here fails the first test, so no
 * function can be forgotten. Expected values are worked by hand in the comments.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { thrown } from './support/errors.js';
import { publicApi as api } from './support/public-api.js';

type Api = typeof api;
type Log = Parameters<Api['summarizeTransactions']>[0];

/** The first input of issue 11: a purchase at 15:00 UTC on the day named as `asOf`. */
const LOG = [
  { customerId: 'a', at: '2024-06-30T15:00:00Z', amount: 10 },
  { customerId: 'b', at: '2024-06-01T10:00:00Z', amount: 20 },
] as const;

/** The same purchases as a column log of epoch microseconds. */
function microsecondLog(): Log {
  return {
    customerId: ['a', 'b'],
    at: BigInt64Array.of(1_719_759_600_000_000n, 1_717_236_000_000_000n),
    amount: new Float64Array([10, 20]),
  };
}

/** Customers named in a result, whatever its shape. */
const idsOf = (rows: Iterable<{ customerId: unknown }>) => Array.from(rows, (r) => r.customerId);

type Options = { readonly timeZone?: string; readonly timeUnit?: 's' | 'ms' | 'us' | 'ns' };

/**
 * Functions that take a date boundary (convention 1) or read numeric timestamps (convention 2).
 * Each runs on a log (rows or microsecond columns) with `asOf`-like ends on 2024-06-30 and returns
 * a value that must be the same for both forms, and must count customer a, who bought at 15:00 on
 * the end day.
 */
const TIME_FUNCTIONS: Record<string, (log: Log, options: Options) => unknown> = {
  summarizeTransactions: (log, o) =>
    idsOf(api.summarizeTransactions(log, { asOf: '2024-06-30', ...o })),
  "summarizeTransactions, form: 'table'": (log, o) =>
    idsOf(api.summarizeTransactions(log, { asOf: '2024-06-30', ...o, form: 'table' }).toRows()),
  createSummaryAccumulator: (log, o) => {
    const accumulator = api.createSummaryAccumulator({ asOf: '2024-06-30', ...o });
    accumulator.addMany(log);
    return idsOf(accumulator.result());
  },
  calibrationHoldoutSummary: (log, o) =>
    idsOf(
      api.calibrationHoldoutSummary(log, {
        calibrationEnd: '2024-06-30',
        observationEnd: '2024-07-31',
        ...o,
      }).customers,
    ),
  // E at the end of June 30 with a 30-day window: a (June 30) and b (June 1) are both active.
  customerCounts: (log, o) =>
    api.customerCounts(log, {
      periodStart: '2024-06-01',
      periodEnd: '2024-06-30',
      activeWithin: 30,
      ...o,
    }).endCustomers,
  // One June cohort of both customers.
  cohortRetention: (log, o) =>
    api
      .cohortRetention(log, { asOf: '2024-06-30', granularity: 'month', ...o })
      .cohorts.map((c) => [c.cohort, c.size]),
  planMetricsFromLog: (log, o) =>
    api
      .planMetricsFromLog(log, {
        periodStart: '2024-06-01',
        periodEnd: '2024-06-30',
        activeWithin: 30,
        ...o,
      })
      .averageOrderValue?.toString(),
  // a is the most recent customer: R = 5 (issue 11)
  rfmScores: (log, o) =>
    api
      .rfmScores(api.summarizeTransactions(log, { asOf: '2024-06-30', ...o }), {
        asOf: '2024-06-30',
        ...o,
      })
      .toRows()
      .map((s) => [s.customerId, s.r]),
  classifyCustomers: (log, o) =>
    api
      .classifyCustomers(api.summarizeTransactions(log, { asOf: '2024-06-30', ...o }), {
        asOf: '2024-06-30',
        ...o,
      })
      .toRows()
      .map((c) => [c.customerId, c.segment]),
};

/** MBG/NBD at the CDNOW estimates (Batislam et al. 2007 model, issue 15's reference values), in days. */
const MBG = {
  model: 'mbg-nbd',
  unit: 'day',
  params: { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 },
} as const;
TIME_FUNCTIONS.aliveProbabilityHook = (log, o) => {
  const summaries = api.summarizeTransactions(log, { asOf: '2024-06-30', ...o });
  const hook = api.aliveProbabilityHook(MBG, summaries.toRows(), {
    asOf: '2024-06-30',
    threshold: 0.5,
    ...o,
  });
  return summaries.toRows().map((s) => [s.customerId, hook.probability(s.customerId).toFixed(4)]);
};

const TIME_EXPECTED: Record<keyof typeof TIME_FUNCTIONS, unknown> = {
  // MBG/NBD P(alive) = 1 / (1 + a/(b + x) · ((α + T)/(α + t_x))^(r + x)) with x = t_x = 0:
  // a (T = 0): b / (a + b) = 1.614 / 2.505 = 0.6443;
  // b (T = 29 days): 1 / (1 + 0.55204 · (35.183 / 6.183)^0.525) = 1 / (1 + 0.55204 · 2.4915) = 0.4210
  aliveProbabilityHook: [
    ['a', '0.6443'],
    ['b', '0.4210'],
  ],
  summarizeTransactions: ['a', 'b'],
  "summarizeTransactions, form: 'table'": ['a', 'b'],
  createSummaryAccumulator: ['a', 'b'],
  calibrationHoldoutSummary: ['a', 'b'],
  customerCounts: 2,
  cohortRetention: [['2024-06-01', 2]],
  // (10 + 20) / 2 orders
  planMetricsFromLog: '15',
  rfmScores: [
    ['a', 5],
    ['b', 3],
  ],
  // both bought within the default 30 days of "new"
  classifyCustomers: [
    ['a', 'new'],
    ['b', 'new'],
  ],
};

/** What each export does with empty input (convention 4), or why the question does not arise. */
type EmptyRule =
  | { readonly empty: () => unknown; readonly expected: unknown }
  | { readonly empty: () => unknown; readonly code: string }
  | { readonly notApplicable: string };

const SUMMARY_OPTIONS = { asOf: '2024-06-30' } as const;
const EMPTY: Record<string, EmptyRule> = {
  summarizeTransactions: {
    empty: () => api.summarizeTransactions([], SUMMARY_OPTIONS).toRows(),
    expected: [],
  },
  createSummaryAccumulator: {
    empty: () => api.createSummaryAccumulator(SUMMARY_OPTIONS).result(),
    expected: [],
  },
  summaryAccumulatorFromJSON: {
    empty: () =>
      api
        .summaryAccumulatorFromJSON(api.createSummaryAccumulator(SUMMARY_OPTIONS).toJSON())
        .result(),
    expected: [],
  },
  summaryAccumulatorFromBinary: {
    empty: () =>
      api
        .summaryAccumulatorFromBinary(api.createSummaryAccumulator(SUMMARY_OPTIONS).toBinary())
        .result(),
    expected: [],
  },
  summaryTableFromBinary: {
    empty: () =>
      api
        .summaryTableFromBinary(api.summarizeTransactions([], SUMMARY_OPTIONS).toBinary())
        .toRows(),
    expected: [],
  },
  calibrationHoldoutSummary: {
    empty: () =>
      api.calibrationHoldoutSummary([], {
        calibrationEnd: '2024-06-30',
        observationEnd: '2024-07-31',
      }).customers,
    expected: [],
  },
  compressSummaries: { empty: () => api.compressSummaries([]), expected: [] },
  customerCounts: {
    empty: () =>
      api.customerCounts([], {
        periodStart: '2024-06-01',
        periodEnd: '2024-06-30',
        activeWithin: 30,
      }),
    expected: {
      startCustomers: 0,
      endCustomers: 0,
      newCustomers: 0,
      retainedCustomers: 0,
      lostCustomers: 0,
      acquiredCustomers: 0,
      reactivatedCustomers: 0,
    },
  },
  cohortRetention: {
    empty: () => api.cohortRetention([], SUMMARY_OPTIONS).cohorts,
    expected: [],
  },
  rfmScores: { empty: () => api.rfmScores([], SUMMARY_OPTIONS).toRows(), expected: [] },
  classifyCustomers: {
    empty: () => api.classifyCustomers([], SUMMARY_OPTIONS).toRows(),
    expected: [],
  },
  // shares of no customers are undefined
  segmentReport: { empty: () => api.segmentReport([], []), code: 'EMPTY_INPUT' },
  planMetricsFromLog: {
    empty: () =>
      api.planMetricsFromLog([], {
        periodStart: '2024-06-01',
        periodEnd: '2024-06-30',
        activeWithin: 30,
      }),
    code: 'EMPTY_INPUT',
  },
  planMetricsFromSummaries: {
    empty: () => api.planMetricsFromSummaries([], {}),
    code: 'EMPTY_INPUT',
  },
  // the mean of no amounts
  averageOrderValue: { empty: () => api.averageOrderValue({ amounts: [] }), code: 'EMPTY_INPUT' },
  // a sum of no amounts is 0
  sumExact: { empty: () => api.sumExact([]).toString(), expected: '0' },
  customerLifetimeValue: {
    empty: () => api.customerLifetimeValue({ method: 'historical', amounts: [] }).toString(),
    expected: '0',
  },
  fitBgNbd: { empty: () => api.fitBgNbd([]), code: 'EMPTY_INPUT' },
  fitModifiedBgNbd: { empty: () => api.fitModifiedBgNbd([]), code: 'EMPTY_INPUT' },
  fitParetoNbd: { empty: () => api.fitParetoNbd([]), code: 'EMPTY_INPUT' },
  fitGammaGamma: { empty: () => api.fitGammaGamma([]), code: 'EMPTY_INPUT' },
  forecastCustomers: {
    empty: () =>
      api.forecastCustomers([], {
        purchaseModel: MBG,
        periods: 1,
        periodLength: 30,
        discountRate: 0,
      } as never),
    expected: [],
  },
  expectedPurchases: { notApplicable: 'predicts for one customer' },
  conditionalExpectedPurchases: { notApplicable: 'predicts for one customer' },
  probabilityAlive: { notApplicable: 'predicts for one customer' },
  purchaseCountProbability: { notApplicable: 'predicts for one customer' },
  conditionalExpectedSpend: { notApplicable: 'predicts for one customer' },
  aliveProbabilityHook: { notApplicable: 'a hook over the customers it is given' },
  fittedModelFromJSON: { notApplicable: 'reads one model' },
  simulateBgNbd: { notApplicable: 'generates customers' },
  simulateParetoNbd: { notApplicable: 'generates customers' },
  retentionRate: { notApplicable: 'takes counts; S = 0 is DIVISION_BY_ZERO' },
  churnRate: { notApplicable: 'takes counts; S = 0 is DIVISION_BY_ZERO' },
  convertChurnRate: { notApplicable: 'takes one rate' },
  averageCustomerLifespan: { notApplicable: 'takes one rate' },
  purchaseFrequency: { notApplicable: 'takes counts; 0 customers is DIVISION_BY_ZERO' },
  repeatPurchaseRate: { notApplicable: 'takes counts; 0 customers is DIVISION_BY_ZERO' },
  averageRevenuePerUser: { notApplicable: 'takes totals; 0 customers is DIVISION_BY_ZERO' },
  grossRevenueChurnRate: { notApplicable: 'takes revenue totals' },
  netRevenueChurnRate: { notApplicable: 'takes revenue totals' },
  netRevenueRetention: { notApplicable: 'takes revenue totals' },
  grossRevenueRetention: { notApplicable: 'takes revenue totals' },
  saasQuickRatio: { notApplicable: 'takes revenue totals' },
  ltvToCacRatio: { notApplicable: 'takes two amounts' },
  cacPaybackPeriod: { notApplicable: 'takes amounts' },
  formatPercent: { notApplicable: 'formats one value' },
  formatMoney: { notApplicable: 'formats one value' },
  formatNumber: { notApplicable: 'formats one value' },
  formatReason: { notApplicable: 'formats one reason' },
  cohortHeatmapSpec: {
    empty: () => api.cohortHeatmapSpec(api.cohortRetention([], SUMMARY_OPTIONS)).data.values,
    expected: [],
  },
  segmentChartSpec: {
    empty: () =>
      api.segmentChartSpec({ totalCustomers: 0, totalRevenue: '0', segments: [] } as never),
    code: 'EMPTY_INPUT',
  },
  buildRetentionPlan: { notApplicable: 'every input is optional but the locale' },
  renderRetentionPlan: { notApplicable: 'renders one plan' },
  validateRetentionPlan: { notApplicable: 'checks one plan' },
  toJsonSchema: { notApplicable: 'converts one schema' },
  isRetentionMetricsError: { notApplicable: 'a type guard' },
  summarySql: { notApplicable: 'writes SQL; an empty table gives the reader no rows' },
  compressedSummarySql: { notApplicable: 'writes SQL; an empty table gives the reader no rows' },
  calibrationHoldoutSql: { notApplicable: 'writes SQL; an empty table gives the reader no rows' },
  customerCountsSql: { notApplicable: 'writes SQL; an empty table gives one row of zeros' },
  cohortRetentionSql: { notApplicable: 'writes SQL; an empty table gives the reader no rows' },
  logCheckSql: { notApplicable: 'writes SQL; an empty table gives one row of zeros' },
  readSummaryRows: { empty: () => api.readSummaryRows([]), expected: [] },
  readWeightedRows: { empty: () => api.readWeightedRows([]), expected: [] },
  readCalibrationHoldoutRows: {
    empty: () => api.readCalibrationHoldoutRows([]).customers,
    expected: [],
  },
  readCohortRows: {
    empty: () =>
      api.readCohortRows([], {
        dialect: 'duckdb',
        table: 'orders',
        columns: { customerId: 'id', at: 'at', amount: 'amount' },
        asOf: '2024-06-30',
      }).cohorts,
    expected: [],
  },
  readCustomerCountsRows: {
    // The SQL's one row for an empty table.
    empty: () =>
      api.readCustomerCountsRows([
        {
          startCustomers: 0,
          endCustomers: 0,
          retainedCustomers: 0,
          acquiredCustomers: 0,
          reactivatedCustomers: 0,
        },
      ]),
    expected: {
      startCustomers: 0,
      endCustomers: 0,
      newCustomers: 0,
      retainedCustomers: 0,
      lostCustomers: 0,
      acquiredCustomers: 0,
      reactivatedCustomers: 0,
    },
  },
  readLogCheckRows: {
    empty: () =>
      api.readLogCheckRows([
        {
          rows: 0,
          missingCustomerId: 0,
          missingAt: 0,
          implausibleAt: 0,
          missingAmount: 0,
          negativeAmount: 0,
        },
      ]),
    expected: { rows: 0 },
  },
};

/**
 * Functions that take a locale (convention 5): each must accept BCP 47 tags, and a regional tag
 * writes what its language does. Expected texts: CLDR's separators (Russian: a no-break space
 * groups thousands and a comma marks decimals; British English: comma and point) and the library's
 * own catalogues.
 */
const NBSP = '\u00a0';
const NNBSP = '\u202f';
const LOCALE_FUNCTIONS: Record<
  string,
  { run: (locale: string) => string; ru: RegExp; en: string }
> = {
  formatPercent: {
    run: (locale) => api.formatPercent('0.5', { locale }),
    ru: new RegExp(`^50[${NBSP}${NNBSP}]%$`),
    en: '50%',
  },
  formatMoney: {
    run: (locale) => api.formatMoney('1234.5', { locale, currency: 'EUR' }),
    ru: new RegExp(`^1[${NBSP}${NNBSP}]234,50[${NBSP}${NNBSP}]€$`),
    en: '€1,234.50',
  },
  formatNumber: {
    run: (locale) => api.formatNumber('1234.5', { locale }),
    ru: new RegExp(`^1[${NBSP}${NNBSP}]234,5$`),
    en: '1,234.5',
  },
  formatReason: {
    run: (locale) =>
      api.formatReason({ rule: 'new', values: { daysSinceFirstPurchase: 2, newWithinDays: 30 } }, {
        locale,
      } as never),
    // "2 дня": the Russian "few" form for 2
    ru: /^Первая покупка 2 дня назад/,
    en: 'First purchase 2 days ago, within the last 30 days',
  },
};

/**
 * Functions that take a plan's locale: English is built in, Russian is the language pack of the
 * `retention-metrics/locale/ru` entry (`{ locale: ru }`). A tag of Russian is refused, saying what
 * to import; the pack writes Russian.
 */
const PLAN_LOCALE_FUNCTIONS: Record<string, { run: (locale: unknown) => string; ru: RegExp }> = {
  buildRetentionPlan: {
    run: (locale) => api.buildRetentionPlan({ locale } as never).title,
    ru: /^План удержания клиентов$/,
  },
  renderRetentionPlan: {
    run: (locale) =>
      api
        .renderRetentionPlan(
          api.buildRetentionPlan({ locale: locale === 'en-GB' ? 'en' : api.ru }),
          { locale } as never,
        )
        .split('\n')[0] as string,
    ru: /^# План удержания клиентов$/,
  },
};

const exportedFunctions = Object.entries(api)
  .filter(([, value]) => typeof value === 'function' && !/^[A-Z]/.test(value.name))
  .map(([name]) => name)
  .sort();

describe('the table of functions × conventions', () => {
  it('has a row for every exported function (empty input, convention 4)', () => {
    expect(Object.keys(EMPTY).sort()).toEqual(exportedFunctions);
  });

  it('names only exported functions in the other columns', () => {
    for (const name of [
      ...Object.keys(TIME_FUNCTIONS),
      ...Object.keys(LOCALE_FUNCTIONS),
      ...Object.keys(PLAN_LOCALE_FUNCTIONS),
    ]) {
      expect(exportedFunctions).toContain(name.split(',')[0]);
    }
  });
});

describe('convention 1: a date-only end includes its whole day, in every function that takes one', () => {
  for (const [name, run] of Object.entries(TIME_FUNCTIONS)) {
    it(`${name}: counts a purchase at 15:00 UTC on the end day`, () => {
      expect(run(LOG as unknown as Log, {})).toEqual(TIME_EXPECTED[name]);
    });

    it(`${name}: the same in America/New_York (11:00 local on the end day)`, () => {
      expect(run(LOG as unknown as Log, { timeZone: 'America/New_York' })).toEqual(
        TIME_EXPECTED[name],
      );
    });

    it(`${name}: a purchase logged as the date alone is counted alike`, () => {
      const byDate = LOG.map((row) => ({ ...row, at: row.at.slice(0, 10) }));
      const expected = TIME_EXPECTED[name];
      // days since the last purchase differ by the time of day; who is counted does not
      if (name === 'rfmScores' || name === 'classifyCustomers') {
        expect((run(byDate as unknown as Log, {}) as unknown[][]).map((r) => r[0])).toEqual(
          (expected as unknown[][]).map((r) => r[0]),
        );
      } else {
        expect(run(byDate as unknown as Log, {})).toEqual(expected);
      }
    });
  }
});

describe('convention 2: numeric timestamps in a declared timeUnit, in every function that reads them', () => {
  for (const [name, run] of Object.entries(TIME_FUNCTIONS)) {
    it(`${name}: epoch microseconds with timeUnit 'us' give the same result`, () => {
      expect(run(microsecondLog(), { timeUnit: 'us' })).toEqual(TIME_EXPECTED[name]);
    });

    it(`${name}: epoch microseconds without timeUnit are INVALID_INPUT naming log[0].at and the unit`, () => {
      const error = thrown(() => run(microsecondLog(), {}));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toContain('log[0].at');
      expect(error.message).toContain("timeUnit: 'us'");
    });
  }
});

describe('convention 4: empty input, export by export', () => {
  for (const [name, rule] of Object.entries(EMPTY)) {
    if ('notApplicable' in rule) continue;
    it(`${name}: ${'code' in rule ? rule.code : 'an empty result'}`, () => {
      if ('code' in rule) expect(thrown(rule.empty).code).toBe(rule.code);
      else expect(rule.empty()).toEqual(rule.expected);
    });
  }
});

describe('convention 5: BCP 47 locales wherever a locale is taken', () => {
  for (const [name, { run, ru, en }] of Object.entries(LOCALE_FUNCTIONS)) {
    it(`${name}: 'ru-RU' writes Russian and 'en-GB' English`, () => {
      expect(run('ru-RU')).toMatch(ru);
      expect(run('en-GB')).toBe(en);
    });
  }
  for (const [name, { run, ru }] of Object.entries(PLAN_LOCALE_FUNCTIONS)) {
    it(`${name}: 'en-GB' writes English, the ru pack Russian, and 'ru-RU' says what to import`, () => {
      expect(run('en-GB')).toMatch(/Customer retention plan$/);
      expect(run(api.ru)).toMatch(ru);
      const error = thrown(() => run('ru-RU'));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.field).toBe('locale');
      expect(error.message).toContain(
        "import { ru } from 'retention-metrics/locale/ru' and pass { locale: ru }",
      );
    });
  }
});

describe('convention 7: exported constants are deeply frozen', () => {
  const constants = Object.entries(api).filter(
    ([, value]) => typeof value === 'object' && value !== null && !('_zod' in (value as object)),
  );

  function frozenEverywhere(value: unknown, seen = new Set<unknown>()): boolean {
    if (typeof value !== 'object' || value === null || seen.has(value)) return true;
    seen.add(value);
    if (!Object.isFrozen(value)) return false;
    return Object.values(value).every((v) => frozenEverywhere(v, seen));
  }

  it.each(constants)('%s', (_name, value) => {
    expect(frozenEverywhere(value)).toBe(true);
  });
});

describe('docs/conventions.md lists each export’s empty input as the table above tests it', () => {
  const doc = readFileSync(new URL('../docs/conventions.md', import.meta.url), 'utf8');
  const block = /<!-- empty-input-table:start -->([\s\S]*?)<!-- empty-input-table:end -->/.exec(
    doc,
  );
  const rows = new Map(
    [...(block?.[1] ?? '').matchAll(/^\| `(\w+)` \| (.*) \|$/gm)].map((m) => [m[1], m[2]]),
  );

  it.each(Object.entries(EMPTY))('%s', (name, rule) => {
    const text = rows.get(name);
    expect(text, `${name} is missing from the table`).toBeDefined();
    expect(text?.startsWith('not applicable')).toBe('notApplicable' in rule);
    expect(text?.startsWith('`EMPTY_INPUT`')).toBe('code' in rule && rule.code === 'EMPTY_INPUT');
  });
});

/** Convention 6: the type of each kind of quantity in the results that hold several kinds. */
type Kind = 'Decimal' | 'integer' | 'number' | 'Date';
function kindOf(value: unknown): Kind | 'other' {
  if (api.Decimal.isDecimal(value)) return 'Decimal';
  if (value instanceof Date) return 'Date';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return 'other';
}
const asNumber = (kind: Kind | 'other') => (kind === 'integer' ? 'number' : kind);

describe('convention 6: money and exact ratios are Decimals, counts integers, durations numbers', () => {
  const summaries = api.summarizeTransactions(LOG as unknown as Log, { asOf: '2024-06-30' });
  const report = api.segmentReport(
    api.classifyCustomers(summaries, { asOf: '2024-06-30' }),
    summaries,
  );
  const cases: [string, unknown, Kind][] = [
    ['summary.totalRevenue', summaries.at(0)?.totalRevenue, 'Decimal'],
    ['summary.averageOrderValue', summaries.at(0)?.averageOrderValue, 'Decimal'],
    ['summary.monetaryValue', summaries.at(0)?.monetaryValue, 'Decimal'],
    ['summary.orders', summaries.at(0)?.orders, 'integer'],
    ['summary.frequency', summaries.at(0)?.frequency, 'integer'],
    ['summary.recency', summaries.at(0)?.recency, 'number'],
    ['summary.T', summaries.at(1)?.T, 'number'],
    ['summary.firstPurchaseAt', summaries.at(0)?.firstPurchaseAt, 'Date'],
    [
      'rfmScore.monetary',
      api.rfmScores(summaries, { asOf: '2024-06-30' }).at(0)?.monetary,
      'Decimal',
    ],
    [
      'rfmScore.daysSinceLastPurchase',
      api.rfmScores(summaries, { asOf: '2024-06-30' }).at(0)?.daysSinceLastPurchase,
      'number',
    ],
    ['segmentReport.totalRevenue', report.totalRevenue, 'Decimal'],
    ['segmentReport row.customers', report.segments[0]?.customers, 'integer'],
    ['segmentReport row.customerShare', report.segments[0]?.customerShare, 'Decimal'],
    ['segmentReport row.averageOrderValue', report.segments[0]?.averageOrderValue, 'Decimal'],
    ['segmentReport row.meanOrders', report.segments[0]?.meanOrders, 'Decimal'],
    [
      'segmentReport row.meanDaysSinceLastPurchase',
      report.segments[0]?.meanDaysSinceLastPurchase,
      'number',
    ],
    [
      'cohort rate',
      api.cohortRetention(LOG as unknown as Log, { asOf: '2024-06-30' }).cohorts[0]?.rates[0],
      'Decimal',
    ],
    [
      'cohort size',
      api.cohortRetention(LOG as unknown as Log, { asOf: '2024-06-30' }).cohorts[0]?.size,
      'integer',
    ],
    [
      'customerCounts.endCustomers',
      api.customerCounts(LOG as unknown as Log, {
        periodStart: '2024-06-01',
        periodEnd: '2024-06-30',
        activeWithin: 30,
      }).endCustomers,
      'integer',
    ],
    [
      'retentionRate',
      api.retentionRate({ startCustomers: 1000, endCustomers: 900, newCustomers: 200 }),
      'Decimal',
    ],
    ['probabilityAlive', api.probabilityAlive(MBG, { frequency: 0, recency: 0, T: 29 }), 'number'],
  ];
  it.each(cases)('%s', (_name, value, kind) => {
    expect(asNumber(kindOf(value))).toBe(asNumber(kind));
    if (kind === 'integer') expect(kindOf(value)).toBe('integer');
  });
});

describe('convention 3: names mean one thing', () => {
  it('frequency is repeat orders and recency the first-to-last span wherever they appear', () => {
    const [a, b] = api.summarizeTransactions(
      [...LOG, { customerId: 'b', at: '2024-06-11T10:00:00Z', amount: 5 }] as unknown as Log,
      { asOf: '2024-06-30' },
    );
    // b: orders on June 1 and June 11 → frequency 1, recency 10 days; a: one order
    expect([a?.frequency, a?.recency, b?.frequency, b?.recency]).toEqual([0, 0, 1, 10]);
  });

  it('rows of RFM scores and classes carry no field of the same name with another meaning', () => {
    const summaries = api.summarizeTransactions(LOG as unknown as Log, { asOf: '2024-06-30' });
    const rows = [
      ...api.rfmScores(summaries, { asOf: '2024-06-30' }),
      ...api.classifyCustomers(summaries, { asOf: '2024-06-30' }),
    ];
    for (const row of rows) {
      expect(Object.keys(row)).not.toContain('frequency');
      expect(Object.keys(row)).not.toContain('recency');
      expect(Object.keys(row)).not.toContain('T');
    }
  });
});
