/**
 * Priority of the segment tactics from a segment report.
 *
 * @module
 */
import * as z from 'zod/mini';
import type { Decimal, Numeric } from '../core/numeric.js';
import { addIssue, looseObject, nonNegativeMoneySchema, rateSchema } from '../core/schemas.js';
import { TACTIC_SEGMENTS, type TacticSegment } from './catalog/types.js';
import type { PlanSegmentFigures } from './model.js';

/** One row of a {@link PlanSegmentReport}: a segment's size and revenue. */
export interface PlanSegmentReportRow {
  /** The segment's name; rows of segments without tactics (`'active'`, custom ones) are ignored. */
  readonly segment: string;
  /** Customers in the segment, a non-negative integer. */
  readonly customers: number;
  /** The segment's share of customers, in [0, 1]. */
  readonly customerShare: Numeric;
  /** The segment's revenue, non-negative. */
  readonly revenue: Numeric;
  /** The segment's share of revenue, in [0, 1]. */
  readonly revenueShare: Numeric;
}

/**
 * The part of a segment report that orders the segment tactics: a `SegmentReport` from
 * `segmentReport` as it is (Decimals), or its JSON form (decimal strings). Other fields are
 * ignored.
 */
export interface PlanSegmentReport {
  /** One row per segment; the VIP, new, at-risk and lost segments must each have exactly one. */
  readonly segments: readonly PlanSegmentReportRow[];
}

/** The schema of {@link PlanSegmentReport}. @internal */
export const segmentReportSchema = looseObject({
  segments: z.array(
    looseObject({
      segment: z.string(),
      customers: z.number().check(z.int(), z.minimum(0)),
      customerShare: rateSchema,
      revenue: nonNegativeMoneySchema,
      revenueShare: rateSchema,
    }),
  ),
}).check(
  z.superRefine((report, ctx) => {
    const wanted: ReadonlySet<string> = new Set(TACTIC_SEGMENTS);
    const seen = new Set<string>();
    report.segments.forEach((row, i) => {
      if (!wanted.has(row.segment)) return;
      if (seen.has(row.segment)) {
        addIssue(ctx, `repeats the segment '${row.segment}'`, ['segments', i, 'segment']);
      }
      seen.add(row.segment);
    });
    const missing = TACTIC_SEGMENTS.filter((s) => !seen.has(s));
    if (missing.length > 0) {
      addIssue(
        ctx,
        `has no row for ${missing.map((s) => `'${s}'`).join(', ')}; a segment report has a row for every built-in segment`,
        ['segments'],
      );
    }
  }),
);

interface Ranked {
  readonly segment: TacticSegment;
  readonly customerShare: Decimal;
  readonly revenueShare: Decimal;
  readonly figures: PlanSegmentFigures;
}

/**
 * The tactic segments by priority, with their figures: revenue share descending, then customer
 * share descending, then the catalogue order (vip, new, at-risk, lost).
 *
 * @internal
 */
export function prioritiseSegments(
  report: z.output<typeof segmentReportSchema>,
): { segment: TacticSegment; figures: PlanSegmentFigures }[] {
  type Row = (typeof report.segments)[number];
  const rows = new Map<string, Row>(report.segments.map((r) => [r.segment, r]));
  const ranked: Ranked[] = TACTIC_SEGMENTS.map((segment) => {
    // The schema guarantees exactly one row per tactic segment.
    const row = rows.get(segment) as Row;
    return {
      segment,
      customerShare: row.customerShare,
      revenueShare: row.revenueShare,
      figures: {
        customers: row.customers,
        customerShare: row.customerShare.toString(),
        revenue: row.revenue.toString(),
        revenueShare: row.revenueShare.toString(),
      },
    };
  });
  const order = (s: TacticSegment) => TACTIC_SEGMENTS.indexOf(s);
  ranked.sort(
    (a, b) =>
      b.revenueShare.comparedTo(a.revenueShare) ||
      b.customerShare.comparedTo(a.customerShare) ||
      order(a.segment) - order(b.segment),
  );
  return ranked.map(({ segment, figures }) => ({ segment, figures }));
}
