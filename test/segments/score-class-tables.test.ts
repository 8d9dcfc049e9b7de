/**
 * rfmScores and classifyCustomers with form: 'table': the columns, the row view and the JSON
 * equal the rows of form: 'rows', on the CDNOW sample and on generated data; reasons built on
 * demand equal the rows' reasons and read the same in both languages.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateLog } from '../../examples/lib/generate-log.js';
import { RetentionMetricsError } from '../../src/core/errors.js';
import { CLASS_SEGMENT_CODES } from '../../src/segments/classify/class-table.js';
import { classifyCustomers } from '../../src/segments/classify/classify.js';
import { formatReason } from '../../src/segments/classify/reasons.js';
import {
  BUILT_IN_SEGMENTS,
  type ClassificationReason,
  type ClassifyOptions,
} from '../../src/segments/classify/types.js';
import { segmentReport } from '../../src/segments/report.js';
import { type RfmOptions, rfmScores } from '../../src/segments/rfm.js';
import type { SummaryOptions, TransactionLog } from '../../src/transactions/log.js';
import { summarizeTransactions } from '../../src/transactions/summarize.js';
import { thrown } from '../support/errors.js';

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

const CASES: readonly (readonly [string, TransactionLog, SummaryOptions])[] = [
  ['the CDNOW sample', cdnow, { asOf: '1997-09-30', unit: 'week' }],
  [
    'a generated log (5,000 purchases, 500 customers) in New York',
    generateLog(5_000, 500),
    { asOf: '2024-12-31', timeZone: 'America/New_York' },
  ],
];

/** The summaries as rows, with revenue of three decimals in every seventh row (off the cent path). */
const memo = new Map<TransactionLog, ReturnType<typeof build>>();
function inputs(log: TransactionLog, options: SummaryOptions) {
  let built = memo.get(log);
  if (built === undefined || built.table.options.asOf !== options.asOf) {
    built = build(log, options);
    memo.set(log, built);
  }
  return built;
}

function build(log: TransactionLog, options: SummaryOptions) {
  const table = summarizeTransactions(log, { ...options, form: 'table' });
  const rows = table.toRows().map((s, i) => ({
    customerId: s.customerId,
    firstPurchaseAt: s.firstPurchaseAt,
    lastPurchaseAt: s.lastPurchaseAt,
    orders: s.orders,
    totalRevenue: i % 7 === 0 ? s.totalRevenue.plus('0.005').toString() : s.totalRevenue,
  }));
  const time = { asOf: options.asOf, ...(options.timeZone ? { timeZone: options.timeZone } : {}) };
  return { table, rows, time };
}

describe('rfmScores with form: table', () => {
  for (const [name, log, options] of CASES) {
    for (const extra of [
      {},
      { monetary: 'average' },
      { bins: 3, segments: [{ name: 'Top', r: [3, 3], fm: [2, 3] }] },
      { thresholds: { orders: [1, 2, 3, 5], monetary: ['10', '50.5', '100', '200.125'] } },
    ] as const) {
      // The CDNOW sample (2,357 customers) with the default options; the rest on 500 customers.
      if (name === CASES[0]?.[0] && Object.keys(extra).length > 0) continue;
      it(`${name}, ${json(extra)}: columns, rows and JSON equal the rows`, () => {
        const { table: summaries, rows: input, time } = inputs(log, options);
        for (const [scores, rows] of [
          [
            rfmScores(summaries, { ...extra, form: 'table' }),
            rfmScores(summaries, extra as Omit<RfmOptions, 'asOf'>),
          ],
          [
            rfmScores(input, { ...time, ...extra, form: 'table' }),
            rfmScores(input, { ...time, ...extra } as RfmOptions),
          ],
        ] as const) {
          expect(scores.length).toBe(rows.length);
          expect(json(scores)).toBe(json(rows));
          expect(json([...scores])).toBe(json(rows));
          expect(json(scores.toRows())).toBe(json(rows));
          const c = scores.columns;
          const cents = [...c.monetary.cents];
          expect({
            customerId: [...c.customerId],
            daysSinceLastPurchase: [...c.daysSinceLastPurchase],
            orders: [...c.orders],
            monetary: cents.map((_, i) => c.monetary.at(i).toString()),
            cents: cents.map((x, i) =>
              Number.isNaN(x) ? c.monetary.at(i).toString() : String(x / 100),
            ),
            scores: [...c.r].map((r, i) => [r, c.f[i], c.m[i], c.fm[i]]),
            segment: [...c.segment].map((code) => scores.segmentNames[code]),
          }).toEqual({
            customerId: rows.toRows().map((r) => r.customerId),
            daysSinceLastPurchase: rows.toRows().map((r) => r.daysSinceLastPurchase),
            orders: rows.toRows().map((r) => r.orders),
            monetary: rows.toRows().map((r) => r.monetary.toString()),
            cents: rows.toRows().map((r) => r.monetary.toString()),
            scores: rows.toRows().map((r) => [r.r, r.f, r.m, r.fm]),
            segment: rows.toRows().map((r) => r.segment),
          });
          expect(json(scores.at(-1))).toBe(json(rows.at(-1)));
          expect(scores.at(rows.length)).toBeUndefined();
          expect(() => scores.row(rows.length)).toThrow(RetentionMetricsError);
        }
      });
    }
  }

  it('carries its options, and the summary table’s granularity and unit', () => {
    const { table } = inputs(cdnow, { asOf: '1997-09-30', unit: 'week' });
    expect(rfmScores(table, { form: 'table', monetary: 'average' }).options).toEqual({
      asOf: '1997-09-30',
      timeZone: 'UTC',
      timeUnit: 'ms',
      granularity: 'day',
      unit: 'week',
      bins: 5,
      monetary: 'average',
    });
  });

  it('names the segment codes by the map, with Unclassified last when a cell is unmatched', () => {
    const { rows, time } = inputs(cdnow, { asOf: '1997-09-30' });
    const custom = rfmScores(rows, {
      ...time,
      segments: [
        { name: 'B', r: [4, 5], fm: [1, 5] },
        { name: 'A', r: [1, 5], fm: [5, 5] },
        { name: 'B', r: [1, 1], fm: [1, 1] },
        { name: 'Never', r: [5, 5], fm: [1, 1] },
      ],
      form: 'table',
    });
    // 'Never' is shadowed by the first rule: it names no cell and gets no code.
    expect(custom.segmentNames).toEqual(['B', 'A', 'Unclassified']);
    expect(Object.isFrozen(custom.segmentNames)).toBe(true);
  });

  it('gives an empty table for no summaries', () => {
    const scores = rfmScores([], { asOf: '2024-01-01', form: 'table' });
    expect([scores.length, json(scores), scores.columns.r.length]).toEqual([0, '[]', 0]);
  });
});

describe('classifyCustomers with form: table', () => {
  const optionSets: readonly Omit<ClassifyOptions, 'asOf'>[] = [
    {},
    { reasons: false },
    { vip: { minRevenue: '100.005', minOrders: 2 }, lostAfterDays: 200 },
    {
      atRisk: { aliveProbability: { threshold: 0.5, probability: (id) => (Number(id) % 10) / 9 } },
    },
    { disable: ['vip', 'new'], atRisk: { multiple: 1.5, fallbackIntervalDays: 40 } },
    {
      rules: [
        {
          name: 'big-spender',
          segment: 'whale',
          priority: 250,
          test: (c) => c.totalRevenue.gt(300) && { fired: true, values: { orders: c.orders } },
        },
        {
          name: 'quiet',
          segment: 'at-risk',
          priority: 50,
          test: (c) => ({ fired: c.daysSinceLastPurchase > 100, message: 'Quiet for a while' }),
        },
      ],
    },
  ];
  for (const [name, log, options] of CASES) {
    for (const [k, extra] of optionSets.entries()) {
      if (name === CASES[0]?.[0] && k !== 0 && k !== 5) continue;
      it(`${name}, option set ${k}: columns, rows, reasons and JSON equal the rows`, () => {
        const { table: summaries, rows: input, time } = inputs(log, options);
        const sources = [
          [summaries, extra],
          [input, { ...time, ...extra }],
        ] as const;
        for (const [source, given] of sources) {
          const o = given as ClassifyOptions;
          const classes = classifyCustomers(source, { ...o, form: 'table' });
          const rows = classifyCustomers(source, o);
          expect(json(classes)).toBe(json(rows));
          expect(json(classes.toRows())).toBe(json(rows));
          const c = classes.columns;
          const ids = [...c.customerId];
          expect({
            customerId: ids,
            segment: [...c.segment].map((code) => classes.segmentNames[code]),
            days: [...c.daysSinceLastPurchase],
            flags: ids.map((_, i) => classes.flagNames.filter((f) => c.flags[f]?.[i] === 1)),
          }).toEqual({
            customerId: rows.toRows().map((r) => r.customerId),
            segment: rows.toRows().map((r) => r.segment),
            days: rows.toRows().map((r) => r.daysSinceLastPurchase),
            flags: rows.toRows().map((r) => r.flags),
          });
          // reasonsOf builds the reasons, also with reasons: false
          const withReasons = classifyCustomers(source, { ...o, reasons: true });
          expect(json(ids.map((_, i) => classes.reasonsOf(i)))).toBe(
            json(withReasons.toRows().map((r) => r.reasons)),
          );
        }
      });
    }
  }

  it('reasons on demand read the same as the rows’ reasons in English and Russian', () => {
    const { table } = inputs(cdnow, { asOf: '1997-09-30' });
    const classes = classifyCustomers(table, { form: 'table' });
    const rows = classifyCustomers(table);
    let sentences = 0;
    for (let i = 0; i < rows.length; i += 7) {
      const a = classes.reasonsOf(i);
      const b = rows.at(i)?.reasons ?? [];
      expect(a.length).toBe(b.length);
      for (let k = 0; k < a.length; k++) {
        for (const locale of ['en', 'ru-RU']) {
          expect(formatReason(a[k] as ClassificationReason, { locale })).toBe(
            formatReason(b[k] as ClassificationReason, { locale }),
          );
          sentences++;
        }
      }
    }
    expect(sentences).toBeGreaterThan(600);
  });

  it('codes built-in segments by CLASS_SEGMENT_CODES (frozen), custom segments after them', () => {
    for (const [name, code] of Object.entries(CLASS_SEGMENT_CODES)) {
      expect(BUILT_IN_SEGMENTS[code]).toBe(name);
    }
    expect(() => {
      (CLASS_SEGMENT_CODES as unknown as Record<string, number>).vip = 0;
    }).toThrow(TypeError);
    const { rows, time } = inputs(cdnow, { asOf: '1997-09-30' });
    const classes = classifyCustomers(rows, {
      ...time,
      rules: [{ name: 'x', segment: 'x-seg', priority: 1000, test: (c) => c.orders > 5 }],
      form: 'table',
    });
    expect(classes.segmentNames).toEqual([...BUILT_IN_SEGMENTS, 'x-seg']);
    expect(classes.flagNames).toEqual(['x', 'new', 'lost', 'at-risk', 'vip']);
    expect(classes.columns.segment.filter((s) => s === 5).length).toBe(
      rows.filter((r) => r.orders > 5).length,
    );
  });

  it('gives an empty table for no summaries, and carries its options', () => {
    const classes = classifyCustomers([], {
      asOf: '2024-01-01',
      timeZone: '+03:00',
      form: 'table',
    });
    expect([classes.length, json(classes)]).toEqual([0, '[]']);
    expect(classes.options).toEqual({
      asOf: '2024-01-01',
      timeZone: '+03:00',
      timeUnit: 'ms',
      reasons: true,
    });
  });
});

describe('segmentReport reads score and class tables from their columns', () => {
  for (const [name, log, options] of CASES) {
    it(`${name}: the report of a table equals the report of its rows`, () => {
      const { table: summaries, rows: input, time } = inputs(log, options);
      for (const [source, o] of [
        [summaries, {}],
        [input, time],
      ] as const) {
        const given = o as ClassifyOptions;
        const classes = classifyCustomers(source, { ...given, form: 'table' });
        expect(json(segmentReport(classes, source))).toBe(
          json(segmentReport(classes.toRows(), source)),
        );
        const custom = classifyCustomers(source, {
          ...given,
          rules: [{ name: 'big', segment: 'whale', priority: 50, test: (c) => c.orders > 3 }],
          form: 'table',
        });
        expect(json(segmentReport(custom, source))).toBe(
          json(segmentReport(custom.toRows(), source)),
        );
        const scores = rfmScores(source, { ...(given as RfmOptions), form: 'table' });
        expect(json(segmentReport(scores, source))).toBe(
          json(segmentReport(scores.toRows(), source)),
        );
      }
      // Customers matched by id when the summaries come in another order.
      const classes = classifyCustomers(input, { ...time, form: 'table' });
      const reversed = [...input].reverse();
      expect(json(segmentReport(classes, reversed))).toBe(
        json(segmentReport(classes.toRows(), reversed)),
      );
    });
  }

  it('catches a caller’s write into a typed column, naming the row', () => {
    const { table: summaries } = inputs(cdnow, { asOf: '1997-09-30', unit: 'week' });
    const classes = classifyCustomers(summaries, { form: 'table' });
    const scores = rfmScores(summaries, { form: 'table' });
    const segment = classes.columns.segment;
    const saved = segment[3] as number;
    segment[3] = 5; // beyond the five built-in segments
    expect(thrown(() => segmentReport(classes, summaries))).toMatchObject({
      code: 'INVALID_INPUT',
      path: ['classified', 3, 'segment'],
    });
    segment[3] = saved;
    const days = scores.columns.daysSinceLastPurchase;
    days[7] = Number.NaN;
    expect(thrown(() => segmentReport(scores, summaries))).toMatchObject({
      code: 'INVALID_INPUT',
      path: ['classified', 7, 'daysSinceLastPurchase'],
    });
    // A written summary column is caught by every function that reads the table.
    const orders = summaries.columns.orders;
    const before = orders[2] as number;
    orders[2] = 0;
    for (const run of [
      () => rfmScores(summaries),
      () => classifyCustomers(summaries),
      () => segmentReport(classes, summaries),
    ]) {
      expect(thrown(run)).toMatchObject({
        code: 'INVALID_INPUT',
        path: ['summaries', 2, 'orders'],
      });
    }
    orders[2] = before;
  });
});
