/**
 * The likelihood shared by BG/NBD and MBG/NBD, with its analytic gradient.
 *
 * A customer buys at rate λ ~ Gamma(r, α) while alive and drops out with probability
 * p ~ Beta(a, b) after each purchase (BG/NBD, Fader, Hardie & Lee 2005, eq. 6), and also right at
 * the first purchase (MBG/NBD, Batislam, Denizel & Filiztekin 2007, eq. 6). With k = 0 (BG/NBD)
 * or k = 1 (MBG/NBD), in the log form of Hardie's note 027 ("#NUM!"):
 *
 *   LL = ln Γ(r+x) − ln Γ(r) + ln Γ(a+b) + ln Γ(b+x+k) − ln Γ(b) − ln Γ(a+b+x+k)
 *        + r ln α − (r+x) ln(α+T) + ln(1 + e^ℓ),
 *   ℓ = ln a − ln(b+x+k−1) + (r+x) (ln(α+T) − ln(α+t_x)),
 *
 * where the last term is absent for BG/NBD customers with x = 0. The gamma-function terms
 * depend on x only and are evaluated once per distinct x.
 *
 * @module
 */
import type { CompressedRows } from './rows.js';
import { digamma, lnGamma } from './special.js';

/** 0 for BG/NBD, 1 for MBG/NBD: the extra dropout opportunity at the first purchase. */
export type DropoutShift = 0 | 1;

/**
 * Σ w·LL over the rows at θ = (r, α, a, b), and its gradient into `gradient` when given.
 *
 * @internal
 */
export function betaGeometricLogLikelihood(
  k: DropoutShift,
  rows: CompressedRows,
  theta: Float64Array,
  gradient: Float64Array | null,
): number {
  const r = theta[0] as number;
  const alpha = theta[1] as number;
  const a = theta[2] as number;
  const b = theta[3] as number;
  const { xs, xWeight, xIndex, x, tx, T, w, size, Ts, TIndex } = rows;
  const m = xs.length;
  // Per distinct x: the gamma-function part of LL and ln a − ln(b+x+k−1).
  const gammaPart = new Float64Array(m);
  const oddsPart = new Float64Array(m);
  const lnGammaAB = lnGamma(a + b);
  const lnGammaR = lnGamma(r);
  const lnGammaB = lnGamma(b);
  const lnA = Math.log(a);
  let ll = 0;
  for (let j = 0; j < m; j++) {
    const xj = xs[j] as number;
    gammaPart[j] =
      lnGamma(r + xj) -
      lnGammaR +
      lnGammaAB +
      lnGamma(b + xj + k) -
      lnGammaB -
      lnGamma(a + b + xj + k);
    oddsPart[j] = k === 0 && xj === 0 ? Number.NEGATIVE_INFINITY : lnA - Math.log(b + xj + k - 1);
    ll += (xWeight[j] as number) * (gammaPart[j] as number);
  }
  const lnAlpha = Math.log(alpha);
  // ln(α+T) once per distinct T.
  const lnAlphaT = new Float64Array(Ts.length);
  for (let k = 0; k < Ts.length; k++) lnAlphaT[k] = Math.log(alpha + (Ts[k] as number));
  let gr = 0;
  let galpha = 0;
  // Σ w·q and Σ w·q/(b+x+k−1) by distinct x, for the a and b derivatives.
  const qByX = gradient === null ? null : new Float64Array(m);
  for (let i = 0; i < size; i++) {
    const xi = x[i] as number;
    const wi = w[i] as number;
    const j = xIndex[i] as number;
    const lnAT = lnAlphaT[TIndex[i] as number] as number;
    let row = r * lnAlpha - (r + xi) * lnAT;
    const odds = oddsPart[j] as number;
    if (odds === Number.NEGATIVE_INFINITY) {
      ll += wi * row;
      if (gradient !== null) {
        gr += wi * (lnAlpha - lnAT);
        galpha += wi * (r / alpha - (r + xi) / (alpha + (T[i] as number)));
      }
      continue;
    }
    const lnAX = Math.log(alpha + (tx[i] as number));
    const l = odds + (r + xi) * (lnAT - lnAX);
    // ln(1 + e^l) and the logistic q = e^l/(1 + e^l) from one exponential.
    const e = Math.exp(-Math.abs(l));
    row += Math.max(l, 0) + Math.log1p(e);
    ll += wi * row;
    if (gradient !== null && qByX !== null) {
      const q = l >= 0 ? 1 / (1 + e) : e / (1 + e);
      gr += wi * (lnAlpha - lnAT + q * (lnAT - lnAX));
      galpha +=
        wi *
        (r / alpha -
          (r + xi) / (alpha + (T[i] as number)) +
          q * (r + xi) * (1 / (alpha + (T[i] as number)) - 1 / (alpha + (tx[i] as number))));
      qByX[j] = (qByX[j] as number) + wi * q;
    }
  }
  if (gradient !== null && qByX !== null) {
    const psiR = digamma(r);
    const psiAB = digamma(a + b);
    const psiB = digamma(b);
    let ga = 0;
    let gb = 0;
    for (let j = 0; j < m; j++) {
      const xj = xs[j] as number;
      const wj = xWeight[j] as number;
      const psiABX = digamma(a + b + xj + k);
      gr += wj * (digamma(r + xj) - psiR);
      ga += wj * (psiAB - psiABX);
      gb += wj * (psiAB + digamma(b + xj + k) - psiB - psiABX);
      const qw = qByX[j] as number;
      if (qw !== 0) {
        ga += qw / a;
        gb -= qw / (b + xj + k - 1);
      }
    }
    gradient[0] = gr;
    gradient[1] = galpha;
    gradient[2] = ga;
    gradient[3] = gb;
  }
  return ll;
}
