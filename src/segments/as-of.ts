/**
 * The moment of a segmentation, `asOf`, read by the library's one boundary rule, and the options
 * that come with it (`timeZone`, `timeUnit`).
 *
 * @module
 */
import * as z from 'zod/mini';
import {
  type Boundary,
  boundaryOf,
  checkBoundaries,
  instantInputSchema,
  timeZoneSchema,
} from '../core/boundary.js';
import { RetentionMetricsError } from '../core/errors.js';
import { type TimeUnit, timeUnitSchema } from '../core/instant.js';
import { resolveZone, type TimeZone, type Zone } from '../core/time.js';
import type { DurationUnit, Granularity, Timestamp } from '../transactions/log.js';
import { type CustomerSummaryTable, summaryTableParts } from '../transactions/summary-table.js';
import type { SummaryTable, TimeReading } from './input.js';

/** The time options every segmentation takes. */
export interface AsOfOptions {
  /**
   * "Now", an end boundary. A date-only string (`'2024-06-30'`) names that whole day in
   * `timeZone`: purchases on it are included, and days since a purchase are measured to the
   * first instant of the next day. Any other timestamp is the instant itself.
   */
  readonly asOf: Timestamp;
  /**
   * The time zone of date-only strings (`asOf` and the summaries' dates): `'UTC'` (default), an
   * offset such as `'+03:00'`, or an IANA name. Give the one the summaries were made with.
   */
  readonly timeZone?: TimeZone;
  /** The unit of numeric timestamps (`asOf` and the summaries' columns): `'ms'` (default), `'s'`, `'us'` or `'ns'`. */
  readonly timeUnit?: TimeUnit;
}

/**
 * The schema fields of {@link AsOfOptions}; the options schema's `superRefine` must call
 * {@link checkAsOf}.
 *
 * @internal
 */
export const asOfFields = {
  asOf: instantInputSchema,
  timeZone: z.optional(timeZoneSchema),
  timeUnit: z.optional(timeUnitSchema),
};

/**
 * Adds an issue at `asOf` when it is not a plausible instant in the options' unit and zone.
 *
 * @internal
 */
export function checkAsOf(ctx: z.core.$RefinementCtx, value: Record<string, unknown>): void {
  checkBoundaries(ctx, value, ['asOf']);
}

/** A resolved `asOf`, and how the summaries' timestamps are read. */
export interface ResolvedAsOf {
  readonly boundary: Boundary;
  readonly reading: TimeReading;
  /** `asOf` as given, for messages. */
  readonly raw: unknown;
}

/**
 * Resolves validated {@link AsOfOptions}.
 *
 * @internal
 */
export function resolveAsOf(
  fn: string,
  options: {
    readonly asOf: unknown;
    readonly timeZone?: string | undefined;
    readonly timeUnit?: TimeUnit | undefined;
  },
): ResolvedAsOf {
  const zone = resolveZone(options.timeZone ?? 'UTC') as Zone;
  const timeUnit = options.timeUnit ?? 'ms';
  return {
    boundary: boundaryOf(fn, 'asOf', options.asOf, zone, timeUnit),
    reading: { zone, timeUnit },
    raw: options.asOf,
  };
}

/**
 * Checks that no customer's last purchase is at or after the end of `asOf` (for a date-only
 * `asOf`, the next day's first instant in the zone), naming the first row that is.
 *
 * @internal
 */
export function checkLastPurchases(fn: string, table: SummaryTable, asOf: ResolvedAsOf): void {
  const end = asOf.boundary.end;
  const last = table.lastAt;
  for (let i = 0; i < table.size; i++) {
    if ((last[i] as number) >= end) {
      const shown = asOf.boundary.dateOnly
        ? `${JSON.stringify(asOf.raw)}, which ends at ${new Date(end).toISOString()} in ${asOf.reading.zone.name}`
        : new Date(asOf.boundary.at).toISOString();
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: summaries[${i}].lastPurchaseAt (${new Date(last[i] as number).toISOString()}) is after asOf (${shown})`,
        { path: ['summaries', i, 'lastPurchaseAt'] },
      );
    }
  }
}

export { optionsForTable, type TableOptions } from '../transactions/table-options.js';

/**
 * The granularity and unit of a summary table the library produced, to carry into a result
 * table; nothing for other summaries.
 *
 * @internal
 */
export function tableOptionsOf(summaries: unknown): {
  granularity?: Granularity;
  unit?: DurationUnit;
} {
  if (summaryTableParts(summaries) === undefined) return {};
  const { granularity, unit } = (summaries as CustomerSummaryTable).options;
  return { granularity, unit };
}
