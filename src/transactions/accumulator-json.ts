import * as z from 'zod/mini';
import { timeZoneSchema } from '../core/boundary.js';
import { TOTAL_BOUNDS, TOTAL_STRING } from '../core/bounds.js';
import { moneyString, readMoneyString } from '../core/cents.js';
import { CALENDAR_INSTANT_MIN, INSTANT_MAX } from '../core/instant.js';
import { periodKeyFunction, periodStartInstant } from '../core/period.js';
import { addIssue, strictObject, unitDaysSchema } from '../core/schemas.js';
import { resolveZone, type Zone } from '../core/time.js';
import { canonicalOrder } from './customer-summary.js';
import { type BatchAggregate, sizedColumns } from './internal/aggregate.js';
import { type StoredField, type StoredIssue, storedStateIssues } from './internal/stored-state.js';
import { type CustomerId, type ResolvedOptions, resolvedOptions } from './log.js';

/**
 * The JSON form of a {@link SummaryAccumulator}, as produced by `toJSON()` (version 2). Version 1
 * (written by 0.1.0, with `options: [asOf, granularity, unit, time zone]`) is still read.
 */
export interface SummaryAccumulatorJSON {
  readonly format: 'retention-metrics/summary-accumulator';
  readonly version: 2;
  /**
   * The options, resolved: `[end, at, granularity, unit, time zone]`, where rows at or after
   * `end` (epoch ms) are left out and durations without granularity are measured to `at`.
   */
  readonly options: readonly [number, number, string, string | number, string];
  /** Rows left out because they were after `asOf`. */
  readonly rowsAfterAsOf: number;
  /**
   * Customers as `[customerId, firstAt, lastAt, periods, firstOrderAmount, totalAmount, rows]`:
   * times in epoch ms, period keys as numbers, amounts as exact decimal strings.
   */
  readonly customers: readonly (readonly [
    CustomerId,
    number,
    number,
    readonly number[],
    string,
    string,
    number,
  ])[];
}

const customerIdSchema = z.union([z.string(), z.number()]);
const exactAmountSchema = z
  .string()
  .check(z.regex(TOTAL_STRING, `must be a non-negative decimal string ${TOTAL_BOUNDS}`));
const jsonGranularitySchema = z.enum(['day', 'week', 'month', 'quarter', 'year', 'none']);
/**
 * A stored duration unit, in the JSON and the binary form: a calendar unit or a length in days
 * within the bounds of an option's `unit` (a length of 5e-324 days would make every duration
 * Infinity).
 *
 * @internal
 */
export const storedUnitSchema = z.union([z.enum(['day', 'week', 'month']), unitDaysSchema]);

const jsonCustomersSchema = z.array(
  z.tuple([
    customerIdSchema,
    z.number(),
    z.number(),
    z.array(z.number()).check(z.minLength(1)),
    exactAmountSchema,
    exactAmountSchema,
    z.number().check(z.int(), z.positive()),
  ]),
);

/** The index of each field in a stored customer tuple. */
const FIELD_INDEX: Record<StoredField, number> = {
  customerId: 0,
  firstAt: 1,
  lastAt: 2,
  periods: 3,
  firstOrderAmount: 4,
  totalAmount: 5,
  rows: 6,
};

/**
 * The JSON path of an issue of the consistency check.
 *
 * @internal
 */
export function jsonPathOf(issue: StoredIssue): (string | number)[] {
  if (issue.customer < 0) {
    return issue.element === undefined ? [issue.field] : [issue.field, issue.element];
  }
  const path: (string | number)[] = [
    'customers',
    issue.customer,
    FIELD_INDEX[issue.field as StoredField],
  ];
  if (issue.element !== undefined) path.push(issue.element);
  return path;
}

/** The consistency check of a well-shaped state, as issues of the schema. */
function checkConsistency(
  v: z.output<typeof summaryAccumulatorShapeSchema>,
  ctx: z.core.$RefinementCtx,
): void {
  if (v.version === 1 && !(v.options[0] >= CALENDAR_INSTANT_MIN && v.options[0] < INSTANT_MAX)) {
    addIssue(ctx, `must be an epoch ms from 1900 to 2199 (received ${v.options[0]})`, [
      'options',
      0,
    ]);
    return;
  }
  const { issues } = storedStateIssues(
    decodeCustomers(v.customers),
    storedOptions(v),
    v.rowsAfterAsOf,
    v.version === 2,
  );
  for (const issue of issues) addIssue(ctx, issue.message, jsonPathOf(issue));
}

/** The shape of {@link SummaryAccumulatorJSON}, versions 2 and 1. */
const summaryAccumulatorShapeSchema = z.discriminatedUnion('version', [
  strictObject({
    format: z.literal('retention-metrics/summary-accumulator'),
    version: z.literal(2),
    options: z.tuple([
      z.number(),
      z.number(),
      jsonGranularitySchema,
      storedUnitSchema,
      timeZoneSchema,
    ]),
    rowsAfterAsOf: z.number().check(z.int(), z.nonnegative()),
    customers: jsonCustomersSchema,
  }),
  strictObject({
    format: z.literal('retention-metrics/summary-accumulator'),
    version: z.literal(1),
    options: z.tuple([z.number(), jsonGranularitySchema, storedUnitSchema, timeZoneSchema]),
    rowsAfterAsOf: z.number().check(z.int(), z.nonnegative()),
    customers: jsonCustomersSchema,
  }),
]);

/**
 * The schema of {@link SummaryAccumulatorJSON}: version 2, and version 1 as written by 0.1.0;
 * beyond the shape, only a state the library could have written (see `summaryAccumulatorFromJSON`).
 *
 * @category Schemas
 */
export const summaryAccumulatorJSONSchema = summaryAccumulatorShapeSchema.check(
  // Only a well-shaped state is checked for consistency.
  z.superRefine(checkConsistency, { when: (payload) => payload.issues.length === 0 }),
);

/** The input of {@link summaryAccumulatorFromJSON}: the current form or version 1 of 0.1.0. */
export type SummaryAccumulatorJSONInput = z.input<typeof summaryAccumulatorJSONSchema>;

/**
 * The resolved options of a stored state. Version 1 stored `asOf` as an instant and observed
 * the whole `granularity` period holding it; that meaning is kept for states it wrote.
 *
 * @internal
 */
export function storedOptions(v: z.output<typeof summaryAccumulatorShapeSchema>): ResolvedOptions {
  if (v.version === 2) {
    const [end, at, granularity, unit, timeZone] = v.options;
    return resolvedOptions(end, at, granularity, unit, resolveZone(timeZone) as Zone, 'ms');
  }
  const [asOf, granularity, unit, timeZone] = v.options;
  const zone = resolveZone(timeZone) as Zone;
  if (granularity === 'none') return resolvedOptions(asOf + 1, asOf, granularity, unit, zone, 'ms');
  const next = periodKeyFunction(granularity, zone)(asOf) + 1;
  const end = periodStartInstant(next, granularity, zone);
  return resolvedOptions(end, asOf, granularity, unit, zone, 'ms');
}

/**
 * The JSON of an aggregate under resolved options, customers in canonical id order.
 *
 * @internal
 */
export function encodeAggregate(
  batch: BatchAggregate,
  options: ResolvedOptions,
  rowsAfterAsOf: number,
): SummaryAccumulatorJSON {
  const { end, at, granularity, unit, zone } = options;
  const order = canonicalOrder(batch);
  const customers = new Array<SummaryAccumulatorJSON['customers'][number]>(order.length);
  for (let i = 0; i < order.length; i++) {
    const c = order[i] as number;
    customers[i] = [
      batch.ids[c] as CustomerId,
      batch.firstAt[c] as number,
      batch.lastAt[c] as number,
      Array.from(batch.keys.subarray(batch.keyStart[c], batch.keyStart[c + 1])),
      moneyString(batch.firstCents[c] as number, batch.firstExact.get(c)),
      moneyString(batch.cents[c] as number, batch.exact.get(c)),
      batch.rows[c] as number,
    ];
  }
  return {
    format: 'retention-metrics/summary-accumulator',
    version: 2,
    options: [end, at, granularity, unit, zone.name],
    rowsAfterAsOf,
    customers,
  };
}

/**
 * The aggregate of well-shaped JSON customers, as stored (periods in the order given): the input
 * of the consistency check.
 *
 * @internal
 */
export function decodeCustomers(json: SummaryAccumulatorJSON['customers']): BatchAggregate {
  let count = 0;
  for (const customer of json) count += customer[3].length;
  const columns = sizedColumns(json.length, count);
  const { ids, firstAt, lastAt, rows, keyStart, keys, firstCents, cents, firstExact, exact } =
    columns;
  let at = 0;
  json.forEach(([id, first, last, periods, firstAmount, total, n], c) => {
    ids[c] = id;
    firstAt[c] = first;
    lastAt[c] = last;
    rows[c] = n;
    firstCents[c] = readMoneyString(firstAmount, firstExact, c);
    cents[c] = readMoneyString(total, exact, c);
    keyStart[c] = at;
    keys.set(periods, at);
    at += periods.length;
  });
  keyStart[json.length] = at;
  return { ...columns, rowsAfterAsOf: 0, canonicalOrder: null };
}
