import { addCents, addExact, WIDE } from '../../core/cents.js';
import type { Decimal } from '../../core/numeric.js';
import type { CustomerId, TransactionLog } from '../log.js';
import type { CustomerIndex } from './customer-index.js';
import { blockOffsets, collapseKeys, distinctKeys } from './keys.js';
import { type ReadRows, type RowReading, readRows } from './rows.js';

/**
 * A log reduced to one aggregate per customer, in columns indexed by a dense customer index
 * (order of first appearance). Keys are period indices, or epoch ms without granularity.
 *
 * @internal
 */
export interface BatchAggregate {
  readonly ids: ArrayLike<CustomerId>;
  readonly firstAt: ArrayLike<number>;
  readonly lastAt: ArrayLike<number>;
  readonly rows: ArrayLike<number>;
  /** `keys[keyStart[c] .. keyStart[c + 1])` are customer c's distinct keys, ascending. */
  readonly keyStart: Int32Array;
  readonly keys: Float64Array;
  /** Cents of the first key's purchases, and of all purchases (NaN-free, < 2^53). */
  readonly firstCents: ArrayLike<number>;
  readonly cents: ArrayLike<number>;
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

/**
 * The columns of an aggregate of `m` customers holding `keyCount` keys in all, to be filled
 * customer by customer in their final order (a merge of parts, a decoded state); the aggregate is
 * `{ ...columns, rowsAfterAsOf, canonicalOrder }`.
 *
 * @internal
 */
export function sizedColumns(m: number, keyCount: number) {
  return {
    ids: new Array<CustomerId>(m),
    firstAt: new Float64Array(m),
    lastAt: new Float64Array(m),
    rows: new Float64Array(m),
    keyStart: new Int32Array(m + 1),
    keys: new Float64Array(keyCount),
    firstCents: new Float64Array(m),
    cents: new Float64Array(m),
    firstExact: new Map<number, Decimal>(),
    exact: new Map<number, Decimal>(),
  };
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

/**
 * Validates a log ({@link readRows}) and reduces it to per-customer aggregates in three passes
 * over typed arrays: (1) per kept row, compute its key and add its amount to the customer's total
 * and, while the key is the customer's smallest so far, to the first order's amount; (2) counting
 * sort of the keys by customer; (3) per customer, sort its keys and collapse equal keys, in place.
 * No per-row objects are allocated. Rows at or after `reading.end` are left out and counted.
 *
 * @internal
 */
export function aggregateBatch(
  fn: string,
  log: TransactionLog,
  keyOf: (ms: number) => number,
  reading: RowReading,
): BatchAggregate {
  const read = readRows(fn, log, reading);
  return aggregateRows(read, keyOf);
}

/** The aggregate of rows already read. @internal */
export function aggregateRows(read: ReadRows, keyOf: (ms: number) => number): BatchAggregate {
  const { kept, customers: index, customer: rowCustomer, ms: rowMs, cents: rowCents } = read;
  const state = newColumns();
  const { firstAt, lastAt, rows, cents, firstCents, minKey, exact, firstExact } = state;
  const rowKey = new Float64Array(kept);
  const anyExact = read.exact.size > 0;
  for (let r = 0; r < kept; r++) {
    const c = rowCustomer[r] as number;
    const ms = rowMs[r] as number;
    const amountCents = rowCents[r] as number;
    const amountExact =
      anyExact && Number.isNaN(amountCents) ? (read.exact.get(r) as Decimal) : null;
    const key = keyOf(ms);
    rowKey[r] = key;
    if (c === firstAt.length) {
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
      continue;
    }
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

  // Counting sort of the kept rows' keys by customer.
  const m = index.ids.length;
  const { offset, largest } = blockOffsets(rows, m);
  const keys = new Float64Array(kept);
  const fill = offset.slice(0, m);
  for (let r = 0; r < kept; r++) {
    const c = rowCustomer[r] as number;
    const at = fill[c] as number;
    keys[at] = rowKey[r] as number;
    fill[c] = at + 1;
  }

  return finishAggregate(index, state, keys, collapseKeys(keys, offset, m, largest), read.after);
}
