/**
 * Fitting a purchase model (BG/NBD, MBG/NBD, Pareto/NBD) to rows: validation, compression, the
 * time scale (max T = 1 while fitting) and the fitted model object.
 *
 * @module
 */
import { RetentionMetricsError } from '../core/errors.js';
import type { DurationUnit } from '../transactions/log.js';
import { type CustomerSummaryTable, summaryTableParts } from '../transactions/summary-table.js';
import { fitModel, type LogLikelihood, type PurchaseFitOptions, parseFitOptions } from './fit.js';
import type { FitDiagnostics } from './model.js';
import { type CompressedRows, compressRows, scaleRows } from './rows.js';

/** The parts of a purchase model that {@link fitPurchaseModel} needs. @internal */
export interface PurchaseModelSpec {
  readonly fn: string;
  readonly names: readonly string[];
  readonly timeParams: readonly string[];
  readonly start: readonly number[];
  readonly logLikelihood: (
    rows: CompressedRows,
    theta: Float64Array,
    gradient: Float64Array | null,
  ) => number;
}

/** Fits a purchase model. @internal */
export function fitPurchaseModel<P>(
  spec: PurchaseModelSpec,
  rows: unknown,
  options: unknown,
): FitDiagnostics<P> & { unit: DurationUnit } {
  const o = parseFitOptions<PurchaseFitOptions<P>>(spec.fn, spec.names, true, options);
  const data = compressRows(spec.fn, rows);
  const unit = unitForTable(spec.fn, rows, o.unit);
  const timeScale = data.maxT > 0 ? data.maxT : 1;
  const scaled = scaleRows(data, timeScale);
  const onScaled: LogLikelihood = (theta, gradient) => spec.logLikelihood(scaled, theta, gradient);
  const onOriginal: LogLikelihood = (theta, gradient) => spec.logLikelihood(data, theta, gradient);
  const fit = fitModel<P>(
    {
      fn: spec.fn,
      names: spec.names,
      logLikelihood: onScaled,
      logLikelihoodOriginal: onOriginal,
      timeParams: spec.timeParams,
      timeScale,
      customers: data.customers,
      distinctRows: data.size,
      start: spec.start,
      // xs is ascending: only its first entry can be 0.
      repeatBuyers: data.customers - (data.xs[0] === 0 ? (data.xWeight[0] as number) : 0),
    },
    {
      penalty: o.penalty,
      initialParams: o.initialParams as Partial<Record<string, number>> | undefined,
      maxIterations: o.maxIterations,
      tolerance: o.tolerance,
      strict: o.strict,
    },
  );
  return { ...fit, unit };
}

/**
 * The duration unit of a fit: a summary table's `unit` is the default, and a given `unit` that
 * names another is `INVALID_INPUT`; rows default to `'day'`.
 */
function unitForTable(fn: string, rows: unknown, given: DurationUnit | undefined): DurationUnit {
  if (summaryTableParts(rows) === undefined) return given ?? 'day';
  const own = (rows as CustomerSummaryTable).options.unit;
  if (given !== undefined && given !== own) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: options.unit ${JSON.stringify(given)} conflicts with the summaries' unit ${JSON.stringify(own)}: give the unit the summaries were made with, or leave it out`,
      { path: ['options', 'unit'] },
    );
  }
  return own;
}
