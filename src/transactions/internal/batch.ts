import { invalidElement } from '../../core/errors.js';
import type { Decimal } from '../../core/numeric.js';
import { WIDE } from '../../core/sum.js';
import type { Zone } from '../../core/time.js';
import {
  type CustomerId,
  checkAmount,
  checkId,
  checkTime,
  localDateInstant,
  logLength,
  type Transaction,
  type TransactionColumns,
  type TransactionLog,
} from '../log.js';

/** What a row of a log must be. @internal */
export const ROW_OBJECT = 'an object with customerId, at and amount';

/** Largest magnitude of a valid time value, in ms. */
const MAX_TIME = 8.64e15;
/** Amounts below this (2^50 cents) take the inline cent path. */
const MAX_AMOUNT = 2 ** 50 / 100;

/** Cent totals at or above this are folded into a Decimal so that integer sums stay exact. */
export const FOLD_AT = 2 ** 52;

/**
 * A log reduced to one aggregate per customer, in columns indexed by a dense customer index
 * (order of first appearance). Keys are period indices, or epoch ms without granularity.
 *
 * @internal
 */
export interface BatchAggregate {
  readonly ids: CustomerId[];
  readonly firstAt: number[];
  readonly lastAt: number[];
  readonly rows: number[];
  /** `keys[keyStart[c] .. keyStart[c + 1])` are customer c's distinct keys, ascending. */
  readonly keyStart: Int32Array;
  readonly keys: Float64Array;
  /** Cents of the first key's purchases, and of all purchases (NaN-free, < 2^53). */
  readonly firstCents: number[];
  readonly cents: number[];
  /** Amounts not on the cent path (and folded cent totals), by customer index, as WIDE decimals. */
  readonly firstExact: Map<number, Decimal>;
  readonly exact: Map<number, Decimal>;
  readonly rowsAfterAsOf: number;
  /**
   * Customer indices in canonical id order when every id is a small non-negative integer (read
   * off the direct-address table without comparisons), else `null`.
   */
  readonly canonicalOrder: Int32Array | null;
}

/**
 * The instant of one row's `at`, validated (an error names `log[index].at`). A date-only string
 * ('2024-01-31') names a calendar day in `zone`, as `asOf` does.
 *
 * @internal
 */
export function rowInstant(fn: string, index: number, at: unknown, zone: Zone): number {
  const ms = checkTime(fn, index, at);
  const utc = zone.fixed && zone.offsetAt(0) === 0;
  return !utc && typeof at === 'string' ? localDateInstant(at, ms, zone) : ms;
}

/** The aggregate of no rows. @internal */
export const EMPTY_AGGREGATE: BatchAggregate = Object.freeze({
  ids: [],
  firstAt: [],
  lastAt: [],
  rows: [],
  keyStart: new Int32Array(1),
  keys: new Float64Array(0),
  firstCents: [],
  cents: [],
  firstExact: new Map<number, Decimal>(),
  exact: new Map<number, Decimal>(),
  rowsAfterAsOf: 0,
  canonicalOrder: null,
});

/** Sorts `values[0 .. size)` ascending: insertion sort for the common short runs. */
function sortPrefix(values: Float64Array, size: number): void {
  if (size > 24) {
    values.subarray(0, size).sort();
    return;
  }
  for (let i = 1; i < size; i++) {
    const v = values[i] as number;
    let j = i - 1;
    while (j >= 0 && (values[j] as number) > v) {
      values[j + 1] = values[j] as number;
      j--;
    }
    values[j + 1] = v;
  }
}

/**
 * Customer ids → dense indices 0, 1, 2, … in order of first appearance. Small non-negative
 * integer ids (typed-array columns, database keys) are looked up in a direct-address table,
 * allocated at the first such id; other ids in a Map. Both give number 5 the same index.
 *
 * @internal
 */
export class CustomerIndex {
  readonly ids: CustomerId[] = [];
  /** Whether every id so far went to the direct-address table. */
  allDense = true;
  private table: Int32Array | null = null;
  private readonly map = new Map<CustomerId, number>();

  /** @param denseSize - Ids below this use the direct-address table. */
  constructor(private readonly denseSize: number) {}

  /** The index of `id`; a new id gets the next index, returned as its bitwise complement (< 0). */
  indexOf(id: CustomerId): number {
    if (typeof id === 'number' && id >= 0 && id < this.denseSize && Number.isInteger(id)) {
      if (this.table === null) this.table = new Int32Array(this.denseSize);
      const c = (this.table[id] as number) - 1;
      if (c >= 0) return c;
      this.table[id] = this.ids.length + 1;
    } else {
      this.allDense = false;
      const c = this.map.get(id);
      if (c !== undefined) return c;
      this.map.set(id, this.ids.length);
    }
    this.ids.push(id);
    return ~(this.ids.length - 1);
  }

  /** Indices in ascending id order when every id is dense, read off the table; else `null`. */
  order(): Int32Array | null {
    const m = this.ids.length;
    if (!this.allDense || this.table === null) return null;
    const order = new Int32Array(m);
    let k = 0;
    for (let id = 0; id < this.table.length && k < m; id++) {
      const c = this.table[id] as number;
      if (c > 0) order[k++] = c - 1;
    }
    return order;
  }
}

/**
 * Adds whole cents to customer `c`'s cent total; a total that reaches 2^52 moves into the exact
 * part, so that further integer sums stay exact.
 *
 * @internal
 */
export function addCents(
  cents: number[],
  exact: Map<number, Decimal>,
  c: number,
  amount: number,
): void {
  const total = (cents[c] as number) + amount;
  if (total >= FOLD_AT) {
    addExact(exact, c, new WIDE(total).div(100));
    cents[c] = 0;
  } else cents[c] = total;
}

/**
 * Start offsets of consecutive blocks of the given sizes (`m + 1` of them), and the largest size.
 *
 * @internal
 */
export function blockOffsets(
  sizes: ArrayLike<number>,
  m: number,
): { offset: Int32Array; largest: number } {
  const offset = new Int32Array(m + 1);
  let largest = 0;
  for (let c = 0; c < m; c++) {
    const size = sizes[c] as number;
    if (size > largest) largest = size;
    offset[c + 1] = (offset[c] as number) + size;
  }
  return { offset, largest };
}

/**
 * The per-customer columns of an aggregate under construction, indexed like its
 * {@link CustomerIndex}; `minKey` is each customer's smallest key so far.
 *
 * @internal
 */
export function newColumns() {
  return {
    firstAt: [] as number[],
    lastAt: [] as number[],
    rows: [] as number[],
    cents: [] as number[],
    firstCents: [] as number[],
    minKey: [] as number[],
    exact: new Map<number, Decimal>(),
    firstExact: new Map<number, Decimal>(),
  };
}

/**
 * The aggregate of built columns and of keys collapsed by {@link collapseKeys}.
 *
 * @internal
 */
export function finishAggregate(
  index: CustomerIndex,
  columns: ReturnType<typeof newColumns>,
  keys: Float64Array,
  keyStart: Int32Array,
  rowsAfterAsOf: number,
): BatchAggregate {
  return {
    ids: index.ids,
    firstAt: columns.firstAt,
    lastAt: columns.lastAt,
    rows: columns.rows,
    keyStart,
    keys: distinctKeys(keys, keyStart[index.ids.length] as number),
    firstCents: columns.firstCents,
    cents: columns.cents,
    firstExact: columns.firstExact,
    exact: columns.exact,
    rowsAfterAsOf,
    canonicalOrder: index.order(),
  };
}

/** Adds `value` to customer `c`'s exact part. @internal */
export function addExact(map: Map<number, Decimal>, c: number, value: Decimal): void {
  const current = map.get(c);
  map.set(c, current === undefined ? new WIDE(value) : current.plus(value));
}

/**
 * Validates a log and reduces it to per-customer aggregates in three passes over typed arrays:
 * (1) validate rows, map customer ids to dense indices, compute each row's key and add its amount
 * to the customer's total and, while the key is the customer's smallest so far, to the first
 * order's amount; (2) counting sort of the keys by customer; (3) per customer, sort its keys and
 * collapse equal keys, in place. No per-row objects are allocated, and the transient typed arrays
 * take 24 bytes per row. Rows whose key is after `asOfKey` are left out and counted.
 *
 * @internal
 */
export function aggregateBatch(
  fn: string,
  log: TransactionLog,
  keyOf: (ms: number) => number,
  asOfKey: number,
  zone: Zone,
): BatchAggregate {
  const n = logLength(fn, log);
  const index = new CustomerIndex(n + 1024);
  const state = newColumns();
  const { firstAt, lastAt, rows, cents, firstCents, minKey, exact, firstExact } = state;
  const rowCustomer = new Int32Array(n);
  const rowKey = new Float64Array(n);
  let after = 0;
  const rowList = Array.isArray(log) ? (log as readonly Transaction[]) : null;
  const columns = rowList === null ? (log as TransactionColumns) : null;
  const idColumn = columns?.customerId;
  const atColumn = columns?.at;
  const amountColumn = columns?.amount;
  for (let i = 0; i < n; i++) {
    let rawId: unknown;
    let rawAt: unknown;
    let rawAmount: unknown;
    if (rowList === null) {
      rawId = (idColumn as ArrayLike<unknown>)[i];
      rawAt = (atColumn as ArrayLike<unknown>)[i];
      rawAmount = (amountColumn as ArrayLike<unknown>)[i];
    } else {
      const row = rowList[i];
      if (typeof row !== 'object' || row === null)
        throw invalidElement(fn, 'log', i, '', ROW_OBJECT, row);
      rawId = row.customerId;
      rawAt = row.at;
      rawAmount = row.amount;
    }
    // Fast paths for the common cases (finite numbers, two-decimal amounts); the check functions
    // handle everything else and name the row of a bad value.
    const id =
      typeof rawId === 'string' || (typeof rawId === 'number' && rawId - rawId === 0)
        ? rawId
        : checkId(fn, i, rawId);
    let ms: number;
    if (typeof rawAt === 'number' && rawAt <= MAX_TIME && rawAt >= -MAX_TIME) ms = rawAt;
    else ms = rowInstant(fn, i, rawAt, zone);
    let amountCents = 0;
    let amountExact: Decimal | null = null;
    if (typeof rawAmount === 'number' && rawAmount >= 0 && rawAmount < MAX_AMOUNT) {
      amountCents = Math.round(rawAmount * 100);
    }
    if (amountCents / 100 !== rawAmount) {
      const checked = checkAmount(fn, i, rawAmount);
      if (typeof checked === 'number') amountCents = checked;
      else amountExact = checked;
    }
    const key = keyOf(ms);
    if (key > asOfKey) {
      rowCustomer[i] = -1;
      after++;
      continue;
    }
    let c = index.indexOf(id);
    if (c < 0) {
      c = ~c;
      firstAt.push(ms);
      lastAt.push(ms);
      rows.push(1);
      minKey.push(key);
      if (amountExact === null) {
        cents.push(amountCents);
        firstCents.push(amountCents);
      } else {
        cents.push(0);
        firstCents.push(0);
        exact.set(c, new WIDE(amountExact));
        firstExact.set(c, new WIDE(amountExact));
      }
    } else {
      if (ms < (firstAt[c] as number)) firstAt[c] = ms;
      if (ms > (lastAt[c] as number)) lastAt[c] = ms;
      rows[c] = (rows[c] as number) + 1;
      const least = minKey[c] as number;
      if (key < least) {
        // A new first order: it holds this row only, so far.
        minKey[c] = key;
        firstCents[c] = 0;
        firstExact.delete(c);
      }
      if (amountExact === null) {
        if (key <= least) addCents(firstCents, firstExact, c, amountCents);
        addCents(cents, exact, c, amountCents);
      } else {
        addExact(exact, c, amountExact);
        if (key <= least) addExact(firstExact, c, amountExact);
      }
    }
    rowCustomer[i] = c;
    rowKey[i] = key;
  }

  // Counting sort of the kept rows' keys by customer.
  const { ids } = index;
  const m = ids.length;
  const { offset, largest } = blockOffsets(rows, m);
  const kept = offset[m] as number;
  const keys = new Float64Array(kept);
  const fill = offset.slice(0, m);
  for (let i = 0; i < n; i++) {
    const c = rowCustomer[i] as number;
    if (c < 0) continue;
    const at = fill[c] as number;
    keys[at] = rowKey[i] as number;
    fill[c] = at + 1;
  }

  return finishAggregate(index, state, keys, collapseKeys(keys, offset, m, largest), after);
}

/**
 * The first `count` keys: a view when they fill most of the array, else a copy, so that a
 * kept aggregate holds memory for its distinct keys and not for the rows they collapsed.
 *
 * @internal
 */
export function distinctKeys(keys: Float64Array, count: number): Float64Array {
  return count * 2 < keys.length ? keys.slice(0, count) : keys.subarray(0, count);
}

/**
 * Per customer, sorts its block of keys (`keys[offset[c] .. offset[c + 1])`) and collapses equal
 * keys, writing them back in place: the output position never passes the start of the
 * customer's block. Returns `keyStart`, with the distinct keys of customer c at
 * `keys[keyStart[c] .. keyStart[c + 1])`. `largest` is the longest block.
 *
 * @internal
 */
export function collapseKeys(
  keys: Float64Array,
  offset: Int32Array,
  m: number,
  largest: number,
): Int32Array {
  const keyStart = new Int32Array(m + 1);
  const scratch = new Float64Array(largest);
  let out = 0;
  for (let c = 0; c < m; c++) {
    const from = offset[c] as number;
    const size = (offset[c + 1] as number) - from;
    keyStart[c] = out;
    if (size === 1) {
      keys[out++] = keys[from] as number;
      continue;
    }
    for (let j = 0; j < size; j++) scratch[j] = keys[from + j] as number;
    sortPrefix(scratch, size);
    let previous = Number.NaN;
    for (let j = 0; j < size; j++) {
      const key = scratch[j] as number;
      if (key !== previous) {
        keys[out++] = key;
        previous = key;
      }
    }
  }
  keyStart[m] = out;
  return keyStart;
}
