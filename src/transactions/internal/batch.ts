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
  readonly rows: Int32Array;
  /** `keys[keyStart[c] .. keyStart[c + 1])` are customer c's distinct keys, ascending. */
  readonly keyStart: Int32Array;
  readonly keys: Float64Array;
  /** Cents of the first key's purchases, and of all purchases (NaN-free, < 2^53). */
  readonly firstCents: Float64Array;
  readonly cents: Float64Array;
  /** Amounts not on the cent path (and folded cent totals), by customer index, as WIDE decimals. */
  readonly firstExact: Map<number, Decimal>;
  readonly exact: Map<number, Decimal>;
  readonly rowsAfterAsOf: number;
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
 * (1) validate rows, map customer ids to dense indices and compute each row's key; (2) counting
 * sort of the rows by customer; (3) per customer, sort its keys and collapse equal keys. No
 * per-row objects are allocated. Rows whose key is after `asOfKey` are left out and counted.
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
  const rowCustomer = new Int32Array(n);
  const rowKey = new Float64Array(n);
  const rowCents = new Float64Array(n);
  const exactRows = new Map<number, Decimal>();
  const counts = new Int32Array(n + 1);
  const denseSize = 2 * n + 1024;
  const denseIndex = new Int32Array(denseSize);
  let after = 0;
  const rows = Array.isArray(log) ? (log as readonly Transaction[]) : null;
  const columns = rows === null ? (log as TransactionColumns) : null;
  const idColumn = columns?.customerId;
  const atColumn = columns?.at;
  const amountColumn = columns?.amount;
  for (let i = 0; i < n; i++) {
    let rawId: unknown;
    let rawAt: unknown;
    let rawAmount: unknown;
    if (rows === null) {
      rawId = (idColumn as ArrayLike<unknown>)[i];
      rawAt = (atColumn as ArrayLike<unknown>)[i];
      rawAmount = (amountColumn as ArrayLike<unknown>)[i];
    } else {
      const row = rows[i];
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
    let amount: number | Decimal = 0;
    let onCentPath = false;
    if (typeof rawAmount === 'number' && rawAmount >= 0 && rawAmount < MAX_AMOUNT) {
      const cents = Math.round(rawAmount * 100);
      onCentPath = cents / 100 === rawAmount;
      amount = cents;
    }
    if (!onCentPath) amount = checkAmount(fn, i, rawAmount);
    const key = keyOf(ms);
    if (key > asOfKey) {
      rowCustomer[i] = -1;
      after++;
      continue;
    }
    // Small non-negative integer ids (typed-array columns, database keys) are looked up in a
    // direct-address table; other ids in a Map. Both give number 5 the same index.
    const dense = typeof id === 'number' && id >= 0 && id < denseSize && Number.isInteger(id);
    let c = dense ? (denseIndex[id] as number) - 1 : (index.get(id) ?? -1);
    if (c < 0) {
      c = ids.length;
      if (dense) denseIndex[id] = c + 1;
      else index.set(id, c);
      ids.push(id);
      firstAt.push(ms);
      lastAt.push(ms);
    } else {
      if (ms < (firstAt[c] as number)) firstAt[c] = ms;
      if (ms > (lastAt[c] as number)) lastAt[c] = ms;
    }
    rowCustomer[i] = c;
    rowKey[i] = key;
    counts[c + 1] = (counts[c + 1] as number) + 1;
    if (typeof amount === 'number') rowCents[i] = amount;
    else exactRows.set(i, amount);
  }

  // Counting sort of the kept rows by customer.
  const m = ids.length;
  const offset = counts.subarray(0, m + 1);
  let largest = 0;
  for (let c = 0; c < m; c++) {
    const size = offset[c + 1] as number;
    if (size > largest) largest = size;
    offset[c + 1] = (offset[c] as number) + size;
  }
  const kept = offset[m] as number;
  // Scatter keys and cents into customer order, so the per-customer pass reads sequentially.
  const sortedKey = new Float64Array(kept);
  const sortedCents = new Float64Array(kept);
  const order = exactRows.size === 0 ? null : new Int32Array(kept);
  const fill = offset.slice(0, m);
  for (let i = 0; i < n; i++) {
    const c = rowCustomer[i] as number;
    if (c < 0) continue;
    const at = fill[c] as number;
    sortedKey[at] = rowKey[i] as number;
    sortedCents[at] = rowCents[i] as number;
    if (order !== null) order[at] = i;
    fill[c] = at + 1;
  }

  // Per customer: sort keys, collapse equal keys, sum amounts.
  const keyStart = new Int32Array(m + 1);
  const keys = new Float64Array(kept);
  const firstCents = new Float64Array(m);
  const cents = new Float64Array(m);
  const firstExact = new Map<number, Decimal>();
  const exact = new Map<number, Decimal>();
  const scratch = new Float64Array(largest);
  let out = 0;
  for (let c = 0; c < m; c++) {
    const from = offset[c] as number;
    const to = offset[c + 1] as number;
    const size = to - from;
    let minKey = Number.POSITIVE_INFINITY;
    for (let j = 0; j < size; j++) {
      const key = sortedKey[from + j] as number;
      scratch[j] = key;
      if (key < minKey) minKey = key;
    }
    keyStart[c] = out;
    if (size === 1) {
      keys[out++] = scratch[0] as number;
    } else {
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
    let total = 0;
    let first = 0;
    for (let j = from; j < to; j++) {
      const isFirst = sortedKey[j] === minKey;
      const value = order === null ? undefined : exactRows.get(order[j] as number);
      if (value !== undefined) {
        addExact(exact, c, value);
        if (isFirst) addExact(firstExact, c, value);
        continue;
      }
      const v = sortedCents[j] as number;
      total += v;
      if (isFirst) first += v;
      if (total >= FOLD_AT) {
        addExact(exact, c, new WIDE(total).div(100));
        addExact(firstExact, c, new WIDE(first).div(100));
        total = 0;
        first = 0;
      }
    }
    cents[c] = total;
    firstCents[c] = first;
  }
  keyStart[m] = out;
  return {
    ids,
    firstAt,
    lastAt,
    rows: Int32Array.from(
      { length: m },
      (_, c) => (offset[c + 1] as number) - (offset[c] as number),
    ),
    keyStart,
    keys: keys.subarray(0, out),
    firstCents,
    cents,
    firstExact,
    exact,
    rowsAfterAsOf: after,
  };
}
