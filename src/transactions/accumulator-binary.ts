import * as z from 'zod/mini';
import { timeZoneSchema } from '../core/boundary.js';
import { TOTAL_BOUNDS, TOTAL_STRING } from '../core/bounds.js';
import { moneyString, readMoneyString } from '../core/cents.js';
import { formatPath, parseInput, RetentionMetricsError } from '../core/errors.js';
import type { Decimal } from '../core/numeric.js';
import { strictObject } from '../core/schemas.js';
import { resolveZone, type Zone } from '../core/time.js';
import { storedUnitSchema } from './accumulator-json.js';
import { canonicalOrder } from './customer-summary.js';
import type { BatchAggregate } from './internal/aggregate.js';
import { type StoredIssue, storedStateIssues } from './internal/stored-state.js';
import { type CustomerId, type ResolvedOptions, resolvedOptions } from './log.js';

/**
 * The binary form of a {@link SummaryAccumulator}'s state, as produced by `toBinary()`: the
 * same content as {@link SummaryAccumulatorJSON} in typed arrays, for sending to a worker
 * thread or from one without copying. Every typed array is a view of one `ArrayBuffer`,
 * `buffer`: pass `[state.buffer]` as the transfer list of `postMessage`. The strings (string
 * ids and amounts that are not whole cents) travel as structured-clone copies.
 *
 * Customers are in id order, numeric ids first; customer `c`'s periods are
 * `periods[periodStart[c] .. periodStart[c + 1])`, ascending.
 */
export interface SummaryAccumulatorBinary {
  readonly format: 'retention-metrics/summary-accumulator-binary';
  readonly version: 1;
  /** The options, resolved, as in the JSON form: `[end, at, granularity, unit, time zone]`. */
  readonly options: readonly [number, number, string, string | number, string];
  /** Rows left out because they were after `asOf`. */
  readonly rowsAfterAsOf: number;
  /** The ids of the first `numericIds.length` customers, which are numbers. */
  readonly numericIds: Float64Array;
  /** The ids of the other customers, which are strings. */
  readonly stringIds: readonly string[];
  /** First and last purchase of each customer, epoch ms. */
  readonly firstAt: Float64Array;
  readonly lastAt: Float64Array;
  /** Rows of each customer. */
  readonly rows: Float64Array;
  /** Where each customer's periods start in `periods` (one more entry than customers). */
  readonly periodStart: Int32Array;
  /** Distinct purchase periods (period keys, or epoch ms without granularity). */
  readonly periods: Float64Array;
  /** Each customer's first-order amount in whole cents, or NaN where it is the next string of `firstExact`. */
  readonly firstCents: Float64Array;
  /** Each customer's total amount in whole cents, or NaN where it is the next string of `exact`. */
  readonly cents: Float64Array;
  /** Amounts that are not whole cents below 2^52, as exact decimal strings, in customer order. */
  readonly firstExact: readonly string[];
  readonly exact: readonly string[];
  /** The one buffer behind every typed array above. */
  readonly buffer: ArrayBuffer;
}

/**
 * The binary form of an aggregate under resolved options, customers in canonical id order.
 *
 * @internal
 */
export function encodeBinary(
  batch: BatchAggregate,
  options: ResolvedOptions,
  rowsAfterAsOf: number,
): SummaryAccumulatorBinary {
  const order = canonicalOrder(batch);
  const m = order.length;
  let numeric = 0;
  while (numeric < m && typeof batch.ids[order[numeric] as number] === 'number') numeric++;
  const k = batch.keys.length;
  // Float64 columns first (8-byte aligned), the Int32 offsets last.
  const buffer = new ArrayBuffer(8 * (numeric + 5 * m + k) + 4 * (m + 1));
  let offset = 0;
  const f64 = (length: number) => {
    const view = new Float64Array(buffer, offset, length);
    offset += 8 * length;
    return view;
  };
  const numericIds = f64(numeric);
  const firstAt = f64(m);
  const lastAt = f64(m);
  const rows = f64(m);
  const firstCents = f64(m);
  const cents = f64(m);
  const periods = f64(k);
  const periodStart = new Int32Array(buffer, offset, m + 1);
  const stringIds: string[] = [];
  const firstExact: string[] = [];
  const exact: string[] = [];
  let at = 0;
  for (let i = 0; i < m; i++) {
    const c = order[i] as number;
    const id = batch.ids[c] as CustomerId;
    if (i < numeric) numericIds[i] = id as number;
    else stringIds.push(id as string);
    firstAt[i] = batch.firstAt[c] as number;
    lastAt[i] = batch.lastAt[c] as number;
    rows[i] = batch.rows[c] as number;
    const fe = batch.firstExact.get(c);
    if (fe === undefined) firstCents[i] = batch.firstCents[c] as number;
    else {
      firstCents[i] = Number.NaN;
      firstExact.push(moneyString(batch.firstCents[c] as number, fe));
    }
    const e = batch.exact.get(c);
    if (e === undefined) cents[i] = batch.cents[c] as number;
    else {
      cents[i] = Number.NaN;
      exact.push(moneyString(batch.cents[c] as number, e));
    }
    periodStart[i] = at;
    const from = batch.keyStart[c] as number;
    const to = batch.keyStart[c + 1] as number;
    periods.set(batch.keys.subarray(from, to), at);
    at += to - from;
  }
  periodStart[m] = at;
  const { end, at: to, granularity, unit, zone } = options;
  return {
    format: 'retention-metrics/summary-accumulator-binary',
    version: 1,
    options: [end, to, granularity, unit, zone.name],
    rowsAfterAsOf,
    numericIds,
    stringIds,
    firstAt,
    lastAt,
    rows,
    periodStart,
    periods,
    firstCents,
    cents,
    firstExact,
    exact,
    buffer,
  };
}

/** A stored exact amount: a non-negative decimal string within the bounds. @internal */
export const amountSchema = z
  .string()
  .check(z.regex(TOTAL_STRING, `must be a non-negative decimal string ${TOTAL_BOUNDS}`));

/** @internal */
export const f64Schema = z.instanceof(Float64Array, { message: 'must be a Float64Array' });

/** The shape of {@link SummaryAccumulatorBinary}, with the lengths of its arrays. */
const binaryShapeSchema = strictObject({
  format: z.literal('retention-metrics/summary-accumulator-binary'),
  version: z.literal(1),
  options: z.tuple([
    z.number(),
    z.number(),
    z.enum(['day', 'week', 'month', 'quarter', 'year', 'none']),
    storedUnitSchema,
    timeZoneSchema,
  ]),
  rowsAfterAsOf: z.number().check(z.int(), z.nonnegative()),
  numericIds: f64Schema,
  stringIds: z.array(z.string()),
  firstAt: f64Schema,
  lastAt: f64Schema,
  rows: f64Schema,
  periodStart: z.instanceof(Int32Array, { message: 'must be an Int32Array' }),
  periods: f64Schema,
  firstCents: f64Schema,
  cents: f64Schema,
  firstExact: z.array(amountSchema),
  exact: z.array(amountSchema),
  buffer: z.optional(z.instanceof(ArrayBuffer, { message: 'must be an ArrayBuffer' })),
}).check(
  z.superRefine(
    (v, ctx) => {
      const m = v.numericIds.length + v.stringIds.length;
      const issue = (message: string, path: (string | number)[]) =>
        ctx.addIssue({ code: 'custom', message, path, input: undefined });
      for (const name of ['firstAt', 'lastAt', 'rows', 'firstCents', 'cents'] as const) {
        if (v[name].length !== m) {
          issue(`must have one entry per customer, ${m} (received ${v[name].length})`, [name]);
        }
      }
      v.numericIds.forEach((id, i) => {
        if (!Number.isFinite(id))
          issue(`must be a finite number (received ${id})`, ['numericIds', i]);
      });
      const starts = v.periodStart;
      if (starts.length !== m + 1 || starts[0] !== 0 || starts[m] !== v.periods.length) {
        issue(`must have ${m + 1} entries from 0 to the number of periods, ${v.periods.length}`, [
          'periodStart',
        ]);
        return;
      }
      for (let c = 0; c < m; c++) {
        if (!((starts[c + 1] as number) > (starts[c] as number))) {
          issue('must increase: every customer has at least one period', ['periodStart', c + 1]);
        }
      }
      for (const [column, strings] of [
        ['firstCents', 'firstExact'],
        ['cents', 'exact'],
      ] as const) {
        let nan = 0;
        for (const x of v[column]) if (Number.isNaN(x)) nan++;
        if (nan !== v[strings].length) {
          issue(
            `must hold one string per NaN of ${column}, ${nan} (received ${v[strings].length})`,
            [strings],
          );
        }
      }
    },
    { when: (payload) => payload.issues.length === 0 },
  ),
);

/** The field of the binary form and its index for an issue of the consistency check. */
function binaryPathOf(issue: StoredIssue, v: SummaryAccumulatorBinary): (string | number)[] {
  const c = issue.customer;
  if (c < 0) return issue.element === undefined ? [issue.field] : [issue.field, issue.element];
  switch (issue.field) {
    case 'customerId':
      return c < v.numericIds.length ? ['numericIds', c] : ['stringIds', c - v.numericIds.length];
    case 'periods':
      return ['periods', (v.periodStart[c] as number) + (issue.element ?? 0)];
    case 'firstOrderAmount':
      return ['firstCents', c];
    case 'totalAmount':
      return ['cents', c];
    default:
      return [issue.field, c];
  }
}

/**
 * Reads a binary state: its shape, then the one consistency check of stored states. The arrays
 * are copied, so that the caller's later writes into them change nothing.
 *
 * @throws {RetentionMetricsError} `INVALID_INPUT` naming the field and index.
 * @internal
 */
export function decodeBinary(
  fn: string,
  value: unknown,
): { options: ResolvedOptions; rowsAfterAsOf: number; batch: BatchAggregate } {
  const v = parseInput(fn, binaryShapeSchema, value, 'binary') as SummaryAccumulatorBinary;
  const [end, at, granularity, unit, timeZone] = v.options as [
    number,
    number,
    ResolvedOptions['granularity'],
    ResolvedOptions['unit'],
    string,
  ];
  const options = resolvedOptions(end, at, granularity, unit, resolveZone(timeZone) as Zone, 'ms');
  const nNumeric = v.numericIds.length;
  const m = nNumeric + v.stringIds.length;
  const ids = new Array<CustomerId>(m);
  for (let c = 0; c < nNumeric; c++) ids[c] = v.numericIds[c] as number;
  for (let c = nNumeric; c < m; c++) ids[c] = v.stringIds[c - nNumeric] as string;
  const money = (column: Float64Array, strings: readonly string[], exact: Map<number, Decimal>) => {
    const out = column.slice();
    let next = 0;
    for (let c = 0; c < m; c++) {
      if (Number.isNaN(out[c])) out[c] = readMoneyString(strings[next++] as string, exact, c);
    }
    return out;
  };
  const firstExact = new Map<number, Decimal>();
  const exact = new Map<number, Decimal>();
  const batch: BatchAggregate = {
    ids,
    firstAt: v.firstAt.slice(),
    lastAt: v.lastAt.slice(),
    rows: v.rows.slice(),
    keyStart: v.periodStart.slice(),
    keys: v.periods.slice(),
    firstCents: money(v.firstCents, v.firstExact, firstExact),
    cents: money(v.cents, v.exact, exact),
    firstExact,
    exact,
    rowsAfterAsOf: 0,
    canonicalOrder: null,
  };
  const { issues, count, ascending } = storedStateIssues(batch, options, v.rowsAfterAsOf, true);
  const [first] = issues;
  if (first !== undefined) {
    const listed = issues.map((issue) => {
      const path = binaryPathOf(issue, v);
      return {
        code: 'INVALID_INPUT' as const,
        path,
        message: `${fn}: ${formatPath(path)} ${issue.message}`,
      };
    });
    const more = count > 1 ? ` (and ${count - 1} more issue${count > 2 ? 's' : ''})` : '';
    throw new RetentionMetricsError('INVALID_INPUT', `${listed[0]?.message}${more}`, {
      path: listed[0]?.path ?? [],
      issues: listed,
    });
  }
  // Customers stored in canonical order (as `toBinary` writes them) need no sort when read, and
  // states of disjoint customers then merge without id lookups.
  const order = ascending ? identityOrder(m) : null;
  return { options, rowsAfterAsOf: v.rowsAfterAsOf, batch: { ...batch, canonicalOrder: order } };
}

/** `0, 1, …, m - 1`. */
function identityOrder(m: number): Int32Array {
  const order = new Int32Array(m);
  for (let c = 0; c < m; c++) order[c] = c;
  return order;
}
