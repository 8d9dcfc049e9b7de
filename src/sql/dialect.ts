/**
 * SQL dialects: how each engine quotes identifiers, marks parameters, names types and writes the
 * few date and time expressions the generated queries need. Every construct is listed with the
 * engine's documentation page it relies on in docs/sql.md.
 *
 * @module
 */
import { deepFreeze } from '../core/freeze.js';
import type { TimeUnit } from '../core/instant.js';
import { MS_PER_DAY } from '../core/time.js';

/** The SQL engines the library writes queries for. */
export type SqlDialect = 'duckdb' | 'postgres' | 'bigquery' | 'snowflake' | 'spark';

/** The dialects, in the order of the documentation. */
export const SQL_DIALECTS: readonly SqlDialect[] = deepFreeze([
  'duckdb',
  'postgres',
  'bigquery',
  'snowflake',
  'spark',
] as SqlDialect[]);

/**
 * What the `at` column holds:
 * - `'timestamptz'`: an instant (`TIMESTAMP WITH TIME ZONE`; BigQuery `TIMESTAMP`; Snowflake
 *   `TIMESTAMP_TZ`/`TIMESTAMP_LTZ`; Spark `TIMESTAMP`);
 * - `'timestamp'`: a date and time without a zone, read as UTC (`TIMESTAMP`; BigQuery
 *   `DATETIME`; Snowflake `TIMESTAMP_NTZ`; Spark `TIMESTAMP_NTZ`);
 * - `'date'`: a calendar date, naming that day in the computation's time zone (its first instant);
 * - `'epoch'`: numbers, epoch timestamps in `timeUnit`.
 */
export type SqlTimeType = 'timestamptz' | 'timestamp' | 'date' | 'epoch';

/** The SQL time types, in the order of the documentation. */
export const SQL_TIME_TYPES: readonly SqlTimeType[] = deepFreeze([
  'timestamptz',
  'timestamp',
  'date',
  'epoch',
] as SqlTimeType[]);

/** SQL text and the values that bind to its parameters, in order. */
export interface SqlQuery {
  /** The statement. Identifiers are quoted; every value is a parameter. */
  readonly sql: string;
  /**
   * The values of the parameters, in the order they appear (`$1`, `$2`, … in DuckDB and
   * PostgreSQL; one `?` each in BigQuery, Snowflake and Spark).
   */
  readonly params: readonly (string | number)[];
}

/** Marks a parameter in SQL text under construction; identifiers cannot hold control characters. */
const MARK = '\u0001';
const MARKER = new RegExp(`${MARK}(\\d+)${MARK}`, 'g');
/** Marks a caller's identifier in SQL text under construction. */
const NAME = '\u0002';
const NAME_MARKER = new RegExp(`${NAME}(\\d+)${NAME}`, 'g');
/** The library's own names (of common table expressions and columns), written `"name"` in the templates. */
const OWN_NAME = /"([A-Za-z]+)"/g;

/**
 * Collects parameter values and identifiers. Each is written as a marker first, so that pieces
 * of a query can be built in any order; {@link Params.finish} quotes the library's own names and
 * the caller's identifiers by the dialect's rules, numbers the placeholders in the order they
 * appear in the final text and lists the values in that order.
 *
 * @internal
 */
export class Params {
  private readonly values: (string | number)[] = [];
  private readonly names: string[] = [];

  constructor(private readonly dialect: Dialect) {}

  /** The placeholder of a new parameter holding `value`. */
  add(value: string | number): string {
    this.values.push(value);
    return `${MARK}${this.values.length - 1}${MARK}`;
  }

  /** A caller's identifier, quoted when the query is finished. */
  identifier(name: string): string {
    this.names.push(name);
    return `${NAME}${this.names.length - 1}${NAME}`;
  }

  /** The query: names quoted, placeholders in order of appearance, values in the same order. */
  finish(text: string): SqlQuery {
    const { dialect } = this;
    const params: (string | number)[] = [];
    const sql = text
      .replace(OWN_NAME, (_, name: string) => dialect.quote(name))
      .replace(NAME_MARKER, (_, index: string) =>
        dialect.quote(this.names[Number(index)] as string),
      )
      .replace(MARKER, (_, index: string) => {
        params.push(this.values[Number(index)] as string | number);
        return dialect.positional ? `$${params.length}` : '?';
      });
    return { sql, params };
  }

  /** A new parameter cast to BIGINT. */
  bigint(value: number): string {
    return `CAST(${this.add(value)} AS ${this.dialect.bigint})`;
  }

  /** A new parameter cast to a double-precision float. */
  double(value: number): string {
    return `CAST(${this.add(value)} AS ${this.dialect.double})`;
  }

  /** A new parameter cast to text. */
  text(value: string): string {
    return `CAST(${this.add(value)} AS ${this.dialect.text})`;
  }
}

/**
 * The rules of one dialect. Expression builders take SQL expressions (already quoted or built)
 * and return SQL expressions.
 *
 * @internal
 */
export interface Dialect {
  readonly name: SqlDialect;
  /** `$1, $2, …` (true) or `?` (false). */
  readonly positional: boolean;
  readonly bigint: string;
  readonly double: string;
  readonly text: string;
  /** One identifier, quoted. */
  quote(name: string): string;
  /** An exact decimal type with the given scale. */
  decimal(scale: number): string;
  /** ⌊x / n⌋ as a BIGINT, for an integer expression x and a positive integer n. */
  floorDiv(x: string, n: number): string;
  /** Epoch milliseconds (BIGINT, floor) of a column of the given time type. */
  epochMs(column: string, type: 'timestamptz' | 'timestamp'): string;
  /** Epoch milliseconds (BIGINT, floor) of epoch numbers in `unit`. */
  epochMsOfNumber(column: string, unit: TimeUnit): string;
  /**
   * Epoch milliseconds of a wall-clock time of a DATE in the IANA zone `zone` (an expression), as
   * the engine reads a local time that is skipped or repeated: 00:00 of that date, or 23:00 of
   * the day before when `hourBefore`. Only {@link epochMsOfDayStart} calls it.
   */
  epochMsOfWallClock(date: string, zone: string, hourBefore: boolean): string;
  /** The local DATE in the IANA zone `zone` of epoch milliseconds `ms`. */
  localDateOfMs(ms: string, zone: string): string;
  /** Days since 1970-01-01 of a DATE (BIGINT). */
  dayNumber(date: string): string;
  /** The DATE of a day number. */
  dateOfDayNumber(day: string): string;
  /** Calendar year (BIGINT) of a DATE. */
  year(date: string): string;
  /** Calendar month 1–12 (BIGINT) of a DATE. */
  month(date: string): string;
  /** The DATE of the first day of a year and month (BIGINT expressions). */
  firstOfMonth(year: string, month: string): string;
}

/**
 * Epoch milliseconds (BIGINT) of the first instant of a DATE in the IANA zone `zone`: the instant
 * at which the local date turns to that date (`startOfLocalDay` of src/core/time.ts). The engine's
 * reading of its local midnight is that instant unless the instant before it is already on the
 * date: the engines read a midnight that comes twice (daylight saving time ends at 01:00, as in
 * America/Havana) as the later one. Then 23:00 of the day before plus an hour is the first
 * midnight. (A skipped midnight, as in America/Santiago, is read at the offset before the change,
 * which is the change itself.) `zone` is an SQL expression, used more than once.
 *
 * @internal
 */
export function epochMsOfDayStart(d: Dialect, date: string, zone: string): string {
  const midnight = d.epochMsOfWallClock(date, zone, false);
  const hourBefore = d.epochMsOfWallClock(date, zone, true);
  return `(CASE WHEN ${d.localDateOfMs(`${midnight} - 1`, zone)} < ${date} THEN ${midnight} ELSE ${hourBefore} + 3600000 END)`;
}

function doubled(quote: string): (name: string) => string {
  return (name) => `${quote}${name.split(quote).join(quote + quote)}${quote}`;
}

const DUCKDB: Dialect = {
  name: 'duckdb',
  positional: true,
  bigint: 'BIGINT',
  double: 'DOUBLE',
  text: 'VARCHAR',
  quote: doubled('"'),
  decimal: (scale) => `DECIMAL(38, ${scale})`,
  floorDiv: (x, n) => `CAST(floor((${x}) / ${n}) AS BIGINT)`,
  epochMs: (column) => `epoch_ms(${column})`,
  epochMsOfNumber: (column, unit) =>
    unit === 's'
      ? `CAST(floor(${column} * 1000) AS BIGINT)`
      : unit === 'ms'
        ? `CAST(floor(${column}) AS BIGINT)`
        : // floor(BIGINT) would go through DOUBLE: the cast is exact for integers, and rounds a
          // DOUBLE, one less when it rounded up.
          `CAST((CAST(${column} AS HUGEINT) - CASE WHEN CAST(${column} AS HUGEINT) > ${column} THEN 1 ELSE 0 END) // ${unit === 'us' ? 1000 : 1_000_000} AS BIGINT)`,
  epochMsOfWallClock: (date, zone, hourBefore) =>
    `epoch_ms(timezone(${zone}, CAST(${date} AS TIMESTAMP)${hourBefore ? ' - INTERVAL 1 HOUR' : ''}))`,
  localDateOfMs: (ms, zone) => `CAST(timezone(${zone}, make_timestamptz((${ms}) * 1000)) AS DATE)`,
  dayNumber: (date) => `(${date} - DATE '1970-01-01')`,
  dateOfDayNumber: (day) => `CAST(DATE '1970-01-01' + CAST(${day} AS INTEGER) AS DATE)`,
  year: (date) => `year(${date})`,
  month: (date) => `month(${date})`,
  firstOfMonth: (year, month) =>
    `make_date(CAST(${year} AS INTEGER), CAST(${month} AS INTEGER), 1)`,
};

const POSTGRES: Dialect = {
  name: 'postgres',
  positional: true,
  bigint: 'bigint',
  double: 'double precision',
  text: 'text',
  quote: doubled('"'),
  decimal: (scale) => `numeric(38, ${scale})`,
  floorDiv: (x, n) => `CAST(floor((${x}) / ${n}.0) AS bigint)`,
  epochMs: (column) => `CAST(floor(EXTRACT(EPOCH FROM ${column}) * 1000) AS bigint)`,
  epochMsOfNumber: (column, unit) =>
    unit === 's'
      ? `CAST(floor(${column} * 1000) AS bigint)`
      : unit === 'ms'
        ? `CAST(floor(${column}) AS bigint)`
        : // A bigint over a numeric divisor is numeric division, which keeps about 16 significant
          // digits (…000.999999 ns would round up to the next ms): the divisor's scale makes the
          // quotient exact; a double precision column divides in double precision.
          `CAST(floor(${column} / ${unit === 'us' ? '1000.000' : '1000000.000000'}) AS bigint)`,
  epochMsOfWallClock: (date, zone, hourBefore) =>
    `CAST(floor(EXTRACT(EPOCH FROM ((CAST(${date} AS timestamp)${hourBefore ? " - INTERVAL '1 hour'" : ''}) AT TIME ZONE ${zone})) * 1000) AS bigint)`,
  localDateOfMs: (ms, zone) =>
    `CAST((to_timestamp((${ms}) / 1000.0) AT TIME ZONE ${zone}) AS date)`,
  dayNumber: (date) => `(${date} - DATE '1970-01-01')`,
  dateOfDayNumber: (day) => `(DATE '1970-01-01' + CAST(${day} AS integer))`,
  year: (date) => `CAST(EXTRACT(YEAR FROM ${date}) AS bigint)`,
  month: (date) => `CAST(EXTRACT(MONTH FROM ${date}) AS bigint)`,
  firstOfMonth: (year, month) =>
    `make_date(CAST(${year} AS integer), CAST(${month} AS integer), 1)`,
};

const BIGQUERY: Dialect = {
  name: 'bigquery',
  positional: false,
  bigint: 'INT64',
  double: 'FLOAT64',
  text: 'STRING',
  // GoogleSQL quoted identifiers take the escapes of string literals.
  quote: (name) => `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``,
  decimal: (scale) => `BIGNUMERIC(76, ${scale})`,
  floorDiv: (x, n) => `CAST(FLOOR((${x}) / ${n}) AS INT64)`,
  epochMs: (column, type) =>
    type === 'timestamptz' ? `UNIX_MILLIS(${column})` : `UNIX_MILLIS(TIMESTAMP(${column}))`,
  epochMsOfNumber: (column, unit) =>
    unit === 's'
      ? `CAST(FLOOR(${column} * 1000) AS INT64)`
      : unit === 'ms'
        ? `CAST(FLOOR(${column}) AS INT64)`
        : `DIV(CAST(FLOOR(${column}) AS INT64), ${unit === 'us' ? 1000 : 1_000_000})`,
  epochMsOfWallClock: (date, zone, hourBefore) =>
    hourBefore
      ? `UNIX_MILLIS(TIMESTAMP(DATETIME_SUB(DATETIME(${date}), INTERVAL 1 HOUR), ${zone}))`
      : `UNIX_MILLIS(TIMESTAMP(${date}, ${zone}))`,
  localDateOfMs: (ms, zone) => `DATE(TIMESTAMP_MILLIS(${ms}), ${zone})`,
  dayNumber: (date) => `UNIX_DATE(${date})`,
  dateOfDayNumber: (day) => `DATE_FROM_UNIX_DATE(${day})`,
  year: (date) => `EXTRACT(YEAR FROM ${date})`,
  month: (date) => `EXTRACT(MONTH FROM ${date})`,
  firstOfMonth: (year, month) => `DATE(${year}, ${month}, 1)`,
};

const SNOWFLAKE: Dialect = {
  name: 'snowflake',
  positional: false,
  bigint: 'BIGINT',
  double: 'DOUBLE',
  text: 'VARCHAR',
  quote: doubled('"'),
  decimal: (scale) => `NUMBER(38, ${scale})`,
  // NUMBER division rounds to a few decimals, which can carry x.9999999 up to the next integer:
  // subtract the (non-negative) remainder first, so that the division is exact.
  floorDiv: (x, n) => `CAST(((${x}) - MOD(MOD(${x}, ${n}) + ${n}, ${n})) / ${n} AS BIGINT)`,
  epochMs: (column) => `DATE_PART(EPOCH_MILLISECOND, ${column})`,
  epochMsOfNumber: (column, unit) =>
    unit === 's'
      ? `CAST(FLOOR(${column} * 1000) AS BIGINT)`
      : unit === 'ms'
        ? `CAST(FLOOR(${column}) AS BIGINT)`
        : `CAST(FLOOR(${column} / ${unit === 'us' ? 1000 : 1_000_000}) AS BIGINT)`,
  epochMsOfWallClock: (date, zone, hourBefore) =>
    `DATE_PART(EPOCH_MILLISECOND, CONVERT_TIMEZONE(${zone}, 'UTC', ${hourBefore ? `DATEADD(HOUR, -1, CAST(${date} AS TIMESTAMP_NTZ))` : `CAST(${date} AS TIMESTAMP_NTZ)`}))`,
  localDateOfMs: (ms, zone) =>
    `CAST(CONVERT_TIMEZONE('UTC', ${zone}, TO_TIMESTAMP_NTZ(${ms}, 3)) AS DATE)`,
  dayNumber: (date) => `DATEDIFF(DAY, DATE '1970-01-01', ${date})`,
  dateOfDayNumber: (day) => `DATEADD(DAY, ${day}, DATE '1970-01-01')`,
  year: (date) => `YEAR(${date})`,
  month: (date) => `MONTH(${date})`,
  firstOfMonth: (year, month) => `DATE_FROM_PARTS(${year}, ${month}, 1)`,
};

/** 1970-01-01T00:00 as a Spark TIMESTAMP_NTZ literal: the origin of epoch arithmetic in UTC. */
const SPARK_EPOCH = "TIMESTAMP_NTZ'1970-01-01 00:00:00'";

/** ⌊x / n⌋ of a BIGINT x in Spark, exact for negative x too (`div` truncates toward zero). */
function sparkFloorDiv(x: string, n: number): string {
  return `((${x} - pmod(${x}, ${n})) div ${n})`;
}

const SPARK: Dialect = {
  name: 'spark',
  positional: false,
  bigint: 'BIGINT',
  double: 'DOUBLE',
  text: 'STRING',
  quote: doubled('`'),
  decimal: (scale) => `DECIMAL(38, ${scale})`,
  floorDiv: (x, n) => `CAST(floor((${x}) / ${n}) AS BIGINT)`,
  // Nothing depends on spark.sql.session.timeZone: TIMESTAMP (an instant) goes straight to epoch
  // ms, and TIMESTAMP_NTZ, DATE and the zone conversions stay in TIMESTAMP_NTZ, whose arithmetic
  // Spark does in UTC (casts between TIMESTAMP and TIMESTAMP_NTZ or DATE would use the session's
  // zone). Needs Spark 3.4 (TIMESTAMP_NTZ, convert_timezone).
  epochMs: (column, type) =>
    type === 'timestamptz'
      ? `unix_millis(${column})`
      : sparkFloorDiv(`timestampdiff(MICROSECOND, ${SPARK_EPOCH}, ${column})`, 1000),
  epochMsOfNumber: (column, unit) =>
    unit === 's'
      ? `CAST(floor(${column} * 1000) AS BIGINT)`
      : unit === 'ms'
        ? `CAST(floor(${column}) AS BIGINT)`
        : `(CAST(floor(${column}) AS BIGINT) div ${unit === 'us' ? 1000 : 1_000_000})`,
  epochMsOfWallClock: (date, zone, hourBefore) =>
    `timestampdiff(MILLISECOND, ${SPARK_EPOCH}, convert_timezone(${zone}, 'UTC', ${hourBefore ? `timestampadd(HOUR, -1, CAST(${date} AS TIMESTAMP_NTZ))` : `CAST(${date} AS TIMESTAMP_NTZ)`}))`,
  // The UTC wall clock of epoch ms as a TIMESTAMP_NTZ: its UTC day, plus the milliseconds into
  // that day (timestampadd's quantity is an INT in some Spark versions: never the full ms).
  localDateOfMs: (ms, zone) =>
    `CAST(convert_timezone('UTC', ${zone}, timestampadd(MILLISECOND, CAST(pmod(${ms}, ${MS_PER_DAY}) AS INT), CAST(date_from_unix_date(CAST(${sparkFloorDiv(ms, MS_PER_DAY)} AS INT)) AS TIMESTAMP_NTZ))) AS DATE)`,
  dayNumber: (date) => `unix_date(${date})`,
  dateOfDayNumber: (day) => `date_from_unix_date(${day})`,
  year: (date) => `year(${date})`,
  month: (date) => `month(${date})`,
  firstOfMonth: (year, month) => `make_date(${year}, ${month}, 1)`,
};

const DIALECTS: Record<SqlDialect, Dialect> = {
  duckdb: DUCKDB,
  postgres: POSTGRES,
  bigquery: BIGQUERY,
  snowflake: SNOWFLAKE,
  spark: SPARK,
};

/** The rules of a dialect. @internal */
export function dialectOf(name: SqlDialect): Dialect {
  return DIALECTS[name];
}
