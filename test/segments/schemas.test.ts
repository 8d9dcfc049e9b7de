/**
 * Every exported schema of segments (and of the segment chart) accepts exactly what its function
 * accepts: each is run pairwise with its function on the same valid and invalid inputs.
 */
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { segmentChartOptionsSchema, segmentChartSpec } from '../../src/charts/segment-chart.js';
import { isRetentionMetricsError } from '../../src/core/errors.js';
import { classifyCustomers } from '../../src/segments/classify/classify.js';
import { classifyOptionsSchema } from '../../src/segments/classify/options.js';
import { segmentationInputSchema } from '../../src/segments/input.js';
import { segmentReport, segmentReportOptionsSchema } from '../../src/segments/report.js';
import { rfmOptionsSchema, rfmScores } from '../../src/segments/rfm.js';

/** Whether the function accepts the input: it returns rather than refusing it with an input error. */
function accepts(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch (error) {
    if (isRetentionMetricsError(error) && ['INVALID_INPUT', 'EMPTY_INPUT'].includes(error.code)) {
      return false;
    }
    throw error;
  }
}

function pairwise(
  name: string,
  schema: { safeParse(value: unknown): { success: boolean } },
  run: (value: unknown) => unknown,
  valid: readonly unknown[],
  invalid: readonly unknown[],
): void {
  describe(name, () => {
    it.each(valid.map((v, i) => [i, v]))('valid #%i is accepted by both', (_, value) => {
      expect(accepts(() => run(value))).toBe(true);
      expect(schema.safeParse(value).success).toBe(true);
    });
    it.each(invalid.map((v, i) => [i, v]))('invalid #%i is refused by both', (_, value) => {
      expect(accepts(() => run(value))).toBe(false);
      expect(schema.safeParse(value).success).toBe(false);
    });
  });
}

const row = {
  customerId: 'a',
  firstPurchaseAt: '2024-01-05',
  lastPurchaseAt: '2024-03-31',
  orders: 5,
  totalRevenue: '500',
};
const other = { ...row, customerId: 7, totalRevenue: 20.5, lastPurchaseAt: new Date('2024-02-01') };
const SUMMARIES = [row, other];
const FAR = '2199-12-31';

pairwise(
  'segmentationInputSchema ~ rfmScores(summaries)',
  segmentationInputSchema,
  (summaries) => rfmScores(summaries as never, { asOf: FAR }),
  [
    [],
    SUMMARIES,
    [{ ...row, extra: 'kept', frequency: 4 }],
    [{ ...row, totalRevenue: new Decimal('0.1') }],
    [{ ...row, totalRevenue: -0 }],
    [{ ...row, firstPurchaseAt: Date.parse('2024-01-05'), lastPurchaseAt: '20240331' }],
    [{ ...row, firstPurchaseAt: '1950-01-01' }],
    [
      { ...row, customerId: 5n },
      { ...row, customerId: 2n ** 64n },
    ],
    {
      customerId: Int32Array.of(1, 2),
      firstPurchaseAt: Float64Array.of(1.7e12, 1.7e12),
      lastPurchaseAt: [1.71e12, 1.7e12],
      orders: [1, 2],
      totalRevenue: ['1', 2],
    },
    { customerId: [], firstPurchaseAt: [], lastPurchaseAt: [], orders: [], totalRevenue: [] },
  ],
  [
    null,
    'rows',
    [null],
    [row, row],
    [{ ...row, customerId: Number.NaN }],
    [{ ...row, customerId: true }],
    [
      { ...row, customerId: 5n },
      { ...row, customerId: 5 },
    ],
    [{ ...row, orders: 0 }],
    [{ ...row, orders: 1.5 }],
    [{ ...row, orders: '5' }],
    [{ ...row, totalRevenue: -1 }],
    [{ ...row, totalRevenue: 'lots' }],
    [{ ...row, lastPurchaseAt: '2024-01-01' }],
    [{ ...row, firstPurchaseAt: 'soon' }],
    [{ ...row, firstPurchaseAt: 1_704_412_800_000_000 }],
    [{ ...row, firstPurchaseAt: 1_704_412_800 }],
    [{ ...row, firstPurchaseAt: '1850-01-01' }],
    [{ customerId: 'a', firstPurchaseAt: '2024-01-05', lastPurchaseAt: '2024-03-31', orders: 5 }],
    { customerId: [1], firstPurchaseAt: [1.7e12], lastPurchaseAt: [1.7e12], orders: [1] },
    {
      customerId: [1, 2],
      firstPurchaseAt: [1.7e12],
      lastPurchaseAt: [1.7e12, 1.7e12],
      orders: [1, 1],
      totalRevenue: [1, 1],
    },
  ],
);

pairwise(
  'rfmOptionsSchema ~ rfmScores(·, options)',
  rfmOptionsSchema,
  (options) => rfmScores(SUMMARIES, options as never),
  [
    { asOf: FAR },
    { asOf: '2024-06-30', timeZone: 'America/New_York' },
    { asOf: '20240630T000000Z', timeZone: '+03:00', timeUnit: 'ms' },
    { asOf: 1_735_603_200, timeUnit: 's' },
    { asOf: 1_735_603_200_000_000n, timeUnit: 'us' },
    { asOf: FAR, bins: 3, segments: [{ name: 'All', r: [1, 3], fm: [1, 3] }] },
    { asOf: FAR, thresholds: { daysSinceLastPurchase: [1, 2, 3, 4], orders: [1, 2, 3, 4] } },
    { asOf: FAR, thresholds: { monetary: ['1', 2, new Decimal(3), '4.5'] }, monetary: 'average' },
  ],
  [
    undefined,
    {},
    { asOf: 'soon' },
    { asOf: 1_735_603_200 },
    { asOf: FAR, timeZone: 'Mars/Olympus' },
    { asOf: FAR, timeUnit: 'min' },
    { asOf: FAR, bins: 3 },
    { asOf: FAR, bins: 11, segments: [{ name: 'All', r: [1, 5], fm: [1, 5] }] },
    { asOf: FAR, thresholds: { recency: [1, 2, 3, 4] } },
    { asOf: FAR, thresholds: { frequency: [1, 2, 3, 4] } },
    { asOf: FAR, thresholds: { orders: [1, 2, 2, 4] } },
    { asOf: FAR, thresholds: { monetary: [1, 2, 3] } },
    { asOf: FAR, segments: [] },
    { asOf: FAR, segments: [{ name: 'X', r: [0, 5], fm: [1, 5] }] },
    { asOf: FAR, monetary: 'sum' },
    { asOf: FAR, locale: 'en' },
  ],
);

pairwise(
  'classifyOptionsSchema ~ classifyCustomers(·, options)',
  classifyOptionsSchema,
  (options) => classifyCustomers(SUMMARIES, options as never),
  [
    { asOf: FAR },
    { asOf: '2024-06-30', timeZone: 'Asia/Tokyo' },
    { asOf: 1_735_603_200_000, timeUnit: 'ms', reasons: false },
    { asOf: FAR, vip: { minRevenue: '100', minOrders: 2 }, newWithinDays: 0, lostAfterDays: 30 },
    { asOf: FAR, atRisk: { multiple: 3, fallbackIntervalDays: 10 } },
    { asOf: FAR, atRisk: { aliveProbability: { threshold: 0.5, probability: () => 0.4 } } },
    {
      asOf: FAR,
      rules: [{ name: 'big', segment: 'whale', priority: 350, test: () => false }],
      disable: ['big', 'vip'],
    },
  ],
  [
    undefined,
    {},
    { asOf: '2024-13-01' },
    { asOf: FAR, timeZone: 'Nowhere/Else' },
    { asOf: FAR, vip: { topShare: 0.1, minOrders: 2 } },
    { asOf: FAR, vip: { topShare: 0 } },
    {
      asOf: FAR,
      atRisk: { multiple: 2, aliveProbability: { threshold: 0.5, probability: () => 0.4 } },
    },
    { asOf: FAR, atRisk: { aliveProbability: { threshold: 2, probability: () => 0.4 } } },
    { asOf: FAR, lostAfterDays: 0 },
    { asOf: FAR, rules: [{ name: 'vip', segment: 'x', priority: 1, test: () => true }] },
    { asOf: FAR, rules: [{ name: 'x', segment: 'x', priority: 400, test: () => true }] },
    { asOf: FAR, rules: [{ name: 'x', segment: 'x', priority: 1, test: 'yes' }] },
    { asOf: FAR, disable: ['nope'] },
    { asOf: FAR, reasons: 'no' },
  ],
);

const CLASSES = classifyCustomers(SUMMARIES, { asOf: FAR });

pairwise(
  'segmentReportOptionsSchema ~ segmentReport(·, ·, options)',
  segmentReportOptionsSchema,
  (options) => segmentReport(CLASSES, SUMMARIES, options as never),
  [{}, { timeUnit: 'ms' }],
  [null, { timeUnit: 'days' }, { timeZone: 'UTC' }],
);

const REPORT = segmentReport(CLASSES, SUMMARIES);

pairwise(
  'segmentChartOptionsSchema ~ segmentChartSpec(report, options)',
  segmentChartOptionsSchema,
  (options) => segmentChartSpec(REPORT, options as never),
  [{}, { title: 'Segments', width: 300 }, { width: 0.5 }],
  [null, { width: 0 }, { width: -3 }, { width: '300' }, { title: 3 }, { height: 200 }],
);

describe('segmentationInputSchema: issues name the field as the functions do', () => {
  it('paths are relative to the summaries', () => {
    const result = segmentationInputSchema.safeParse([row, { ...row, customerId: 'b', orders: 0 }]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([1, 'orders']);
    expect(result.error?.issues[0]?.message).toBe('must be an integer ≥ 1 (received 0)');
  });
});
