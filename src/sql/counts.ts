import * as z from 'zod/mini';
import { calendarDaysBefore } from '../core/boundary.js';
import { parseInput, RetentionMetricsError } from '../core/errors.js';
import { calendarDaysSchema, strictObject } from '../core/schemas.js';
import { type CustomerCounts, countsOf } from '../transactions/counts.js';
import type { SqlQuery } from './dialect.js';
import {
  boundarySchema,
  checkBoundaryFields,
  SqlContext,
  type SqlLogOptions,
  sqlLogShape,
} from './source.js';
import type { SqlBoundary } from './summary.js';
import { RowReader, type SqlRow } from './values.js';

/** Options of {@link customerCountsSql}. */
export interface CustomerCountsSqlOptions extends SqlLogOptions {
  /** The start of the period (a start boundary: a date-only string is its day's first instant in `timeZone`). */
  readonly periodStart: SqlBoundary;
  /** The end of the period (an end boundary: a date-only string includes its whole day). */
  readonly periodEnd: SqlBoundary;
  /**
   * The activity window, a whole number of calendar days in `timeZone`: active at a boundary b =
   * purchased in [b − activeWithin days, b), as in `customerCounts`.
   */
  readonly activeWithin: number;
}

/**
 * The schema of {@link CustomerCountsSqlOptions}: the options of {@link customerCountsSql}: it accepts exactly what the function accepts (the same checks, the
 * same errors). `toJsonSchema` gives its JSON Schema, for options stored or sent as JSON
 * (boundaries as strings or numbers there; `Date` and bigint boundaries are JavaScript only).
 *
 * @category Schemas
 */
export const customerCountsSqlOptionsSchema = strictObject({
  ...sqlLogShape,
  periodStart: boundarySchema,
  periodEnd: boundarySchema,
  activeWithin: calendarDaysSchema,
}).check(z.superRefine((v, ctx) => checkBoundaryFields(ctx, v, ['periodStart', 'periodEnd'])));

/**
 * SQL for the customer counts of `customerCounts` (S, E, N and their parts), computed in the
 * engine: a customer is active at a boundary b when they purchased in [b − activeWithin days, b);
 * S is counted at the first instant of `periodStart`, E at the exclusive end of `periodEnd` (a
 * date-only end includes its whole day in `timeZone`); N = active at the end but not at the
 * start, split into acquired (no purchase before the start) and reactivated. One result row:
 * `startCustomers`, `endCustomers`, `retainedCustomers`, `acquiredCustomers`,
 * `reactivatedCustomers`, and `rowsAfterEnd`: 0, or the table's row count when it has rows but
 * none before `periodEnd`'s end (then {@link readCustomerCountsRows} raises `EMPTY_INPUT`, as
 * `customerCounts` does); {@link readCustomerCountsRows} adds N and the lost customers.
 *
 * @param options - {@link CustomerCountsSqlOptions}.
 * @returns The statement and its parameters.
 * @throws {RetentionMetricsError} `INVALID_INPUT` for a bad option, or `periodEnd` not after
 *   `periodStart`.
 *
 * @example
 * ```ts
 * import { customerCountsSql } from 'retention-metrics';
 * const { sql, params } = customerCountsSql({
 *   dialect: 'snowflake',
 *   table: 'ORDERS',
 *   columns: { customerId: 'CUSTOMER_ID', at: 'ORDERED_AT', amount: 'TOTAL' },
 *   periodStart: '2024-01-01',
 *   periodEnd: '2024-03-31',
 *   activeWithin: 90,
 * });
 * sql.includes('FROM "ORDERS"'); // => true
 * // S over [2023-10-03, 2024-01-01), E over [2024-01-02, 2024-04-01): epoch ms as parameters
 * // (the end comes twice: first for the check that some row is before it)
 * params.map((ms) => new Date(ms).toISOString().slice(0, 10)); // => ['2024-04-01', '2024-04-01', '2024-01-01', '2023-10-03', '2024-01-02', '2024-01-01']
 * ```
 * @category SQL
 */
export function customerCountsSql(options: CustomerCountsSqlOptions): SqlQuery {
  const fn = 'customerCountsSql';
  const v = parseInput(fn, customerCountsSqlOptionsSchema, options, 'options');
  const ctx = new SqlContext(fn, v);
  const { params } = ctx;
  const start = ctx.boundary('periodStart', v.periodStart).start;
  const end = ctx.boundary('periodEnd', v.periodEnd).end;
  if (end <= start + 1) {
    throw new RetentionMetricsError('INVALID_INPUT', `${fn}: periodEnd must be after periodStart`, {
      path: ['periodEnd'],
    });
  }
  // Activity windows of whole local days, as customerCounts: [b − activeWithin days, b).
  const startWindow = calendarDaysBefore(start, v.activeWithin, ctx.zone);
  const endWindow = calendarDaysBefore(end, v.activeWithin, ctx.zone);
  const log = ctx.logCtes('none', `"ms" < ${params.bigint(end)}`, end);
  const sql = `WITH ${log},
"flags" AS (
  SELECT "customerId",
    MAX(CASE WHEN "ms" < ${params.bigint(start)} AND "ms" >= ${params.bigint(startWindow)} THEN 1 ELSE 0 END) AS "atStart",
    MAX(CASE WHEN "ms" >= ${params.bigint(endWindow)} THEN 1 ELSE 0 END) AS "atEnd",
    MAX(CASE WHEN "ms" < ${params.bigint(start)} THEN 1 ELSE 0 END) AS "before"
  FROM "log"
  GROUP BY "customerId"
),
"totals" AS (
  SELECT
    COALESCE(SUM("atStart"), 0) AS "startCustomers",
    COALESCE(SUM("atEnd"), 0) AS "endCustomers",
    COALESCE(SUM("atStart" * "atEnd"), 0) AS "retainedCustomers",
    COALESCE(SUM(CASE WHEN "atEnd" = 1 AND "atStart" = 0 AND "before" = 0 THEN 1 ELSE 0 END), 0) AS "acquiredCustomers",
    COALESCE(SUM(CASE WHEN "atEnd" = 1 AND "atStart" = 0 AND "before" = 1 THEN 1 ELSE 0 END), 0) AS "reactivatedCustomers"
  FROM "flags"
)
SELECT "totals"."startCustomers" AS "startCustomers", "totals"."endCustomers" AS "endCustomers",
  "totals"."retainedCustomers" AS "retainedCustomers", "totals"."acquiredCustomers" AS "acquiredCustomers",
  "totals"."reactivatedCustomers" AS "reactivatedCustomers", "${ctx.late}"."rowsAfterEnd" AS "rowsAfterEnd"
FROM "totals" CROSS JOIN "${ctx.late}"`;
  return ctx.query(sql);
}

/**
 * Reads the result of {@link customerCountsSql} (one row) into what `customerCounts` returns,
 * ready for `retentionRate` and `churnRate`.
 *
 * @param rows - The result rows: exactly one.
 * @returns The counts: S, E, N, retained, lost, acquired and reactivated customers.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when there is not exactly one row, a count is
 *   not a whole number ≥ 0, or the counts contradict each other (retained above S or E, acquired
 *   plus reactivated not E − retained).
 * @throws {RetentionMetricsError} `EMPTY_INPUT` when `rowsAfterEnd` is above 0: the table has rows
 *   and all are after `periodEnd` (as `customerCounts` raises for such a log).
 *
 * @example
 * ```ts
 * import { readCustomerCountsRows, retentionRate } from 'retention-metrics';
 * const counts = readCustomerCountsRows([{ startCustomers: 2n, endCustomers: 3n, retainedCustomers: 1n, acquiredCustomers: 1n, reactivatedCustomers: 1n }]);
 * [counts.newCustomers, counts.lostCustomers]; // => [2, 1]
 * const { startCustomers, endCustomers, newCustomers } = counts;
 * retentionRate({ startCustomers, endCustomers, newCustomers }).toString(); // => '0.5'
 * ```
 * @category SQL
 */
export function readCustomerCountsRows(rows: readonly SqlRow[]): CustomerCounts {
  const fn = 'readCustomerCountsRows';
  if (!Array.isArray(rows) || rows.length !== 1) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: rows must be the one result row of customerCountsSql (received ${Array.isArray(rows) ? `${rows.length} rows` : typeof rows})`,
      { path: ['rows'] },
    );
  }
  const reader = new RowReader(fn);
  const row = reader.row(rows, 0);
  reader.late(row, 0, 'periodEnd');
  const start = reader.integer(row, 0, 'startCustomers');
  const end = reader.integer(row, 0, 'endCustomers');
  const retained = reader.integer(row, 0, 'retainedCustomers');
  const acquired = reader.integer(row, 0, 'acquiredCustomers');
  const reactivated = reader.integer(row, 0, 'reactivatedCustomers');
  if (retained > start || retained > end) {
    reader.fail(0, 'retainedCustomers', `at most startCustomers and endCustomers`, retained);
  }
  if (acquired + reactivated !== end - retained) {
    reader.fail(
      0,
      'reactivatedCustomers',
      `endCustomers − retainedCustomers − acquiredCustomers (${end - retained - acquired})`,
      reactivated,
    );
  }
  return countsOf(start, end, retained, acquired, reactivated);
}
