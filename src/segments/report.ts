import { z } from 'zod';
import {
  describeValue,
  invalidElement,
  parseInput,
  RetentionMetricsError,
} from '../core/errors.js';
import { D, type Decimal, parseNumeric, ZERO } from '../core/numeric.js';
import { addIssue } from '../core/schemas.js';
import { ExactSum } from '../core/sum.js';
import type { CustomerId } from '../transactions/log.js';
import { BUILT_IN_SEGMENTS, type ClassifiedCustomer, type SegmentName } from './classify/types.js';
import { readSummaries, type SegmentationInput } from './input.js';

/** One segment's figures in a {@link SegmentReport}. */
export interface SegmentReportRow {
  readonly segment: SegmentName;
  /** Customers in the segment. */
  readonly customers: number;
  /** customers / all customers, exact to 30 decimals; the shares of all rows sum to exactly 1. */
  readonly customerShare: Decimal;
  /** Exact sum of the segment's revenue. */
  readonly revenue: Decimal;
  /** revenue / all revenue, exact to 30 decimals; sums to exactly 1 (all 0 when all revenue is 0). */
  readonly revenueShare: Decimal;
  /** Total orders of the segment. */
  readonly orders: number;
  /** revenue / orders (34 significant digits); `null` when the segment is empty. */
  readonly averageOrderValue: Decimal | null;
  /** orders / customers (34 significant digits); `null` when the segment is empty. */
  readonly meanOrders: Decimal | null;
  /** Mean days since the last purchase (float64, an estimate of recency); `null` when empty. */
  readonly meanDaysSinceLastPurchase: number | null;
}

/** The figures per segment of a classification. */
export interface SegmentReport {
  readonly totalCustomers: number;
  readonly totalRevenue: Decimal;
  /** The five built-in segments in priority order (always present), then custom segments in order of first appearance. */
  readonly segments: readonly SegmentReportRow[];
}

/** Decimal places of the shares: every sum of up to 10^4 shares stays within 34 digits. */
const SHARE_PLACES = 30;
const UNIT = new D(10).pow(-SHARE_PLACES);

/**
 * Shares `parts[i] / total` rounded down to {@link SHARE_PLACES} decimals, the missing units given
 * to the largest remainders (ties to the earlier part): the largest-remainder method, so the shares
 * sum to exactly 1 and a share that is exact at 30 decimals stays exact.
 */
function largestRemainderShares(parts: readonly Decimal[], total: Decimal): Decimal[] {
  if (total.isZero()) return parts.map(() => ZERO);
  const scaled = parts.map((p) => p.div(total).div(UNIT));
  const floors = scaled.map((s) => s.floor());
  let missing = new D(10)
    .pow(SHARE_PLACES)
    .minus(floors.reduce((a, b) => a.plus(b), ZERO))
    .toNumber();
  const order = scaled
    .map((s, i) => ({ i, rest: s.minus(floors[i] as Decimal) }))
    .sort((a, b) => b.rest.comparedTo(a.rest) || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    floors[i] = (floors[i] as Decimal).plus(1);
    missing--;
  }
  return floors.map((f) => f.times(UNIT));
}

/** Checks one classified customer's fields, naming the row of a bad one. */
function checkClassified(fn: string, k: number, c: unknown): ClassifiedCustomer {
  if (typeof c !== 'object' || c === null)
    throw invalidElement(fn, 'classified', k, '', 'an object', c);
  const row = c as Record<string, unknown>;
  const id = row.customerId;
  if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) {
    throw invalidElement(fn, 'classified', k, 'customerId', 'a string or a finite number', id);
  }
  if (typeof row.segment !== 'string' || row.segment === '') {
    throw invalidElement(fn, 'classified', k, 'segment', 'a non-empty string', row.segment);
  }
  const days = row.daysSinceLastPurchase;
  if (typeof days !== 'number' || !Number.isFinite(days)) {
    throw invalidElement(fn, 'classified', k, 'daysSinceLastPurchase', 'a finite number', days);
  }
  return c as ClassifiedCustomer;
}

/**
 * Figures per segment of a classification: customers and their share, revenue and its share, average
 * order value, mean orders and mean days since the last purchase.
 *
 * - Counts and money are exact: `revenue` is the exact Decimal sum; `averageOrderValue` =
 *   revenue / orders and `meanOrders` = orders / customers are Decimals (34 significant digits).
 * - Shares are exact to 30 decimal places by the largest-remainder method, so
 *   Σ customerShare = Σ revenueShare = 1 exactly (in any order of summation). When the total revenue
 *   is 0 every revenue share is 0.
 * - Every built-in segment has a row, in priority order (new, lost, at-risk, vip, active), with
 *   zeros and `null` means when empty; custom segments follow in order of first appearance.
 * - `meanDaysSinceLastPurchase` is a float64 mean of the classification's `daysSinceLastPurchase`.
 *
 * @param classified - The result of {@link classifyCustomers} (or its JSON form).
 * @param summaries - The same summaries that were classified (rows or columns).
 * @returns The {@link SegmentReport}.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when `classified` is malformed, repeats a customer,
 *   or does not hold exactly the customers of `summaries`; or a summary is malformed.
 * @throws {RetentionMetricsError} `EMPTY_INPUT` when there are no summaries.
 *
 * @example
 * ```ts
 * import { classifyCustomers, segmentReport } from 'retention-metrics';
 * const summaries = [
 *   { customerId: 'a', firstPurchaseAt: '2024-01-01', lastPurchaseAt: '2024-05-20', orders: 4, totalRevenue: '150' },
 *   { customerId: 'b', firstPurchaseAt: '2024-05-25', lastPurchaseAt: '2024-05-25', orders: 1, totalRevenue: '20' },
 *   { customerId: 'c', firstPurchaseAt: '2024-05-28', lastPurchaseAt: '2024-05-28', orders: 1, totalRevenue: '30' },
 * ];
 * const report = segmentReport(classifyCustomers(summaries, { asOf: '2024-06-01' }), summaries);
 * report.segments.map((s) => [s.segment, s.customers]); // => [['new', 2], ['lost', 0], ['at-risk', 0], ['vip', 1], ['active', 0]]
 * report.segments[0]?.revenue; // => '50'
 * report.segments[0]?.averageOrderValue; // => '25'
 * report.segments[3]?.revenueShare; // => '0.75'
 * segmentReport([], summaries); // => throws INVALID_INPUT
 * ```
 * @category Segmentation
 */
export function segmentReport(
  classified: readonly ClassifiedCustomer[],
  summaries: SegmentationInput,
): SegmentReport {
  const fn = 'segmentReport';
  if (!Array.isArray(classified)) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: classified must be an array of classified customers (received ${describeValue(classified)})`,
      { path: ['classified'] },
    );
  }
  const list = classified as readonly unknown[];
  const t = readSummaries(fn, summaries);
  // Customers are matched by id; the common case, the same order as the summaries, needs no map.
  let position: Map<CustomerId, number> | null = null;
  const order: string[] = [...BUILT_IN_SEGMENTS];
  const index = new Map<string, number>(order.map((s, i) => [s, i]));
  const customers: number[] = order.map(() => 0);
  const orders: number[] = order.map(() => 0);
  const days: number[] = order.map(() => 0);
  const revenue: ExactSum[] = order.map(() => new ExactSum());
  const used = new Uint8Array(t.size);
  for (let k = 0; k < list.length; k++) {
    const c = checkClassified(fn, k, list[k]);
    let i: number | undefined = k;
    if (t.ids[k] !== c.customerId) {
      if (position === null) {
        position = new Map<CustomerId, number>();
        for (let j = 0; j < t.size; j++) position.set(t.ids[j] as CustomerId, j);
      }
      i = position.get(c.customerId);
    }
    if (i === undefined) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: classified[${k}].customerId ${JSON.stringify(c.customerId)} is not in summaries`,
        { path: ['classified', k, 'customerId'] },
      );
    }
    if (used[i] === 1) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: classified[${k}].customerId ${JSON.stringify(c.customerId)} appears twice`,
        { path: ['classified', k, 'customerId'] },
      );
    }
    used[i] = 1;
    let s = index.get(c.segment);
    if (s === undefined) {
      s = order.length;
      index.set(c.segment, s);
      order.push(c.segment);
      customers.push(0);
      orders.push(0);
      days.push(0);
      revenue.push(new ExactSum());
    }
    customers[s] = (customers[s] as number) + 1;
    orders[s] = (orders[s] as number) + (t.orders[i] as number);
    days[s] = (days[s] as number) + c.daysSinceLastPurchase;
    t.addRevenueTo(revenue[s] as ExactSum, i);
  }
  if (list.length !== t.size) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: classified has ${list.length} customers but summaries has ${t.size}: they must be the same customers`,
      { path: ['classified'] },
    );
  }
  const revenueTotals = revenue.map((sum) => sum.value());
  const totalRevenue = revenueTotals.reduce((a, b) => a.plus(b), ZERO);
  const customerShares = largestRemainderShares(
    customers.map((c) => new D(c)),
    new D(t.size),
  );
  const revenueShares = largestRemainderShares(revenueTotals, totalRevenue);
  return {
    totalCustomers: t.size,
    totalRevenue,
    segments: order.map((segment, s) => {
      const count = customers[s] as number;
      const orderCount = orders[s] as number;
      const money = revenueTotals[s] as Decimal;
      return {
        segment,
        customers: count,
        customerShare: customerShares[s] as Decimal,
        revenue: money,
        revenueShare: revenueShares[s] as Decimal,
        orders: orderCount,
        averageOrderValue: orderCount === 0 ? null : money.div(orderCount),
        meanOrders: count === 0 ? null : new D(orderCount).div(count),
        meanDaysSinceLastPurchase: count === 0 ? null : (days[s] as number) / count,
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Chart

/** Options of {@link segmentChartSpec}. */
export interface SegmentChartOptions {
  /** The chart title. Default "Customers and revenue per segment". */
  readonly title?: string;
  /** Width of each of the two bar charts, in pixels. Default 240. */
  readonly width?: number;
}

/** One bar of a {@link SegmentChartSpec}: plain numbers and strings. */
export interface SegmentChartDatum {
  readonly segment: string;
  readonly customers: number;
  /** Revenue as a JavaScript number (for the chart only). */
  readonly revenue: number;
  readonly customerShare: number;
  readonly revenueShare: number;
}

/** A Vega-Lite v6 specification (plain JSON) of the customers and revenue per segment. */
export interface SegmentChartSpec {
  readonly $schema: 'https://vega.github.io/schema/vega-lite/v6.json';
  readonly data: { readonly values: readonly SegmentChartDatum[] };
  readonly [key: string]: unknown;
}

const numericValue = z.custom<number | string | Decimal>((v) => parseNumeric(v) !== undefined, {
  message: 'must be a finite number, a decimal string or a Decimal',
});

const positiveNumber = z.unknown().superRefine((value, ctx) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    addIssue(ctx, `must be a positive finite number (received ${describeValue(value)})`, []);
  }
}) as unknown as z.ZodType<number, number>;

/**
 * The schema of {@link SegmentChartOptions}.
 *
 * @category Schemas
 */
export const segmentChartOptionsSchema = z.strictObject({
  title: z.string().optional(),
  width: positiveNumber.optional(),
});

const chartInputSchema = z.strictObject({
  report: z.looseObject({
    segments: z.array(
      z.looseObject({
        segment: z.string(),
        customers: z.number(),
        revenue: numericValue,
        customerShare: numericValue,
        revenueShare: numericValue,
      }),
    ),
  }),
  options: segmentChartOptionsSchema,
});

/**
 * Customers and revenue per segment as a Vega-Lite v6 specification (plain JSON, no rendering
 * dependency): two bar charts side by side (`hconcat`), one bar per segment in the report's order,
 * with tooltips of the counts, revenue and shares. The data are inlined as `data.values`, with the
 * report's Decimals converted to JavaScript numbers for the chart only (use the report for exact
 * figures). The report may be its JSON form, with Decimals as strings.
 *
 * Render it with `vega-embed`, or in Node with `vega` and `vega-lite`:
 * `new View(parse(compile(spec).spec), { renderer: 'none' }).toSVG()`.
 *
 * @param report - A result of {@link segmentReport} (or its JSON form).
 * @param options - {@link SegmentChartOptions}: `title`, `width` (pixels).
 * @returns The Vega-Lite spec.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when the report is malformed or an option is not valid.
 *
 * @example
 * ```ts
 * import { classifyCustomers, segmentChartSpec, segmentReport } from 'retention-metrics';
 * const summaries = [
 *   { customerId: 'a', firstPurchaseAt: '2024-01-01', lastPurchaseAt: '2024-05-20', orders: 4, totalRevenue: 100 },
 *   { customerId: 'b', firstPurchaseAt: '2024-05-25', lastPurchaseAt: '2024-05-25', orders: 1, totalRevenue: 20 },
 * ];
 * const spec = segmentChartSpec(segmentReport(classifyCustomers(summaries, { asOf: '2024-06-01' }), summaries));
 * spec.$schema; // => 'https://vega.github.io/schema/vega-lite/v6.json'
 * spec.data.values.map((d) => [d.segment, d.customers, d.revenue]); // => [['new', 1, 20], ['lost', 0, 0], ['at-risk', 0, 0], ['vip', 1, 100], ['active', 0, 0]]
 * segmentChartSpec({} as never); // => throws INVALID_INPUT
 * ```
 * @category Charts
 */
export function segmentChartSpec(
  report: SegmentReport,
  options: SegmentChartOptions = {},
): SegmentChartSpec {
  const { report: r, options: o } = parseInput('segmentChartSpec', chartInputSchema, {
    report,
    options,
  });
  const values: SegmentChartDatum[] = r.segments.map((row) => ({
    segment: row.segment,
    customers: row.customers,
    revenue: Number(String(row.revenue)),
    customerShare: Number(String(row.customerShare)),
    revenueShare: Number(String(row.revenueShare)),
  }));
  const domain = values.map((v) => v.segment);
  const width = o.width ?? 240;
  const tooltip = [
    { field: 'segment', type: 'nominal', title: 'Segment' },
    { field: 'customers', type: 'quantitative', title: 'Customers', format: ',d' },
    { field: 'customerShare', type: 'quantitative', title: 'Share of customers', format: '.1%' },
    { field: 'revenue', type: 'quantitative', title: 'Revenue', format: ',.2f' },
    { field: 'revenueShare', type: 'quantitative', title: 'Share of revenue', format: '.1%' },
  ];
  const bar = (field: 'customers' | 'revenue', title: string, format: string) => ({
    width,
    title,
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'segment',
        type: 'nominal',
        scale: { domain },
        sort: null,
        title: 'Segment',
        axis: { labelAngle: 0 },
      },
      y: { field, type: 'quantitative', title, axis: { format } },
      color: { field: 'segment', type: 'nominal', scale: { domain }, legend: null },
      tooltip,
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: o.title ?? 'Customers and revenue per segment',
    data: { values },
    hconcat: [bar('customers', 'Customers', ',d'), bar('revenue', 'Revenue', ',.0f')],
  };
}
