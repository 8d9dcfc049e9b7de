/**
 * The row view of a columnar table: `row(i)`, `at(i)`, iteration, `toRows()` and `toJSON()`, all
 * built from one function that makes row `i`. Summary, score and class tables share it.
 *
 * @module
 */

/**
 * The form of a result: `'rows'`, one object per customer, or `'table'`, the same values in typed
 * columns with rows as a view.
 */
export interface FormOption<F extends 'rows' | 'table'> {
  /** `'rows'` or `'table'`. */
  readonly form: F;
}

/** The row-view methods of a table of `length` rows. @internal */
export interface RowView<R> extends Iterable<R> {
  row(i: number): R;
  at(i: number): R | undefined;
  toRows(): R[];
  toJSON(): R[];
}

/** A `RangeError` unless `i` is a row index of a table of `length` rows. @internal */
export function checkRowIndex(i: number, length: number): void {
  if (!(Number.isInteger(i) && i >= 0 && i < length)) {
    throw new RangeError(`row index ${String(i)} is outside 0..${length - 1}`);
  }
}

/**
 * The row-view methods over `rowOf`: `row(i)` checks its index (a `RangeError` outside
 * `0..length − 1`); `at(i)` reads like `Array#at` (negative from the end, `undefined` outside).
 *
 * @internal
 */
export function rowView<R>(length: number, rowOf: (i: number) => R): RowView<R> {
  const toRows = (): R[] => {
    const out = new Array<R>(length);
    for (let i = 0; i < length; i++) out[i] = rowOf(i);
    return out;
  };
  return {
    row(i: number): R {
      checkRowIndex(i, length);
      return rowOf(i);
    },
    at(i: number): R | undefined {
      const k = Math.trunc(Number(i)) || 0;
      const j = k < 0 ? length + k : k;
      return j >= 0 && j < length ? rowOf(j) : undefined;
    },
    toRows,
    toJSON: toRows,
    *[Symbol.iterator](): Iterator<R> {
      for (let i = 0; i < length; i++) yield rowOf(i);
    },
  };
}
