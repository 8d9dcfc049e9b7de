import { compareCustomerIds } from '../customer-summary.js';
import type { CustomerId } from '../log.js';
import { type BatchAggregate, sizedColumns } from './aggregate.js';

/**
 * Combines aggregates whose customers are disjoint and whose canonical id order is known, by
 * merging them in that order: no id lookups, no sorting of keys (each customer's keys come whole
 * from one part), and the result is already in canonical order. This is the cheap case of
 * {@link combineAggregates}: partial states of a log partitioned by customer, as parallel work
 * produces them. Returns `null`, having built nothing that is kept, as soon as an id is found in
 * two parts (or a part's order is unknown); the caller then combines the general way.
 *
 * Cost: one pass over the customers with one id comparison per customer and part (parts are
 * few), and one copy of each key.
 *
 * @internal
 */
export function combineDisjoint(parts: readonly BatchAggregate[]): BatchAggregate | null {
  const orders: ArrayLike<number>[] = [];
  let m = 0;
  let k = 0;
  let rowsAfterAsOf = 0;
  for (const part of parts) {
    if (part.canonicalOrder === null) return null;
    orders.push(part.canonicalOrder);
    m += part.ids.length;
    k += part.keys.length;
    rowsAfterAsOf += part.rowsAfterAsOf;
  }
  const columns = sizedColumns(m, k);
  const { ids, firstAt, lastAt, rows, cents, firstCents, keyStart, keys, exact, firstExact } =
    columns;
  // The next position in each part's canonical order.
  const next = new Int32Array(parts.length);
  let at = 0;
  let last: CustomerId | undefined;
  for (let g = 0; g < m; g++) {
    // The part whose next customer has the smallest id.
    let p = -1;
    let id: CustomerId | undefined;
    for (let q = 0; q < parts.length; q++) {
      const part = parts[q] as BatchAggregate;
      const i = next[q] as number;
      if (i === part.ids.length) continue;
      const candidate = part.ids[(orders[q] as ArrayLike<number>)[i] as number] as CustomerId;
      if (id === undefined || compareCustomerIds(candidate, id) < 0) {
        p = q;
        id = candidate;
      }
    }
    const part = parts[p] as BatchAggregate;
    const c = (orders[p] as ArrayLike<number>)[next[p] as number] as number;
    next[p] = (next[p] as number) + 1;
    // Equal to the id placed before: a customer of two parts.
    if (last !== undefined && compareCustomerIds(last, id as CustomerId) === 0) return null;
    last = id;
    ids[g] = id as CustomerId;
    firstAt[g] = part.firstAt[c] as number;
    lastAt[g] = part.lastAt[c] as number;
    rows[g] = part.rows[c] as number;
    cents[g] = part.cents[c] as number;
    firstCents[g] = part.firstCents[c] as number;
    if (part.exact.size > 0) {
      const e = part.exact.get(c);
      if (e !== undefined) exact.set(g, e);
    }
    if (part.firstExact.size > 0) {
      const e = part.firstExact.get(c);
      if (e !== undefined) firstExact.set(g, e);
    }
    keyStart[g] = at;
    const to = part.keyStart[c + 1] as number;
    for (let j = part.keyStart[c] as number; j < to; j++) keys[at++] = part.keys[j] as number;
  }
  keyStart[m] = at;
  const identity = new Int32Array(m);
  for (let g = 0; g < m; g++) identity[g] = g;
  return { ...columns, rowsAfterAsOf, canonicalOrder: identity };
}
