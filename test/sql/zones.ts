/**
 * A property of test/sql/engines.test.ts (run there, on its engine connections): in zones whose clocks change at midnight, by half an hour or 45 minutes, skipped a
 * whole day, or kept local mean times with seconds, the SQL of summaries, customer counts and
 * cohorts computed in DuckDB and PostgreSQL (PGlite) equals the in-memory functions for small
 * random logs around those days: dates (a DATE column) or instants (TIMESTAMPTZ, or epoch
 * microseconds or nanoseconds with digits below the millisecond from 1971 on), date-only or
 * instant boundaries, each granularity.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { resolveBoundary } from '../../src/core/boundary.js';
import { RetentionMetricsError } from '../../src/core/errors.js';
import { MS_PER_DAY, resolveZone, startOfLocalDay, type Zone } from '../../src/core/time.js';
import { cohortRetention, customerCounts, summarizeTransactions } from '../../src/index.js';
import { cohortRetentionSql, readCohortRows } from '../../src/sql/cohorts.js';
import { customerCountsSql, readCustomerCountsRows } from '../../src/sql/counts.js';
import { readSummaryRows } from '../../src/sql/read.js';
import { summarySql } from '../../src/sql/summary.js';
import { dialectOfEngine, type Engine } from './engines.js';
import { plain, rowInstant } from './logs.js';

/** Zones and days where their clocks did something unusual (the day of or after a change). */
const DAYS: readonly (readonly [string, string])[] = [
  ['America/Santiago', '2024-09-08'], // 00:00 → 01:00
  ['America/Santiago', '2024-04-07'], // 24:00 → 23:00 on the 6th
  ['America/Santiago', '1910-01-10'], // −4:42:45 → −5 at 00:00
  ['America/Asuncion', '2024-10-06'],
  ['America/Havana', '2024-11-03'], // 01:00 → 00:00: midnight twice
  ['America/Havana', '2024-03-10'],
  ['Asia/Beirut', '2024-03-31'],
  ['Asia/Beirut', '2024-10-27'],
  ['America/Sao_Paulo', '2018-11-04'],
  ['Asia/Tehran', '2022-03-22'],
  ['Asia/Tehran', '1978-08-05'],
  ['Asia/Gaza', '2016-10-29'],
  ['America/St_Johns', '2010-11-07'], // 00:01 → 23:01 on the 6th
  ['Asia/Damascus', '2012-03-30'],
  ['Australia/Lord_Howe', '2024-10-06'], // 30 minutes
  ['Australia/Eucla', '2008-10-26'], // +8:45
  ['Asia/Kathmandu', '1986-01-01'], // +5:30 → +5:45
  ['Pacific/Apia', '2011-12-31'], // the 30th skipped
  ['Pacific/Kiritimati', '1995-01-01'], // 1994-12-31 skipped
  ['Europe/Moscow', '1916-07-03'], // +2:30:17 → +2:31:19
  ['Asia/Kolkata', '1900-01-12'], // +5:21:10 (the earliest plausible dates)
  ['America/New_York', '2024-01-01'],
  ['+05:45', '2024-12-30'],
  ['-09:30', '2024-12-31'],
];

/** The table the property fills for each run. */
export const ZONE_TABLE =
  'CREATE TABLE zp (customer_id VARCHAR, "at" TIMESTAMPTZ, d DATE, us BIGINT, ns BIGINT, amount DECIMAL(12, 2))';

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A purchase, `days` days from the anchor day: a date, a day's first instant ± a little, or any time. */
const purchase = fc.record({
  customer: fc.constantFrom('a', 'b', 'c'),
  days: fc.integer({ min: -9, max: 9 }),
  kind: fc.constantFrom('edge', 'time'),
  edge: fc.constantFrom(-1000, -1, 0, 1, 1000, 1_800_000, 3_599_999, 3_600_000),
  ms: fc.integer({ min: 0, max: MS_PER_DAY - 1 }),
  cents: fc.integer({ min: 1, max: 99_999 }),
});

const boundary = fc.record({
  days: fc.integer({ min: -6, max: 6 }),
  dateOnly: fc.boolean(),
  edge: fc.constantFrom(-1, 0, 1, 3_600_000, 43_200_000),
});

/** A log around one of {@link DAYS}, its boundaries and options. */
export const zoneScenario = fc.record({
  day: fc.constantFrom(...DAYS),
  dates: fc.boolean(),
  /** The column of instants (epoch columns hold plausible numbers from 1971 only). */
  column: fc.constantFrom('at', 'us', 'ns'),
  /** Digits below the millisecond, truncated when read. */
  below: fc.integer({ min: 0, max: 999 }),
  rows: fc.array(purchase, { minLength: 1, maxLength: 10 }),
  asOf: boundary,
  periodStart: boundary,
  granularity: fc.constantFrom('day', 'week', 'month', 'none'),
  unit: fc.constantFrom('day', 'week'),
  activeWithin: fc.integer({ min: 1, max: 5 }),
});

type Scenario = typeof zoneScenario extends fc.Arbitrary<infer T> ? T : never;

/** The in-memory value, or `undefined` when the function finds nothing to count (EMPTY_INPUT). */
function unlessEmpty<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (error) {
    if (error instanceof RetentionMetricsError && error.code === 'EMPTY_INPUT') return undefined;
    throw error;
  }
}

/**
 * Runs a scenario on each engine (table `zp` created by {@link ZONE_TABLE}) and compares with the
 * in-memory functions.
 */
export async function checkZoneScenario(engines: readonly Engine[], s: Scenario): Promise<void> {
  const [timeZone, anchor] = s.day;
  const zone = resolveZone(timeZone) as Zone;
  const anchorMs = Date.parse(anchor);
  const dayStart = (days: number) => startOfLocalDay(anchorMs + days * MS_PER_DAY, zone);
  const log = s.rows.map((r, i) => ({
    customerId: r.customer,
    at: s.dates
      ? isoDate(anchorMs + r.days * MS_PER_DAY)
      : new Date(
          r.kind === 'edge' ? dayStart(r.days) + r.edge : anchorMs + r.days * MS_PER_DAY + r.ms,
        ),
    amount: `${Math.floor(r.cents / 100)}.${String(r.cents % 100).padStart(2, '0')}`,
    i,
  }));
  const boundaryValue = (b: Scenario['asOf']) =>
    b.dateOnly ? isoDate(anchorMs + b.days * MS_PER_DAY) : new Date(dayStart(b.days) + b.edge);
  const asOf = boundaryValue(s.asOf);
  const periodStart = boundaryValue(s.periodStart);
  const rows = log.map((r) => ({ customerId: r.customerId, at: r.at, amount: r.amount }));

  const end = resolveBoundary(asOf, zone) as NonNullable<ReturnType<typeof resolveBoundary>>;
  const kept = rows.filter((row) => rowInstant(row.at, zone) < end.end);
  const summaryOptions = { asOf, granularity: s.granularity, unit: s.unit, timeZone } as const;
  const expectedSummaries =
    kept.length === 0
      ? undefined
      : plain(
          summarizeTransactions(kept, {
            ...summaryOptions,
            asOf: s.granularity === 'none' ? new Date(end.at) : asOf,
            form: 'rows',
          }),
        );
  const start = resolveBoundary(periodStart, zone) as NonNullable<
    ReturnType<typeof resolveBoundary>
  >;
  const countOptions =
    start.start < end.start
      ? { periodStart, periodEnd: asOf, activeWithin: s.activeWithin, timeZone }
      : undefined;
  const expectedCounts =
    countOptions === undefined ? undefined : unlessEmpty(() => customerCounts(rows, countOptions));
  const cohortGranularity = s.granularity === 'none' ? 'day' : s.granularity;
  const cohortOptions = { asOf, granularity: cohortGranularity, timeZone } as const;
  const expectedCohorts = unlessEmpty(() => cohortRetention(rows, cohortOptions));

  for (const engine of engines) {
    const dialect = dialectOfEngine(engine.name);
    await engine.exec('DELETE FROM zp');
    const values = log
      .map((r) => {
        if (s.dates)
          return `('${r.customerId}', NULL, DATE '${r.at as string}', NULL, NULL, ${r.amount})`;
        const ms = BigInt((r.at as Date).getTime());
        const us = ms * 1000n + BigInt(s.below);
        return `('${r.customerId}', '${(r.at as Date).toISOString()}', NULL, ${us}, ${us * 1000n + BigInt(s.below)}, ${r.amount})`;
      })
      .join(', ');
    await engine.exec(`INSERT INTO zp VALUES ${values}`);
    const column = s.dates ? 'd' : anchorMs < Date.UTC(1972, 0, 1) ? 'at' : s.column;
    const source = {
      dialect,
      table: 'zp',
      columns: { customerId: 'customer_id', at: column, amount: 'amount' },
      ...(column === 'd'
        ? { atType: 'date' as const }
        : column === 'at'
          ? { atType: 'timestamptz' as const }
          : { atType: 'epoch' as const, timeUnit: column }),
    };
    const what = `${engine.name}, ${column}, ${timeZone} ${anchor}`;
    const result = await engine.run(summarySql({ ...source, ...summaryOptions }));
    // every row after asOf: EMPTY_INPUT, as from summarizeTransactions
    const summaries = unlessEmpty(() => plain(readSummaryRows(result)));
    expect(summaries, `summaries, ${what}`).toEqual(expectedSummaries);
    if (expectedCounts !== undefined && countOptions !== undefined) {
      const counts = readCustomerCountsRows(
        await engine.run(customerCountsSql({ ...source, ...countOptions })),
      );
      expect(counts, `counts, ${what}`).toEqual(expectedCounts);
    }
    if (expectedCohorts !== undefined) {
      const sqlOptions = { ...source, ...cohortOptions };
      const table = readCohortRows(await engine.run(cohortRetentionSql(sqlOptions)), sqlOptions);
      expect(JSON.parse(JSON.stringify(table)), `cohorts, ${what}`).toEqual(
        JSON.parse(JSON.stringify(expectedCohorts)),
      );
    }
  }
}
