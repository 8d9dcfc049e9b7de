/**
 * The checks of a stored fitted model across its fields: what the fitting functions guarantee
 * about the models they return, so that a model that passes is one the library could have
 * produced. The shape (names, positive finite parameters) is the schema's.
 *
 * @module
 */

/** Reports a problem: a complete message and the path of the value it is about. @internal */
export type ModelIssueReport = (message: string, path: (string | number)[]) => void;

/** The fields of a stored model the checks read. @internal */
export interface StoredFit {
  readonly params: Readonly<Record<string, number>>;
  readonly logLikelihood: number;
  readonly customers: number;
  readonly standardErrors: Readonly<Record<string, number>> | null;
  readonly covariance: readonly (readonly number[])[] | null;
  readonly aic: number;
  readonly bic: number;
}

/** Equal up to a few units in the last place (`Math.log` may differ by one ulp across engines). */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Reports a covariance that is not symmetric or has a negative diagonal, standard errors that are
 * not the square roots of its diagonal (or one of the two without the other), and an AIC or BIC
 * that is not `2k − 2 LL` or `k ln(customers) − 2 LL`.
 *
 * @internal
 */
export function checkFitConsistency(
  fit: StoredFit,
  names: readonly string[],
  report: ModelIssueReport,
): void {
  const cov = fit.covariance;
  const se = fit.standardErrors;
  if ((cov === null) !== (se === null)) {
    report(
      cov === null
        ? 'is null, but standardErrors is not: both come from the same Hessian, and are null together'
        : 'is present, but standardErrors is null: both come from the same Hessian, and are null together',
      ['covariance'],
    );
  }
  if (cov !== null) {
    checkCovariance(cov, names, se, report);
  }
  const k = names.length;
  const aic = 2 * k - 2 * fit.logLikelihood;
  if (!close(fit.aic, aic)) {
    report(`is ${fit.aic}, but 2k − 2 logLikelihood = ${aic} (k = ${k} parameters)`, ['aic']);
  }
  const bic = k * Math.log(fit.customers) - 2 * fit.logLikelihood;
  if (!close(fit.bic, bic)) {
    report(
      `is ${fit.bic}, but k ln(customers) − 2 logLikelihood = ${bic} (k = ${k}, customers = ${fit.customers})`,
      ['bic'],
    );
  }
}

function checkCovariance(
  cov: readonly (readonly number[])[],
  names: readonly string[],
  se: Readonly<Record<string, number>> | null,
  report: ModelIssueReport,
): void {
  for (let i = 0; i < names.length; i++) {
    const diagonal = cov[i]?.[i] as number;
    if (diagonal < 0) {
      report(`is ${diagonal}, a negative variance`, ['covariance', i, i]);
    } else if (se !== null) {
      const name = names[i] as string;
      const expected = Math.sqrt(diagonal);
      if (!close(se[name] as number, expected)) {
        report(`is ${se[name]}, but the square root of covariance[${i}][${i}] is ${expected}`, [
          'standardErrors',
          name,
        ]);
      }
    }
    for (let j = 0; j < i; j++) {
      if (cov[i]?.[j] !== cov[j]?.[i]) {
        report(
          `is ${cov[i]?.[j]}, but covariance[${j}][${i}] is ${cov[j]?.[i]}: it must be symmetric`,
          ['covariance', i, j],
        );
      }
    }
  }
}
