import { expect } from 'vitest';
import { isRetentionMetricsError, type RetentionMetricsError } from '../../src/core/errors.js';

/** Runs `fn`, expects a RetentionMetricsError, and returns it. */
export function thrown(fn: () => unknown): RetentionMetricsError {
  let caught: unknown;
  let threw = false;
  try {
    fn();
  } catch (error) {
    threw = true;
    caught = error;
  }
  expect(threw, 'expected a throw, but the function returned').toBe(true);
  expect(isRetentionMetricsError(caught)).toBe(true);
  return caught as RetentionMetricsError;
}

/** Expects `fn` to throw a RetentionMetricsError with this code, naming this field. */
export function expectError(fn: () => unknown, code: string, field: string): RetentionMetricsError {
  const error = thrown(fn);
  expect(error.code).toBe(code);
  expect(error.field).toBe(field);
  // The whole input is named by its parameter: `input`, `options`, `summaries`, `json`, `plan`, `binary`.
  if (field === '') expect(error.message).toMatch(/: (input|options|summaries|json|plan|binary) /);
  else expect(error.message).toContain(field);
  return error;
}
