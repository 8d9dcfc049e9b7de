import { describeValue, RetentionMetricsError } from '../core/errors.js';
import { type Decimal, type Numeric, parseNumeric } from '../core/numeric.js';
import { parseTimestamp } from '../core/time.js';
import type { CustomerId, Timestamp } from '../transactions/log.js';

/**
 * The fields of a customer summary that segmentation reads: those of `CustomerSummary` from
 * `summarizeTransactions`, or plain objects with the same fields (from a database, a JSON file).
 */
export interface SegmentationSummary {
  /** The customer; unique in the list. */
  readonly customerId: CustomerId;
  /** The first purchase. */
  readonly firstPurchaseAt: Timestamp;
  /** The latest purchase (not after `asOf`). */
  readonly lastPurchaseAt: Timestamp;
  /** Orders (distinct purchase periods), an integer ≥ 1. */
  readonly orders: number;
  /** Revenue of all orders, ≥ 0. */
  readonly totalRevenue: Numeric;
}

/** The same fields as columns of equal length (arrays or typed arrays). */
export interface SegmentationColumns {
  readonly customerId: ArrayLike<CustomerId>;
  readonly firstPurchaseAt: ArrayLike<Timestamp>;
  readonly lastPurchaseAt: ArrayLike<Timestamp>;
  readonly orders: ArrayLike<number>;
  readonly totalRevenue: ArrayLike<Numeric>;
}

/** Customer summaries as rows or as columns. */
export type SegmentationInput = readonly SegmentationSummary[] | SegmentationColumns;

/**
 * Validated summaries in columns, indexed by input position.
 *
 * @internal
 */
export interface SummaryTable {
  readonly size: number;
  readonly ids: CustomerId[];
  /** Epoch ms. */
  readonly firstAt: Float64Array;
  readonly lastAt: Float64Array;
  readonly orders: Float64Array;
  /** Exact revenue. */
  readonly revenue: Decimal[];
  /** Revenue as a float64, for ordering: equal exact values give equal floats, and a < b gives ≤. */
  readonly revenueApprox: Float64Array;
}

const FIELDS = [
  'customerId',
  'firstPurchaseAt',
  'lastPurchaseAt',
  'orders',
  'totalRevenue',
] as const;

function bad(fn: string, index: number, field: string, requirement: string, value: unknown) {
  return new RetentionMetricsError(
    'INVALID_INPUT',
    `${fn}: summaries[${index}].${field} must be ${requirement} (received ${describeValue(value)})`,
    { path: ['summaries', index, field] },
  );
}

/**
 * Validates summaries (rows or columns) into a {@link SummaryTable}: ids unique strings or finite
 * numbers, valid timestamps with first ≤ last, integer orders ≥ 1, finite revenue ≥ 0. The first
 * bad value raises `INVALID_INPUT` naming `summaries[i].field`; an empty list raises `EMPTY_INPUT`.
 *
 * @internal
 */
export function readSummaries(fn: string, input: unknown): SummaryTable {
  let size: number;
  let get: (i: number, field: (typeof FIELDS)[number]) => unknown;
  if (Array.isArray(input)) {
    size = input.length;
    get = (i, field) => {
      const row: unknown = input[i];
      if (typeof row !== 'object' || row === null) {
        throw new RetentionMetricsError(
          'INVALID_INPUT',
          `${fn}: summaries[${i}] must be an object (received ${describeValue(row)})`,
          { path: ['summaries', i] },
        );
      }
      return (row as Record<string, unknown>)[field];
    };
  } else if (typeof input === 'object' && input !== null) {
    const columns = input as Partial<Record<(typeof FIELDS)[number], { length?: unknown }>>;
    size = -1;
    for (const field of FIELDS) {
      const column = columns[field];
      if (typeof column !== 'object' || column === null || typeof column.length !== 'number') {
        throw new RetentionMetricsError(
          'INVALID_INPUT',
          `${fn}: summaries.${field} must be an array (received ${describeValue(column)})`,
          { path: ['summaries', field] },
        );
      }
      if (size === -1) size = column.length;
      else if (column.length !== size) {
        throw new RetentionMetricsError(
          'INVALID_INPUT',
          `${fn}: summaries.${field} has ${column.length} values but summaries.customerId has ${size}`,
          { path: ['summaries', field] },
        );
      }
    }
    get = (i, field) => (columns[field] as unknown as ArrayLike<unknown>)[i];
  } else {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: summaries must be an array of customer summaries or an object of columns (received ${describeValue(input)})`,
      { path: ['summaries'] },
    );
  }
  if (size === 0) {
    throw new RetentionMetricsError('EMPTY_INPUT', `${fn}: summaries must not be empty`, {
      path: ['summaries'],
    });
  }
  const ids = new Array<CustomerId>(size);
  const firstAt = new Float64Array(size);
  const lastAt = new Float64Array(size);
  const orders = new Float64Array(size);
  const revenue = new Array<Decimal>(size);
  const revenueApprox = new Float64Array(size);
  const seen = new Map<CustomerId, number>();
  for (let i = 0; i < size; i++) {
    const id = get(i, 'customerId');
    if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) {
      throw bad(fn, i, 'customerId', 'a string or a finite number', id);
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: summaries[${i}].customerId ${JSON.stringify(id)} repeats summaries[${earlier}]: each customer must appear once`,
        { path: ['summaries', i, 'customerId'] },
      );
    }
    seen.set(id, i);
    const first = parseTimestamp(get(i, 'firstPurchaseAt'));
    if (first === undefined) {
      throw bad(
        fn,
        i,
        'firstPurchaseAt',
        'a valid Date, ISO-8601 string or epoch ms',
        get(i, 'firstPurchaseAt'),
      );
    }
    const last = parseTimestamp(get(i, 'lastPurchaseAt'));
    if (last === undefined || last < first) {
      throw bad(
        fn,
        i,
        'lastPurchaseAt',
        'a valid Date, ISO-8601 string or epoch ms, not before firstPurchaseAt',
        get(i, 'lastPurchaseAt'),
      );
    }
    const n = get(i, 'orders');
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      throw bad(fn, i, 'orders', 'an integer ≥ 1', n);
    }
    const raw = get(i, 'totalRevenue');
    const money = parseNumeric(raw);
    if (money === undefined || money.isNegative()) {
      throw bad(fn, i, 'totalRevenue', 'a non-negative finite amount of money', raw);
    }
    ids[i] = id;
    firstAt[i] = first;
    lastAt[i] = last;
    orders[i] = n;
    revenue[i] = money;
    revenueApprox[i] = money.toNumber();
  }
  return { size, ids, firstAt, lastAt, orders, revenue, revenueApprox };
}
