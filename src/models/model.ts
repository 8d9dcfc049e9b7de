/**
 * The shapes of fitted models: plain, JSON-serialisable objects holding the parameters, the fit's
 * diagnostics and the time unit of the data.
 *
 * @module
 */
import type { DurationUnit } from '../transactions/log.js';

/** The format tag and version of fitted models, checked when a stored model is read back. */
export const MODEL_FORMAT = 'retention-metrics/model';
/** The current format version of fitted models. */
export const MODEL_FORMAT_VERSION = 1;

/** Parameters of BG/NBD and MBG/NBD: purchase rate λ ~ Gamma(r, α), dropout p ~ Beta(a, b). */
export interface BetaGeometricParams {
  readonly r: number;
  /** In the data's time unit. */
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** Parameters of Pareto/NBD: purchase rate λ ~ Gamma(r, α), dropout rate μ ~ Gamma(s, β). */
export interface ParetoNbdParams {
  readonly r: number;
  /** In the data's time unit. */
  readonly alpha: number;
  readonly s: number;
  /** In the data's time unit. */
  readonly beta: number;
}

/** Parameters of Gamma-Gamma: spend per order ~ Gamma(p, ν), ν ~ Gamma(q, γ). */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  /** In the currency's unit. */
  readonly gamma: number;
}

/**
 * The codes of {@link FitWarning}, stable like the error codes: each says why the data may not
 * identify the fitted parameters (docs/models.md, "When the data cannot identify the model").
 *
 * - `PARAMETER_AT_BOUND`: a parameter ended within a factor e of the optimiser's box e^±20 (on the
 *   fitting scale, time or money scaled to 1).
 * - `PARAMETER_DIVERGING`: a parameter ended beyond e^±10 on the fitting scale, running off
 *   towards the box.
 * - `SINGULAR_HESSIAN`: the Hessian is not positive definite at the estimate: no standard errors.
 * - `LARGE_STANDARD_ERROR`: a standard error exceeds its estimate.
 * - `TOO_FEW_CUSTOMERS`: fewer than 10 customers per parameter.
 * - `TOO_FEW_DISTINCT_ROWS`: no more distinct rows than parameters.
 * - `NO_REPEAT_PURCHASES`: no customer has a repeat purchase (purchase models).
 */
export const FIT_WARNING_CODES = Object.freeze([
  'PARAMETER_AT_BOUND',
  'PARAMETER_DIVERGING',
  'SINGULAR_HESSIAN',
  'LARGE_STANDARD_ERROR',
  'TOO_FEW_CUSTOMERS',
  'TOO_FEW_DISTINCT_ROWS',
  'NO_REPEAT_PURCHASES',
] as const);

/** A code of {@link FIT_WARNING_CODES}. */
export type FitWarningCode = (typeof FIT_WARNING_CODES)[number];

/** A reason to distrust a fit's estimates, recorded in its `warnings`. */
export interface FitWarning {
  /** The stable code. */
  readonly code: FitWarningCode;
  /** The parameter it is about, when it is about one. */
  readonly parameter?: string;
  /** A sentence naming the parameter and the numbers. */
  readonly message: string;
}

/** What every fitted model records about its fit. */
export interface FitDiagnostics<P> {
  /** The format tag, {@link MODEL_FORMAT}. */
  readonly format: typeof MODEL_FORMAT;
  /** The format version, {@link MODEL_FORMAT_VERSION}. */
  readonly version: typeof MODEL_FORMAT_VERSION;
  /** The maximum-likelihood (or penalised) estimates. */
  readonly params: P;
  /** Σ weight × log-likelihood at `params`, in the data's own units (comparable with the papers). */
  readonly logLikelihood: number;
  /** Customers fitted (Σ weights). */
  readonly customers: number;
  /** Distinct rows after compression. */
  readonly distinctRows: number;
  /** Whether BFGS and its restart from the optimum both ended with the gradient within tolerance. */
  readonly converged: boolean;
  /** BFGS iterations (both runs). */
  readonly iterations: number;
  /** Largest |∂f/∂ln θ| at the optimum, f = −mean log-likelihood + penalty. */
  readonly gradientNorm: number;
  /**
   * Standard errors by the delta method: √(θ_i² (H⁻¹)_ii), H the Hessian of −log-likelihood in
   * the log-parameters; `null` when H is not positive definite at the estimate.
   */
  readonly standardErrors: P | null;
  /**
   * Covariance of the parameters (rows and columns in the order of `params`' keys): θ_i θ_j
   * (H⁻¹)_ij; `null` when H is not positive definite.
   */
  readonly covariance: number[][] | null;
  /** Akaike information criterion 2k − 2 LL. */
  readonly aic: number;
  /** Bayesian information criterion k ln(customers) − 2 LL. */
  readonly bic: number;
  /** The L2 penalty coefficient used (0: plain maximum likelihood). */
  readonly penalty: number;
  /**
   * Why the data may not identify the estimates; empty for a well-identified fit. A model stored
   * before the field existed reads back with `[]`.
   */
  readonly warnings: readonly FitWarning[];
}

/** A fitted BG/NBD model (Fader, Hardie & Lee 2005). */
export interface BgNbdModel extends FitDiagnostics<BetaGeometricParams> {
  readonly model: 'bg-nbd';
  /** The time unit of the data (of recency, T and of every t in predictions). */
  readonly unit: DurationUnit;
}

/** A fitted MBG/NBD model (Batislam, Denizel & Filiztekin 2007). */
export interface ModifiedBgNbdModel extends FitDiagnostics<BetaGeometricParams> {
  readonly model: 'mbg-nbd';
  /** The time unit of the data. */
  readonly unit: DurationUnit;
}

/** A fitted Pareto/NBD model (Schmittlein, Morrison & Colombo 1987). */
export interface ParetoNbdModel extends FitDiagnostics<ParetoNbdParams> {
  readonly model: 'pareto-nbd';
  /** The time unit of the data. */
  readonly unit: DurationUnit;
}

/** A fitted Gamma-Gamma spend model (Fader, Hardie & Lee 2005; Colombo & Jiang 1999). */
export interface GammaGammaModel extends FitDiagnostics<GammaGammaParams> {
  readonly model: 'gamma-gamma';
  /** Rows with frequency 0, which carry no spend information and were skipped. */
  readonly skippedCustomers: number;
}

/** Any fitted purchase (transaction-count) model. */
export type PurchaseModel = BgNbdModel | ModifiedBgNbdModel | ParetoNbdModel;

/** Any fitted model of this library. */
export type FittedModel = PurchaseModel | GammaGammaModel;
