import { quotientDecimal } from '../core/decimal-internals.js';
import { RetentionMetricsError } from '../core/errors.js';
import { type Decimal, ZERO } from '../core/numeric.js';
import type { WeightedSummary } from '../transactions/compress.js';
import { type CustomerSummary, compareCustomerIds } from '../transactions/customer-summary.js';
import type {
  CalibrationHoldoutResult,
  CalibrationHoldoutSummary,
} from '../transactions/holdout.js';
import type { CustomerId } from '../transactions/log.js';
import { checkRows, RowReader, type SqlRow } from './values.js';

/** One summary from a row of {@link summarySql}'s columns, validated. */
function summaryOf(reader: RowReader, row: SqlRow, i: number): CustomerSummary {
  const customerId = reader.customerId(row, i);
  const orders = reader.integer(row, i, 'orders', 1);
  const frequency = reader.integer(row, i, 'frequency');
  if (frequency !== orders - 1)
    reader.fail(i, 'frequency', `orders − 1 (${orders - 1})`, frequency);
  const recency = reader.duration(row, i, 'recency');
  const T = reader.duration(row, i, 'T');
  if (recency > T) reader.fail(i, 'recency', `at most T (${T})`, recency);
  const firstPurchaseAt = reader.instant(row, i, 'firstPurchaseAt');
  const lastPurchaseAt = reader.instant(row, i, 'lastPurchaseAt');
  if (lastPurchaseAt < firstPurchaseAt) {
    reader.fail(i, 'lastPurchaseAt', 'at or after firstPurchaseAt', row.lastPurchaseAt);
  }
  const total = reader.amount(row, i, 'totalRevenue');
  const repeat = reader.amount(row, i, 'repeatRevenue');
  let totalRevenue: Decimal;
  let averageOrderValue: Decimal;
  let monetaryValue: Decimal = ZERO;
  if (typeof total === 'number' && typeof repeat === 'number') {
    // Whole cents: the divisions of the in-memory summaries, to the same Decimals.
    if (repeat > total) reader.fail(i, 'repeatRevenue', `at most totalRevenue`, row.repeatRevenue);
    totalRevenue = quotientDecimal(total, 100);
    averageOrderValue = orders === 1 ? totalRevenue : quotientDecimal(total, 100 * orders);
    if (frequency > 0) monetaryValue = quotientDecimal(repeat, 100 * frequency);
    else if (repeat !== 0)
      reader.fail(i, 'repeatRevenue', '0 when frequency is 0', row.repeatRevenue);
  } else {
    totalRevenue = asDecimal(total);
    const repeatRevenue = asDecimal(repeat);
    if (repeatRevenue.gt(totalRevenue)) {
      reader.fail(i, 'repeatRevenue', `at most totalRevenue`, row.repeatRevenue);
    }
    averageOrderValue = orders === 1 ? totalRevenue : totalRevenue.div(orders);
    if (frequency > 0) monetaryValue = repeatRevenue.div(frequency);
    else if (!repeatRevenue.isZero()) {
      reader.fail(i, 'repeatRevenue', '0 when frequency is 0', row.repeatRevenue);
    }
  }
  return {
    customerId,
    firstPurchaseAt,
    lastPurchaseAt,
    orders,
    frequency,
    recency,
    T,
    totalRevenue,
    averageOrderValue,
    monetaryValue,
  };
}

/** An amount as a Decimal: whole cents divided by 100, exactly. */
function asDecimal(amount: number | Decimal): Decimal {
  return typeof amount === 'number' ? quotientDecimal(amount, 100) : ZERO.plus(amount);
}

/**
 * Sorts by customer id, in place, and rejects a repeated id (naming both rows of `list`, found
 * again only then).
 */
function byCustomer<T extends { readonly customerId: CustomerId }>(
  fn: string,
  items: T[],
  list: readonly unknown[],
): T[] {
  items.sort((a, b) => compareCustomerIds(a.customerId, b.customerId));
  for (let k = 1; k < items.length; k++) {
    const id = (items[k] as T).customerId;
    if (compareCustomerIds((items[k - 1] as T).customerId, id) !== 0) continue;
    const rows = list.flatMap((row, i) =>
      (row as SqlRow).customerId === id ||
      (typeof (row as SqlRow).customerId === 'bigint' && Number((row as SqlRow).customerId) === id)
        ? [i]
        : [],
    );
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: rows[${rows[1]}].customerId repeats customer ${JSON.stringify(id)} (also in rows[${rows[0]}])`,
      { path: ['rows', rows[1] as number, 'customerId'] },
    );
  }
  return items;
}

/**
 * Reads the result rows of {@link summarySql} into the summaries `summarizeTransactions` returns
 * for the same log and options: validated, with `averageOrderValue = totalRevenue / orders` and
 * `monetaryValue = repeatRevenue / frequency` (0 when frequency is 0) divided exactly with the
 * library's Decimal, ordered by customer id.
 *
 * Values are accepted as the Node clients return them: numbers, bigints, decimal strings,
 * Decimals, driver decimal objects whose `toString()` is the exact value (DuckDB's
 * `getRowObjects()`), `Date`s; epoch milliseconds for the purchase times. A floating-point
 * conversion of a decimal (DuckDB's `getRowObjectsJS()`) is read as the number it is.
 *
 * @param rows - The result rows, objects keyed by the column names of {@link summarySql}.
 * @returns One summary per row, ordered by customer id (numbers ascending, then strings).
 * @throws {RetentionMetricsError} `INVALID_INPUT` naming `rows[i].field` for a missing or bad
 *   value, inconsistent values (frequency ≠ orders − 1, recency > T, repeat revenue above the
 *   total) or a repeated customer id.
 * @throws {RetentionMetricsError} `EMPTY_INPUT` for the marker row of a table whose rows are all
 *   after `asOf` (a row with `rowsAfterEnd` above 0), as `summarizeTransactions` raises for such
 *   a log.
 *
 * @example
 * ```ts
 * import { readSummaryRows } from 'retention-metrics';
 * const [a] = readSummaryRows([{
 *   customerId: 'a', firstPurchaseAt: 1704067200000n, lastPurchaseAt: 1705276800000n,
 *   orders: 2n, frequency: 1n, recency: 2, T: 4, totalRevenue: '35.50', repeatRevenue: '20.00',
 * }]);
 * [a.frequency, a.averageOrderValue.toString(), a.monetaryValue.toString()]; // => [1, '17.75', '20']
 * a.firstPurchaseAt.toISOString(); // => '2024-01-01T00:00:00.000Z'
 * ```
 * @category SQL
 */
export function readSummaryRows(rows: readonly SqlRow[]): CustomerSummary[] {
  const fn = 'readSummaryRows';
  const list = checkRows(fn, rows);
  const reader = new RowReader(fn);
  const items = new Array<CustomerSummary>(list.length);
  for (let i = 0; i < list.length; i++) {
    const row = reader.row(list, i);
    reader.late(row, i, 'asOf');
    items[i] = summaryOf(reader, row, i);
  }
  return byCustomer(fn, items, list);
}

/**
 * Reads the result rows of {@link calibrationHoldoutSql} into what `calibrationHoldoutSummary`
 * returns: the customers with a calibration purchase (with `frequencyHoldout` and
 * `durationHoldout`), the count of customers first seen in the holdout, and of rows after
 * `observationEnd`.
 *
 * @param rows - The result rows of {@link calibrationHoldoutSql}.
 * @returns The split, customers ordered by id.
 * @throws {RetentionMetricsError} `INVALID_INPUT` as {@link readSummaryRows}, and for bad
 *   holdout columns.
 * @throws {RetentionMetricsError} `EMPTY_INPUT` when no customer has a row before
 *   `observationEnd` and some rows are after it, as `calibrationHoldoutSummary` raises.
 *
 * @example
 * ```ts
 * import { readCalibrationHoldoutRows } from 'retention-metrics';
 * const split = readCalibrationHoldoutRows([
 *   { customerId: 1, firstPurchaseAt: 1704067200000, lastPurchaseAt: 1704672000000, orders: 2, frequency: 1,
 *     recency: 1, T: 1, totalRevenue: '20', repeatRevenue: '10', frequencyHoldout: 2, durationHoldout: 2,
 *     holdoutRows: 2, rowsAfterObservationEnd: 0 },
 *   { customerId: 2, firstPurchaseAt: null, lastPurchaseAt: null, orders: 0, frequency: -1, recency: null,
 *     T: null, totalRevenue: null, repeatRevenue: '0', frequencyHoldout: 1, durationHoldout: 2,
 *     holdoutRows: 1, rowsAfterObservationEnd: 3 },
 * ]);
 * split.customers.map((c) => [c.customerId, c.frequencyHoldout]); // => [[1, 2]]
 * [split.customersFirstSeenInHoldout, split.rowsAfterObservationEnd]; // => [1, 3]
 * ```
 * @category SQL
 */
export function readCalibrationHoldoutRows(rows: readonly SqlRow[]): CalibrationHoldoutResult {
  const fn = 'readCalibrationHoldoutRows';
  const list = checkRows(fn, rows);
  const reader = new RowReader(fn);
  const items: CalibrationHoldoutSummary[] = [];
  let firstSeenInHoldout = 0;
  let rowsAfter = 0;
  let rowsBefore = 0;
  list.forEach((_, i) => {
    const row = reader.row(list, i);
    rowsAfter += reader.integer(row, i, 'rowsAfterObservationEnd');
    const holdoutRows = reader.integer(row, i, 'holdoutRows');
    rowsBefore += holdoutRows;
    if (reader.integer(row, i, 'orders') === 0) {
      if (holdoutRows > 0) firstSeenInHoldout++;
      return;
    }
    rowsBefore++;
    const summary = summaryOf(reader, row, i);
    items.push({
      ...summary,
      frequencyHoldout: reader.integer(row, i, 'frequencyHoldout'),
      durationHoldout: reader.duration(row, i, 'durationHoldout'),
    });
  });
  if (rowsBefore === 0 && rowsAfter > 0) {
    // Every customer's rows are after observationEnd: calibrationHoldoutSummary's EMPTY_INPUT.
    throw new RetentionMetricsError(
      'EMPTY_INPUT',
      `${fn}: all ${rowsAfter} rows of the table are after observationEnd (check observationEnd, atType and timeUnit)`,
      { path: ['rows'] },
    );
  }
  return {
    customers: byCustomer(fn, items, list),
    customersFirstSeenInHoldout: firstSeenInHoldout,
    rowsAfterObservationEnd: rowsAfter,
  };
}

/**
 * Reads the result rows of {@link compressedSummarySql} into the weighted rows
 * `compressSummaries` returns (ordered by frequency, recency, T), ready for a model fit.
 *
 * @param rows - The result rows: `frequency`, `recency`, `T`, `weight`.
 * @returns The weighted rows.
 * @throws {RetentionMetricsError} `INVALID_INPUT` naming `rows[i].field` for a bad value, recency
 *   above T, a weight below 1 or a repeated `(frequency, recency, T)`.
 * @throws {RetentionMetricsError} `EMPTY_INPUT` for the marker row of a table whose rows are all
 *   after `asOf`, as {@link readSummaryRows}.
 *
 * @example
 * ```ts
 * import { readWeightedRows } from 'retention-metrics';
 * const rows = [{ frequency: 2n, recency: 10, T: 30, weight: 1n }, { frequency: 0n, recency: 0, T: 30, weight: 2n }];
 * readWeightedRows(rows); // => [{ frequency: 0, recency: 0, T: 30, weight: 2 }, { frequency: 2, recency: 10, T: 30, weight: 1 }]
 * ```
 * @category SQL
 */
export function readWeightedRows(rows: readonly SqlRow[]): WeightedSummary[] {
  const fn = 'readWeightedRows';
  const list = checkRows(fn, rows);
  const reader = new RowReader(fn);
  const out = list.map((_, i) => {
    const row = reader.row(list, i);
    reader.late(row, i, 'asOf');
    const frequency = reader.integer(row, i, 'frequency');
    const recency = reader.duration(row, i, 'recency');
    const T = reader.duration(row, i, 'T');
    if (recency > T) reader.fail(i, 'recency', `at most T (${T})`, recency);
    return { frequency, recency, T, weight: reader.integer(row, i, 'weight', 1), index: i };
  });
  out.sort((a, b) => a.frequency - b.frequency || a.recency - b.recency || a.T - b.T);
  for (let k = 1; k < out.length; k++) {
    const a = out[k - 1] as (typeof out)[number];
    const b = out[k] as (typeof out)[number];
    if (a.frequency === b.frequency && a.recency === b.recency && a.T === b.T) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: rows[${b.index}] repeats (frequency, recency, T) = (${b.frequency}, ${b.recency}, ${b.T}) of rows[${a.index}]`,
        { path: ['rows', b.index] },
      );
    }
  }
  return out.map(({ frequency, recency, T, weight }) => ({ frequency, recency, T, weight }));
}
