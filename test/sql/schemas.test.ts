/**
 * The exported options schemas of the SQL functions accept exactly what the functions accept,
 * and give a JSON Schema (toJsonSchema) that is plain JSON and describes boundaries as strings or
 * numbers.
 */

import { describe, expect, it } from 'vitest';
import {
  calibrationHoldoutSql,
  calibrationHoldoutSqlOptionsSchema,
  cohortRetentionSql,
  cohortRetentionSqlOptionsSchema,
  customerCountsSql,
  customerCountsSqlOptionsSchema,
  logCheckSql,
  logCheckSqlOptionsSchema,
  summarySql,
  summarySqlOptionsSchema,
} from '../../src/index.js';
import { toJsonSchema } from '../../src/json-schema.js';

const log = {
  dialect: 'postgres',
  table: ['shop', 'orders'],
  columns: { customerId: 'customer_id', at: 'ordered_at', amount: 'total' },
} as const;

/** Whether a call throws. */
function throws(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch {
    return true;
  }
}

const CASES = [
  {
    name: 'summarySqlOptionsSchema',
    schema: summarySqlOptionsSchema,
    run: (o: never) => summarySql(o),
    good: [
      { ...log, asOf: '2024-06-30' },
      { ...log, asOf: 1_719_792_000_000, granularity: 'none', unit: 7, timeZone: '+05:30' },
      { ...log, asOf: 1_719_792_000n, atType: 'epoch', timeUnit: 's', amountScale: 2 },
      { ...log, asOf: new Date('2024-06-30T12:00:00Z'), unit: 'month', granularity: 'month' },
    ],
    bad: [
      { ...log },
      { ...log, asOf: '2024-06-30', unit: 0 },
      { ...log, asOf: '2024-02-30' },
      { ...log, asOf: 1_719_792_000, timeUnit: 'ms' }, // epoch seconds read as ms: 1970
      { ...log, asOf: '2024-06-30', timeZone: 'Mars/Olympus' },
      { ...log, asOf: '2024-06-30', table: [] },
      { ...log, asOf: '2024-06-30', table: 'a\nb' },
      { ...log, asOf: '2024-06-30', amountScale: 19 },
      { ...log, asOf: '2024-06-30', extra: 1 },
      { ...log, dialect: 'mysql', asOf: '2024-06-30' },
    ],
  },
  {
    name: 'calibrationHoldoutSqlOptionsSchema',
    schema: calibrationHoldoutSqlOptionsSchema,
    run: (o: never) => calibrationHoldoutSql(o),
    good: [{ ...log, calibrationEnd: '2024-03-31', observationEnd: '2024-06-30', unit: 'week' }],
    bad: [
      { ...log, calibrationEnd: '2024-03-31' },
      { ...log, calibrationEnd: '2024-13-01', observationEnd: '2024-06-30' },
    ],
  },
  {
    name: 'customerCountsSqlOptionsSchema',
    schema: customerCountsSqlOptionsSchema,
    run: (o: never) => customerCountsSql(o),
    good: [{ ...log, periodStart: '2024-01-01', periodEnd: '2024-03-31', activeWithin: 90 }],
    bad: [
      { ...log, periodStart: '2024-01-01', periodEnd: '2024-03-31', activeWithin: 0 },
      { ...log, periodStart: '2024-01-01', periodEnd: '2024-03-31' },
    ],
  },
  {
    name: 'cohortRetentionSqlOptionsSchema',
    schema: cohortRetentionSqlOptionsSchema,
    run: (o: never) => cohortRetentionSql(o),
    good: [
      { ...log, asOf: '2024-06-30', periods: 6, measure: 'revenue' },
      { ...log, asOf: '2024-06-30', mode: 'bracket', brackets: [{ from: 0, to: 1 }] },
    ],
    bad: [
      { ...log, asOf: '2024-06-30', mode: 'bracket' },
      { ...log, asOf: '2024-06-30', brackets: [{ from: 0, to: 1 }] },
      { ...log, asOf: '2024-06-30', periods: 0 },
      { ...log, asOf: '2024-06-30', mode: 'bracket', brackets: [{ from: 2, to: 1 }] },
      { ...log, asOf: '2024-06-30', granularity: 'none' },
    ],
  },
  {
    name: 'logCheckSqlOptionsSchema',
    schema: logCheckSqlOptionsSchema,
    run: (o: never) => logCheckSql(o),
    good: [{ ...log }, { ...log, atType: 'epoch', timeUnit: 'ns' }],
    bad: [
      { ...log, atType: 'datetime' },
      { ...log, columns: { customerId: 'id', at: 'at' } },
    ],
  },
];

describe.each(CASES)('$name', ({ schema, run, good, bad }) => {
  it('accepts what the function accepts and rejects what it rejects', () => {
    for (const options of good) {
      expect(schema.safeParse(options).success).toBe(true);
      expect(throws(() => run(options as never))).toBe(false);
    }
    for (const options of bad) {
      expect(schema.safeParse(options).success).toBe(false);
      expect(throws(() => run(options as never))).toBe(true);
    }
  });

  it('has a JSON Schema: plain JSON, the log options required, no other fields', () => {
    const json = toJsonSchema(schema);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.additionalProperties).toBe(false);
    expect(json.required).toEqual(expect.arrayContaining(['dialect', 'table', 'columns']));
    const properties = json.properties as Record<string, Record<string, unknown>>;
    expect(properties.dialect?.enum).toEqual([
      'duckdb',
      'postgres',
      'bigquery',
      'snowflake',
      'spark',
    ]);
  });
});

describe('JSON Schema of boundaries and integers', () => {
  it('describes a boundary as an ISO-8601 string or an epoch number', () => {
    const properties = toJsonSchema(summarySqlOptionsSchema).properties as Record<
      string,
      { anyOf: { type: string; format?: string }[] }
    >;
    expect(properties.asOf?.anyOf.map((b) => [b.type, b.format])).toEqual([
      ['string', 'date-time'],
      ['string', 'date'],
      ['string', undefined],
      ['number', undefined],
    ]);
  });

  it('describes the cohort brackets and periods as integers in their range', () => {
    const properties = toJsonSchema(cohortRetentionSqlOptionsSchema).properties as Record<
      string,
      Record<string, unknown>
    >;
    expect(properties.periods).toEqual({ type: 'integer', minimum: 1, maximum: 100_000 });
    const items = properties.brackets?.items as { properties: Record<string, unknown> };
    const bracket = items.properties;
    expect(bracket.from).toEqual({ type: 'integer', minimum: 0, maximum: 99_999 });
  });
});
