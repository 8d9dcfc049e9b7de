/**
 * Classes in columns: {@link CustomerClassTable}, the result of `classifyCustomers`, whose
 * reasons are built when asked for.
 *
 * @module
 */
import { deepFreeze } from '../../core/freeze.js';
import type { TimeUnit } from '../../core/instant.js';
import { checkRowIndex, rowView } from '../../core/row-view.js';
import type { CustomerId, DurationUnit, Granularity, Timestamp } from '../../transactions/log.js';
import type { ClassificationReason, ClassifiedCustomer, SegmentName } from './types.js';

/**
 * The codes of the built-in segments in a {@link CustomerClassTable}'s `segment` column: the
 * index of each in `BUILT_IN_SEGMENTS` (custom segments take the codes after them, named by the
 * table's `segmentNames`).
 *
 * @example
 * ```ts
 * import { BUILT_IN_SEGMENTS, CLASS_SEGMENT_CODES } from 'retention-metrics';
 * CLASS_SEGMENT_CODES.vip; // => 3
 * BUILT_IN_SEGMENTS[CLASS_SEGMENT_CODES.active]; // => 'active'
 * ```
 * @category Segmentation
 */
export const CLASS_SEGMENT_CODES = deepFreeze({
  new: 0,
  lost: 1,
  'at-risk': 2,
  vip: 3,
  active: 4,
} as const);

/** The table's name in the messages of its methods. */
const TABLE_NAME = 'CustomerClassTable';

/** The columns of a {@link CustomerClassTable}. */
export interface CustomerClassColumns {
  /** The customers, as given (frozen). */
  readonly customerId: readonly CustomerId[];
  /**
   * The segment of each customer as a code, its index in {@link CustomerClassTable.segmentNames}
   * (built-in segments: {@link CLASS_SEGMENT_CODES}). A `Uint16Array` only beyond 256 segments.
   */
  readonly segment: Uint8Array | Uint16Array;
  /** One column per rule (built-in or custom, switched on), 1 where the rule fired, else 0. */
  readonly flags: Readonly<Record<string, Uint8Array>>;
  /** Days from the last purchase to `asOf` (fractional). */
  readonly daysSinceLastPurchase: Float64Array;
}

/** The options a {@link CustomerClassTable} was computed with, defaults filled in. */
export interface CustomerClassTableOptions {
  /** `asOf` as given (a `Date` is copied). */
  readonly asOf: Timestamp;
  /** The zone's name (`'UTC'` by default). */
  readonly timeZone: string;
  readonly timeUnit: TimeUnit;
  /** The summaries' granularity, when they were a summary table. */
  readonly granularity?: Granularity;
  /** The summaries' duration unit, when they were a summary table. */
  readonly unit?: DurationUnit;
  /** Whether the rows carry their reasons (`reasonsOf` builds them either way). */
  readonly reasons: boolean;
}

/**
 * Classes in columns: the same values as the rows of `classifyCustomers`, with segments as small
 * integer codes and one 0/1 column per rule instead of one object per customer. Reasons are built
 * only when asked for: `reasonsOf(i)`, or the row view (`row(i)`, `at(i)`, iteration, `toRows()`),
 * whose rows equal those of `classifyCustomers` with `form: 'rows'`; `toJSON()` gives their JSON.
 */
export interface CustomerClassTable extends Iterable<ClassifiedCustomer> {
  /** Customers (rows), in input order. */
  readonly length: number;
  /** The columns, by field name. */
  readonly columns: CustomerClassColumns;
  /** Segment names by code: `BUILT_IN_SEGMENTS`, then custom segments (frozen). */
  readonly segmentNames: readonly SegmentName[];
  /** The rules switched on, highest priority first: the keys of `columns.flags` (frozen). */
  readonly flagNames: readonly string[];
  /** The options the classes were computed with. */
  readonly options: CustomerClassTableOptions;
  /** Row `i` (a new object); `INVALID_INPUT` naming `i` outside `0..length − 1`. */
  row(i: number): ClassifiedCustomer;
  /** Row `i` as `Array#at` reads it: negative from the end, `undefined` outside. */
  at(i: number): ClassifiedCustomer | undefined;
  /**
   * The reasons of customer `i`, built now, with the content of `classifyCustomers`' reasons
   * (also with `reasons: false`); `INVALID_INPUT` naming `i` outside `0..length − 1`.
   */
  reasonsOf(i: number): readonly ClassificationReason[];
  /** Every row, as `classifyCustomers` with `form: 'rows'` returns them. */
  toRows(): ClassifiedCustomer[];
  /** The JSON of `toRows()`. */
  toJSON(): ClassifiedCustomer[];
}

/** The parts of a class table. @internal */
export interface ClassTableParts {
  readonly ids: readonly CustomerId[];
  readonly segment: Uint8Array | Uint16Array;
  readonly flags: Readonly<Record<string, Uint8Array>>;
  readonly days: Float64Array;
  readonly segmentNames: readonly SegmentName[];
  readonly flagNames: readonly string[];
  /** Flags of customer `i` (a new array or a shared frozen one). */
  readonly flagsOf: (i: number) => readonly string[];
  /** Reasons of customer `i` (a new array). */
  readonly reasonsOf: (i: number) => ClassificationReason[];
}

const PARTS = new WeakMap<object, ClassTableParts>();

/** The parts of a class table the library built, or `undefined`. @internal */
export function classTableParts(value: unknown): ClassTableParts | undefined {
  return typeof value === 'object' && value !== null ? PARTS.get(value) : undefined;
}

/** The reasons of every row when the rows carry none: one frozen empty array. */
const NO_REASONS: readonly ClassificationReason[] = Object.freeze([]);

/** A table over the parts. @internal */
export function classTableOf(
  parts: ClassTableParts,
  options: CustomerClassTableOptions,
): CustomerClassTable {
  const { ids, segment, days, segmentNames, flagNames, flagsOf, reasonsOf } = parts;
  const length = ids.length;
  Object.freeze(ids);
  Object.freeze(segmentNames);
  Object.freeze(flagNames);
  const keep = options.reasons;
  // Rows read their own copy of the codes: a caller's write into a column does not change them.
  const code = segment.slice();
  const rowOf = (i: number): ClassifiedCustomer => ({
    customerId: ids[i] as CustomerId,
    segment: segmentNames[code[i] as number] as SegmentName,
    flags: flagsOf(i),
    reasons: keep ? reasonsOf(i) : NO_REASONS,
    daysSinceLastPurchase: days[i] as number,
  });
  const table: CustomerClassTable = Object.freeze({
    length,
    columns: Object.freeze({
      customerId: ids,
      segment,
      flags: Object.freeze({ ...parts.flags }),
      daysSinceLastPurchase: days,
    }),
    segmentNames,
    flagNames,
    options: Object.freeze({
      ...options,
      asOf: options.asOf instanceof Date ? new Date(options.asOf.getTime()) : options.asOf,
    }),
    reasonsOf(i: number): readonly ClassificationReason[] {
      checkRowIndex(i, length, `${TABLE_NAME}.reasonsOf`);
      return reasonsOf(i);
    },
    ...rowView(length, rowOf, TABLE_NAME),
  });
  PARTS.set(table, parts);
  return table;
}
