/**
 * The faults the hostile-input battery found, each as a plain test with its right outcome.
 */
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { expectError, thrown } from '../support/errors.js';

const bg = { model: 'bg-nbd', params: { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 } } as const;
const log = [{ customerId: 'a', at: '2024-01-05', amount: 10 }];

describe('found by the battery', () => {
  it("unit: 'weeks' names the field and the accepted values, in the library's words", () => {
    const error = expectError(
      () => api.summarizeTransactions(log, { asOf: '2024-03-31', unit: 'weeks' } as never),
      'INVALID_INPUT',
      'unit',
    );
    expect(error.message).toBe(
      "summarizeTransactions: unit must be one of 'day', 'week', 'month' or a finite number (received \"weeks\")",
    );
  });

  it('a missing options object is called options, not input', () => {
    const error = thrown(() => (api.cohortRetention as (l: unknown) => unknown)(log));
    expect(error.message).toBe('cohortRetention: options must be an object (received undefined)');
  });

  it('a bound of zod is stated in words: decimals below 0', () => {
    const error = thrown(() => api.formatPercent('0.5', { decimals: -1, rounding: 'half-up' }));
    expect(error.message).toBe('formatPercent: decimals must be at least 0 (received -1)');
  });

  it('a caller’s proxy as the id of an added transaction passes its own error through', () => {
    const mine = new Error('mine');
    const id = new Proxy(
      {},
      {
        get: () => {
          throw mine;
        },
        getPrototypeOf: () => {
          throw mine;
        },
      },
    );
    const accumulator = api.createSummaryAccumulator({ asOf: '2024-03-31' });
    expect(() => accumulator.add({ customerId: id, at: '2024-01-05', amount: 1 } as never)).toThrow(
      mine,
    );
  });

  it('a restored accumulator’s table takes no asOf from a polluted prototype', () => {
    const part = api.createSummaryAccumulator({ asOf: '2024-03-31', unit: 'week' });
    part.addMany(log);
    const state = part.toBinary();
    Object.defineProperty(Object.prototype, 'asOf', {
      value: Number.NaN,
      enumerable: true,
      configurable: true,
    });
    let asOf: unknown;
    try {
      asOf = api.summaryAccumulatorFromBinary(state).table().options.asOf;
    } finally {
      delete (Object.prototype as { asOf?: unknown }).asOf;
    }
    // The instant durations were measured to: the end of 2024-03-31 UTC (the date-only asOf).
    expect(asOf).toEqual(new Date('2024-04-01T00:00:00.000Z'));
  });
});

describe('numeric options have bounds (src/core/bounds.ts)', () => {
  it('a purchase count past 10^6 is INVALID_INPUT, not a 10^15-step loop', () => {
    expectError(() => api.purchaseCountProbability(bg, 1e15, 1e300), 'INVALID_INPUT', 'n');
  });

  it('a horizon past 10^9 model units is INVALID_INPUT, not Number.MAX_VALUE purchases', () => {
    expectError(() => api.expectedPurchases(bg, 1e300), 'INVALID_INPUT', 't');
    // Inside the bound the expectation is finite and grows with t.
    expect(api.expectedPurchases(bg, 1e9)).toBeGreaterThan(api.expectedPurchases(bg, 1e6));
  });

  it('forecast periods past 10,000 are INVALID_INPUT, not a foreign RangeError', () => {
    const options = { purchaseModel: bg, periods: 1e12, periodLength: 1, discountRate: 0 };
    expectError(() => api.forecastCustomers([], options), 'INVALID_INPUT', 'periods');
    const long = { ...options, periods: 10_000, periodLength: 1e6 };
    expectError(() => api.forecastCustomers([], long), 'INVALID_INPUT', 'periodLength');
  });

  it('a duration unit of 5e-324 days is INVALID_INPUT, not T = Infinity', () => {
    expectError(
      () => api.summarizeTransactions(log, { asOf: '2024-03-31', unit: 5e-324 }),
      'INVALID_INPUT',
      'unit',
    );
    // One hour (1/24 day) is inside the bounds.
    const [row] = api.summarizeTransactions(log, { asOf: '2024-03-31', unit: 1 / 24 });
    // Jan 5 00:00 to Apr 1 00:00 UTC (the end of the date-only asOf) is 26 + 29 + 31 = 86 days = 2064 hours.
    expect(row?.T).toBeCloseTo(2064, 9);
  });

  it('activeWithin past 300 years is INVALID_INPUT', () => {
    expectError(
      () =>
        api.customerCounts(log, {
          periodStart: '2024-01-01',
          periodEnd: '2024-03-31',
          activeWithin: 1e308,
        }),
      'INVALID_INPUT',
      'activeWithin',
    );
  });

  it('maxIterations past 100,000 is INVALID_INPUT', () => {
    const rows = [{ frequency: 1, recency: 2, T: 3 }];
    expectError(
      () => api.fitBgNbd(rows, { maxIterations: 1e12 }),
      'INVALID_INPUT',
      'maxIterations',
    );
  });

  it('a simulation past 10^7 customers, or whose rate never lets T pass, is INVALID_INPUT', () => {
    const params = { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 };
    expectError(
      () => api.simulateBgNbd(params, { customers: 1e12, T: 39 }),
      'INVALID_INPUT',
      'options.customers',
    );
    expectError(
      () => api.simulateBgNbd(params, { customers: 1, T: 1e300 }),
      'INVALID_INPUT',
      'options.T',
    );
  });
});

describe('found by FUZZ_RUNS=100', () => {
  it('a summary row whose money is an object without a prototype is INVALID_INPUT, not a TypeError', () => {
    const row = {
      customerId: 'a',
      firstPurchaseAt: 1704067200000n,
      lastPurchaseAt: 1705276800000n,
      orders: 2n,
      frequency: 1n,
      recency: 2,
      T: 4,
      totalRevenue: Object.create(null) as object,
      repeatRevenue: '20.00',
    };
    expectError(() => api.readSummaryRows([row]), 'INVALID_INPUT', 'rows[0].totalRevenue');
    const holdout = {
      ...row,
      frequencyHoldout: 2,
      durationHoldout: 2,
      holdoutRows: 2,
      rowsAfterObservationEnd: 0,
    };
    expectError(
      () => api.readCalibrationHoldoutRows([holdout]),
      'INVALID_INPUT',
      'rows[0].totalRevenue',
    );
  });

  it('finite parameters that put a prediction past the range of a number are INVALID_INPUT, not Infinity', () => {
    // Pareto/NBD E[X(t)] = rβ / (α(s − 1)) · [1 − (β / (β + t))^(s − 1)]: with r = 1e308 and
    // β / α ≈ 1.1 the factor rβ/α alone is past Number.MAX_VALUE.
    const pareto = { model: 'pareto-nbd', params: { r: 1e308, alpha: 10.6, s: 0.61, beta: 11.7 } };
    const error = expectError(
      () => api.expectedPurchases(pareto as never, 52),
      'INVALID_INPUT',
      'model.params',
    );
    expect(error.message).toContain('beyond the range of a number');
    // The same model with r = 0.55 (the CDNOW fit) is finite.
    const fitted = { ...pareto, params: { ...pareto.params, r: 0.55 } };
    expect(Number.isFinite(api.expectedPurchases(fitted as never, 52))).toBe(true);
  });
});

describe('found by FUZZ_RUNS=100: own fields of the options of a summary table', () => {
  it('classifyCustomers on a summary table takes no timeZone from a polluted prototype', () => {
    const columns = {
      customerId: ['a', 'a', 'b'],
      at: new Float64Array([Date.UTC(2024, 0, 5), Date.UTC(2024, 1, 10), Date.UTC(2024, 0, 20)]),
      amount: new Float64Array([10, 20.5, 5]),
    };
    const classify = () =>
      api
        .classifyCustomers(
          api.summarizeTransactions(columns, { asOf: '2024-03-31', form: 'table' }),
          { asOf: '2024-03-31' },
        )
        .toRows()
        .map((c) => [c.customerId, c.segment, c.daysSinceLastPurchase]);
    // a: last purchase 2024-02-10, 51 days before the end of 2024-03-31 (Apr 1 00:00 UTC); b: 72.
    const clean = classify();
    expect(clean).toEqual([
      ['a', 'vip', 51],
      ['b', 'active', 72],
    ]);
    Object.defineProperty(Object.prototype, 'timeZone', {
      value: Number.NaN,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    let polluted: unknown;
    try {
      polluted = classify();
    } finally {
      delete (Object.prototype as { timeZone?: unknown }).timeZone;
    }
    expect(polluted).toEqual(clean);
  });

  it('a cohort index of a SQL result outside 1900–2199 is INVALID_INPUT, not a foreign RangeError', () => {
    const options = {
      dialect: 'duckdb',
      table: 'orders',
      columns: { customerId: 'id', at: 'at', amount: 'total' },
      asOf: '2024-03-31',
      granularity: 'month',
    } as const;
    const row = (cohort: number) => ({
      cohort,
      k: 0,
      bracket: null,
      customers: 1,
      revenue: '10.00',
      lastCustomers: 1,
    });
    // Month 648 since January 1970 is January 2024 (54 years × 12).
    expect(api.readCohortRows([row(648)], options).cohorts[0]?.cohort).toBe('2024-01-01');
    const error = expectError(
      () => api.readCohortRows([row(2_147_483_648)], options),
      'INVALID_INPUT',
      'rows[0].cohort',
    );
    expect(error.message).toContain('from 1900 to 2199');
  });

  it('a sparse array of SQL result rows is INVALID_INPUT at its first hole, not a TypeError', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the input under test
    const rows = [
      { frequency: 1n, recency: 2, T: 5, weight: 3n },
      ,
      { frequency: 0n, recency: 0, T: 5, weight: 1n },
    ];
    expectError(() => api.readWeightedRows(rows as never), 'INVALID_INPUT', 'rows[1]');
    expect(api.readWeightedRows([rows[0], rows[2]] as never)).toEqual([
      { frequency: 0, recency: 0, T: 5, weight: 1 },
      { frequency: 1, recency: 2, T: 5, weight: 3 },
    ]);
  });

  it('SQL cohort rows without the k = 0 row, or with more customers later than at k = 0, are INVALID_INPUT, not NaN rates', () => {
    const options = {
      dialect: 'duckdb',
      table: 'orders',
      columns: { customerId: 'id', at: 'at', amount: 'total' },
      asOf: '2024-03-15',
    } as const;
    const k0 = {
      cohort: 648n,
      k: 0n,
      bracket: null,
      customers: 2n,
      revenue: '15.00',
      lastCustomers: 0n,
    };
    const k1 = {
      cohort: 648n,
      k: 1n,
      bracket: null,
      customers: 1n,
      revenue: '20.00',
      lastCustomers: 1n,
    };
    // Two customers in January 2024, one back in February: rates 1 and 1/2.
    expect(api.readCohortRows([k0, k1], options).cohorts[0]?.rates.map(String)).toEqual([
      '1',
      '0.5',
    ]);
    expect(thrown(() => api.readCohortRows([k1], options)).message).toContain('no row with k = 0');
    expect(
      thrown(() => api.readCohortRows([k0, { ...k1, customers: 3n }], options)).message,
    ).toContain('3 customers at k = 1, more than its 2 at k = 0');
  });
});

/** Runs `fn` with `Object.prototype[key] = value` (enumerable, as a careless host would set it). */
function withPolluted<T>(key: string, value: unknown, fn: () => T): T {
  Object.defineProperty(Object.prototype, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  try {
    return fn();
  } finally {
    delete (Object.prototype as Record<string, unknown>)[key];
  }
}

describe('found by FUZZ_RUNS=400: an object that is not plain where a plain object belongs', () => {
  const plan = (customize: unknown) => () =>
    api.buildRetentionPlan({ locale: 'en', metrics: { churnRate: '0.12' }, customize } as never);

  it('a typed array as customize is refused as not a plain object, polluted prototype or not', () => {
    const message =
      'buildRetentionPlan: customize must be a plain object (received a Float64Array)';
    expect(thrown(plan(new Float64Array(2))).message).toBe(message);
    // Before: "customize has unknown fields '0', '1', 'unit'": zod listed the inherited field.
    const polluted = withPolluted('unit', 'week', () => thrown(plan(new Float64Array(2))));
    expect(polluted.message).toBe(message);
    expect(polluted.code).toBe('INVALID_INPUT');
    expect(polluted.path).toEqual(['customize']);
  });

  it('a typed array as customize.targets is refused the same way under a polluted unit', () => {
    const message =
      'buildRetentionPlan: customize.targets must be a plain object (received a Uint8Array)';
    const given = { targets: new Uint8Array(1) };
    expect(thrown(plan(given)).message).toBe(message);
    expect(withPolluted('unit', 'week', () => thrown(plan(given))).message).toBe(message);
  });

  it('a Date given for an options object is refused, not read as options without fields', () => {
    const at = new Date(Date.UTC(2024, 2, 31));
    expectError(() => api.summarizeTransactions(log, at as never), 'INVALID_INPUT', '');
    expect(thrown(() => api.summarizeTransactions(log, at as never)).message).toBe(
      'summarizeTransactions: options must be a plain object (received Date 2024-03-31T00:00:00.000Z)',
    );
    // Before, a Date as customize.targets was read as "no targets" and the plan was built.
    expect(thrown(plan({ targets: at })).message).toBe(
      'buildRetentionPlan: customize.targets must be a plain object (received Date 2024-03-31T00:00:00.000Z)',
    );
    // Under a polluted churnRate the Date gave targets an inherited churnRate; now it is refused.
    expect(withPolluted('churnRate', '0.5', () => thrown(plan({ targets: at }))).path).toEqual([
      'customize',
      'targets',
    ]);
  });

  it('an object without a prototype and a frozen object are plain and accepted', () => {
    const options: { asOf: string } = Object.assign(Object.create(null), { asOf: '2024-03-31' });
    const rows = api.summarizeTransactions(log, options).toRows();
    expect(rows.map((r) => [r.customerId, r.orders])).toEqual([['a', 1]]);
    const frozen = Object.freeze({ asOf: '2024-03-31', form: 'rows' as const });
    expect(api.summarizeTransactions(log, frozen).map((r) => r.orders)).toEqual([1]);
  });
});

describe('found by FUZZ_RUNS=400 (seed 173614929)', () => {
  const d = new Date(Date.UTC(2024, 0, 1));
  const bgModel = { ...bg, unit: 'week' } as const;
  const hookCustomers = [
    { customerId: 'a', firstPurchaseAt: '1997-01-01', lastPurchaseAt: '1997-08-01', orders: 3 },
  ];

  it('simulateBgNbd: a Date as options is refused, and a polluted customers changes nothing', () => {
    const call = () => api.simulateBgNbd({ r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 }, d as never);
    const message =
      'simulateBgNbd: options must be a plain object (received Date 2024-01-01T00:00:00.000Z)';
    expect(thrown(call).message).toBe(message);
    // Before: "options.customers must be a whole number … (received NaN)", the inherited value.
    expect(withPolluted('customers', Number.NaN, () => thrown(call)).message).toBe(message);
  });

  it('aliveProbabilityHook: a Date as options is refused, and a polluted asOf changes nothing', () => {
    const call = () => api.aliveProbabilityHook(bgModel, hookCustomers, d as never);
    const message =
      'aliveProbabilityHook: options must be a plain object (received Date 2024-01-01T00:00:00.000Z)';
    expect(thrown(call).message).toBe(message);
    expect(withPolluted('asOf', Number.NaN, () => thrown(call)).message).toBe(message);
  });

  it('formatReason: a Date as the reason is refused, even with an inherited rule', () => {
    const call = () => api.formatReason(d as never);
    const message =
      'formatReason: reason must be an object with a rule name and values (received Date 2024-01-01T00:00:00.000Z)';
    expect(thrown(call).message).toBe(message);
    const polluted = withPolluted('values', {}, () =>
      withPolluted('rule', 'recent-purchase', () => thrown(call)),
    );
    expect(polluted.message).toBe(message);
  });

  it('forecastCustomers: a spend model whose finite p puts the spend past a number is INVALID_INPUT, not NaN', () => {
    // p = Number.MAX_VALUE: p·γ and p·x·m̄ overflow, and Infinity / Infinity gave NaN spend.
    const error = expectError(
      () =>
        api.forecastCustomers(
          [{ customerId: 1, frequency: 2, recency: 30.43, T: 38.86, monetaryValue: '22.35' }],
          {
            purchaseModel: bgModel,
            spendModel: {
              model: 'gamma-gamma',
              params: { p: Number.MAX_VALUE, q: 3.74, gamma: 15.44 },
            },
            periods: 3,
            periodLength: 13,
            discountRate: 0.01,
            margin: 0.3,
          },
        ),
      'INVALID_INPUT',
      'spendModel.params',
    );
    expect(error.message).toBe(
      'forecastCustomers: spendModel.params give a prediction beyond the range of a number (NaN)',
    );
  });

  it('rfmScores: a revenue of 2^53 is read exactly through the money column, its cents marked NaN as documented', () => {
    const rows = [
      {
        customerId: 'a',
        firstPurchaseAt: '2023-01-05',
        lastPurchaseAt: '2024-03-31',
        orders: 5,
        totalRevenue: 2 ** 53,
      },
      {
        customerId: 'b',
        firstPurchaseAt: '2023-02-11',
        lastPurchaseAt: '2024-03-22',
        orders: 3,
        totalRevenue: '300',
      },
    ];
    const monetary = api.rfmScores(rows, { asOf: '2024-03-31' }).columns.monetary;
    // 2^53 money units = 900719925474099200 cents, past the exact cents of a float: read via at().
    expect(String(monetary.at(0))).toBe('9007199254740992');
    expect(Number.isNaN(monetary.cents[0])).toBe(true);
    expect(monetary.cents[1]).toBe(30000);
    expect(String(monetary.at(1))).toBe('300');
  });
});

describe('found by FUZZ_RUNS=400 (seed 1901422055): SQL result rows are read through their own fields', () => {
  it('readWeightedRows: a missing weight is reported as missing under a polluted weight', () => {
    const call = () => api.readWeightedRows([{ frequency: 2n, recency: 10, T: 30 }] as never);
    const message = 'readWeightedRows: rows[0].weight must be an integer ≥ 1 (received undefined)';
    expect(thrown(call).message).toBe(message);
    // Before: "(received NaN)", the inherited value.
    expect(withPolluted('weight', Number.NaN, () => thrown(call)).message).toBe(message);
  });

  it('readWeightedRows: an inherited rowsAfterEnd does not make the table empty', () => {
    const rows = [
      { frequency: 0n, recency: 0, T: 30, weight: 2n },
      { frequency: 2n, recency: 10, T: 30, weight: 1n },
    ];
    const expected = [
      { frequency: 0, recency: 0, T: 30, weight: 2 },
      { frequency: 2, recency: 10, T: 30, weight: 1 },
    ];
    expect(api.readWeightedRows(rows)).toEqual(expected);
    // Before: EMPTY_INPUT "all 3 rows of the table are after asOf", read from the prototype.
    expect(withPolluted('rowsAfterEnd', 3, () => api.readWeightedRows(rows))).toEqual(expected);
  });
});

describe('tried by hand: columns and logs that claim many rows they do not hold', () => {
  it('array-like columns of 1,000,000 empty rows: every problem counted, the first 100 listed', () => {
    const n = 1_000_000;
    const error = thrown(() =>
      api.summarizeTransactions(
        { customerId: { length: n }, at: { length: n }, amount: { length: n } } as never,
        { asOf: '2024-03-31' },
      ),
    );
    expect(error.code).toBe('INVALID_INPUT');
    // every row misses all three fields: 3,000,000 problems, the first listed in the message
    expect(error.message).toBe(
      'summarizeTransactions: log[0].customerId must be a string, a finite number or a bigint (received undefined) (and 2999999 more problems; the first 100 are listed in issues)',
    );
    expect(error.issues).toHaveLength(100);
    // 33 rows of three, then the customerId of row 33
    expect(error.issues[98]?.path).toEqual(['log', 32, 'amount']);
    expect(error.issues[99]?.path).toEqual(['log', 33, 'customerId']);
  });

  it('a sparse log of 1,000,000 holes: every hole counted, the first 100 listed', () => {
    const error = thrown(() =>
      api.summarizeTransactions(new Array(1_000_000) as never, { asOf: '2024-03-31' }),
    );
    expect(error.message).toBe(
      'summarizeTransactions: log[0] must be an object with customerId, at and amount (received undefined) (and 999999 more problems; the first 100 are listed in issues)',
    );
    expect(error.issues).toHaveLength(100);
  });
});

describe('found by FUZZ_RUNS=400 (seed 2159632498): zod’s issues are read through their own fields', () => {
  it('readCohortRows: a union’s complaint takes no options from a polluted prototype', () => {
    const rows = [
      { cohort: 648n, k: 0n, bracket: null, customers: 2n, revenue: '15.00', lastCustomers: 0n },
      { cohort: 648n, k: 1n, bracket: null, customers: 1n, revenue: '20.00', lastCustomers: 1n },
    ];
    const options = {
      dialect: 'duckdb',
      table: [undefined, 'orders'],
      columns: { customerId: 'customer_id', at: 'ordered_at', amount: 'total' },
      asOf: '2024-03-15',
    };
    const call = () => api.readCohortRows(rows as never, options as never);
    const message = 'readCohortRows: table must be a string (received an array of length 2)';
    expect(thrown(call).message).toBe(message);
    // Before: "table must be one of 1, , 3", the inherited options of the issue.
    expect(withPolluted('options', [1, 2, 3], () => thrown(call)).message).toBe(message);
  });

  it('formatPercent: a bound’s wording takes no exact from a polluted prototype', () => {
    const call = () => api.formatPercent('0.5', { decimals: -1, rounding: 'half-up' });
    const message = 'formatPercent: decimals must be at least 0 (received -1)';
    // Before: "decimals must be 0", as if the bound were exact.
    expect(withPolluted('exact', true, () => thrown(call)).message).toBe(message);
  });
});

describe('found by FUZZ_RUNS=400 (seed 3074217096): a binary state is bounded as its JSON form is', () => {
  it('a stored unit of 5e-324 days is INVALID_INPUT at options[3], not T = Infinity', () => {
    const part = api.createSummaryAccumulator({ asOf: '2024-03-31', unit: 7 });
    part.addMany(log);
    const state = part.toBinary();
    expect(state.options[3]).toBe(7);
    // T with day granularity: from the day of the purchase (2024-01-05) to the day of asOf
    // (2024-03-31), 26 + 29 + 31 = 86 days, in units of 7 days.
    expect(api.summaryAccumulatorFromBinary(state).result()[0]?.T).toBeCloseTo(86 / 7, 12);
    const bad = { ...state, options: [...state.options.slice(0, 3), 5e-324, state.options[4]] };
    const error = expectError(
      () => api.summaryAccumulatorFromBinary(bad as never),
      'INVALID_INPUT',
      'options[3]',
    );
    expect(error.message).toMatch(/a length in days from 1\/86400000 \(a millisecond\) to /);
  });
});
