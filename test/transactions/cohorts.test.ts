import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RetentionMetricsError } from '../../src/core/errors.js';
import { instantOf } from '../../src/core/instant.js';
import { D, type Decimal } from '../../src/core/numeric.js';
import { type CalendarUnit, periodIndex, periodStartDay } from '../../src/core/period.js';
import { isoDateOfDay, MS_PER_DAY, resolveZone } from '../../src/core/time.js';
import { thrown } from '../support/errors.js';

const parseTimestamp = (value: unknown): number | undefined => {
  const ms = instantOf(value);
  return Number.isNaN(ms) ? undefined : ms;
};

import {
  type CohortMeasure,
  type CohortMode,
  type CohortRetentionOptions,
  type CohortTable,
  cohortRetentionOptionsSchema,
  type PeriodBracket,
} from '../../src/transactions/cohorts/options.js';
import { cohortRetention } from '../../src/transactions/cohorts/table.js';
import type { Transaction, TransactionLog } from '../../src/transactions/log.js';

/** Runs `fn` and returns the RetentionMetricsError it throws (fails the test otherwise). */
const rejection = thrown;

/** Calls with deliberately ill-typed input. */
function cohortsOf(log: unknown, options: unknown): CohortTable {
  return cohortRetention(log as TransactionLog, options as CohortRetentionOptions);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const key of Reflect.ownKeys(value))
      deepFreeze((value as Record<PropertyKey, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/** The table with Decimals as strings and the Date as an ISO string, for exact comparisons. */
function plain(table: CohortTable): unknown {
  return JSON.parse(JSON.stringify(table));
}

/** Rows of the table as [cohort, size, values, rates] with Decimals as strings. */
function grid(table: CohortTable): unknown[] {
  return table.cohorts.map((row) => [
    row.cohort,
    row.size,
    row.values.map((v) => (v === null || typeof v === 'number' ? v : v.toString())),
    row.rates.map((r) => (r === null ? null : r.toString())),
  ]);
}

/** A deterministic shuffle (mulberry32), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const random = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// 34 significant digits, rounded half to even (the library's Decimal).
const THIRD = `0.${'3'.repeat(34)}`;
const TWO_THIRDS = `0.${'6'.repeat(33)}7`;

// The hand log: six customers over January–April 2024, asOf 2024-05-10 (May is still running),
// monthly cohorts in UTC. Per customer: purchase months (offset k from their first month), amount.
//   a: Jan 10 (k0), Feb 20 (k1), Mar 1 (k2), Apr 30 (k3); May 11 is after asOf → ignored
//   b: Jan 5 + Jan 5 (k0), Mar 15 (k2)
//   c: Jan 40 (k0)
//   d: Feb 12 + Feb 8 (k0), Mar 10 (k1), May 7 (k3: May is running)
//   e: Feb 25 (k0), Apr 30 23:59:59 5 (k2)
//   f: Mar 9 (k0), Apr 11 (k1)
//   g: Jun 1 only, after asOf → not a customer
// Cohorts: January {a, b, c}, February {d, e}, March {f}. Periods before May are complete, so
// cohort c, column k is reported when c + k ≤ April; default periods = May − January = 4.
const HAND_LOG: readonly Transaction[] = [
  { customerId: 'a', at: '2024-01-05', amount: 10 },
  { customerId: 'a', at: '2024-02-03', amount: 20 },
  { customerId: 'a', at: '2024-03-15', amount: 1 },
  { customerId: 'a', at: '2024-04-20', amount: 30 },
  { customerId: 'a', at: '2024-05-11', amount: 100 },
  { customerId: 'b', at: '2024-01-15', amount: '5.00' },
  { customerId: 'b', at: '2024-01-28T12:00:00Z', amount: '5' },
  { customerId: 'b', at: '2024-03-09', amount: 15 },
  { customerId: 'c', at: '2024-01-31T23:59:59Z', amount: 40 },
  { customerId: 'd', at: '2024-02-01', amount: 12 },
  { customerId: 'd', at: '2024-02-20', amount: 8 },
  { customerId: 'd', at: '2024-03-01', amount: 10 },
  { customerId: 'd', at: '2024-05-02', amount: 7 },
  { customerId: 'e', at: '2024-02-14', amount: 25 },
  { customerId: 'e', at: '2024-04-30T23:59:59Z', amount: 5 },
  { customerId: 'f', at: '2024-03-03', amount: 9 },
  { customerId: 'f', at: '2024-04-04', amount: 11 },
  { customerId: 'g', at: '2024-06-01', amount: 50 },
];
const AS_OF = '2024-05-10';
const BRACKETS: PeriodBracket[] = [
  { from: 0, to: 0 },
  { from: 1, to: 2 },
  { from: 3, to: 3 },
];

describe('cohortRetention: the hand log, customers', () => {
  it('classic: customers active in exactly period k', () => {
    const table = cohortRetention(HAND_LOG, { asOf: AS_OF });
    expect(table.columns).toEqual(['k=0', 'k=1', 'k=2', 'k=3']);
    expect(table.periods).toBe(4);
    expect(grid(table)).toEqual([
      // January {a, b, c}: k1 Feb {a}, k2 Mar {a, b}, k3 Apr {a}; rates 1/3, 2/3, 1/3
      ['2024-01-01', 3, [3, 1, 2, 1], ['1', THIRD, TWO_THIRDS, THIRD]],
      // February {d, e}: k1 Mar {d}, k2 Apr {e}, k3 = May is running → null
      ['2024-02-01', 2, [2, 1, 1, null], ['1', '0.5', '0.5', null]],
      // March {f}: k1 Apr {f}, k2 and k3 not elapsed
      ['2024-03-01', 1, [1, 1, null, null], ['1', '1', null, null]],
    ]);
    expect(table).toMatchObject({
      granularity: 'month',
      mode: 'classic',
      measure: 'customers',
      timeZone: 'UTC',
    });
    // A date-only asOf observes that whole day: it ends at its last millisecond.
    expect(table.asOf.toISOString()).toBe('2024-05-10T23:59:59.999Z');
    // initial revenue: January 10 + 5 + 5 + 40 = 60, February 12 + 8 + 25 = 45, March 9
    expect(table.cohorts.map((row) => row.initialRevenue.toString())).toEqual(['60', '45', '9']);
  });

  it('rolling: active in period k or later (up to asOf, including the running period)', () => {
    const table = cohortRetention(HAND_LOG, { asOf: AS_OF, mode: 'rolling' });
    expect(grid(table)).toEqual([
      // January: k1 {a (Feb…Apr), b (Mar)}, k2 {a (Mar, Apr), b (Mar)}, k3 {a (Apr)}
      ['2024-01-01', 3, [3, 2, 2, 1], ['1', TWO_THIRDS, TWO_THIRDS, THIRD]],
      // February: k1 {d (Mar, May), e (Apr)}; k2 {d (May, after April but before asOf), e (Apr)}
      ['2024-02-01', 2, [2, 2, 2, null], ['1', '1', '1', null]],
      ['2024-03-01', 1, [1, 1, null, null], ['1', '1', null, null]],
    ]);
  });

  it('bracket: active in any period of the bracket, each customer counted once', () => {
    const table = cohortRetention(HAND_LOG, { asOf: AS_OF, mode: 'bracket', brackets: BRACKETS });
    expect(table.columns).toEqual(['k=0', 'k=1-2', 'k=3']);
    expect(table.periods).toBe(4);
    expect(grid(table)).toEqual([
      // January: k1-2 = Feb–Mar {a (both months, once), b (Mar)}; k3 = Apr {a}
      ['2024-01-01', 3, [3, 2, 1], ['1', TWO_THIRDS, THIRD]],
      // February: k1-2 = Mar–Apr {d, e}, complete as April < May; k3 = May → null
      ['2024-02-01', 2, [2, 2, null], ['1', '1', null]],
      // March: k1-2 = Apr–May, May is running → null
      ['2024-03-01', 1, [1, null, null], ['1', null, null]],
    ]);
  });

  it('a bracket reaching far beyond asOf is null, and sets periods', () => {
    const table = cohortRetention(HAND_LOG, {
      asOf: AS_OF,
      mode: 'bracket',
      brackets: [
        { from: 0, to: 0 },
        { from: 1, to: 99_999 },
      ],
    });
    expect(table.periods).toBe(100_000);
    expect(table.columns).toEqual(['k=0', 'k=1-99999']);
    expect(grid(table)[0]).toEqual(['2024-01-01', 3, [3, null], ['1', null]]);
  });

  it('brackets with gaps leave the periods between them out', () => {
    // January: k1 = Feb {a}; k3 = Apr {a}; b's March (k2) falls in the gap
    const table = cohortRetention(HAND_LOG, {
      asOf: AS_OF,
      mode: 'bracket',
      brackets: [
        { from: 1, to: 1 },
        { from: 3, to: 3 },
      ],
    });
    expect(table.columns).toEqual(['k=1', 'k=3']);
    expect(grid(table)[0]).toEqual(['2024-01-01', 3, [1, 1], [THIRD, THIRD]]);
  });
});

describe('cohortRetention: the hand log, revenue', () => {
  it('classic: the cohort’s revenue in period k, rate = revenue / period-0 revenue', () => {
    const table = cohortRetention(HAND_LOG, { asOf: AS_OF, measure: 'revenue' });
    expect(grid(table)).toEqual([
      // January: k0 10 + 5 + 5 + 40 = 60; k1 Feb a 20; k2 Mar a 1 + b 15 = 16; k3 Apr a 30
      // rates 20/60 = 1/3, 16/60 = 0.2666…7, 30/60 = 0.5
      ['2024-01-01', 3, ['60', '20', '16', '30'], ['1', THIRD, `0.2${'6'.repeat(32)}7`, '0.5']],
      // February: k0 12 + 8 + 25 = 45; k1 Mar d 10 (2/9); k2 Apr e 5 (1/9)
      [
        '2024-02-01',
        2,
        ['45', '10', '5', null],
        ['1', `0.${'2'.repeat(34)}`, `0.${'1'.repeat(34)}`, null],
      ],
      // March: k0 9; k1 Apr f 11: 11/9 = 1.222…
      ['2024-03-01', 1, ['9', '11', null, null], ['1', `1.${'2'.repeat(33)}`, null, null]],
    ]);
  });

  it('rolling: revenue in period k or later, up to asOf', () => {
    const table = cohortRetention(HAND_LOG, { asOf: AS_OF, measure: 'revenue', mode: 'rolling' });
    expect(grid(table)).toEqual([
      // January: 60 + 20 + 16 + 30 = 126; 66; 46; 30 → 2.1, 1.1, 46/60 = 0.7666…7, 0.5
      ['2024-01-01', 3, ['126', '66', '46', '30'], ['2.1', '1.1', `0.7${'6'.repeat(32)}7`, '0.5']],
      // February: 45 + 10 + 5 + 7 (d in May) = 67; 10 + 5 + 7 = 22; 5 + 7 = 12
      [
        '2024-02-01',
        2,
        ['67', '22', '12', null],
        [`1.4${'8'.repeat(31)}9`, `0.4${'8'.repeat(32)}9`, `0.2${'6'.repeat(32)}7`, null],
      ],
      [
        '2024-03-01',
        1,
        ['20', '11', null, null],
        [`2.${'2'.repeat(33)}`, `1.${'2'.repeat(33)}`, null, null],
      ],
    ]);
  });

  it('bracket: revenue in the bracket', () => {
    const table = cohortRetention(HAND_LOG, {
      asOf: AS_OF,
      measure: 'revenue',
      mode: 'bracket',
      brackets: BRACKETS,
    });
    // January: k1-2 = 20 + 16 = 36 (0.6); February: k1-2 = 10 + 5 = 15 (1/3)
    expect(grid(table)).toEqual([
      ['2024-01-01', 3, ['60', '36', '30'], ['1', '0.6', '0.5']],
      ['2024-02-01', 2, ['45', '15', null], ['1', THIRD, null]],
      ['2024-03-01', 1, ['9', null, null], ['1', null, null]],
    ]);
  });

  it('sums money exactly, with more than two decimals and in float-unfriendly amounts', () => {
    const log = [
      { customerId: 1, at: '2024-01-02', amount: 0.1 },
      { customerId: 1, at: '2024-01-03', amount: 0.2 },
      { customerId: 2, at: '2024-01-04', amount: '0.005' },
      { customerId: 1, at: '2024-02-01', amount: '1e-3' },
      { customerId: 2, at: '2024-02-02', amount: new D('0.0001') },
    ];
    const [row] = cohortRetention(log, { asOf: '2024-03-01', measure: 'revenue' }).cohorts;
    // k0: 0.1 + 0.2 + 0.005 = 0.305 (not 0.30500000000000005); k1: 0.001 + 0.0001 = 0.0011
    expect(row?.initialRevenue.toString()).toBe('0.305');
    expect(row?.values.map(String)).toEqual(['0.305', '0.0011']);
    // 0.0011 / 0.305 = 0.0036065573770491803278688524590163934… → 34 digits
    expect(row?.rates[1]?.toString()).toBe('0.003606557377049180327868852459016393');
  });

  it('stays exact when the cents of a cell pass 2^53 (about 90 trillion currency units)', () => {
    // 10 purchases of 9,999,999,999,999.99 in January and 10 in February: 10^15 − 1 cents each,
    // 10^16 − 10 cents per month, beyond 2^53 ≈ 9.007 · 10^15.
    const big = '9999999999999.99';
    const log = Array.from({ length: 20 }, (_, i) => ({
      customerId: i % 2,
      at: i < 10 ? '2024-01-15' : '2024-02-15',
      amount: big,
    }));
    const classic = cohortRetention(log, { asOf: '2024-03-01', measure: 'revenue' });
    expect(grid(classic)).toEqual([
      ['2024-01-01', 2, ['99999999999999.9', '99999999999999.9'], ['1', '1']],
    ]);
    const rolling = cohortRetention(log, {
      asOf: '2024-03-01',
      measure: 'revenue',
      mode: 'rolling',
    });
    expect(grid(rolling)).toEqual([
      ['2024-01-01', 2, ['199999999999999.8', '99999999999999.9'], ['2', '1']],
    ]);
  });

  it('a cohort with no initial revenue has values but null rates', () => {
    const log = [
      { customerId: 'free', at: '2024-01-10', amount: 0 },
      { customerId: 'free', at: '2024-02-10', amount: 10 },
    ];
    const [row] = cohortRetention(log, { asOf: '2024-03-01', measure: 'revenue' }).cohorts;
    expect(row?.values.map(String)).toEqual(['0', '10']);
    expect(row?.rates).toEqual([null, null]);
    // with customers, the same cohort has rates as usual
    expect(grid(cohortRetention(log, { asOf: '2024-03-01' }))).toEqual([
      ['2024-01-01', 1, [1, 1], ['1', '1']],
    ]);
  });

  it('a complete period without purchases is 0, not null', () => {
    const log = [
      { customerId: 'a', at: '2024-01-10', amount: 5 },
      { customerId: 'a', at: '2024-03-10', amount: 5 },
    ];
    const customers = cohortRetention(log, { asOf: '2024-04-01' });
    expect(grid(customers)).toEqual([['2024-01-01', 1, [1, 0, 1], ['1', '0', '1']]]);
    const revenue = cohortRetention(log, { asOf: '2024-04-01', measure: 'revenue' });
    expect(grid(revenue)).toEqual([['2024-01-01', 1, ['5', '0', '5'], ['1', '0', '1']]]);
  });
});

describe('cohortRetention: the CDNOW sample (test/fixtures/CDNOW_sample.txt)', () => {
  it('monthly cohorts of the first quarter of 1997, followed to June 1998', () => {
    // Expected counts from an independent Python script over the same file: for each customer
    // the set of months (year·12 + month) with a purchase; cohort = the smallest; value(k) = the
    // cohort's customers with cohort + k in their set.
    const text = readFileSync(new URL('../fixtures/CDNOW_sample.txt', import.meta.url), 'utf8');
    const log = text
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [id, , date, , dollars] = line.trim().split(/\s+/);
        const at = `${date?.slice(0, 4)}-${date?.slice(4, 6)}-${date?.slice(6, 8)}`;
        return { customerId: id ?? '', at, amount: dollars ?? '' };
      });
    expect(log).toHaveLength(6919);
    const table = cohortRetention(log, { asOf: '1998-06-30T23:59:59.999Z' });
    expect(table.periods).toBe(18);
    expect(table.cohorts.map((row) => [row.cohort, row.size, row.values])).toEqual([
      [
        '1997-01-01',
        781,
        [781, 124, 95, 70, 65, 77, 65, 53, 52, 45, 62, 59, 45, 47, 63, 37, 37, 33],
      ],
      [
        '1997-02-01',
        857,
        [857, 134, 110, 75, 77, 75, 61, 61, 74, 70, 59, 57, 59, 70, 56, 59, 60, null],
      ],
      [
        '1997-03-01',
        719,
        [719, 87, 84, 78, 63, 64, 55, 57, 73, 65, 47, 51, 78, 32, 38, 45, null, null],
      ],
    ]);
    // 124 / 781 = 0.158770806658130601792573623559539052…, rounded half-even to 34 digits
    expect(table.cohorts[0]?.rates[1]?.toString()).toBe('0.1587708066581306017925736235595391');
  });
});

describe('cohortRetention: the null rule and asOf', () => {
  it('a period is complete when its last millisecond is at or before asOf', () => {
    // asOf = April's last millisecond: April is complete, e's purchase at 23:59:59 counts, d's May
    // purchase is after asOf.
    const atEnd = cohortRetention(HAND_LOG, { asOf: '2024-04-30T23:59:59.999Z' });
    expect(atEnd.periods).toBe(4);
    expect(grid(atEnd)[1]).toEqual(['2024-02-01', 2, [2, 1, 1, null], ['1', '0.5', '0.5', null]]);
    expect(grid(atEnd)[0]).toEqual([
      '2024-01-01',
      3,
      [3, 1, 2, 1],
      ['1', THIRD, TWO_THIRDS, THIRD],
    ]);
    // one millisecond earlier, April is still running: default periods = April − January = 3
    const before = cohortRetention(HAND_LOG, { asOf: '2024-04-30T23:59:59.998Z', periods: 4 });
    expect(grid(before)).toEqual([
      ['2024-01-01', 3, [3, 1, 2, null], ['1', THIRD, TWO_THIRDS, null]],
      ['2024-02-01', 2, [2, 1, null, null], ['1', '0.5', null, null]],
      ['2024-03-01', 1, [1, null, null, null], ['1', null, null, null]],
    ]);
    expect(cohortRetention(HAND_LOG, { asOf: '2024-04-30T23:59:59.998Z' }).periods).toBe(3);
  });

  it('rolling values of complete periods count purchases up to asOf only', () => {
    // February cohort, k2 = April: d bought again on May 2. With asOf on May 1 that purchase is in
    // the future (d not counted); with asOf May 10 it counts.
    const early = cohortRetention(HAND_LOG, { asOf: '2024-05-01', mode: 'rolling' });
    expect(grid(early)[1]).toEqual(['2024-02-01', 2, [2, 2, 1, null], ['1', '1', '0.5', null]]);
    const later = cohortRetention(HAND_LOG, { asOf: AS_OF, mode: 'rolling' });
    expect(grid(later)[1]).toEqual(['2024-02-01', 2, [2, 2, 2, null], ['1', '1', '1', null]]);
  });

  it('a cohort acquired in the running period is listed with all values null', () => {
    const log = [...HAND_LOG, { customerId: 'h', at: '2024-05-05', amount: 3 }];
    const table = cohortRetention(log, { asOf: AS_OF });
    expect(grid(table)[3]).toEqual([
      '2024-05-01',
      1,
      [null, null, null, null],
      [null, null, null, null],
    ]);
    expect(table.cohorts[3]?.initialRevenue.toString()).toBe('3');
  });

  it('explicit periods: more columns than elapsed are null; fewer cut the table', () => {
    const wide = cohortRetention(HAND_LOG, { asOf: AS_OF, periods: 6 });
    expect(wide.columns).toEqual(['k=0', 'k=1', 'k=2', 'k=3', 'k=4', 'k=5']);
    expect(grid(wide)[0]).toEqual([
      '2024-01-01',
      3,
      [3, 1, 2, 1, null, null],
      ['1', THIRD, TWO_THIRDS, THIRD, null, null],
    ]);
    // with two columns, rolling k1 still counts every later period (a and b), and revenue k1
    // still sums February to April: 20 + 16 + 30 = 66
    const narrow = cohortRetention(HAND_LOG, { asOf: AS_OF, periods: 2, mode: 'rolling' });
    expect(grid(narrow)[0]).toEqual(['2024-01-01', 3, [3, 2], ['1', TWO_THIRDS]]);
    const narrowRevenue = cohortRetention(HAND_LOG, {
      asOf: AS_OF,
      periods: 2,
      mode: 'rolling',
      measure: 'revenue',
    });
    expect(grid(narrowRevenue)[0]).toEqual(['2024-01-01', 3, ['126', '66'], ['2.1', '1.1']]);
  });

  it('a non-empty log whose purchases are all after asOf → EMPTY_INPUT saying how many rows', () => {
    const error = rejection(() => cohortRetention(HAND_LOG, { asOf: '2023-12-31' }));
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.message).toBe(
      `cohortRetention: all ${HAND_LOG.length} rows of the log are after asOf (check asOf and timeUnit)`,
    );
  });

  it('everything in the period of asOf: one column, all null', () => {
    const table = cohortRetention(HAND_LOG, { asOf: '2024-01-20' });
    expect(table.periods).toBe(1);
    // a and b bought by 20 January
    expect(grid(table)).toEqual([['2024-01-01', 2, [null], [null]]]);
  });
});

describe('cohortRetention: weeks, days and time zones', () => {
  it('ISO weeks run Monday to Sunday, across a year boundary', () => {
    // 2023-12-31 is a Sunday (ISO week 2023-W52, from Monday 2023-12-25); 2024-01-01 a Monday.
    const log = [
      { customerId: 'p', at: '2023-12-31T23:59:59Z', amount: 1 }, // week of 2023-12-25
      { customerId: 'p', at: '2024-01-01T00:00:00Z', amount: 1 }, // week of 2024-01-01 (k1)
      { customerId: 'q', at: '2024-01-07T12:00:00Z', amount: 1 }, // Sunday: week of 2024-01-01
      { customerId: 'q', at: '2024-01-08T00:00:00Z', amount: 1 }, // Monday: week of 2024-01-08 (k1)
      { customerId: 'r', at: '2024-01-14T23:59:59Z', amount: 1 }, // Sunday: week of 2024-01-08
    ];
    // asOf Saturday 2024-01-20: the week of 2024-01-15 is running; default periods = 3
    const table = cohortRetention(log, { asOf: '2024-01-20', granularity: 'week' });
    expect(table.periods).toBe(3);
    expect(grid(table)).toEqual([
      ['2023-12-25', 1, [1, 1, 0], ['1', '1', '0']],
      ['2024-01-01', 1, [1, 1, null], ['1', '1', null]],
      ['2024-01-08', 1, [1, null, null], ['1', null, null]],
    ]);
  });

  it('the week of 1 January 2021 (a Friday) starts on Monday 28 December 2020', () => {
    const table = cohortRetention([{ customerId: 1, at: '2021-01-01', amount: 1 }], {
      asOf: '2021-01-31',
      granularity: 'week',
    });
    expect(table.cohorts.map((row) => row.cohort)).toEqual(['2020-12-28']);
    // The date-only asOf observes all of Sunday 31 January, so the week of 25–31 January is
    // complete too: 5 complete weeks (28 Dec, 4, 11, 18 and 25 January).
    expect(table.periods).toBe(5);
  });

  it('day cohorts', () => {
    const log = [
      { customerId: 'a', at: '2024-02-28T10:00:00Z', amount: 1 },
      { customerId: 'a', at: '2024-02-29T10:00:00Z', amount: 1 },
      { customerId: 'b', at: '2024-02-29T23:00:00Z', amount: 1 },
      { customerId: 'b', at: '2024-03-01T01:00:00Z', amount: 1 },
    ];
    const table = cohortRetention(log, { asOf: '2024-03-01T12:00:00Z', granularity: 'day' });
    // 28 Feb {a}: k1 = 29 Feb {a}; k2 = 1 March is running. 29 Feb {b}: k1 = 1 March → null
    expect(grid(table)).toEqual([
      ['2024-02-28', 1, [1, 1], ['1', '1']],
      ['2024-02-29', 1, [1, null], ['1', null]],
    ]);
  });

  it('bucketing follows the time zone: 2024-01-31T23:30Z is February in +01:00', () => {
    const log = [
      { customerId: 'x', at: '2024-01-31T23:30:00Z', amount: 10 },
      { customerId: 'x', at: '2024-02-29T23:30:00Z', amount: 10 }, // March 1 at +01:00
      { customerId: 'y', at: '2024-01-15T12:00:00Z', amount: 10 },
    ];
    const utc = cohortRetention(log, { asOf: '2024-04-15' });
    // UTC: January {x, y}; x again in February (k1)
    expect(grid(utc)).toEqual([['2024-01-01', 2, [2, 1, 0], ['1', '0.5', '0']]]);
    for (const timeZone of ['+01:00', 'Europe/Berlin', '+0100']) {
      const local = cohortRetention(log, { asOf: '2024-04-15', timeZone });
      expect(local.timeZone).toBe(timeZone);
      // +01:00: January {y}, February {x}, x again in March (k1)
      expect(grid(local)).toEqual([
        ['2024-01-01', 1, [1, 0, 0], ['1', '0', '0']],
        ['2024-02-01', 1, [1, 1, null], ['1', '1', null]],
      ]);
    }
  });

  it('a date-only string names that calendar day in the time zone (rows and asOf)', () => {
    // In -05:00, '2024-02-01' is 1 February local (05:00 UTC), not 31 January 19:00 local.
    const log = [
      { customerId: 'w', at: '2024-02-01', amount: 1 }, // February
      { customerId: 'w', at: '2024-03-01T03:00:00Z', amount: 1 }, // 29 February 22:00 local
      { customerId: 'v', at: '2024-01-31T23:00:00-05:00', amount: 1 }, // January
    ];
    for (const timeZone of ['-05:00', 'America/New_York', 'Pacific/Auckland']) {
      // asOf '2024-03-01' is the first instant of 1 March there: February is complete.
      const table = cohortRetention(log, { asOf: '2024-03-01', timeZone });
      expect(grid(table)).toEqual(
        timeZone === 'Pacific/Auckland'
          ? // +13:00: v's purchase is 1 February 17:00 and w's second one 1 March 16:00, after asOf
            [['2024-02-01', 2, [2], ['1']]]
          : [
              ['2024-01-01', 1, [1, 0], ['1', '0']],
              ['2024-02-01', 1, [1, null], ['1', null]],
            ],
      );
    }
    // an explicit UTC instant stays that instant: 1 March 00:00 UTC is still February in -05:00
    expect(cohortRetention(log, { asOf: '2024-03-01T00:00:00Z', timeZone: '-05:00' }).periods).toBe(
      1,
    );
  });

  it('a fractional offset moves the day boundary inside a UTC hour (+05:30, Asia/Kolkata)', () => {
    const log = [
      { customerId: 'early', at: '2024-01-31T18:29:59.999Z', amount: 1 }, // 23:59:59.999 IST, Jan
      { customerId: 'late', at: '2024-01-31T18:30:00Z', amount: 1 }, // 00:00 IST 1 Feb
    ];
    for (const timeZone of ['+05:30', 'Asia/Kolkata']) {
      const table = cohortRetention(log, { asOf: '2024-03-01', timeZone });
      expect(table.cohorts.map((row) => [row.cohort, row.size])).toEqual([
        ['2024-01-01', 1],
        ['2024-02-01', 1],
      ]);
    }
  });

  it('the time zone also decides when the period of asOf ends', () => {
    // asOf 2024-02-29T23:30Z is still February in UTC but already March at +01:00.
    const log = [{ customerId: 'a', at: '2024-01-10', amount: 1 }];
    expect(cohortRetention(log, { asOf: '2024-02-29T23:30:00Z' }).periods).toBe(1);
    expect(cohortRetention(log, { asOf: '2024-02-29T23:30:00Z', timeZone: '+01:00' }).periods).toBe(
      2,
    );
  });

  it('agrees with periodIndex at every quarter hour around DST transitions', () => {
    // Europe/Berlin switches at 01:00 UTC; Australia/Lord_Howe's half-hour switch falls at
    // 15:30 UTC (2024-10-05) and 14:30 UTC (2024-04-06), inside a UTC hour.
    const instants: number[] = [];
    for (const around of [
      '2024-03-31T01:00:00Z',
      '2024-10-27T01:00:00Z',
      '2024-10-05T15:30:00Z',
      '2024-04-06T14:30:00Z',
    ]) {
      const centre = Date.parse(around);
      for (let q = -16; q <= 16; q++) instants.push(centre + q * 15 * 60_000 + (q % 3) * 1000);
    }
    for (const timeZone of ['Europe/Berlin', 'Australia/Lord_Howe', 'America/New_York']) {
      const zone = resolveZone(timeZone);
      if (zone === undefined) throw new Error(timeZone);
      const expected = new Map<string, number>();
      for (const ms of instants) {
        const label = isoDateOfDay(periodStartDay(periodIndex(ms, 'day', zone), 'day'));
        expected.set(label, (expected.get(label) ?? 0) + 1);
      }
      const log = instants.map((ms, i) => ({ customerId: i, at: ms, amount: 1 }));
      const table = cohortRetention(log, { asOf: '2025-01-01', granularity: 'day', timeZone });
      expect(table.cohorts.map((row) => [row.cohort, row.size])).toEqual(
        [...expected].sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    }
  });
});

describe('cohortRetention: inputs', () => {
  it('does not depend on the order of the log', () => {
    const reference = plain(cohortRetention(HAND_LOG, { asOf: AS_OF, measure: 'revenue' }));
    for (const seed of [1, 2, 3, 42, 2024]) {
      const log = shuffled(HAND_LOG, seed);
      expect(plain(cohortRetention(log, { asOf: AS_OF, measure: 'revenue' }))).toEqual(reference);
      expect(
        grid(cohortRetention(log, { asOf: AS_OF, mode: 'bracket', brackets: BRACKETS })),
      ).toEqual(
        grid(cohortRetention(HAND_LOG, { asOf: AS_OF, mode: 'bracket', brackets: BRACKETS })),
      );
    }
    // the reverse order too, where each customer's first purchase comes last
    expect(
      plain(cohortRetention([...HAND_LOG].reverse(), { asOf: AS_OF, measure: 'revenue' })),
    ).toEqual(reference);
  });

  it('reads columns, typed arrays included, like rows', () => {
    const ids = ['a', 'a', 'b', 'c', 'c'];
    const at = ['2024-01-03', '2024-02-03', '2024-01-20', '2024-02-10', '2024-03-05'].map(
      (iso) => parseTimestamp(iso) as number,
    );
    const amount = [10, 20, 5.5, 7, 8];
    const rows = ids.map((customerId, i) => ({
      customerId,
      at: at[i] as number,
      amount: amount[i] as number,
    }));
    const columns = {
      customerId: ids,
      at: Float64Array.from(at),
      amount: Float64Array.from(amount),
    };
    for (const measure of ['customers', 'revenue'] as const) {
      expect(plain(cohortRetention(columns, { asOf: '2024-03-10', measure }))).toEqual(
        plain(cohortRetention(rows, { asOf: '2024-03-10', measure })),
      );
    }
    // integer ids in an Int32Array
    const table = cohortRetention(
      {
        customerId: Int32Array.from([1, 1, 2]),
        at: Float64Array.from(at.slice(0, 3)),
        amount: [1, 1, 1],
      },
      { asOf: '2024-03-10' },
    );
    expect(grid(table)).toEqual([['2024-01-01', 2, [2, 1], ['1', '0.5']]]);
  });

  it('does not change the log or the options', () => {
    const log = deepFreeze(HAND_LOG.map((row) => ({ ...row })));
    const options = deepFreeze({
      asOf: new Date('2024-05-10T00:00:00Z'),
      mode: 'bracket' as const,
      brackets: BRACKETS.map((b) => ({ ...b })),
      measure: 'revenue' as const,
    });
    const before = JSON.stringify([log, options]);
    cohortRetention(log, options);
    expect(JSON.stringify([log, options])).toBe(before);
    const jan1 = Date.UTC(2024, 0, 1);
    const columns = {
      customerId: ['a', 'b'],
      at: Float64Array.of(jan1, jan1 + 86_400_000),
      amount: Float64Array.of(1, 2),
    };
    cohortRetention(columns, { asOf: jan1 + 2 * 86_400_000 });
    expect([...columns.at]).toEqual([jan1, jan1 + 86_400_000]);
    expect([...columns.amount]).toEqual([1, 2]);
  });

  it('ids are Map keys: __proto__ is a customer, and 1 and "1" are two customers', () => {
    const log = [
      { customerId: '__proto__', at: '2024-01-01', amount: 1 },
      { customerId: 1, at: '2024-01-02', amount: 1 },
      { customerId: '1', at: '2024-01-03', amount: 1 },
      { customerId: '__proto__', at: '2024-02-01', amount: 1 },
    ];
    expect(grid(cohortRetention(log, { asOf: '2024-03-01' }))).toEqual([
      ['2024-01-01', 3, [3, 1], ['1', THIRD]],
    ]);
  });

  it('accepts asOf as a Date, an ISO string or epoch ms alike; normalises the UTC aliases', () => {
    const ms = Date.UTC(2024, 4, 10);
    const fromDate = plain(cohortRetention(HAND_LOG, { asOf: new Date(ms) }));
    expect(plain(cohortRetention(HAND_LOG, { asOf: ms }))).toEqual(fromDate);
    expect(plain(cohortRetention(HAND_LOG, { asOf: '2024-05-10T02:00:00+02:00' }))).toEqual(
      fromDate,
    );
    expect(cohortRetention(HAND_LOG, { asOf: ms, timeZone: 'Etc/UTC' }).timeZone).toBe('UTC');
  });

  it('is JSON-serialisable (Decimals become strings)', () => {
    const json = plain(cohortRetention(HAND_LOG, { asOf: AS_OF, periods: 2 }));
    expect(json).toEqual({
      granularity: 'month',
      mode: 'classic',
      measure: 'customers',
      timeZone: 'UTC',
      asOf: '2024-05-10T23:59:59.999Z',
      periods: 2,
      columns: ['k=0', 'k=1'],
      cohorts: [
        {
          cohort: '2024-01-01',
          size: 3,
          initialRevenue: '60',
          values: [3, 1],
          rates: ['1', THIRD],
        },
        {
          cohort: '2024-02-01',
          size: 2,
          initialRevenue: '45',
          values: [2, 1],
          rates: ['1', '0.5'],
        },
        { cohort: '2024-03-01', size: 1, initialRevenue: '9', values: [1, 1], rates: ['1', '1'] },
      ],
    });
  });
});

describe('cohortRetention: bad input', () => {
  const log = HAND_LOG;

  it.each([
    [
      { asOf: AS_OF, mode: 'bracket' },
      'brackets',
      "cohortRetention: brackets is required when mode is 'bracket'",
    ],
    [
      { asOf: AS_OF, brackets: BRACKETS },
      'brackets',
      "cohortRetention: brackets is only used with mode 'bracket' (mode is 'classic')",
    ],
    [
      { asOf: AS_OF, mode: 'rolling', brackets: BRACKETS },
      'brackets',
      "cohortRetention: brackets is only used with mode 'bracket' (mode is 'rolling')",
    ],
    [
      {
        asOf: AS_OF,
        mode: 'bracket',
        brackets: [
          { from: 0, to: 2 },
          { from: 2, to: 3 },
        ],
      },
      'brackets[1].from',
      'cohortRetention: brackets[1].from (2) must be greater than brackets[0].to (2): brackets must be ascending and must not overlap',
    ],
    [
      {
        asOf: AS_OF,
        mode: 'bracket',
        brackets: [
          { from: 4, to: 6 },
          { from: 1, to: 3 },
        ],
      },
      'brackets[1].from',
      'cohortRetention: brackets[1].from (1) must be greater than brackets[0].to (6): brackets must be ascending and must not overlap',
    ],
    [
      { asOf: AS_OF, mode: 'bracket', brackets: [{ from: 3, to: 1 }] },
      'brackets[0].to',
      'cohortRetention: brackets[0].to (1) must not be less than from (3)',
    ],
    [
      { asOf: AS_OF, mode: 'bracket', brackets: [{ from: -1, to: 1 }] },
      'brackets[0].from',
      'cohortRetention: brackets[0].from must be an integer from 0 to 99999 (received -1)',
    ],
    [
      { asOf: AS_OF, mode: 'bracket', brackets: [{ from: 0, to: 1.5 }] },
      'brackets[0].to',
      'cohortRetention: brackets[0].to must be an integer from 0 to 99999 (received 1.5)',
    ],
    [
      { asOf: AS_OF, mode: 'bracket', brackets: [{ from: 0, until: 1 }] },
      'brackets[0].to',
      'cohortRetention: brackets[0].to must be an integer from 0 to 99999 (received undefined) (and 1 more issue)',
    ],
    [
      { asOf: AS_OF, mode: 'bracket', brackets: BRACKETS, periods: 4 },
      'periods',
      "cohortRetention: periods must not be given with mode 'bracket': the brackets set the columns",
    ],
    [
      { asOf: AS_OF, periods: 0 },
      'periods',
      'cohortRetention: periods must be an integer from 1 to 100000 (received 0)',
    ],
    [
      { asOf: AS_OF, periods: 2.5 },
      'periods',
      'cohortRetention: periods must be an integer from 1 to 100000 (received 2.5)',
    ],
    [
      { asOf: AS_OF, periods: '3' },
      'periods',
      'cohortRetention: periods must be an integer from 1 to 100000 (received "3")',
    ],
    [
      { asOf: AS_OF, periods: Number.POSITIVE_INFINITY },
      'periods',
      'cohortRetention: periods must be an integer from 1 to 100000 (received Infinity)',
    ],
    [
      { asOf: AS_OF, periods: 100_001 },
      'periods',
      'cohortRetention: periods must be an integer from 1 to 100000 (received 100001)',
    ],
    [
      { asOf: AS_OF, mode: 'bracket', brackets: [{ from: 0, to: 100_000 }] },
      'brackets[0].to',
      'cohortRetention: brackets[0].to must be an integer from 0 to 99999 (received 100000)',
    ],
    [{}, 'asOf', 'cohortRetention: asOf is required'],
    [
      { asOf: 'yesterday' },
      'asOf',
      'cohortRetention: asOf must be a Date or ISO-8601 string from 1900 to 2199, or epoch milliseconds from 1971 to 2199 (numbers are read in timeUnit \'ms\') (received "yesterday")',
    ],
    [
      { asOf: AS_OF, granularity: 'fortnight' },
      'granularity',
      "cohortRetention: granularity must be one of 'day', 'week', 'month', 'quarter', 'year' (received \"fortnight\")",
    ],
    [
      { asOf: AS_OF, granularity: 'week', cohortUnit: 'week' },
      'cohortUnit',
      'cohortRetention: cohortUnit give either granularity or cohortUnit (its former name), not both',
    ],
    [
      { asOf: AS_OF, mode: 'unbounded' },
      'mode',
      "cohortRetention: mode must be one of 'classic', 'rolling', 'bracket' (received \"unbounded\")",
    ],
    [
      { asOf: AS_OF, measure: 'orders' },
      'measure',
      "cohortRetention: measure must be one of 'customers', 'revenue' (received \"orders\")",
    ],
    [
      { asOf: AS_OF, timeZone: 'Mars/Olympus' },
      'timeZone',
      "cohortRetention: timeZone must be 'UTC', an offset such as '+03:00', or an IANA time zone (received \"Mars/Olympus\")",
    ],
    [{ asOf: AS_OF, unit: 'day' }, '', "cohortRetention: options has unknown field 'unit'"],
  ])('options %j → INVALID_INPUT naming %s', (options, field, message) => {
    const error = rejection(() => cohortsOf(log, options));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe(field);
    expect(error.message).toBe(message);
  });

  it('options that are not an object', () => {
    const error = rejection(() => cohortsOf(log, undefined));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('cohortRetention: options must be an object (received undefined)');
  });

  it('empty brackets → EMPTY_INPUT, as for every list that must not be empty', () => {
    const error = rejection(() => cohortsOf(log, { asOf: AS_OF, mode: 'bracket', brackets: [] }));
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.message).toBe('cohortRetention: brackets must not be empty');
  });

  it('an empty log gives a table with no cohorts (rows or columns)', () => {
    for (const empty of [[], { customerId: [], at: [], amount: [] }]) {
      const table = cohortsOf(empty, { asOf: AS_OF });
      expect(table.cohorts).toEqual([]);
      expect(table.columns).toEqual(['k=0']);
      expect(table.periods).toBe(1);
    }
  });

  it.each([
    [
      'log[1].amount',
      [
        { customerId: 'a', at: '2024-01-01', amount: 1 },
        { customerId: 'a', at: '2024-01-02', amount: -5 },
      ],
      'cohortRetention: log[1].amount must be a non-negative finite amount of money; a refund is not a purchase: leave it out, or net it against the purchase it refunds (received -5)',
    ],
    [
      'log[0].at',
      [{ customerId: 'a', at: 'last tuesday', amount: 1 }],
      'cohortRetention: log[0].at must be a Date or ISO-8601 string from 1900 to 2199, or epoch milliseconds from 1971 to 2199 (numbers are read in timeUnit \'ms\') (received "last tuesday")',
    ],
    [
      'log[0].customerId',
      [{ customerId: null, at: '2024-01-01', amount: 1 }],
      'cohortRetention: log[0].customerId must be a string, a finite number or a bigint (received null)',
    ],
    [
      'log[0].amount',
      [{ customerId: 'a', at: '2024-01-01', amount: Number.NaN }],
      'cohortRetention: log[0].amount must be a non-negative finite amount of money (received NaN)',
    ],
    [
      'log[1]',
      [{ customerId: 'a', at: '2024-01-01', amount: 1 }, null],
      'cohortRetention: log[1] must be an object with customerId, at and amount (received null)',
    ],
    [
      'log.amount',
      { customerId: ['a', 'b'], at: [0, 1], amount: [1] },
      'cohortRetention: log.amount has 1 values but log.customerId has 2: columns must have equal lengths',
    ],
    [
      'log',
      'a,b,c',
      'cohortRetention: log must be an array of transactions or an object of columns (received "a,b,c")',
    ],
  ])('a bad log → INVALID_INPUT naming %s', (field, badLog, message) => {
    const error = rejection(() => cohortsOf(badLog, { asOf: AS_OF }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe(field);
    expect(error.message).toBe(message);
  });

  it('validates rows after asOf too', () => {
    const error = rejection(() =>
      cohortsOf([...HAND_LOG, { customerId: 'z', at: '2030-01-01', amount: '-1' }], {
        asOf: AS_OF,
      }),
    );
    expect(error.message).toBe(
      `cohortRetention: log[${HAND_LOG.length}].amount must be a non-negative finite amount of money; a refund is not a purchase: leave it out, or net it against the purchase it refunds (received "-1")`,
    );
  });

  it('the exported schema accepts the defaults and rejects the same options', () => {
    expect(cohortRetentionOptionsSchema.safeParse({ asOf: AS_OF }).success).toBe(true);
    expect(
      cohortRetentionOptionsSchema.safeParse({ asOf: AS_OF, mode: 'bracket', brackets: BRACKETS })
        .success,
    ).toBe(true);
    expect(cohortRetentionOptionsSchema.safeParse({ asOf: AS_OF, mode: 'bracket' }).success).toBe(
      false,
    );
  });
});

// A direct implementation of the documented definitions, row by row, for the property tests.
function referenceTable(
  log: readonly Transaction[],
  options: {
    asOf: number;
    granularity: CalendarUnit;
    mode: CohortMode;
    measure: CohortMeasure;
    timeZone: string;
    periods?: number;
    brackets?: PeriodBracket[];
  },
): unknown {
  const zone = resolveZone(options.timeZone);
  if (zone === undefined) throw new Error(options.timeZone);
  const unit = options.granularity;
  const purchases = log
    .map((row) => ({
      id: row.customerId,
      ms: parseTimestamp(row.at) as number,
      amount: new D(String(row.amount)),
    }))
    .filter((p) => p.ms <= options.asOf)
    .map((p) => ({ ...p, period: periodIndex(p.ms, unit, zone) }));
  const firstOf = new Map<unknown, number>();
  for (const p of purchases) firstOf.set(p.id, Math.min(firstOf.get(p.id) ?? Infinity, p.period));
  const end = periodIndex(options.asOf + 1, unit, zone);
  const cohortList = [...new Set(firstOf.values())].sort((a, b) => a - b);
  const periods =
    options.brackets !== undefined
      ? (options.brackets[options.brackets.length - 1] as PeriodBracket).to + 1
      : (options.periods ??
        (cohortList.length === 0 ? 1 : Math.max(1, end - (cohortList[0] as number))));
  const ranges: [number, number, number][] =
    options.brackets !== undefined
      ? options.brackets.map((b) => [b.from, b.to, b.to])
      : Array.from({ length: periods }, (_, k) => [
          k,
          options.mode === 'rolling' ? Number.POSITIVE_INFINITY : k,
          k,
        ]);
  return {
    periods,
    cohorts: cohortList.map((c) => {
      const members = [...firstOf].filter(([, first]) => first === c).map(([id]) => id);
      const own = purchases.filter((p) => firstOf.get(p.id) === c);
      const revenueIn = (lo: number, hi: number): Decimal =>
        own
          .filter((p) => p.period - c >= lo && p.period - c <= hi)
          .reduce((sum, p) => sum.plus(p.amount), new D(0));
      const initial = revenueIn(0, 0);
      const cells = ranges.map(([lo, hi, lastPeriod]) => {
        if (c + lastPeriod >= end) return [null, null];
        if (options.measure === 'revenue') {
          const value = revenueIn(lo, hi);
          return [value.toString(), initial.isZero() ? null : value.div(initial).toString()];
        }
        const active = new Set(
          own.filter((p) => p.period - c >= lo && p.period - c <= hi).map((p) => p.id),
        ).size;
        return [active, new D(active).div(members.length).toString()];
      });
      return [
        isoDateOfDay(periodStartDay(c, unit)),
        members.length,
        initial.toString(),
        cells.map((cell) => cell[0]),
        cells.map((cell) => cell[1]),
      ];
    }),
  };
}

const START = Date.UTC(2023, 10, 1);
const SPAN = 240 * MS_PER_DAY;
const arbitraryLog = fc.array(
  fc.record({
    customerId: fc.constantFrom<string | number>('a', 'b', 'c', 'd', 'e', 1, 2, '__proto__'),
    at: fc.integer({ min: START, max: START + SPAN }),
    amount: fc.oneof(
      fc.integer({ min: 0, max: 100_000 }).map((cents) => cents / 100),
      fc.integer({ min: 0, max: 100_000 }).map((mills) => (mills / 1000).toFixed(3)),
    ),
  }),
  { minLength: 1, maxLength: 40 },
);
const arbitraryBrackets = fc
  .array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 8 })
  .map((steps) => {
    const brackets: PeriodBracket[] = [];
    let at = (steps[0] as number) % 2;
    for (let i = 1; i + 1 < steps.length + 1; i += 2) {
      const from = at;
      const to = from + (steps[i] ?? 0);
      brackets.push({ from, to });
      at = to + 1 + (steps[i + 1] ?? 0);
    }
    return brackets.length === 0 ? [{ from: 0, to: 0 }] : brackets;
  });
const arbitraryOptions = fc.record({
  asOf: fc.integer({ min: START, max: START + SPAN + 30 * MS_PER_DAY }),
  granularity: fc.constantFrom<CalendarUnit>('day', 'week', 'month', 'quarter', 'year'),
  mode: fc.constantFrom<CohortMode>('classic', 'rolling', 'bracket'),
  measure: fc.constantFrom<CohortMeasure>('customers', 'revenue'),
  timeZone: fc.constantFrom(
    'UTC',
    '+05:30',
    '-08:00',
    'Europe/Berlin',
    'America/New_York',
    'Australia/Lord_Howe',
  ),
  periods: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
  brackets: arbitraryBrackets,
});

/**
 * cohortRetention, or undefined where it raises EMPTY_INPUT, which it must do only when every
 * row of a non-empty log is after asOf (the message says so).
 */
function tableOrNothing(
  log: readonly Transaction[],
  options: CohortRetentionOptions,
): ReturnType<typeof cohortRetention> | undefined {
  try {
    return cohortRetention(log, options);
  } catch (error) {
    if (!(error instanceof RetentionMetricsError) || error.code !== 'EMPTY_INPUT') throw error;
    expect(error.message).toContain(`all ${log.length} rows of the log are after asOf`);
    return undefined;
  }
}

describe('cohortRetention: properties', () => {
  it('equals a direct row-by-row implementation of the definitions', () => {
    fc.assert(
      fc.property(arbitraryLog, arbitraryOptions, (log, o) => {
        const options = {
          asOf: o.asOf,
          granularity: o.granularity,
          mode: o.mode,
          measure: o.measure,
          timeZone: o.timeZone,
          ...(o.mode === 'bracket'
            ? { brackets: o.brackets }
            : o.periods === undefined
              ? {}
              : { periods: o.periods }),
        };
        const table = tableOrNothing(log, options);
        if (table === undefined) return;
        const actual = {
          periods: table.periods,
          cohorts: table.cohorts.map((row) => [
            row.cohort,
            row.size,
            row.initialRevenue.toString(),
            row.values.map((v) => (v === null || typeof v === 'number' ? v : v.toString())),
            row.rates.map((r) => (r === null ? null : r.toString())),
          ]),
        };
        expect(actual).toEqual(referenceTable(log, options));
      }),
      { numRuns: 300 },
    );
  });

  it('classic ≤ rolling, rolling is non-increasing, k = 0 is the size, rates in [0, 1]', () => {
    fc.assert(
      fc.property(arbitraryLog, arbitraryOptions, (log, o) => {
        const base = { asOf: o.asOf, granularity: o.granularity, timeZone: o.timeZone };
        const classic = tableOrNothing(log, base);
        const rolling = tableOrNothing(log, { ...base, mode: 'rolling' });
        if (classic === undefined || rolling === undefined) return;
        classic.cohorts.forEach((row, i) => {
          const rollingRow = rolling.cohorts[i];
          if (rollingRow === undefined) throw new Error('cohorts differ');
          if (row.values[0] !== null) expect(row.values[0]).toBe(row.size);
          let previous = Number.POSITIVE_INFINITY;
          row.values.forEach((value, k) => {
            const r = rollingRow.values[k];
            if (value === null) {
              expect(r).toBeNull();
              return;
            }
            expect(typeof value === 'number' && typeof r === 'number').toBe(true);
            expect(value as number).toBeLessThanOrEqual(r as number);
            expect(r as number).toBeLessThanOrEqual(previous);
            previous = r as number;
            const rate = rollingRow.rates[k];
            expect(rate?.gte(0) === true && rate.lte(1)).toBe(true);
          });
        });
        const customers = new Set(
          log
            .filter((row) => (parseTimestamp(row.at) as number) <= o.asOf)
            .map((row) => row.customerId),
        );
        expect(classic.cohorts.reduce((sum, row) => sum + row.size, 0)).toBe(customers.size);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order of the rows', () => {
    fc.assert(
      fc.property(arbitraryLog, arbitraryOptions, fc.integer(), (log, o, seed) => {
        const options = {
          asOf: o.asOf,
          granularity: o.granularity,
          measure: o.measure,
          timeZone: o.timeZone,
        };
        const table = tableOrNothing(log, options);
        if (table === undefined) return;
        expect(plain(cohortRetention(shuffled(log, seed), options))).toEqual(plain(table));
      }),
      { numRuns: 100 },
    );
  });
});

describe('cohortRetention: the granularity of cohorts (quarter, year, and the former name)', () => {
  const log: Transaction[] = [
    { customerId: 'a', at: '2024-01-05', amount: 10 },
    { customerId: 'a', at: '2024-04-10', amount: 10 },
    { customerId: 'b', at: '2024-02-01', amount: 10 },
    { customerId: 'c', at: '2024-05-01', amount: 10 },
  ];

  it('quarters: Q1 = {a, b}, a back in Q2; Q2 = {c}; Q3 has not run', () => {
    const table = cohortRetention(log, { asOf: '2024-06-30', granularity: 'quarter' });
    expect(table.granularity).toBe('quarter');
    expect(grid(table)).toEqual([
      ['2024-01-01', 2, [2, 1], ['1', '0.5']],
      ['2024-04-01', 1, [1, null], ['1', null]],
    ]);
  });

  it('years: 2024 has not run to its end, so its cell is null', () => {
    const table = cohortRetention(log, { asOf: '2024-06-30', granularity: 'year' });
    expect(grid(table)).toEqual([['2024-01-01', 3, [null], [null]]]);
    const done = cohortRetention(log, { asOf: '2024-12-31', granularity: 'year' });
    expect(grid(done)).toEqual([['2024-01-01', 3, [3], ['1']]]);
  });

  it('the former option name cohortUnit still works, and reads like granularity', () => {
    expect(cohortRetention(log, { asOf: '2024-06-30', cohortUnit: 'quarter' })).toEqual(
      cohortRetention(log, { asOf: '2024-06-30', granularity: 'quarter' }),
    );
  });
});
