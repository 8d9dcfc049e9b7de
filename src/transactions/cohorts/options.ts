import * as z from 'zod/mini';
import { checkBoundaries, instantInputSchema } from '../../core/boundary.js';
import type { Decimal } from '../../core/numeric.js';
import { CALENDAR_UNITS, type CalendarUnit } from '../../core/period.js';
import { addIssue, integerBetweenSchema, strictObject } from '../../core/schemas.js';
import type { TimeZone } from '../../core/time.js';
import { summaryOptionsSchema, type Timestamp, type TimeUnit } from '../log.js';

/**
 * How a cohort table counts a customer (or their revenue) in column k:
 * - `'classic'`: active in exactly period k after acquisition ("N-day/week/month retention");
 * - `'rolling'`: active in period k or any later period up to `asOf` ("unbounded" retention);
 * - `'bracket'`: active in any period of a bracket of periods, e.g. months 1–3.
 */
export type CohortMode = 'classic' | 'rolling' | 'bracket';

/** What a cohort table counts: customers (integers) or revenue (exact money). */
export type CohortMeasure = 'customers' | 'revenue';

/** An inclusive range of periods since acquisition, e.g. `{ from: 1, to: 3 }` = periods 1, 2 and 3. */
export interface PeriodBracket {
  /** First period of the bracket (0 = the acquisition period), an integer ≥ 0. */
  readonly from: number;
  /** Last period of the bracket, inclusive, an integer ≥ `from`. */
  readonly to: number;
}

/** Options of {@link cohortRetention}. */
export interface CohortRetentionOptions {
  /**
   * "Now", inclusive: purchases after it are ignored. Required. A date-only string
   * (`'2024-04-01'`) names that whole calendar day in `timeZone`: purchases up to the end of that
   * local day are observed. Any other value is the instant it names.
   */
  readonly asOf: Timestamp;
  /**
   * The cohort's period: the calendar period of cohorts and of columns (`'day'`, `'week'` = ISO
   * week, Monday to Sunday, `'month'`, `'quarter'`, `'year'`). Default `'month'`.
   */
  readonly granularity?: CalendarUnit;
  /** @deprecated The former name of `granularity`; giving both is an error. */
  readonly cohortUnit?: CalendarUnit;
  /**
   * Columns k = 0 … periods − 1, an integer from 1 to 100,000. Default: the number of periods
   * that have fully elapsed for the oldest cohort (at least 1). Not allowed with `mode: 'bracket'`.
   */
  readonly periods?: number;
  /** How column k counts a customer; see {@link CohortMode}. Default `'classic'`. */
  readonly mode?: CohortMode;
  /**
   * The columns of `mode: 'bracket'` (required there, not allowed otherwise): ascending,
   * non-overlapping, with `from` and `to` from 0 to 99,999; gaps between brackets are allowed.
   */
  readonly brackets?: readonly PeriodBracket[];
  /** Count customers or sum revenue. Default `'customers'`. */
  readonly measure?: CohortMeasure;
  /** Time zone of the calendar periods: `'UTC'`, an offset such as `'+03:00'`, or an IANA zone. Default `'UTC'`. */
  readonly timeZone?: TimeZone;
  /** Unit of numeric timestamps (in the log and in `asOf`). Default `'ms'`. */
  readonly timeUnit?: TimeUnit;
}

/** One acquisition cohort: a row of a {@link CohortTable}. */
export interface CohortRow {
  /** The cohort: the ISO date (`YYYY-MM-DD`) of the first day of its acquisition period. */
  readonly cohort: string;
  /** Customers acquired in the period (first purchase in it, up to `asOf`). */
  readonly size: number;
  /** The exact revenue of the cohort in its acquisition period (up to `asOf` while that period runs). */
  readonly initialRevenue: Decimal;
  /**
   * One value per column: a customer count (`number`) for `measure: 'customers'`, exact revenue
   * (`Decimal`) for `'revenue'`; `null` where the column has not fully elapsed for this cohort.
   */
  readonly values: readonly (number | Decimal | null)[];
  /**
   * One rate per column, a fraction: value / `size` (customers) or value / `initialRevenue`
   * (revenue); `null` where the value is `null`, or for revenue when `initialRevenue` is 0.
   */
  readonly rates: readonly (Decimal | null)[];
}

/** The result of {@link cohortRetention}: plain data (JSON-serialisable but for the Decimals). */
export interface CohortTable {
  /** The cohort's period (the option `granularity`). */
  readonly granularity: CalendarUnit;
  readonly mode: CohortMode;
  readonly measure: CohortMeasure;
  /** The time zone of the periods (`'UTC'` for the default). */
  readonly timeZone: string;
  readonly asOf: Date;
  /** Periods since acquisition covered by the columns: `periods`, or the last bracket's `to` + 1. */
  readonly periods: number;
  /** Column labels: `'k=0'`, `'k=1'`, …, or for brackets `'k=0'`, `'k=1-3'`, `'k=4-12'`. */
  readonly columns: readonly string[];
  /** The cohorts that acquired at least one customer, oldest first. */
  readonly cohorts: readonly CohortRow[];
}

/** @internal */
export const MODES = ['classic', 'rolling', 'bracket'] as const;
/** @internal */
export const MEASURES = ['customers', 'revenue'] as const;

/**
 * The largest number of periods a table may cover (273 years of days), so that a mistyped
 * `periods` or bracket end is an input error rather than an out-of-memory crash.
 */
export const MAX_PERIODS = 100_000;

const bracketSchema = strictObject({
  from: integerBetweenSchema(0, MAX_PERIODS - 1),
  to: integerBetweenSchema(0, MAX_PERIODS - 1),
});

/**
 * The schema of {@link CohortRetentionOptions}.
 *
 * @category Schemas
 */
export const cohortRetentionOptionsSchema = strictObject({
  asOf: instantInputSchema,
  granularity: z.optional(z.enum(CALENDAR_UNITS as [CalendarUnit, ...CalendarUnit[]])),
  cohortUnit: z.optional(z.enum(CALENDAR_UNITS as [CalendarUnit, ...CalendarUnit[]])),
  periods: z.optional(integerBetweenSchema(1, MAX_PERIODS)),
  mode: z.optional(z.enum(MODES)),
  brackets: z.optional(z.array(bracketSchema).check(z.minLength(1))),
  measure: z.optional(z.enum(MEASURES)),
  timeZone: summaryOptionsSchema.shape.timeZone,
  timeUnit: summaryOptionsSchema.shape.timeUnit,
}).check(
  z.superRefine((v, ctx) => {
    checkBoundaries(ctx, v, ['asOf']);
    if (v.granularity !== undefined && v.cohortUnit !== undefined) {
      addIssue(ctx, 'give either granularity or cohortUnit (its former name), not both', [
        'cohortUnit',
      ]);
    }
    checkCohortColumns(ctx, v);
  }),
);

/**
 * The cohort table's column options checked together (for `cohortRetention` and the SQL that
 * computes it): `brackets` only and always with mode `'bracket'`, never with `periods`, each
 * bracket ascending and not overlapping the one before.
 *
 * @internal
 */
export function checkCohortColumns(
  ctx: z.core.$RefinementCtx,
  v: {
    readonly mode?: string | undefined;
    readonly periods?: number | undefined;
    readonly brackets?: readonly { readonly from: number; readonly to: number }[] | undefined;
  },
): void {
  const mode = v.mode ?? 'classic';
  if (mode !== 'bracket') {
    if (v.brackets !== undefined) {
      addIssue(ctx, `is only used with mode 'bracket' (mode is '${mode}')`, ['brackets']);
    }
    return;
  }
  if (v.brackets === undefined) {
    addIssue(ctx, "is required when mode is 'bracket'", ['brackets']);
    return;
  }
  if (v.periods !== undefined) {
    addIssue(ctx, "must not be given with mode 'bracket': the brackets set the columns", [
      'periods',
    ]);
  }
  v.brackets.forEach((bracket, i) => {
    // A bound that is not a number has its own issue; comparing it could call its toString.
    if (typeof bracket.from !== 'number' || typeof bracket.to !== 'number') return;
    if (bracket.to < bracket.from) {
      addIssue(ctx, `(${bracket.to}) must not be less than from (${bracket.from})`, [
        'brackets',
        i,
        'to',
      ]);
    }
    const previous = v.brackets?.[i - 1];
    if (previous !== undefined && typeof previous.to === 'number' && bracket.from <= previous.to) {
      addIssue(
        ctx,
        `(${bracket.from}) must be greater than brackets[${i - 1}].to (${previous.to}): brackets must be ascending and must not overlap`,
        ['brackets', i, 'from'],
      );
    }
  });
}
