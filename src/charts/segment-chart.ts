/**
 * The segment chart: customers and revenue per segment of a segment report, as a Vega-Lite spec.
 *
 * @module
 */

import * as z from 'zod/mini';
import { boundedValueCheck, MAX_CHART_SIZE } from '../core/bounds.js';
import { parseInput, RetentionMetricsError } from '../core/errors.js';
import { type Decimal, parseNumeric } from '../core/numeric.js';
import { boundedNumberSchema, looseObject, strictObject } from '../core/schemas.js';
import type { SegmentReport } from '../segments/report.js';

/** Options of {@link segmentChartSpec}. */
export interface SegmentChartOptions {
  /** The chart title. Default "Customers and revenue per segment". */
  readonly title?: string;
  /** Width of each of the two bar charts, in pixels: in (0, 100000] (`MAX_CHART_SIZE`). Default 240. */
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

const numericValue = z
  .custom<number | string | Decimal>()
  .check(
    z.superRefine(
      boundedValueCheck(
        (v) => parseNumeric(v) !== undefined,
        'must be a finite number, a decimal string or a Decimal',
      ),
    ),
  );

/**
 * The schema of {@link SegmentChartOptions}.
 *
 * @category Schemas
 */
export const segmentChartOptionsSchema = strictObject({
  title: z.optional(z.string()),
  width: z.optional(boundedNumberSchema(MAX_CHART_SIZE)),
});

const chartInputSchema = strictObject({
  report: looseObject({
    segments: z.array(
      looseObject({
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
 * @throws {RetentionMetricsError} `EMPTY_INPUT` when the report has no segments (a report from
 *   {@link segmentReport} always has some; its JSON form may not).
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
  if (r.segments.length === 0) {
    throw new RetentionMetricsError(
      'EMPTY_INPUT',
      'segmentChartSpec: report.segments must not be empty (a chart of no segments draws nothing)',
      { path: ['report', 'segments'] },
    );
  }
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
