import { readFileSync } from 'node:fs';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { compressSummaries } from '../../src/transactions/compress.js';
import type { CustomerSummary } from '../../src/transactions/customer-summary.js';
import { calibrationHoldoutSummary } from '../../src/transactions/holdout.js';
import type { Transaction } from '../../src/transactions/log.js';
import {
  createSummaryAccumulator,
  summarizeTransactions,
} from '../../src/transactions/summarize.js';

// Outside source: Fader & Hardie's CDNOW sample and the two per-customer summaries of it that the
// Python library lifetimes ships (test/fixtures/README.md has the provenance and the formats).
// lifetimes computed them with summary_data_from_transaction_data(..., observation_period_end=
// '1997-09-30', freq='D', freq_multiplier=7): same-day rows merged, durations in weeks = days / 7.
// The totals (2,457 repeat transactions, 946 repeat customers, 1,411 with zbar 0, 1,882 holdout
// repeat transaction-days, 223 repeated customer-days) are those of ../shared/data/README.md,
// checked there with pandas.

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

interface SampleRow {
  readonly id: number;
  /** YYYYMMDD as in the file. */
  readonly yyyymmdd: string;
  readonly dollars: string;
}

/** CDNOW_sample.txt: whitespace-separated, CRLF, no header; columns master id, id, date, CDs, $. */
const sample: SampleRow[] = fixture('CDNOW_sample.txt')
  .split('\r\n')
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [, id, yyyymmdd, , dollars] = line.trim().split(/\s+/);
    if (id === undefined || yyyymmdd === undefined || dollars === undefined) {
      throw new Error(`test setup: bad CDNOW line ${JSON.stringify(line)}`);
    }
    return { id: Number(id), yyyymmdd, dollars };
  });

const isoDate = (d: string): string => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

const columns = {
  customerId: sample.map((r) => r.id),
  at: sample.map((r) => isoDate(r.yyyymmdd)),
  amount: sample.map((r) => r.dollars),
};
const rows: Transaction[] = sample.map((r) => ({
  customerId: r.id,
  at: isoDate(r.yyyymmdd),
  amount: r.dollars,
}));

/** Splits a CSV (LF or CRLF, with or without a final newline) into its header and rows. */
function csv(name: string): { header: string[]; rows: string[][] } {
  const lines = fixture(name)
    .split(/\r?\n/)
    .filter((line) => line !== '');
  const [header, ...body] = lines.map((line) => line.split(','));
  if (header === undefined) throw new Error(`test setup: ${name} is empty`);
  return { header, rows: body };
}

const OPTIONS = { asOf: '1997-09-30', granularity: 'day', unit: 'week' } as const;

const fromColumns = summarizeTransactions(columns, OPTIONS);
const fromRows = summarizeTransactions(rows, OPTIONS);

/** Decimals as strings and Dates as ISO strings, for deep comparison. */
function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Decimal.isDecimal(value)) return value.toString();
  if (Array.isArray(value)) return value.map(normalise);
  // A table compares as its rows.
  if (typeof value === 'object' && value !== null && 'toRows' in value) {
    return normalise((value as { toRows(): unknown[] }).toRows());
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

/** Dollars as BigInt cents from a two-decimal string ('29.33' → 2933n). */
function cents(dollars: string): bigint {
  const m = /^(\d+)\.(\d{2})$/.exec(dollars);
  if (m === null) throw new Error(`test setup: not a two-decimal amount: ${dollars}`);
  return BigInt(m[1] as string) * 100n + BigInt(m[2] as string);
}

/** Cents as the exact decimal string decimal.js prints (no trailing fractional zeros). */
function centsToString(c: bigint): string {
  const fraction = (c % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return `${c / 100n}${fraction === '' ? '' : `.${fraction}`}`;
}

const twoDecimals = (x: number): string => x.toFixed(2);

describe('the fixture as parsed', () => {
  it('has 6,919 rows of 2,357 customers (ids 1..2357), dated 1997-01-01..1998-06-30', () => {
    expect(sample).toHaveLength(6919);
    const ids = new Set(sample.map((r) => r.id));
    expect(ids.size).toBe(2357);
    expect(Math.min(...ids)).toBe(1);
    expect(Math.max(...ids)).toBe(2357);
    const dates = sample.map((r) => r.yyyymmdd).sort();
    expect(dates[0]).toBe('19970101');
    expect(dates[dates.length - 1]).toBe('19980630');
    // 223 rows repeat a (customer, day) pair already seen
    expect(sample.length - new Set(sample.map((r) => `${r.id}|${r.yyyymmdd}`)).size).toBe(223);
  });
});

describe('CDNOW calibration summary (asOf 1997-09-30, days collapsed, weeks)', () => {
  it('columns and rows give the same summaries', () => {
    expect(normalise(fromColumns)).toEqual(normalise(fromRows));
  });

  it('reproduces cdnow_customers_summary_with_transactions.csv for all 2,357 customers', () => {
    const { header, rows: expected } = csv('cdnow_customers_summary_with_transactions.csv');
    expect(header).toEqual(['ID', 'x', 't_x', 'T', 'zbar']);
    expect(expected).toHaveLength(2357);
    expect(fromColumns).toHaveLength(2357);
    const mismatches: string[] = [];
    expected.forEach(([id, x, tx, T, zbar], i) => {
      const s = fromColumns.at(i) as CustomerSummary;
      // zbar in the file is the exact mean rounded half-up to cents (22.345 → 22.35)
      const ourZbar = s.monetaryValue.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
      const ours = [
        String(s.customerId),
        String(s.frequency),
        twoDecimals(s.recency),
        twoDecimals(s.T),
        ourZbar,
      ];
      const theirs = [
        id,
        x,
        twoDecimals(Number(tx)),
        twoDecimals(Number(T)),
        // every zbar in the file is written with two decimals
        zbar,
      ];
      if (ours.join(',') !== theirs.join(',')) {
        mismatches.push(`ours ${ours.join(',')} vs file ${theirs.join(',')}`);
      }
    });
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('matches the file only when zbar is rounded half-up, as the file was written', () => {
    // Customer 1: repeat orders of 1997-01-18 ($29.73) and 1997-08-02 ($14.96), mean 44.69 / 2 =
    // 22.345 exactly; half-up gives the file's 22.35, half-even would give 22.34.
    const first = fromColumns.at(0) as CustomerSummary;
    expect(first.customerId).toBe(1);
    expect(first.monetaryValue.toString()).toBe('22.345');
    expect(first.monetaryValue.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2)).toBe(
      '22.34',
    );
    // 74.02 / 3 = 24.67333…, to 34 significant digits
    expect(first.averageOrderValue.toString()).toBe(`24.67${'3'.repeat(30)}`);
    expect(first.totalRevenue.toString()).toBe('74.02'); // 29.33 + 29.73 + 14.96
    expect([first.frequency, twoDecimals(first.recency), twoDecimals(first.T)]).toEqual([
      2,
      '30.43', // 1997-01-01 → 1997-08-02 = 213 days = 30.428… weeks
      '38.86', // 1997-01-01 → 1997-09-30 = 272 days = 38.857… weeks
    ]);
  });

  it('reproduces cdnow_customers_summary.csv (frequency, recency, T)', () => {
    const { header, rows: expected } = csv('cdnow_customers_summary.csv');
    expect(header).toEqual(['ID', 'frequency', 'recency', 'T']);
    expect(expected).toHaveLength(2357);
    const ours = fromRows
      .toRows()
      .map((s) =>
        [String(s.customerId), String(s.frequency), twoDecimals(s.recency), twoDecimals(s.T)].join(
          ',',
        ),
      );
    const theirs = expected.map(([id, f, r, T]) =>
      [id, f, twoDecimals(Number(r)), twoDecimals(Number(T))].join(','),
    );
    expect(ours).toEqual(theirs);
  });

  it('has the published totals: 2,457 repeat transactions, 946 repeat customers, 1,411 with zbar 0', () => {
    expect(fromColumns.toRows().reduce((sum, s) => sum + s.frequency, 0)).toBe(2457);
    expect(fromColumns.toRows().filter((s) => s.frequency > 0)).toHaveLength(946);
    const zeroSpend = fromColumns.toRows().filter((s) => s.monetaryValue.isZero());
    expect(zeroSpend).toHaveLength(1411);
    expect(zeroSpend.every((s) => s.frequency === 0)).toBe(true);
    // orders = first purchases + repeat purchases
    expect(fromColumns.toRows().reduce((sum, s) => sum + s.orders, 0)).toBe(2357 + 2457);
    // T lies between 27.00 and 38.86 weeks (first purchases are in 1997-Q1)
    expect(Math.min(...fromColumns.toRows().map((s) => s.T)).toFixed(2)).toBe('27.00');
    expect(Math.max(...fromColumns.toRows().map((s) => s.T)).toFixed(2)).toBe('38.86');
  });

  it('totalRevenue adds up to the exact sum of every row dated ≤ 1997-09-30 (BigInt cents)', () => {
    const expected = sample
      .filter((r) => r.yyyymmdd <= '19970930')
      .reduce((sum, r) => sum + cents(r.dollars), 0n);
    const ours = fromColumns
      .toRows()
      .reduce((sum, s) => sum.plus(s.totalRevenue.toString()), new Decimal(0));
    expect(ours.toString()).toBe(centsToString(expected));
  });

  it('counts the rows after asOf it left out', () => {
    const after = sample.filter((r) => r.yyyymmdd > '19970930').length;
    const acc = createSummaryAccumulator(OPTIONS).addMany(columns);
    expect(acc.rowsAfterAsOf).toBe(after);
    expect(acc.size).toBe(2357);
    expect(after).toBeGreaterThan(0);
  });

  it('over the whole period, orders are the 6,919 − 223 = 6,696 distinct customer-days', () => {
    const whole = summarizeTransactions(columns, { ...OPTIONS, asOf: '1998-06-30' });
    expect(whole.toRows().reduce((sum, s) => sum + s.orders, 0)).toBe(6919 - 223);
    const total = sample.reduce((sum, r) => sum + cents(r.dollars), 0n);
    const ours = whole
      .toRows()
      .reduce((sum, s) => sum.plus(s.totalRevenue.toString()), new Decimal(0));
    expect(ours.toString()).toBe(centsToString(total));
  });
});

describe('CDNOW calibration / holdout split (39 + 39 weeks)', () => {
  const split = calibrationHoldoutSummary(columns, {
    calibrationEnd: '1997-09-30',
    observationEnd: '1998-06-30',
    unit: 'week',
  });

  it('has 1,882 holdout repeat transaction-days and a 39-week holdout for everybody', () => {
    expect(split.customers).toHaveLength(2357);
    expect(split.customers.reduce((sum, c) => sum + c.frequencyHoldout, 0)).toBe(1882);
    // 1997-09-30 → 1998-06-30 is 273 days = 39 weeks
    expect(new Set(split.customers.map((c) => c.durationHoldout))).toEqual(new Set([39]));
    // every first purchase is in 1997-Q1, and no row is after 1998-06-30
    expect(split.customersFirstSeenInHoldout).toBe(0);
    expect(split.rowsAfterObservationEnd).toBe(0);
    // calibration + holdout orders = every distinct customer-day
    expect(2357 + 2457 + 1882).toBe(6919 - 223);
  });

  it('keeps the calibration summary of summarizeTransactions', () => {
    const calibration = split.customers.map(
      ({ frequencyHoldout, durationHoldout, ...rest }) => rest,
    );
    expect(normalise(calibration)).toEqual(normalise(fromColumns));
  });
});

describe('compressSummaries on CDNOW', () => {
  it('gives 1,016 distinct (frequency, recency, T) rows whose weights add up to 2,357', () => {
    const compressed = compressSummaries(fromColumns);
    expect(compressed).toHaveLength(1016);
    expect(compressed.reduce((sum, r) => sum + r.weight, 0)).toBe(2357);
    // ordered by frequency, then recency, then T
    for (let i = 1; i < compressed.length; i++) {
      const a = compressed[i - 1];
      const b = compressed[i];
      if (a === undefined || b === undefined) throw new Error('unreachable');
      expect(a.frequency - b.frequency || a.recency - b.recency || a.T - b.T).toBeLessThan(0);
    }
  });

  it('reads the summary table as its rows, and scans the columns a caller can write into', () => {
    expect(compressSummaries(fromColumns)).toEqual(compressSummaries(fromRows.toRows()));
    const table = summarizeTransactions(columns, OPTIONS);
    // a recency beyond T, written into the typed column, is caught as in rows
    (table.columns.recency as Float64Array)[3] = (table.columns.T[3] as number) + 1;
    const error = (() => {
      try {
        compressSummaries(table);
      } catch (e) {
        return e as { code: string; path: unknown[] };
      }
      throw new Error('compressSummaries accepted a recency beyond T');
    })();
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toEqual(['summaries', 3, 'recency']);
    // the same row as a plain object names the same field
    const rows = summarizeTransactions(columns, { ...OPTIONS, form: 'rows' }).map((s, i) =>
      i === 3 ? { ...s, frequency: -1 } : s,
    );
    expect(() => compressSummaries(rows)).toThrow('compressSummaries: summaries[3].frequency');
  });
});
