/**
 * One valid call of every exported function, for the hostile-input battery: the battery mutates
 * these arguments. An entry may call the function differently (`call`) and exercise what it
 * returns (`exercise`: an accumulator's methods, a hook's probability). Keys after a `#` are further
 * calls of the same export (an accumulator's `add` and `merge`).
 */
import { publicApi as api } from '../support/public-api.js';

type Api = typeof api;

export interface Entry {
  /** A fresh valid argument list. */
  readonly args: () => unknown[];
  /** Calls the export with the (mutated) arguments; default: the export itself. */
  readonly call?: (args: unknown[]) => unknown;
  /** Exercises the result (methods of an accumulator or a hook). */
  readonly exercise?: (result: never) => unknown;
  /** Why the arguments may legitimately change (not checked then). */
  readonly changes?: string;
}

const log = () => [
  { customerId: 'a', at: '2024-01-05', amount: 10 },
  { customerId: 'a', at: '2024-02-10T10:00:00Z', amount: '20.50' },
  { customerId: 'b', at: new Date(Date.UTC(2024, 0, 20)), amount: 5 },
  { customerId: 7, at: '2024-03-02', amount: '5' },
];
const columnLog = () => ({
  customerId: ['a', 'a', 'b'],
  at: new Float64Array([Date.UTC(2024, 0, 5), Date.UTC(2024, 1, 10), Date.UTC(2024, 0, 20)]),
  amount: new Float64Array([10, 20.5, 5]),
});
const summaries = () => [
  {
    customerId: 'a',
    firstPurchaseAt: '2023-01-05',
    lastPurchaseAt: '2024-03-31',
    orders: 5,
    totalRevenue: 500,
  },
  {
    customerId: 'b',
    firstPurchaseAt: '2023-02-11',
    lastPurchaseAt: '2024-03-22',
    orders: 3,
    totalRevenue: '300',
  },
  {
    customerId: 'c',
    firstPurchaseAt: '2024-01-02',
    lastPurchaseAt: '2024-01-02',
    orders: 1,
    totalRevenue: 40,
  },
];
const fitRows = () => [
  { frequency: 0, recency: 0, T: 38, weight: 30 },
  { frequency: 1, recency: 20, T: 38, weight: 8 },
  { frequency: 3, recency: 35, T: 38, weight: 6 },
  { frequency: 2, recency: 5, T: 38, weight: 6 },
  { frequency: 5, recency: 30, T: 30, weight: 3 },
];
const bg = () => ({
  model: 'bg-nbd',
  unit: 'week',
  params: { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 },
});
const pareto = () => ({
  model: 'pareto-nbd',
  params: { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 },
});
const gg = () => ({ model: 'gamma-gamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } });
const history = () => ({ frequency: 2, recency: 30.43, T: 38.86 });
const movements = () => ({
  startingRevenue: 100000,
  churnedRevenue: 3000,
  contractionRevenue: 1000,
  expansionRevenue: '6000',
});
const sqlSource = () => ({
  dialect: 'duckdb',
  table: ['shop', 'orders'],
  columns: { customerId: 'customer_id', at: 'ordered_at', amount: 'total' },
});
const summaryOptions = () => ({ asOf: '2024-03-31', unit: 'week', timeZone: 'Europe/Berlin' });
const countsOptions = () => ({
  periodStart: '2024-01-31',
  periodEnd: '2024-03-31',
  activeWithin: 60,
});
const cohortTable = () => api.cohortRetention(log(), { asOf: '2024-03-15' });
const plan = () =>
  JSON.parse(
    JSON.stringify(api.buildRetentionPlan({ locale: 'en', metrics: { churnRate: '0.12' } })),
  );
const report = () => {
  const s = summaries();
  return api.segmentReport(api.classifyCustomers(s, { asOf: '2024-04-01' }), s);
};
const accumulatorState = () => {
  const acc = api.createSummaryAccumulator({ asOf: '2024-03-31' });
  acc.addMany(log());
  return JSON.parse(JSON.stringify(acc.toJSON()));
};
const exerciseAccumulator = (acc: ReturnType<Api['createSummaryAccumulator']>) => [
  acc.result(),
  acc.table(),
  acc.toJSON(),
];
/** A fitted model's JSON, fitted once. */
const FITTED = JSON.stringify(api.fitBgNbd(fitRows(), { unit: 'week' }));
const summaryRow = () => ({
  customerId: 'a',
  firstPurchaseAt: 1704067200000n,
  lastPurchaseAt: 1705276800000n,
  orders: 2n,
  frequency: 1n,
  recency: 2,
  T: 4,
  totalRevenue: '35.50',
  repeatRevenue: '20.00',
});

export const ENTRIES: Record<string, Entry> = {
  aliveProbabilityHook: {
    args: () => [
      bg(),
      [{ customerId: 'a', firstPurchaseAt: '1997-01-01', lastPurchaseAt: '1997-08-01', orders: 3 }],
      { asOf: '1997-09-30', threshold: 0.5 },
    ],
    exercise: (hook: ReturnType<Api['aliveProbabilityHook']>) => [
      hook.probability('a'),
      hook.threshold,
    ],
  },
  'aliveProbabilityHook#table': {
    args: () => [bg(), columnLog(), { asOf: '2024-03-31', threshold: 0.5 }],
    call: ([m, l, o]) =>
      api.aliveProbabilityHook(
        m as never,
        api.summarizeTransactions(l as never, { asOf: '2024-03-31' }),
        o as never,
      ),
    exercise: (hook: ReturnType<Api['aliveProbabilityHook']>) => [hook.threshold],
  },
  averageCustomerLifespan: { args: () => [{ churnRate: '0.05' }] },
  averageOrderValue: { args: () => [{ amounts: ['0.1', 0.2, new api.Decimal('3')] }] },
  'averageOrderValue#totals': { args: () => [{ revenue: '1234.50', orders: 30 }] },
  averageRevenuePerUser: { args: () => [{ revenue: '12500.00', customers: 250 }] },
  'buildRetentionPlan#ru': {
    args: () => [{ locale: api.ru, metrics: { churnRate: '0.12' }, segmentReport: report() }],
  },
  buildRetentionPlan: {
    args: () => [
      {
        locale: 'en',
        metrics: { churnRate: '0.12', averageOrderValue: 20 },
        period: { start: '2025-01-01', end: '2025-03-31' },
        customize: {
          remove: ['team-training'],
          add: [
            {
              id: 'pilot',
              after: 'strategy',
              title: 'Pilot',
              description: 'Try it.',
              tasks: ['Pick the region.'],
              owners: ['marketing'],
              kpis: ['nps'],
            },
          ],
          cadence: 'quarter',
          targets: { churnRate: '0.1' },
          kpis: [
            {
              metric: 'nps',
              name: 'Net promoter score',
              description: 'Promoters minus detractors.',
              unit: 'score',
              direction: 'increase',
              baseline: 12,
              target: 20,
            },
          ],
        },
      },
    ],
  },
  cacPaybackPeriod: {
    args: () => [{ acquisitionCost: 600, revenuePerPeriod: 100, grossMargin: '0.75' }],
  },
  calibrationHoldoutSql: {
    args: () => [
      { ...sqlSource(), calibrationEnd: '1997-09-30', observationEnd: '1998-06-30', unit: 'week' },
    ],
  },
  calibrationHoldoutSummary: {
    args: () => [
      log(),
      { calibrationEnd: '2024-02-01', observationEnd: '2024-03-31', unit: 'week' },
    ],
  },
  churnRate: { args: () => [{ startCustomers: 1000, endCustomers: 900, newCustomers: 200 }] },
  classifyCustomers: {
    args: () => [summaries(), { asOf: '2024-04-01', lostAfterDays: 365, newWithinDays: 30 }],
  },
  'classifyCustomers#table': {
    args: () => [columnLog(), { asOf: '2024-03-31' }],
    call: ([l, o]) =>
      api.classifyCustomers(
        api.summarizeTransactions(l as never, { ...(o as object), form: 'table' } as never),
        o as never,
      ),
  },
  cohortHeatmapSpec: {
    args: () => [cohortTable(), { title: 'Retention', width: 400, cellSize: 20 }],
  },
  cohortRetention: {
    args: () => [log(), { asOf: '2024-03-15', granularity: 'month', periods: 3 }],
  },
  'cohortRetention#brackets': {
    args: () => [
      log(),
      {
        asOf: '2024-03-15',
        mode: 'bracket',
        measure: 'revenue',
        brackets: [
          { from: 0, to: 0 },
          { from: 1, to: 3 },
        ],
      },
    ],
  },
  cohortRetentionSql: {
    args: () => [{ ...sqlSource(), asOf: '2024-06-30', mode: 'rolling', granularity: 'week' }],
  },
  compressSummaries: { args: () => [fitRows()] },
  compressedSummarySql: { args: () => [{ ...sqlSource(), asOf: '2024-06-30', unit: 'week' }] },
  conditionalExpectedPurchases: { args: () => [bg(), history(), 39] },
  'conditionalExpectedPurchases#pareto': { args: () => [pareto(), history(), 39] },
  conditionalExpectedSpend: { args: () => [gg(), { frequency: 2, monetaryValue: '22.35' }] },
  convertChurnRate: { args: () => [{ churnRate: '0.05', lengthRatio: 12 }] },
  'convertChurnRate#units': { args: () => [{ churnRate: '0.05', from: 'month', to: 'year' }] },
  createSummaryAccumulator: {
    args: () => [summaryOptions()],
    exercise: (acc: ReturnType<Api['createSummaryAccumulator']>) => exerciseAccumulator(acc),
  },
  'createSummaryAccumulator#add': {
    args: () => [summaryOptions(), log()[1], columnLog()],
    call: ([o, row, columns]) => {
      const acc = api.createSummaryAccumulator(summaryOptions() as never);
      acc.add(row as never).addMany(columns as never);
      return exerciseAccumulator(acc.merge(api.createSummaryAccumulator(o as never)));
    },
  },
  customerCounts: { args: () => [log(), countsOptions()] },
  customerCountsSql: {
    args: () => [{ ...sqlSource(), ...countsOptions(), timeZone: 'America/New_York' }],
  },
  customerLifetimeValue: {
    args: () => [
      { method: 'discounted', margin: 100, retentionRate: '0.5', discountRate: '0.25', periods: 3 },
    ],
  },
  'customerLifetimeValue#historical': {
    args: () => [{ method: 'historical', amounts: ['19.99', '5.01', 25] }],
  },
  'customerLifetimeValue#simple': {
    args: () => [
      {
        method: 'simple',
        averageOrderValue: 50,
        purchaseFrequency: 2,
        lifespan: 3,
        grossMargin: '0.4',
      },
    ],
  },
  'customerLifetimeValue#margin': {
    args: () => [
      { method: 'margin-multiple', margin: 100, retentionRate: '0.5', discountRate: '0.25' },
    ],
  },
  expectedPurchases: { args: () => [bg(), 52] },
  'expectedPurchases#pareto': { args: () => [pareto(), 52] },
  fitBgNbd: { args: () => [fitRows(), { unit: 'week', maxIterations: 50 }] },
  fitGammaGamma: {
    args: () => [
      [
        { frequency: 1, monetaryValue: '12.50' },
        { frequency: 2, monetaryValue: 30 },
        { frequency: 4, monetaryValue: 22 },
        { frequency: 3, monetaryValue: 18 },
      ],
      { maxIterations: 50 },
    ],
  },
  fitModifiedBgNbd: { args: () => [fitRows(), { unit: 'day', maxIterations: 50 }] },
  fitParetoNbd: { args: () => [fitRows(), { unit: 7, maxIterations: 50 }] },
  fittedModelFromJSON: { args: () => [JSON.parse(FITTED)] },
  forecastCustomers: {
    args: () => [
      [{ customerId: 1, frequency: 2, recency: 30.43, T: 38.86, monetaryValue: '22.35' }],
      {
        purchaseModel: bg(),
        spendModel: gg(),
        periods: 3,
        periodLength: 13,
        discountRate: 0.01,
        margin: 0.3,
      },
    ],
  },
  formatMoney: { args: () => ['1234.5', { currency: 'USD', decimals: 2, rounding: 'half-up' }] },
  formatNumber: {
    args: () => ['1234567.5', { locale: 'de-DE', decimals: 1, rounding: 'half-even' }],
  },
  formatPercent: {
    args: () => ['0.12345', { decimals: 2, rounding: 'half-even', locale: 'ru-RU' }],
  },
  formatReason: {
    args: () => [
      { rule: 'lost', values: { daysSinceLastPurchase: 400, lostAfterDays: 365 } },
      { locale: 'ru' },
    ],
  },
  grossRevenueChurnRate: { args: () => [movements()] },
  grossRevenueRetention: { args: () => [movements()] },
  isRetentionMetricsError: { args: () => [new api.RetentionMetricsError('INVALID_INPUT', 'x')] },
  logCheckSql: { args: () => [{ ...sqlSource(), atType: 'epoch' }] },
  ltvToCacRatio: { args: () => [{ lifetimeValue: '1200', acquisitionCost: '400' }] },
  netRevenueChurnRate: { args: () => [movements()] },
  netRevenueRetention: { args: () => [movements()] },
  planMetricsFromLog: { args: () => [log(), countsOptions()] },
  planMetricsFromSummaries: {
    args: () => [summaries(), { counts: { startCustomers: 2, endCustomers: 1 } }],
  },
  probabilityAlive: { args: () => [bg(), history()] },
  'probabilityAlive#pareto': { args: () => [pareto(), history()] },
  purchaseCountProbability: { args: () => [bg(), 2, 39] },
  'purchaseCountProbability#pareto': { args: () => [pareto(), 2, 39] },
  purchaseFrequency: { args: () => [{ orders: 6919, customers: 2357 }] },
  readCalibrationHoldoutRows: {
    args: () => [
      [
        {
          ...summaryRow(),
          frequencyHoldout: 2,
          durationHoldout: 2,
          holdoutRows: 2,
          rowsAfterObservationEnd: 0,
        },
      ],
    ],
  },
  readCohortRows: {
    args: () => [
      [
        { cohort: 648n, k: 0n, bracket: null, customers: 2n, revenue: '15.00', lastCustomers: 0n },
        { cohort: 648n, k: 1n, bracket: null, customers: 1n, revenue: '20.00', lastCustomers: 1n },
      ],
      { ...sqlSource(), asOf: '2024-03-15' },
    ],
  },
  readCustomerCountsRows: {
    args: () => [
      [
        {
          startCustomers: 2n,
          endCustomers: 3n,
          retainedCustomers: 1n,
          acquiredCustomers: 1n,
          reactivatedCustomers: 1n,
        },
      ],
    ],
  },
  readLogCheckRows: {
    args: () => [
      [
        {
          rows: 120n,
          missingCustomerId: 0n,
          missingAt: 0n,
          implausibleAt: 0n,
          missingAmount: 0n,
          negativeAmount: 0n,
        },
      ],
    ],
  },
  readSummaryRows: { args: () => [[summaryRow()]] },
  readWeightedRows: { args: () => [[{ frequency: 2n, recency: 10, T: 30, weight: 1n }]] },
  renderRetentionPlan: { args: () => [plan(), { format: 'markdown' }] },
  'renderRetentionPlan#ru': {
    args: () => [
      JSON.parse(JSON.stringify(api.buildRetentionPlan({ locale: api.ru }))),
      { format: 'text', locale: api.ru },
    ],
  },
  repeatPurchaseRate: { args: () => [{ customers: 2357, repeatCustomers: 946 }] },
  retentionRate: { args: () => [{ startCustomers: 1000, endCustomers: 900, newCustomers: '200' }] },
  rfmScores: { args: () => [summaries(), { asOf: '2024-04-01', bins: 5 }] },
  saasQuickRatio: {
    args: () => [
      { newRevenue: 10000, expansionRevenue: 6000, churnedRevenue: 3000, contractionRevenue: 1000 },
    ],
  },
  segmentChartSpec: { args: () => [report(), { title: 'Segments', width: 300 }] },
  segmentReport: {
    args: () => {
      const s = summaries();
      return [api.classifyCustomers(s, { asOf: '2024-04-01' }), s];
    },
  },
  simulateBgNbd: {
    args: () => [
      { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 },
      { customers: 5, T: [26, 39], seed: 7 },
    ],
  },
  simulateParetoNbd: {
    args: () => [
      { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 },
      { customers: 5, T: 39 },
    ],
  },
  sumExact: { args: () => [['19.99', 5.01, new api.Decimal('25')]] },
  summarizeTransactions: { args: () => [log(), summaryOptions()] },
  'summarizeTransactions#columns': {
    args: () => [columnLog(), { asOf: '2024-03-31', form: 'table', granularity: 'none' }],
  },
  summaryAccumulatorFromJSON: {
    args: () => [accumulatorState()],
    exercise: (acc: ReturnType<Api['createSummaryAccumulator']>) => exerciseAccumulator(acc),
  },
  summaryAccumulatorFromBinary: {
    args: () => {
      const acc = api.createSummaryAccumulator({ asOf: '2024-03-31', unit: 'week' });
      acc.addMany(log());
      return [acc.toBinary()];
    },
    exercise: (acc: ReturnType<Api['createSummaryAccumulator']>) => exerciseAccumulator(acc),
  },
  summaryTableFromBinary: {
    // Two tables of disjoint customers (numeric and string ids), read and merged.
    args: () => {
      const options = { asOf: '2024-03-31', unit: 'week' } as const;
      const rows = log();
      return [
        [
          api.summarizeTransactions(rows.slice(0, 2), options).toBinary(),
          api.summarizeTransactions(rows.slice(2), options).toBinary(),
        ],
      ];
    },
  },
  'summaryTableFromBinary#one': {
    args: () => [
      api
        .summarizeTransactions(columnLog(), { asOf: '2024-03-31', granularity: 'none' })
        .toBinary(),
    ],
  },
  summarySql: {
    args: () => [{ ...sqlSource(), asOf: '2024-06-30', timeZone: 'America/New_York' }],
  },
  toJsonSchema: {
    args: () => [api.retentionRateInputSchema],
    changes: 'zod caches properties it computes lazily on its own schema objects',
  },
  validateRetentionPlan: { args: () => [plan()] },
};
