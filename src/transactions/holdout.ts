import * as z from 'zod/mini';
import {
  type Boundary,
  checkBoundaries,
  instantInputSchema,
  resolveBoundary,
} from '../core/boundary.js';
import { parseInput } from '../core/errors.js';
import { addIssue, strictObject } from '../core/schemas.js';
import { resolveZone, type TimeZone } from '../core/time.js';
import { newAccumulator } from './accumulator.js';
import type { CustomerSummary } from './customer-summary.js';
import { allRowsAfter } from './internal/rows.js';
import {
  type DurationUnit,
  endKeyOf,
  type Granularity,
  summaryOptionsSchema,
  type Timestamp,
  type TimeUnit,
  type TransactionLog,
} from './log.js';

/** Options of {@link calibrationHoldoutSummary}. */
export interface CalibrationHoldoutOptions {
  /**
   * End of the calibration period, inclusive: a date-only string includes that whole day in
   * `timeZone`. The holdout starts with the next `granularity` period.
   */
  readonly calibrationEnd: Timestamp;
  /** End of the holdout (observation) period, inclusive; after `calibrationEnd`. */
  readonly observationEnd: Timestamp;
  /** As in {@link SummaryOptions}. Default `'day'`. */
  readonly granularity?: Granularity;
  /** As in {@link SummaryOptions}. Default `'day'`. */
  readonly unit?: DurationUnit;
  /** As in {@link SummaryOptions}. Default `'UTC'`. */
  readonly timeZone?: TimeZone;
  /** Unit of numeric timestamps (in the log and in the two ends). Default `'ms'`. */
  readonly timeUnit?: TimeUnit;
}

/** One customer's calibration summary and holdout counts. */
export interface CalibrationHoldoutSummary extends CustomerSummary {
  /** Orders (distinct purchase periods) in the holdout period (all of them repeat purchases). */
  readonly frequencyHoldout: number;
  /** Length of the holdout period, in `unit`: from the period of `calibrationEnd` to that of `observationEnd`. */
  readonly durationHoldout: number;
}

/** Result of {@link calibrationHoldoutSummary}. */
export interface CalibrationHoldoutResult {
  /** Customers whose first purchase is in the calibration period, by customer id. */
  readonly customers: CalibrationHoldoutSummary[];
  /** Customers left out because their first purchase falls in the holdout period. */
  readonly customersFirstSeenInHoldout: number;
  /** Rows left out because they are after `observationEnd`. */
  readonly rowsAfterObservationEnd: number;
}

/**
 * The schema of {@link CalibrationHoldoutOptions}.
 *
 * @category Schemas
 */
export const calibrationHoldoutOptionsSchema = strictObject({
  calibrationEnd: instantInputSchema,
  observationEnd: instantInputSchema,
  granularity: summaryOptionsSchema.shape.granularity,
  unit: summaryOptionsSchema.shape.unit,
  timeZone: summaryOptionsSchema.shape.timeZone,
  timeUnit: summaryOptionsSchema.shape.timeUnit,
}).check(
  z.superRefine((v, ctx) => {
    checkBoundaries(ctx, v, ['calibrationEnd', 'observationEnd']);
    const zone = resolveZone(v.timeZone ?? 'UTC');
    const unit = v.timeUnit ?? 'ms';
    if (zone === undefined) return;
    const calibration = resolveBoundary(v.calibrationEnd, zone, unit);
    const observation = resolveBoundary(v.observationEnd, zone, unit);
    if (calibration === undefined || observation === undefined) return;
    const granularity = v.granularity ?? 'day';
    const key = (b: Boundary) => endKeyOf(b.end, b.at, granularity, zone);
    if (observation.end <= calibration.end || key(observation) <= key(calibration)) {
      addIssue(
        ctx,
        `must be in a later ${granularity === 'none' ? 'instant' : granularity} than calibrationEnd (the holdout period would be empty)`,
        ['observationEnd'],
      );
    }
  }),
);

/**
 * Splits a log at `calibrationEnd`: per-customer summaries of the calibration period, plus the
 * orders each customer placed in the holdout period up to `observationEnd` — the data for fitting
 * a model on the calibration period and checking its forecast on the holdout (Fader, Hardie & Lee
 * 2005 use 39 + 39 weeks of CDNOW).
 *
 * The calibration summary follows the conventions of {@link summarizeTransactions} with
 * `asOf = calibrationEnd`. `frequencyHoldout` counts the distinct purchase periods after the period
 * of `calibrationEnd`, up to that of `observationEnd`; `durationHoldout` is the holdout's length
 * in `unit`. Customers whose first purchase falls in the holdout are left out and counted.
 *
 * @param log - As for {@link summarizeTransactions}.
 * @param options - {@link CalibrationHoldoutOptions}.
 * @returns The customers, the count of holdout-only customers and of rows after `observationEnd`.
 * @throws {RetentionMetricsError} `INVALID_INPUT` for a bad row, bad options, or
 *   `observationEnd` not after `calibrationEnd`.
 *
 * @example
 * ```ts
 * import { calibrationHoldoutSummary } from 'retention-metrics';
 * const log = [
 *   { customerId: 1, at: '2024-01-01', amount: 10 },
 *   { customerId: 1, at: '2024-01-08', amount: 10 },
 *   { customerId: 1, at: '2024-01-20', amount: 10 },
 *   { customerId: 1, at: '2024-01-21', amount: 10 },
 *   { customerId: 2, at: '2024-01-18', amount: 10 },
 * ];
 * const split = calibrationHoldoutSummary(log, { calibrationEnd: '2024-01-14', observationEnd: '2024-01-28', unit: 'week' });
 * split.customers.map((c) => [c.customerId, c.frequency, c.frequencyHoldout, c.durationHoldout]); // => [[1, 1, 2, 2]]
 * split.customersFirstSeenInHoldout; // => 1
 * ```
 * @category Transactions
 */
export function calibrationHoldoutSummary(
  log: TransactionLog,
  options: CalibrationHoldoutOptions,
): CalibrationHoldoutResult {
  const fn = 'calibrationHoldoutSummary';
  const v = parseInput(fn, calibrationHoldoutOptionsSchema, options, 'options');
  const shared = {
    ...(v.granularity === undefined ? {} : { granularity: v.granularity }),
    ...(v.unit === undefined ? {} : { unit: v.unit }),
    ...(v.timeZone === undefined ? {} : { timeZone: v.timeZone }),
    ...(v.timeUnit === undefined ? {} : { timeUnit: v.timeUnit }),
  };
  const all = newAccumulator(fn, { ...shared, asOf: v.observationEnd });
  const calibration = newAccumulator(fn, { ...shared, asOf: v.calibrationEnd });
  all.addMany(log);
  if (all.size === 0 && all.rowsAfterAsOf > 0) {
    throw allRowsAfter(fn, all.rowsAfterAsOf, 'observationEnd');
  }
  calibration.addMany(log);
  const durationHoldout = all.elapsedBetween(calibration.asOfKey, all.asOfKey);
  // The holdout's first key: the period after calibrationEnd's, or its end without granularity.
  const holdoutFrom =
    calibration.options.granularity === 'none' ? calibration.options.end : calibration.asOfKey + 1;
  const holdoutOrders = all.ordersFrom(holdoutFrom);
  const customers = calibration.result().map((summary) => ({
    ...summary,
    frequencyHoldout: holdoutOrders.get(summary.customerId) ?? 0,
    durationHoldout,
  }));
  return {
    customers,
    customersFirstSeenInHoldout: all.size - calibration.size,
    rowsAfterObservationEnd: all.rowsAfterAsOf,
  };
}
