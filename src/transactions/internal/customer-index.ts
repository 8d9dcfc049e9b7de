import type { CustomerId } from '../log.js';

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
