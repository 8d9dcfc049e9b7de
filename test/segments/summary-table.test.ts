import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateLog } from '../../examples/lib/generate-log.js';
import { classifyCustomers } from '../../src/segments/classify/classify.js';
import { segmentationInputSchema } from '../../src/segments/input.js';
import { segmentReport } from '../../src/segments/report.js';
import { rfmScores } from '../../src/segments/rfm.js';
import type { SummaryOptions, TransactionLog } from '../../src/transactions/log.js';
import { summarizeTransactions } from '../../src/transactions/summarize.js';
import { thrown } from '../support/errors.js';

const table = (log: TransactionLog, options: SummaryOptions) =>
  summarizeTransactions(log, { ...options, form: 'table' });

/** CDNOW_sample.txt (test/fixtures/README.md): columns master id, id, YYYYMMDD, CDs, dollars. */
const cdnow = (() => {
  const lines = readFileSync(new URL('../fixtures/CDNOW_sample.txt', import.meta.url), 'utf8')
    .split('\r\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/));
  return {
    customerId: lines.map((f) => Number(f[1])),
    at: lines.map((f) => `${f[2]?.slice(0, 4)}-${f[2]?.slice(4, 6)}-${f[2]?.slice(6, 8)}`),
    amount: lines.map((f) => f[4] as string),
  };
})();

const json = (value: unknown) => JSON.stringify(value);

describe('rfmScores, classifyCustomers and segmentReport read a summary table as they read its rows', () => {
  const cases = [
    ['the CDNOW sample', cdnow, { asOf: '1997-09-30', unit: 'week' }],
    [
      'a generated log (5,000 purchases, 500 customers) in New York',
      generateLog(5_000, 500),
      { asOf: '2024-12-31', timeZone: 'America/New_York' },
    ],
  ] as const;

  for (const [name, log, options] of cases) {
    it(`${name}: scores, classes with reasons, and the report are equal`, () => {
      const rows = summarizeTransactions(log, options);
      const columns = table(log, options);
      const { asOf, timeZone } = { timeZone: undefined, ...options };
      const time = timeZone === undefined ? { asOf } : { asOf, timeZone };
      // The table's asOf and time zone are the defaults.
      const scoresOfTable = rfmScores(columns);
      expect(json(scoresOfTable)).toBe(json(rfmScores(rows, time)));
      expect(json(rfmScores(columns, { monetary: 'average' }))).toBe(
        json(rfmScores(rows, { ...time, monetary: 'average' })),
      );
      const classesOfTable = classifyCustomers(columns);
      const classesOfRows = classifyCustomers(rows, time);
      expect(json(classesOfTable)).toBe(json(classesOfRows));
      expect(classesOfTable.toRows().some((c) => c.reasons.length > 0)).toBe(true);
      expect(json(segmentReport(classesOfTable, columns))).toBe(
        json(segmentReport(classesOfRows, rows)),
      );
      expect(json(segmentReport(scoresOfTable, columns))).toBe(
        json(segmentReport(scoresOfTable, rows)),
      );
    });
  }

  it('takes the same asOf, time zone and unit again, given in another form', () => {
    const log = [{ customerId: 1, at: 1_719_705_600, amount: 1 }]; // 2024-06-30T00:00Z in seconds
    const t = table(log, { asOf: '2024-06-30', timeUnit: 's', timeZone: 'Z' });
    // 'Z' is UTC; the same date-only asOf; the same unit
    const scores = rfmScores(t, { asOf: '2024-06-30', timeZone: 'UTC', timeUnit: 's' });
    // One day: from 2024-06-30T00:00Z to the end of 2024-06-30
    expect(scores.at(0)?.daysSinceLastPurchase).toBe(1);
  });

  it('refuses an option that conflicts with the table’s, naming it', () => {
    const t = table([{ customerId: 1, at: '2024-06-01', amount: 1 }], { asOf: '2024-06-30' });
    for (const [field, value] of [
      ['asOf', '2024-07-01'],
      ['timeZone', 'Europe/Paris'],
      ['timeUnit', 's'],
    ] as const) {
      const error = thrown(() => rfmScores(t, { [field]: value }));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.path).toEqual(['options', field]);
      expect(error.message).toContain(`rfmScores: options.${field}`);
      const classify = thrown(() => classifyCustomers(t, { [field]: value }));
      expect(classify.path).toEqual(['options', field]);
    }
  });

  it('catches a caller’s write into a typed column (NaN, negative, last before first)', () => {
    const log = [
      { customerId: 'a', at: '2024-06-01', amount: 5 },
      { customerId: 'b', at: '2024-06-02', amount: 7 },
    ];
    type Table = ReturnType<typeof table>;
    const writes: [string, (t: Table) => Float64Array | Int32Array, number][] = [
      ['orders', (t) => t.columns.orders, 0],
      ['totalRevenue', (t) => t.columns.totalRevenue.cents, -1],
      ['totalRevenue', (t) => t.columns.totalRevenue.cents, Number.NaN],
      ['totalRevenue', (t) => t.columns.totalRevenue.cents, 0.5],
      ['firstPurchaseAt', (t) => t.columns.firstPurchaseAt, Number.NaN],
      ['lastPurchaseAt', (t) => t.columns.lastPurchaseAt, 0],
      ['lastPurchaseAt', (t) => t.columns.lastPurchaseAt, Number.POSITIVE_INFINITY],
    ];
    for (const [field, column, value] of writes) {
      const t = table(log, { asOf: '2024-06-30' });
      column(t)[1] = value;
      for (const run of [() => rfmScores(t), () => classifyCustomers(t)]) {
        const error = thrown(run);
        expect(error.code).toBe('INVALID_INPUT');
        expect(error.path).toEqual(['summaries', 1, field]);
      }
      expect(segmentationInputSchema.safeParse(t).success).toBe(false);
    }
    // A last purchase moved after asOf is caught as in rows.
    const t = table(log, { asOf: '2024-06-30' });
    t.columns.lastPurchaseAt[0] = Date.UTC(2024, 6, 2);
    expect(thrown(() => rfmScores(t)).path).toEqual(['summaries', 0, 'lastPurchaseAt']);
  });

  it('still validates a user’s plain rows, and an object that only looks like a table', () => {
    const rows = summarizeTransactions([{ customerId: 'a', at: '2024-06-01', amount: 5 }], {
      asOf: '2024-06-30',
    });
    const bad = [{ ...rows.row(0), orders: 0 }];
    expect(thrown(() => rfmScores(bad as never, { asOf: '2024-06-30' })).path).toEqual([
      'summaries',
      0,
      'orders',
    ]);
    const copy = {
      ...table([{ customerId: 'a', at: '2024-06-01', amount: 5 }], { asOf: '2024-06-30' }),
    };
    // A copy is not the library's table: it is read as columns, and has none of the fields.
    expect(thrown(() => rfmScores(copy as never, { asOf: '2024-06-30' })).path).toEqual([
      'summaries',
      'customerId',
    ]);
    expect(segmentationInputSchema.safeParse(table(cdnow, { asOf: '1997-09-30' })).success).toBe(
      true,
    );
  });

  it('reads whole cents beyond 2^50 exactly, and names a conflicting Date asOf', () => {
    const t = table([{ customerId: 1, at: '2024-06-01', amount: 1 }], { asOf: '2024-06-30' });
    // 2^51 cents = 22,517,998,136,852.48 currency units, exact
    t.columns.totalRevenue.cents[0] = 2 ** 51;
    expect(rfmScores(t).at(0)?.monetary.toString()).toBe('22517998136852.48');
    const error = thrown(() => rfmScores(t, { asOf: new Date('2024-06-30T12:00:00Z') }));
    expect(error.message).toContain('options.asOf 2024-06-30T12:00:00.000Z conflicts');
    expect(thrown(() => rfmScores(t, 5 as never)).code).toBe('INVALID_INPUT');
  });
});
