import * as z from 'zod/mini';
import { parseInput } from '../core/errors.js';
import { addIssue } from '../core/schemas.js';
import type { CustomerSummary } from './customer-summary.js';

/** What {@link compressSummaries} reads of a summary. */
export type CompressibleSummary = Pick<CustomerSummary, 'frequency' | 'recency' | 'T'>;

/** A row of {@link compressSummaries}: one distinct `(frequency, recency, T)` and its count. */
export interface WeightedSummary {
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
  /** How many customers have exactly these values. */
  readonly weight: number;
}

/**
 * Groups customers with identical `(frequency, recency, T)` into weighted rows, so that model
 * fitting costs grow with distinct rows, not customers (2,357 CDNOW customers → 1,016 rows).
 * Rows are ordered by frequency, then recency, then T. Values are compared exactly.
 *
 * @param summaries - Objects with numeric `frequency`, `recency` and `T` (e.g. from {@link summarizeTransactions}).
 * @returns The distinct rows with their weights, which add up to the number of summaries.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when a summary lacks a field or holds a
 *   negative or non-finite value, or recency exceeds T.
 *
 * @example
 * ```ts
 * import { compressSummaries } from 'retention-metrics';
 * const rows = [{ frequency: 0, recency: 0, T: 30 }, { frequency: 2, recency: 10, T: 30 }, { frequency: 0, recency: 0, T: 30 }];
 * compressSummaries(rows); // => [{ frequency: 0, recency: 0, T: 30, weight: 2 }, { frequency: 2, recency: 10, T: 30, weight: 1 }]
 * ```
 * @category Transactions
 */
export function compressSummaries(summaries: readonly CompressibleSummary[]): WeightedSummary[] {
  const v = parseInput('compressSummaries', compressInputSchema, summaries, 'summaries');
  const groups = new Map<
    string,
    { frequency: number; recency: number; T: number; weight: number }
  >();
  for (const s of v) {
    const key = `${s.frequency}|${s.recency}|${s.T}`;
    const group = groups.get(key);
    if (group === undefined)
      groups.set(key, { frequency: s.frequency, recency: s.recency, T: s.T, weight: 1 });
    else group.weight++;
  }
  return [...groups.values()].sort(
    (a, b) => a.frequency - b.frequency || a.recency - b.recency || a.T - b.T,
  );
}

const compressInputSchema = z.array(
  z
    .looseObject({
      frequency: z.number().check(z.int(), z.nonnegative()),
      recency: z.number().check(z.nonnegative()),
      T: z.number().check(z.nonnegative()),
    })
    .check(
      z.superRefine((s, ctx) => {
        if (s.recency > s.T)
          addIssue(ctx, `(${s.recency}) must not exceed T (${s.T})`, ['recency']);
      }),
    ),
);
