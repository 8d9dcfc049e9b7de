/**
 * The Gamma-Gamma model of spend per order (Colombo & Jiang 1999; Fader, Hardie & Lee 2005,
 * "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", JMR 42(4); Hardie's note
 * "The Gamma-Gamma Model of Monetary Value", 2013): fitting and the conditional mean spend.
 *
 * @module
 */

import { MAX_PURCHASES } from '../core/bounds.js';
import { describeValue, invalidElement, RetentionMetricsError } from '../core/errors.js';
import { type Numeric, parseNumeric } from '../core/numeric.js';
import { ownField } from '../core/own.js';
import type { CustomerSummaryTable } from '../transactions/summary-table.js';
import { type FitOptions, fitModel, type LogLikelihood, parseFitOptions } from './fit.js';
import type { GammaGammaModel, GammaGammaParams } from './model.js';
import { requireList, tableHistories } from './rows.js';
import { digamma, lnGamma } from './special.js';

/** A row of {@link fitGammaGamma}: repeat purchases and their mean value. */
export interface SpendRow {
  /** Repeat purchases x, a whole number ≥ 0 (rows with 0 are skipped and counted). */
  readonly frequency: number;
  /** Mean value of the x repeat orders, m̄ > 0 when x > 0 (number, decimal string or Decimal). */
  readonly monetaryValue: Numeric;
  /** Customers with exactly this row: a positive number, default 1. */
  readonly weight?: number;
}

/**
 * The requirement of a repeat buyer's mean spend, with what to do about a zero: free repeat orders
 * (CDNOW's master log has some) give no spend the model's gamma distributions can fit.
 */
const REPEAT_SPEND =
  'a finite amount > 0 for a repeat buyer (leave out those whose repeat orders were free)';

/** Reads `{ frequency, monetaryValue }`: x whole ≥ 0, m̄ > 0 when x > 0. @internal */
export function readSpend(
  fn: string,
  list: string,
  index: number | null,
  row: unknown,
): { x: number; m: number } {
  const fail = (field: string, requirement: string, value: unknown): RetentionMetricsError =>
    index === null
      ? new RetentionMetricsError(
          'INVALID_INPUT',
          `${fn}: ${list}${field === '' ? '' : `.${field}`} must be ${requirement} (received ${describeValue(value)})`,
          { path: field === '' ? [list] : [list, field] },
        )
      : invalidElement(fn, list, index, field, requirement, value);
  if (typeof row !== 'object' || row === null) throw fail('', 'an object', row);
  const r = row as Record<string, unknown>;
  const x = ownField(r, 'frequency');
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > MAX_PURCHASES) {
    throw fail('frequency', `a whole number from 0 to ${MAX_PURCHASES}`, x);
  }
  const raw = ownField(r, 'monetaryValue');
  let m: number;
  if (typeof raw === 'number') m = raw;
  else {
    const parsed = parseNumeric(raw);
    m = parsed === undefined ? Number.NaN : parsed.toNumber();
  }
  if (!Number.isFinite(m) || (x > 0 && m <= 0) || m < 0) {
    throw fail('monetaryValue', x > 0 ? REPEAT_SPEND : 'a finite amount ≥ 0', raw);
  }
  return { x, m };
}

/** Gamma-Gamma rows in columns, with their distinct frequencies and the logs that never change. */
interface SpendColumns {
  readonly x: Float64Array;
  readonly m: Float64Array;
  readonly w: Float64Array;
  /** ln m̄ per row. */
  readonly lnM: Float64Array;
  /** Index of each row's x in `xs`. */
  readonly xIndex: Int32Array;
  readonly xs: Float64Array;
  /** Σ w per distinct x. */
  readonly xWeight: Float64Array;
  /** Σ w·ln m̄ and Σ w·x·ln m̄. */
  readonly sumLnM: number;
  readonly sumXLnM: number;
}

function spendColumns(x: Float64Array, m: Float64Array, w: Float64Array): SpendColumns {
  const xs = Float64Array.from(new Set(x)).sort();
  const position = new Map<number, number>();
  xs.forEach((v, i) => {
    position.set(v, i);
  });
  const xIndex = new Int32Array(x.length);
  const xWeight = new Float64Array(xs.length);
  const lnM = new Float64Array(x.length);
  let sumLnM = 0;
  let sumXLnM = 0;
  for (let i = 0; i < x.length; i++) {
    const j = position.get(x[i] as number) as number;
    xIndex[i] = j;
    xWeight[j] = (xWeight[j] as number) + (w[i] as number);
    const l = Math.log(m[i] as number);
    lnM[i] = l;
    sumLnM += (w[i] as number) * l;
    sumXLnM += (w[i] as number) * (x[i] as number) * l;
  }
  return { x, m, w, lnM, xIndex, xs, xWeight, sumLnM, sumXLnM };
}

/**
 * Σ w·LL of Gamma-Gamma at θ = (p, q, γ), with the gradient. The gamma-function terms depend on x
 * only and are evaluated once per distinct x; a row costs one logarithm.
 */
function gammaGammaLogLikelihood(
  c: SpendColumns,
  theta: Float64Array,
  gradient: Float64Array | null,
): number {
  const p = theta[0] as number;
  const q = theta[1] as number;
  const g = theta[2] as number;
  const lnG = Math.log(g);
  const lnGammaQ = lnGamma(q);
  const psiQ = gradient === null ? 0 : digamma(q);
  // LL = Σ_j W_j [lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + p x ln x] + p Σ w x ln m̄ − Σ w ln m̄
  //      − Σ w (px+q) ln(γ + x m̄)
  let ll = p * c.sumXLnM - c.sumLnM;
  let gp = c.sumXLnM;
  let gq = 0;
  for (let j = 0; j < c.xs.length; j++) {
    const xj = c.xs[j] as number;
    const wj = c.xWeight[j] as number;
    const px = p * xj;
    const lnX = Math.log(xj);
    ll += wj * (lnGamma(px + q) - lnGamma(px) - lnGammaQ + q * lnG + px * lnX);
    if (gradient !== null) {
      const psiPQ = digamma(px + q);
      gp += wj * xj * (psiPQ - digamma(px) + lnX);
      gq += wj * (psiPQ - psiQ + lnG);
    }
  }
  let sumL = 0;
  let sumXL = 0;
  let gg = 0;
  const { x, m, w } = c;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const wi = w[i] as number;
    const denominator = g + xi * (m[i] as number);
    const l = Math.log(denominator);
    sumL += wi * l;
    sumXL += wi * xi * l;
    if (gradient !== null) gg -= (wi * (p * xi + q)) / denominator;
  }
  ll -= p * sumXL + q * sumL;
  if (gradient !== null) {
    let total = 0;
    for (const wj of c.xWeight) total += wj;
    gradient[0] = gp - sumXL;
    gradient[1] = gq - sumL;
    gradient[2] = gg + (q / g) * total;
  }
  return ll;
}

/**
 * Fits the Gamma-Gamma spend model by maximum likelihood: a customer's order values are
 * Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, so the mean m̄ of x repeat orders has the
 * density (Hardie's note, eq. 4)
 *
 *   f(m̄ | p, q, γ, x) = Γ(px+q)/(Γ(px) Γ(q)) · γ^q m̄^{px−1} x^{px} / (γ + x m̄)^{px+q}.
 *
 * Rows with frequency 0 carry no spend information: they are skipped and counted in
 * `skippedCustomers`. Identical (x, m̄) rows are merged into weights; the gamma-function terms are
 * evaluated once per distinct x, so a row costs one logarithm per evaluation; the log-parameters
 * are fitted by BFGS with analytic gradients (money scaled to mean m̄ = 1 while fitting). The population mean
 * spend is p γ/(q − 1), finite only for q > 1.
 *
 * @param rows - `{ frequency, monetaryValue, weight? }`, e.g. the summaries of
 *   {@link summarizeTransactions} (monetaryValue = mean repeat order), or the table
 *   `summarizeTransactions` returns (read from its columns after one scan).
 * @param options - {@link FitOptions}: `penalty`, `initialParams`, `maxIterations`, `tolerance`, `strict`.
 * @returns A {@link GammaGammaModel} with `params` { p, q, gamma } and the fit's diagnostics.
 * @throws {RetentionMetricsError} INVALID_INPUT for a bad row (a repeat buyer with monetaryValue
 *   ≤ 0 is named `rows[i].monetaryValue`) or option; EMPTY_INPUT when no row has frequency > 0;
 *   NOT_CONVERGED when the estimate has q ≤ 1 (no finite mean spend: predictions would be
 *   negative or infinite), or when the fit does not converge and `strict` is set; NOT_IDENTIFIED
 *   when `strict` is set and the fit has `warnings` (e.g. identical spend: p and q run off).
 *
 * @example
 * ```ts
 * import { fitGammaGamma } from 'retention-metrics';
 * const model = fitGammaGamma([
 *   { frequency: 0, monetaryValue: 0 },
 *   { frequency: 1, monetaryValue: '12.50' },
 *   { frequency: 2, monetaryValue: 30 },
 *   { frequency: 4, monetaryValue: 22 },
 *   { frequency: 1, monetaryValue: 55 },
 *   { frequency: 3, monetaryValue: 18 },
 *   { frequency: 2, monetaryValue: 41 },
 * ]);
 * [model.model, model.customers, model.skippedCustomers]; // => ['gamma-gamma', 6, 1]
 * ```
 * @category Models
 */
export function fitGammaGamma(
  rows: readonly SpendRow[] | CustomerSummaryTable,
  options?: FitOptions<GammaGammaParams>,
): GammaGammaModel {
  const fn = 'fitGammaGamma';
  const o = parseFitOptions<FitOptions<GammaGammaParams>>(fn, ['p', 'q', 'gamma'], false, options);
  const histories = tableHistories(fn, 'rows', rows);
  const list = histories === undefined ? requireList(fn, 'rows', rows) : null;
  if (histories !== undefined && histories.size === 0) {
    throw new RetentionMetricsError('EMPTY_INPUT', `${fn}: rows must not be empty`, {
      path: ['rows'],
    });
  }
  const size = histories === undefined ? (list as readonly unknown[]).length : histories.size;
  const groups = new Map<number, Map<number, number>>();
  const xs: number[] = [];
  const ms: number[] = [];
  const ws: number[] = [];
  let skipped = 0;
  let customers = 0;
  let spendSum = 0;
  for (let i = 0; i < size; i++) {
    let x: number;
    let m: number;
    let wi = 1;
    if (histories !== undefined) {
      // A summary table's repeat frequency and exact mean repeat spend, as numbers.
      x = histories.x[i] as number;
      m = x === 0 ? 0 : histories.monetaryValue(i).toNumber();
      if (x > 0 && !(m > 0 && m < Number.POSITIVE_INFINITY)) {
        throw invalidElement(fn, 'rows', i, 'monetaryValue', REPEAT_SPEND, m);
      }
    } else {
      const row = (list as readonly unknown[])[i];
      ({ x, m } = readSpend(fn, 'rows', i, row));
      const weight = ownField(row, 'weight');
      if (weight !== undefined) {
        if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
          throw invalidElement(fn, 'rows', i, 'weight', 'a finite number > 0', weight);
        }
        wi = weight;
      }
    }
    if (x === 0) {
      skipped += wi;
      continue;
    }
    customers += wi;
    spendSum += wi * m;
    let byM = groups.get(x);
    if (byM === undefined) {
      byM = new Map();
      groups.set(x, byM);
    }
    const at = byM.get(m);
    if (at === undefined) {
      byM.set(m, xs.length);
      xs.push(x);
      ms.push(m);
      ws.push(wi);
    } else ws[at] = (ws[at] as number) + wi;
  }
  if (customers === 0) {
    throw new RetentionMetricsError(
      'EMPTY_INPUT',
      `${fn}: rows has no customer with frequency > 0 (repeat buyers carry the spend information)`,
      { path: ['rows'] },
    );
  }
  const x = Float64Array.from(xs);
  const m = Float64Array.from(ms);
  const w = Float64Array.from(ws);
  const scale = spendSum / customers;
  const scaled = spendColumns(
    x,
    m.map((v) => v / scale),
    w,
  );
  const original = spendColumns(x, m, w);
  const onScaled: LogLikelihood = (theta, gradient) =>
    gammaGammaLogLikelihood(scaled, theta, gradient);
  const onOriginal: LogLikelihood = (theta, gradient) =>
    gammaGammaLogLikelihood(original, theta, gradient);
  const fit = fitModel<GammaGammaParams>(
    {
      fn,
      names: ['p', 'q', 'gamma'],
      logLikelihood: onScaled,
      logLikelihoodOriginal: onOriginal,
      timeParams: ['gamma'],
      timeScale: scale,
      customers,
      distinctRows: x.length,
      start: [1, 1, 1],
    },
    {
      penalty: o.penalty,
      initialParams: o.initialParams as Partial<Record<string, number>> | undefined,
      maxIterations: o.maxIterations,
      tolerance: o.tolerance,
      strict: o.strict,
    },
  );
  if (fit.params.q <= 1) {
    throw new RetentionMetricsError(
      'NOT_CONVERGED',
      `${fn}: the estimate q = ${fit.params.q.toPrecision(4)} is ≤ 1, so the spend distribution has no finite mean and expected spend would be negative or infinite; the data do not support the Gamma-Gamma model (check for outliers, or fit with a penalty)`,
    );
  }
  return { model: 'gamma-gamma', ...fit, skippedCustomers: skipped };
}

/**
 * E[M | x, m̄] = (p γ + p x m̄)/(p x + q − 1); the population mean p γ/(q − 1) at x = 0.
 *
 * @internal
 */
export function gammaGammaConditionalSpend(p: GammaGammaParams, x: number, m: number): number {
  if (p.q <= 1) {
    throw new RetentionMetricsError(
      'OUT_OF_DOMAIN',
      `conditionalExpectedSpend: spendModel.params.q (${p.q}) must exceed 1 for the mean spend to be finite`,
      { path: ['spendModel', 'params', 'q'] },
    );
  }
  return (p.p * p.gamma + p.p * x * m) / (p.p * x + p.q - 1);
}
