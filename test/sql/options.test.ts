/**
 * The options of the SQL functions: what each accepts and refuses, how identifiers are quoted in
 * each dialect, how parameters are numbered, and what the boundaries resolve to (hand-computed
 * instants, from docs/conventions.md).
 */
import { describe, expect, it } from 'vitest';
import {
  calibrationHoldoutSql,
  cohortRetentionSql,
  customerCountsSql,
  SQL_DIALECTS,
  SQL_TIME_TYPES,
  summarySql,
} from '../../src/index.js';
import { dialectOf } from '../../src/sql/dialect.js';
import { expectError } from '../support/errors.js';

const log = {
  dialect: 'duckdb',
  table: 'orders',
  columns: { customerId: 'customer_id', at: 'ordered_at', amount: 'total' },
} as const;

describe('identifiers', () => {
  it('are quoted by each dialect, a quote inside doubled or escaped', () => {
    const name = 'a"b`c\\d';
    expect(dialectOf('duckdb').quote(name)).toBe('"a""b`c\\d"');
    expect(dialectOf('postgres').quote(name)).toBe('"a""b`c\\d"');
    expect(dialectOf('snowflake').quote(name)).toBe('"a""b`c\\d"');
    expect(dialectOf('spark').quote(name)).toBe('`a"b``c\\d`');
    expect(dialectOf('bigquery').quote(name)).toBe('`a"b\\`c\\\\d`');
  });

  it('name parts are quoted one by one, dots and all', () => {
    const { sql } = summarySql({
      ...log,
      table: ['my.project', 'sales', 'orders'],
      asOf: '2024-06-30',
    });
    expect(sql).toContain('FROM "my.project"."sales"."orders"');
    const spark = summarySql({
      ...log,
      dialect: 'spark',
      table: ['sales', 'orders'],
      asOf: '2024-06-30',
    });
    expect(spark.sql).toContain('FROM `sales`.`orders`');
    expect(spark.sql).not.toContain('"');
  });

  it('control characters, empty names and too many parts are refused, naming the field', () => {
    expectError(
      () => summarySql({ ...log, table: '', asOf: '2024-06-30' }),
      'INVALID_INPUT',
      'table',
    );
    expectError(
      () => summarySql({ ...log, columns: { ...log.columns, at: 'a\u0001b' }, asOf: '2024-06-30' }),
      'INVALID_INPUT',
      'columns.at',
    );
    expectError(
      () => summarySql({ ...log, table: ['a', 'b', 'c', 'd', 'e'], asOf: '2024-06-30' }),
      'INVALID_INPUT',
      'table',
    );
  });
});

describe('parameters', () => {
  it('are numbered $1, $2, … in order of appearance for DuckDB and PostgreSQL', () => {
    const { sql, params } = summarySql({
      ...log,
      asOf: '2024-06-30',
      timeZone: 'America/New_York',
      unit: 'week',
    });
    const numbers = [...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(params.map((_, i) => i + 1));
    // The end of observation of the late-rows marker first, then the zone, the end of
    // observation of the log, then the unit and the end point.
    expect(params[0]).toBe(Date.parse('2024-07-01T04:00:00Z'));
    expect(params[1]).toBe('America/New_York');
    expect(params[2]).toBe(Date.parse('2024-07-01T04:00:00Z'));
  });

  it('are ? each with its own value for BigQuery, Snowflake and Spark, a repeated value listed twice', () => {
    const { sql, params } = summarySql({
      ...log,
      dialect: 'snowflake',
      asOf: '2024-06-30',
      timeZone: '+03:00',
    });
    expect(sql.split('?').length - 1).toBe(params.length);
    // Snowflake's exact floor division writes the shifted time twice, and the offset with it.
    expect(params.filter((p) => p === 3 * 3_600_000).length).toBe(2);
  });

  it('exported lists are frozen', () => {
    expect(SQL_DIALECTS).toEqual(['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark']);
    expect(SQL_TIME_TYPES).toEqual(['timestamptz', 'timestamp', 'date', 'epoch']);
    expect(() => (SQL_DIALECTS as string[]).push('mysql')).toThrow(TypeError);
    expect(SQL_DIALECTS).toHaveLength(5);
  });
});

describe('boundaries, as docs/conventions.md defines them', () => {
  it("a date-only asOf in New York ends at the next local day's first instant", () => {
    const { params } = summarySql({ ...log, asOf: '2024-06-30', timeZone: 'America/New_York' });
    expect(params).toContain(Date.parse('2024-07-01T04:00:00Z'));
  });

  it('an instant asOf is included: the end is one millisecond after it', () => {
    const { params } = summarySql({ ...log, asOf: '2024-06-30T15:00:00Z' });
    expect(params).toContain(Date.parse('2024-06-30T15:00:00.001Z'));
  });

  it('numbers and bigints are read in timeUnit', () => {
    const seconds = summarySql({ ...log, asOf: 1_719_759_600, timeUnit: 's' });
    const nanos = summarySql({ ...log, asOf: 1_719_759_600_000_000_000n, timeUnit: 'ns' });
    expect(seconds.params).toContain(Date.parse('2024-06-30T15:00:00.001Z'));
    expect(nanos.params).toEqual(seconds.params);
  });

  it('a number in the wrong unit is refused with the unit it looks like', () => {
    const error = expectError(
      () => summarySql({ ...log, asOf: 1_719_759_600 }),
      'INVALID_INPUT',
      'asOf',
    );
    expect(error.message).toContain("timeUnit: 's'");
  });

  it("customer counts: S from periodStart's first instant, E to periodEnd's exclusive end", () => {
    const { params } = customerCountsSql({
      ...log,
      periodStart: '2024-03-10',
      periodEnd: '2024-11-03',
      activeWithin: 1,
      timeZone: 'America/New_York',
    });
    // end (of the late-rows marker), end, start, start − 1 day, end − 1 day, start: the order of
    // the text; no zone is needed for instants in a TIMESTAMPTZ column. A day is a local day:
    // 2024-11-03 is 25 hours long in New York, its first instant is 04:00Z (daylight time), not
    // 24 hours before the end (05:00Z = 01:00 daylight time).
    expect(params).toEqual([
      Date.parse('2024-11-04T05:00:00Z'),
      Date.parse('2024-11-04T05:00:00Z'),
      Date.parse('2024-03-10T05:00:00Z'),
      Date.parse('2024-03-09T05:00:00Z'),
      Date.parse('2024-11-03T04:00:00Z'),
      Date.parse('2024-03-10T05:00:00Z'),
    ]);
  });
});

describe('bad options', () => {
  it('an unknown dialect, time type, zone or field', () => {
    expectError(
      () => summarySql({ ...log, dialect: 'mysql' as 'duckdb', asOf: '2024-06-30' }),
      'INVALID_INPUT',
      'dialect',
    );
    expectError(
      () => summarySql({ ...log, atType: 'datetime' as 'date', asOf: '2024-06-30' }),
      'INVALID_INPUT',
      'atType',
    );
    expectError(
      () => summarySql({ ...log, timeZone: 'Mars/Olympus', asOf: '2024-06-30' }),
      'INVALID_INPUT',
      'timeZone',
    );
    expectError(
      () => summarySql({ ...log, asOf: '2024-06-30', cohortUnit: 'month' } as never),
      'INVALID_INPUT',
      '',
    );
    expectError(
      () => summarySql({ ...log, asOf: '2024-06-30', amountScale: 2.5 }),
      'INVALID_INPUT',
      'amountScale',
    );
    expectError(() => summarySql({ ...log, asOf: '2024-06-30', unit: 0 }), 'INVALID_INPUT', 'unit');
  });

  it('a holdout in the same period as the calibration end', () => {
    const options = {
      ...log,
      calibrationEnd: '2024-06-03',
      observationEnd: '2024-06-05',
      granularity: 'week',
    } as const;
    expectError(() => calibrationHoldoutSql(options), 'INVALID_INPUT', 'observationEnd');
    expect(() => calibrationHoldoutSql({ ...options, granularity: 'day' })).not.toThrow();
  });

  it('a count period that ends before it starts', () => {
    expectError(
      () =>
        customerCountsSql({
          ...log,
          periodStart: '2024-06-30',
          periodEnd: '2024-06-01T00:00:00Z',
          activeWithin: 30,
        }),
      'INVALID_INPUT',
      'periodEnd',
    );
    expectError(
      () =>
        customerCountsSql({
          ...log,
          periodStart: '2024-06-01',
          periodEnd: '2024-06-30',
          activeWithin: 0,
        }),
      'INVALID_INPUT',
      'activeWithin',
    );
  });

  it("cohort brackets follow cohortRetention's rules", () => {
    const base = { ...log, asOf: '2024-06-30' } as const;
    expectError(
      () => cohortRetentionSql({ ...base, mode: 'bracket' }),
      'INVALID_INPUT',
      'brackets',
    );
    expectError(
      () => cohortRetentionSql({ ...base, brackets: [{ from: 0, to: 1 }] }),
      'INVALID_INPUT',
      'brackets',
    );
    expectError(
      () =>
        cohortRetentionSql({
          ...base,
          mode: 'bracket',
          brackets: [{ from: 0, to: 1 }],
          periods: 3,
        }),
      'INVALID_INPUT',
      'periods',
    );
    expectError(
      () => cohortRetentionSql({ ...base, mode: 'bracket', brackets: [{ from: 2, to: 1 }] }),
      'INVALID_INPUT',
      'brackets[0].to',
    );
    expectError(
      () =>
        cohortRetentionSql({
          ...base,
          mode: 'bracket',
          brackets: [
            { from: 0, to: 2 },
            { from: 2, to: 3 },
          ],
        }),
      'INVALID_INPUT',
      'brackets[1].from',
    );
    expectError(() => cohortRetentionSql({ ...base, periods: 0 }), 'INVALID_INPUT', 'periods');
  });
});
