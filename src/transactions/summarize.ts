import { parseInput } from '../core/errors.js';
import {
  type Accumulator,
  accumulatorOf,
  newAccumulator,
  type SummaryAccumulator,
} from './accumulator.js';
import { decodeBinary, type SummaryAccumulatorBinary } from './accumulator-binary.js';
import {
  type SummaryAccumulatorJSON,
  type SummaryAccumulatorJSONInput,
  storedOptions,
  summaryAccumulatorJSONSchema,
} from './accumulator-json.js';
import type { CustomerSummary } from './customer-summary.js';
import type { SummarizeOptions, SummaryOptions, TransactionLog } from './log.js';
import type { CustomerSummaryTable } from './summary-table.js';

/**
 * Per-customer summaries of a transaction log: orders, repeat frequency, recency, age `T`, exact
 * revenue, average order value and mean repeat spend — the input of RFM segmentation and of the
 * BG/NBD, Pareto/NBD and Gamma-Gamma models.
 *
 * Conventions (those of lifetimes' `summary_data_from_transaction_data`, BTYD and CLVTools):
 * - purchases of a customer in the same `granularity` period (default `'day'`, in `timeZone`,
 *   default UTC) collapse into one order whose amount is their sum; `'none'` keeps every distinct
 *   timestamp as its own order;
 * - `frequency` = orders − 1 (repeat purchases); `recency` = first to last order period and `T` =
 *   first order period to the period of `asOf`, both in `unit` (`'day'`, `'week'` = 7 days,
 *   `'month'` = 30.436875 days or whole calendar months with `granularity: 'month'`, or a number
 *   of days) and fractional where the unit is longer than the granularity;
 * - `asOf` is inclusive: a date-only `asOf` names that whole day in `timeZone` (for every
 *   granularity); later purchases are left out; `T` runs to the period of `asOf`, or without
 *   granularity to `asOf` itself (the end of its day for a date-only `asOf`);
 * - `monetaryValue` is the mean of the repeat orders only (the first order is excluded), 0 when
 *   frequency is 0 — the Gamma-Gamma convention; `averageOrderValue` includes every order.
 *
 * Money is exact: `totalRevenue` equals Decimal summation of the customer's amounts. The result is
 * ordered by customer id (numbers ascending, then strings) and does not depend on the order of the
 * log. Cost: one pass, memory per customer and per distinct purchase period.
 *
 * @param log - Rows `{ customerId, at, amount }` or columns of the same; `at` is a `Date`, an
 *   ISO-8601 string (UTC unless it has an offset), or a number or bigint in `timeUnit`
 *   (default epoch ms); `amount` ≥ 0 (a number, decimal string, Decimal, bigint or DuckDB
 *   DECIMAL value).
 * The summaries come as a {@link CustomerSummaryTable}: one typed column per field
 * (`Float64Array` of epoch ms, `Int32Array` of orders, money as whole cents in a `Float64Array`
 * with an exact value only for rows that are not whole cents) instead of one object per customer
 * — for many customers, a fraction of the time and memory. `toRows()` (or `form: 'rows'`) gives
 * the {@link CustomerSummary} rows and `JSON.stringify(table)` their JSON. The table carries its
 * options (`asOf`, `timeZone`, `granularity`, `unit`, `timeUnit`); `rfmScores` and
 * `classifyCustomers` read its columns directly and default to its `asOf`, `timeZone` and
 * `timeUnit`.
 *
 * @param options - {@link SummarizeOptions}: `asOf` (required), `granularity`, `unit`,
 *   `timeZone`, `timeUnit`, `form`.
 * @returns A {@link CustomerSummaryTable}, one row per customer with a purchase up to `asOf`, or
 *   with `form: 'rows'` an array of {@link CustomerSummary} with the same values.
 * @throws {RetentionMetricsError} `INVALID_INPUT` for a bad row (named `log[i].field`: a missing
 *   id, an unparseable date, a negative or non-finite amount), columns of unequal length, or bad
 *   options.
 * @throws {RetentionMetricsError} `EMPTY_INPUT` when every row of a non-empty log is after
 *   `asOf` (the message says how many); an empty log gives an empty table (`[]` with `form: 'rows'`).
 *
 * @example
 * ```ts
 * import { summarizeTransactions } from 'retention-metrics';
 * const log = [
 *   { customerId: 'a', at: '2024-01-01T09:00:00Z', amount: '10.00' },
 *   { customerId: 'a', at: '2024-01-01T17:30:00Z', amount: '5.50' },
 *   { customerId: 'a', at: '2024-01-15', amount: '20.00' },
 *   { customerId: 'b', at: '2024-01-29', amount: '7.25' },
 * ];
 * const table = summarizeTransactions(log, { asOf: '2024-01-29', unit: 'week' });
 * [table.length, ...table.columns.frequency, ...table.columns.T]; // => [2, 1, 0, 4, 0]
 * [...table.columns.totalRevenue.cents]; // => [3550, 725]
 * table.columns.averageOrderValue.at(0).toString(); // => '17.75'
 * table.options.unit; // => 'week'
 *
 * const [a, b] = table; // rows as a view: CustomerSummary objects
 * [a.orders, a.frequency, a.recency, a.T]; // => [2, 1, 2, 4]
 * [a.totalRevenue.toString(), a.averageOrderValue.toString(), a.monetaryValue.toString()]; // => ['35.5', '17.75', '20']
 * [b.frequency, b.T, b.monetaryValue.toString()]; // => [0, 0, '0']
 * summarizeTransactions(log, { asOf: '2024-01-29', form: 'rows' }).length; // => 2
 * ```
 * @category Transactions
 */
export function summarizeTransactions(
  log: TransactionLog,
  options: SummarizeOptions & { readonly form: 'rows' },
): CustomerSummary[];
export function summarizeTransactions(
  log: TransactionLog,
  options: SummarizeOptions & { readonly form?: 'table' },
): CustomerSummaryTable;
export function summarizeTransactions(
  log: TransactionLog,
  options: SummarizeOptions,
): CustomerSummaryTable | CustomerSummary[];
export function summarizeTransactions(
  log: TransactionLog,
  options: SummarizeOptions,
): CustomerSummaryTable | CustomerSummary[] {
  const accumulator = newAccumulator('summarizeTransactions', options);
  // The options were validated: `form` and `asOf` are read once more, as given.
  return accumulator.options.form === 'rows'
    ? accumulator.summarize(log)
    : accumulator.summarizeTable(log);
}

/**
 * Creates an empty {@link SummaryAccumulator}: feed it rows with `add` / `addMany` in as many
 * pieces as you like, merge accumulators built elsewhere (worker threads, processes, machines,
 * via `toJSON` and {@link summaryAccumulatorFromJSON}), and read the summaries with `result()`.
 *
 * Per-customer summaries form a monoid: the result of merged partial accumulators over any
 * partition of a log, in any order, equals `summarizeTransactions` of the whole log exactly.
 *
 * @param options - As for {@link summarizeTransactions}; merged accumulators must have equal options.
 * @returns An empty accumulator.
 * @throws {RetentionMetricsError} `INVALID_INPUT` for bad options.
 *
 * @example
 * ```ts
 * import { createSummaryAccumulator, summaryAccumulatorFromJSON } from 'retention-metrics';
 * const options = { asOf: '2024-01-29', unit: 'week' } as const;
 * const morning = createSummaryAccumulator(options).add({ customerId: 'a', at: '2024-01-01', amount: 10 });
 * const evening = createSummaryAccumulator(options).addMany([{ customerId: 'a', at: '2024-01-15', amount: 20 }]);
 * const shipped = summaryAccumulatorFromJSON(JSON.parse(JSON.stringify(evening)));
 * const [a] = morning.merge(shipped).result();
 * [a.frequency, a.recency, a.totalRevenue.toString()]; // => [1, 2, '30']
 * ```
 * @category Transactions
 */
export function createSummaryAccumulator(options: SummaryOptions): SummaryAccumulator {
  return newAccumulator('createSummaryAccumulator', options);
}

/**
 * Restores an accumulator from the JSON of `toJSON()`, so partial summaries can be computed
 * elsewhere and merged here. States written by version 0.1.0 (`version: 1`) load too. The state is
 * checked for consistency, not only shape: only what the library itself writes is accepted (the
 * same check as {@link summaryAccumulatorFromBinary}).
 *
 * @param json - A {@link SummaryAccumulatorJSON}, e.g. `JSON.parse` of a message.
 * @returns The accumulator.
 * @throws {RetentionMetricsError} `INVALID_INPUT`, with the JSON path of each problem
 *   (`customers[3][3][1]`), when `json` is not a state the library could have written: a wrong
 *   shape, a repeated customer id, periods not strictly ascending or not those of `firstAt` and
 *   `lastAt` under the stored granularity and time zone, `firstAt` after `lastAt` or after
 *   `asOf`, fewer rows than periods, a first order above the total (or unequal to it with one
 *   period), amounts or instants out of bounds, or options inconsistent with each other.
 *
 * @example
 * ```ts
 * import { createSummaryAccumulator, summaryAccumulatorFromJSON } from 'retention-metrics';
 * const acc = createSummaryAccumulator({ asOf: '2024-02-01' }).add({ customerId: 7, at: '2024-01-31', amount: '1.10' });
 * summaryAccumulatorFromJSON(acc.toJSON()).result()[0]?.totalRevenue.toString(); // => '1.1'
 * ```
 * @category Transactions
 */
export function summaryAccumulatorFromJSON(
  json: SummaryAccumulatorJSON | SummaryAccumulatorJSONInput,
): SummaryAccumulator {
  const fn = 'summaryAccumulatorFromJSON';
  const v = parseInput(fn, summaryAccumulatorJSONSchema, json, 'json');
  const accumulator: Accumulator = accumulatorOf(fn, storedOptions(v));
  accumulator.load(v);
  return accumulator;
}

/**
 * Restores an accumulator from the binary state of `toBinary()`, as received from another
 * thread: typed arrays read with one scan (no JSON text, no per-customer parsing) and checked
 * exactly as {@link summaryAccumulatorFromJSON} checks JSON. The arrays are copied, so later
 * writes into them change nothing.
 *
 * @param binary - A {@link SummaryAccumulatorBinary}, e.g. the data of a worker's message.
 * @returns The accumulator.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when `binary` is not a state the library could
 *   have written (the path names the array and index, e.g. `periods[17]`).
 *
 * @example
 * ```ts
 * import { createSummaryAccumulator, summaryAccumulatorFromBinary } from 'retention-metrics';
 * const options = { asOf: '2024-01-31', unit: 'week' } as const;
 * const part = createSummaryAccumulator(options).addMany([
 *   { customerId: 7, at: '2024-01-03', amount: '1.10' },
 *   { customerId: 'x', at: '2024-01-17', amount: '0.125' },
 * ]);
 * const state = part.toBinary(); // postMessage(state, [state.buffer]) in a worker
 * [...state.numericIds, ...state.stringIds, state.exact[0]]; // => [7, 'x', '0.125']
 * const whole = createSummaryAccumulator(options)
 *   .add({ customerId: 7, at: '2024-01-10', amount: 2 })
 *   .merge(summaryAccumulatorFromBinary(state));
 * whole.result().map((s) => [s.customerId, s.orders, s.totalRevenue.toString()]); // => [[7, 2, '3.1'], ['x', 1, '0.125']]
 * ```
 * @category Transactions
 */
export function summaryAccumulatorFromBinary(binary: SummaryAccumulatorBinary): SummaryAccumulator {
  const fn = 'summaryAccumulatorFromBinary';
  const { options, rowsAfterAsOf, batch } = decodeBinary(fn, binary);
  const accumulator: Accumulator = accumulatorOf(fn, options);
  accumulator.loadAggregate(batch, rowsAfterAsOf);
  return accumulator;
}
