import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { RetentionMetricsError } from '../../src/core/errors.js';
import * as api from '../../src/index.js';
import * as jsonSchemaEntry from '../../src/json-schema.js';
import {
  type ChurnRateInput,
  churnRate,
  churnRateInputSchema,
  lostCustomersInputSchema,
  type RetentionRateInput,
  retentionRate,
  retentionRateInputSchema,
} from '../../src/metrics/retention.js';

/** Runs `fn` and returns the RetentionMetricsError it throws (fails the test otherwise). */
function rejection(fn: () => unknown): RetentionMetricsError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(RetentionMetricsError);
  return caught as RetentionMetricsError;
}

/** Calls with a deliberately ill-typed input. */
function retentionOf(input: unknown) {
  return retentionRate(input as RetentionRateInput);
}
function churnOf(input: unknown) {
  return churnRate(input as ChurnRateInput);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const key of Reflect.ownKeys(value))
      deepFreeze((value as Record<PropertyKey, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

// 34 significant digits of 1/3, 2/3: the 35th digit is 3 (round down) and 6 (round up).
const ONE_THIRD = `0.${'3'.repeat(34)}`;
const TWO_THIRDS = `0.${'6'.repeat(33)}7`;

describe('retentionRate: seed examples and hand calculations', () => {
  it('S = 1000, E = 900, N = 200 → 0.7 (the specification seed example)', () => {
    // (900 − 200) / 1000 = 700 / 1000 = 0.7
    expect(
      retentionRate({ startCustomers: 1000, endCustomers: 900, newCustomers: 200 }).toString(),
    ).toBe('0.7');
  });

  it('1000 at the start, 900 at the end, no new customers → 0.9', () => {
    // (900 − 0) / 1000 = 0.9, whether N is omitted or 0
    expect(retentionRate({ startCustomers: 1000, endCustomers: 900 }).toString()).toBe('0.9');
    expect(
      retentionRate({ startCustomers: 1000, endCustomers: 900, newCustomers: 0 }).toString(),
    ).toBe('0.9');
  });

  it.each([
    // [S, E, N, expected, hand calculation]
    [3, 2, 0, TWO_THIRDS, '2/3 = 0.666…, 34 digits, last rounds up'],
    [3, 1, 0, ONE_THIRD, '1/3 = 0.333…, 34 digits, last stays'],
    [10, 10, 0, '1', 'everyone kept: 10/10'],
    [10, 0, 0, '0', 'everyone lost: 0/10'],
    [10, 5, 5, '0', 'all five at the end are new: (5 − 5)/10'],
    [10, 15, 5, '1', 'E − N = 10 = S: (15 − 5)/10'],
    [1, 1, 0, '1', '1/1'],
    [8, 7, 0, '0.875', '7/8 terminates'],
    [
      7,
      1,
      0,
      '0.1428571428571428571428571428571429',
      '1/7 = 0.142857 142857…, 34 digits, 35th is 5 then 7 → up',
    ],
    [1000000, 999999, 0, '0.999999', '999999/1000000'],
  ] as const)('S = %d, E = %d, N = %d → %s (%s)', (S, E, N, expected, _hand) => {
    expect(retentionRate({ startCustomers: S, endCustomers: E, newCustomers: N }).toString()).toBe(
      expected,
    );
  });

  it('is exact for counts beyond 2^53, where float64 cannot even hold the inputs', () => {
    // S = 10^20, E = 10^20 − 1: retention = 1 − 10^−20 = 0.99999999999999999999 (20 nines)
    expect(
      retentionRate({ startCustomers: '1e20', endCustomers: '99999999999999999999' }).toString(),
    ).toBe(`0.${'9'.repeat(20)}`);
  });

  it('returns a Decimal', () => {
    expect(retentionRate({ startCustomers: 4, endCustomers: 3 })).toBeInstanceOf(Decimal);
  });
});

describe('churnRate: seed examples and hand calculations', () => {
  it('S = 1000, E = 900, N = 200 → 0.3 (the specification seed example)', () => {
    // 1 − (900 − 200)/1000 = 1 − 0.7 = 0.3
    expect(
      churnRate({ startCustomers: 1000, endCustomers: 900, newCustomers: 200 }).toString(),
    ).toBe('0.3');
  });

  it('1000 at the start, 900 at the end, no new customers → 0.1 (the specification seed example)', () => {
    // 1 − 900/1000 = 0.1
    expect(churnRate({ startCustomers: 1000, endCustomers: 900 }).toString()).toBe('0.1');
  });

  it('lost-customers form: S = 1000, lost = 100 → 0.1; S = 1000, lost = 300 → 0.3', () => {
    // 100/1000 = 0.1 and 300/1000 = 0.3: the same two seed examples, stated as losses
    expect(churnRate({ startCustomers: 1000, lostCustomers: 100 }).toString()).toBe('0.1');
    expect(churnRate({ startCustomers: 1000, lostCustomers: 300 }).toString()).toBe('0.3');
  });

  it.each([
    // [S, E, N, lost = S − (E − N), expected churn]
    [3, 2, 0, 1, ONE_THIRD], // 1 − 2/3 = 1/3
    [3, 1, 0, 2, TWO_THIRDS], // 1 − 1/3 = 2/3
    [10, 10, 0, 0, '0'],
    [10, 0, 0, 10, '1'],
    [10, 12, 4, 2, '0.2'], // 1 − (12 − 4)/10 = 1 − 0.8
    [8, 1, 0, 7, '0.875'],
  ] as const)('S = %d, E = %d, N = %d (lost %d) → %s in both forms', (S, E, N, lost, expected) => {
    expect(churnRate({ startCustomers: S, endCustomers: E, newCustomers: N }).toString()).toBe(
      expected,
    );
    expect(churnRate({ startCustomers: S, lostCustomers: lost }).toString()).toBe(expected);
  });

  it('churn + retention = 1 exactly for the seed example and for thirds', () => {
    for (const input of [
      { startCustomers: 1000, endCustomers: 900, newCustomers: 200 },
      { startCustomers: 3, endCustomers: 2 },
      { startCustomers: 3, endCustomers: 1 },
    ]) {
      expect(churnRate(input).plus(retentionRate(input)).toString()).toBe('1');
    }
  });
});

describe('numeric input forms give identical results', () => {
  const seed = { S: 1000, E: 900, N: 200 };
  it.each([
    ['numbers', seed.S, seed.E, seed.N],
    ['strings', '1000', '900', '200'],
    ['strings in exponent notation', '1e3', '9e2', '2e2'],
    ['strings with a zero fraction', '1000.0', '900.00', '200.'],
    ['decimal.js Decimals', new Decimal(1000), new Decimal(900), new Decimal(200)],
    ['a mix', '1000', new Decimal(900), 200],
  ] as const)('%s → retention 0.7, churn 0.3', (_label, S, E, N) => {
    const input = { startCustomers: S, endCustomers: E, newCustomers: N };
    expect(retentionRate(input).toString()).toBe('0.7');
    expect(churnRate(input).toString()).toBe('0.3');
  });

  it('the lost-customers form reads strings and Decimals too', () => {
    expect(churnRate({ startCustomers: '1000', lostCustomers: new Decimal(100) }).toString()).toBe(
      '0.1',
    );
  });
});

describe('contradictory counts and division by zero', () => {
  it('S = 0 → DIVISION_BY_ZERO on startCustomers', () => {
    for (const call of [
      () => retentionRate({ startCustomers: 0, endCustomers: 0 }),
      () => churnRate({ startCustomers: 0, endCustomers: 0 }),
      () => churnRate({ startCustomers: '0', lostCustomers: 0 }),
    ]) {
      const error = rejection(call);
      expect(error.code).toBe('DIVISION_BY_ZERO');
      expect(error.field).toBe('startCustomers');
      expect(error.path).toEqual(['startCustomers']);
      expect(error.message).toMatch(/^(retentionRate|churnRate): startCustomers is 0/);
    }
    expect(rejection(() => retentionRate({ startCustomers: 0, endCustomers: 5 })).message).toBe(
      'retentionRate: startCustomers is 0, so the rate is undefined (division by zero)',
    );
  });

  it('N > E → INVALID_INPUT on newCustomers', () => {
    const error = rejection(() =>
      retentionRate({ startCustomers: 10, endCustomers: 3, newCustomers: 5 }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('newCustomers');
    expect(error.message).toBe(
      'retentionRate: newCustomers (5) must not exceed endCustomers (3): new customers are part of the end count',
    );
    expect(
      rejection(() => churnRate({ startCustomers: 10, endCustomers: 3, newCustomers: 5 })).field,
    ).toBe('newCustomers');
  });

  it('E − N > S → INVALID_INPUT on endCustomers', () => {
    // E − N = 13 − 1 = 12 retained out of 10 at the start: impossible
    const error = rejection(() =>
      retentionRate({ startCustomers: 10, endCustomers: 13, newCustomers: 1 }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('endCustomers');
    expect(error.message).toMatch(/^retentionRate: endCustomers minus newCustomers \(12\)/);
    expect(error.message).toMatch(/startCustomers \(10\)/);
    expect(rejection(() => churnRate({ startCustomers: 10, endCustomers: 11 })).field).toBe(
      'endCustomers',
    );
  });

  it('lostCustomers > S → INVALID_INPUT on lostCustomers', () => {
    const error = rejection(() => churnRate({ startCustomers: 10, lostCustomers: 11 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('lostCustomers');
    expect(error.message).toBe('churnRate: lostCustomers (11) must not exceed startCustomers (10)');
  });

  it('the boundaries themselves are valid: N = E, E − N = S, lost = S', () => {
    expect(retentionRate({ startCustomers: 10, endCustomers: 4, newCustomers: 4 }).toString()).toBe(
      '0',
    );
    expect(
      retentionRate({ startCustomers: 10, endCustomers: 14, newCustomers: 4 }).toString(),
    ).toBe('1');
    expect(churnRate({ startCustomers: 10, lostCustomers: 10 }).toString()).toBe('1');
  });
});

describe('invalid values of each field', () => {
  const valid = { startCustomers: 10, endCustomers: 8, newCustomers: 2 };
  const badValues: [string, unknown][] = [
    ["'abc'", 'abc'],
    ['true', true],
    ['{}', {}],
    ['[]', []],
    ['null', null],
    ['-1', -1],
    ["'-1'", '-1'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ["'Infinity'", 'Infinity'],
    ['1.5', 1.5],
    ["'2.5'", '2.5'],
    ['a Decimal 2.5', new Decimal('2.5')],
    ['a bigint', 5n],
  ];

  describe.each([
    ['retentionRate', 'startCustomers', retentionOf],
    ['retentionRate', 'endCustomers', retentionOf],
    ['retentionRate', 'newCustomers', retentionOf],
    ['churnRate', 'startCustomers', churnOf],
    ['churnRate', 'endCustomers', churnOf],
    ['churnRate', 'newCustomers', churnOf],
  ] as const)('%s: %s', (fn, field, call) => {
    it.each(badValues)('%s → INVALID_INPUT naming the field', (_label, bad) => {
      const error = rejection(() => call({ ...valid, [field]: bad }));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.field).toBe(field);
      expect(error.message).toMatch(
        new RegExp(`^${fn}: ${field} must be a non-negative integer \\(received `),
      );
    });
  });

  describe.each([
    ['retentionRate', 'startCustomers', retentionOf],
    ['retentionRate', 'endCustomers', retentionOf],
    ['churnRate', 'startCustomers', churnOf],
    ['churnRate', 'endCustomers', churnOf],
  ] as const)('%s: required %s', (fn, field, call) => {
    it('missing → INVALID_INPUT "is required"', () => {
      const { [field]: _omitted, ...rest } = valid;
      const error = rejection(() => call(rest));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.field).toBe(field);
      expect(error.message).toBe(`${fn}: ${field} is required`);
    });
  });

  describe.each(['startCustomers', 'lostCustomers'] as const)(
    'churnRate (lost form): %s',
    (field) => {
      const lostValid = { startCustomers: 10, lostCustomers: 2 };
      it.each(badValues)('%s → INVALID_INPUT naming the field', (_label, bad) => {
        const error = rejection(() => churnOf({ ...lostValid, [field]: bad }));
        expect(error.code).toBe('INVALID_INPUT');
        expect(error.field).toBe(field);
        expect(error.message).toMatch(
          new RegExp(`^churnRate: ${field} must be a non-negative integer \\(received `),
        );
      });
    },
  );

  it('the lost form without startCustomers names startCustomers', () => {
    const error = rejection(() => churnOf({ lostCustomers: 2 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('churnRate: startCustomers is required');
  });

  it('newCustomers may be omitted (it means 0), but null is rejected', () => {
    expect(retentionRate({ startCustomers: 10, endCustomers: 8 }).toString()).toBe('0.8');
    const error = rejection(() => retentionOf({ ...valid, newCustomers: null }));
    expect(error.field).toBe('newCustomers');
  });

  it('an unknown extra field → INVALID_INPUT naming it', () => {
    const error = rejection(() => retentionOf({ ...valid, churned: 3 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe("retentionRate: input has unknown field 'churned'");
    expect(rejection(() => churnOf({ ...valid, extra: 1 })).code).toBe('INVALID_INPUT');
    // Both churn forms at once: taken when they agree (10 − 8 = 2 lost), else the conflict is named.
    expect(churnOf({ startCustomers: 10, lostCustomers: 2, endCustomers: 8 }).toString()).toBe(
      '0.2',
    );
    const mixed = rejection(() =>
      churnOf({ startCustomers: 10, lostCustomers: 3, endCustomers: 8 }),
    );
    expect(mixed.code).toBe('INVALID_INPUT');
    expect(mixed.message).toBe(
      'churnRate: lostCustomers (3) must equal startCustomers − (endCustomers − newCustomers) (2): give either lostCustomers or endCustomers and newCustomers, or counts that agree',
    );
  });

  it.each([
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['a string', 'S=1000', '"S=1000"'],
    ['a number', 1000, '1000'],
    ['an array', [1000, 900], 'an array of length 2'],
  ])('input %s → INVALID_INPUT for the whole input', (_label, input, shown) => {
    for (const [fn, call] of [
      ['retentionRate', retentionOf],
      ['churnRate', churnOf],
    ] as const) {
      const error = rejection(() => call(input));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.field).toBe('');
      expect(error.message).toBe(`${fn}: input must be an object (received ${shown})`);
    }
  });

  it('reports every bad field in issues', () => {
    const error = rejection(() => retentionOf({ startCustomers: 'x', endCustomers: -1 }));
    expect(error.issues.map((issue) => issue.path)).toEqual([['startCustomers'], ['endCustomers']]);
    expect(error.message).toBe(
      'retentionRate: startCustomers must be a non-negative integer (received "x") (and 1 more issue)',
    );
  });
});

describe('inputs are never mutated', () => {
  it.each([
    ['numbers', { startCustomers: 1000, endCustomers: 900, newCustomers: 200 }],
    ['strings', { startCustomers: '1000', endCustomers: '900', newCustomers: '200' }],
    ['lost form', { startCustomers: 1000, lostCustomers: 300 }],
  ] as const)('a deep-frozen input (%s) is accepted and left as it was', (_label, raw) => {
    const before = structuredClone(raw);
    const input = deepFreeze({ ...raw });
    if (!('lostCustomers' in input)) expect(retentionRate(input).toString()).toBe('0.7');
    expect(churnRate(input).toString()).toBe('0.3');
    expect(input).toEqual(before);
  });

  it('an ordinary (unfrozen) input is left deep-equal to a clone taken before the call', () => {
    const input = { startCustomers: '1000', endCustomers: 900, newCustomers: 200 };
    const lost = { startCustomers: 1000, lostCustomers: '300' };
    const before = structuredClone({ input, lost });
    retentionRate(input);
    churnRate(input);
    churnRate(lost);
    expect({ input, lost }).toEqual(before);
    expect(Object.keys(input)).toEqual(['startCustomers', 'endCustomers', 'newCustomers']);
  });

  it('a Decimal input keeps its value and identity', () => {
    const start = new Decimal(1000);
    const input = { startCustomers: start, endCustomers: new Decimal(900), newCustomers: 200 };
    retentionRate(input);
    churnRate(input);
    expect(input.startCustomers).toBe(start);
    expect(start.toString()).toBe('1000');
  });

  it('an invalid input is not mutated either', () => {
    const raw = { startCustomers: 10, endCustomers: 13, newCustomers: 1 };
    const before = structuredClone(raw);
    const input = deepFreeze({ ...raw });
    rejection(() => retentionRate(input));
    expect(input).toEqual(before);
  });
});

describe('exported schemas', () => {
  it('retentionRateInputSchema parses to Decimals', () => {
    const result = retentionRateInputSchema.safeParse({
      startCustomers: '1000',
      endCustomers: 900,
    });
    expect(result.success).toBe(true);
    expect(result.data?.startCustomers.toString()).toBe('1000');
    expect(result.data?.newCustomers).toBeUndefined();
  });

  it('lostCustomersInputSchema rejects lost > start', () => {
    expect(
      lostCustomersInputSchema.safeParse({ startCustomers: 1, lostCustomers: 2 }).success,
    ).toBe(false);
  });

  it('churnRateInputSchema accepts either form and nothing else', () => {
    expect(churnRateInputSchema.safeParse({ startCustomers: 10, endCustomers: 9 }).success).toBe(
      true,
    );
    expect(churnRateInputSchema.safeParse({ startCustomers: 10, lostCustomers: 1 }).success).toBe(
      true,
    );
    expect(churnRateInputSchema.safeParse({ startCustomers: 10 }).success).toBe(false);
    expect(
      churnRateInputSchema.safeParse({ startCustomers: 10, endCustomers: 9, lostCustomers: 2 })
        .success,
    ).toBe(false);
    expect(
      churnRateInputSchema.safeParse({ startCustomers: 10, endCustomers: 9, lostCustomers: 1 })
        .success,
    ).toBe(true);
  });
});

describe('public surface (src/index.ts)', () => {
  it('exports the same functions and schemas, and they give the seed results', () => {
    expect(api.retentionRate).toBe(retentionRate);
    expect(api.churnRate).toBe(churnRate);
    expect(api.retentionRateInputSchema).toBe(retentionRateInputSchema);
    expect(api.RetentionMetricsError).toBe(RetentionMetricsError);
    const seed = { startCustomers: 1000, endCustomers: 900, newCustomers: 200 };
    expect(api.retentionRate(seed).toString()).toBe('0.7');
    expect(api.churnRate(seed).toString()).toBe('0.3');
    expect(api.churnRate({ startCustomers: 1000, endCustomers: 900 }).toString()).toBe('0.1');
    let caught: unknown;
    try {
      api.retentionRate({ startCustomers: 0, endCustomers: 0 });
    } catch (error) {
      caught = error;
    }
    expect(api.isRetentionMetricsError(caught)).toBe(true);
    expect('toJsonSchema' in api).toBe(false);
    expect(jsonSchemaEntry.toJsonSchema(api.retentionRateInputSchema).required).toEqual([
      'startCustomers',
      'endCustomers',
    ]);
  });
});

describe('churnRate: regressions', () => {
  // Regression (double rounding): computing the counts form as 1 − round34((E − N)/S) keeps only
  // 33 significant digits when churn < 0.1, so the result would not be the correctly rounded
  // churn and would differ from the lost-customers form, which divides once.
  // Hand: S = 11, E = 10 → churn = 1/11 = 0.090909…; to 34 significant digits that is '0.0'
  // followed by sixteen '90' and then '91' (the 35th digit is 9, so the last 0 rounds up to 1).
  const oneEleventh = `0.0${'90'.repeat(16)}91`;

  it('the lost form gives the correctly rounded 1/11 (control)', () => {
    expect(churnRate({ startCustomers: 11, lostCustomers: 1 }).toString()).toBe(oneEleventh);
  });

  it('the counts form gives the same correctly rounded 1/11', () => {
    expect(churnRate({ startCustomers: 11, endCustomers: 10 }).toString()).toBe(oneEleventh);
  });

  // The same when retention < 0.1: S = 44, E = 2 → retention 2/44 = 1/22 = 0.0454545…, which
  // rounds to 35 decimal places, so 1 − it must be rounded again and lands on a tie.
  // Hand: churn = 42/44 = 21/22 = 0.9545454…; 34 significant digits are '9', sixteen '54' and
  // '5'; the 35th digit is 4, so it rounds down: '0.9' + '54' × 16 + '5'.
  const twentyOneTwentySeconds = `0.9${'54'.repeat(16)}5`;

  it('the lost form gives the correctly rounded 21/22 (control)', () => {
    expect(churnRate({ startCustomers: 44, lostCustomers: 42 }).toString()).toBe(
      twentyOneTwentySeconds,
    );
  });

  it('the counts form gives the same correctly rounded 21/22', () => {
    expect(churnRate({ startCustomers: 44, endCustomers: 2 }).toString()).toBe(
      twentyOneTwentySeconds,
    );
  });

  // BUG: -0 is zero; it is a valid count (the JSON Schema, `minimum: 0`, accepts it).
  it('accepts -0 as a count of zero', () => {
    // (0 − 0) / 10 = 0
    expect(retentionRate({ startCustomers: 10, endCustomers: -0 }).toString()).toBe('0');
  });
});
