import * as z from 'zod/mini';
import { boundedValueCheck, MAX_CHART_SIZE } from '../core/bounds.js';
import { describeValue, parseInput, RetentionMetricsError } from '../core/errors.js';
import { type Decimal, parseNumeric } from '../core/numeric.js';
import { CALENDAR_UNITS, type CalendarUnit } from '../core/period.js';
import {
  addIssue,
  boundedNumberSchema,
  integerBetweenSchema,
  looseObject,
  strictObject,
} from '../core/schemas.js';
import type { CohortTable } from '../transactions/cohorts/options.js';
import { MEASURES, MODES } from '../transactions/cohorts/options.js';

/** Options of {@link cohortHeatmapSpec}. */
export interface CohortHeatmapOptions {
  /** The chart title. Default: the measure, mode and unit, e.g. "Cohort retention (customers, classic, monthly cohorts)". */
  readonly title?: string;
  /** Width of the plot in pixels, in (0, 100000] (`MAX_CHART_SIZE`). Default: `cellSize` per column. */
  readonly width?: number;
  /** Height of a row (and width of a column unless `width` is given), in pixels, in (0, 100000]. Default 40. */
  readonly cellSize?: number;
}

/** One cell of a {@link CohortHeatmapSpec}'s data: plain numbers and strings. */
export interface CohortHeatmapDatum {
  /** The cohort label (`YYYY-MM-DD`). */
  readonly cohort: string;
  /** The column label (`'k=1'`, `'k=1-3'`). */
  readonly period: string;
  /** The column index. */
  readonly column: number;
  /** The value: a customer count, or revenue as a JavaScript number. */
  readonly value: number;
  /** The rate as a JavaScript number (a fraction); `null` for revenue of a cohort without initial revenue. */
  readonly rate: number | null;
  /** The cohort's size in customers. */
  readonly size: number;
}

/** A Vega-Lite v6 specification (plain JSON) of a cohort heatmap. */
export interface CohortHeatmapSpec {
  readonly $schema: 'https://vega.github.io/schema/vega-lite/v6.json';
  readonly data: { readonly values: readonly CohortHeatmapDatum[] };
  readonly [key: string]: unknown;
}

const numericCell = z
  .custom<number | string | Decimal | null>()
  .check(
    z.superRefine(
      boundedValueCheck(
        (value) => value === null || parseNumeric(value) !== undefined,
        'must be a finite number, a decimal string, a Decimal or null',
      ),
    ),
  );

const heatmapTableSchema = looseObject({
  granularity: z.enum(CALENDAR_UNITS as [CalendarUnit, ...CalendarUnit[]]),
  mode: z.enum(MODES),
  measure: z.enum(MEASURES),
  columns: z.array(z.string()),
  cohorts: z.array(
    looseObject({
      cohort: z.string(),
      size: integerBetweenSchema(0, Number.MAX_SAFE_INTEGER),
      values: z.array(numericCell),
      rates: z.array(numericCell),
    }),
  ),
}).check(
  z.superRefine((table, ctx) => {
    table.cohorts.forEach((row, i) => {
      for (const key of ['values', 'rates'] as const) {
        if (row[key].length !== table.columns.length) {
          addIssue(
            ctx,
            `has ${row[key].length} entries but there are ${table.columns.length} columns`,
            ['cohorts', i, key],
          );
        }
      }
    });
  }),
);

/**
 * The schema of {@link CohortHeatmapOptions}.
 *
 * @category Schemas
 */
export const cohortHeatmapOptionsSchema = strictObject({
  title: z.optional(z.string()),
  width: z.optional(boundedNumberSchema(MAX_CHART_SIZE)),
  cellSize: z.optional(boundedNumberSchema(MAX_CHART_SIZE)),
});

const heatmapInputSchema = strictObject({
  table: heatmapTableSchema,
  options: cohortHeatmapOptionsSchema,
});

const ADJECTIVE: Record<CalendarUnit, string> = {
  day: 'daily',
  week: 'weekly',
  month: 'monthly',
  quarter: 'quarterly',
  year: 'yearly',
};

/**
 * A cohort heatmap of a {@link CohortTable} as a Vega-Lite v6 specification (plain JSON, no
 * rendering dependency): one row per cohort (oldest at the top), one column per period or
 * bracket, the cell's colour and label the rate (as a percentage), and a tooltip with the
 * cohort, the period, the value, the rate and the cohort size. Cells whose value is `null` (not
 * yet elapsed) or whose rate is `null` (revenue of a cohort without initial revenue) are left
 * blank; every cohort and column keeps its place.
 *
 * The data are inlined as `data.values`, with the table's Decimals converted to JavaScript
 * numbers for the chart only (a chart needs no more than float precision; use the table for
 * exact figures). The table may also be its JSON form, with Decimals as strings. The colour
 * scale runs from 0 to the largest rate, or to 1 (100 %) when that is larger.
 *
 * Render it with `vega-embed`, or in Node with `vega` and `vega-lite`:
 * `new View(parse(compile(spec).spec), { renderer: 'none' }).toSVG()`.
 *
 * @param table - A result of {@link cohortRetention} (or its JSON form).
 * @param options - {@link CohortHeatmapOptions}: `title`, `width`, `cellSize` (pixels).
 * @returns The Vega-Lite spec.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when the table is malformed (a field missing,
 *   a value that is not numeric, a row whose values or rates do not match the columns) or an
 *   option is not valid.
 *
 * @example
 * ```ts
 * import { cohortHeatmapSpec, cohortRetention } from 'retention-metrics';
 * const log = [
 *   { customerId: 'a', at: '2024-01-05', amount: 10 },
 *   { customerId: 'b', at: '2024-01-20', amount: 5 },
 *   { customerId: 'b', at: '2024-02-02', amount: 5 },
 * ];
 * const spec = cohortHeatmapSpec(cohortRetention(log, { asOf: '2024-03-01' }), { title: 'Retention' });
 * spec.$schema; // => 'https://vega.github.io/schema/vega-lite/v6.json'
 * spec.data.values.map((d) => [d.cohort, d.period, d.value, d.rate]); // => [['2024-01-01', 'k=0', 2, 1], ['2024-01-01', 'k=1', 1, 0.5]]
 * cohortHeatmapSpec(log as never); // => throws INVALID_INPUT
 * ```
 * @category Charts
 */
export function cohortHeatmapSpec(
  table: CohortTable,
  options: CohortHeatmapOptions = {},
): CohortHeatmapSpec {
  if (Array.isArray(table)) {
    // A log or a list of rows where the cohort table belongs: say what to pass.
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `cohortHeatmapSpec: table must be a cohort table, the result of cohortRetention(log, options) (received ${describeValue(table)})`,
      { path: ['table'] },
    );
  }
  const { table: t, options: o } = parseInput('cohortHeatmapSpec', heatmapInputSchema, {
    table,
    options,
  });
  const values: CohortHeatmapDatum[] = [];
  let maxRate = 1;
  for (const row of t.cohorts) {
    row.values.forEach((value, column) => {
      if (value === null) return;
      const rate = row.rates[column];
      const rateNumber = rate === null || rate === undefined ? null : Number(String(rate));
      if (rateNumber !== null && rateNumber > maxRate) maxRate = rateNumber;
      values.push({
        cohort: row.cohort,
        period: t.columns[column] as string,
        column,
        value: Number(String(value)),
        rate: rateNumber,
        size: row.size,
      });
    });
  }
  const cellSize = o.cellSize ?? 40;
  const revenue = t.measure === 'revenue';
  const unitName = {
    day: 'Days',
    week: 'Weeks',
    month: 'Months',
    quarter: 'Quarters',
    year: 'Years',
  }[t.granularity];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title:
      o.title ?? `Cohort retention (${t.measure}, ${t.mode}, ${ADJECTIVE[t.granularity]} cohorts)`,
    data: { values },
    width: o.width ?? { step: cellSize },
    height: { step: cellSize },
    encoding: {
      x: {
        field: 'period',
        type: 'ordinal',
        scale: { domain: [...t.columns] },
        title: `${unitName} since first purchase`,
        axis: { labelAngle: 0, orient: 'top' },
      },
      y: {
        field: 'cohort',
        type: 'ordinal',
        scale: { domain: t.cohorts.map((row) => row.cohort) },
        title: `Cohort (${t.granularity} of first purchase)`,
      },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: {
            field: 'rate',
            type: 'quantitative',
            title: revenue ? 'Revenue rate' : 'Retention',
            scale: { scheme: 'blues', domain: [0, maxRate] },
            legend: { format: '.0%' },
          },
          tooltip: [
            { field: 'cohort', type: 'ordinal', title: 'Cohort' },
            { field: 'period', type: 'ordinal', title: 'Period' },
            {
              field: 'value',
              type: 'quantitative',
              title: revenue ? 'Revenue' : 'Customers',
              format: revenue ? ',.2f' : ',d',
            },
            { field: 'rate', type: 'quantitative', title: 'Rate', format: '.1%' },
            { field: 'size', type: 'quantitative', title: 'Cohort size', format: ',d' },
          ],
        },
      },
      {
        mark: { type: 'text', baseline: 'middle', fontSize: 11 },
        transform: [{ filter: 'isValid(datum.rate)' }],
        encoding: {
          text: { field: 'rate', type: 'quantitative', format: '.0%' },
          color: {
            condition: { test: `datum.rate > ${maxRate / 2}`, value: 'white' },
            value: 'black',
          },
        },
      },
    ],
    config: { view: { stroke: null }, axis: { grid: false, domain: false, ticks: false } },
  };
}
