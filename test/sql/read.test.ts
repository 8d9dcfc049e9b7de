/**
 * The readers of engine result rows: the value forms the Node clients return, the validation
 * (every error names rows[i].field), and the exact division of the means (hand-computed).
 */
import { describe, expect, it } from 'vitest';
import {
  readCalibrationHoldoutRows,
  readCohortRows,
  readCustomerCountsRows,
  readLogCheckRows,
  readSummaryRows,
  readWeightedRows,
} from '../../src/index.js';
import { expectError, thrown } from '../support/errors.js';

/** A DuckDB-like decimal value: an object whose toString() is the exact decimal. */
class DecimalValue {
  constructor(private readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const row = {
  customerId: 'a',
  firstPurchaseAt: 1_704_067_200_000,
  lastPurchaseAt: 1_705_276_800_000,
  orders: 3,
  frequency: 2,
  recency: 14,
  T: 28,
  totalRevenue: '10.00',
  repeatRevenue: '7.00',
};

describe('readSummaryRows', () => {
  it('divides the means exactly: 10 / 3 and 7 / 2', () => {
    const [a] = readSummaryRows([row]);
    expect(a?.averageOrderValue.toString()).toBe('3.333333333333333333333333333333333');
    expect(a?.monetaryValue.toString()).toBe('3.5');
    expect(a?.totalRevenue.toString()).toBe('10');
  });

  it('reads bigints, decimal objects, digit strings and Dates as the clients return them', () => {
    const forms = readSummaryRows([
      {
        ...row,
        customerId: 42n,
        firstPurchaseAt: new Date(1_704_067_200_000),
        lastPurchaseAt: '1705276800000',
        orders: 3n,
        frequency: '2',
        recency: '14',
        T: 28n,
        totalRevenue: new DecimalValue('10.00'),
        repeatRevenue: 7,
      },
    ]);
    expect(forms[0]?.customerId).toBe(42);
    expect(forms[0]?.lastPurchaseAt.toISOString()).toBe('2024-01-15T00:00:00.000Z');
    expect(forms[0]?.monetaryValue.toString()).toBe('3.5');
  });

  it('reads decimal values of any scale by value, and exact decimals beyond the cent', () => {
    const [scaled] = readSummaryRows([
      {
        ...row,
        totalRevenue: { value: 10n, scale: 0 },
        repeatRevenue: { value: 70000n, scale: 4 },
      },
    ]);
    expect([scaled?.totalRevenue.toString(), scaled?.monetaryValue.toString()]).toEqual([
      '10',
      '3.5',
    ]);
    const [fine] = readSummaryRows([
      { ...row, totalRevenue: { value: 100005n, scale: 4 }, repeatRevenue: '7.0001' },
    ]);
    expect(fine?.averageOrderValue.toString()).toBe('3.3335');
    expect(fine?.monetaryValue.toString()).toBe('3.50005');
    expectError(
      () => readSummaryRows([{ ...row, totalRevenue: '7.0001', repeatRevenue: '7.0002' }]),
      'INVALID_INPUT',
      'rows[0].repeatRevenue',
    );
    expectError(
      () =>
        readSummaryRows([{ ...row, orders: 1, frequency: 0, recency: 0, repeatRevenue: '0.001' }]),
      'INVALID_INPUT',
      'rows[0].repeatRevenue',
    );
    expectError(
      () => readSummaryRows([{ ...row, totalRevenue: { value: -5n, scale: 2 } }]),
      'INVALID_INPUT',
      'rows[0].totalRevenue',
    );
  });

  it('orders customers as summarizeTransactions does: numbers ascending, then strings', () => {
    const ids = readSummaryRows([
      { ...row, customerId: 'b' },
      { ...row, customerId: 10 },
      { ...row, customerId: 'B' },
      { ...row, customerId: 9 },
    ]).map((s) => s.customerId);
    expect(ids).toEqual([9, 10, 'B', 'b']);
  });

  it('a customer with one order: AOV is the total, monetaryValue 0', () => {
    const [one] = readSummaryRows([
      { ...row, orders: 1, frequency: 0, recency: 0, repeatRevenue: '0' },
    ]);
    expect([one?.averageOrderValue.toString(), one?.monetaryValue.toString()]).toEqual(['10', '0']);
  });

  it('refuses bad rows, naming rows[i].field', () => {
    expectError(() => readSummaryRows('rows' as never), 'INVALID_INPUT', 'rows');
    expectError(() => readSummaryRows([row, null as never]), 'INVALID_INPUT', 'rows[1]');
    expectError(
      () => readSummaryRows([{ ...row, customerId: null }]),
      'INVALID_INPUT',
      'rows[0].customerId',
    );
    expectError(
      () => readSummaryRows([{ ...row, customerId: 2n ** 60n }]),
      'INVALID_INPUT',
      'rows[0].customerId',
    );
    expectError(() => readSummaryRows([{ ...row, orders: 0 }]), 'INVALID_INPUT', 'rows[0].orders');
    expectError(
      () => readSummaryRows([{ ...row, orders: 2.5 }]),
      'INVALID_INPUT',
      'rows[0].orders',
    );
    expectError(
      () => readSummaryRows([{ ...row, frequency: 1 }]),
      'INVALID_INPUT',
      'rows[0].frequency',
    );
    expectError(
      () => readSummaryRows([{ ...row, recency: 29 }]),
      'INVALID_INPUT',
      'rows[0].recency',
    );
    expectError(() => readSummaryRows([{ ...row, T: Number.NaN }]), 'INVALID_INPUT', 'rows[0].T');
    expectError(() => readSummaryRows([{ ...row, T: 'soon' }]), 'INVALID_INPUT', 'rows[0].T');
    expectError(
      () => readSummaryRows([{ ...row, totalRevenue: '-1' }]),
      'INVALID_INPUT',
      'rows[0].totalRevenue',
    );
    expectError(
      () => readSummaryRows([{ ...row, totalRevenue: {} }]),
      'INVALID_INPUT',
      'rows[0].totalRevenue',
    );
    expectError(
      () => readSummaryRows([{ ...row, repeatRevenue: '10.01' }]),
      'INVALID_INPUT',
      'rows[0].repeatRevenue',
    );
    expectError(
      () => readSummaryRows([{ ...row, orders: 1, frequency: 0, recency: 0, repeatRevenue: '1' }]),
      'INVALID_INPUT',
      'rows[0].repeatRevenue',
    );
    expectError(
      () => readSummaryRows([{ ...row, firstPurchaseAt: 12.5 }]),
      'INVALID_INPUT',
      'rows[0].firstPurchaseAt',
    );
    expectError(
      () => readSummaryRows([{ ...row, lastPurchaseAt: 8e15 }]),
      'INVALID_INPUT',
      'rows[0].lastPurchaseAt',
    );
    expectError(
      () => readSummaryRows([{ ...row, lastPurchaseAt: 1_704_067_199_999 }]),
      'INVALID_INPUT',
      'rows[0].lastPurchaseAt',
    );
    const repeated = thrown(() => readSummaryRows([row, { ...row, customerId: 'x' }, row]));
    expect(repeated.message).toContain('rows[2].customerId repeats customer "a" (also in rows[0])');
  });
});

describe('readCalibrationHoldoutRows', () => {
  const holdout = {
    ...row,
    frequencyHoldout: 2n,
    durationHoldout: 4,
    holdoutRows: 3n,
    rowsAfterObservationEnd: 1n,
  };
  const notInCalibration = {
    customerId: 'late',
    firstPurchaseAt: null,
    lastPurchaseAt: null,
    orders: 0,
    frequency: -1,
    recency: null,
    T: null,
    totalRevenue: null,
    repeatRevenue: 0,
    frequencyHoldout: 0,
    durationHoldout: 4,
    holdoutRows: 0,
    rowsAfterObservationEnd: 2,
  };
  it('keeps calibration customers, counts holdout-only customers and rows after the end', () => {
    const split = readCalibrationHoldoutRows([
      notInCalibration,
      { ...notInCalibration, customerId: 'new', holdoutRows: 1, rowsAfterObservationEnd: 0 },
      holdout,
    ]);
    expect(
      split.customers.map((c) => [c.customerId, c.frequencyHoldout, c.durationHoldout]),
    ).toEqual([['a', 2, 4]]);
    expect(split.customersFirstSeenInHoldout).toBe(1);
    expect(split.rowsAfterObservationEnd).toBe(3);
  });

  it('refuses a bad holdout column', () => {
    expectError(
      () => readCalibrationHoldoutRows([{ ...holdout, frequencyHoldout: -1 }]),
      'INVALID_INPUT',
      'rows[0].frequencyHoldout',
    );
    expectError(
      () => readCalibrationHoldoutRows([{ ...holdout, holdoutRows: undefined }]),
      'INVALID_INPUT',
      'rows[0].holdoutRows',
    );
  });
});

describe('readWeightedRows', () => {
  it('refuses weights below 1, recency above T and a repeated row', () => {
    expectError(
      () => readWeightedRows([{ frequency: 0, recency: 0, T: 1, weight: 0 }]),
      'INVALID_INPUT',
      'rows[0].weight',
    );
    expectError(
      () => readWeightedRows([{ frequency: 1, recency: 2, T: 1, weight: 1 }]),
      'INVALID_INPUT',
      'rows[0].recency',
    );
    const error = thrown(() =>
      readWeightedRows([
        { frequency: 1, recency: 1, T: 2, weight: 1 },
        { frequency: 1n, recency: 1, T: 2, weight: 3 },
      ]),
    );
    expect(error.message).toContain('repeats (frequency, recency, T) = (1, 1, 2)');
  });
});

describe('readCustomerCountsRows', () => {
  const counts = {
    startCustomers: 10,
    endCustomers: 8,
    retainedCustomers: 6,
    acquiredCustomers: 1,
    reactivatedCustomers: 1,
  };
  it('derives N = E − retained and lost = S − retained', () => {
    expect(readCustomerCountsRows([counts])).toEqual({
      ...counts,
      newCustomers: 2,
      lostCustomers: 4,
    });
  });
  it('refuses anything but one consistent row', () => {
    expectError(() => readCustomerCountsRows([]), 'INVALID_INPUT', 'rows');
    expectError(() => readCustomerCountsRows([counts, counts]), 'INVALID_INPUT', 'rows');
    expectError(() => readCustomerCountsRows({} as never), 'INVALID_INPUT', 'rows');
    expectError(
      () => readCustomerCountsRows([{ ...counts, retainedCustomers: 9 }]),
      'INVALID_INPUT',
      'rows[0].retainedCustomers',
    );
    expectError(
      () => readCustomerCountsRows([{ ...counts, reactivatedCustomers: 2 }]),
      'INVALID_INPUT',
      'rows[0].reactivatedCustomers',
    );
  });
});

describe('readCohortRows', () => {
  const options = {
    dialect: 'postgres',
    table: 'orders',
    columns: { customerId: 'id', at: 'at', amount: 'total' },
    asOf: '2024-04-30',
  } as const;
  // Month 648 = January 2024: 4 customers (revenue 40), 2 back in February (30), 1 in April (5),
  // whose last purchases were in January (1), February (1) and April (1, plus one more in March).
  const rows = [
    { cohort: 648, k: 0, bracket: null, customers: 4, revenue: '40.00', lastCustomers: 1 },
    { cohort: 648, k: 1, bracket: null, customers: 2, revenue: '30.00', lastCustomers: 1 },
    { cohort: 648, k: 2, bracket: null, customers: 1, revenue: '7.50', lastCustomers: 1 },
    { cohort: 648, k: 3, bracket: null, customers: 1, revenue: '5.00', lastCustomers: 1 },
    { cohort: 650, k: 0, bracket: null, customers: 1, revenue: '0', lastCustomers: 1 },
  ];

  it('classic customers: values by period, rates by size, null where the period is not over', () => {
    const table = readCohortRows(rows, options);
    expect(table.columns).toEqual(['k=0', 'k=1', 'k=2', 'k=3']);
    expect(table.asOf.toISOString()).toBe('2024-04-30T23:59:59.999Z');
    expect(table.cohorts.map((c) => [c.cohort, c.size, c.values, c.rates.map(String)])).toEqual([
      ['2024-01-01', 4, [4, 2, 1, 1], ['1', '0.5', '0.25', '0.25']],
      ['2024-03-01', 1, [1, 0, null, null], ['1', '0', 'null', 'null']],
    ]);
  });

  it('rolling revenue: the sum from period k on; no rate without initial revenue', () => {
    const table = readCohortRows(rows, {
      ...options,
      mode: 'rolling',
      measure: 'revenue',
      periods: 2,
    });
    expect(table.cohorts.map((c) => [c.values.map(String), c.rates.map(String)])).toEqual([
      [
        ['82.5', '42.5'],
        ['2.0625', '1.0625'],
      ],
      [
        ['0', '0'],
        ['null', 'null'],
      ],
    ]);
  });

  it('rolling customers: those whose last period is k or later', () => {
    const table = readCohortRows(rows, { ...options, mode: 'rolling' });
    expect(table.cohorts[0]?.values).toEqual([4, 3, 2, 1]);
  });

  it('brackets: the bracket rows, null until the bracket is over', () => {
    const bracketRows = [
      ...rows,
      { cohort: 648, k: null, bracket: 0, customers: 4, revenue: '40', lastCustomers: 0 },
      { cohort: 648, k: null, bracket: 1, customers: 3, revenue: '42.5', lastCustomers: 0 },
      { cohort: 650, k: null, bracket: 0, customers: 1, revenue: '0', lastCustomers: 0 },
    ];
    const brackets = [
      { from: 0, to: 0 },
      { from: 1, to: 3 },
    ];
    const table = readCohortRows(bracketRows, { ...options, mode: 'bracket', brackets });
    expect(table.columns).toEqual(['k=0', 'k=1-3']);
    expect(table.cohorts.map((c) => c.values)).toEqual([
      [4, 3],
      [1, null],
    ]);
  });

  it('no rows: no cohorts, one column', () => {
    const table = readCohortRows([], options);
    expect([table.cohorts, table.columns]).toEqual([[], ['k=0']]);
  });

  it('refuses a bad row', () => {
    expectError(
      () => readCohortRows([{ ...rows[0], customers: 0 }], options),
      'INVALID_INPUT',
      'rows[0].customers',
    );
    expectError(
      () => readCohortRows([{ ...rows[0], k: -1 }], options),
      'INVALID_INPUT',
      'rows[0].k',
    );
    expectError(() => readCohortRows(null as never, options), 'INVALID_INPUT', 'rows');
  });
});

describe('readLogCheckRows', () => {
  const ok = {
    rows: 10,
    missingCustomerId: 0,
    missingAt: 0,
    implausibleAt: 0,
    missingAmount: 0,
    negativeAmount: 0,
  };
  it('passes a clean table and names every problem of a bad one', () => {
    expect(readLogCheckRows([ok])).toEqual({ rows: 10 });
    const error = expectError(
      () => readLogCheckRows([{ ...ok, missingAt: 1, negativeAmount: '2' }]),
      'INVALID_INPUT',
      'rows',
    );
    expect(error.message).toBe(
      'readLogCheckRows: the table has 1 row without a time, 2 rows with a negative amount (of 10 rows)',
    );
    expectError(() => readLogCheckRows([]), 'INVALID_INPUT', 'rows');
    expectError(() => readLogCheckRows('x' as never), 'INVALID_INPUT', 'rows');
    expectError(() => readLogCheckRows([{ ...ok, rows: -1 }]), 'INVALID_INPUT', 'rows[0].rows');
  });
});
