import type { TimeUnit } from '../core/instant.js';
import type { Decimal } from '../core/numeric.js';
import { checkRowIndex, rowView } from '../core/row-view.js';
import {
  averageOrderValueOf,
  type CustomerSummary,
  monetaryValueOf,
  summaryRecord,
} from './customer-summary.js';
import type { CustomerId, DurationUnit, Granularity, Timestamp } from './log.js';
import { type DecimalColumn, type MoneyColumn, moneyColumnOf } from './money-column.js';
import { type CustomerSummaryTableBinary, encodeSummaryTable } from './summary-table-binary.js';

export type { DecimalColumn, MoneyColumn } from './money-column.js';

/** The table's name in the messages of its methods. */
const TABLE_NAME = 'CustomerSummaryTable';

/** The columns of a {@link CustomerSummaryTable}, named as the fields of {@link CustomerSummary}. */
export interface CustomerSummaryColumns {
  /** The customers, as given (frozen). */
  readonly customerId: readonly CustomerId[];
  /** The earliest purchase, epoch milliseconds. */
  readonly firstPurchaseAt: Float64Array;
  /** The latest purchase up to `asOf`, epoch milliseconds. */
  readonly lastPurchaseAt: Float64Array;
  /** Orders (distinct purchase periods). */
  readonly orders: Int32Array;
  /** Repeat orders, `orders − 1`. */
  readonly frequency: Int32Array;
  /** First to last order, in `unit`. */
  readonly recency: Float64Array;
  /** First order to the period of `asOf`, in `unit`. */
  readonly T: Float64Array;
  /** Sum of all amounts, exact. */
  readonly totalRevenue: MoneyColumn;
  /** `totalRevenue / orders`, exact, computed when read. */
  readonly averageOrderValue: DecimalColumn;
  /** Mean of the repeat orders (0 without repeats), exact, computed when read. */
  readonly monetaryValue: DecimalColumn;
}

/** The options a {@link CustomerSummaryTable} was computed with, defaults filled in. */
export interface CustomerSummaryTableOptions {
  /** `asOf` as given (a `Date` is copied). */
  readonly asOf: Timestamp;
  readonly timeZone: string;
  readonly granularity: Granularity;
  readonly unit: DurationUnit;
  readonly timeUnit: TimeUnit;
}

/**
 * Customer summaries in columns, the result of `summarizeTransactions`: one typed array per
 * field instead of one object per customer. Rows are a view: `row(i)`, iteration and `toRows()`
 * build {@link CustomerSummary} objects equal to those of `summarizeTransactions` with
 * `form: 'rows'`, and `toJSON()` gives the same JSON. `rfmScores` and `classifyCustomers` read the columns
 * directly and default to the table's `asOf`, `timeZone` and `timeUnit`.
 */
export interface CustomerSummaryTable extends Iterable<CustomerSummary> {
  /** Customers (rows), ordered by customer id (numbers ascending, then strings). */
  readonly length: number;
  /** The columns, by field name. */
  readonly columns: CustomerSummaryColumns;
  /** The options the summaries were computed with. */
  readonly options: CustomerSummaryTableOptions;
  /** Row `i` as a {@link CustomerSummary} (a new object); `INVALID_INPUT` naming `i` outside `0..length − 1`. */
  row(i: number): CustomerSummary;
  /** Row `i` as `Array#at` reads it: negative from the end, `undefined` outside. */
  at(i: number): CustomerSummary | undefined;
  /** Every row, as `summarizeTransactions` with `form: 'rows'` returns them. */
  toRows(): CustomerSummary[];
  /** The JSON of `toRows()`: `JSON.stringify(table) === JSON.stringify(table.toRows())`. */
  toJSON(): CustomerSummary[];
  /**
   * The table in typed arrays over one `ArrayBuffer`, to send to another thread without copying:
   * `postMessage(binary, [binary.buffer])`; read back, alone or merged with the tables of other
   * customers, with `summaryTableFromBinary`.
   */
  toBinary(): CustomerSummaryTableBinary;
}

/**
 * The parts a table is built from: cents columns carry `NaN` where `exact` (total) or
 * `firstExact` (first order) holds the row's value, rounded to the library's precision.
 *
 * @internal
 */
export interface SummaryTableParts {
  readonly ids: CustomerId[];
  readonly firstAt: Float64Array;
  readonly lastAt: Float64Array;
  readonly orders: Int32Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  readonly cents: Float64Array;
  readonly firstCents: Float64Array;
  readonly exact: Map<number, Decimal>;
  readonly firstExact: Map<number, Decimal>;
}

/**
 * Parts for `m` customers with zeroed columns and no exact amounts, to be filled in place.
 *
 * @internal
 */
export function emptySummaryTableParts(ids: CustomerId[], m: number): SummaryTableParts {
  return {
    ids,
    firstAt: new Float64Array(m),
    lastAt: new Float64Array(m),
    orders: new Int32Array(m),
    recency: new Float64Array(m),
    T: new Float64Array(m),
    cents: new Float64Array(m),
    firstCents: new Float64Array(m),
    exact: new Map<number, Decimal>(),
    firstExact: new Map<number, Decimal>(),
  };
}

/** Tables built by the library, with their parts (typed columns may still be written by a caller). */
const PARTS = new WeakMap<object, SummaryTableParts>();

/** The parts of a table the library built, or `undefined` for anything else. @internal */
export function summaryTableParts(value: unknown): SummaryTableParts | undefined {
  return typeof value === 'object' && value !== null ? PARTS.get(value) : undefined;
}

/** A table over built parts. @internal */
export function summaryTableOf(
  parts: SummaryTableParts,
  options: CustomerSummaryTableOptions,
): CustomerSummaryTable {
  const { ids, firstAt, lastAt, orders, recency, T, cents, firstCents, exact, firstExact } = parts;
  const length = ids.length;
  Object.freeze(ids);
  const frequency = new Int32Array(length);
  for (let i = 0; i < length; i++) frequency[i] = (orders[i] as number) - 1;
  const rowOf = (i: number): CustomerSummary => {
    const c = cents[i] as number;
    const f = firstCents[i] as number;
    const e = Number.isNaN(c) ? (exact.get(i) as Decimal) : null;
    const fe = Number.isNaN(f) ? (firstExact.get(i) as Decimal) : null;
    return summaryRecord(
      ids[i] as CustomerId,
      firstAt[i] as number,
      lastAt[i] as number,
      orders[i] as number,
      recency[i] as number,
      T[i] as number,
      e === null ? c : 0,
      e,
      fe === null ? f : 0,
      fe,
    );
  };
  const decimalColumn = (name: string, value: (i: number) => Decimal): DecimalColumn =>
    Object.freeze({
      length,
      at(i: number): Decimal {
        checkRowIndex(i, length, `${TABLE_NAME}.columns.${name}.at`);
        return value(i);
      },
    });
  const exactAt = (i: number) =>
    Number.isNaN(cents[i] as number) ? (exact.get(i) as Decimal) : null;
  const firstExactAt = (i: number) =>
    Number.isNaN(firstCents[i] as number) ? (firstExact.get(i) as Decimal) : null;
  const centsAt = (i: number, e: Decimal | null) => (e === null ? (cents[i] as number) : 0);
  const firstCentsAt = (i: number, e: Decimal | null) =>
    e === null ? (firstCents[i] as number) : 0;
  const averageOrderValue = (i: number): Decimal => {
    const e = exactAt(i);
    const fe = firstExactAt(i);
    return averageOrderValueOf(orders[i] as number, centsAt(i, e), e, fe);
  };
  const monetaryValue = (i: number): Decimal => {
    const e = exactAt(i);
    const fe = firstExactAt(i);
    return monetaryValueOf(orders[i] as number, centsAt(i, e), e, firstCentsAt(i, fe), fe);
  };
  const columns: CustomerSummaryColumns = Object.freeze({
    customerId: ids,
    firstPurchaseAt: firstAt,
    lastPurchaseAt: lastAt,
    orders,
    frequency,
    recency,
    T,
    totalRevenue: moneyColumnOf(cents, exact, `${TABLE_NAME}.columns.totalRevenue`),
    averageOrderValue: decimalColumn('averageOrderValue', averageOrderValue),
    monetaryValue: decimalColumn('monetaryValue', monetaryValue),
  });
  const tableOptions = Object.freeze({
    ...options,
    asOf: options.asOf instanceof Date ? new Date(options.asOf.getTime()) : options.asOf,
  });
  const table: CustomerSummaryTable = Object.freeze({
    length,
    columns,
    options: tableOptions,
    ...rowView(length, rowOf, TABLE_NAME),
    toBinary: () => encodeSummaryTable(parts, tableOptions),
  });
  PARTS.set(table, parts);
  return table;
}
