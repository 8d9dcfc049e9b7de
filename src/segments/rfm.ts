import * as z from 'zod/mini';
import { MAX_DAYS } from '../core/bounds.js';
import { describeValue, parseInput, RetentionMetricsError } from '../core/errors.js';
import { deepFreeze } from '../core/freeze.js';
import type { Decimal, Numeric } from '../core/numeric.js';
import type { FormOption } from '../core/row-view.js';
import {
  addIssue,
  boundedNumberSchema,
  nonNegativeMoneySchema,
  strictObject,
  withJson,
} from '../core/schemas.js';
import { calendarClock, calendarClocks, MS_PER_DAY } from '../core/time.js';
import type { CustomerId } from '../transactions/log.js';
import { moneyAt } from '../transactions/money-column.js';
import type { CustomerSummaryTable } from '../transactions/summary-table.js';
import {
  type AsOfOptions,
  asOfFields,
  checkAsOf,
  checkLastPurchases,
  optionsForTable,
  resolveAsOf,
  type TableOptions,
  tableOptionsOf,
} from './as-of.js';
import { readSummaries, type SegmentationInput } from './input.js';
import { type RfmScoreTable, rfmTableOf } from './rfm-table.js';
import { select } from './select.js';

/**
 * One rule of an RFM segment map: customers whose recency score `r` lies in `r[0]..r[1]` and whose
 * combined frequency–monetary score `fm` lies in `fm[0]..fm[1]` (both inclusive) belong to the
 * segment `name`. In a map, the first matching rule wins.
 */
export interface RfmSegmentRule {
  /** The segment's name, e.g. `'Champions'`. */
  readonly name: string;
  /** Inclusive range `[min, max]` of the recency score, integers in 1..bins, min ≤ max. */
  readonly r: readonly [number, number];
  /** Inclusive range `[min, max]` of the FM score, integers in 1..bins, min ≤ max. */
  readonly fm: readonly [number, number];
}

/**
 * Explicit cut points per dimension, instead of quantiles: each list is strictly ascending and
 * has `bins − 1` values. A dimension without cut points is scored by quantile.
 */
export interface RfmThresholds {
  /**
   * Cut points of the days since the last purchase (≥ 0), for the R score. Reversed: a value ≤
   * the first cut gets the top score `bins`, one > the last cut gets 1. (Called `recency` in earlier
   * versions; `recency` of a customer summary is the first-to-last purchase span.)
   */
  readonly daysSinceLastPurchase?: readonly number[];
  /**
   * Cut points of the number of orders (≥ 0), for the F score: a value ≤ the first cut scores 1,
   * > the last scores `bins`. (Called `frequency` in earlier versions; `frequency` of a summary is
   * the number of repeat orders.)
   */
  readonly orders?: readonly number[];
  /** Monetary cut points (money, ≥ 0), compared exactly: ≤ the first cut scores 1, > the last `bins`. */
  readonly monetary?: readonly Numeric[];
}

/** Options of {@link rfmScores}. */
export interface RfmOptions extends AsOfOptions {
  /** Number of score levels per dimension, an integer in 2..10. Default 5. */
  readonly bins?: number;
  /** Explicit cut points per dimension (otherwise quantiles of the input). */
  readonly thresholds?: RfmThresholds;
  /**
   * The monetary value: `'total'` (default) is `totalRevenue`; `'average'` is
   * `totalRevenue / orders`, the average order value.
   */
  readonly monetary?: 'total' | 'average';
  /**
   * A custom segment map (first matching rule wins; a customer no rule matches gets
   * `'Unclassified'`). Required when `bins` is not 5. Default {@link DEFAULT_RFM_SEGMENTS}.
   */
  readonly segments?: readonly RfmSegmentRule[];
}

/** The RFM scores of one customer, from {@link rfmScores}. */
export interface RfmScore {
  /** The customer. */
  readonly customerId: CustomerId;
  /** Days from the last purchase to `asOf` (fractional), ≥ 0: the value the R score ranks. */
  readonly daysSinceLastPurchase: number;
  /** Orders (distinct purchase periods): the value the F score ranks. */
  readonly orders: number;
  /**
   * The value the M score ranks: total revenue, or the average order value with
   * `monetary: 'average'`; exact.
   */
  readonly monetary: Decimal;
  /** Recency score (of `daysSinceLastPurchase`, reversed), 1..bins; the most recent customers score `bins`. */
  readonly r: number;
  /** Frequency score (of `orders`), 1..bins. */
  readonly f: number;
  /** Monetary score (of `monetary`), 1..bins. */
  readonly m: number;
  /** The combined frequency–monetary score `⌈(f + m) / 2⌉` (the average, halves rounded up). */
  readonly fm: number;
  /** The three scores as one string, `${r}${f}${m}`, e.g. `'545'` (with 10 bins: `'10-3-7'`). */
  readonly score: string;
  /** The segment name from the segment map, or `'Unclassified'`. */
  readonly segment: string;
}

/** The segment of customers that no rule of a custom segment map matches. */
const UNCLASSIFIED = 'Unclassified';
const DEFAULT_BINS = 5;

function rule(name: string, r: [number, number], fm: [number, number]): RfmSegmentRule {
  return { name, r, fm };
}

/**
 * The default RFM segment map: 11 named segments on the recency score R and the combined
 * frequency–monetary score FM (both 1–5), tried in this order, the first match winning.
 *
 * Source: the 11-segment table popularised by Putler ("RFM Analysis for Successful Customer
 * Segmentation", putler.com/rfm-analysis) and widely copied in its R / "F & M" form (e.g. the
 * churned.io RFM-model documentation): Champions R 4–5 FM 4–5; Loyal R 2–5 FM 3–5; Potential
 * Loyalist R 3–5 FM 1–3; New R 4–5 FM ≤ 1; Promising R 3–4 FM ≤ 1; Need Attention R 2–3 FM 2–3;
 * About to Sleep R 2–3 FM ≤ 2; At Risk R ≤ 2 FM 2–5; Can't Lose Them R ≤ 1 FM 4–5; Hibernating
 * R 1–2 FM 1–2; Lost R ≤ 2 FM ≤ 2. Those ranges overlap (Hibernating and Lost are identical), so
 * a concrete map needs an order. This one lists the narrow segments first and narrows two ranges
 * so that every segment is reachable: Loyal is R 3–5 (R 2 with high FM is At Risk) and Lost is
 * R 1 FM 1 (the rest of R 1–2 FM 1–2 is Hibernating). The result covers all 25 (R, FM) cells,
 * each with exactly one name:
 *
 * | R \ FM | 1              | 2                  | 3              | 4               | 5               |
 * |--------|----------------|--------------------|----------------|-----------------|-----------------|
 * | 5      | New            | Potential Loyalist | Loyal          | Champions       | Champions       |
 * | 4      | New            | Potential Loyalist | Loyal          | Champions       | Champions       |
 * | 3      | Promising      | Need Attention     | Need Attention | Loyal           | Loyal           |
 * | 2      | About to Sleep | Need Attention     | Need Attention | At Risk         | At Risk         |
 * | 1      | Lost           | Hibernating        | At Risk        | Can't Lose Them | Can't Lose Them |
 *
 * The map is defined for 5 score levels; with other `bins`, {@link rfmScores} requires a custom
 * map. The array and its rules are frozen.
 *
 * @example
 * ```ts
 * import { DEFAULT_RFM_SEGMENTS } from 'retention-metrics';
 * DEFAULT_RFM_SEGMENTS.length; // => 11
 * DEFAULT_RFM_SEGMENTS[0]; // => { name: 'Champions', r: [4, 5], fm: [4, 5] }
 * ```
 * @category Segmentation
 */
export const DEFAULT_RFM_SEGMENTS: readonly RfmSegmentRule[] = deepFreeze([
  rule('Champions', [4, 5], [4, 5]),
  rule("Can't Lose Them", [1, 1], [4, 5]),
  rule('Need Attention', [2, 3], [2, 3]),
  rule('Loyal', [3, 5], [3, 5]),
  rule('New', [4, 5], [1, 1]),
  rule('Promising', [3, 4], [1, 1]),
  rule('Potential Loyalist', [3, 5], [1, 3]),
  rule('About to Sleep', [2, 3], [1, 2]),
  rule('Lost', [1, 1], [1, 1]),
  rule('Hibernating', [1, 2], [1, 2]),
  rule('At Risk', [1, 2], [2, 5]),
]) as readonly RfmSegmentRule[];

const cutSchema = z.number({ error: 'must be a finite number ≥ 0' }).check(
  z.minimum(0, {
    error: 'must be a finite number ≥ 0',
  }),
);
const scoreBound = z
  .number({ error: 'must be an integer score' })
  .check(z.refine(Number.isInteger, { error: 'must be an integer score' }));
const scoreRange = z.tuple([scoreBound, scoreBound]);

/** An option that was renamed: any value is refused with the new name. */
function renamed(now: string) {
  const field = z
    .unknown()
    .check(z.superRefine((_, ctx) => addIssue(ctx, `was renamed: use ${now}`, [])));
  // In JSON Schema, a field that is never valid.
  return z.optional(
    withJson(field, { not: {}, description: `Renamed: use ${now}.` }),
  ) as unknown as z.ZodMiniOptional<z.ZodMiniNever>;
}

/**
 * The schema of {@link RfmOptions}. Cross-field rules: every cut-point list has `bins − 1`
 * strictly ascending values; segment rule ranges are integers within 1..bins with min ≤ max; a
 * segment map is required when `bins` is not 5.
 *
 * @category Schemas
 */
export const rfmOptionsSchema = strictObject({
  ...asOfFields,
  bins: z.optional(
    z
      .number({ error: 'must be an integer from 2 to 10' })
      .check(
        z.minimum(2, { error: 'must be an integer from 2 to 10' }),
        z.maximum(10, { error: 'must be an integer from 2 to 10' }),
        z.refine(Number.isInteger, { error: 'must be an integer from 2 to 10' }),
      ),
  ),
  thresholds: z.optional(
    strictObject({
      daysSinceLastPurchase: z.optional(z.array(boundedNumberSchema(MAX_DAYS, { zero: true }))),
      orders: z.optional(z.array(cutSchema)),
      monetary: z.optional(z.array(nonNegativeMoneySchema)),
      recency: renamed('thresholds.daysSinceLastPurchase'),
      frequency: renamed('thresholds.orders'),
    }),
  ),
  monetary: z.optional(z.enum(['total', 'average'])),
  segments: z.optional(
    z
      .array(
        strictObject({
          name: z.string().check(z.minLength(1, { error: 'must be a non-empty string' })),
          r: scoreRange,
          fm: scoreRange,
        }),
      )
      .check(z.minLength(1)),
  ),
  form: z.optional(z.enum(['rows', 'table'])),
}).check(
  z.superRefine((v, ctx) => {
    checkAsOf(ctx, v);
    const bins = v.bins ?? DEFAULT_BINS;
    const t = v.thresholds;
    if (t !== undefined) {
      for (const dim of ['daysSinceLastPurchase', 'orders', 'monetary'] as const) {
        const cuts = t[dim];
        if (cuts === undefined) continue;
        if (cuts.length !== bins - 1) {
          addIssue(ctx, `must have bins − 1 = ${bins - 1} cut points (received ${cuts.length})`, [
            'thresholds',
            dim,
          ]);
          continue;
        }
        for (let k = 1; k < cuts.length; k++) {
          const prev = cuts[k - 1] as number | Decimal;
          const cut = cuts[k] as number | Decimal;
          const ascending =
            typeof cut === 'number' ? cut > (prev as number) : cut.gt(prev as Decimal);
          if (!ascending) {
            addIssue(
              ctx,
              `must be greater than thresholds.${dim}[${k - 1}] (cut points must be strictly ascending; received ${String(prev)} then ${String(cut)})`,
              ['thresholds', dim, k],
            );
            break;
          }
        }
      }
    }
    if (v.segments === undefined) {
      if (bins !== DEFAULT_BINS) {
        addIssue(
          ctx,
          `is required when bins is ${bins}: the default segment map is defined on scores 1–5`,
          ['segments'],
        );
      }
      return;
    }
    v.segments.forEach((s, i) => {
      for (const key of ['r', 'fm'] as const) {
        const [lo, hi] = s[key];
        if (lo < 1 || hi > bins || lo > hi) {
          addIssue(
            ctx,
            `must be [min, max] with 1 ≤ min ≤ max ≤ bins = ${bins} (received [${lo}, ${hi}])`,
            ['segments', i, key],
          );
        }
      }
    });
  }),
);

/**
 * Scores of all customers on one dimension, `1 + (number of cuts strictly below the value)`,
 * written into `out` (ascending: low value → low score).
 */
function scoreAscending(values: Float64Array, cuts: Float64Array, out: Uint8Array): void {
  const n = values.length;
  const k = cuts.length;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    let s = 1;
    for (let j = 0; j < k; j++) if ((cuts[j] as number) < v) s++;
    out[i] = s;
  }
}

/**
 * Quantile cut points: the order statistics x₍⌈k·n/b⌉₎ for k = 1..b−1 (1-based, ascending). A
 * value then scores `1 + #{cuts < value}` = `1 + ⌊b · #{customers with a smaller value} / n⌋`.
 * Found by successive quickselects on a copy (expected O(n) per cut), not a full sort.
 */
function quantileCuts(values: Float64Array, bins: number): Float64Array {
  const a = values.slice();
  const n = a.length;
  const cuts = new Float64Array(bins - 1);
  if (n === 0) return cuts;
  let lo = 0;
  for (let k = 1; k < bins; k++) {
    const p = Math.ceil((k * n) / bins) - 1;
    select(a, lo, n - 1, p);
    cuts[k - 1] = a[p] as number;
    lo = p;
  }
  return cuts;
}

/**
 * Computes recency, frequency and monetary scores (1..bins) for every customer, their combined
 * `score` string, and each customer's named segment from an RFM segment map.
 *
 * Values (fields of {@link RfmScore}): `daysSinceLastPurchase` = days from lastPurchaseAt to the
 * end of asOf on the calendar of `timeZone` (fractional; whole local days count one day each,
 * docs/conventions.md section 1), ranked by the R score; `orders`, ranked by F; `monetary` =
 * totalRevenue (`'total'`, default) or totalRevenue / orders (`'average'`), exact, ranked by M.
 * (Recency and frequency here are the R and F scores; the `recency` and `frequency` fields of a
 * customer summary are the first-to-last purchase span and the repeat orders.)
 *
 * Quantile scores (the default), with n customers and b = `bins`: a value v scores
 * `1 + ⌊b · L(v) / n⌋`, where L(v) is the number of customers with a value strictly smaller than
 * v — the rank of v's first occurrence. Equivalently the cut points are the order statistics
 * c_k = x₍⌈k·n/b⌉₎ (k = 1..b−1) and v scores `1 + #{k : c_k < v}`. Recency is reversed, so the most
 * recent customers score b: `r = b − #{k : c_k < recency}` with the cut points of recency
 * ascending. Explicit `thresholds` replace the c_k of their dimension; so a value equal to a cut
 * falls in the lower bin (for recency: the higher score).
 *
 * Tie rule: the score depends only on the value and the multiset of all values, so equal values
 * always get equal scores and the result does not depend on the order of the input. With heavily
 * tied data some scores go unused: if 60 % of customers have 1 order, they all score f = 1 and
 * the next frequency scores 1 + ⌊5 · 0.6⌋ = 4. This is the rank method `'min'` of pandas'
 * `rank(pct=True)` binned into b equal slices; unlike `pd.qcut(x, b, duplicates='drop')`, which
 * drops repeated edges and renumbers the remaining bins 1, 2, … (so its top label can be below b),
 * a score here keeps its meaning: score s means at least (s − 1)/b of customers have a smaller
 * value. Unlike `qcut` on `rank(method='first')`, ties are never split by input order. Ordering
 * uses float64 images of the exact amounts (equal amounts have equal images; amounts that differ
 * only beyond ~15 significant digits are ordered as equal); explicit monetary cut points are
 * compared exactly.
 *
 * Segments: `fm = ⌈(f + m) / 2⌉` (the average of f and m, halves rounded up), and the first rule
 * of the segment map (default {@link DEFAULT_RFM_SEGMENTS}) whose `r` and `fm` ranges hold the
 * customer's scores names its segment; with a custom map, a customer no rule matches gets
 * `'Unclassified'`.
 *
 * Complexity: expected O(n · bins) on typed arrays (the quantile cut points are found by
 * selection, not by sorting); no per-customer Decimal arithmetic except with `'average'`.
 *
 * @param summaries - Customer summaries (from `summarizeTransactions`, or plain rows or columns
 *   with `customerId`, `firstPurchaseAt`, `lastPurchaseAt`, `orders`, `totalRevenue`); customer
 *   ids unique.
 * @param options - `asOf` (required), `bins`, `thresholds`, `monetary`, `segments`, and
 *   `form`: `'table'` (default) or `'rows'`.
 * @returns An {@link RfmScoreTable}, one row per customer in input order (length 0 for no
 *   summaries): typed columns (scores and segment codes as bytes, `monetary` as whole cents with
 *   an exact value only where a row is not whole cents), rows as a view (`row(i)`, `at(i)`,
 *   iteration, `toRows()` giving the {@link RfmScore} rows), their JSON, and the options it was
 *   computed with. With `form: 'rows'` the rows as an array (`[]` for no summaries).
 * @throws {RetentionMetricsError} `INVALID_INPUT` for a
 *   bad summary (named `summaries[i].field`: a duplicate customer id, negative revenue, orders
 *   below 1, a `lastPurchaseAt` after `asOf`), a missing `asOf`, `bins` not an integer in 2..10,
 *   cut points of the wrong count, not ascending or negative, a segment rule outside 1..bins, or
 *   `bins` ≠ 5 without `segments`.
 *
 * @example
 * ```ts
 * import { rfmScores } from 'retention-metrics';
 * const summaries = [
 *   { customerId: 'a', firstPurchaseAt: '2023-01-05', lastPurchaseAt: '2024-03-31', orders: 5, totalRevenue: 500 },
 *   { customerId: 'b', firstPurchaseAt: '2023-02-11', lastPurchaseAt: '2024-03-22', orders: 3, totalRevenue: 300 },
 *   { customerId: 'c', firstPurchaseAt: '2023-06-30', lastPurchaseAt: '2024-03-02', orders: 2, totalRevenue: '120.5' },
 *   { customerId: 'd', firstPurchaseAt: '2024-01-02', lastPurchaseAt: '2024-01-02', orders: 1, totalRevenue: 40 },
 *   { customerId: 'e', firstPurchaseAt: '2023-10-04', lastPurchaseAt: '2023-10-04', orders: 1, totalRevenue: 20 },
 * ];
 * const scores = rfmScores(summaries, { asOf: '2024-04-01' });
 * // A date-only asOf includes its whole day: days are counted to the start of 2024-04-02.
 * [...scores.columns.daysSinceLastPurchase]; // => [2, 11, 31, 91, 181]
 * [...rfmScores(summaries, { asOf: '2024-04-01T00:00:00Z' }).columns.daysSinceLastPurchase]; // => [1, 10, 30, 90, 180]
 * [...scores.columns.r]; // => [5, 4, 3, 2, 1]
 * Array.from(scores, (s) => s.score); // => ['555', '444', '333', '212', '111']
 * Array.from(scores, (s) => s.segment); // => ['Champions', 'Champions', 'Need Attention', 'Need Attention', 'Lost']
 * scores.segmentNames[scores.columns.segment[2] ?? 0]; // => 'Need Attention'
 * scores.columns.monetary.cents[2]; // => 12050
 * scores.row(2).monetary.toString(); // => '120.5'
 * scores.row(4).score; // => '111'
 * rfmScores(summaries, { asOf: '2024-04-01', bins: 3 }); // => throws INVALID_INPUT
 *
 * const rows = rfmScores(summaries, { asOf: '2024-04-01', form: 'rows' });
 * rows.map((s) => s.fm); // => [5, 4, 3, 2, 1]
 * ```
 * @category Segmentation
 */
export function rfmScores(
  summaries: CustomerSummaryTable,
  options: TableOptions<RfmOptions> & FormOption<'rows'>,
): RfmScore[];
export function rfmScores(
  summaries: CustomerSummaryTable,
  options?: TableOptions<RfmOptions> & Partial<FormOption<'table'>>,
): RfmScoreTable;
export function rfmScores(
  summaries: SegmentationInput,
  options: RfmOptions & FormOption<'rows'>,
): RfmScore[];
export function rfmScores(
  summaries: SegmentationInput,
  options: RfmOptions & Partial<FormOption<'table'>>,
): RfmScoreTable;
export function rfmScores(
  summaries: SegmentationInput,
  options: RfmOptions & Partial<FormOption<'rows' | 'table'>>,
): RfmScoreTable | RfmScore[];
export function rfmScores(
  summaries: SegmentationInput,
  options?: TableOptions<RfmOptions>,
): RfmScore[] | RfmScoreTable {
  const fn = 'rfmScores';
  const resolved = optionsForTable(fn, summaries, options);
  if (typeof resolved !== 'object' || resolved === null) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: options must be an object with at least asOf (received ${describeValue(resolved)})`,
      { path: ['options'] },
    );
  }
  const opts = parseInput(fn, rfmOptionsSchema, resolved, 'options');
  const asOf = resolveAsOf(fn, opts);
  const table = readSummaries(fn, summaries, asOf.reading);
  const tableForm = opts.form !== 'rows';
  const bins = opts.bins ?? DEFAULT_BINS;
  const average = opts.monetary === 'average';
  if (table.size === 0 && !tableForm) return [];
  checkLastPurchases(fn, table, asOf);
  const at = asOf.boundary.at;
  const n = table.size;
  const { lastAt, orders, ids } = table;

  // Days since the last purchase, to where durations to asOf end, on the zone's calendar.
  const atClock = calendarClock(at, asOf.reading.zone);
  const daysSince = new Float64Array(n);
  // the clocks in daysSince itself, each read before it is overwritten
  const lastClock = calendarClocks(lastAt, asOf.reading.zone, daysSince);
  for (let i = 0; i < n; i++) daysSince[i] = (atClock - (lastClock[i] as number)) / MS_PER_DAY;

  // Monetary: whole cents where exact (else the exact value), and float64 images for ordering.
  const cents = new Float64Array(n);
  const exact = new Map<number, Decimal>();
  let moneyApprox: Float64Array = table.revenueApprox;
  if (average) moneyApprox = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = table.revenueCents(i);
    const k = orders[i] as number;
    if (!average) {
      cents[i] = c;
      if (Number.isNaN(c)) exact.set(i, table.revenueAt(i));
    } else if (c % k === 0) {
      // A whole number of cents per order: (c / k) / 100 is the float64 nearest the exact mean.
      cents[i] = c / k;
      moneyApprox[i] = c / k / 100;
    } else {
      const avg = table.revenueAt(i).div(k);
      cents[i] = Number.NaN;
      exact.set(i, avg);
      moneyApprox[i] = avg.toNumber();
    }
  }

  const t = opts.thresholds;
  const rScore = new Uint8Array(n);
  const fScore = new Uint8Array(n);
  const mScore = new Uint8Array(n);

  const rCuts =
    t?.daysSinceLastPurchase !== undefined
      ? Float64Array.from(t.daysSinceLastPurchase)
      : quantileCuts(daysSince, bins);
  scoreAscending(daysSince, rCuts, rScore);
  for (let i = 0; i < n; i++) rScore[i] = bins + 1 - (rScore[i] as number);

  const fCuts = t?.orders !== undefined ? Float64Array.from(t.orders) : quantileCuts(orders, bins);
  scoreAscending(orders, fCuts, fScore);

  const mCutsExact = t?.monetary;
  if (mCutsExact === undefined) {
    scoreAscending(moneyApprox, quantileCuts(moneyApprox, bins), mScore);
  } else {
    // Float images decide unless they are equal; then the exact values do.
    const approx = Float64Array.from(mCutsExact, (c) => c.toNumber());
    for (let i = 0; i < n; i++) {
      const v = moneyApprox[i] as number;
      let s = 1;
      for (let j = 0; j < approx.length; j++) {
        const c = approx[j] as number;
        if (c < v || (c === v && moneyAt(cents, exact, i).gt(mCutsExact[j] as Decimal))) s++;
      }
      mScore[i] = s;
    }
  }

  // Segment codes by (r, fm): names in the map's order as first used, then 'Unclassified'.
  const rules = opts.segments ?? DEFAULT_RFM_SEGMENTS;
  const cellName = new Array<string>(bins * bins);
  for (let r = 1; r <= bins; r++) {
    for (let fm = 1; fm <= bins; fm++) {
      const hit = rules.find((x) => x.r[0] <= r && r <= x.r[1] && x.fm[0] <= fm && fm <= x.fm[1]);
      cellName[(r - 1) * bins + (fm - 1)] = hit === undefined ? UNCLASSIFIED : hit.name;
    }
  }
  const used = new Set(cellName);
  const segmentNames = [...new Set(rules.map((x) => x.name))].filter((name) => used.has(name));
  if (used.has(UNCLASSIFIED) && !segmentNames.includes(UNCLASSIFIED)) {
    segmentNames.push(UNCLASSIFIED);
  }
  const cellCode = Uint8Array.from(cellName, (name) => segmentNames.indexOf(name));

  const fmScore = new Uint8Array(n);
  const segment = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const fm = ((fScore[i] as number) + (mScore[i] as number) + 1) >> 1;
    fmScore[i] = fm;
    segment[i] = cellCode[((rScore[i] as number) - 1) * bins + (fm - 1)] as number;
  }
  const ordersColumn = new Int32Array(n);
  for (let i = 0; i < n; i++) ordersColumn[i] = orders[i] as number;
  const result = rfmTableOf(
    {
      ids,
      days: daysSince,
      orders: ordersColumn,
      cents,
      exact,
      r: rScore,
      f: fScore,
      m: mScore,
      fm: fmScore,
      segment,
      segmentNames,
      bins,
    },
    {
      ...tableOptionsOf(summaries),
      asOf: opts.asOf,
      timeZone: asOf.reading.zone.name,
      timeUnit: asOf.reading.timeUnit,
      bins,
      monetary: average ? 'average' : 'total',
    },
  );
  return tableForm ? result : result.toRows();
}
