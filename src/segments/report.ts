import * as z from 'zod/mini';
import {
  describeValue,
  invalidElement,
  parseInput,
  RetentionMetricsError,
} from '../core/errors.js';
import { type TimeUnit, timeUnitSchema } from '../core/instant.js';
import { D, type Decimal, ZERO } from '../core/numeric.js';
import { ownField } from '../core/own.js';
import { strictObject } from '../core/schemas.js';
import { ExactSum } from '../core/sum.js';
import { resolveZone, type Zone } from '../core/time.js';
import type { CustomerId } from '../transactions/log.js';
import { summaryTableParts } from '../transactions/summary-table.js';
import { type CustomerClassTable, classTableParts } from './classify/class-table.js';
import { BUILT_IN_SEGMENTS, type ClassifiedCustomer, type SegmentName } from './classify/types.js';
import { readSummaries, type SegmentationInput, type SummaryTable } from './input.js';
import { DEFAULT_RFM_SEGMENTS, type RfmScore } from './rfm.js';
import { type RfmScoreTable, rfmTableParts } from './rfm-table.js';

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

/** The figures per segment of a classification or of RFM scores. */
export interface SegmentReport {
  /** Customers in all segments, ≥ 1. */
  readonly totalCustomers: number;
  /** Exact sum of all revenue. */
  readonly totalRevenue: Decimal;
  /**
   * One row per segment. Classes: the five built-in segments in priority order (always present),
   * then custom segments in order of first appearance. RFM scores: the eleven segments of
   * `DEFAULT_RFM_SEGMENTS` in the map's order (always present), then other names (a custom map's,
   * `'Unclassified'`) in order of first appearance.
   */
  readonly segments: readonly SegmentReportRow[];
}

/** A customer with a segment, as {@link segmentReport} reads it: a class or an RFM score. */
export type SegmentedCustomer = ClassifiedCustomer | RfmScore;

/** Options of {@link segmentReport}. */
export interface SegmentReportOptions {
  /** The unit of numeric timestamps in the summaries: `'ms'` (default), `'s'`, `'us'` or `'ns'`. */
  readonly timeUnit?: TimeUnit;
}

/**
 * The schema of {@link SegmentReportOptions}.
 *
 * @category Schemas
 */
export const segmentReportOptionsSchema = strictObject({ timeUnit: z.optional(timeUnitSchema) });

/** The two kinds of segmented customers, told apart by their fields. */
type Kind = 'classes' | 'rfm';

const KIND_FIELDS: Readonly<Record<Kind, string>> = {
  classes: 'a classification (flags, reasons)',
  rfm: 'an RFM score (r, f, m, score)',
};

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

/**
 * Checks one segmented customer's fields, naming the row of a bad one, and returns its kind: an
 * RFM score has `score` (and `r`, `f`, `m`), a classification has `flags`; a row with neither
 * counts as a classification, a row with both is refused.
 */
function checkSegmented(fn: string, k: number, c: unknown): Kind {
  if (typeof c !== 'object' || c === null)
    throw invalidElement(fn, 'classified', k, '', 'an object', c);
  // Own fields only (core/own.ts).
  const row = {
    customerId: ownField(c, 'customerId'),
    segment: ownField(c, 'segment'),
    daysSinceLastPurchase: ownField(c, 'daysSinceLastPurchase'),
    score: ownField(c, 'score'),
    flags: ownField(c, 'flags'),
  };
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
  const rfm = row.score !== undefined;
  if (rfm && row.flags !== undefined) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: classified[${k}] has both flags and score: give either ${KIND_FIELDS.classes} or ${KIND_FIELDS.rfm}, not both`,
      { path: ['classified', k] },
    );
  }
  return rfm ? 'rfm' : 'classes';
}

/** The segments that always have a row, by kind. */
function fixedSegments(kind: Kind): string[] {
  return kind === 'rfm' ? DEFAULT_RFM_SEGMENTS.map((r) => r.name) : [...BUILT_IN_SEGMENTS];
}

/**
 * Figures per segment of a classification or of RFM scores: customers and their share, revenue and
 * its share, average order value, mean orders and mean days since the last purchase.
 *
 * `classified` is the result of {@link classifyCustomers} (grouped by lifecycle segment) or of
 * {@link rfmScores} (grouped by RFM segment), or the JSON form of either; each row needs
 * `customerId`, `segment` and `daysSinceLastPurchase`. A row with `score` is an RFM score, any
 * other a classification; all rows must be of one kind.
 *
 * - Counts and money are exact: `revenue` is the exact Decimal sum; `averageOrderValue` =
 *   revenue / orders and `meanOrders` = orders / customers are Decimals (34 significant digits).
 * - Shares are exact to 30 decimal places by the largest-remainder method, so
 *   Σ customerShare = Σ revenueShare = 1 exactly (in any order of summation). When the total revenue
 *   is 0 every revenue share is 0.
 * - Classes: every built-in segment has a row, in priority order (new, lost, at-risk, vip,
 *   active), with zeros and `null` means when empty; custom segments follow in order of first
 *   appearance. RFM scores: every segment of {@link DEFAULT_RFM_SEGMENTS} has a row, in the map's
 *   order; other names (a custom map's, `'Unclassified'`) follow in order of first appearance.
 * - `meanDaysSinceLastPurchase` is a float64 mean (a duration, so a `number`) of the rows'
 *   `daysSinceLastPurchase`.
 * - Result types: counts are numbers; money, shares, `averageOrderValue` and `meanOrders` are
 *   Decimals (JSON: decimal strings); `meanDaysSinceLastPurchase` is a number (JSON: a number).
 *
 * @param classified - The result of {@link classifyCustomers} or {@link rfmScores} (or its JSON
 *   form), a table (the default result) or rows (`form: 'rows'`): a table's segment codes and days are read from its
 *   columns after one scan (codes within its `segmentNames`, finite days).
 * @param summaries - The same summaries that were classified or scored (rows or columns).
 * @param options - {@link SegmentReportOptions}: `timeUnit` of numeric timestamps in `summaries`.
 * @returns The {@link SegmentReport}.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when `classified` is malformed, repeats a customer,
 *   mixes classifications and RFM scores, or does not hold exactly the customers of `summaries`; or
 *   a summary is malformed.
 * @throws {RetentionMetricsError} `EMPTY_INPUT` when there are no summaries: shares and means of no
 *   customers are undefined.
 *
 * @example
 * ```ts
 * import { classifyCustomers, rfmScores, segmentReport } from 'retention-metrics';
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
 * segmentReport([], []); // => throws EMPTY_INPUT
 * const byRfm = segmentReport(rfmScores(summaries, { asOf: '2024-06-01' }), summaries);
 * byRfm.segments.filter((s) => s.customers > 0).map((s) => [s.segment, s.customers]); // => [['New', 1], ['Potential Loyalist', 1], ['At Risk', 1]]
 * const ofRows = segmentReport(classifyCustomers(summaries, { asOf: '2024-06-01', form: 'rows' }), summaries);
 * ofRows.segments[0]?.customers; // => 2
 * ```
 * @category Segmentation
 */
export function segmentReport(
  classified: readonly SegmentedCustomer[] | CustomerClassTable | RfmScoreTable,
  summaries: SegmentationInput,
  options: SegmentReportOptions = {},
): SegmentReport {
  const fn = 'segmentReport';
  const columns = segmentColumnsOf(fn, classified);
  if (columns === undefined && !Array.isArray(classified)) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: classified must be classifyCustomers' or rfmScores' result (a table or its rows) (received ${summaryTableParts(classified) === undefined ? describeValue(classified) : 'a CustomerSummaryTable: the summaries go second, segmentReport(classified, summaries)'})`,
      { path: ['classified'] },
    );
  }
  const o = parseInput(fn, segmentReportOptionsSchema, options, 'options');
  const list = classified as readonly unknown[];
  const t = readSummaries(fn, summaries, {
    zone: resolveZone('UTC') as Zone,
    timeUnit: o.timeUnit ?? 'ms',
  });
  if (t.size === 0) {
    throw new RetentionMetricsError(
      'EMPTY_INPUT',
      `${fn}: summaries must not be empty (shares and means of no customers are undefined)`,
      { path: ['summaries'] },
    );
  }
  if (columns !== undefined) return reportOfColumns(fn, columns, t);
  const kind = list.length === 0 ? 'classes' : checkSegmented(fn, 0, list[0]);
  // Customers are matched by id; the common case, the same order as the summaries, needs no map.
  let position: Map<CustomerId, number> | null = null;
  const order: string[] = fixedSegments(kind);
  const index = new Map<string, number>(order.map((s, i) => [s, i]));
  const customers: number[] = order.map(() => 0);
  const orders: number[] = order.map(() => 0);
  const days: number[] = order.map(() => 0);
  const revenue: ExactSum[] = order.map(() => new ExactSum());
  const used = new Uint8Array(t.size);
  for (let k = 0; k < list.length; k++) {
    if (checkSegmented(fn, k, list[k]) !== kind) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: classified[${k}] is ${KIND_FIELDS[kind === 'rfm' ? 'classes' : 'rfm']} but classified[0] is ${KIND_FIELDS[kind]}: give one kind`,
        { path: ['classified', k] },
      );
    }
    const c = list[k] as SegmentedCustomer;
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
  return reportOf(t.size, order, customers, orders, days, revenue);
}

/** The report of per-segment sums, in the order of `order`. */
function reportOf(
  size: number,
  order: readonly string[],
  customers: readonly number[],
  orders: readonly number[],
  days: readonly number[],
  revenue: readonly ExactSum[],
): SegmentReport {
  const revenueTotals = revenue.map((sum) => sum.value());
  const totalRevenue = revenueTotals.reduce((a, b) => a.plus(b), ZERO);
  const customerShares = largestRemainderShares(
    customers.map((c) => new D(c)),
    new D(size),
  );
  const revenueShares = largestRemainderShares(revenueTotals, totalRevenue);
  return {
    totalCustomers: size,
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

/** The columns of a score or class table the library built, as the report reads them. */
interface SegmentColumns {
  readonly kind: Kind;
  readonly ids: readonly CustomerId[];
  readonly codes: Uint8Array | Uint16Array;
  readonly names: readonly string[];
  readonly days: Float64Array;
}

function segmentColumnsOf(fn: string, classified: unknown): SegmentColumns | undefined {
  const rfm = rfmTableParts(classified);
  const classes = rfm === undefined ? classTableParts(classified) : undefined;
  const parts = rfm ?? classes;
  if (parts === undefined) return undefined;
  const columns: SegmentColumns = {
    kind: rfm === undefined ? 'classes' : 'rfm',
    ids: parts.ids,
    codes: parts.segment,
    names: parts.segmentNames,
    days: parts.days,
  };
  // One scan of what a caller's write into the typed columns could break.
  const { codes, names, days } = columns;
  for (let k = 0; k < codes.length; k++) {
    const code = codes[k] as number;
    if (code >= names.length) {
      throw invalidElement(
        fn,
        'classified',
        k,
        'segment',
        `a segment code below ${names.length} (the table's segmentNames)`,
        code,
      );
    }
    const d = days[k] as number;
    if (!Number.isFinite(d)) {
      throw invalidElement(fn, 'classified', k, 'daysSinceLastPurchase', 'a finite number', d);
    }
  }
  return columns;
}

/**
 * The report of a score or class table: sums by segment code over the columns, the customers
 * matched to the summaries by position when the ids are the same list, else by id.
 */
function reportOfColumns(fn: string, c: SegmentColumns, t: SummaryTable): SegmentReport {
  const n = c.ids.length;
  if (n !== t.size) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: classified has ${n} customers but summaries has ${t.size}: they must be the same customers`,
      { path: ['classified'] },
    );
  }
  let position: Int32Array | null = null;
  if (c.ids !== t.ids) {
    let same = true;
    for (let k = 0; k < n && same; k++) same = c.ids[k] === t.ids[k];
    if (!same) {
      const index = new Map<CustomerId, number>();
      for (let j = 0; j < n; j++) index.set(t.ids[j] as CustomerId, j);
      position = new Int32Array(n);
      for (let k = 0; k < n; k++) {
        const i = index.get(c.ids[k] as CustomerId);
        if (i === undefined) {
          throw new RetentionMetricsError(
            'INVALID_INPUT',
            `${fn}: classified[${k}].customerId ${JSON.stringify(c.ids[k])} is not in summaries`,
            { path: ['classified', k, 'customerId'] },
          );
        }
        position[k] = i;
      }
    }
  }
  const m = c.names.length;
  const count = new Float64Array(m);
  const orderSum = new Float64Array(m);
  const daySum = new Float64Array(m);
  const firstSeen = new Int32Array(m).fill(-1);
  const revenue = Array.from({ length: m }, () => new ExactSum());
  for (let k = 0; k < n; k++) {
    const s = c.codes[k] as number;
    const i = position === null ? k : (position[k] as number);
    if (firstSeen[s] === -1) firstSeen[s] = k;
    count[s] = (count[s] as number) + 1;
    orderSum[s] = (orderSum[s] as number) + (t.orders[i] as number);
    daySum[s] = (daySum[s] as number) + (c.days[k] as number);
    t.addRevenueTo(revenue[s] as ExactSum, i);
  }
  // The fixed segments first, then the others in order of first appearance.
  const order: string[] = fixedSegments(c.kind);
  const fixed = new Set(order);
  const others = [...c.names.keys()]
    .filter((s) => firstSeen[s] !== -1 && !fixed.has(c.names[s] as string))
    .sort((a, b) => (firstSeen[a] as number) - (firstSeen[b] as number));
  order.push(...others.map((s) => c.names[s] as string));
  const codeOf = new Map(c.names.map((name, s) => [name, s]));
  const pick = <T>(values: ArrayLike<T>, empty: T) =>
    order.map((name) => {
      const s = codeOf.get(name);
      return s === undefined ? empty : (values[s] as T);
    });
  return reportOf(
    n,
    order,
    pick(count, 0),
    pick(orderSum, 0),
    pick(daySum, 0),
    pick(revenue, new ExactSum()),
  );
}
