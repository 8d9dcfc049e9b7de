import { describeValue, RetentionMetricsError } from '../../core/errors.js';
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

function badRowObject(fn: string, index: number, row: unknown): RetentionMetricsError {
  return new RetentionMetricsError(
    'INVALID_INPUT',
    `${fn}: log[${index}] must be an object with customerId, at and amount (received ${describeValue(row)})`,
    { path: ['log', index] },
  );
}

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

function addExact(map: Map<number, Decimal>, c: number, value: Decimal): void {
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
  // A date-only `at` ('2024-01-31') names a calendar day in the zone, as `asOf` does.
  const utc = zone.fixed && zone.offsetAt(0) === 0;
  const n = logLength(fn, log);
  const index = new Map<CustomerId, number>();
  const ids: CustomerId[] = [];
  const firstAt: number[] = [];
  const lastAt: number[] = [];
  const rows: number[] = [];
  const cents: number[] = [];
  const firstCents: number[] = [];
  const minKey: number[] = [];
  const exact = new Map<number, Decimal>();
  const firstExact = new Map<number, Decimal>();
  const rowCustomer = new Int32Array(n);
  const rowKey = new Float64Array(n);
  // Direct-address table for small non-negative integer ids, allocated at the first such id.
  const denseSize = n + 1024;
  let denseIndex: Int32Array | null = null;
  let allDense = true;
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
      if (typeof row !== 'object' || row === null) throw badRowObject(fn, i, row);
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
    else {
      ms = checkTime(fn, i, rawAt);
      if (!utc && typeof rawAt === 'string') ms = localDateInstant(rawAt, ms, zone);
    }
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
    // Small non-negative integer ids (typed-array columns, database keys) are looked up in a
    // direct-address table; other ids in a Map. Both give number 5 the same index.
    const dense = typeof id === 'number' && id >= 0 && id < denseSize && Number.isInteger(id);
    let c: number;
    if (dense) {
      if (denseIndex === null) denseIndex = new Int32Array(denseSize);
      c = (denseIndex[id] as number) - 1;
    } else {
      allDense = false;
      c = index.get(id) ?? -1;
    }
    if (c < 0) {
      c = ids.length;
      if (dense) (denseIndex as Int32Array)[id] = c + 1;
      else index.set(id, c);
      ids.push(id);
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
        const total = (cents[c] as number) + amountCents;
        if (key <= least) {
          const first = (firstCents[c] as number) + amountCents;
          if (first >= FOLD_AT) {
            addExact(firstExact, c, new WIDE(first).div(100));
            firstCents[c] = 0;
          } else firstCents[c] = first;
        }
        if (total >= FOLD_AT) {
          addExact(exact, c, new WIDE(total).div(100));
          cents[c] = 0;
        } else cents[c] = total;
      } else {
        addExact(exact, c, amountExact);
        if (key <= least) addExact(firstExact, c, amountExact);
      }
    }
    rowCustomer[i] = c;
    rowKey[i] = key;
  }

  // Counting sort of the kept rows' keys by customer.
  const m = ids.length;
  const offset = new Int32Array(m + 1);
  let largest = 0;
  for (let c = 0; c < m; c++) {
    const size = rows[c] as number;
    if (size > largest) largest = size;
    offset[c + 1] = (offset[c] as number) + size;
  }
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

  // Per customer: sort its keys and collapse equal keys, writing them back in place (the output
  // position never passes the start of the customer's block).
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

  let canonicalOrder: Int32Array | null = null;
  if (allDense && denseIndex !== null) {
    canonicalOrder = new Int32Array(m);
    let k = 0;
    for (let id = 0; id < denseSize && k < m; id++) {
      const c = denseIndex[id] as number;
      if (c > 0) canonicalOrder[k++] = c - 1;
    }
  }
  return {
    ids,
    firstAt,
    lastAt,
    rows,
    keyStart,
    keys: keys.subarray(0, out),
    firstCents,
    cents,
    firstExact,
    exact,
    rowsAfterAsOf: after,
    canonicalOrder,
  };
}
