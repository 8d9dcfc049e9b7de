import * as z from 'zod/mini';
import { AMOUNT_BOUNDS, MAX_DAYS, MIN_UNIT_DAYS, withinAmountBounds } from './bounds.js';
import { describeValue, type IssueParams, type RetentionMetricsErrorCode } from './errors.js';
import { instantOf, instantRequirement } from './instant.js';
import { DECIMAL_STRING_PATTERN, type Decimal, parseNumeric } from './numeric.js';
import { isPlainObject } from './own.js';

/** A JSON Schema document or fragment, as a plain object. */
export type JsonSchema = Record<string, unknown>;

/**
 * JSON Schema fragments of the schemas whose input side zod cannot describe (values that are
 * parsed by a transform). Read by `toJsonSchema` (the `retention-metrics/json-schema` entry,
 * src/core/json-schema.ts) through {@link jsonFragmentOf}: the registry lives here, in the module
 * every schema is built with, so that both entries see one registry.
 */
const jsonFragments = new WeakMap<z.core.$ZodType, JsonSchema>();

/**
 * Gives `schema` the JSON Schema `fragment` that `toJsonSchema` writes for it.
 *
 * @internal
 */
export function withJson<S extends z.core.$ZodType>(schema: S, fragment: JsonSchema): S {
  jsonFragments.set(schema, fragment);
  return schema;
}

/** The JSON Schema fragment given to `schema` by {@link withJson}, if any. @internal */
export function jsonFragmentOf(schema: z.core.$ZodType): JsonSchema | undefined {
  return jsonFragments.get(schema);
}

/**
 * Pushes a custom issue carrying an error code; used by refinements and transforms across the
 * library. A refinement's context has `addIssue` (the issue lets later checks run); a transform's
 * (zod/mini) has only the issue list.
 */
export function addIssue(
  ctx: z.core.ParsePayload,
  message: string,
  path: (string | number)[],
  code: RetentionMetricsErrorCode = 'INVALID_INPUT',
  input?: unknown,
): void {
  const params: IssueParams = { code };
  const issue = { code: 'custom', message, path, params, input } as const;
  if (Object.hasOwn(ctx, 'addIssue')) (ctx as z.core.$RefinementCtx).addIssue(issue);
  else ctx.issues.push(issue);
}

/**
 * Makes the object schema `inst` first refuse an object that is not plain ({@link isPlainObject}):
 * zod reads any object's fields, inherited ones included, so a typed array, a `Date`, a `Map` or a
 * class instance given where options or a row belong would be read through a prototype the caller
 * does not own (a polluted `Object.prototype` would add fields to it). Every schema zod derives
 * from `inst` (`.check(…)`, `z.extend`) is built through `inst._zod.constr`, which is set here to
 * build it the same way, so the refusal is kept.
 */
function refuseNonPlain<S extends z.ZodMiniObject>(inst: S): S {
  const internals = inst._zod;
  const parse = internals.parse;
  const guarded: typeof parse = (payload, ctx) => {
    const value: unknown = payload.value;
    if (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      !isPlainObject(value)
    ) {
      const message = `must be a plain object (received ${describeValue(value)})`;
      const params: IssueParams = { code: 'INVALID_INPUT' };
      payload.issues.push({ code: 'custom', message, input: value, path: [], params, inst });
      return payload;
    }
    return parse(payload, ctx);
  };
  internals.parse = guarded;
  // Without checks, zod runs the parse it had when the schema was built.
  if (internals.run === parse) internals.run = guarded;
  (internals as { constr: unknown }).constr = PlainObject;
  return inst;
}

/** Builds an object schema from its definition, refusing objects that are not plain. */
function PlainObject(def: z.core.$ZodObjectDef): z.ZodMiniObject {
  return refuseNonPlain(new z.ZodMiniObject(def));
}

/**
 * `z.strictObject` that refuses an object that is not plain: the one builder of the library's
 * object schemas with a fixed set of fields (options, inputs, plan parts).
 *
 * @internal
 */
export function strictObject<S extends z.core.$ZodLooseShape>(
  shape: S,
): z.ZodMiniObject<S, z.core.$strict> {
  return refuseNonPlain(z.strictObject(shape));
}

/**
 * `z.looseObject` that refuses an object that is not plain: the builder of the object schemas that
 * let other fields through (rows of a log, a report's parts).
 *
 * @internal
 */
export function looseObject<S extends z.core.$ZodLooseShape>(
  shape: S,
): z.ZodMiniObject<S, z.core.$loose> {
  return refuseNonPlain(z.looseObject(shape));
}

function decimalSchema(
  requirement: string,
  accept: (value: Decimal) => boolean,
  json: JsonSchema,
  bounded = false,
): z.ZodMiniType<Decimal, unknown> {
  const parse = z.transform((value: unknown, ctx): Decimal => {
    const parsed = parseNumeric(value);
    if (parsed === undefined || !accept(parsed)) {
      ctx.issues.push({ code: 'custom', message: `must be ${requirement}`, input: value });
      return z.NEVER;
    }
    if (bounded && !withinAmountBounds(parsed)) {
      const message = `must be ${requirement} ${AMOUNT_BOUNDS}`;
      ctx.issues.push({ code: 'custom', message, input: value });
      return z.NEVER;
    }
    return parsed;
  });
  return withJson(z.pipe(z.unknown(), parse), json);
}

const numericString = { type: 'string', pattern: DECIMAL_STRING_PATTERN };

/**
 * Any finite numeric value (`number`, decimal string or `Decimal`), parsed to a `Decimal`.
 *
 * @category Schemas
 */
export const numericSchema = /* @__PURE__ */ decimalSchema('a finite number', () => true, {
  anyOf: [{ type: 'number' }, numericString],
  description: 'A finite number, or a decimal string.',
});

/**
 * A non-negative integer count (customers, orders), parsed to a `Decimal`.
 *
 * @category Schemas
 */
export const countSchema = /* @__PURE__ */ decimalSchema(
  'a non-negative integer',
  (d) => d.isInteger() && !d.isNegative(),
  {
    anyOf: [
      { type: 'integer', minimum: 0 },
      { type: 'string', pattern: '^\\+?\\d+(\\.0*)?$' },
    ],
    description: 'A non-negative integer count.',
  },
);

/**
 * A money amount that may be negative (a margin, a net change), parsed to a `Decimal`.
 *
 * @category Schemas
 */
export const moneySchema = /* @__PURE__ */ decimalSchema(
  'a finite amount of money',
  () => true,
  {
    anyOf: [{ type: 'number' }, numericString],
    description: 'An amount of money: a finite number, or a decimal string.',
  },
  true,
);

/**
 * A non-negative money amount (revenue, an order's value, a cost), parsed to a `Decimal`.
 *
 * @category Schemas
 */
export const nonNegativeMoneySchema = /* @__PURE__ */ decimalSchema(
  'a non-negative finite amount of money',
  (d) => !d.isNegative(),
  nonNegativeMoneyJson(),
  true,
);

/**
 * The JSON Schema of a non-negative amount of money: a number ≥ 0 or an unsigned decimal string.
 * The fragment of {@link nonNegativeMoneySchema}, and of the amount fields that are read by the
 * library's own readers (a transaction's `amount`, a summary's `totalRevenue`).
 *
 * @param description - The field's description.
 * @internal
 */
export function nonNegativeMoneyJson(
  description = 'A non-negative amount of money: a finite number, or a decimal string.',
): JsonSchema {
  return {
    anyOf: [
      { type: 'number', minimum: 0 },
      { ...numericString, pattern: '^\\+?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$' },
    ],
    description,
  };
}

/**
 * A rate as a fraction in [0, 1] (0.7 means 70 %), parsed to a `Decimal`.
 *
 * @category Schemas
 */
export const rateSchema = /* @__PURE__ */ decimalSchema(
  'a rate between 0 and 1 (a fraction, not a percentage)',
  (d) => !d.isNegative() && d.lte(1),
  {
    anyOf: [{ type: 'number', minimum: 0, maximum: 1 }, numericString],
    description: 'A rate as a fraction between 0 and 1.',
  },
);

/**
 * A non-negative finite number (a discount rate, a number of periods), parsed to a `Decimal`.
 *
 * @category Schemas
 */
export const nonNegativeSchema = /* @__PURE__ */ decimalSchema(
  'a non-negative finite number',
  (d) => !d.isNegative(),
  {
    anyOf: [{ type: 'number', minimum: 0 }, numericString],
    description: 'A non-negative finite number.',
  },
);

/**
 * A strictly positive finite number, parsed to a `Decimal`.
 *
 * @category Schemas
 */
export const positiveSchema = /* @__PURE__ */ decimalSchema(
  'a positive finite number',
  (d) => d.isPositive() && !d.isZero(),
  {
    anyOf: [{ type: 'number', exclusiveMinimum: 0 }, numericString],
    description: 'A positive finite number.',
  },
);

/**
 * A point in time: a `Date`, an ISO-8601 string (extended or basic format) or epoch milliseconds,
 * parsed to epoch milliseconds (UTC), within the plausible range of core/instant.ts (numbers from
 * 1971, dates and strings from 1900, both before 2200). An ISO string without an offset is read as
 * UTC, never as local time. Functions that take a `timeUnit` or a `timeZone` resolve their date
 * boundaries themselves (docs/conventions.md).
 *
 * @category Schemas
 */
export const timestampSchema: z.ZodMiniType<number, unknown> = /* @__PURE__ */ (() =>
  withJson(
    z.pipe(
      z.unknown(),
      z.transform((value: unknown, ctx): number => {
        const ms = instantOf(value, 'ms');
        if (Number.isNaN(ms)) {
          ctx.issues.push({
            code: 'custom',
            message: `must be ${instantRequirement(value, 'ms')}`,
            input: value,
          });
          return z.NEVER;
        }
        return ms;
      }),
    ),
    {
      anyOf: [
        { type: 'string', format: 'date-time' },
        { type: 'string', format: 'date' },
        {
          type: 'string',
          pattern: '^\\d{8}(T\\d{4}(\\d{2}([.,]\\d{1,9})?)?(Z|z|[+-]\\d{2}(\\d{2})?)?)?$',
        },
        { type: 'number', minimum: 31536000000, exclusiveMaximum: 7258118400000 },
      ],
      description:
        'An ISO-8601 date or date-time (UTC unless an offset is given; 1900 to 2199), or epoch milliseconds (1971 to 2199).',
    },
  ))();

/**
 * A plain `number` option accepted by `accept`, with the complete message `must be <requirement>
 * (received …)`. The one builder of numeric option schemas (widths, thresholds, windows); `json`
 * is its JSON Schema (default `{ type: 'number' }`).
 *
 * @internal
 */
export function numberOptionSchema(
  requirement: string,
  accept: (n: number) => boolean,
  json: JsonSchema = { type: 'number' },
): z.ZodMiniType<number, number> {
  const schema = z.unknown().check(
    z.superRefine((value, ctx) => {
      if (typeof value !== 'number' || !Number.isFinite(value) || !accept(value)) {
        addIssue(ctx, `must be ${requirement} (received ${describeValue(value)})`, []);
      }
    }),
  );
  return withJson(schema, json) as unknown as z.ZodMiniType<number, number>;
}

/** A positive finite `number` option. @internal */
export const positiveNumberSchema = /* @__PURE__ */ numberOptionSchema(
  'a positive finite number',
  (n) => n > 0,
);

/** A non-negative finite `number` option. @internal */
export const nonNegativeNumberSchema = /* @__PURE__ */ numberOptionSchema(
  'a non-negative finite number',
  (n) => n >= 0,
);

/** An integer `number` option in [min, max]. @internal */
export function integerBetweenSchema(min: number, max: number): z.ZodMiniType<number, number> {
  return withJson(
    numberOptionSchema(
      `an integer from ${min} to ${max}`,
      (n) => Number.isInteger(n) && n >= min && n <= max,
    ),
    { type: 'integer', minimum: min, maximum: max },
  );
}

/**
 * A `number` option in (0, max] (or [0, max] with `zero`): `must be a positive finite number up
 * to max (received …)`. The builder of the bounded numeric options of src/core/bounds.ts.
 *
 * @internal
 */
export function boundedNumberSchema(
  max: number,
  { zero = false, integer = false, min }: { zero?: boolean; integer?: boolean; min?: number } = {},
): z.ZodMiniType<number, number> {
  const kind = integer ? 'whole number' : 'finite number';
  const low =
    min !== undefined ? `from ${min}` : zero ? `a non-negative ${kind}` : `a positive ${kind}`;
  const requirement = min !== undefined ? `a ${kind} ${low} to ${max}` : `${low} up to ${max}`;
  const schema = numberOptionSchema(
    requirement,
    (n) =>
      (min !== undefined ? n >= min : zero ? n >= 0 : n > 0) &&
      n <= max &&
      (!integer || Number.isInteger(n)),
  );
  return withJson(schema, {
    type: integer ? 'integer' : 'number',
    ...(min !== undefined ? { minimum: min } : zero ? { minimum: 0 } : { exclusiveMinimum: 0 }),
    maximum: max,
  });
}

/** A span of days (`activeWithin`, `lostAfterDays`, …): in (0, {@link MAX_DAYS}]. @internal */
export const daysSchema = /* @__PURE__ */ boundedNumberSchema(MAX_DAYS);

/**
 * A window of whole calendar days counted back from a boundary (`activeWithin`): an integer in
 * [1, {@link MAX_DAYS}]. Whole days keep the rule that a purchase logged as a date or as a time on
 * that date is counted alike. @internal
 */
export const calendarDaysSchema = /* @__PURE__ */ boundedNumberSchema(MAX_DAYS, { integer: true });

/**
 * A duration unit given as its length in days (`7` = weeks): from a millisecond
 * ({@link MIN_UNIT_DAYS}) to {@link MAX_DAYS}. @internal
 */
export const unitDaysSchema = /* @__PURE__ */ withJson(
  z.number().check(
    z.superRefine((n, ctx) => {
      if (n < MIN_UNIT_DAYS || n > MAX_DAYS) {
        const text = `must be a length in days from 1/86400000 (a millisecond) to ${MAX_DAYS} (received ${describeValue(n)})`;
        addIssue(ctx, text, []);
      }
    }),
  ),
  { type: 'number', minimum: MIN_UNIT_DAYS, maximum: MAX_DAYS },
);
