import * as z from 'zod/mini';
import { parseInput, RetentionMetricsError } from '../core/errors.js';
import { strictObject } from '../core/schemas.js';
import { calendarDaysBetween } from '../core/time.js';
import type { SqlQuery } from './dialect.js';
import {
  boundarySchema,
  SqlContext as Context,
  checkBoundaryFields,
  durationMode,
  durationSql,
  endPoint,
  type SqlContext,
  type SqlDurationUnit,
  type SqlGranularity,
  type SqlLogOptions,
  sqlLogShape,
  summaryShape,
  unitDays,
} from './source.js';

/** A boundary value: a `Date`, an ISO-8601 string (date-only names a whole day), or an epoch number in `timeUnit`. */
export type SqlBoundary = Date | string | number | bigint;

/** Options of {@link summarySql} and {@link compressedSummarySql}. */
export interface SummarySqlOptions extends SqlLogOptions {
  /** The end of observation, as in `summarizeTransactions`: a date-only string includes that whole day in `timeZone`. */
  readonly asOf: SqlBoundary;
  /** Same-period purchases of a customer are one order. Default `'day'`. */
  readonly granularity?: SqlGranularity;
  /** The unit of `recency` and `T`. Default `'day'`. */
  readonly unit?: SqlDurationUnit;
}

/**
 * The schema of {@link SummarySqlOptions}: the options of {@link summarySql} and {@link compressedSummarySql}: it accepts exactly what the function accepts (the same checks, the
 * same errors). `toJsonSchema` gives its JSON Schema, for options stored or sent as JSON
 * (boundaries as strings or numbers there; `Date` and bigint boundaries are JavaScript only).
 *
 * @category Schemas
 */
export const summarySqlOptionsSchema = strictObject({
  ...sqlLogShape,
  ...summaryShape,
  asOf: boundarySchema,
}).check(z.superRefine((v, ctx) => checkBoundaryFields(ctx, v, ['asOf'])));

/** The per-customer aggregation of the summary, over `"log"` rows up to the end. */
function summarySelect(
  ctx: SqlContext,
  granularity: SqlGranularity,
  unit: SqlDurationUnit,
  point: number,
): string {
  const { params } = ctx;
  const to = params.bigint(point);
  const recency = durationSql(ctx, 'MIN("period")', 'MAX("period")', granularity, unit, false);
  const age = durationSql(ctx, 'MIN("period")', to, granularity, unit, true);
  return `"orders" AS (
  SELECT "customerId", "period", MIN("ms") AS "firstMs", MAX("ms") AS "lastMs", SUM("amount") AS "amount",
    MIN("period") OVER (PARTITION BY "customerId") AS "firstPeriod"
  FROM "log"
  GROUP BY "customerId", "period"
),
"summaries" AS (
  SELECT "customerId",
    MIN("firstMs") AS "firstPurchaseAt",
    MAX("lastMs") AS "lastPurchaseAt",
    COUNT(*) AS "orders",
    COUNT(*) - 1 AS "frequency",
    ${recency} AS "recency",
    ${age} AS "T",
    SUM("amount") AS "totalRevenue",
    SUM(CASE WHEN "period" > "firstPeriod" THEN "amount" ELSE 0 END) AS "repeatRevenue"
  FROM "orders"
  GROUP BY "customerId"
)`;
}

/** Builds the summary's common table expressions: the late rows' marker, the log, `"summaries"`. */
function summaryCtes(fn: string, options: SummarySqlOptions): { ctx: SqlContext; ctes: string } {
  const v = parseInput(fn, summarySqlOptionsSchema, options, 'options');
  const ctx = new Context(fn, v);
  const granularity = v.granularity ?? 'day';
  const unit = v.unit ?? 'day';
  const asOf = ctx.boundary('asOf', v.asOf);
  const end = endPoint(asOf, granularity, unit, ctx.zone);
  const log = ctx.logCtes(granularity, `"ms" < ${ctx.params.bigint(asOf.end)}`, asOf.end);
  return {
    ctx,
    ctes: `${log},\n${summarySelect(ctx, granularity, unit, end.point)}`,
  };
}

/**
 * SQL that computes the per-customer summaries of `summarizeTransactions` inside the engine,
 * from a purchase table, so that only one row per customer leaves the warehouse.
 *
 * The conventions are the library's (docs/conventions.md): rows before `asOf`'s end (a
 * date-only `asOf` includes its whole day in `timeZone`); purchases of a customer in one
 * `granularity` period (in `timeZone`) are one order; `frequency` = orders − 1; `recency` = first
 * to last order period and `T` = first order period to the period of `asOf` (or, with `'none'`,
 * first purchase to `asOf`), in `unit`. The result columns, under quoted names, are
 * `customerId`, `firstPurchaseAt` and `lastPurchaseAt` (epoch ms, BIGINT), `orders`,
 * `frequency`, `recency`, `T` (DOUBLE), and the exact sums `totalRevenue` and `repeatRevenue`
 * (all orders after the first); {@link readSummaryRows} divides them into
 * `averageOrderValue` and `monetaryValue` exactly. Rows come in no particular order. A last
 * column, `rowsAfterEnd`, is NULL in every customer row; when the table has rows but none before
 * `asOf`'s end, the result is one marker row holding only `rowsAfterEnd` (the table's row count),
 * for which {@link readSummaryRows} raises `EMPTY_INPUT` as `summarizeTransactions` does.
 *
 * @param options - {@link SummarySqlOptions}: the log's `dialect`, `table`, `columns`, `atType`,
 *   `timeUnit`, `amountScale`, and `asOf`, `granularity`, `unit`, `timeZone`.
 * @returns The statement and its parameters, in order.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when an option is missing or not valid (an
 *   empty identifier or one with control characters, an unknown dialect, an implausible `asOf`).
 *
 * @example
 * ```ts
 * import { summarySql } from 'retention-metrics';
 * const query = summarySql({
 *   dialect: 'duckdb',
 *   table: ['shop', 'orders'],
 *   columns: { customerId: 'customer_id', at: 'ordered_at', amount: 'total' },
 *   asOf: '2024-06-30',
 *   timeZone: 'America/New_York',
 * });
 * query.sql.includes('FROM "shop"."orders"'); // => true
 * query.params.includes(Date.parse('2024-07-01T04:00:00Z')); // => true
 * ```
 * @category SQL
 */
export function summarySql(options: SummarySqlOptions): SqlQuery {
  const { ctx, ctes } = summaryCtes('summarySql', options);
  const { bigint } = ctx.dialect;
  return ctx.query(`WITH ${ctes}
SELECT "customerId", "firstPurchaseAt", "lastPurchaseAt", "orders", "frequency", "recency", "T", "totalRevenue", "repeatRevenue", CAST(NULL AS ${bigint}) AS "rowsAfterEnd"
FROM "summaries"
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "rowsAfterEnd"
FROM "${ctx.late}"
WHERE "rowsAfterEnd" > 0`);
}

/**
 * SQL for the compressed model input: one row per distinct `(frequency, recency, T)` of the
 * summaries of {@link summarySql}, with `weight` = how many customers have it, ordered by
 * frequency, recency and T — what `compressSummaries` returns, computed where the data is, so a
 * model fit over a table of a billion purchases reads only these rows.
 *
 * @param options - As for {@link summarySql}.
 * @returns The statement and its parameters; columns `frequency`, `recency`, `T`, `weight`, and
 *   `rowsAfterEnd` (NULL, or the marker row of {@link summarySql}).
 * @throws {RetentionMetricsError} `INVALID_INPUT` as {@link summarySql}.
 *
 * @example
 * ```ts
 * import { compressedSummarySql } from 'retention-metrics';
 * const { sql } = compressedSummarySql({
 *   dialect: 'postgres',
 *   table: 'orders',
 *   columns: { customerId: 'customer_id', at: 'ordered_at', amount: 'total' },
 *   asOf: '2024-06-30',
 *   unit: 'week',
 * });
 * sql.endsWith('ORDER BY "frequency", "recency", "T"'); // => true
 * ```
 * @category SQL
 */
export function compressedSummarySql(options: SummarySqlOptions): SqlQuery {
  const { ctx, ctes } = summaryCtes('compressedSummarySql', options);
  const { bigint } = ctx.dialect;
  return ctx.query(`WITH ${ctes},
"weighted" AS (
  SELECT "frequency", "recency", "T", COUNT(*) AS "weight", CAST(NULL AS ${bigint}) AS "rowsAfterEnd"
  FROM "summaries"
  GROUP BY "frequency", "recency", "T"
  UNION ALL
  SELECT NULL, NULL, NULL, NULL, "rowsAfterEnd"
  FROM "${ctx.late}"
  WHERE "rowsAfterEnd" > 0
)
SELECT * FROM "weighted"
ORDER BY "frequency", "recency", "T"`);
}

/** Options of {@link calibrationHoldoutSql}. */
export interface CalibrationHoldoutSqlOptions extends SqlLogOptions {
  /** The end of the calibration period (an end boundary). */
  readonly calibrationEnd: SqlBoundary;
  /** The end of the holdout period (an end boundary), in a later period than `calibrationEnd`. */
  readonly observationEnd: SqlBoundary;
  /** As in {@link SummarySqlOptions}. Default `'day'`. */
  readonly granularity?: SqlGranularity;
  /** As in {@link SummarySqlOptions}. Default `'day'`. */
  readonly unit?: SqlDurationUnit;
}

/**
 * The schema of {@link CalibrationHoldoutSqlOptions}: the options of {@link calibrationHoldoutSql}: it accepts exactly what the function accepts (the same checks, the
 * same errors). `toJsonSchema` gives its JSON Schema, for options stored or sent as JSON
 * (boundaries as strings or numbers there; `Date` and bigint boundaries are JavaScript only).
 *
 * @category Schemas
 */
export const calibrationHoldoutSqlOptionsSchema = strictObject({
  ...sqlLogShape,
  ...summaryShape,
  calibrationEnd: boundarySchema,
  observationEnd: boundarySchema,
}).check(
  z.superRefine((v, ctx) => checkBoundaryFields(ctx, v, ['calibrationEnd', 'observationEnd'])),
);

/**
 * SQL for the calibration/holdout split of `calibrationHoldoutSummary`: per customer, the summary
 * of the purchases before `calibrationEnd`'s end, and `frequencyHoldout`, the orders (distinct
 * periods) after the period of `calibrationEnd` and before `observationEnd`'s end.
 *
 * One row per customer of the table: besides the columns of {@link summarySql},
 * `frequencyHoldout`, `durationHoldout` (in `unit`), `holdoutRows` (purchases in the holdout) and
 * `rowsAfterObservationEnd`. Customers without a calibration purchase have `orders` 0;
 * {@link readCalibrationHoldoutRows} counts and drops them, as the in-memory function does.
 *
 * @param options - {@link CalibrationHoldoutSqlOptions}.
 * @returns The statement and its parameters.
 * @throws {RetentionMetricsError} `INVALID_INPUT` for a bad option, or `observationEnd` not in a
 *   later period than `calibrationEnd`.
 *
 * @example
 * ```ts
 * import { calibrationHoldoutSql } from 'retention-metrics';
 * const { params } = calibrationHoldoutSql({
 *   dialect: 'duckdb',
 *   table: 'orders',
 *   columns: { customerId: 'customer_id', at: 'day', amount: 'total' },
 *   atType: 'date',
 *   calibrationEnd: '1997-09-30',
 *   observationEnd: '1998-06-30',
 *   unit: 'week',
 * });
 * params.includes(39); // => true
 * ```
 * @category SQL
 */
export function calibrationHoldoutSql(options: CalibrationHoldoutSqlOptions): SqlQuery {
  const fn = 'calibrationHoldoutSql';
  const v = parseInput(fn, calibrationHoldoutSqlOptionsSchema, options, 'options');
  const ctx = new Context(fn, v);
  const { params } = ctx;
  const granularity = v.granularity ?? 'day';
  const unit = v.unit ?? 'day';
  const calibration = ctx.boundary('calibrationEnd', v.calibrationEnd);
  const observation = ctx.boundary('observationEnd', v.observationEnd);
  const cal = endPoint(calibration, granularity, unit, ctx.zone);
  const obs = endPoint(observation, granularity, unit, ctx.zone);
  if (obs.period <= cal.period) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: observationEnd must be in a later ${granularity === 'none' ? 'instant' : granularity} than calibrationEnd (the holdout period would be empty)`,
      { path: ['observationEnd'] },
    );
  }
  const mode = durationMode(granularity, unit);
  const durationHoldout =
    mode === 'ms'
      ? calendarDaysBetween(cal.point, obs.point, ctx.zone) / unitDays(unit)
      : mode === 'periods'
        ? obs.point - cal.point
        : (obs.point - cal.point) / unitDays(unit);
  const log = ctx.logCtes(granularity, null, null);
  const cal0 = (expr: string) => `CASE WHEN "segment" = 0 THEN ${expr} END`;
  const recency = durationSql(
    ctx,
    `MIN(${cal0('"period"')})`,
    `MAX(${cal0('"period"')})`,
    granularity,
    unit,
    false,
  );
  const age = durationSql(
    ctx,
    `MIN(${cal0('"period"')})`,
    params.bigint(cal.point),
    granularity,
    unit,
    true,
  );
  const holdout =
    granularity === 'none'
      ? `"segment" = 1`
      : `"segment" = 1 AND "period" > ${params.bigint(cal.period)}`;
  const sql = `WITH ${log},
"segmented" AS (
  SELECT "customerId", "ms", "amount", "period",
    CASE WHEN "ms" < ${params.bigint(calibration.end)} THEN 0 WHEN "ms" < ${params.bigint(observation.end)} THEN 1 ELSE 2 END AS "segment"
  FROM "log"
),
"orders" AS (
  SELECT "customerId", "segment", "period", MIN("ms") AS "firstMs", MAX("ms") AS "lastMs",
    SUM("amount") AS "amount", COUNT(*) AS "rows",
    MIN(${cal0('"period"')}) OVER (PARTITION BY "customerId") AS "firstPeriod"
  FROM "segmented"
  GROUP BY "customerId", "segment", "period"
)
SELECT "customerId",
  MIN(${cal0('"firstMs"')}) AS "firstPurchaseAt",
  MAX(${cal0('"lastMs"')}) AS "lastPurchaseAt",
  COUNT(${cal0('1')}) AS "orders",
  COUNT(${cal0('1')}) - 1 AS "frequency",
  ${recency} AS "recency",
  ${age} AS "T",
  SUM(${cal0('"amount"')}) AS "totalRevenue",
  SUM(CASE WHEN "segment" = 0 AND "period" > "firstPeriod" THEN "amount" ELSE 0 END) AS "repeatRevenue",
  COUNT(CASE WHEN ${holdout} THEN 1 END) AS "frequencyHoldout",
  ${params.double(durationHoldout)} AS "durationHoldout",
  SUM(CASE WHEN "segment" = 1 THEN "rows" ELSE 0 END) AS "holdoutRows",
  SUM(CASE WHEN "segment" = 2 THEN "rows" ELSE 0 END) AS "rowsAfterObservationEnd"
FROM "orders"
GROUP BY "customerId"`;
  return ctx.query(sql);
}
