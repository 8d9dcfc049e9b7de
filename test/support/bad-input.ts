import { describe, expect, it } from 'vitest';
import { expectError } from './errors.js';

/** Labelled values that a field must reject. */
export type BadValues = readonly (readonly [label: string, value: unknown])[];

/**
 * Values that are no number in any accepted form (`number`, plain decimal string, `Decimal`):
 * every numeric field rejects them.
 */
export const NOT_NUMBERS: BadValues = [
  ["'abc'", 'abc'],
  ['true', true],
  ['{}', {}],
  ['[]', []],
  ['null', null],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ["'Infinity'", 'Infinity'],
  ["'1e99999999999999999' (overflows)", '1e99999999999999999'],
  ["' 1' (a space)", ' 1'],
  ["'1,5' (a decimal comma)", '1,5'],
  ["'$100'", '$100'],
];

/** Negative amounts, which a non-negative field rejects. */
export const NEGATIVE: BadValues = [
  ['-1', -1],
  ["'-0.01'", '-0.01'],
];

/** One function's input for {@link describeBadInput}. */
export interface BadInputCase {
  readonly name: string;
  /** Calls the function with an input; valid input returns a finite Decimal. */
  readonly call: (input: unknown) => { isFinite(): boolean };
  readonly valid: Readonly<Record<string, unknown>>;
  /** Each field, the values it rejects, and whether it may be missing (default: required). */
  readonly fields: readonly (readonly [
    field: string,
    bad: BadValues,
    presence?: 'required' | 'optional',
  ])[];
}

/**
 * The bad-input matrix of a set of functions: every bad value of every field, each required field
 * missing or `undefined`, an unknown extra field, and a non-object input each raise
 * `INVALID_INPUT` naming the field (`''` for the whole input). `unknownField` is a name the
 * inputs do not have.
 */
export function describeBadInput(
  cases: readonly BadInputCase[],
  unknownField: string,
  options: { readonly wholeInput?: boolean } = {},
): void {
  describe.each(cases)('bad input: $name', ({ call, valid, fields }) => {
    it('accepts the valid base input', () => {
      expect(call(valid).isFinite()).toBe(true);
    });

    const rows = fields.flatMap(([field, bad, presence]) =>
      [...bad, ...(presence === 'optional' ? [] : [['undefined', undefined] as const])].map(
        ([label, value]) => [field, label, value] as const,
      ),
    );
    it.each(rows)('%s = %s → INVALID_INPUT naming the field', (field, _label, value) => {
      expectError(() => call({ ...valid, [field]: value }), 'INVALID_INPUT', field);
    });

    const required = fields.filter(([, , presence]) => presence !== 'optional').map(([f]) => f);
    if (required.length > 0) {
      it.each(required)('missing %s → INVALID_INPUT "is required"', (field) => {
        const input: Record<string, unknown> = { ...valid };
        delete input[field];
        const error = expectError(() => call(input), 'INVALID_INPUT', field);
        expect(error.message).toContain('is required');
      });
    }

    it('an unknown extra field → INVALID_INPUT naming it', () => {
      const error = expectError(() => call({ ...valid, [unknownField]: 1 }), 'INVALID_INPUT', '');
      expect(error.message).toContain(`'${unknownField}'`);
    });

    if (options.wholeInput !== false) {
      it.each([
        ['null', null],
        ['undefined', undefined],
        ['a number', 5],
        ['a string', 'x'],
        ['an array', [5, 3]],
      ])('%s as the whole input → INVALID_INPUT', (_label, input) => {
        expectError(() => call(input), 'INVALID_INPUT', '');
      });
    }
  });
}
