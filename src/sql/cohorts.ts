import * as z from 'zod/mini';
import { quotientDecimal } from '../core/decimal-internals.js';
import { parseInput, RetentionMetricsError } from '../core/errors.js';
import { CALENDAR_INSTANT_MIN, INSTANT_MAX } from '../core/instant.js';
import { D, type Decimal, ZERO } from '../core/numeric.js';
import { ownField } from '../core/own.js';
import {
  CALENDAR_UNITS,
  type CalendarUnit,
  periodKeyFunction,
  periodStartDay,
} from '../core/period.js';
import { integerBetweenSchema, strictObject } from '../core/schemas.js';
import { isoDateOfDay } from '../core/time.js';
import {
  type CohortMeasure,
  type CohortMode,
  type CohortRow,
  type CohortTable,
  checkCohortColumns,
  type PeriodBracket,
} from '../transactions/cohorts/options.js';
import type { SqlQuery } from './dialect.js';
import {
  boundarySchema,
  checkBoundaryFields,
  SqlContext,
  type SqlLogOptions,
  sqlLogShape,
} from './source.js';
import type { SqlBoundary } from './summary.js';
import { checkRows, RowReader, type SqlRow } from './values.js';

/** Options of {@link cohortRetentionSql} and {@link readCohortRows}: those of `cohortRetention`, and the log's. */
export interface CohortRetentionSqlOptions extends SqlLogOptions {
  /** The end of observation (an end boundary: a date-only string includes its whole day). */
  readonly asOf: SqlBoundary;
  /** The calendar period of cohorts and columns. Default `'month'`. */
  readonly granularity?: CalendarUnit;
  /** Columns k = 0 … periods − 1 (1 to 100,000); default: the complete periods of the oldest cohort. Not with `'bracket'`. */
  readonly periods?: number;
  /** How column k counts a customer. Default `'classic'`. */
  readonly mode?: CohortMode;
  /** The columns of `mode: 'bracket'` (required there, not allowed otherwise). */
  readonly brackets?: readonly PeriodBracket[];
  /** Count customers or sum revenue. Default `'customers'`. */
  readonly measure?: CohortMeasure;
}

const MAX_PERIODS = 100_000;

/**
 * The schema of {@link CohortRetentionSqlOptions}: the options of {@link cohortRetentionSql} and {@link readCohortRows}: it accepts exactly what the function accepts (the same checks, the
 * same errors). `toJsonSchema` gives its JSON Schema, for options stored or sent as JSON
 * (boundaries as strings or numbers there; `Date` and bigint boundaries are JavaScript only).
 *
 * @category Schemas
 */
export const cohortRetentionSqlOptionsSchema = strictObject({
  ...sqlLogShape,
  asOf: boundarySchema,
  granularity: z.optional(z.enum(CALENDAR_UNITS as [CalendarUnit, ...CalendarUnit[]])),
  periods: z.optional(integerBetweenSchema(1, MAX_PERIODS)),
  mode: z.optional(z.enum(['classic', 'rolling', 'bracket'])),
  brackets: z.optional(
    z
      .array(
        strictObject({
          from: integerBetweenSchema(0, MAX_PERIODS - 1),
          to: integerBetweenSchema(0, MAX_PERIODS - 1),
        }),
      )
      .check(z.minLength(1)),
  ),
  measure: z.optional(z.enum(['customers', 'revenue'])),
}).check(
  z.superRefine((v, ctx) => {
    checkBoundaryFields(ctx, v, ['asOf']);
    checkCohortColumns(ctx, v);
  }),
);

/**
 * SQL for the acquisition-cohort table of `cohortRetention`, computed in the engine: customers
 * grouped by the `granularity` period (in `timeZone`) of their first purchase before `asOf`'s end,
 * and per cohort and offset k (periods since acquisition) the customers active in period c + k,
 * their revenue there, and the customers whose last period is c + k (for rolling retention);
 * with `mode: 'bracket'`, also the customers active in each bracket. The result has one row per
 * (cohort, k) or (cohort, bracket) — cohorts × periods, small — which {@link readCohortRows}
 * turns into the same {@link CohortTable} as `cohortRetention`, applying the null rule for
 * periods not yet complete.
 *
 * @param options - {@link CohortRetentionSqlOptions}.
 * @returns The statement and its parameters; columns `cohort` (the period index), `k`, `bracket`,
 *   `customers`, `revenue`, `lastCustomers`, and `rowsAfterEnd`: NULL, except in the one marker
 *   row of a table whose rows are all after `asOf` (its row count; {@link readCohortRows} raises
 *   `EMPTY_INPUT` for it, as `cohortRetention` does).
 * @throws {RetentionMetricsError} `INVALID_INPUT` for a bad option (as `cohortRetention`'s).
 *
 * @example
 * ```ts
 * import { cohortRetentionSql } from 'retention-metrics';
 * const { sql } = cohortRetentionSql({
 *   dialect: 'bigquery',
 *   table: ['my-project', 'shop', 'orders'],
 *   columns: { customerId: 'customer_id', at: 'ordered_at', amount: 'total' },
 *   asOf: '2024-06-30',
 *   mode: 'bracket',
 *   brackets: [{ from: 0, to: 0 }, { from: 1, to: 3 }],
 * });
 * sql.includes('FROM `my-project`.`shop`.`orders`'); // => true
 * ```
 * @category SQL
 */
export function cohortRetentionSql(options: CohortRetentionSqlOptions): SqlQuery {
  const fn = 'cohortRetentionSql';
  const v = parseInput(fn, cohortRetentionSqlOptionsSchema, options, 'options');
  const ctx = new SqlContext(fn, v);
  const { params } = ctx;
  const asOf = ctx.boundary('asOf', v.asOf);
  const log = ctx.logCtes(v.granularity ?? 'month', `"ms" < ${params.bigint(asOf.end)}`, asOf.end);
  const { bigint } = ctx.dialect;
  let sql = `WITH ${log},
"customers" AS (
  SELECT "customerId", MIN("period") AS "cohort", MAX("period") AS "last"
  FROM "log"
  GROUP BY "customerId"
),
"cells" AS (
  SELECT "customers"."cohort" AS "cohort", "log"."period" - "customers"."cohort" AS "k", "log"."customerId" AS "customerId", "log"."amount" AS "amount"
  FROM "log" JOIN "customers" ON "log"."customerId" = "customers"."customerId"
),
"lasts" AS (
  SELECT "cohort", "last" - "cohort" AS "k", COUNT(*) AS "lastCustomers"
  FROM "customers"
  GROUP BY "cohort", "last" - "cohort"
),
"offsets" AS (
  SELECT "cohort", "k", COUNT(DISTINCT "customerId") AS "customers", SUM("amount") AS "revenue"
  FROM "cells"
  GROUP BY "cohort", "k"
)
SELECT "offsets"."cohort" AS "cohort", "offsets"."k" AS "k", CAST(NULL AS ${bigint}) AS "bracket", "offsets"."customers" AS "customers", "offsets"."revenue" AS "revenue", COALESCE("lasts"."lastCustomers", 0) AS "lastCustomers", CAST(NULL AS ${bigint}) AS "rowsAfterEnd"
FROM "offsets" LEFT JOIN "lasts" ON "lasts"."cohort" = "offsets"."cohort" AND "lasts"."k" = "offsets"."k"
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, NULL, "rowsAfterEnd"
FROM "${ctx.late}"
WHERE "rowsAfterEnd" > 0`;
  if (v.mode === 'bracket') {
    const cases = (v.brackets ?? [])
      .map(
        (b, j) =>
          `WHEN "k" >= ${params.bigint(b.from)} AND "k" <= ${params.bigint(b.to)} THEN ${params.bigint(j)}`,
      )
      .join(' ');
    sql += `
UNION ALL
SELECT "cohort", CAST(NULL AS ${bigint}), "bracket", COUNT(DISTINCT "customerId"), SUM("amount"), 0, CAST(NULL AS ${bigint})
FROM (SELECT "cohort", "customerId", "amount", CASE ${cases} END AS "bracket" FROM "cells") AS "bracketed"
WHERE "bracket" IS NOT NULL
GROUP BY "cohort", "bracket"`;
  }
  return ctx.query(sql);
}

interface CohortCells {
  readonly k: Map<number, { customers: number; revenue: Decimal; last: number }>;
  readonly brackets: Map<number, { customers: number; revenue: Decimal }>;
}

/**
 * Reads the result rows of {@link cohortRetentionSql} into the {@link CohortTable} that
 * `cohortRetention` returns for the same log and options: cohorts oldest first, columns by
 * mode, `null` where the column's last period is not complete at `asOf`, rates as exact Decimal
 * fractions.
 *
 * @param rows - The result rows of {@link cohortRetentionSql}.
 * @param options - The options the SQL was built with (the table columns are not read here).
 * @returns The cohort table.
 * @throws {RetentionMetricsError} `INVALID_INPUT` for bad options or a bad row (named
 *   `rows[i].field`).
 * @throws {RetentionMetricsError} `EMPTY_INPUT` for the marker row of a table whose rows are all
 *   after `asOf`.
 *
 * @example
 * ```ts
 * import { readCohortRows } from 'retention-metrics';
 * const options = {
 *   dialect: 'duckdb', table: 'orders', columns: { customerId: 'id', at: 'at', amount: 'total' }, asOf: '2024-03-15',
 * } as const;
 * // January 2024 is month 648 since January 1970: two customers, one back in February.
 * const table = readCohortRows([
 *   { cohort: 648n, k: 0n, bracket: null, customers: 2n, revenue: '15.00', lastCustomers: 0n },
 *   { cohort: 648n, k: 1n, bracket: null, customers: 1n, revenue: '20.00', lastCustomers: 1n },
 *   { cohort: 648n, k: 2n, bracket: null, customers: 1n, revenue: '5.00', lastCustomers: 1n },
 * ], options);
 * table.columns; // => ['k=0', 'k=1']
 * table.cohorts.map((c) => [c.cohort, c.size, c.values, c.rates]); // => [['2024-01-01', 2, [2, 1], ['1', '0.5']]]
 * ```
 * @category SQL
 */
export function readCohortRows(
  rows: readonly SqlRow[],
  options: CohortRetentionSqlOptions,
): CohortTable {
  const fn = 'readCohortRows';
  const v = parseInput(fn, cohortRetentionSqlOptionsSchema, options, 'options');
  const ctx = new SqlContext(fn, v);
  const unit = v.granularity ?? 'month';
  const mode = v.mode ?? 'classic';
  const measure = v.measure ?? 'customers';
  const asOf = ctx.boundary('asOf', v.asOf);
  const reader = new RowReader(fn);
  const list = checkRows(fn, rows);
  const cohorts = new Map<number, CohortCells>();
  list.forEach((_, i) => {
    const row = reader.row(list, i);
    reader.late(row, i, 'asOf');
    const cohort = reader.integer(row, i, 'cohort', Number.MIN_SAFE_INTEGER);
    const firstDayMs = periodStartDay(cohort, unit) * 86_400_000;
    if (!(firstDayMs >= CALENDAR_INSTANT_MIN && firstDayMs < INSTANT_MAX)) {
      reader.fail(i, 'cohort', `the index of a ${unit} from 1900 to 2199`, row.cohort);
    }
    let cells = cohorts.get(cohort);
    if (cells === undefined) {
      cells = { k: new Map(), brackets: new Map() };
      cohorts.set(cohort, cells);
    }
    const customers = reader.integer(row, i, 'customers', 1);
    const amount = reader.amount(row, i, 'revenue');
    const revenue = typeof amount === 'number' ? quotientDecimal(amount, 100) : amount;
    const bracket = ownField(row, 'bracket');
    if (bracket === null || bracket === undefined) {
      const k = reader.integer(row, i, 'k');
      cells.k.set(k, { customers, revenue, last: reader.integer(row, i, 'lastCustomers') });
    } else {
      cells.brackets.set(reader.integer(row, i, 'bracket'), { customers, revenue });
    }
  });
  // Periods before `end` are complete: their last instant is before asOf's end.
  const end = periodKeyFunction(unit, ctx.zone)(asOf.end);
  const order = [...cohorts.keys()].sort((a, b) => a - b);
  const brackets = mode === 'bracket' ? (v.brackets ?? []) : [];
  const lastBracket = brackets[brackets.length - 1];
  const periods =
    lastBracket !== undefined
      ? lastBracket.to + 1
      : (v.periods ?? Math.max(1, end - (order[0] ?? end)));
  const columnCount = mode === 'bracket' ? brackets.length : periods;
  const table: CohortRow[] = order.map((c) => {
    const cells = cohorts.get(c) as CohortCells;
    const first = cells.k.get(0);
    if (first === undefined) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: cohort ${c} has no row with k = 0 (the cohort's size); the rows are not a result of cohortRetentionSql`,
        { path: ['rows'] },
      );
    }
    const size = first.customers;
    const initialRevenue = first.revenue;
    for (const [k, cell] of [...cells.k, ...cells.brackets]) {
      if (cell.customers > size) {
        throw new RetentionMetricsError(
          'INVALID_INPUT',
          `${fn}: cohort ${c} has ${cell.customers} customers at ${cells.k.get(k) === cell ? `k = ${k}` : `bracket ${k}`}, more than its ${size} at k = 0; the rows are not a result of cohortRetentionSql`,
          { path: ['rows'] },
        );
      }
    }
    const offsets = [...cells.k.keys()];
    const values: (number | Decimal | null)[] = [];
    const rates: (Decimal | null)[] = [];
    for (let j = 0; j < columnCount; j++) {
      const lastPeriod = mode === 'bracket' ? (brackets[j] as PeriodBracket).to : j;
      if (c + lastPeriod >= end) {
        values.push(null);
        rates.push(null);
        continue;
      }
      let count = 0;
      let money = ZERO;
      if (mode === 'bracket') {
        const cell = cells.brackets.get(j);
        count = cell?.customers ?? 0;
        money = cell?.revenue ?? ZERO;
      } else if (mode === 'classic') {
        const cell = cells.k.get(j);
        count = cell?.customers ?? 0;
        money = cell?.revenue ?? ZERO;
      } else {
        for (const k of offsets) {
          if (k < j) continue;
          const cell = cells.k.get(k) as { customers: number; revenue: Decimal; last: number };
          count += cell.last;
          money = money.plus(cell.revenue);
        }
      }
      if (measure === 'revenue') {
        values.push(money);
        rates.push(initialRevenue.isZero() ? null : money.div(initialRevenue));
      } else {
        values.push(count);
        rates.push(new D(count).div(size));
      }
    }
    return {
      cohort: isoDateOfDay(periodStartDay(c, unit)),
      size,
      initialRevenue,
      values,
      rates,
    };
  });
  const label = (from: number, to: number) => (from === to ? `k=${from}` : `k=${from}-${to}`);
  return {
    granularity: unit,
    mode,
    measure,
    timeZone: ctx.zone.name,
    asOf: new Date(asOf.end - 1),
    periods,
    columns:
      mode === 'bracket'
        ? brackets.map((b) => label(b.from, b.to))
        : Array.from({ length: periods }, (_, k) => label(k, k)),
    cohorts: table,
  };
}
