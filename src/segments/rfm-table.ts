/**
 * RFM scores in columns: {@link RfmScoreTable}, the result of `rfmScores`.
 *
 * @module
 */
import type { TimeUnit } from '../core/instant.js';
import type { Decimal } from '../core/numeric.js';
import { rowView } from '../core/row-view.js';
import type { CustomerId, DurationUnit, Granularity, Timestamp } from '../transactions/log.js';
import { type MoneyColumn, moneyAt, moneyColumnOf } from '../transactions/money-column.js';
import type { RfmScore } from './rfm.js';

/** The table's name in the messages of its methods. */
const TABLE_NAME = 'RfmScoreTable';

/** The columns of an {@link RfmScoreTable}, named as the fields of {@link RfmScore}. */
export interface RfmScoreColumns {
  /** The customers, as given (frozen). */
  readonly customerId: readonly CustomerId[];
  /** Days from the last purchase to `asOf` (fractional). */
  readonly daysSinceLastPurchase: Float64Array;
  /** Orders (distinct purchase periods). */
  readonly orders: Int32Array;
  /** The value the M score ranks (total revenue or average order value), exact. */
  readonly monetary: MoneyColumn;
  /** Recency score, 1..bins. */
  readonly r: Uint8Array;
  /** Frequency score, 1..bins. */
  readonly f: Uint8Array;
  /** Monetary score, 1..bins. */
  readonly m: Uint8Array;
  /** `⌈(f + m) / 2⌉`. */
  readonly fm: Uint8Array;
  /** The segment of each customer as a code: its index in {@link RfmScoreTable.segmentNames}. */
  readonly segment: Uint8Array;
}

/** The options an {@link RfmScoreTable} was computed with, defaults filled in. */
export interface RfmScoreTableOptions {
  /** `asOf` as given (a `Date` is copied). */
  readonly asOf: Timestamp;
  /** The zone's name (`'UTC'` by default). */
  readonly timeZone: string;
  readonly timeUnit: TimeUnit;
  /** The summaries' granularity, when they were a summary table. */
  readonly granularity?: Granularity;
  /** The summaries' duration unit, when they were a summary table. */
  readonly unit?: DurationUnit;
  /** Score levels per dimension. */
  readonly bins: number;
  /** What `monetary` is: total revenue or the average order value. */
  readonly monetary: 'total' | 'average';
}

/**
 * RFM scores in columns: the same values as the rows of `rfmScores`, one typed array per field
 * (scores and segment codes as bytes, money as whole cents) instead of one object per customer.
 * Rows are a view: `row(i)`, `at(i)`, iteration and `toRows()` build {@link RfmScore} objects equal
 * to those of `rfmScores` with `form: 'rows'`, and `toJSON()` gives their JSON.
 */
export interface RfmScoreTable extends Iterable<RfmScore> {
  /** Customers (rows), in input order. */
  readonly length: number;
  /** The columns, by field name. */
  readonly columns: RfmScoreColumns;
  /** The segment names by code: `columns.segment[i]` is an index into this list (frozen). */
  readonly segmentNames: readonly string[];
  /** The options the scores were computed with. */
  readonly options: RfmScoreTableOptions;
  /** Row `i` as an {@link RfmScore} (a new object); `INVALID_INPUT` naming `i` outside `0..length − 1`. */
  row(i: number): RfmScore;
  /** Row `i` as `Array#at` reads it: negative from the end, `undefined` outside. */
  at(i: number): RfmScore | undefined;
  /** Every row, as `rfmScores` with `form: 'rows'` returns them. */
  toRows(): RfmScore[];
  /** The JSON of `toRows()`. */
  toJSON(): RfmScore[];
}

/** The parts of a score table. @internal */
export interface RfmTableParts {
  readonly ids: readonly CustomerId[];
  readonly days: Float64Array;
  readonly orders: Int32Array;
  readonly cents: Float64Array;
  readonly exact: ReadonlyMap<number, Decimal>;
  readonly r: Uint8Array;
  readonly f: Uint8Array;
  readonly m: Uint8Array;
  readonly fm: Uint8Array;
  readonly segment: Uint8Array;
  readonly segmentNames: readonly string[];
  readonly bins: number;
}

const PARTS = new WeakMap<object, RfmTableParts>();

/** The parts of a score table the library built, or `undefined`. @internal */
export function rfmTableParts(value: unknown): RfmTableParts | undefined {
  return typeof value === 'object' && value !== null ? PARTS.get(value) : undefined;
}

/**
 * A table over the parts. Rows are a view of the columns (a caller's write into a column shows
 * in them); functions that read the table scan its columns first.
 *
 * @internal
 */
export function rfmTableOf(parts: RfmTableParts, options: RfmScoreTableOptions): RfmScoreTable {
  const { ids, bins, segmentNames } = parts;
  const length = ids.length;
  Object.freeze(ids);
  Object.freeze(segmentNames);
  const { days, orders, cents, exact, r, f, m, segment } = parts;
  const sep = bins > 9 ? '-' : '';
  const scoreText = new Array<string>(bins * bins * bins);
  for (let a = 1; a <= bins; a++) {
    for (let b = 1; b <= bins; b++) {
      for (let c = 1; c <= bins; c++) {
        scoreText[((a - 1) * bins + (b - 1)) * bins + (c - 1)] = `${a}${sep}${b}${sep}${c}`;
      }
    }
  }
  const rowOf = (i: number): RfmScore => {
    const ri = r[i] as number;
    const fi = f[i] as number;
    const mi = m[i] as number;
    return {
      customerId: ids[i] as CustomerId,
      daysSinceLastPurchase: days[i] as number,
      orders: orders[i] as number,
      monetary: moneyAt(cents, exact, i),
      r: ri,
      f: fi,
      m: mi,
      fm: (fi + mi + 1) >> 1,
      score: scoreText[((ri - 1) * bins + (fi - 1)) * bins + (mi - 1)] as string,
      segment: segmentNames[segment[i] as number] as string,
    };
  };
  const columns: RfmScoreColumns = Object.freeze({
    customerId: ids,
    daysSinceLastPurchase: days,
    orders,
    monetary: moneyColumnOf(cents, exact, `${TABLE_NAME}.columns.monetary`),
    r,
    f,
    m,
    fm: parts.fm,
    segment,
  });
  const table: RfmScoreTable = Object.freeze({
    length,
    columns,
    segmentNames,
    options: Object.freeze({
      ...options,
      asOf: options.asOf instanceof Date ? new Date(options.asOf.getTime()) : options.asOf,
    }),
    ...rowView(length, rowOf, TABLE_NAME),
  });
  PARTS.set(table, parts);
  return table;
}
