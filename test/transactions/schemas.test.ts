import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { cohortHeatmapOptionsSchema, cohortHeatmapSpec } from '../../src/charts/cohort-heatmap.js';
import { isRetentionMetricsError } from '../../src/core/errors.js';
import { summaryAccumulatorJSONSchema } from '../../src/transactions/accumulator-json.js';
import { cohortRetentionOptionsSchema } from '../../src/transactions/cohorts/options.js';
import { cohortRetention } from '../../src/transactions/cohorts/table.js';
import { customerCounts, customerCountsOptionsSchema } from '../../src/transactions/counts.js';
import {
  calibrationHoldoutOptionsSchema,
  calibrationHoldoutSummary,
} from '../../src/transactions/holdout.js';
import { summaryOptionsSchema } from '../../src/transactions/log.js';
import {
  createSummaryAccumulator,
  summarizeTransactions,
  summaryAccumulatorFromJSON,
} from '../../src/transactions/summarize.js';
import {
  transactionSchema,
  transactionSchemaFor,
} from '../../src/transactions/transaction-schema.js';

/** Whether `run` accepts its input: false for INVALID_INPUT, true when it returns. */
function accepts(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch (error) {
    if (isRetentionMetricsError(error) && error.code === 'INVALID_INPUT') return false;
    throw error;
  }
}

const at = '2024-01-05';
const rows: unknown[] = [
  { customerId: 1, at, amount: 1 },
  { customerId: 'a', at: new Date('2024-01-05T10:00:00Z'), amount: '10.50' },
  { customerId: 5n, at: 1704412800000, amount: new Decimal('0.001') },
  { customerId: 2n ** 64n, at: BigInt(1704412800000), amount: 3n },
  { customerId: 1, at: '20240105T120000Z', amount: { width: 4, scale: 2, value: 1234n } },
  { customerId: 1, at, amount: 0, note: 'extra fields are ignored' },
  // refused
  null,
  'row',
  [1, at, 1],
  {},
  { customerId: null, at, amount: 1 },
  { customerId: Number.NaN, at, amount: 1 },
  { customerId: 1, at: 'yesterday', amount: 1 },
  { customerId: 1, at: 1704412800, amount: 1 }, // seconds read as ms: 1970
  { customerId: 1, at: 1704412800000000, amount: 1 }, // microseconds read as ms
  { customerId: 1, at: '1899-12-31', amount: 1 },
  { customerId: 1, at, amount: -1 },
  { customerId: 1, at, amount: '1e' },
  { customerId: 1, at, amount: Number.POSITIVE_INFINITY },
  { customerId: 1, at, amount: { width: 4, scale: 2, value: -5n } },
  { customerId: 1, at, amount: new Uint32Array([1, 0, 0, 0]) },
  { customerId: 1, at, amount: { toString: () => '5' } },
];

describe('transactionSchema accepts exactly the rows the functions accept', () => {
  it.each(rows.map((row) => [row] as const))('%o', (row) => {
    const schema = transactionSchema.safeParse(row).success;
    const reader = accepts(() => summarizeTransactions([row as never], { asOf: '2199-12-31' }));
    expect(schema).toBe(reader);
    expect(accepts(() => cohortRetention([row as never], { asOf: '2199-12-31' }))).toBe(reader);
  });

  it('with another timeUnit', () => {
    const micro = { customerId: 1, at: 1704412800000000, amount: 1 };
    expect(transactionSchemaFor('us').safeParse(micro).success).toBe(true);
    expect(
      accepts(() => summarizeTransactions([micro], { asOf: '2199-12-31', timeUnit: 'us' })),
    ).toBe(true);
    const error = transactionSchema.safeParse(micro).error?.issues[0];
    expect(error?.path).toEqual(['at']);
    expect(error?.message).toContain("pass timeUnit: 'us'");
  });
});

describe('every transactions options schema accepts exactly what its function accepts', () => {
  const cases: [
    string,
    { safeParse(v: unknown): { success: boolean } },
    (o: never) => unknown,
    unknown[],
  ][] = [
    [
      'summaryOptionsSchema / summarizeTransactions and createSummaryAccumulator',
      summaryOptionsSchema,
      (o) => {
        summarizeTransactions([], o);
        return createSummaryAccumulator(o);
      },
      [
        { asOf: at },
        { asOf: at, granularity: 'quarter' },
        { asOf: 1704412800, timeUnit: 's' },
        { asOf: 1704412800 },
        { asOf: 1704412800000000n, timeUnit: 'us' },
        { asOf: at, timeZone: 'America/New_York', unit: 7 },
        { asOf: at, timeZone: 'Mars/Olympus' },
        { asOf: at, timeUnit: 'minutes' },
        { asOf: at, unit: -1 },
        { asOf: at, cohortUnit: 'day' },
        {},
        null,
      ],
    ],
    [
      'calibrationHoldoutOptionsSchema / calibrationHoldoutSummary',
      calibrationHoldoutOptionsSchema,
      (o) => calibrationHoldoutSummary([], o),
      [
        { calibrationEnd: '2024-01-31', observationEnd: '2024-02-29' },
        { calibrationEnd: '2024-01-31', observationEnd: '2024-01-31' },
        { calibrationEnd: '2024-01-31', observationEnd: '2024-02-01', granularity: 'month' },
        { calibrationEnd: '2024-01-31', observationEnd: '2024-03-01', granularity: 'month' },
        { calibrationEnd: '2024-01-31T10:00:00Z', observationEnd: '2024-01-31T11:00:00Z' },
        {
          calibrationEnd: '2024-01-31T10:00:00Z',
          observationEnd: '2024-01-31T11:00:00Z',
          granularity: 'none',
        },
        { calibrationEnd: 1706659200, observationEnd: 1709164800, timeUnit: 's' },
        { calibrationEnd: 1706659200, observationEnd: 1709164800 },
        { calibrationEnd: '2024-01-31' },
      ],
    ],
    [
      'cohortRetentionOptionsSchema / cohortRetention',
      cohortRetentionOptionsSchema,
      (o) => cohortRetention([], o),
      [
        { asOf: at },
        { asOf: at, granularity: 'year' },
        { asOf: at, cohortUnit: 'week' },
        { asOf: at, cohortUnit: 'week', granularity: 'week' },
        { asOf: at, mode: 'bracket', brackets: [{ from: 1, to: 3 }] },
        { asOf: at, mode: 'bracket' },
        { asOf: at, periods: 0 },
        { asOf: 1704412800000000, timeUnit: 'us' },
        { asOf: 1704412800000000 },
      ],
    ],
    [
      'customerCountsOptionsSchema / customerCounts',
      customerCountsOptionsSchema,
      (o) => customerCounts([], o),
      [
        { periodStart: '2024-01-01', periodEnd: '2024-01-31', activeWithin: 30 },
        { periodStart: '2024-01-31', periodEnd: '2024-01-31', activeWithin: 30 },
        { periodStart: '2024-01-31', periodEnd: '2024-01-01', activeWithin: 30 },
        { periodStart: '2024-01-01', periodEnd: '2024-01-31', activeWithin: 0 },
        { periodStart: 1704067200, periodEnd: 1706659200, activeWithin: 30, timeUnit: 's' },
        { periodStart: '2024-01-01', periodEnd: '2024-01-31', activeWithin: 30, timeZone: 'X' },
      ],
    ],
  ];
  for (const [name, schema, run, inputs] of cases) {
    it(name, () => {
      for (const input of inputs) {
        expect([input, schema.safeParse(input).success]).toEqual([
          input,
          accepts(() => run(input as never)),
        ]);
      }
    });
  }

  it('summaryAccumulatorJSONSchema / summaryAccumulatorFromJSON', () => {
    const good = createSummaryAccumulator({ asOf: at })
      .addMany([
        { customerId: 1, at, amount: 1 },
        { customerId: 2, at, amount: 1 },
      ])
      .toJSON();
    const repeated = { ...good, customers: [good.customers[0], good.customers[0]] };
    for (const json of [good, repeated, { ...good, version: 3 }, { ...good, format: 'x' }]) {
      expect(summaryAccumulatorJSONSchema.safeParse(json).success).toBe(
        accepts(() => summaryAccumulatorFromJSON(json as never)),
      );
    }
  });

  it('cohortHeatmapOptionsSchema / cohortHeatmapSpec', () => {
    const table = cohortRetention([{ customerId: 1, at, amount: 1 }], { asOf: '2024-03-31' });
    for (const options of [
      {},
      { cellSize: 20 },
      { cellSize: 0 },
      { width: -1 },
      { color: 'red' },
    ]) {
      expect(cohortHeatmapOptionsSchema.safeParse(options).success).toBe(
        accepts(() => cohortHeatmapSpec(table, options as never)),
      );
    }
  });
});

describe('input of two forms at once is an error naming the conflict', () => {
  it('a row array that also carries columns', () => {
    const log = Object.assign([{ customerId: 1, at, amount: 1 }], { customerId: [1] });
    for (const run of [
      () => summarizeTransactions(log, { asOf: at }),
      () => cohortRetention(log, { asOf: at }),
      () => customerCounts(log, { periodStart: at, periodEnd: '2024-02-01', activeWithin: 30 }),
    ]) {
      try {
        run();
        throw new Error('accepted');
      } catch (error) {
        expect(isRetentionMetricsError(error) && error.message).toContain(
          'give either an array of rows or an object of columns, not both',
        );
      }
    }
  });

  it('an option under its former and its new name', () => {
    try {
      cohortRetention([], { asOf: at, cohortUnit: 'week', granularity: 'month' });
      throw new Error('accepted');
    } catch (error) {
      expect(isRetentionMetricsError(error) && error.message).toContain(
        'give either granularity or cohortUnit (its former name), not both',
      );
    }
  });
});
