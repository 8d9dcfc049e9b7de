/**
 * The row view of a columnar table: `row(i)`, `at(i)`, iteration, `toRows()` and `toJSON()`, all
 * built from one function that makes row `i`. Summary, score and class tables share it.
 *
 * @module
 */
import { describeValue, RetentionMetricsError } from './errors.js';

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

/**
 * `INVALID_INPUT` naming `where` (`'CustomerSummaryTable.row'`) and its index `i` unless `i` is a
 * whole row index of a table of `length` rows.
 *
 * @internal
 */
export function checkRowIndex(i: number, length: number, where: string): void {
  if (typeof i === 'number' && Number.isInteger(i) && i >= 0 && i < length) return;
  const rows =
    length === 0
      ? 'the table has no rows'
      : `i must be a whole number from 0 to ${length - 1}, the table's rows`;
  const hint = where.endsWith('.at')
    ? ''
    : '; at(i) returns undefined outside the rows and counts negative i from the end';
  throw new RetentionMetricsError(
    'INVALID_INPUT',
    `${where}: ${rows} (received ${describeValue(i)})${hint}`,
    { path: ['i'] },
  );
}

/**
 * The row-view methods over `rowOf`: `row(i)` checks its index (`INVALID_INPUT` naming
 * `` `${table}.row` `` outside `0..length − 1`); `at(i)` reads like `Array#at` (negative from the
 * end, `undefined` outside).
 *
 * @internal
 */
export function rowView<R>(length: number, rowOf: (i: number) => R, table: string): RowView<R> {
  const toRows = (): R[] => {
    const out = new Array<R>(length);
    for (let i = 0; i < length; i++) out[i] = rowOf(i);
    return out;
  };
  return {
    row(i: number): R {
      checkRowIndex(i, length, `${table}.row`);
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
