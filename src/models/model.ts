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
