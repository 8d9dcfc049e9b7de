/**
 * Small schemas shared by the plan's input, customisation and plan schemas.
 *
 * @module
 */
import * as z from 'zod/mini';
import { D, DECIMAL_STRING_PATTERN, type Decimal } from '../../core/numeric.js';
import { parseIsoTimestamp } from '../../core/time.js';
import { PLAN_CUSTOM_ID_PATTERN } from '../model.js';

/** An ISO calendar date `YYYY-MM-DD` that exists. @internal */
export const isoDateSchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date (YYYY-MM-DD)'),
  z.refine((s) => parseIsoTimestamp(s) !== undefined, { message: 'is not a calendar date' }),
);

/** A built-in or custom id of a step or KPI metric ({@link PLAN_CUSTOM_ID_PATTERN}). @internal */
export const planIdSchema = z
  .string()
  .check(
    z.regex(
      new RegExp(PLAN_CUSTOM_ID_PATTERN),
      'must be an id of letters, digits, ".", "_" or "-", starting with a letter or digit, at most 64 characters',
    ),
  );

const DECIMAL_STRING = new RegExp(DECIMAL_STRING_PATTERN);

/**
 * The value of a decimal string of a stored plan, or `undefined` when it is not one (the schema
 * reports that): the checks across fields run even when a field failed its own check, and must
 * not throw on it. @internal
 */
export function planDecimal(value: unknown): Decimal | undefined {
  if (typeof value !== 'string' || !DECIMAL_STRING.test(value)) return undefined;
  try {
    return new D(value);
  } catch {
    return undefined;
  }
}
