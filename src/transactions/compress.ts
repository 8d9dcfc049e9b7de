import * as z from 'zod/mini';
import { parseInput, RetentionMetricsError } from '../core/errors.js';
import { addIssue, looseObject } from '../core/schemas.js';
import type { CustomerSummary } from './customer-summary.js';
import { type CustomerSummaryTable, summaryTableParts } from './summary-table.js';

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
 * @param summaries - Objects with numeric `frequency`, `recency` and `T`, or the table of
 *   {@link summarizeTransactions} (read from its columns after one scan of them).
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
export function compressSummaries(
  summaries: readonly CompressibleSummary[] | CustomerSummaryTable,
): WeightedSummary[] {
  const v =
    summaryTableParts(summaries) === undefined
      ? parseInput('compressSummaries', compressInputSchema, { summaries }, 'summaries').summaries
      : tableRows(summaries as CustomerSummaryTable);
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

/**
 * The `(frequency, recency, T)` of a summary table the library built, after one scan of the typed
 * columns a caller can still write into (what the row schema checks of rows, named as for rows).
 */
function tableRows(table: CustomerSummaryTable): CompressibleSummary[] {
  const { frequency, recency, T } = table.columns;
  const rows: CompressibleSummary[] = [];
  for (let i = 0; i < table.length; i++) {
    const f = frequency[i] as number;
    const r = recency[i] as number;
    const t = T[i] as number;
    const bad =
      f < 0
        ? ['frequency', `must be at least 0 (received ${f})`]
        : !(r >= 0 && Number.isFinite(r))
          ? ['recency', `must be a finite number ≥ 0 (received ${r})`]
          : !(t >= 0 && Number.isFinite(t))
            ? ['T', `must be a finite number ≥ 0 (received ${t})`]
            : r > t
              ? ['recency', `(${r}) must not exceed T (${t})`]
              : undefined;
    if (bad !== undefined) {
      const [field, text] = bad as [string, string];
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `compressSummaries: summaries[${i}].${field} ${text}`,
        { path: ['summaries', i, field] },
      );
    }
    rows.push({ frequency: f, recency: r, T: t });
  }
  return rows;
}

// The list under its parameter's name, so that a bad row is named `summaries[3].T`.
const compressRowsSchema = z.array(
  looseObject({
    frequency: z.number().check(z.int(), z.nonnegative()),
    recency: z.number().check(z.nonnegative()),
    T: z.number().check(z.nonnegative()),
  }).check(
    z.superRefine((s, ctx) => {
      if (s.recency > s.T) addIssue(ctx, `(${s.recency}) must not exceed T (${s.T})`, ['recency']);
    }),
  ),
);
const compressInputSchema = looseObject({ summaries: compressRowsSchema });
