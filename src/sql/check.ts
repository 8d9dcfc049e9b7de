import { parseInput, RetentionMetricsError } from '../core/errors.js';
import { CALENDAR_INSTANT_MIN, INSTANT_MAX, NUMERIC_INSTANT_MIN } from '../core/instant.js';
import { strictObject } from '../core/schemas.js';
import type { SqlQuery } from './dialect.js';
import { SqlContext, type SqlLogOptions, sqlLogShape } from './source.js';
import { RowReader, type SqlRow } from './values.js';

/**
 * The schema of the options of {@link logCheckSql} ({@link SqlLogOptions}): it accepts exactly what the function accepts (the same checks, the
 * same errors). `toJsonSchema` gives its JSON Schema, for options stored or sent as JSON
 * (boundaries as strings or numbers there; `Date` and bigint boundaries are JavaScript only).
 *
 * @category Schemas
 */
export const logCheckSqlOptionsSchema = strictObject(sqlLogShape);

/** What {@link readLogCheckRows} returns for a table that passed. */
export interface LogCheck {
  /** Rows in the table. */
  readonly rows: number;
}

/**
 * SQL that checks a purchase table the way the in-memory functions check a log, inside the
 * engine: it counts the rows without a customer id, a time or an amount, with a negative amount,
 * and with a time outside the plausible range (a numeric timestamp from 1971 to 2199 in
 * `timeUnit`, a date or timestamp from 1900 to 2199: docs/conventions.md § 2). The SQL of the
 * other functions does not refuse such rows; run this first, once per table or load.
 *
 * @param options - The log's options ({@link SqlLogOptions}).
 * @returns The statement and its parameters: one row of counts.
 * @throws {RetentionMetricsError} `INVALID_INPUT` for a bad option.
 *
 * @example
 * ```ts
 * import { logCheckSql } from 'retention-metrics';
 * const { sql, params } = logCheckSql({
 *   dialect: 'postgres',
 *   table: 'orders',
 *   columns: { customerId: 'customer_id', at: 'ordered_at_ms', amount: 'total' },
 *   atType: 'epoch',
 * });
 * sql.includes('AS "negativeAmount"'); // => true
 * params.map((ms) => new Date(ms).getUTCFullYear()); // => [1971, 2200]
 * ```
 * @category SQL
 */
export function logCheckSql(options: SqlLogOptions): SqlQuery {
  const fn = 'logCheckSql';
  const v = parseInput(fn, logCheckSqlOptionsSchema, options, 'options');
  const ctx = new SqlContext(fn, v);
  const { params } = ctx;
  const min = ctx.atType === 'epoch' ? NUMERIC_INSTANT_MIN : CALENDAR_INSTANT_MIN;
  const log = ctx.logCtes('none', null, null);
  const sql = `WITH ${log}
SELECT COUNT(*) AS "rows",
  COUNT(CASE WHEN "customerId" IS NULL THEN 1 END) AS "missingCustomerId",
  COUNT(CASE WHEN "ms" IS NULL THEN 1 END) AS "missingAt",
  COUNT(CASE WHEN "ms" < ${params.bigint(min)} OR "ms" >= ${params.bigint(INSTANT_MAX)} THEN 1 END) AS "implausibleAt",
  COUNT(CASE WHEN "amount" IS NULL THEN 1 END) AS "missingAmount",
  COUNT(CASE WHEN "amount" < 0 THEN 1 END) AS "negativeAmount"
FROM "raw"`;
  return ctx.query(sql);
}

const PROBLEMS = [
  ['missingCustomerId', 'without a customer id'],
  ['missingAt', 'without a time'],
  ['implausibleAt', 'with a time outside the plausible range (check atType and timeUnit)'],
  ['missingAmount', 'without an amount'],
  ['negativeAmount', 'with a negative amount'],
] as const;

/**
 * Reads the result of {@link logCheckSql}: returns the row count when the table passed, else
 * throws `INVALID_INPUT` saying how many rows have which problem — the table's counterpart of the
 * in-memory functions' error for a bad row.
 *
 * @param rows - The one result row of {@link logCheckSql}.
 * @returns `{ rows }`, the number of rows checked.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when a row has a problem (the message lists the
 *   counts), or when the result is not one row of counts.
 *
 * @example
 * ```ts
 * import { readLogCheckRows } from 'retention-metrics';
 * const ok = { rows: 120n, missingCustomerId: 0n, missingAt: 0n, implausibleAt: 0n, missingAmount: 0n, negativeAmount: 0n };
 * readLogCheckRows([ok]); // => { rows: 120 }
 * readLogCheckRows([{ ...ok, implausibleAt: 3n }]); // => throws INVALID_INPUT
 * ```
 * @category SQL
 */
export function readLogCheckRows(rows: readonly SqlRow[]): LogCheck {
  const fn = 'readLogCheckRows';
  if (!Array.isArray(rows) || rows.length !== 1) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: rows must be the one result row of logCheckSql (received ${Array.isArray(rows) ? `${rows.length} rows` : typeof rows})`,
      { path: ['rows'] },
    );
  }
  const reader = new RowReader(fn);
  const row = reader.row(rows, 0);
  const total = reader.integer(row, 0, 'rows');
  const found = PROBLEMS.map(([field, text]) => [reader.integer(row, 0, field), text] as const)
    .filter(([count]) => count > 0)
    .map(([count, text]) => `${count} ${count === 1 ? 'row' : 'rows'} ${text}`);
  if (found.length > 0) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: the table has ${found.join(', ')} (of ${total} rows)`,
      { path: ['rows'] },
    );
  }
  return { rows: total };
}
