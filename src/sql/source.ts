/**
 * The purchase log as the generated SQL reads it: which table, which columns, what the `at`
 * column holds, and the common table expressions that turn each row into (customer, epoch
 * milliseconds, local calendar period, amount) by the library's conventions.
 *
 * @module
 */
import * as z from 'zod/mini';
import {
  type Boundary,
  boundaryOf,
  checkBoundaries,
  instantInputJson,
  instantInputSchema,
  timeZoneSchema,
} from '../core/boundary.js';
import { type TimeUnit, timeUnitSchema } from '../core/instant.js';
import { type CalendarUnit, periodKeyFunction, periodStartDay } from '../core/period.js';
import { strictObject, unitDaysSchema, withJson } from '../core/schemas.js';
import { MS_PER_DAY, resolveZone, type TimeZone, type Zone } from '../core/time.js';
import { PERIOD_LENGTH_IN_DAYS } from '../metrics/churn.js';
import {
  type Dialect,
  dialectOf,
  epochMsOfDayStart,
  Params,
  SQL_DIALECTS,
  SQL_TIME_TYPES,
  type SqlDialect,
  type SqlQuery,
  type SqlTimeType,
} from './dialect.js';

/** The columns of the purchase log: the table's column names for the log's three fields. */
export interface SqlLogColumns {
  /** The customer id column (any type the engine can group by). */
  readonly customerId: string;
  /** The purchase time column; what it holds is `atType`. */
  readonly at: string;
  /** The amount column: an exact type (DECIMAL, NUMERIC, INTEGER), or give `amountScale`. */
  readonly amount: string;
}

/** Where the purchase log is and how to read it: the options every SQL function takes. */
export interface SqlLogOptions {
  /** The engine the SQL is written for. */
  readonly dialect: SqlDialect;
  /**
   * The table: a name, or its name parts (`['analytics', 'orders']` for schema and table,
   * `['project', 'dataset', 'orders']` in BigQuery). Each part is quoted as one identifier.
   */
  readonly table: string | readonly string[];
  /** The table's column names for `customerId`, `at` and `amount`. */
  readonly columns: SqlLogColumns;
  /** What the `at` column holds ({@link SqlTimeType}). Default `'timestamptz'`. */
  readonly atType?: SqlTimeType;
  /** The unit of numeric timestamps: of an `'epoch'` column and of numeric boundaries. Default `'ms'`. */
  readonly timeUnit?: TimeUnit;
  /**
   * Cast each amount to an exact decimal with this many decimal places before summing: needed
   * when the amount column is a floating-point type (whose sums are not exact). An integer from
   * 0 to 18. Default: the column is summed as it is.
   */
  readonly amountScale?: number;
  /** Time zone of calendar days and periods. Default `'UTC'`. */
  readonly timeZone?: TimeZone;
}

const identifierSchema = z.string().check(
  z.minLength(1),
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
  z.refine((s) => !/[\u0000-\u001f]/.test(s), 'must not contain control characters'),
);

const granularitySchema = z.enum(['day', 'week', 'month', 'quarter', 'year', 'none']);

const unitSchema = z.union([z.enum(['day', 'week', 'month', 'quarter', 'year']), unitDaysSchema]);

/** The fields of {@link SqlLogOptions}, for the options schemas of the SQL functions. @internal */
export const sqlLogShape = {
  dialect: z.enum(SQL_DIALECTS as [SqlDialect, ...SqlDialect[]]),
  table: z.union([
    identifierSchema,
    z.array(identifierSchema).check(z.minLength(1), z.maxLength(4)),
  ]),
  columns: strictObject({
    customerId: identifierSchema,
    at: identifierSchema,
    amount: identifierSchema,
  }),
  atType: z.optional(z.enum(SQL_TIME_TYPES as [SqlTimeType, ...SqlTimeType[]])),
  timeUnit: z.optional(timeUnitSchema),
  amountScale: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(18))),
  timeZone: z.optional(timeZoneSchema),
};

/** Schemas of the summary options shared by several SQL functions. @internal */
export const summaryShape = {
  granularity: z.optional(granularitySchema),
  unit: z.optional(unitSchema),
};

/**
 * A boundary field's schema: a `Date`, a string, a finite number or a bigint (resolved in
 * `timeZone` and `timeUnit` by the options' refinement); in JSON, a string or a number. @internal
 */
export const boundarySchema = withJson(
  instantInputSchema.clone(),
  instantInputJson(
    'An ISO-8601 date or date-time (a date-only end includes its whole day in timeZone), or an epoch timestamp in timeUnit (1971 to 2199).',
  ),
);

/** Adds the range checks of boundary fields to a schema's refinement. @internal */
export function checkBoundaryFields(
  ctx: z.core.$RefinementCtx,
  value: Record<string, unknown>,
  fields: readonly string[],
): void {
  checkBoundaries(ctx, value, fields);
}

/** How purchases are grouped into orders (or cohorts). */
export type SqlGranularity = CalendarUnit | 'none';

/** The unit of durations: a calendar unit's mean length, or a number of days. */
export type SqlDurationUnit = CalendarUnit | number;

/** {@link SqlLogOptions} as validated. @internal */
export interface LogInput {
  readonly dialect: SqlDialect;
  readonly table: string | readonly string[];
  readonly columns: SqlLogColumns;
  readonly atType?: SqlTimeType | undefined;
  readonly timeUnit?: TimeUnit | undefined;
  readonly amountScale?: number | undefined;
  readonly timeZone?: string | undefined;
}

/** Everything a query builder needs, resolved. @internal */
export class SqlContext {
  readonly dialect: Dialect;
  readonly params: Params;
  readonly zone: Zone;
  readonly timeUnit: TimeUnit;
  readonly atType: SqlTimeType;
  /**
   * The name of the `"late"` common table expression: `late`, or `lateRows` when the table itself
   * is named `late` (in any case: DuckDB and Spark compare names without case), which the CTE
   * would hide.
   */
  readonly late: string;

  constructor(
    readonly fn: string,
    readonly options: LogInput,
  ) {
    this.dialect = dialectOf(options.dialect);
    this.params = new Params(this.dialect);
    this.zone = resolveZone(options.timeZone ?? 'UTC') as Zone;
    this.timeUnit = options.timeUnit ?? 'ms';
    this.atType = options.atType ?? 'timestamptz';
    const { table } = options;
    const single = typeof table === 'string' ? table : table.length === 1 ? table[0] : undefined;
    this.late = single?.toLowerCase() === 'late' ? 'lateRows' : 'late';
  }

  /** A boundary resolved in the zone and unit, or an error naming `field`. */
  boundary(field: string, raw: unknown): Boundary {
    return boundaryOf(this.fn, field, raw, this.zone, this.timeUnit);
  }

  /** Quotes an identifier. */
  q(name: string): string {
    return this.params.identifier(name);
  }

  /** The quoted table name. */
  table(): string {
    const { table } = this.options;
    return (typeof table === 'string' ? [table] : table).map((part) => this.q(part)).join('.');
  }

  /** Finishes the query: numbers its placeholders and lists their values. */
  query(sql: string): SqlQuery {
    return this.params.finish(sql);
  }

  /** The epoch milliseconds (BIGINT) of a row of the table: an SQL expression on its `at` column. */
  private rowMs(): string {
    const d = this.dialect;
    const at = this.q(this.options.columns.at);
    const zone = this.zone;
    if (this.atType === 'date') {
      const offset = zone.fixed ? zone.offsetAt(0) : 0;
      return zone.fixed
        ? `(CAST(${d.dayNumber(at)} AS ${d.bigint}) * ${MS_PER_DAY}${offset === 0 ? '' : ` - ${this.params.bigint(offset)}`})`
        : epochMsOfDayStart(d, at, this.params.text(zone.name));
    }
    return this.atType === 'epoch'
      ? d.epochMsOfNumber(at, this.timeUnit)
      : d.epochMs(at, this.atType);
  }

  /**
   * The common table expression {@link SqlContext.late}: one row, `rowsAfterEnd` = the rows of
   * the table when it has rows and none of them is before `end` (epoch ms), else 0 — what the
   * in-memory functions raise `EMPTY_INPUT` for. It reads the table itself (not `"raw"`, so that
   * no engine materializes the log for a second reader), and comes first, before any of the
   * query's own names could hide a table of the same name. The `NOT EXISTS` stops at the first
   * row before the end, so an ordinary table costs one row read.
   */
  private lateCte(end: number): string {
    const table = this.table();
    return `"${this.late}" AS (
  SELECT COUNT(*) AS "rowsAfterEnd"
  FROM ${table}
  WHERE NOT EXISTS (SELECT 1 FROM ${table} WHERE ${this.rowMs()} < ${this.params.bigint(end)})
)`;
  }

  /**
   * The common table expressions `"raw"` (customerId, ms, amount), `"dated"` (adds the local
   * `day` number) and `"log"` (adds `period`, the index of the row's `granularity` period, or
   * its epoch ms for `'none'`), keeping rows whose `ms` passes `where` (an SQL condition on
   * `"ms"`, or none); preceded by {@link SqlContext.late} for the end `lateEnd` (epoch ms), unless
   * it is null.
   */
  logCtes(granularity: SqlGranularity, where: string | null, lateEnd: number | null): string {
    const d = this.dialect;
    const { columns, amountScale } = this.options;
    const at = this.q(columns.at);
    const amount =
      amountScale === undefined
        ? this.q(columns.amount)
        : `CAST(${this.q(columns.amount)} AS ${d.decimal(amountScale)})`;
    const zone = this.zone;
    const offset = zone.fixed ? zone.offsetAt(0) : 0;
    const needsDate =
      granularity === 'month' || granularity === 'quarter' || granularity === 'year';
    const zoneParam = (): string => this.params.text(zone.name);
    const ms = this.rowMs();
    // A DATE column is its own local date, except for a day an IANA zone skipped (Pacific/Apia's
    // 2011-12-30 begins with the 31st, and is the 31st): there, as for instants, the local date
    // of the row's first instant.
    const ownDate = this.atType === 'date' && zone.fixed;
    const day = ownDate ? d.dayNumber(at) : '';
    const date = ownDate && needsDate ? at : null;
    const raw = `"raw" AS (\n  SELECT ${this.q(columns.customerId)} AS "customerId", ${ms} AS "ms", ${amount} AS "amount"${ownDate ? `, ${day} AS "day"${date === null ? '' : `, ${at} AS "date"`}` : ''}\n  FROM ${this.table()}\n)`;
    const filter = where === null ? '' : `\n  WHERE ${where}`;
    let dated: string;
    if (ownDate || granularity === 'none') {
      dated = `"dated" AS (\n  SELECT *\n  FROM "raw"${filter}\n)`;
    } else if (zone.fixed) {
      const shifted = offset === 0 ? '"ms"' : `"ms" + ${this.params.bigint(offset)}`;
      const dayExpr = d.floorDiv(shifted, MS_PER_DAY);
      dated = needsDate
        ? `"dated" AS (\n  SELECT "customerId", "ms", "amount", "day", ${d.dateOfDayNumber('"day"')} AS "date"\n  FROM (SELECT "customerId", "ms", "amount", ${dayExpr} AS "day" FROM "raw"${filter}) AS "shifted"\n)`
        : `"dated" AS (\n  SELECT "customerId", "ms", "amount", ${dayExpr} AS "day"\n  FROM "raw"${filter}\n)`;
    } else {
      const local = d.localDateOfMs('"ms"', zoneParam());
      dated = `"dated" AS (\n  SELECT "customerId", "ms", "amount", ${d.dayNumber('"date"')} AS "day", "date"\n  FROM (SELECT "customerId", "ms", "amount", ${local} AS "date" FROM "raw"${filter}) AS "localized"\n)`;
    }
    const period = this.periodExpression(granularity);
    const log = `"log" AS (\n  SELECT "customerId", "ms", "amount", ${period} AS "period"\n  FROM "dated"\n)`;
    const late = lateEnd === null ? '' : `${this.lateCte(lateEnd)},\n`;
    return `${late}${raw},\n${dated},\n${log}`;
  }

  /**
   * The calendar clock (`calendarClock` of `src/core/time.ts`) of the epoch-ms expression `ms`
   * in this context's IANA zone: the local day's number × 86,400,000 plus the time into the day
   * scaled to 24 hours, by the same IEEE operations (the product is exact, the quotient correctly
   * rounded and never a tie, so `ROUND` agrees with `Math.round`).
   */
  calendarClock(ms: string): string {
    const d = this.dialect;
    const zone = () => this.params.text(this.zone.name);
    const localDate = d.localDateOfMs(ms, zone());
    const dayNumber = d.dayNumber(localDate);
    const start = epochMsOfDayStart(d, localDate, zone());
    // the next day from the day number in the dialect's own type (Spark's takes an INT)
    const next = epochMsOfDayStart(d, d.dateOfDayNumber(`${dayNumber} + 1`), zone());
    return `(CAST(${dayNumber} AS ${d.bigint}) * ${MS_PER_DAY} + ROUND(CAST(${ms} - ${start} AS ${d.double}) * ${MS_PER_DAY} / CAST(${next} - ${start} AS ${d.double})))`;
  }

  /** The period index of a `"dated"` row. */
  private periodExpression(granularity: SqlGranularity): string {
    const d = this.dialect;
    switch (granularity) {
      case 'none':
        return '"ms"';
      case 'day':
        return '"day"';
      case 'week':
        return d.floorDiv('"day" + 3', 7);
      case 'month':
        return `(${d.year('"date"')} - 1970) * 12 + ${d.month('"date"')} - 1`;
      case 'quarter':
        return d.floorDiv(`(${d.year('"date"')} - 1970) * 12 + ${d.month('"date"')} - 1`, 3);
      case 'year':
        return `(${d.year('"date"')} - 1970)`;
    }
  }

  /** The first local day (days since 1970-01-01) of the period with index `p` (an SQL expression). */
  periodStartDay(p: string, unit: CalendarUnit): string {
    const d = this.dialect;
    if (unit === 'day') return p;
    if (unit === 'week') return `((${p}) * 7 - 3)`;
    const months = unit === 'month' ? `(${p})` : `(${p}) * ${unit === 'quarter' ? 3 : 12}`;
    const years = d.floorDiv(months, 12);
    return d.dayNumber(d.firstOfMonth(`1970 + ${years}`, `${months} - 12 * ${years} + 1`));
  }
}

/** The length of a duration unit in days. @internal */
export function unitDays(unit: SqlDurationUnit): number {
  return typeof unit === 'number' ? unit : Number(PERIOD_LENGTH_IN_DAYS[unit]);
}

/**
 * How durations are computed for a granularity and unit: whole calendar periods when the unit is
 * the granularity's own month, quarter or year; else days between period starts (or
 * milliseconds between purchases, for `'none'`) divided by the unit's length in days. @internal
 */
export function durationMode(
  granularity: SqlGranularity,
  unit: SqlDurationUnit,
): 'periods' | 'days' | 'ms' {
  if (granularity === 'none') return 'ms';
  if (granularity === unit && (unit === 'month' || unit === 'quarter' || unit === 'year')) {
    return 'periods';
  }
  return 'days';
}

/**
 * Where durations to an end boundary are measured to, in the unit of the SQL's period
 * arithmetic: the start day of the period holding the last included instant, its period index
 * (whole calendar periods), or the boundary's `at` in epoch ms (`'none'`). @internal
 */
export function endPoint(
  boundary: Boundary,
  granularity: SqlGranularity,
  unit: SqlDurationUnit,
  zone: Zone,
): { period: number; point: number } {
  if (granularity === 'none') return { period: boundary.at, point: boundary.at };
  const period = periodKeyFunction(granularity, zone)(boundary.end - 1);
  const mode = durationMode(granularity, unit);
  return { period, point: mode === 'periods' ? period : periodStartDay(period, granularity) };
}

/**
 * The SQL of a duration from the period (or ms) expression `from` to `to`, in `unit`: a DOUBLE
 * computed as the in-memory functions compute it. @internal
 */
export function durationSql(
  ctx: SqlContext,
  from: string,
  to: string,
  granularity: SqlGranularity,
  unit: SqlDurationUnit,
  toIsPoint: boolean,
): string {
  const d = ctx.dialect;
  const mode = durationMode(granularity, unit);
  const days = unitDays(unit);
  if (mode === 'ms') {
    // Days on the zone's calendar (conventions): elapsed time in UTC and fixed offsets.
    if (!ctx.zone.fixed) {
      return `CAST(${ctx.calendarClock(to)} - ${ctx.calendarClock(from)} AS ${d.double}) / ${MS_PER_DAY} / ${ctx.params.double(days)}`;
    }
    return `CAST(${to} - (${from}) AS ${d.double}) / ${MS_PER_DAY} / ${ctx.params.double(days)}`;
  }
  if (mode === 'periods') return `CAST(${to} - (${from}) AS ${d.double})`;
  const unitOf = granularity as CalendarUnit;
  const start = (p: string) => ctx.periodStartDay(p, unitOf);
  const end = toIsPoint ? to : start(to);
  return `CAST(${end} - (${start(from)}) AS ${d.double}) / ${ctx.params.double(days)}`;
}
