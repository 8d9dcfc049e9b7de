import * as z from 'zod/mini';
import {
  checkBoundaries,
  instantInputSchema,
  resolveBoundary,
  timeZoneSchema,
} from '../core/boundary.js';
import { FOLD_AT } from '../core/cents.js';
import { quotientDecimal } from '../core/decimal-internals.js';
import {
  describeValue,
  formatPath,
  parseInput,
  RetentionMetricsError,
  requireObject,
} from '../core/errors.js';
import { CALENDAR_INSTANT_MIN, timeUnitSchema } from '../core/instant.js';
import { D, type Decimal, ZERO } from '../core/numeric.js';
import { addIssue, strictObject } from '../core/schemas.js';
import { resolveZone, type Zone } from '../core/time.js';
import { amountSchema, f64Schema } from './accumulator-binary.js';
import { compareCustomerIds } from './customer-summary.js';
import type { CustomerId } from './log.js';
import { durationUnitSchema, granularitySchema, resolvedOptions } from './log.js';
import {
  type CustomerSummaryTable,
  type CustomerSummaryTableOptions,
  emptySummaryTableParts,
  type SummaryTableParts,
  summaryTableOf,
} from './summary-table.js';
import type { CustomerSummaryTableBinary } from './summary-table-binary.js';

const FN = 'summaryTableFromBinary';

const optionsSchema = strictObject({
  asOf: instantInputSchema,
  timeZone: timeZoneSchema,
  granularity: granularitySchema,
  unit: durationUnitSchema,
  timeUnit: timeUnitSchema,
}).check(z.superRefine((v, ctx) => checkBoundaries(ctx, v, ['asOf'])));

/** The shape of one {@link CustomerSummaryTableBinary}, with the lengths of its arrays. */
const partSchema = strictObject({
  format: z.literal('retention-metrics/summary-table-binary'),
  version: z.literal(1),
  options: optionsSchema,
  numericIds: f64Schema,
  stringIds: z.array(z.string()),
  firstPurchaseAt: f64Schema,
  lastPurchaseAt: f64Schema,
  orders: z.instanceof(Int32Array, { message: 'must be an Int32Array' }),
  recency: f64Schema,
  T: f64Schema,
  cents: f64Schema,
  firstCents: f64Schema,
  exact: z.array(amountSchema),
  firstExact: z.array(amountSchema),
  buffer: z.optional(z.instanceof(ArrayBuffer, { message: 'must be an ArrayBuffer' })),
}).check(
  z.superRefine(
    (v, ctx) => {
      const m = v.numericIds.length + v.stringIds.length;
      const columns = [
        'firstPurchaseAt',
        'lastPurchaseAt',
        'orders',
        'recency',
        'T',
        'cents',
        'firstCents',
      ] as const;
      for (const name of columns) {
        if (v[name].length !== m) {
          const count = `one entry per customer, ${m} (received ${v[name].length})`;
          addIssue(ctx, `must have ${count}`, [name]);
        }
      }
    },
    { when: (payload) => payload.issues.length === 0 },
  ),
);

/** The argument, under its parameter's name: errors name `binary.T[3]` or `binary[1].T[3]`. */
const oneSchema = strictObject({ binary: partSchema });
const manySchema = strictObject({ binary: z.array(partSchema).check(z.minLength(1)) });

/** One binary table given, with its path in the argument. */
interface Part {
  readonly value: CustomerSummaryTableBinary;
  /** The path of the part: `['binary']` or `['binary', p]`. */
  readonly path: readonly (string | number)[];
}

/** An `INVALID_INPUT` naming `path`. */
function invalid(path: readonly (string | number)[], requirement: string): RetentionMetricsError {
  return new RetentionMetricsError('INVALID_INPUT', `${FN}: ${formatPath(path)} ${requirement}`, {
    path: [...path],
  });
}

/** The options' identity: what makes two tables' rows comparable. */
function optionsKey(options: CustomerSummaryTableOptions): { key: string; end: number } {
  const zone = resolveZone(options.timeZone) as Zone;
  // The schema has checked that asOf resolves.
  const boundary = resolveBoundary(options.asOf, zone, options.timeUnit);
  const end = boundary?.end ?? Number.NaN;
  const at = boundary?.at ?? Number.NaN;
  const { key } = resolvedOptions(
    end,
    at,
    options.granularity,
    options.unit,
    zone,
    options.timeUnit,
  );
  return { key: `${key}/${options.timeUnit}`, end };
}

/** Checks that a part's ids are strictly ascending: numbers (finite), then strings. */
function checkIds(part: Part): void {
  const { numericIds, stringIds } = part.value;
  const at = (field: string, i: number) => [...part.path, field, i];
  const nNumeric = numericIds.length;
  for (let i = 0; i < nNumeric; i++) {
    const id = numericIds[i] as number;
    if (!Number.isFinite(id))
      throw invalid(at('numericIds', i), `must be a finite number (received ${id})`);
    if (i > 0 && !(id > (numericIds[i - 1] as number))) {
      throw invalid(
        at('numericIds', i),
        `must be ascending, each customer once (received ${id} after ${numericIds[i - 1]})`,
      );
    }
  }
  for (let i = 1; i < stringIds.length; i++) {
    const id = stringIds[i] as string;
    const before = stringIds[i - 1] as string;
    if (!(id > before)) {
      throw invalid(
        at('stringIds', i),
        `must be ascending, each customer once (received ${JSON.stringify(id)} after ${JSON.stringify(before)})`,
      );
    }
  }
}

/**
 * Checks one part's rows and copies them to their places in the merged columns, in one scan of
 * its typed columns: the check of a table the library built and a caller may have written into.
 * Whole epoch ms from 1900 before the end of `asOf` with first ≤ last, orders ≥ 1,
 * `0 ≤ recency ≤ T` finite (recency 0 with one order), whole cents from 0 to 2^52 or NaN with a
 * string, a first order no larger than the total (equal to it with one order).
 */
function copyPart(part: Part, end: number, places: Int32Array, out: SummaryTableParts): void {
  const v = part.value;
  const { firstPurchaseAt, lastPurchaseAt, orders, recency, T, cents, firstCents } = v;
  const at = (field: string, i: number) => [...part.path, field, i];
  let exactCount = 0;
  let firstExactCount = 0;
  const m = firstPurchaseAt.length;
  for (let i = 0; i < m; i++) {
    const first = firstPurchaseAt[i] as number;
    const last = lastPurchaseAt[i] as number;
    if (!(Number.isInteger(first) && first >= CALENDAR_INSTANT_MIN && first < end)) {
      throw invalid(
        at('firstPurchaseAt', i),
        `must be whole epoch ms from 1900 before the end of asOf (received ${first})`,
      );
    }
    if (!(Number.isInteger(last) && last >= first && last < end)) {
      throw invalid(
        at('lastPurchaseAt', i),
        `must be whole epoch ms from firstPurchaseAt (${first}) before the end of asOf (received ${last})`,
      );
    }
    const n = orders[i] as number;
    if (!(n >= 1)) throw invalid(at('orders', i), `must be an integer ≥ 1 (received ${n})`);
    const r = recency[i] as number;
    const age = T[i] as number;
    if (!(r >= 0 && r < Number.POSITIVE_INFINITY && (n > 1 || r === 0))) {
      throw invalid(
        at('recency', i),
        `must be a finite duration ≥ 0, and 0 with one order (received ${r})`,
      );
    }
    if (!(age >= r && age < Number.POSITIVE_INFINITY)) {
      throw invalid(
        at('T', i),
        `must be a finite duration no smaller than recency (${r}) (received ${age})`,
      );
    }
    const c = cents[i] as number;
    const f = firstCents[i] as number;
    const cNaN = Number.isNaN(c);
    const fNaN = Number.isNaN(f);
    if (cNaN) exactCount++;
    else if (!(Number.isInteger(c) && c >= 0 && c < FOLD_AT)) {
      throw invalid(at('cents', i), `must be whole cents from 0 to 2^52, or NaN (received ${c})`);
    }
    if (fNaN) firstExactCount++;
    else if (!(Number.isInteger(f) && f >= 0 && f < FOLD_AT)) {
      throw invalid(
        at('firstCents', i),
        `must be whole cents from 0 to 2^52, or NaN (received ${f})`,
      );
    }
    const g = places[i] as number;
    out.firstAt[g] = first;
    out.lastAt[g] = last;
    out.orders[g] = n;
    out.recency[g] = r;
    out.T[g] = age;
    out.cents[g] = c;
    out.firstCents[g] = f;
    if (!cNaN && !fNaN && (f > c || (n === 1 && f !== c))) {
      throw invalid(
        at('firstCents', i),
        n === 1
          ? `must equal cents (${c}) with one order (received ${f})`
          : `must not exceed cents (${c}) (received ${f})`,
      );
    }
  }
  if (exactCount !== v.exact.length) {
    throw invalid(
      [...part.path, 'exact'],
      `must hold one string per NaN of cents, ${exactCount} (received ${v.exact.length})`,
    );
  }
  if (firstExactCount !== v.firstExact.length) {
    throw invalid(
      [...part.path, 'firstExact'],
      `must hold one string per NaN of firstCents, ${firstExactCount} (received ${v.firstExact.length})`,
    );
  }
}

/** The exact value of a checked decimal string, rounded to the library's precision. */
function exactOf(text: string): Decimal {
  return ZERO.plus(new D(text));
}

/**
 * Reads the binary form of a summary table — or of several tables of disjoint customers computed
 * under the same options, such as the parts of a log split by customer across worker threads —
 * into one {@link CustomerSummaryTable}, rows in the table's order (customer ids ascending,
 * numbers first). Nothing is computed again: each part's rows are checked with one scan of its
 * typed columns and interleaved by id. The result equals `summarizeTransactions` of the whole log
 * (every field, every row, in order), as long as each customer's purchases were all in one part.
 * The arrays are copied, so later writes into them change nothing.
 *
 * Cost: one pass over the rows of all parts, one id comparison per row and part.
 *
 * @param binary - A {@link CustomerSummaryTableBinary} (a table's `toBinary()`, e.g. the data of
 *   a worker's message), or a list of them holding disjoint customers under equal options.
 * @returns The table, with the options of the first part.
 * @throws {RetentionMetricsError} `INVALID_INPUT` naming the part, array and index
 *   (`binary[1].recency[17]`) for a wrong shape, columns of unequal length, ids not ascending, an
 *   instant out of bounds or after `asOf`, orders below 1, a negative, non-finite or inconsistent
 *   duration, cents that are not whole or not matched by a string, a first order above the total;
 *   for parts with different options; and for a customer in two parts (merge accumulator states
 *   for parts that overlap).
 *
 * @example
 * ```ts
 * import { summarizeTransactions, summaryTableFromBinary } from 'retention-metrics';
 * const options = { asOf: '2024-01-31', unit: 'week' } as const;
 * const log = [
 *   { customerId: 1, at: '2024-01-03', amount: '10.00' },
 *   { customerId: 2, at: '2024-01-10', amount: '0.125' },
 *   { customerId: 1, at: '2024-01-17', amount: 5 },
 * ];
 * // Two workers, customers split by id: each summarises its own and sends the table's binary form.
 * const odd = summarizeTransactions(log.filter((t) => t.customerId % 2 === 1), options).toBinary();
 * const even = summarizeTransactions(log.filter((t) => t.customerId % 2 === 0), options).toBinary();
 * [...odd.numericIds, ...odd.orders, ...odd.cents, even.exact[0]]; // => [1, 2, 1500, '0.125']
 * const table = summaryTableFromBinary([even, odd]); // postMessage(even, [even.buffer]) in a worker
 * table.toRows().map((s) => [s.customerId, s.orders, s.totalRevenue.toString()]); // => [[1, 2, '15'], [2, 1, '0.125']]
 * JSON.stringify(table) === JSON.stringify(summarizeTransactions(log, options)); // => true
 * ```
 * @category Transactions
 */
export function summaryTableFromBinary(
  binary: CustomerSummaryTableBinary | readonly CustomerSummaryTableBinary[],
): CustomerSummaryTable {
  requireObject(FN, 'binary', binary);
  const many = Array.isArray(binary);
  const values = (
    many
      ? parseInput(FN, manySchema, { binary }, 'binary').binary
      : [parseInput(FN, oneSchema, { binary }, 'binary').binary]
  ) as CustomerSummaryTableBinary[];
  const parts: Part[] = values.map((value, p) => ({
    value,
    path: many ? ['binary', p] : ['binary'],
  }));
  const first = values[0] as CustomerSummaryTableBinary;
  const { key, end } = optionsKey(first.options);
  for (const part of parts) {
    if (part !== parts[0] && optionsKey(part.value.options).key !== key) {
      throw invalid(
        [...part.path, 'options'],
        `must equal the options of binary[0]: tables computed under different options cannot be merged (received ${describeValue(part.value.options)})`,
      );
    }
    checkIds(part);
  }
  return summaryTableOf(mergeParts(parts, end), first.options);
}

/**
 * The rows of parts with checked ids interleaved in canonical id order (numbers ascending, then
 * strings): first the ids, repeatedly taking the part whose next id is smallest, which gives each
 * part's row its place in the result; then each part's rows, checked and copied to those places.
 * A customer in two parts is `INVALID_INPUT`.
 */
function mergeParts(parts: readonly Part[], end: number): SummaryTableParts {
  const { ids, places } = mergeIds(parts);
  const m = ids.length;
  const out = emptySummaryTableParts(ids, m);
  parts.forEach((part, p) => {
    const v = part.value;
    const at = places[p] as Int32Array;
    copyPart(part, end, at, out);
    if (v.exact.length === 0 && v.firstExact.length === 0) return;
    // Rows off the cent path: their strings in row order.
    let e = 0;
    let fe = 0;
    for (let i = 0; i < at.length; i++) {
      const g = at[i] as number;
      const cNaN = Number.isNaN(v.cents[i]);
      const fNaN = Number.isNaN(v.firstCents[i]);
      if (cNaN) out.exact.set(g, exactOf(v.exact[e++] as string));
      if (fNaN) out.firstExact.set(g, exactOf(v.firstExact[fe++] as string));
      if (cNaN || fNaN) checkFirstOrder(part, i, out, g);
    }
  });
  return out;
}

/**
 * The ids of all parts in canonical order, and for each part the place of each of its rows in
 * that order: the numeric ids of all parts (two parts, the common case, take one comparison per
 * row), then the string ids.
 */
function mergeIds(parts: readonly Part[]): { ids: CustomerId[]; places: Int32Array[] } {
  const k = parts.length;
  let m = 0;
  for (const part of parts) m += part.value.firstPurchaseAt.length;
  // Allocated whole and filled in order: cheaper than growing an array of 10^5–10^6 ids.
  const ids = new Array<CustomerId>(m);
  let g = 0;
  const places = parts.map((part) => new Int32Array(part.value.firstPurchaseAt.length));
  const next = new Int32Array(k);
  const repeated = (p: number, id: CustomerId, q: number) => {
    const part = parts[p] as Part;
    const i = next[p] as number;
    const field = typeof id === 'number' ? 'numericIds' : 'stringIds';
    const index = typeof id === 'number' ? i : i - part.value.numericIds.length;
    return invalid(
      [...part.path, field, index],
      `repeats customer ${JSON.stringify(id)} of binary[${q}]: the tables must hold disjoint customers (merge accumulator states for parts that overlap)`,
    );
  };
  if (k === 2) {
    const a = (parts[0] as Part).value.numericIds;
    const b = (parts[1] as Part).value.numericIds;
    const atA = places[0] as Int32Array;
    const atB = places[1] as Int32Array;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const x = a[i] as number;
      const y = b[j] as number;
      if (x < y) {
        atA[i++] = g;
        ids[g++] = x;
      } else if (y < x) {
        atB[j++] = g;
        ids[g++] = y;
      } else {
        next[0] = i;
        next[1] = j;
        throw repeated(1, y, 0);
      }
    }
    for (; i < a.length; i++) {
      atA[i] = g;
      ids[g++] = a[i] as number;
    }
    for (; j < b.length; j++) {
      atB[j] = g;
      ids[g++] = b[j] as number;
    }
    next[0] = a.length;
    next[1] = b.length;
  }
  // Every other case (more parts, string ids): the part whose next id is smallest.
  const idAt = (q: number): CustomerId | undefined => {
    const v = (parts[q] as Part).value;
    const i = next[q] as number;
    const n = v.numericIds.length;
    return i < n ? v.numericIds[i] : v.stringIds[i - n];
  };
  let previous = -1;
  let previousId: CustomerId | undefined;
  for (; g < m; g++) {
    let p = -1;
    let id: CustomerId | undefined;
    for (let q = 0; q < k; q++) {
      const candidate = idAt(q);
      if (candidate !== undefined && (id === undefined || compareCustomerIds(candidate, id) < 0)) {
        p = q;
        id = candidate;
      }
    }
    if (id === previousId) throw repeated(p, id as CustomerId, previous);
    previousId = id;
    previous = p;
    (places[p] as Int32Array)[next[p] as number] = g;
    next[p] = (next[p] as number) + 1;
    ids[g] = id as CustomerId;
  }
  return { ids, places };
}

/** With an exact amount, the first order's check done on the values: no larger than the total. */
function checkFirstOrder(part: Part, i: number, out: SummaryTableParts, g: number): void {
  const total = Number.isNaN(out.cents[g])
    ? (out.exact.get(g) as Decimal)
    : quotientDecimal(out.cents[g] as number, 100);
  const firstOrder = Number.isNaN(out.firstCents[g])
    ? (out.firstExact.get(g) as Decimal)
    : quotientDecimal(out.firstCents[g] as number, 100);
  const order = firstOrder.comparedTo(total);
  const n = out.orders[g] as number;
  if (order > 0 || (n === 1 && order !== 0)) {
    throw invalid(
      [...part.path, 'firstCents', i],
      n === 1 ? 'must equal the total with one order' : 'must not exceed the total',
    );
  }
}
