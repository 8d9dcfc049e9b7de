import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { isRetentionMetricsError, type RetentionMetricsError } from '../../src/core/errors.js';
import { calibrationHoldoutSummary } from '../../src/transactions/holdout.js';
import type { Transaction, TransactionColumns } from '../../src/transactions/log.js';
import {
  createSummaryAccumulator,
  summarizeTransactions,
} from '../../src/transactions/summarize.js';

// Bad input: every error is a RetentionMetricsError with code INVALID_INPUT whose message and
// `field` name the row index and the field (`log[3].at`); nothing is silently dropped, and no
// input is mutated.

function thrown(fn: () => unknown): RetentionMetricsError {
  try {
    fn();
  } catch (error) {
    expect(isRetentionMetricsError(error), String(error)).toBe(true);
    return error as RetentionMetricsError;
  }
  throw new Error('expected a RetentionMetricsError, but the function returned');
}

function expectInvalid(fn: () => unknown, field: string): RetentionMetricsError {
  const error = thrown(fn);
  expect(error.code).toBe('INVALID_INPUT');
  expect(error.field).toBe(field);
  expect(error.message).toContain(field === '' ? 'input' : field);
  return error;
}

const OPTIONS = { asOf: '2024-03-01' } as const;

/** Five good rows; tests put a bad value at index 3. */
function goodRows(): Record<string, unknown>[] {
  return [
    { customerId: 1, at: '2024-01-01', amount: '10.00' },
    { customerId: 'b', at: new Date('2024-01-02T00:00:00Z'), amount: 2.5 },
    { customerId: 1, at: Date.UTC(2024, 0, 3), amount: new Decimal('1.25') },
    { customerId: 2, at: '2024-01-04T12:00:00Z', amount: 0 },
    { customerId: 2, at: '2024-01-05', amount: '3' },
  ];
}

function withBad(field: 'customerId' | 'at' | 'amount', value: unknown, index = 3) {
  const rows = goodRows();
  rows[index] = { ...rows[index], [field]: value };
  return rows;
}

function asColumns(rows: Record<string, unknown>[]) {
  return {
    customerId: rows.map((r) => r.customerId),
    at: rows.map((r) => r.at),
    amount: rows.map((r) => r.amount),
  };
}

/** Every entry point that reads a log, with a log given as rows or columns. */
const readers: [string, (log: unknown) => unknown][] = [
  ['summarizeTransactions', (log) => summarizeTransactions(log as Transaction[], OPTIONS)],
  [
    'createSummaryAccumulator().addMany',
    (log) => createSummaryAccumulator(OPTIONS).addMany(log as Transaction[]),
  ],
  [
    'calibrationHoldoutSummary',
    (log) =>
      calibrationHoldoutSummary(log as Transaction[], {
        calibrationEnd: '2024-01-03',
        observationEnd: '2024-03-01',
      }),
  ],
];

const badIds: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['an object', { id: 1 }],
  ['an array', [1]],
  ['a boolean', true],
  ['a symbol', Symbol('id')],
  ['a Date', new Date('2024-01-01')],
];

const badDates: [string, unknown][] = [
  ["'03/04/2020'", '03/04/2020'],
  ["'2021-02-29' (2021 is not a leap year)", '2021-02-29'],
  ["''", ''],
  ['an invalid Date', new Date(Number.NaN)],
  ['NaN ms', Number.NaN],
  ['Infinity ms', Number.POSITIVE_INFINITY],
  ['ms beyond ±8.64e15', 8.64e15 + 1],
  ["'tomorrow'", 'tomorrow'],
  ["'2024-13-01'", '2024-13-01'],
  ["'2024-01-01T24:00'", '2024-01-01T24:00'],
  ['undefined', undefined],
  ['null', null],
  ['an object', { year: 2024 }],
];

const badAmounts: [string, unknown][] = [
  ['-1', -1],
  ["'-1.00'", '-1.00'],
  ["'-0.001'", '-0.001'],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ["'abc'", 'abc'],
  ["''", ''],
  ["' 1'", ' 1'],
  ["'1,00'", '1,00'],
  ["'NaN'", 'NaN'],
  ["'Infinity'", 'Infinity'],
  ["'0x10'", '0x10'],
  ['a negative Decimal', new Decimal('-0.01')],
  ['a NaN Decimal', new Decimal(Number.NaN)],
  ['undefined', undefined],
  ['null', null],
  ['a boolean', true],
];

describe.each(readers)('%s: a bad row names its index and field', (_name, read) => {
  it.each(badIds)('customerId %s → log[3].customerId', (_label, value) => {
    expectInvalid(() => read(withBad('customerId', value)), 'log[3].customerId');
    expectInvalid(() => read(asColumns(withBad('customerId', value))), 'log[3].customerId');
  });

  it.each(badDates)('at %s → log[3].at', (_label, value) => {
    const error = expectInvalid(() => read(withBad('at', value)), 'log[3].at');
    expect(error.path).toEqual(['log', 3, 'at']);
    expectInvalid(() => read(asColumns(withBad('at', value))), 'log[3].at');
  });

  it.each(badAmounts)('amount %s → log[3].amount', (_label, value) => {
    expectInvalid(() => read(withBad('amount', value)), 'log[3].amount');
    expectInvalid(() => read(asColumns(withBad('amount', value))), 'log[3].amount');
  });

  it('a missing field is reported like undefined', () => {
    const rows = goodRows();
    const { at: _dropped, ...rest } = rows[3] as Record<string, unknown>;
    rows[3] = rest;
    expectInvalid(() => read(rows), 'log[3].at');
  });

  it('a row that is not an object names the row', () => {
    for (const value of [null, undefined, 'row', 42]) {
      const rows: unknown[] = goodRows();
      rows[2] = value;
      const error = expectInvalid(() => read(rows), 'log[2]');
      expect(error.message).toContain('log[2] must be an object');
    }
  });

  it('a sparse array hole is a bad row, not a skipped one', () => {
    const rows: unknown[] = goodRows();
    rows.length = 7; // indices 5 and 6 are holes
    expectInvalid(() => read(rows), 'log[5]');
  });

  it('a bad row anywhere throws: first, last, and after asOf', () => {
    expectInvalid(() => read(withBad('at', 'x', 0)), 'log[0].at');
    expectInvalid(() => read(withBad('amount', -5, 4)), 'log[4].amount');
    // a row after asOf (and after observationEnd) is still validated
    const late = [...goodRows(), { customerId: 9, at: '2030-01-01', amount: 'abc' }];
    expectInvalid(() => read(late), 'log[5].amount');
    const lateId = [...goodRows(), { customerId: null, at: '2030-01-01', amount: 1 }];
    expectInvalid(() => read(lateId), 'log[5].customerId');
  });

  it('the message shows the received value', () => {
    const error = thrown(() => read(withBad('at', '03/04/2020')));
    expect(error.message).toContain('log[3].at must be');
    expect(error.message).toContain('03/04/2020');
  });

  it('says what to do with a refund, an amount formatted for people, a spreadsheet date', () => {
    const refund = thrown(() => read(withBad('amount', '-15.00')));
    expect(refund.message).toContain(
      'log[3].amount must be a non-negative finite amount of money; a refund is not a purchase: leave it out, or net it against the purchase it refunds (received "-15.00")',
    );
    for (const formatted of ['1,234.50', '$12', ' 12.5 ', '12,50 €']) {
      expect(thrown(() => read(withBad('amount', formatted))).message).toContain(
        "a non-negative finite amount of money, in plain decimal notation ('1234.50')",
      );
    }
    // No hint where none applies: text without digits, and -0, which is zero and accepted.
    expect(thrown(() => read(withBad('amount', 'n/a'))).message).toContain(
      'log[3].amount must be a non-negative finite amount of money (received "n/a")',
    );
    expect(() => read(withBad('amount', '-0.00'))).not.toThrow();
    // 45,292 days after 1899-12-30 is 2024-01-01 (test/core/instant.test.ts).
    expect(thrown(() => read(withBad('at', 45_292))).message).toContain(
      '45292 looks like a spreadsheet serial date (2024-01-01): convert it first',
    );
  });

  it('columns of unequal length name the column', () => {
    const columns = asColumns(goodRows());
    expectInvalid(() => read({ ...columns, at: columns.at.slice(0, 4) }), 'log.at');
    expectInvalid(() => read({ ...columns, amount: [...columns.amount, 1] }), 'log.amount');
    const error = thrown(() => read({ ...columns, amount: [...columns.amount, 1] }));
    expect(error.message).toContain('6');
    expect(error.message).toContain('5');
  });

  it('a missing or non-list column names the column', () => {
    const { amount: _amount, ...twoColumns } = asColumns(goodRows());
    expectInvalid(() => read(twoColumns), 'log.amount');
    expectInvalid(() => read({ ...asColumns(goodRows()), customerId: 'abc' }), 'log.customerId');
    expectInvalid(() => read({ ...asColumns(goodRows()), at: 5 }), 'log.at');
  });

  it('a log that is neither an array nor an object of columns', () => {
    for (const value of ['abc', 42, null, undefined, true]) {
      expectInvalid(() => read(value), 'log');
    }
  });

  it('an iterable of rows (a Set, a Map, a generator) is asked for as an array', () => {
    const rows = goodRows();
    const iterables: [string, unknown][] = [
      ['a Set', new Set(rows)],
      ['a Map', new Map(rows.map((row, i) => [i, row]))],
      [
        'a Generator',
        (function* () {
          yield* rows;
        })(),
      ],
    ];
    for (const [received, value] of iterables) {
      const error = expectInvalid(() => read(value), 'log');
      expect(error.message).toContain(
        `log must be an array of transactions or an object of columns (received ${received}): make it an array first (Array.from)`,
      );
    }
  });
});

describe('bad options', () => {
  const log = goodRows() as unknown as Transaction[];
  const cases: [string, unknown, string][] = [
    ['no asOf', {}, 'asOf'],
    ["asOf 'yesterday'", { asOf: 'yesterday' }, 'asOf'],
    ['asOf an invalid Date', { asOf: new Date(Number.NaN) }, 'asOf'],
    ['asOf NaN', { asOf: Number.NaN }, 'asOf'],
    ["granularity 'fortnight'", { asOf: '2024-01-01', granularity: 'fortnight' }, 'granularity'],
    ['unit 0', { asOf: '2024-01-01', unit: 0 }, 'unit'],
    ['unit -7', { asOf: '2024-01-01', unit: -7 }, 'unit'],
    ['unit Infinity', { asOf: '2024-01-01', unit: Number.POSITIVE_INFINITY }, 'unit'],
    ["unit 'fortnight'", { asOf: '2024-01-01', unit: 'fortnight' }, 'unit'],
    ["timeZone 'Mars/Base'", { asOf: '2024-01-01', timeZone: 'Mars/Base' }, 'timeZone'],
    ["timeZone '+25:00'", { asOf: '2024-01-01', timeZone: '+25:00' }, 'timeZone'],
    ['timeZone 3', { asOf: '2024-01-01', timeZone: 3 }, 'timeZone'],
  ];

  it.each(cases)('%s → INVALID_INPUT naming the option', (_label, options, field) => {
    expectInvalid(() => summarizeTransactions(log, options as never), field);
    expectInvalid(() => createSummaryAccumulator(options as never), field);
  });

  it('an unknown option key is rejected by name', () => {
    const error = thrown(() =>
      summarizeTransactions(log, { asOf: '2024-01-01', tz: 'UTC' } as never),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('tz');
  });

  it('missing options altogether', () => {
    for (const options of [undefined, null, 'asOf']) {
      expect(thrown(() => summarizeTransactions(log, options as never)).code).toBe('INVALID_INPUT');
    }
  });

  it('calibrationHoldoutSummary checks its options the same way', () => {
    const good = { calibrationEnd: '2024-01-03', observationEnd: '2024-03-01' };
    expectInvalid(
      () => calibrationHoldoutSummary(log, { ...good, calibrationEnd: 'yesterday' }),
      'calibrationEnd',
    );
    expectInvalid(() => calibrationHoldoutSummary(log, { ...good, unit: 0 }), 'unit');
    expectInvalid(
      () => calibrationHoldoutSummary(log, { ...good, timeZone: 'Mars/Base' }),
      'timeZone',
    );
    expectInvalid(
      () => calibrationHoldoutSummary(log, { ...good, granularity: 'fortnight' as never }),
      'granularity',
    );
    expect(
      thrown(() => calibrationHoldoutSummary(log, { ...good, asOf: '2024-01-01' } as never)).code,
    ).toBe('INVALID_INPUT');
  });
});

describe('inputs are never mutated', () => {
  function frozenRows(): readonly Transaction[] {
    return Object.freeze(
      goodRows().map((r) => Object.freeze({ ...r })) as unknown as Transaction[],
    );
  }

  it('frozen rows, frozen column arrays and frozen options are read without writes', () => {
    const rows = frozenRows();
    const snapshot = JSON.stringify(rows);
    const options = Object.freeze({ asOf: '2024-03-01', granularity: 'week', unit: 7 } as const);
    const fromRows = summarizeTransactions(rows, options);
    const columns: TransactionColumns = Object.freeze({
      customerId: Object.freeze(rows.map((r) => r.customerId)),
      at: Object.freeze(rows.map((r) => r.at)),
      amount: Object.freeze(rows.map((r) => r.amount)),
    });
    const fromColumns = summarizeTransactions(columns, options);
    expect(fromColumns.toRows().map((s) => s.totalRevenue.toString())).toEqual(
      fromRows.toRows().map((s) => s.totalRevenue.toString()),
    );
    createSummaryAccumulator(options).addMany(rows).addMany(columns).result();
    calibrationHoldoutSummary(rows, {
      calibrationEnd: '2024-01-03',
      observationEnd: '2024-03-01',
    });
    expect(JSON.stringify(rows)).toBe(snapshot);
    expect(options).toEqual({ asOf: '2024-03-01', granularity: 'week', unit: 7 });
  });

  it('Dates, Decimals and typed arrays keep their values', () => {
    const date = new Date('2024-01-02T10:00:00Z');
    const amount = new Decimal('1.25');
    const rows = [
      { customerId: 1, at: date, amount },
      { customerId: 1, at: '2024-01-01', amount: '2.00' },
    ];
    const [s] = summarizeTransactions(rows, { asOf: '2024-01-05' });
    expect(date.toISOString()).toBe('2024-01-02T10:00:00.000Z');
    expect(amount.toString()).toBe('1.25');
    // the summary's Dates are new objects: changing them does not touch the input
    s?.lastPurchaseAt.setTime(0);
    expect(date.getTime()).toBe(Date.parse('2024-01-02T10:00:00Z'));

    const columns = {
      customerId: Int32Array.of(1, 2, 1),
      at: Float64Array.of(Date.UTC(2024, 0, 3), Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)),
      amount: Float64Array.of(1.5, 2.25, 0.1),
    };
    const copies = [
      Array.from(columns.customerId),
      Array.from(columns.at),
      Array.from(columns.amount),
    ];
    summarizeTransactions(columns, { asOf: '2024-01-05' });
    expect([
      Array.from(columns.customerId),
      Array.from(columns.at),
      Array.from(columns.amount),
    ]).toEqual(copies);
  });
});
