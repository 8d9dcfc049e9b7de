/**
 * Rearranges `a[lo..hi]` so that `a[p]` holds the value it would hold if that range were sorted,
 * with smaller-or-equal values before it and greater-or-equal after (Hoare partitioning with a
 * median-of-three pivot). Expected O(hi − lo).
 *
 * @internal
 */
export function select(a: Float64Array, lo: number, hi: number, p: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (p <= j) hi = j;
    else if (p >= i) lo = i;
    else return;
  }
}
