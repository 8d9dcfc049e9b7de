/**
 * Period keys of an aggregate: per-customer blocks of keys, sorted and collapsed in place.
 *
 * @module
 */

/**
 * Sorts `values[0 .. size)` ascending: insertion sort for the common short runs.
 *
 * @internal
 */
export function sortPrefix(values: Float64Array, size: number): void {
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
