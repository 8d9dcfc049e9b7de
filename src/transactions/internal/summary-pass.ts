import { FOLD_AT, moneyOf, WIDE } from '../../core/cents.js';
import type { Decimal } from '../../core/numeric.js';
import { compareCustomerIds } from '../customer-summary.js';
import type { CustomerId, TransactionLog } from '../log.js';
import { emptySummaryTableParts, type SummaryTableParts } from '../summary-table.js';
import type { CustomerIndex } from './customer-index.js';
import { sortPrefix } from './keys.js';
import { type RowReading, readRows } from './rows.js';

/** How the pass measures durations: between period keys, in the unit. @internal */
export interface SummaryPassTiming {
  /** The row instant (epoch ms) → its period key. */
  readonly keyOf: (ms: number) => number;
  /** The duration between two period keys, in the unit. */
  readonly elapsed: (from: number, to: number) => number;
  /** The period key of `asOf`: where `T` ends. */
  readonly asOfKey: number;
}

/** Customer indices in canonical id order (numbers ascending, then strings). */
function canonicalOrder(customers: CustomerIndex): ArrayLike<number> {
  const dense = customers.order();
  if (dense !== null) return dense;
  const { ids } = customers;
  const byId = Array.from({ length: ids.length }, (_, c) => c);
  return byId.sort((a, b) => compareCustomerIds(ids[a] as CustomerId, ids[b] as CustomerId));
}

/** Each customer's table row, or `null` when that is its index (ids met in canonical order). */
function positions(order: ArrayLike<number>, m: number): Int32Array | null {
  for (let i = 0; i < m; i++) {
    if (order[i] !== i) {
      const position = new Int32Array(m);
      for (let j = 0; j < m; j++) position[order[j] as number] = j;
      return position;
    }
  }
  return null;
}

/** Sorts `values[0 .. size)` and returns how many distinct values they hold. */
function sortDistinct(values: Float64Array, size: number): number {
  sortPrefix(values, size);
  let distinct = 1;
  for (let i = 1; i < size; i++) if (values[i] !== values[i - 1]) distinct++;
  return distinct;
}

/** A running cent total plus `amount`, its overflow past 2^52 folded into `exact` (core/cents.ts). */
function foldInto(total: number, amount: number, exact: { value: Decimal | null }): number {
  const sum = total + amount;
  if (sum < FOLD_AT) return sum;
  const folded = new WIDE(sum).div(100);
  exact.value = exact.value === null ? folded : exact.value.plus(folded);
  return 0;
}

/**
 * The parts of a summary table straight from a log. The rows are read and validated into typed
 * columns ({@link readRows}: errors named `log[i].field`); a counting sort puts each row's instant
 * and cents into its customer's block (a log grouped by customer needs none); then one sequential pass over the blocks gives each
 * customer's first and last instant, orders (distinct period keys), first and last key, and the
 * exact cents of all its purchases and of its first order, written straight into the table's
 * columns in canonical id order.
 *
 * Random access is kept to simple loops (the counts and the scatter), where the processor can
 * overlap its memory reads; the work per customer reads its block in order. Memory: the read
 * columns (20 bytes per row), the sorted instants and cents (16 bytes per row, none for a grouped
 * log), 8 bytes per customer of offsets, and the table's own columns; no object per row or per
 * customer.
 *
 * @returns The table's parts and the number of rows left out after the end.
 * @internal
 */
export function summaryPass(
  fn: string,
  log: TransactionLog,
  reading: RowReading,
  timing: SummaryPassTiming,
): { parts: SummaryTableParts; after: number } {
  const read = readRows(fn, log, reading);
  const { kept, customers } = read;
  const m = customers.ids.length;

  // Counting sort of the kept rows by customer: their instants, cents and exact amounts. A log
  // already grouped by customer (each customer's rows together) is in block order as read.
  const offset = new Int32Array(m + 1);
  const customer = read.customer;
  let grouped = true;
  for (let r = 0; r < kept; r++) {
    const c = customer[r] as number;
    offset[c + 1] = (offset[c + 1] as number) + 1;
    if (r > 0 && c !== (customer[r - 1] as number) && c !== (customer[r - 1] as number) + 1) {
      grouped = false;
    }
  }
  let largest = 0;
  for (let c = 0; c < m; c++) {
    const size = offset[c + 1] as number;
    if (size > largest) largest = size;
    offset[c + 1] = (offset[c] as number) + size;
  }
  let ms = read.ms;
  let cents = read.cents;
  let exactAt = read.exact;
  if (!grouped) {
    ms = new Float64Array(kept);
    cents = new Float64Array(kept);
    exactAt = new Map<number, Decimal>();
    const fill = offset.slice(0, m);
    const rowMs = read.ms;
    const rowCents = read.cents;
    for (let r = 0; r < kept; r++) {
      const c = customer[r] as number;
      const at = fill[c] as number;
      ms[at] = rowMs[r] as number;
      cents[at] = rowCents[r] as number;
      fill[c] = at + 1;
    }
    if (read.exact.size > 0) {
      const at = offset.slice(0, m);
      for (let r = 0; r < kept; r++) {
        const c = customer[r] as number;
        const e = read.exact.get(r);
        if (e !== undefined) exactAt.set(at[c] as number, e);
        at[c] = (at[c] as number) + 1;
      }
    }
  }

  const position = positions(canonicalOrder(customers), m);
  const ids = position === null ? customers.ids : new Array<CustomerId>(m);
  const parts = emptySummaryTableParts(ids, m);
  const { keyOf, elapsed, asOfKey } = timing;
  const anyExact = exactAt.size > 0;
  const keys = new Float64Array(largest);
  const exact = { value: null as Decimal | null };
  const firstExact = { value: null as Decimal | null };
  for (let c = 0; c < m; c++) {
    const p = position === null ? c : (position[c] as number);
    if (position !== null) ids[p] = customers.ids[c] as CustomerId;
    const from = offset[c] as number;
    const size = (offset[c + 1] as number) - from;
    let first = ms[from] as number;
    let last = first;
    let minKey = keyOf(first);
    keys[0] = minKey;
    for (let j = 1; j < size; j++) {
      const t = ms[from + j] as number;
      if (t < first) first = t;
      if (t > last) last = t;
      const key = keyOf(t);
      keys[j] = key;
      if (key < minKey) minKey = key;
    }
    // The cents of all purchases, and of those of the first order (the smallest key).
    exact.value = null;
    firstExact.value = null;
    let total = 0;
    let firstTotal = 0;
    for (let j = 0; j < size; j++) {
      const amount = cents[from + j] as number;
      const inFirst = keys[j] === minKey;
      if (anyExact && Number.isNaN(amount)) {
        const e = exactAt.get(from + j) as Decimal;
        exact.value = exact.value === null ? new WIDE(e) : exact.value.plus(e);
        if (inFirst)
          firstExact.value = firstExact.value === null ? new WIDE(e) : firstExact.value.plus(e);
        continue;
      }
      const sum = total + amount;
      total = sum < FOLD_AT ? sum : foldInto(total, amount, exact);
      if (inFirst) {
        const firstSum = firstTotal + amount;
        firstTotal = firstSum < FOLD_AT ? firstSum : foldInto(firstTotal, amount, firstExact);
      }
    }
    const orders = size === 1 ? 1 : sortDistinct(keys, size);
    parts.firstAt[p] = first;
    parts.lastAt[p] = last;
    parts.orders[p] = orders;
    // One period has no length under any granularity and unit.
    parts.recency[p] = orders === 1 ? 0 : elapsed(minKey, keys[size - 1] as number);
    parts.T[p] = elapsed(minKey, asOfKey);
    if (exact.value === null) parts.cents[p] = total;
    else {
      parts.cents[p] = Number.NaN;
      parts.exact.set(p, moneyOf(total, exact.value));
    }
    if (firstExact.value === null) parts.firstCents[p] = firstTotal;
    else {
      parts.firstCents[p] = Number.NaN;
      parts.firstExact.set(p, moneyOf(firstTotal, firstExact.value));
    }
  }
  return { parts, after: read.after };
}
