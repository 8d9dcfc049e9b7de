/**
 * The summaries, splits, compressed rows, customer counts and cohort tables computed inside
 * DuckDB and PostgreSQL (PGlite) equal, row by row, what the in-memory functions return for the
 * same log and options: money to the cent and beyond (exact decimals), durations exactly, on the
 * CDNOW master log and on a generated log across both 2024 daylight-saving changes of New York.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Boundary, resolveBoundary } from '../../src/core/boundary.js';
import { resolveZone, type Zone } from '../../src/core/time.js';
import {
  type CalibrationHoldoutSummary,
  type CohortTable,
  type CustomerSummary,
  calibrationHoldoutSummary,
  cohortRetention,
  compressSummaries,
  customerCounts,
  summarizeTransactions,
} from '../../src/index.js';
import { logCheckSql, readLogCheckRows } from '../../src/sql/check.js';
import { cohortRetentionSql, readCohortRows } from '../../src/sql/cohorts.js';
import { customerCountsSql, readCustomerCountsRows } from '../../src/sql/counts.js';
import {
  readCalibrationHoldoutRows,
  readSummaryRows,
  readWeightedRows,
} from '../../src/sql/read.js';
import type { SqlLogOptions } from '../../src/sql/source.js';
import { calibrationHoldoutSql, compressedSummarySql, summarySql } from '../../src/sql/summary.js';
import type { SqlRow } from '../../src/sql/values.js';
import { thrown } from '../support/errors.js';
import {
  dialectOfEngine,
  duckdb,
  ENGINE_NAMES,
  type Engine,
  postgres,
  postgresServer,
} from './engines.js';
import {
  CDNOW_TABLE,
  cdnow,
  DST_TABLE,
  type DstRow,
  dstLog,
  HOSTILE_ID,
  type LogRow,
  localMidnight,
  plain,
  rowInstant,
} from './logs.js';
import { checkZoneScenario, ZONE_TABLE, zoneScenario } from './zones.js';

type Options = {
  readonly asOf: string;
  readonly granularity: 'day' | 'week' | 'month' | 'none';
  readonly unit: 'day' | 'week' | 'month' | number;
  readonly timeZone: string;
};

/**
 * `summarizeTransactions` under the conventions of docs/conventions.md: the rows before asOf's
 * end, and with `'none'` durations measured to asOf's `at` (the next local day's first instant
 * for a date-only asOf).
 */
function inMemory(rows: readonly LogRow[], options: Options): CustomerSummary[] {
  const zone = resolveZone(options.timeZone) as Zone;
  const boundary = resolveBoundary(options.asOf, zone, 'ms');
  if (boundary === undefined) throw new Error('bad asOf');
  const kept = rows.filter((row) => rowInstant(row.at, zone) < boundary.end);
  const asOf = options.granularity === 'none' ? new Date(boundary.at) : options.asOf;
  return summarizeTransactions(kept, { ...options, asOf, form: 'rows' });
}

/** Compares two long lists: their lengths, then the first differing row. */
function expectSameRows<T>(actual: readonly T[], expected: readonly T[]): void {
  expect(actual.length).toBe(expected.length);
  const differs = actual.findIndex((row, i) => JSON.stringify(row) !== JSON.stringify(expected[i]));
  if (differs >= 0) expect(actual[differs]).toEqual(expected[differs]);
  expect(differs).toBe(-1);
}

const cdnowLog = cdnow();
const dst = dstLog();

/** The DST log in memory, with `at` in the form the SQL column of `column` names. */
function dstRows(column: 'at' | 'ts' | 'd' | 'us' | 'ns' | 's' | 'ms'): LogRow[] {
  return dst.rows.map((row: DstRow) => ({
    customerId: row.customerId,
    at: column === 'd' ? row.date : new Date(column === 's' ? row.sMs : row.ms),
    amount: row.amount,
  }));
}

const engines: Engine[] = [];

beforeAll(async () => {
  const socket = process.env.PG_SOCKET;
  const makers = [duckdb, postgres];
  if (socket) makers.push(() => postgresServer(socket));
  for (const make of makers) {
    const engine = await make();
    await engine.exec(CDNOW_TABLE);
    await engine.load('cdnow', cdnowLog.csv);
    await engine.exec(DST_TABLE);
    await engine.load('dst', dst.csv);
    await engine.exec(ZONE_TABLE);
    engines.push(engine);
  }
}, 120_000);

afterAll(async () => {
  for (const engine of engines) await engine.close();
});

const cdnowSource = (column: 'day' | 'at') =>
  ({
    table: 'cdnow',
    columns: { customerId: 'customer_id', at: column, amount: 'amount' },
    atType: column === 'day' ? 'date' : 'timestamptz',
  }) as const;

/**
 * CDNOW cases; PostgreSQL in WebAssembly takes seconds per pass over CDNOW, so it runs the first
 * two (a PostgreSQL server runs them all).
 */
const CDNOW_CASES: { column: 'day' | 'at'; options: Options; engines: readonly string[] }[] = [
  {
    column: 'day',
    engines: ['duckdb', 'postgres'],
    options: { asOf: '1998-06-30', granularity: 'day', unit: 'day', timeZone: 'America/New_York' },
  },
  {
    column: 'at',
    engines: ['duckdb', 'postgres'],
    options: { asOf: '1997-09-30', granularity: 'month', unit: 'month', timeZone: 'UTC' },
  },
  {
    column: 'day',
    engines: ['duckdb'],
    options: {
      asOf: '1998-06-30',
      granularity: 'week',
      unit: 'week',
      timeZone: 'America/New_York',
    },
  },
  {
    column: 'day',
    engines: ['duckdb'],
    options: { asOf: '19980630', granularity: 'month', unit: 'day', timeZone: '+05:30' },
  },
];

/** In-memory results, computed once for both engines. */
const memo = new Map<string, CustomerSummary[]>();
function expectedOf(log: string, rows: readonly LogRow[], options: Options): CustomerSummary[] {
  const key = JSON.stringify([log, options]);
  let value = memo.get(key);
  if (value === undefined) {
    value = inMemory(rows, options);
    memo.set(key, value);
  }
  return value;
}

type DstColumn = 'at' | 'ts' | 'd' | 'us' | 'ns' | 's' | 'ms';

const DST_SOURCES: Record<DstColumn, Pick<SqlLogOptions, 'atType' | 'timeUnit'>> = {
  at: { atType: 'timestamptz' },
  ts: { atType: 'timestamp' },
  d: { atType: 'date' },
  ms: { atType: 'epoch', timeUnit: 'ms' },
  us: { atType: 'epoch', timeUnit: 'us' },
  ns: { atType: 'epoch', timeUnit: 'ns' },
  s: { atType: 'epoch', timeUnit: 's' },
};

const NY = 'America/New_York';
const DST_CASES: { column: DstColumn; options: Options }[] = [
  { column: 'at', options: { asOf: '2024-11-05', granularity: 'day', unit: 'day', timeZone: NY } },
  {
    column: 'ts',
    options: { asOf: '2024-11-03T06:30:00.000Z', granularity: 'week', unit: 'day', timeZone: NY },
  },
  {
    column: 'us',
    options: { asOf: '2024-11-05', granularity: 'month', unit: 'week', timeZone: NY },
  },
  { column: 's', options: { asOf: '2024-11-05', granularity: 'none', unit: 'day', timeZone: NY } },
  { column: 'd', options: { asOf: '2024-11-03', granularity: 'day', unit: 'week', timeZone: NY } },
  {
    column: 'd',
    options: { asOf: '2024-10-31', granularity: 'month', unit: 'day', timeZone: '+05:30' },
  },
  { column: 'ns', options: { asOf: '2024-03-10', granularity: 'day', unit: 7, timeZone: NY } },
  {
    column: 'ms',
    options: {
      asOf: '2024-03-10T06:59:59.999Z',
      granularity: 'none',
      unit: 'week',
      timeZone: '-03:00',
    },
  },
  {
    column: 'at',
    options: { asOf: '2024-11-30', granularity: 'month', unit: 'month', timeZone: 'Europe/Berlin' },
  },
];

describe.each(ENGINE_NAMES)('summarySql on %s', { timeout: 60_000 }, (name) => {
  const engine = () => engines.find((e) => e.name === name) as Engine;

  it.each(CDNOW_CASES.filter((c) => name === 'postgres-server' || c.engines.includes(name)))(
    'CDNOW, $column, $options.granularity/$options.unit in $options.timeZone, asOf $options.asOf',
    async ({ column, options }) => {
      const rows = await engine().run(
        summarySql({ dialect: dialectOfEngine(name), ...cdnowSource(column), ...options }),
      );
      const expected = expectedOf(`cdnow-${column}`, cdnowLog.rows, options);
      expect(expected.length).toBeGreaterThan(2000);
      expectSameRows(plain(readSummaryRows(rows)), plain(expected));
    },
  );

  it.each(DST_CASES)(
    'DST log, $column, $options.granularity/$options.unit in $options.timeZone, asOf $options.asOf',
    async ({ column, options }) => {
      const source = {
        table: 'dst',
        columns: { customerId: 'customer_id', at: column, amount: 'amount' },
        ...DST_SOURCES[column],
      };
      const rows = await engine().run(
        summarySql({ dialect: dialectOfEngine(name), ...source, ...options }),
      );
      const expected = expectedOf(`dst-${column}`, dstRows(column), options);
      expect(expected.length).toBeGreaterThan(100);
      expect(expected.some((s) => s.customerId === HOSTILE_ID)).toBe(true);
      expectSameRows(plain(readSummaryRows(rows)), plain(expected));
    },
  );

  it('a floating-point amount column summed exactly with amountScale', async () => {
    const options: Options = {
      asOf: '2024-11-25',
      granularity: 'week',
      unit: 'week',
      timeZone: NY,
    };
    const source = {
      table: 'dst',
      columns: { customerId: 'customer_id', at: 'at', amount: 'amount_f' },
      amountScale: 2,
    };
    const rows = await engine().run(
      summarySql({ dialect: dialectOfEngine(name), ...source, ...options }),
    );
    expectSameRows(
      plain(readSummaryRows(rows)),
      plain(expectedOf('dst-at', dstRows('at'), options)),
    );
  });

  it('compressed rows equal compressSummaries of the summaries', async () => {
    const options: Options = {
      asOf: '1998-06-30',
      granularity: 'day',
      unit: 'week',
      timeZone: 'UTC',
    };
    const rows = await engine().run(
      compressedSummarySql({ dialect: dialectOfEngine(name), ...cdnowSource('day'), ...options }),
    );
    const expected = compressSummaries(expectedOf('cdnow-day', cdnowLog.rows, options));
    expect(expected.length).toBeGreaterThan(1000);
    expect(readWeightedRows(rows)).toEqual(expected);
  });

  it.each([
    {
      log: 'cdnow',
      granularity: 'day',
      unit: 'week',
      calibrationEnd: '1997-09-30',
      observationEnd: '1998-06-30',
      timeZone: 'UTC',
    },
    {
      log: 'dst',
      granularity: 'week',
      unit: 'week',
      calibrationEnd: '2024-09-29',
      observationEnd: '2024-11-03',
      timeZone: NY,
    },
    {
      log: 'dst',
      granularity: 'none',
      unit: 'day',
      calibrationEnd: '2024-03-10T06:30:00Z',
      observationEnd: '2024-11-03',
      timeZone: NY,
    },
  ] as const)(
    'calibration/holdout split of $log, $granularity/$unit, $calibrationEnd → $observationEnd',
    async ({ log, ...options }) => {
      const source =
        log === 'cdnow'
          ? cdnowSource('day')
          : { table: 'dst', columns: { customerId: 'customer_id', at: 'at', amount: 'amount' } };
      const rows = await engine().run(
        calibrationHoldoutSql({ dialect: dialectOfEngine(name), ...source, ...options }),
      );
      const actual = readCalibrationHoldoutRows(rows);
      // The in-memory split over the rows before observationEnd's end (the conventions' window);
      // with 'none', durations run to the end's `at`, an instant.
      const zone = resolveZone(options.timeZone) as Zone;
      const end = resolveBoundary(options.observationEnd, zone, 'ms') as Boundary;
      const logRows = log === 'cdnow' ? cdnowLog.rows : dstRows('at');
      const kept = logRows.filter((row) => rowInstant(row.at, zone) < end.end);
      const expected = calibrationHoldoutSummary(
        kept,
        options.granularity === 'none' ? { ...options, observationEnd: new Date(end.at) } : options,
      );
      expect(expected.customers.length).toBeGreaterThan(100);
      // CDNOW's customers all started in 1997's first quarter; the DST log's by March.
      expect(expected.customersFirstSeenInHoldout > 0).toBe(options.granularity === 'none');
      expect(actual.customersFirstSeenInHoldout).toBe(expected.customersFirstSeenInHoldout);
      expect(actual.rowsAfterObservationEnd).toBe(logRows.length - kept.length);
      const withHoldout = (c: CalibrationHoldoutSummary) => ({
        ...plain([c])[0],
        frequencyHoldout: c.frequencyHoldout,
        durationHoldout: c.durationHoldout,
      });
      expectSameRows(actual.customers.map(withHoldout), expected.customers.map(withHoldout));
    },
  );
});

describe.each(ENGINE_NAMES)('customerCountsSql on %s', { timeout: 60_000 }, (name) => {
  const engine = () => engines.find((e) => e.name === name) as Engine;

  it('CDNOW, instants at noon (no purchase on a window edge)', async () => {
    const options = {
      periodStart: '1997-06-30T12:00:00Z',
      periodEnd: '1998-03-31T12:00:00Z',
      activeWithin: 90,
    };
    const rows = await engine().run(
      customerCountsSql({ dialect: dialectOfEngine(name), ...cdnowSource('day'), ...options }),
    );
    const expected = customerCounts(cdnowLog.rows, options);
    expect(expected.startCustomers).toBeGreaterThan(1000);
    expect(expected.reactivatedCustomers).toBeGreaterThan(100);
    expect(readCustomerCountsRows(rows)).toEqual(expected);
  });

  it('DST log, date-only boundaries in New York, purchases at the edges', async () => {
    // Active at a boundary b = purchased in [b − w, b): S at 2024-03-10T05:00Z (a New York
    // midnight with a purchase on it), E at 2024-11-04T05:00Z.
    expect(localMidnight('2024-03-10', NY)).toBe(Date.parse('2024-03-10T05:00:00Z'));
    const rows = await engine().run(
      customerCountsSql({
        dialect: dialectOfEngine(name),
        table: 'dst',
        columns: { customerId: 'customer_id', at: 'at', amount: 'amount' },
        periodStart: '2024-03-10',
        periodEnd: '2024-11-03',
        activeWithin: 30,
        timeZone: NY,
      }),
    );
    const expected = customerCounts(dstRows('at'), {
      periodStart: '2024-03-10',
      periodEnd: '2024-11-03',
      activeWithin: 30,
      timeZone: NY,
    });
    expect(expected.startCustomers).toBeGreaterThan(100);
    expect(readCustomerCountsRows(rows)).toEqual(expected);
  });
});

/** A cohort table with its Decimals as strings and its instant in ms. */
function plainTable(table: CohortTable) {
  return JSON.parse(JSON.stringify(table));
}

describe.each(ENGINE_NAMES)('cohortRetentionSql on %s', { timeout: 60_000 }, (name) => {
  const engine = () => engines.find((e) => e.name === name) as Engine;

  it.each([
    {
      log: 'cdnow',
      asOf: '1998-06-30',
      granularity: 'month',
      mode: 'classic',
      measure: 'customers',
      timeZone: 'UTC',
    },
    {
      log: 'cdnow',
      asOf: '1997-12-15',
      granularity: 'week',
      mode: 'rolling',
      measure: 'revenue',
      timeZone: NY,
    },
    {
      log: 'dst',
      asOf: '2024-11-03',
      granularity: 'week',
      mode: 'rolling',
      measure: 'customers',
      timeZone: NY,
    },
    {
      log: 'dst',
      asOf: '2024-11-03T06:30:00Z',
      granularity: 'day',
      mode: 'classic',
      measure: 'revenue',
      timeZone: NY,
    },
    {
      log: 'dst',
      asOf: '2024-10-31',
      granularity: 'month',
      mode: 'bracket',
      brackets: [
        { from: 0, to: 0 },
        { from: 1, to: 2 },
        { from: 4, to: 5 },
      ],
      measure: 'customers',
      timeZone: 'Europe/Berlin',
    },
  ] as const)(
    '$log, $granularity cohorts, $mode $measure, asOf $asOf in $timeZone',
    async ({ log, granularity, ...options }) => {
      const source =
        log === 'cdnow'
          ? cdnowSource('day')
          : { table: 'dst', columns: { customerId: 'customer_id', at: 'at', amount: 'amount' } };
      const sqlOptions = {
        dialect: dialectOfEngine(name),
        ...source,
        granularity,
        ...options,
      } as const;
      const rows = await engine().run(cohortRetentionSql(sqlOptions));
      const logRows = log === 'cdnow' ? cdnowLog.rows : dstRows('at');
      const expected = cohortRetention(logRows, { granularity, ...options });
      expect(expected.cohorts.length).toBeGreaterThanOrEqual(3);
      expect(plainTable(readCohortRows(rows, sqlOptions))).toEqual(plainTable(expected));
    },
  );
});

describe.each(ENGINE_NAMES)('hostile names and values on %s', (name) => {
  const engine = () => engines.find((e) => e.name === name) as Engine;
  const table = 'orders"; DROP TABLE dst; --';
  const columns = { customerId: "cust'id", at: 'at" --', amount: 'amount);' };
  const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

  it('are quoted identifiers and parameters: the query reads the table and drops nothing', async () => {
    const e = engine();
    await e.exec(
      `CREATE SCHEMA IF NOT EXISTS ${quoted('my.schema')}; CREATE TABLE ${quoted('my.schema')}.${quoted(table)} (${quoted(columns.customerId)} VARCHAR, ${quoted(columns.at)} TIMESTAMPTZ, ${quoted(columns.amount)} DECIMAL(12, 2))`,
    );
    const csvField = quoted(HOSTILE_ID);
    const csv = `a,b,c\n${csvField},2024-01-01T10:00:00Z,1.50\n${csvField},2024-01-03T10:00:00Z,2.25\n'; DELETE FROM dst; --,2024-01-02T10:00:00Z,3\n`;
    await e.load(`${quoted('my.schema')}.${quoted(table)}`, csv);
    const query = summarySql({
      dialect: dialectOfEngine(name),
      table: ['my.schema', table],
      columns,
      asOf: '2024-01-03',
      timeZone: 'Europe/Paris',
    });
    expect(query.params).toContain('Europe/Paris');
    expect(query.sql).not.toContain('Europe/Paris');
    const summaries = readSummaryRows(await e.run(query));
    expect(summaries.map((s) => [s.customerId, s.orders, s.totalRevenue.toString()])).toEqual([
      ["'; DELETE FROM dst; --", 1, '3'],
      [HOSTILE_ID, 2, '3.75'],
    ]);
    const [count] = await e.run({ sql: 'SELECT COUNT(*) AS n FROM dst', params: [] });
    expect(Number(count?.n)).toBe(dst.rows.length);
  });
});

describe.each(ENGINE_NAMES)('logCheckSql on %s', (name) => {
  const engine = () => engines.find((e) => e.name === name) as Engine;

  it('passes the DST log in every time column, and counts the problems of a bad table', async () => {
    for (const column of ['at', 'ts', 'd', 'ms', 'us', 'ns', 's'] as const) {
      const source = {
        table: 'dst',
        columns: { customerId: 'customer_id', at: column, amount: 'amount' },
        ...DST_SOURCES[column],
      };
      const check = readLogCheckRows(
        await engine().run(
          logCheckSql({ dialect: dialectOfEngine(name), ...source, timeZone: NY }),
        ),
      );
      expect(check).toEqual({ rows: dst.rows.length });
    }
    const e = engine();
    await e.exec('CREATE TABLE bad (id INTEGER, ms BIGINT, amount DECIMAL(8, 2))');
    await e.exec(
      'INSERT INTO bad VALUES (1, 1719792000000, 1.00), (NULL, 1719792000000, 2.00), (3, NULL, 3.00), (4, 1719792000, 4.00), (5, 1719792000000, NULL), (6, 1719792000000, -6.00), (NULL, NULL, NULL)',
    );
    const query = logCheckSql({
      dialect: dialectOfEngine(name),
      table: 'bad',
      columns: { customerId: 'id', at: 'ms', amount: 'amount' },
      atType: 'epoch',
    });
    const result = await e.run(query);
    const error = thrown(() => readLogCheckRows(result));
    expect(error.message).toContain(
      '2 rows without a customer id, 2 rows without a time, 1 row with a time outside',
    );
    const [counts] = result;
    expect(
      Object.fromEntries(Object.entries(counts ?? {}).map(([k, v]) => [k, Number(v)])),
    ).toEqual({
      rows: 7,
      missingCustomerId: 2,
      missingAt: 2,
      implausibleAt: 1,
      missingAmount: 2,
      negativeAmount: 1,
    });
  });
});

describe.each(ENGINE_NAMES)('quarters and years on %s (hand-computed)', (name) => {
  const engine = () => engines.find((e) => e.name === name) as Engine;
  const source = {
    table: 'quarters',
    columns: { customerId: 'id', at: 'day', amount: 'amount' },
    atType: 'date',
  } as const;

  it('quarter orders and cohorts, whole quarters as the unit', async () => {
    const e = engine();
    await e.exec('CREATE TABLE quarters (id VARCHAR, day DATE, amount DECIMAL(8, 2))');
    await e.exec(
      "INSERT INTO quarters VALUES ('a', DATE '2024-01-15', 10), ('a', DATE '2024-04-02', 20), ('b', DATE '2024-02-10', 5), ('c', DATE '2024-05-05', 8), ('c', DATE '2024-10-01', 1)",
    );
    // a: Q1 and Q2 (2 orders, recency 1 quarter, T = Q3 − Q1 = 2); b: Q1 (T 2); c: Q2 (T 1);
    // c's October purchase is after asOf.
    const summaries = readSummaryRows(
      await e.run(
        summarySql({
          dialect: dialectOfEngine(name),
          ...source,
          asOf: '2024-09-30',
          granularity: 'quarter',
          unit: 'quarter',
        }),
      ),
    );
    expect(
      summaries.map((s) => [s.customerId, s.orders, s.recency, s.T, s.monetaryValue.toString()]),
    ).toEqual([
      ['a', 2, 1, 2, '20'],
      ['b', 1, 0, 2, '0'],
      ['c', 1, 0, 1, '0'],
    ]);
    // Years, in days: every purchase is in 2024, so T = 0 whatever the day.
    const years = readSummaryRows(
      await e.run(
        summarySql({
          dialect: dialectOfEngine(name),
          ...source,
          asOf: '2024-09-30',
          granularity: 'year',
          unit: 'day',
        }),
      ),
    );
    expect(years.map((s) => [s.orders, s.T])).toEqual([
      [1, 0],
      [1, 0],
      [1, 0],
    ]);
    // Cohorts: Q1 = a, b; Q2 = c. asOf 2024-09-30 completes Q3 (index 218), not Q4 (219).
    const options = {
      dialect: dialectOfEngine(name),
      ...source,
      asOf: '2024-09-30',
      granularity: 'quarter',
    } as const;
    const table = readCohortRows(await e.run(cohortRetentionSql(options)), options);
    expect(table.columns).toEqual(['k=0', 'k=1', 'k=2']);
    expect(table.cohorts.map((c) => [c.cohort, c.size, c.values, c.rates.map(String)])).toEqual([
      ['2024-01-01', 2, [2, 1, 0], ['1', '0.5', '0']],
      ['2024-04-01', 1, [1, 0, null], ['1', '0', 'null']],
    ]);
  });
});

describe.each(ENGINE_NAMES)('amounts beyond the cent on %s', (name) => {
  const engine = () => engines.find((e) => e.name === name) as Engine;

  it('four-decimal amounts: exact sums and means equal to summarizeTransactions', async () => {
    const e = engine();
    await e.exec(
      'CREATE TABLE fine (id INTEGER, at TIMESTAMPTZ, amount DECIMAL(20, 4))'.replace(
        ' at ',
        ' "at" ',
      ),
    );
    const log = [
      { customerId: 1, at: '2024-01-01T10:00:00Z', amount: '0.0001' },
      { customerId: 1, at: '2024-01-02T10:00:00Z', amount: '10.0005' },
      { customerId: 1, at: '2024-01-03T10:00:00Z', amount: '3.3333' },
      { customerId: 2, at: '2024-01-01T10:00:00Z', amount: '99999999.9999' },
      { customerId: 2, at: '2024-01-05T10:00:00Z', amount: '0.01' },
      { customerId: 3, at: '2024-01-04T10:00:00Z', amount: '7' },
    ];
    await e.load(
      'fine',
      `id,at,amount\n${log.map((r) => `${r.customerId},${r.at},${r.amount}`).join('\n')}\n`,
    );
    const options = {
      asOf: '2024-01-05',
      unit: 'day',
      granularity: 'day',
      timeZone: 'UTC',
    } as const;
    const rows = await e.run(
      summarySql({
        dialect: dialectOfEngine(name),
        table: 'fine',
        columns: { customerId: 'id', at: 'at', amount: 'amount' },
        ...options,
      }),
    );
    const actual = plain(readSummaryRows(rows));
    expect(actual.map((s) => s.monetaryValue)).toEqual(['6.6669', '0.01', '0']);
    expect(actual).toEqual(plain(summarizeTransactions(log, { ...options, form: 'rows' })));
  });
});

describe.each(ENGINE_NAMES)('a table whose rows are all after the end on %s', (name) => {
  const engine = () => engines.find((e) => e.name === name) as Engine;
  const source = {
    table: 'late',
    columns: { customerId: 'id', at: 'day', amount: 'amount' },
    atType: 'date',
  } as const;
  // Three purchases in July 2024; every end below is in June.
  const log = [
    { customerId: 'a', at: '2024-07-01', amount: '5.00' },
    { customerId: 'a', at: '2024-07-09', amount: '7.00' },
    { customerId: 'b', at: '2024-07-02', amount: '1.50' },
  ];

  it('raises EMPTY_INPUT with the row count, as the in-memory functions do; an empty table reads as empty', async () => {
    const e = engine();
    await e.exec('CREATE TABLE late (id VARCHAR, day DATE, amount DECIMAL(8, 2))');
    await e.exec('CREATE TABLE nothing (id VARCHAR, day DATE, amount DECIMAL(8, 2))');
    await e.exec(
      `INSERT INTO late VALUES ${log.map((r) => `('${r.customerId}', DATE '${r.at}', ${r.amount})`).join(', ')}`,
    );
    const asOf = { asOf: '2024-06-30', timeZone: NY } as const;
    const split = { calibrationEnd: '2024-05-31', observationEnd: '2024-06-30' } as const;
    const counts = { periodStart: '2024-06-01', periodEnd: '2024-06-30', activeWithin: 30 };
    const cases = [
      {
        memory: (l: typeof log) => summarizeTransactions(l, asOf),
        sql: (table: string) =>
          summarySql({ dialect: dialectOfEngine(name), ...source, table, ...asOf }),
        read: (rows: SqlRow[]) => readSummaryRows(rows),
        end: 'asOf',
      },
      {
        memory: (l: typeof log) =>
          compressSummaries(summarizeTransactions(l, { ...asOf, form: 'rows' })),
        sql: (table: string) =>
          compressedSummarySql({ dialect: dialectOfEngine(name), ...source, table, ...asOf }),
        read: (rows: SqlRow[]) => readWeightedRows(rows),
        end: 'asOf',
      },
      {
        memory: (l: typeof log) => calibrationHoldoutSummary(l, split),
        sql: (table: string) =>
          calibrationHoldoutSql({ dialect: dialectOfEngine(name), ...source, table, ...split }),
        read: (rows: SqlRow[]) => readCalibrationHoldoutRows(rows),
        end: 'observationEnd',
      },
      {
        memory: (l: typeof log) => customerCounts(l, counts),
        sql: (table: string) =>
          customerCountsSql({ dialect: dialectOfEngine(name), ...source, table, ...counts }),
        read: (rows: SqlRow[]) => readCustomerCountsRows(rows),
        end: 'periodEnd',
      },
      {
        memory: (l: typeof log) => cohortRetention(l, asOf),
        sql: (table: string) =>
          cohortRetentionSql({ dialect: dialectOfEngine(name), ...source, table, ...asOf }),
        read: (rows: SqlRow[]) =>
          readCohortRows(rows, { dialect: dialectOfEngine(name), ...source, ...asOf }),
        end: 'asOf',
      },
    ];
    for (const c of cases) {
      const expected = thrown(() => c.memory(log));
      expect(expected.code).toBe('EMPTY_INPUT');
      expect(expected.message).toContain(`all 3 rows of the log are after ${c.end}`);
      const rows = await e.run(c.sql('late'));
      const actual = thrown(() => c.read(rows));
      expect(actual.code).toBe('EMPTY_INPUT');
      expect(actual.message).toContain(`all 3 rows of the table are after ${c.end}`);
      // An empty table is an empty log: no error, and the same empty result.
      const empty = c.read(await e.run(c.sql('nothing')));
      expect(JSON.parse(JSON.stringify(empty))).toEqual(JSON.parse(JSON.stringify(c.memory([]))));
    }
    // One row before the end is enough: no marker, the summary of that row.
    await e.exec("INSERT INTO late VALUES ('c', DATE '2024-06-30', 2.00)");
    const rows = await e.run(summarySql({ dialect: dialectOfEngine(name), ...source, ...asOf }));
    expect(rows.length).toBe(1);
    expect(readSummaryRows(rows).map((s) => s.customerId)).toEqual(['c']);
  });
});

describe.each(ENGINE_NAMES)('the first instant of a date in SQL on %s (hand-computed)', (name) => {
  const engine = () => engines.find((e) => e.name === name) as Engine;

  it('America/Havana 2024-11-03 begins at the first of its two midnights', async () => {
    // Rule Cuba 2012 max - Nov Sun>=1 0:00s 0 S: at 01:00 −4 (05:00Z) the clocks went back to
    // 00:00 −5. The 3rd began at 00:00 −4 = 04:00Z and ended at 00:00 −5 on the 4th = 05:00Z:
    // 25 hours, one calendar day. The engines read the local midnight as the later one (05:00Z).
    const e = engine();
    await e.exec('CREATE TABLE havana (id VARCHAR, day DATE, amount DECIMAL(8, 2))');
    await e.exec("INSERT INTO havana VALUES ('a', DATE '2024-11-03', 10)");
    const [a] = readSummaryRows(
      await e.run(
        summarySql({
          dialect: dialectOfEngine(name),
          table: 'havana',
          columns: { customerId: 'id', at: 'day', amount: 'amount' },
          atType: 'date',
          asOf: '2024-11-03',
          granularity: 'none',
          unit: 'day',
          timeZone: 'America/Havana',
        }),
      ),
    );
    expect(a?.firstPurchaseAt.toISOString()).toBe('2024-11-03T04:00:00.000Z');
    // T: from the day's first instant to the end of asOf, the whole 25-hour day = 1 day
    expect(a?.T).toBe(1);
  });
});

describe.each(ENGINE_NAMES)('a date the zone skipped, in SQL on %s (hand-computed)', (name) => {
  const engine = () => engines.find((e) => e.name === name) as Engine;

  it('Pacific/Kiritimati 1994-12-31 is 1995-01-01: one order, in 1995', async () => {
    // Zone Pacific/Kiritimati -10:00 - -10 1994 Dec 31, then 14:00: at 1994-12-31 00:00 −10
    // (10:00Z) the clocks went to 1995-01-01 00:00 +14. The date 1994-12-31 never began: it is
    // where 1995-01-01 begins, so both rows are one order of 1 + 2 = 3, in the year 1995 (T = 0:
    // asOf 1995-01-05 is in the same year); a DATE column's own year would say two orders.
    const e = engine();
    await e.exec('CREATE TABLE kiritimati (id VARCHAR, day DATE, amount DECIMAL(8, 2))');
    await e.exec(
      "INSERT INTO kiritimati VALUES ('a', DATE '1994-12-31', 1), ('a', DATE '1995-01-01', 2)",
    );
    const options = {
      asOf: '1995-01-05',
      granularity: 'year',
      unit: 'day',
      timeZone: 'Pacific/Kiritimati',
    } as const;
    const [a] = readSummaryRows(
      await e.run(
        summarySql({
          dialect: dialectOfEngine(name),
          table: 'kiritimati',
          columns: { customerId: 'id', at: 'day', amount: 'amount' },
          atType: 'date',
          ...options,
        }),
      ),
    );
    expect([a?.orders, a?.T, a?.totalRevenue.toString()]).toEqual([1, 0, '3']);
    const log = [
      { customerId: 'a', at: '1994-12-31', amount: '1' },
      { customerId: 'a', at: '1995-01-01', amount: '2' },
    ];
    const [expected] = summarizeTransactions(log, { ...options, form: 'rows' });
    expect(plain([a as CustomerSummary])).toEqual(plain([expected as CustomerSummary]));
  });
});

describe.each(ENGINE_NAMES)('epoch numbers below the millisecond on %s (hand-computed)', (name) => {
  const engine = () => engines.find((e) => e.name === name) as Engine;

  it('999,999 ns past a millisecond are truncated, not rounded up', async () => {
    // 1,725,767,999,000,999,999 ns = 1,725,767,999,000 ms (2024-09-08T03:59:59.000Z) and
    // 999,999 ns; in µs, 1,725,767,999,000,999 = 1,725,767,999,000 ms and 999 µs.
    const e = engine();
    await e.exec('CREATE TABLE below_ms (id VARCHAR, us BIGINT, ns BIGINT, amount DECIMAL(8, 2))');
    await e.exec("INSERT INTO below_ms VALUES ('a', 1725767999000999, 1725767999000999999, 1)");
    for (const unit of ['us', 'ns'] as const) {
      const [a] = readSummaryRows(
        await e.run(
          summarySql({
            dialect: dialectOfEngine(name),
            table: 'below_ms',
            columns: { customerId: 'id', at: unit, amount: 'amount' },
            atType: 'epoch',
            timeUnit: unit,
            asOf: '2024-09-08',
            timeZone: 'America/Santiago',
          }),
        ),
      );
      expect(a?.firstPurchaseAt.toISOString(), unit).toBe('2024-09-08T03:59:59.000Z');
    }
  });
});

describe('around unusual days of unusual zones (property, test/sql/zones.ts)', () => {
  it('summaries, customer counts and cohorts equal the in-memory functions', async () => {
    await fc.assert(
      fc.asyncProperty(zoneScenario, (s) => checkZoneScenario(engines, s)),
      { numRuns: 12 },
    );
  });
});
