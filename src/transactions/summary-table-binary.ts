import type { CustomerSummaryTableOptions, SummaryTableParts } from './summary-table.js';

/**
 * The binary form of a {@link CustomerSummaryTable}, as its `toBinary()` gives it: the table's
 * columns in typed arrays over one `ArrayBuffer`, for sending a table computed on one thread to
 * another without copying (`postMessage(binary, [binary.buffer])`) and reading it back with
 * `summaryTableFromBinary` — one table, or the tables of disjoint sets of customers merged into
 * one without computing anything again. The strings (string ids, and amounts that are not whole
 * cents) and the options travel as structured-clone copies.
 *
 * Rows are in the table's order: customer ids ascending, the numeric ids first (`numericIds`),
 * then the string ids (`stringIds`).
 */
export interface CustomerSummaryTableBinary {
  readonly format: 'retention-metrics/summary-table-binary';
  readonly version: 1;
  /** The options the table was computed with (`asOf` as given: a `Date`, string, number or bigint). */
  readonly options: CustomerSummaryTableOptions;
  /** The ids of the first `numericIds.length` rows, which are numbers. */
  readonly numericIds: Float64Array;
  /** The ids of the other rows, which are strings. */
  readonly stringIds: readonly string[];
  /** First and last purchase of each row, epoch ms. */
  readonly firstPurchaseAt: Float64Array;
  readonly lastPurchaseAt: Float64Array;
  /** Orders (distinct purchase periods) of each row. */
  readonly orders: Int32Array;
  /** First to last order, and first order to the period of `asOf`, in the table's `unit`. */
  readonly recency: Float64Array;
  readonly T: Float64Array;
  /** Each row's total revenue in whole cents, or NaN where it is the next string of `exact`. */
  readonly cents: Float64Array;
  /** Each row's first-order amount in whole cents, or NaN where it is the next string of `firstExact`. */
  readonly firstCents: Float64Array;
  /** Amounts that are not whole cents, as exact decimal strings, in row order. */
  readonly exact: readonly string[];
  readonly firstExact: readonly string[];
  /** The one buffer behind every typed array above. */
  readonly buffer: ArrayBuffer;
}

/**
 * The binary form of a table's parts: the columns copied into one buffer (Float64 columns first,
 * 8-byte aligned, the Int32 orders last), exact amounts as plain decimal strings.
 *
 * Cost: one copy of each column; a string per amount that is not whole cents.
 *
 * @internal
 */
export function encodeSummaryTable(
  parts: SummaryTableParts,
  options: CustomerSummaryTableOptions,
): CustomerSummaryTableBinary {
  const { ids } = parts;
  const m = ids.length;
  let numeric = 0;
  while (numeric < m && typeof ids[numeric] === 'number') numeric++;
  const buffer = new ArrayBuffer(8 * (numeric + 6 * m) + 4 * m);
  let offset = 0;
  const f64 = (from: Float64Array) => {
    const view = new Float64Array(buffer, offset, m);
    view.set(from.subarray(0, m));
    offset += 8 * m;
    return view;
  };
  const numericIds = new Float64Array(buffer, 0, numeric);
  for (let i = 0; i < numeric; i++) numericIds[i] = ids[i] as number;
  offset = 8 * numeric;
  const firstPurchaseAt = f64(parts.firstAt);
  const lastPurchaseAt = f64(parts.lastAt);
  const recency = f64(parts.recency);
  const T = f64(parts.T);
  const cents = f64(parts.cents);
  const firstCents = f64(parts.firstCents);
  const orders = new Int32Array(buffer, offset, m);
  orders.set(parts.orders.subarray(0, m));
  const strings = (column: Float64Array, values: SummaryTableParts['exact']): string[] => {
    const out: string[] = [];
    if (values.size === 0) return out;
    for (let i = 0; i < m; i++) {
      if (Number.isNaN(column[i])) out.push(values.get(i)?.toFixed() ?? '');
    }
    return out;
  };
  return {
    format: 'retention-metrics/summary-table-binary',
    version: 1,
    options: {
      ...options,
      asOf: options.asOf instanceof Date ? new Date(options.asOf.getTime()) : options.asOf,
    },
    numericIds,
    stringIds: ids.slice(numeric) as string[],
    firstPurchaseAt,
    lastPurchaseAt,
    orders,
    recency,
    T,
    cents,
    firstCents,
    exact: strings(cents, parts.exact),
    firstExact: strings(firstCents, parts.firstExact),
    buffer,
  };
}
