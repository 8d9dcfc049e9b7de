/**
 * The Pareto/NBD log-likelihood of one customer with its analytic gradient in (r, α, s, β).
 *
 * The likelihood's two positive terms (note 009 eqs. 22–23) hold ₂F₁(w, b; w+1; z), whose series
 * Σ_j w/(w+j) · (b)_j z^j / j! is differentiated term by term:
 *
 *   ∂F/∂w = Σ j/(w+j)² (b)_j z^j/j!,  ∂F/∂b = Σ w/(w+j) (b)_j z^j/j! · Σ_{i<j} 1/(b+i),
 *   ∂F/∂z = Σ j w/(w+j) (b)_j z^{j−1}/j!,
 *
 * all summed in one pass with rescaling, and the chain rule through w = r+s+x, b (s or r+x),
 * z = |α−β|/(max(α,β)+t) and the power ((m+t_x)/(m+T))^w gives the gradient. Where z is so close
 * to 1 that the series would be slow (z > 0.95), the row's gradient is taken by central
 * differences of the likelihood evaluated with {@link hyp2f1}'s transformations instead.
 *
 * @module
 */
import type { ParetoNbdParams } from './model.js';
import { paretoNbdRowLogLikelihood } from './pareto-nbd-likelihood.js';

const SERIES_LIMIT = 0.95;
const MAX_TERMS = 10_000;
const RESCALE = 1e200;
const LOG_RESCALE = Math.log(RESCALE);

/** ln F and ∂F/∂w, ∂F/∂b, ∂F/∂z divided by F, for F = ₂F₁(w, b; w+1; z), 0 ≤ z ≤ 0.95. */
interface SeriesValue {
  logF: number;
  dw: number;
  db: number;
  dz: number;
  ok: boolean;
}

const scratch: SeriesValue = { logF: 0, dw: 0, db: 0, dz: 0, ok: true };

function series(w: number, b: number, z: number): SeriesValue {
  let u = 1; // (b)_j z^j / j!
  let h = 0; // Σ_{i<j} 1/(b+i)
  let f = 1;
  let fw = 0;
  let fb = 0;
  let fzj = 0; // Σ j c_j
  let scale = 0;
  let ok = false;
  if (z === 0) {
    scratch.logF = 0;
    scratch.dw = 0;
    scratch.db = 0;
    scratch.dz = (w * b) / (w + 1);
    scratch.ok = true;
    return scratch;
  }
  for (let j = 0; j < MAX_TERMS; j++) {
    h += 1 / (b + j);
    u *= ((b + j) * z) / (j + 1);
    const k = j + 1;
    const c = (w / (w + k)) * u;
    f += c;
    fw += (k / ((w + k) * (w + k))) * u;
    fb += c * h;
    fzj += k * c;
    if (c <= 1e-17 * f && (b + j) * z < j + 1) {
      ok = true;
      break;
    }
    if (f > RESCALE) {
      f /= RESCALE;
      u /= RESCALE;
      fw /= RESCALE;
      fb /= RESCALE;
      fzj /= RESCALE;
      scale += LOG_RESCALE;
    }
  }
  scratch.logF = Math.log(f) + scale;
  scratch.dw = fw / f;
  scratch.db = fb / f;
  scratch.dz = fzj / (f * z);
  scratch.ok = ok;
  return scratch;
}

const STEP = 1e-6;

/** Central differences of the row's log-likelihood in the log-parameters, as ∂/∂θ. */
function numericRow(
  p: ParetoNbdParams,
  lnGammaRatio: (r: number) => number,
  x: number,
  tx: number,
  T: number,
  gradient: Float64Array,
): number {
  const names = ['r', 'alpha', 's', 'beta'] as const;
  for (let i = 0; i < 4; i++) {
    const name = names[i] as (typeof names)[number];
    const up = { ...p, [name]: p[name] * Math.exp(STEP) };
    const down = { ...p, [name]: p[name] * Math.exp(-STEP) };
    const d =
      (paretoNbdRowLogLikelihood(up, lnGammaRatio(up.r), x, tx, T) -
        paretoNbdRowLogLikelihood(down, lnGammaRatio(down.r), x, tx, T)) /
      (2 * STEP);
    gradient[i] = d / p[name];
  }
  return paretoNbdRowLogLikelihood(p, lnGammaRatio(p.r), x, tx, T);
}

/**
 * ln L of one row and its gradient in (r, α, s, β) written into `gradient` (which the caller
 * adds up); `lnGammaRatio` = ln Γ(r+x) − ln Γ(r) and `psiRatio` = ψ(r+x) − ψ(r).
 *
 * @internal
 */
export function paretoNbdRowWithGradient(
  p: ParetoNbdParams,
  lnGammaRatio: number,
  psiRatio: number,
  lnGammaRatioAt: (r: number) => number,
  x: number,
  tx: number,
  T: number,
  gradient: Float64Array,
): number {
  const { r, alpha, s, beta } = p;
  const w = r + s + x;
  const alphaLarger = alpha >= beta;
  const m = alphaLarger ? alpha : beta;
  const d = Math.abs(alpha - beta);
  const z1 = d / (m + tx);
  const z2 = d / (m + T);
  if (z1 > SERIES_LIMIT) return numericRow(p, lnGammaRatioAt, x, tx, T, gradient);
  const b1 = alphaLarger ? s + 1 : r + x;
  const b2 = alphaLarger ? s : r + x + 1;
  const s1 = series(w, b1, z1);
  if (!s1.ok) return numericRow(p, lnGammaRatioAt, x, tx, T, gradient);
  const logF1 = s1.logF;
  const f1w = s1.dw;
  const f1b = s1.db;
  const f1z = s1.dz;
  const s2 = series(w, b2, z2);
  if (!s2.ok) return numericRow(p, lnGammaRatioAt, x, tx, T, gradient);
  const logF2 = s2.logF;
  const f2w = s2.dw;
  const f2b = s2.db;
  const f2z = s2.dz;
  const lnMX = Math.log(m + tx);
  const lnMT = Math.log(m + T);
  const lnRho = lnMX - lnMT;
  const lnA = Math.log(s) - Math.log(w) + logF1;
  const lnB = Math.log(r + x) - Math.log(w) + logF2 + w * lnRho;
  const top = Math.max(lnA, lnB);
  const ea = Math.exp(lnA - top);
  const eb = Math.exp(lnB - top);
  const sum = ea + eb;
  const qa = ea / sum;
  const qb = eb / sum;
  const ll =
    lnGammaRatio + r * Math.log(alpha) + s * Math.log(beta) - w * lnMX + top + Math.log(sum);
  // z derivatives with respect to α and β
  let z1a: number;
  let z1b: number;
  let z2a: number;
  let z2b: number;
  if (alphaLarger) {
    z1a = (beta + tx) / ((alpha + tx) * (alpha + tx));
    z1b = -1 / (alpha + tx);
    z2a = (beta + T) / ((alpha + T) * (alpha + T));
    z2b = -1 / (alpha + T);
  } else {
    z1a = -1 / (beta + tx);
    z1b = (alpha + tx) / ((beta + tx) * (beta + tx));
    z2a = -1 / (beta + T);
    z2b = (alpha + T) / ((beta + T) * (beta + T));
  }
  const dRhoM = 1 / (m + tx) - 1 / (m + T);
  // ∂ ln A, ∂ ln B
  const aR = -1 / w + f1w + (alphaLarger ? 0 : f1b);
  const aS = 1 / s - 1 / w + f1w + (alphaLarger ? f1b : 0);
  const aAlpha = f1z * z1a;
  const aBeta = f1z * z1b;
  const bR = 1 / (r + x) - 1 / w + f2w + (alphaLarger ? 0 : f2b) + lnRho;
  const bS = -1 / w + f2w + (alphaLarger ? f2b : 0) + lnRho;
  const bAlpha = f2z * z2a + (alphaLarger ? w * dRhoM : 0);
  const bBeta = f2z * z2b + (alphaLarger ? 0 : w * dRhoM);
  gradient[0] = psiRatio + Math.log(alpha) - lnMX + qa * aR + qb * bR;
  gradient[1] = r / alpha - (alphaLarger ? w / (m + tx) : 0) + qa * aAlpha + qb * bAlpha;
  gradient[2] = Math.log(beta) - lnMX + qa * aS + qb * bS;
  gradient[3] = s / beta - (alphaLarger ? 0 : w / (m + tx)) + qa * aBeta + qb * bBeta;
  return ll;
}
