import * as z from 'zod/mini';
import { isPlainObject, ownField, ownInput } from './own.js';

/**
 * The stable error codes of {@link RetentionMetricsError}. Codes are part of the public API: a
 * code is never renamed or reused for another meaning.
 *
 * - `INVALID_INPUT`: a value has the wrong type, is outside its allowed set (a negative count, a
 *   non-integer count, NaN, ±Infinity), or contradicts another field.
 * - `EMPTY_INPUT`: a list that must hold at least one element is empty.
 * - `DIVISION_BY_ZERO`: the formula's denominator is zero for this input and the function defines no
 *   value for that case.
 * - `OUT_OF_DOMAIN`: the input is well-formed but the formula is undefined there (for example a
 *   churn rate of 1 converted to a shorter period, or a discount rate that makes a series diverge).
 * - `NOT_CONVERGED`: an iterative estimate did not converge.
 * - `NOT_IDENTIFIED`: a model fit with `strict: true` whose parameters the data do not identify
 *   (the fit's `warnings`: a parameter running off to the optimiser's bound, no standard errors,
 *   too few customers, no repeat purchases).
 */
export type RetentionMetricsErrorCode =
  | 'INVALID_INPUT'
  | 'EMPTY_INPUT'
  | 'DIVISION_BY_ZERO'
  | 'OUT_OF_DOMAIN'
  | 'NOT_CONVERGED'
  | 'NOT_IDENTIFIED';

/** One problem found in an input, in a form that does not depend on zod's classes. */
export interface RetentionMetricsIssue {
  /** The error code this issue maps to. */
  readonly code: RetentionMetricsErrorCode;
  /** Path from the input's root to the offending value, e.g. `['amounts', 3]`. */
  readonly path: readonly (string | number)[];
  /** Human-readable description, naming the field. */
  readonly message: string;
}

/** Options of the {@link RetentionMetricsError} constructor. */
export interface RetentionMetricsErrorOptions {
  /** Path from the input's root to the offending value. */
  readonly path?: readonly (string | number)[];
  /** All issues found (the first one is the error's own message). */
  readonly issues?: readonly RetentionMetricsIssue[];
  /** The underlying error, e.g. zod's `ZodError`, kept for debugging. */
  readonly cause?: unknown;
}

/**
 * The one error type of the library. Every public function throws it, and only it, for bad
 * input; its `code` is stable and its message names the offending field (and the row index for
 * arrays, as in `amounts[3]`).
 *
 * @example
 * ```ts
 * import { retentionRate, isRetentionMetricsError, RetentionMetricsError } from 'retention-metrics';
 * try {
 *   retentionRate({ startCustomers: 0, endCustomers: 0 });
 * } catch (error) {
 *   if (!isRetentionMetricsError(error)) throw error;
 *   error instanceof RetentionMetricsError; // => true
 *   error.code; // => 'DIVISION_BY_ZERO'
 *   error.field; // => 'startCustomers'
 *   error.message; // => 'retentionRate: startCustomers is 0, so the rate is undefined (division by zero)'
 * }
 * ```
 * @category Errors
 */
export class RetentionMetricsError extends Error {
  /** The stable error code. */
  readonly code: RetentionMetricsErrorCode;
  /** Path from the input's root to the offending value (empty when the whole input is at fault). */
  readonly path: readonly (string | number)[];
  /** All issues found in the input; the first one is described by `message`. */
  readonly issues: readonly RetentionMetricsIssue[];

  /**
   * Creates an error. The library throws these; a caller rarely constructs one.
   *
   * @param code - The stable error code.
   * @param message - The message, naming the function and the field.
   * @param options - The offending path, all issues found, and the underlying cause.
   */
  constructor(
    code: RetentionMetricsErrorCode,
    message: string,
    options: RetentionMetricsErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RetentionMetricsError';
    this.code = code;
    this.path = options.path ?? [];
    this.issues = options.issues ?? [{ code, path: this.path, message }];
  }

  /** The offending field as written in the message, e.g. `'amounts[3]'`; `''` for the whole input. */
  get field(): string {
    return formatPath(this.path);
  }
}

/**
 * Whether `value` is a {@link RetentionMetricsError}, also when it comes from another copy of
 * the library (checked by name and code, not `instanceof`).
 *
 * @example
 * ```ts
 * import { isRetentionMetricsError } from 'retention-metrics';
 * isRetentionMetricsError(new Error('boom')); // => false
 * ```
 * @category Errors
 */
export function isRetentionMetricsError(value: unknown): value is RetentionMetricsError {
  if (value instanceof RetentionMetricsError) return true;
  return (
    value instanceof Error &&
    value.name === 'RetentionMetricsError' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}

/**
 * Formats a path as a field name: `['rows', 3, 'amount']` → `rows[3].amount`.
 *
 * @internal
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/**
 * Describes a received value for an error message, briefly.
 *
 * @internal
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'an invalid Date' : `Date ${value.toISOString()}`;
  }
  if (typeof value === 'object') {
    const tag = (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
    if (tag === 'Decimal') return `Decimal ${String(value)}`;
    // A typed array, a Map, a Set: the kind is named, so that "must be a plain object" is plain.
    if (typeof tag === 'string' && /^[A-Z][A-Za-z0-9]*$/.test(tag)) return withArticle(tag);
    return 'an object';
  }
  return typeof value;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || current === undefined) return undefined;
    if (typeof current !== 'object' && typeof current !== 'function') return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Parameters that schemas attach to custom issues so they map to a specific error code. */
export interface IssueParams {
  readonly code?: RetentionMetricsErrorCode;
}

function issueCode(issue: z.core.$ZodIssue): RetentionMetricsErrorCode {
  if (issue.code === 'custom') {
    const params = issue.params as IssueParams | undefined;
    if (params?.code !== undefined) return params.code;
  }
  if (issue.code === 'too_small' && issue.origin === 'array' && Number(issue.minimum) === 1) {
    return 'EMPTY_INPUT';
  }
  return 'INVALID_INPUT';
}

function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  const received = valueAt(input, issue.path);
  if (issue.code === 'custom' && (issue.params as IssueParams | undefined)?.code !== undefined) {
    // Cross-field rules write complete sentences with the values compared.
    return issue.message;
  }
  if (issue.path.length > 0 && received === undefined && !hasKey(input, issue.path)) {
    return 'is required';
  }
  if (issue.code === 'unrecognized_keys') {
    const plural = issue.keys.length > 1 ? 's' : '';
    return `has unknown field${plural} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'array' && Number(issue.minimum) === 1) {
    return 'must not be empty';
  }
  return `${authorsMessage(issue) ?? requirementOf(issue)} (received ${describeValue(received)})`;
}

/** zod's own default messages, in English; anything else was written by the schema's author. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Expected|Unrecognized)|^$/;

/** The message a schema of the library gave its check (`min(2, 'must be …')`), if any. */
function authorsMessage(issue: z.core.$ZodIssue): string | undefined {
  return ZOD_DEFAULT.test(issue.message) ? undefined : issue.message;
}

const TYPE_NOUNS: Readonly<Record<string, string>> = {
  int: 'an integer',
  number: 'a finite number',
  bigint: 'a bigint',
  date: 'a valid Date',
  tuple: 'an array',
  record: 'an object',
  nonoptional: 'given',
};

/**
 * What a zod issue requires, in the library's words: `must be …`, `must have …`. zod's own
 * messages (in whatever locale zod is set to) never reach a user.
 */
function requirementOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${TYPE_NOUNS[issue.expected] ?? withArticle(issue.expected)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${listValues(issue.values)}`
        : `must be one of ${listValues(issue.values)}`;
    case 'invalid_union':
      return `must be ${alternativesOf(issue)}`;
    case 'too_small':
    case 'too_big':
      return boundText(issue);
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern !== undefined
        ? `must be a string matching ${issue.pattern}`
        : `must be a valid ${issue.format} string`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_key':
      return `has a key that is not valid`;
    case 'invalid_element':
      return `has an element that is not valid`;
    default:
      return 'is not valid';
  }
}

/** The accepted alternatives of a union, read from each branch's complaint about the value itself. */
function alternativesOf(issue: z.core.$ZodIssueInvalidUnion): string {
  const options = (issue as { options?: unknown }).options;
  if (Array.isArray(options) && options.length > 0) return `one of ${listValues(options)}`;
  const values: unknown[] = [];
  const others: string[] = [];
  for (const branch of issue.errors) {
    const [first] = branch;
    // A branch that took the value's form and failed deeper says nothing about the form.
    if (first === undefined || first.path.length > 0) continue;
    if (first.code === 'invalid_value') values.push(...first.values);
    else {
      const text = (authorsMessage(first) ?? requirementOf(first))
        .replace(/^must be /, '')
        .replace(/ \(received [\s\S]*\)$/, '');
      if (!others.includes(text)) others.push(text);
    }
  }
  const parts = values.length > 0 ? [`one of ${listValues(values)}`, ...others] : others;
  if (parts.length === 0) return 'one of the accepted forms';
  return parts.length === 1
    ? (parts[0] as string)
    : `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}`;
}

function boundText(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const limit = small
    ? (issue as z.core.$ZodIssueTooSmall).minimum
    : (issue as z.core.$ZodIssueTooBig).maximum;
  const { origin, inclusive, exact } = issue;
  if (origin === 'array' || origin === 'set' || origin === 'string') {
    const unit = origin === 'string' ? 'characters' : 'elements';
    const how = exact ? 'exactly' : small ? 'at least' : 'at most';
    return `must have ${how} ${limit} ${unit}`;
  }
  const shown = origin === 'date' ? new Date(Number(limit)).toISOString() : String(limit);
  if (exact) return `must be ${shown}`;
  const relation = small
    ? inclusive === false
      ? 'greater than'
      : 'at least'
    : inclusive === false
      ? 'less than'
      : 'at most';
  return `must be ${relation} ${shown}`;
}

/**
 * The message zod gives an issue whose check has none of its own, whatever locale an application
 * loaded into zod (zod/mini loads none): one of zod's English defaults, so that
 * {@link authorsMessage} tells it from a message a schema gave, and {@link requirementOf} words it.
 */
const builtInMessage = (): string => 'Invalid input';

function listValues(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
}

function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function hasKey(root: unknown, path: readonly PropertyKey[]): boolean {
  const parent = valueAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  // A field set to undefined counts as left out, as zod reads optional fields.
  return last !== undefined && ownField(parent, last) !== undefined;
}

/**
 * The error for a bad element of a list input, naming it: `fn: list[index].field must be
 * requirement (received …)`, with path `[list, index, field]`. An empty `field` names the element
 * itself.
 *
 * @internal
 */
export function invalidElement(
  fn: string,
  list: string,
  index: number,
  field: string,
  requirement: string,
  value: unknown,
): RetentionMetricsError {
  const named = field === '' ? `${list}[${index}]` : `${list}[${index}].${field}`;
  return new RetentionMetricsError(
    'INVALID_INPUT',
    `${fn}: ${named} must be ${requirement} (received ${describeValue(value)})`,
    { path: field === '' ? [list, index] : [list, index, field] },
  );
}

/**
 * Throws `INVALID_INPUT` naming the parameter `name` (`fn: options must be an object (received
 * undefined)`, path `[name]`) unless `value` is a non-null object: a missing whole argument is
 * called by its parameter's name, never reported through one of its fields.
 *
 * @internal
 */
export function requireObject(fn: string, name: string, value: unknown): void {
  if (typeof value === 'object' && value !== null) return;
  throw new RetentionMetricsError(
    'INVALID_INPUT',
    `${fn}: ${name} must be an object (received ${describeValue(value)})`,
    { path: [name] },
  );
}

/**
 * Throws `INVALID_INPUT` naming the parameter `name` unless `value` is a plain object (see
 * {@link isPlainObject}): for the whole arguments a function reads field by field without a
 * schema, as the object schemas of core/schemas.ts do for the rest. An array, a `Date`, a typed
 * array or a class instance would be read through a prototype the caller does not own.
 *
 * @internal
 */
export function requirePlainObject(fn: string, name: string, value: unknown): void {
  requireObject(fn, name, value);
  if (!Array.isArray(value) && isPlainObject(value as object)) return;
  throw new RetentionMetricsError(
    'INVALID_INPUT',
    `${fn}: ${name} must be a plain object (received ${describeValue(value)})`,
    { path: [name] },
  );
}

/**
 * Converts zod's issues into a {@link RetentionMetricsError} for the function `fn`. The message
 * is `fn: field message (received …)` and says how many more issues there are; the first issue
 * decides the code; `issues` lists up to {@link MAX_ISSUES}. `root` names the whole input, the
 * function's parameter (`input`, `options`).
 *
 * @internal
 */
export function fromZodError(
  fn: string,
  error: z.core.$ZodError,
  input: unknown,
  root = 'input',
): RetentionMetricsError {
  // zod's issues are read through their own fields: an absent `options`, `exact` or `pattern` of
  // an issue must not be found on a polluted prototype.
  const issues: RetentionMetricsIssue[] = ownInput(error.issues).map((issue) => {
    const path = issue.path.filter(
      (key): key is string | number => typeof key === 'string' || typeof key === 'number',
    );
    const field = formatPath(path);
    const text = issueMessage(issue, input);
    return {
      code: issueCode(issue),
      path,
      message: `${fn}: ${field === '' ? root : field} ${text}`,
    };
  });
  const first = issues[0] ?? {
    code: 'INVALID_INPUT' as const,
    path: [],
    message: `${fn}: invalid input`,
  };
  const more =
    issues.length > 1
      ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})`
      : '';
  return new RetentionMetricsError(first.code, `${first.message}${more}`, {
    path: first.path,
    issues: issues.slice(0, MAX_ISSUES),
    cause: error,
  });
}

/**
 * Parses `input` with `schema` and returns the output, or throws a {@link RetentionMetricsError}
 * for the function `fn`. zod's own errors never leave the library. The schema sees only the
 * input's own fields ({@link ownInput}). `root` is the parameter's name, used when the whole
 * input is at fault (`summarizeTransactions: options must be an object`).
 *
 * @internal
 */
export function parseInput<S extends z.core.$ZodType>(
  fn: string,
  schema: S,
  input: unknown,
  root = 'input',
): z.output<S> {
  const own = ownInput(input);
  const result = z.safeParse(schema, own, { error: builtInMessage });
  // The output's objects get the same treatment: an optional field the input left out must read
  // as undefined, not as an inherited value.
  if (result.success) return ownInput(result.data);
  throw fromZodError(fn, result.error, own, root);
}

/**
 * The most problems one error lists in `issues`; the message says how many more there were.
 */
export const MAX_ISSUES = 100;

/**
 * Collects the library's errors about the elements of one input (the rows of a log), so that the
 * error thrown at the end lists every problem up to {@link MAX_ISSUES}, not only the first. Any
 * other error (one thrown by the caller's own getter) passes through unchanged.
 *
 * @internal
 */
export class IssueCollector {
  private readonly errors: RetentionMetricsError[] = [];
  /** Problems recorded so far, listed or only counted. */
  count = 0;
  /**
   * Whether {@link MAX_ISSUES} problems are listed: a reader may then count a plain problem (a
   * hole, a missing id) with {@link countMore} instead of building its error, so that a column
   * claiming millions of empty rows costs a count per row, not an error per row.
   */
  full = false;

  /** Records `error` when it is the library's own; rethrows anything else. */
  add(error: unknown): void {
    if (!(error instanceof RetentionMetricsError)) throw error;
    this.count++;
    if (this.errors.length < MAX_ISSUES) this.errors.push(error);
    this.full = this.errors.length >= MAX_ISSUES;
  }

  /**
   * The value `read` returns, or `undefined` when it throws the library's error, which is recorded
   * (rewritten by `map` first, when given); any other error passes through unchanged.
   */
  attempt<T>(
    read: () => T,
    map?: (error: RetentionMetricsError) => RetentionMetricsError,
  ): T | undefined {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof RetentionMetricsError)) throw error;
      this.add(map === undefined ? error : map(error));
      return undefined;
    }
  }

  /** Counts `n` (default 1) more problems past the listed ones (only once {@link full}). */
  countMore(n = 1): void {
    this.count += n;
  }

  /** Throws one error listing the problems recorded, if any: the first one's code and message. */
  throwIfAny(): void {
    const [first] = this.errors;
    if (first === undefined) return;
    if (this.count === 1) throw first;
    const more = this.count - 1;
    const listed = this.count > MAX_ISSUES ? `; the first ${MAX_ISSUES} are listed in issues` : '';
    throw new RetentionMetricsError(
      first.code,
      `${first.message} (and ${more} more problem${more > 1 ? 's' : ''}${listed})`,
      { path: first.path, issues: this.errors.flatMap((e) => e.issues), cause: first.cause },
    );
  }
}
