/**
 * Fitting a purchase model (BG/NBD, MBG/NBD, Pareto/NBD) to rows: validation, compression, the
 * time scale (max T = 1 while fitting) and the fitted model object.
 *
 * @module
 */
import type { DurationUnit } from '../transactions/log.js';
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
    },
    {
      penalty: o.penalty,
      initialParams: o.initialParams as Partial<Record<string, number>> | undefined,
      maxIterations: o.maxIterations,
      tolerance: o.tolerance,
      strict: o.strict,
    },
  );
  return { ...fit, unit: o.unit ?? 'day' };
}
