import { addCents, addExact } from '../../core/cents.js';
import type { CustomerId } from '../log.js';
import { type BatchAggregate, finishAggregate, newColumns } from './aggregate.js';
import { combineDisjoint } from './combine-disjoint.js';
import { CustomerIndex } from './customer-index.js';
import { blockOffsets, collapseKeys } from './keys.js';

/**
 * Combines aggregates of disjoint pieces of one log into the aggregate of the whole, as if the
 * rows had been read in one pass: per customer, the earliest and latest times, the row count,
 * the union of the distinct keys, the total amount and the amount of the first key (summed over
 * the pieces whose own first key is the smallest). Cent totals that reach 2^52 are folded into
 * exact decimals, as in the row pass.
 *
 * Parts of disjoint customers whose canonical order is known (states read from `toBinary`, or
 * aggregates of small integer ids) are merged in that order by {@link combineDisjoint} instead.
 *
 * Cost otherwise: one pass over the pieces' customers with one id lookup each, a counting sort of their
 * keys by customer, and a per-customer sort where the pieces' keys interleave. The inputs are
 * read, never changed, so aggregates can be shared between accumulators.
 *
 * @internal
 */
export function combineAggregates(parts: readonly BatchAggregate[]): BatchAggregate {
  if (parts.length === 1) return parts[0] as BatchAggregate;
  // Parts of disjoint customers in known order (a log partitioned by customer) merge cheaply.
  const disjoint = combineDisjoint(parts);
  if (disjoint !== null) return disjoint;
  let pieces = 0;
  let rowsAfterAsOf = 0;
  for (const part of parts) {
    pieces += part.ids.length;
    rowsAfterAsOf += part.rowsAfterAsOf;
  }
  const index = new CustomerIndex(pieces + 1024);
  const columns = newColumns();
  const { firstAt, lastAt, rows, cents, firstCents, minKey, exact, firstExact } = columns;
  const keyCount: number[] = [];
  // For each part, the combined index of each of its customers.
  const combinedOf: Int32Array[] = [];
  for (const part of parts) {
    const n = part.ids.length;
    const to = new Int32Array(n);
    const partExact = part.exact.size === 0 ? null : part.exact;
    const partFirstExact = part.firstExact.size === 0 ? null : part.firstExact;
    for (let c = 0; c < n; c++) {
      let g = index.indexOf(part.ids[c] as CustomerId);
      const from = part.keyStart[c] as number;
      const keys = (part.keyStart[c + 1] as number) - from;
      const key = part.keys[from] as number;
      const partCents = part.cents[c] as number;
      const partFirstCents = part.firstCents[c] as number;
      const more = partExact === null ? undefined : partExact.get(c);
      const firstMore = partFirstExact === null ? undefined : partFirstExact.get(c);
      if (g < 0) {
        g = ~g;
        firstAt.push(part.firstAt[c] as number);
        lastAt.push(part.lastAt[c] as number);
        rows.push(part.rows[c] as number);
        minKey.push(key);
        keyCount.push(keys);
        cents.push(partCents);
        firstCents.push(partFirstCents);
        // Decimals are immutable: the combined aggregate may hold the part's own.
        if (more !== undefined) exact.set(g, more);
        if (firstMore !== undefined) firstExact.set(g, firstMore);
      } else {
        if ((part.firstAt[c] as number) < (firstAt[g] as number))
          firstAt[g] = part.firstAt[c] as number;
        if ((part.lastAt[c] as number) > (lastAt[g] as number))
          lastAt[g] = part.lastAt[c] as number;
        rows[g] = (rows[g] as number) + (part.rows[c] as number);
        keyCount[g] = (keyCount[g] as number) + keys;
        const least = minKey[g] as number;
        if (key < least) {
          // This part holds the earlier first order: its first amount replaces the one so far.
          minKey[g] = key;
          firstCents[g] = partFirstCents;
          if (firstMore === undefined) firstExact.delete(g);
          else firstExact.set(g, firstMore);
        } else if (key === least) {
          addCents(firstCents, firstExact, g, partFirstCents);
          if (firstMore !== undefined) addExact(firstExact, g, firstMore);
        }
        addCents(cents, exact, g, partCents);
        if (more !== undefined) addExact(exact, g, more);
      }
      to[c] = g;
    }
    combinedOf.push(to);
  }

  // Counting sort of the parts' keys by combined customer, then sort and collapse per customer.
  const { ids } = index;
  const m = ids.length;
  const { offset, largest } = blockOffsets(keyCount, m);
  const keys = new Float64Array(offset[m] as number);
  const fill = offset.slice(0, m);
  parts.forEach((part, p) => {
    const to = combinedOf[p] as Int32Array;
    for (let c = 0; c < part.ids.length; c++) {
      const g = to[c] as number;
      const from = part.keyStart[c] as number;
      const end = part.keyStart[c + 1] as number;
      let at = fill[g] as number;
      for (let j = from; j < end; j++) keys[at++] = part.keys[j] as number;
      fill[g] = at;
    }
  });
  return finishAggregate(
    index,
    columns,
    keys,
    collapseKeys(keys, offset, m, largest),
    rowsAfterAsOf,
  );
}
