import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  describeValue,
  formatPath,
  isRetentionMetricsError,
  parseInput,
  RetentionMetricsError,
} from '../../src/core/errors.js';
import { countSchema, moneySchema } from '../../src/core/schemas.js';
import { retentionRate } from '../../src/metrics/retention.js';

/** Runs `fn`, expects it to throw, and returns what it threw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, but the function returned');
}

function thrownError(fn: () => unknown): RetentionMetricsError {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(RetentionMetricsError);
  return error as RetentionMetricsError;
}

describe('RetentionMetricsError', () => {
  it('is an Error with name, code, message and an empty path by default', () => {
    const error = new RetentionMetricsError('EMPTY_INPUT', 'f: amounts must not be empty');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(RetentionMetricsError);
    expect(error.name).toBe('RetentionMetricsError');
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.message).toBe('f: amounts must not be empty');
    expect(error.path).toEqual([]);
    expect(error.field).toBe('');
    expect(error.issues).toEqual([
      { code: 'EMPTY_INPUT', path: [], message: 'f: amounts must not be empty' },
    ]);
    expect('cause' in error).toBe(false);
    expect(String(error)).toBe('RetentionMetricsError: f: amounts must not be empty');
  });

  it('keeps the path, issues and cause it is given', () => {
    const cause = new Error('underlying');
    const issues = [
      { code: 'INVALID_INPUT' as const, path: ['rows', 2, 'amount'], message: 'first' },
      { code: 'INVALID_INPUT' as const, path: ['rows', 5], message: 'second' },
    ];
    const error = new RetentionMetricsError('INVALID_INPUT', 'first', {
      path: ['rows', 2, 'amount'],
      issues,
      cause,
    });
    expect(error.path).toEqual(['rows', 2, 'amount']);
    expect(error.field).toBe('rows[2].amount');
    expect(error.issues).toEqual(issues);
    expect(error.cause).toBe(cause);
  });

  it.each([
    [['amounts', 3], 'amounts[3]'],
    [['rows', 2, 'amount'], 'rows[2].amount'],
    [['startCustomers'], 'startCustomers'],
    [['a', 'b', 'c'], 'a.b.c'],
    [['matrix', 0, 1], 'matrix[0][1]'],
    [[4, 'x'], '[4].x'],
    [[], ''],
  ] as const)('formats the path %j as field %j', (path, field) => {
    expect(formatPath(path)).toBe(field);
    expect(new RetentionMetricsError('INVALID_INPUT', 'm', { path }).field).toBe(field);
  });
});

describe('errors thrown for zod-validated input', () => {
  const rowsSchema = z.strictObject({
    amounts: z.array(moneySchema).min(1),
    rows: z.array(z.strictObject({ amount: moneySchema })).optional(),
  });

  it('names the row index of an array element: amounts[3]', () => {
    const error = thrownError(() => parseInput('total', rowsSchema, { amounts: [1, 2, 3, 'x'] }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toEqual(['amounts', 3]);
    expect(error.field).toBe('amounts[3]');
    expect(error.message).toBe('total: amounts[3] must be a finite amount of money (received "x")');
  });

  it('names a nested field of a row: rows[2].amount', () => {
    const input = { amounts: [1], rows: [{ amount: 1 }, { amount: 2 }, { amount: Number.NaN }] };
    const error = thrownError(() => parseInput('total', rowsSchema, input));
    expect(error.field).toBe('rows[2].amount');
    expect(error.message).toBe(
      'total: rows[2].amount must be a finite amount of money (received NaN)',
    );
  });

  it('maps an empty required list to EMPTY_INPUT', () => {
    const error = thrownError(() => parseInput('total', rowsSchema, { amounts: [] }));
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.field).toBe('amounts');
    expect(error.message).toBe('total: amounts must not be empty');
  });

  it('keeps every issue and says how many more there are in the message', () => {
    const input = { amounts: ['a', 2, 'b', 'c'] };
    const error = thrownError(() => parseInput('total', rowsSchema, input));
    expect(error.issues.map((i) => i.path)).toEqual([
      ['amounts', 0],
      ['amounts', 2],
      ['amounts', 3],
    ]);
    expect(error.issues.every((i) => i.code === 'INVALID_INPUT')).toBe(true);
    expect(error.issues[1]?.message).toBe(
      'total: amounts[2] must be a finite amount of money (received "b")',
    );
    expect(error.message).toBe(
      'total: amounts[0] must be a finite amount of money (received "a") (and 2 more issues)',
    );
    const two = thrownError(() => parseInput('total', rowsSchema, { amounts: ['a', 'b'] }));
    expect(two.message.endsWith(' (and 1 more issue)')).toBe(true);
  });

  it('has the ZodError as cause, but never throws the ZodError itself', () => {
    const error = thrown(() => parseInput('total', rowsSchema, { amounts: ['x'] }));
    expect(error).toBeInstanceOf(RetentionMetricsError);
    expect(error).not.toBeInstanceOf(z.core.$ZodError);
    expect((error as RetentionMetricsError).cause).toBeInstanceOf(z.core.$ZodError);
    const cause = (error as RetentionMetricsError).cause as z.core.$ZodError;
    expect(cause.issues[0]?.path).toEqual(['amounts', 0]);
  });

  it('reports a missing field as "is required"', () => {
    const error = thrownError(() =>
      retentionRate({ endCustomers: 900 } as unknown as Parameters<typeof retentionRate>[0]),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('startCustomers');
    expect(error.message).toBe('retentionRate: startCustomers is required');
  });

  it('describes the whole input as "input" when it is not an object', () => {
    const error = thrownError(() => parseInput('f', z.strictObject({ n: countSchema }), null));
    expect(error.field).toBe('');
    expect(error.message).toBe('f: input must be an object (received null)');
  });

  it("words zod's built-in issues itself, whatever locale zod is configured with", () => {
    const schema = z.strictObject({ n: z.number().min(0), s: z.string().min(2).optional() });
    z.config(z.locales.fr());
    try {
      expect(thrownError(() => parseInput('f', schema, { n: -1 })).message).toBe(
        'f: n must be at least 0 (received -1)',
      );
      expect(thrownError(() => parseInput('f', schema, { n: 1, s: 'a' })).message).toBe(
        'f: s must have at least 2 characters (received "a")',
      );
    } finally {
      z.config(z.locales.en());
    }
  });

  it('lists unknown fields', () => {
    const schema = z.strictObject({ n: countSchema });
    const one = thrownError(() => parseInput('f', schema, { n: 1, extra: 2 }));
    expect(one.message).toBe("f: input has unknown field 'extra'");
    const two = thrownError(() => parseInput('f', schema, { n: 1, a: 1, b: 2 }));
    expect(two.message).toBe("f: input has unknown fields 'a', 'b'");
  });

  it('returns the parsed output when the input is valid', () => {
    const out = parseInput('f', z.strictObject({ n: countSchema }), { n: '12' });
    expect(out.n.toString()).toBe('12');
  });
});

describe('isRetentionMetricsError', () => {
  it('is true for our errors, including the ones the library throws', () => {
    expect(isRetentionMetricsError(new RetentionMetricsError('INVALID_INPUT', 'x'))).toBe(true);
    const error = thrown(() => retentionRate({ startCustomers: 0, endCustomers: 0 }));
    expect(isRetentionMetricsError(error)).toBe(true);
  });

  it('is true for a look-alike from another copy of the library', () => {
    // What another copy's RetentionMetricsError looks like from here: an Error with our name and
    // a string code, but a different class.
    const lookAlike = Object.assign(new Error('retentionRate: startCustomers is required'), {
      name: 'RetentionMetricsError',
      code: 'INVALID_INPUT',
    });
    expect(lookAlike instanceof RetentionMetricsError).toBe(false);
    expect(isRetentionMetricsError(lookAlike)).toBe(true);
  });

  it.each([
    ['a plain Error', new Error('boom')],
    ['a TypeError', new TypeError('boom')],
    [
      'an Error named like ours without a code',
      Object.assign(new Error('x'), { name: 'RetentionMetricsError' }),
    ],
    [
      'an Error named like ours with a numeric code',
      Object.assign(new Error('x'), { name: 'RetentionMetricsError', code: 1 }),
    ],
    [
      'an Error with a code but another name',
      Object.assign(new Error('x'), { code: 'INVALID_INPUT' }),
    ],
    [
      'a plain object shaped like ours',
      { name: 'RetentionMetricsError', code: 'INVALID_INPUT', message: 'x' },
    ],
    ['null', null],
    ['undefined', undefined],
    ['a string', 'RetentionMetricsError'],
    ['a number', 42],
  ])('is false for %s', (_label, value) => {
    expect(isRetentionMetricsError(value)).toBe(false);
  });
});

describe('describeValue', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['1.5', 1.5],
    ['-0', -0],
    ['NaN', Number.NaN],
    ['"abc"', 'abc'],
    [`"${'x'.repeat(37)}..."`, 'x'.repeat(41)],
    ['10n', 10n],
    ['true', true],
    ['an array of length 3', [1, 2, 3]],
    ['Date 2024-01-02T00:00:00.000Z', new Date(Date.UTC(2024, 0, 2))],
    ['an invalid Date', new Date(Number.NaN)],
    ['an object', { a: 1 }],
  ])('describes the value as %s', (text, value) => {
    expect(describeValue(value)).toBe(text);
  });
});
