/**
 * The bounds of inputs, defined once, so that memory and time stay proportional to the input's
 * size: money amounts and the size of any table the library allocates.
 *
 * Money amounts: every reader of amounts (log rows, the accumulator
 * and its JSON, exact sums, the metrics' money inputs, summaries' revenues, chart values) checks
 * them, so that memory and time stay proportional to the input's size. Without them a twelve
 * character amount such as `'1e1000000000'` is a valid Decimal whose exact decimal string has a
 * billion digits. The bounds leave room for any real currency and for the library's exact sums:
 * partial sums are kept in a 1000-digit Decimal, far more than the at most
 * {@link MAX_TOTAL_EXPONENT} + {@link MAX_AMOUNT_DECIMALS} digits of a bounded total.
 *
 * @module
 */
import { D, type Decimal } from './decimal.js';
import { formatPath, RetentionMetricsError } from './errors.js';
import { parseNumeric } from './numeric.js';

/** An amount's magnitude is below 10^50 currency units. */
export const MAX_AMOUNT_EXPONENT = 50;
/** An amount has at most 50 decimal places. */
export const MAX_AMOUNT_DECIMALS = 50;
/**
 * A total of amounts (a customer's revenue, an accumulator's state, a chart value) is below
 * 10^70: the sum of up to 10^20 bounded amounts.
 */
export const MAX_TOTAL_EXPONENT = 70;

const MAX_AMOUNT: Decimal = new D(10).pow(MAX_AMOUNT_EXPONENT);
const MAX_TOTAL: Decimal = new D(10).pow(MAX_TOTAL_EXPONENT);

/** The bounds of an amount, as error messages state them. */
export const AMOUNT_BOUNDS = `with |amount| < 1e${MAX_AMOUNT_EXPONENT} and at most ${MAX_AMOUNT_DECIMALS} decimal places`;
/** The bounds of a total, as error messages state them. */
export const TOTAL_BOUNDS = `with |total| < 1e${MAX_TOTAL_EXPONENT} and at most ${MAX_AMOUNT_DECIMALS} decimal places`;

/** Whether a finite Decimal is within the bounds of one amount. @internal */
export function withinAmountBounds(value: Decimal): boolean {
  return value.abs().lt(MAX_AMOUNT) && value.decimalPlaces() <= MAX_AMOUNT_DECIMALS;
}

/** Whether a finite Decimal is within the bounds of a total of amounts. @internal */
export function withinTotalBounds(value: Decimal): boolean {
  return value.abs().lt(MAX_TOTAL) && value.decimalPlaces() <= MAX_AMOUNT_DECIMALS;
}

/** A plain decimal string within the bounds of a total: the form of money in stored JSON. */
export const TOTAL_STRING = new RegExp(
  `^\\d{1,${MAX_TOTAL_EXPONENT}}(\\.\\d{1,${MAX_AMOUNT_DECIMALS}})?$`,
);

/**
 * The most cells a table the library allocates may have (a cohort table's cohorts × periods):
 * ten million, a few hundred megabytes at most.
 */
export const MAX_TABLE_CELLS = 10_000_000;

/**
 * Throws `INVALID_INPUT` naming `field` when a table of `cells` cells would exceed
 * {@link MAX_TABLE_CELLS}; `what` describes the table and `hint` how to make it smaller.
 *
 * @internal
 */
export function checkTableSize(
  fn: string,
  path: readonly (string | number)[],
  cells: number,
  what: string,
  hint: string,
): void {
  if (cells <= MAX_TABLE_CELLS) return;
  throw new RetentionMetricsError(
    'INVALID_INPUT',
    `${fn}: ${what} would have ${cells} cells, more than the ${MAX_TABLE_CELLS} a table may have; ${hint}`,
    { path },
  );
}

/**
 * A chart value (a count, a rate or a total of money): `accept` decides the form, with
 * `requirement` as the message; a value of that form must also be within the bounds of a total,
 * so that its float64 is finite.
 *
 * @internal
 */
export function boundedValueCheck(
  accept: (value: unknown) => boolean,
  requirement: string,
): (
  value: unknown,
  ctx: { addIssue: (issue: { code: 'custom'; message: string; input: unknown }) => void },
) => void {
  return (value, ctx) => {
    if (!accept(value)) {
      ctx.addIssue({ code: 'custom', message: requirement, input: value });
      return;
    }
    const parsed = parseNumeric(value);
    if (parsed !== undefined && !withinTotalBounds(parsed)) {
      ctx.addIssue({ code: 'custom', message: `${requirement} (${TOTAL_BOUNDS})`, input: value });
    }
  };
}

/** The most rows a list or a column may have: the longest JavaScript array (2^32 − 1). */
export const MAX_ROWS = 2 ** 32 - 1;

/**
 * Throws `INVALID_INPUT` naming `path` unless `length` (a column's claimed length) is a whole
 * number from 0 to {@link MAX_ROWS}.
 *
 * @internal
 */
export function checkLength(fn: string, path: readonly (string | number)[], length: number): void {
  if (Number.isInteger(length) && length >= 0 && length <= MAX_ROWS) return;
  throw new RetentionMetricsError(
    'INVALID_INPUT',
    `${fn}: ${formatPath(path)}.length must be a whole number from 0 to ${MAX_ROWS} (received ${length})`,
    { path },
  );
}

/**
 * Runs `allocate` (the buffers of `rows` rows); an allocation the engine refuses (a `RangeError`)
 * becomes `INVALID_INPUT` naming `path`, instead of leaving the library as a foreign error.
 *
 * @internal
 */
export function allocateRows<T>(
  fn: string,
  path: readonly (string | number)[],
  rows: number,
  allocate: () => T,
): T {
  try {
    return allocate();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: ${formatPath(path)} has ${rows} rows, more than can be allocated`,
      { path, cause: error },
    );
  }
}

/**
 * Numeric options. Each keeps the work of a call proportional to its input and every output
 * finite; past one the call is `INVALID_INPUT` naming the option and the bound.
 */

/**
 * The longest span of days an option may name (`activeWithin`, `lostAfterDays`,
 * `newWithinDays`, `fallbackIntervalDays`) or a duration unit may have: 300 years (109,575
 * days), the span of the plausible instants (1900 to 2200). Nothing longer can separate two
 * instants the library reads.
 */
export const MAX_DAYS = 109_575;

/** The shortest duration unit in days (`unit: 1 / 24` = hours): one millisecond. */
export const MIN_UNIT_DAYS = 1 / 86_400_000;

/**
 * The longest time in a model's unit: a horizon `t`, a customer's `T` and `recency`, a
 * simulation's `T`, a forecast's `periods × periodLength`. 10^9 units: 300 years in seconds is
 * under 10^10 seconds, so units down to about ten seconds fit, and every prediction stays finite.
 */
export const MAX_MODEL_TIME = 1e9;

/** The most purchases a count may have (`n` of `purchaseCountProbability`): 10^6. */
export const MAX_PURCHASES = 1_000_000;

/** The most periods of a forecast (`forecastCustomers`' `periods`): 10,000. */
export const MAX_FORECAST_PERIODS = 10_000;

/** The most customers a simulation draws (`customers` of `simulateBgNbd`/`simulateParetoNbd`): 10^7. */
export const MAX_SIMULATED_CUSTOMERS = 10_000_000;

/**
 * The most purchases a simulation draws over all its customers: 10^8. Parameters whose purchase
 * rate makes customers buy without end (λ of 10^300) stop here instead of looping forever.
 */
export const MAX_SIMULATED_PURCHASES = 100_000_000;

/** The most iterations a fit may be given (`maxIterations`): 100,000. */
export const MAX_ITERATIONS = 100_000;

/** The largest multiple of a usual interval (`atRisk.multiple`): 1,000. */
export const MAX_MULTIPLE = 1_000;

/** The largest size of a chart, in pixels (`width`, `cellSize`): 100,000. */
export const MAX_CHART_SIZE = 100_000;
