/**
 * The SQL text of every dialect, checked against golden files in test/fixtures/sql/: BigQuery,
 * Snowflake and Spark SQL cannot run here, so their text is reviewed once (each construct is
 * listed with the engine's documentation page in docs/sql.md) and then kept from changing
 * unnoticed. DuckDB's and PostgreSQL's text is kept too, as the reference the engine tests run.
 * Run with UPDATE_GOLDEN=1 to rewrite the files after a reviewed change.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logCheckSql } from '../../src/sql/check.js';
import { cohortRetentionSql } from '../../src/sql/cohorts.js';
import { customerCountsSql } from '../../src/sql/counts.js';
import { SQL_DIALECTS, type SqlDialect, type SqlQuery } from '../../src/sql/dialect.js';
import { calibrationHoldoutSql, compressedSummarySql, summarySql } from '../../src/sql/summary.js';

const orders = {
  table: ['shop', 'sales', 'orders'],
  columns: { customerId: 'customer_id', at: 'ordered_at', amount: 'total' },
} as const;

/** Each golden query: a name and how to build it for a dialect. */
const QUERIES: Record<string, (dialect: SqlDialect) => SqlQuery> = {
  'summary-date-new-york-week': (dialect) =>
    summarySql({
      dialect,
      ...orders,
      atType: 'date',
      asOf: '2024-06-30',
      granularity: 'week',
      unit: 'week',
      timeZone: 'America/New_York',
    }),
  'summary-timestamptz-utc-month': (dialect) =>
    summarySql({ dialect, ...orders, asOf: '2024-06-30', granularity: 'month', unit: 'month' }),
  'summary-timestamp-offset-day': (dialect) =>
    summarySql({
      dialect,
      ...orders,
      atType: 'timestamp',
      amountScale: 2,
      asOf: '2024-06-30T18:00:00Z',
      timeZone: '-05:00',
    }),
  'summary-epoch-us-none': (dialect) =>
    summarySql({
      dialect,
      ...orders,
      atType: 'epoch',
      timeUnit: 'us',
      asOf: 1_719_792_000_000_000n,
      granularity: 'none',
      unit: 'day',
      timeZone: 'Europe/Berlin',
    }),
  'summary-epoch-s-quarter': (dialect) =>
    summarySql({
      dialect,
      ...orders,
      atType: 'epoch',
      timeUnit: 's',
      asOf: '2024-06-30',
      granularity: 'quarter',
      unit: 'quarter',
      timeZone: '+03:00',
    }),
  'summary-epoch-ns-year': (dialect) =>
    summarySql({
      dialect,
      ...orders,
      atType: 'epoch',
      timeUnit: 'ns',
      asOf: '2024-12-31',
      granularity: 'year',
      unit: 30,
    }),
  'summary-epoch-ms-date-quarter-days': (dialect) =>
    summarySql({
      dialect,
      ...orders,
      atType: 'epoch',
      asOf: '2024-06-30',
      granularity: 'quarter',
      unit: 'day',
      timeZone: 'Asia/Tokyo',
    }),
  'compressed-summary': (dialect) =>
    compressedSummarySql({ dialect, ...orders, asOf: '2024-06-30', unit: 'week' }),
  'calibration-holdout': (dialect) =>
    calibrationHoldoutSql({
      dialect,
      ...orders,
      calibrationEnd: '2024-03-31',
      observationEnd: '2024-06-30',
      granularity: 'day',
      unit: 'week',
      timeZone: 'America/New_York',
    }),
  'log-check-epoch-ns': (dialect) =>
    logCheckSql({ dialect, ...orders, atType: 'epoch', timeUnit: 'ns' }),
  'log-check-date-zone': (dialect) =>
    logCheckSql({ dialect, ...orders, atType: 'date', timeZone: 'Australia/Sydney' }),
  'customer-counts': (dialect) =>
    customerCountsSql({
      dialect,
      ...orders,
      atType: 'date',
      periodStart: '2024-01-01',
      periodEnd: '2024-03-31',
      activeWithin: 90,
      timeZone: 'America/New_York',
    }),
  'cohorts-month-classic': (dialect) =>
    cohortRetentionSql({ dialect, ...orders, asOf: '2024-06-30', timeZone: 'America/New_York' }),
  'cohorts-week-bracket-revenue': (dialect) =>
    cohortRetentionSql({
      dialect,
      ...orders,
      atType: 'timestamp',
      asOf: '2024-06-30T12:00:00Z',
      granularity: 'week',
      mode: 'bracket',
      brackets: [
        { from: 0, to: 0 },
        { from: 1, to: 4 },
      ],
      measure: 'revenue',
    }),
};

const dir = new URL('../fixtures/sql/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';

function golden(query: SqlQuery): string {
  return `-- params: ${JSON.stringify(query.params)}\n${query.sql}\n`;
}

describe.each(SQL_DIALECTS)('golden SQL text: %s', (dialect) => {
  it.each(Object.keys(QUERIES))('%s', (name) => {
    const query = (QUERIES[name] as (d: SqlDialect) => SqlQuery)(dialect);
    const file = new URL(`${dialect}/${name}.sql`, dir);
    if (update) {
      mkdirSync(new URL(`${dialect}/`, dir), { recursive: true });
      writeFileSync(file, golden(query));
    }
    expect(existsSync(file), `${file.pathname} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(golden(query)).toBe(readFileSync(file, 'utf8'));
    // One value per placeholder, in order.
    const placeholders =
      query.sql.match(dialect === 'duckdb' || dialect === 'postgres' ? /\$\d+/g : /\?/g) ?? [];
    expect(placeholders.length).toBe(query.params.length);
  });
});

describe('Spark SQL does not depend on spark.sql.session.timeZone', () => {
  // Casts between TIMESTAMP (an instant) and DATE, STRING or TIMESTAMP_NTZ, and the functions
  // below, read the session's zone (https://spark.apache.org/docs/latest/sql-ref-datatypes.html,
  // https://spark.apache.org/docs/latest/api/sql/index.html); the generated text uses none of them:
  // instants go to epoch ms with unix_millis, wall clocks stay TIMESTAMP_NTZ, whose arithmetic is
  // in UTC, and zones are converted with convert_timezone(source, target, ntz).
  const ZONED = [
    /AS TIMESTAMP\)/,
    /AS TIMESTAMP_LTZ\)/,
    /\bto_date\(/,
    /\bto_timestamp\(/,
    /\bfrom_utc_timestamp\(/,
    /\bto_utc_timestamp\(/,
    /\btimestamp_millis\(/,
    /\bunix_timestamp\(/,
    /\bcurrent_timezone\(/,
    /\bdate_format\(/,
  ];

  it.each(Object.keys(QUERIES))('%s', (name) => {
    const { sql } = (QUERIES[name] as (d: SqlDialect) => SqlQuery)('spark');
    for (const pattern of ZONED) expect(sql).not.toMatch(pattern);
    // Every zone conversion names both zones: three arguments.
    for (const call of sql.matchAll(/convert_timezone\(([^()]|\([^()]*\))*\)/g)) {
      expect(call[0].split(',').length).toBeGreaterThanOrEqual(3);
    }
  });
});
