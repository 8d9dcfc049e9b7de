/**
 * Special functions of the predictive models, in float64 and in log space: log-gamma (with the
 * sign of Γ), digamma, log-beta, log-sum-exp and the logistic function.
 *
 * Log-gamma and digamma are written here (no dependency), accurate to a few ulp for x > 0 (tested
 * against the Cephes/Boost ports of `@stdlib/math` on a grid from 1e-300 to 1e300), with
 * relative accuracy kept near their zeros: ln Γ at 1 and 2, ψ at x₀ ≈ 1.46163. The series
 * coefficients come from `scripts/special-constants.mjs` (50-digit decimal arithmetic).
 *
 * @module
 */

/** ½ ln(2π). */
const HALF_LN_2PI = 0.9189385332046728;
/** ln π. */
const LN_PI = 1.1447298858494002;
/** 1 − γ, with γ the Euler–Mascheroni constant 0.57721 56649 01532 86060 65… */
const ONE_MINUS_EULER = 0.42278433509846713;

/** ζ(k) − 1 for k = 2 … 30, the coefficients of ψ(2 + ε) (the derivative of A&S 6.1.33). */
const ZETA_MINUS_ONE = [
  0.6449340668482264, 0.2020569031595943, 0.08232323371113819, 0.03692775514336993,
  0.01734306198444914, 0.008349277381922827, 0.00407735619794434, 0.0020083928260822143,
  0.0009945751278180853, 0.0004941886041194645, 0.0002460865533080483, 0.00012271334757848915,
  0.00006124813505870483, 0.00003058823630702049, 0.00001528225940865187, 0.000007637197637899763,
  0.00000381729326499984, 0.000001908212716553939, 9.539620338727962e-7, 4.769329867878064e-7,
  2.38450502727733e-7, 1.1921992596531106e-7, 5.960818905125948e-8, 2.980350351465228e-8,
  1.4901554828365043e-8, 7.45071178983543e-9, 3.725334024788457e-9, 1.862659723513049e-9,
  9.313274324196682e-10,
];

/** (ζ(k) − 1) / k for k = 2 … 30, the coefficients of ln Γ(2 + ε) (Abramowitz & Stegun 6.1.33). */
const ZETA_MINUS_ONE_OVER_K = [
  0.3224670334241132, 0.0673523010531981, 0.020580808427784546, 0.007385551028673986,
  0.0028905103307415234, 0.001192753911703261, 0.0005096695247430425, 0.00022315475845357939,
  0.00009945751278180853, 0.00004492623673813314, 0.00002050721277567069, 0.000009439488275268397,
  0.000004374866789907488, 0.000002039215753801366, 9.55141213040742e-7, 4.492469198764566e-7,
  2.1207184805554665e-7, 1.0043224823968099e-7, 4.7698101693639804e-8, 2.2711094608943164e-8,
  1.0838659214896955e-8, 5.183475041970047e-9, 2.4836745438024785e-9, 1.1921401405860912e-9,
  5.731367241678862e-10, 2.7595228851242334e-10, 1.330476437424449e-10, 6.4229645638381e-11,
  3.1044247747322276e-11,
];

/**
 * ln Γ(2 + ε) = ε (1 − γ) + Σ_{k≥2} (−1)^k (ζ(k) − 1) ε^k / k for |ε| ≤ ½ (Abramowitz & Stegun
 * 6.1.33 with ln Γ(2 + ε) = ln Γ(1 + ε) + ln(1 + ε)), summed in t = −ε. Terms fall like 4^{−k};
 * 29 of them reach 1e-18. Relative accuracy holds at the zero ε = 0.
 */
function lnGammaNearTwo(e: number): number {
  const t = -e;
  let sum = 0;
  for (let i = ZETA_MINUS_ONE_OVER_K.length - 1; i >= 0; i--) {
    sum = sum * t + (ZETA_MINUS_ONE_OVER_K[i] as number);
  }
  return e * ONE_MINUS_EULER + t * t * sum;
}

/**
 * B_{2k} / (2k (2k − 1)) for k = 1 … 8, the Stirling series of ln Γ (Abramowitz & Stegun 6.1.40).
 */
const STIRLING = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400,
];

/** Where the Stirling series takes over; its first omitted term there is below 2e-18. */
const STIRLING_FROM = 10;

/** ln Γ(x) for x > 0 (finite or +Infinity). */
function lnGammaPositive(x: number): number {
  if (x < 0.5) return lnGammaNearTwo(x) - Math.log1p(x) - Math.log(x);
  if (x < 1.5) return lnGammaNearTwo(x - 1) - Math.log1p(x - 1);
  if (x < 2.5) return lnGammaNearTwo(x - 2);
  if (x < STIRLING_FROM) {
    // ln Γ(x) = ln Γ(x − n) + ln[(x − 1)(x − 2)…(x − n)], down to [1.5, 2.5).
    let y = x;
    let product = 1;
    while (y >= 2.5) {
      y -= 1;
      product *= y;
    }
    return lnGammaNearTwo(y - 2) + Math.log(product);
  }
  if (x === Number.POSITIVE_INFINITY) return x;
  const z = 1 / x;
  const z2 = z * z;
  let series = 0;
  for (let i = STIRLING.length - 1; i >= 0; i--) series = series * z2 + (STIRLING[i] as number);
  return (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + series * z;
}

/** |sin(πx)| for a finite x, exact in the argument reduction (x mod 1 is exact in float64). */
function absSinPi(x: number): number {
  let u = Math.abs(x) % 1;
  if (u > 0.5) u = 1 - u;
  return Math.sin(Math.PI * u);
}

/**
 * ln|Γ(x)|, the natural logarithm of the absolute value of the gamma function; +Infinity at the
 * poles (0, −1, −2, …) and at ±Infinity, NaN only for NaN.
 *
 * - 0 < x < 2.5: the series of ln Γ(2 + ε) in ζ(k) − 1 (Abramowitz & Stegun 6.1.33), shifted by
 *   Γ(x + 1) = x Γ(x); relative accuracy holds at the zeros x = 1 and x = 2, and for tiny x
 *   (ln Γ(1e-300) = −ln 1e-300 − γ·1e-300 + … = 690.78).
 * - 2.5 ≤ x < 10: the recurrence ln Γ(x) = ln Γ(x − n) + ln ∏_{i=1}^{n} (x − i) down to [1.5, 2.5).
 * - x ≥ 10: Stirling's series ln Γ(x) = (x − ½) ln x − x + ½ ln 2π + Σ_{k=1}^{8} B_{2k} / (2k (2k − 1) x^{2k−1})
 *   (Abramowitz & Stegun 6.1.40); finite up to x ≈ 2.5e305 and +Infinity beyond, as the value
 *   itself overflows.
 * - x < 0, not an integer: the reflection Γ(x) Γ(1 − x) = π / sin(πx) (A&S 6.1.17),
 *   ln|Γ(x)| = ln π − ln|sin(πx)| − ln Γ(1 − x), with sin(πx) reduced exactly modulo 1.
 *
 * Relative error against the Cephes/Boost implementations is below 1e-14 for x > 0 (see
 * test/models/special.test.ts).
 *
 * @internal
 */
export function lnGamma(x: number): number {
  if (x > 0) return lnGammaPositive(x);
  if (Number.isNaN(x)) return x;
  if (Number.isInteger(x) || x === Number.NEGATIVE_INFINITY) return Number.POSITIVE_INFINITY;
  return LN_PI - Math.log(absSinPi(x)) - lnGammaPositive(1 - x);
}

/**
 * The positive root x₀ = 1.46163 21449 68362 34126 … of ψ (OEIS A030169), as a double and the
 * rest, so that x − x₀ is exact to about 1e-32.
 */
const PSI_ROOT_HI = 1.4616321449683622;
const PSI_ROOT_LO = 9.549995429965697e-17;
/** Half-width of the interval around x₀ where the Taylor series at the root is used. */
const PSI_ROOT_RADIUS = 0.3;

/**
 * Taylor coefficients of ψ at its root: ψ^{(k)}(x₀) / k! = (−1)^{k+1} ζ(k + 1, x₀) (A&S 6.4.10),
 * k = 1 … 24. Terms fall like (0.684·|x − x₀|)^k: 0.21^k at the edge of the interval.
 */
const PSI_ROOT_SERIES = [
  0.9676722454476212, -0.4427631689835921, 0.258499760955651, -0.16394270544240652,
  0.10782405069126237, -0.07219956125645471, 0.04880428816414311, -0.03316112647484736,
  0.022597648232218104, -0.01542476590494896, 0.010538791616612175, -0.007204534386356869,
  0.004926781395729853, -0.003369801655439328, 0.002305126326734928, -0.0015769367714301972,
  0.0010788252019162967, -0.0007380709389960052, 0.000504953265834602, -0.0003454680251063077,
  0.00023635601564027053, -0.00016170622091974803, 0.0001106337276874741, -0.00007569179582195066,
];

/**
 * B_{2k} / (2k) for k = 1 … 8, the asymptotic series of ψ (Abramowitz & Stegun 6.3.18).
 */
const PSI_ASYMPTOTIC = [
  1 / 12,
  -1 / 120,
  1 / 252,
  -1 / 240,
  1 / 132,
  -691 / 32760,
  1 / 12,
  -3617 / 8160,
];

/** ψ(x) for 1.16 < x < 2.5, by the series at x₀ or at 2. */
function digammaMiddle(x: number): number {
  const d = x - PSI_ROOT_HI - PSI_ROOT_LO;
  if (Math.abs(d) <= PSI_ROOT_RADIUS) {
    let sum = 0;
    for (let i = PSI_ROOT_SERIES.length - 1; i >= 0; i--) {
      sum = sum * d + (PSI_ROOT_SERIES[i] as number);
    }
    return sum * d;
  }
  // ψ(2 + ε) = 1 − γ + Σ_{k≥2} (−1)^k (ζ(k) − 1) ε^{k−1}, the derivative of A&S 6.1.33,
  // = 1 − γ − t Σ_{k≥2} (ζ(k) − 1) t^{k−2} with t = −ε.
  const t = 2 - x;
  let sum = 0;
  for (let i = ZETA_MINUS_ONE.length - 1; i >= 0; i--) {
    sum = sum * t + (ZETA_MINUS_ONE[i] as number);
  }
  return ONE_MINUS_EULER - t * sum;
}

/** ψ(x) for x > 0 (finite or +Infinity). */
function digammaPositive(x: number): number {
  if (x <= PSI_ROOT_HI - PSI_ROOT_RADIUS) return digammaPositive(x + 1) - 1 / x;
  if (x < 2.5) return digammaMiddle(x);
  if (x < STIRLING_FROM) {
    // ψ(x) = ψ(x − n) + Σ_{i=1}^{n} 1/(x − i), down to [1.5, 2.5): every term is positive.
    let y = x;
    let sum = 0;
    while (y >= 2.5) {
      y -= 1;
      sum += 1 / y;
    }
    return digammaMiddle(y) + sum;
  }
  if (x === Number.POSITIVE_INFINITY) return x;
  const z = 1 / x;
  const z2 = z * z;
  let series = 0;
  for (let i = PSI_ASYMPTOTIC.length - 1; i >= 0; i--) {
    series = series * z2 + (PSI_ASYMPTOTIC[i] as number);
  }
  return Math.log(x) - 0.5 * z - series * z2;
}

/**
 * ψ(x) = d/dx ln Γ(x), the digamma function; NaN at the poles (0, −1, −2, …), at −Infinity and
 * for NaN, +Infinity at +Infinity, finite for every other x.
 *
 * - Near its root x₀ = 1.46163… (|x − x₀| ≤ 0.3): the Taylor series
 *   Σ_{k≥1} (−1)^{k+1} ζ(k + 1, x₀) (x − x₀)^k (A&S 6.4.10), which keeps relative accuracy at the zero.
 * - 1.76 < x < 2.5: ψ(2 + ε) = 1 − γ + Σ_{k≥2} (−1)^k (ζ(k) − 1) ε^{k−1} (the derivative of A&S 6.1.33).
 * - 0 < x ≤ 1.16: ψ(x) = ψ(x + 1) − 1/x (A&S 6.3.5); 2.5 ≤ x < 10: the same recurrence downwards,
 *   ψ(x) = ψ(x − n) + Σ_{i=1}^{n} 1/(x − i), to [1.5, 2.5).
 * - x ≥ 10: the asymptotic series ψ(x) ~ ln x − 1/(2x) − Σ_{k=1}^{8} B_{2k} / (2k x^{2k})
 *   (A&S 6.3.18), whose first omitted term at x = 10 is below 3e-18.
 * - x < 0, not an integer: the reflection ψ(1 − x) − ψ(x) = π cot(πx) (A&S 6.3.7), with cot(πx)
 *   reduced exactly modulo 1.
 *
 * @internal
 */
export function digamma(x: number): number {
  if (x > 0) return digammaPositive(x);
  if (Number.isInteger(x) || !Number.isFinite(x)) return Number.NaN;
  // cot(πx) = −cot(πu) with u = −(x mod 1) ∈ (0, 1), and −cot(πu) = cot(π(1 − u)) for u > ½;
  // x mod 1 and 1 − u (u ≥ ½) are exact in float64.
  const u = -(x % 1);
  const cotPiX = u <= 0.5 ? -1 / Math.tan(Math.PI * u) : 1 / Math.tan(Math.PI * (1 - u));
  return digammaPositive(1 - x) - Math.PI * cotPiX;
}

/**
 * The sign of Γ(x): 1 for x > 0, (−1)^⌈−x⌉ between the poles of the negative axis, 0 at a pole
 * (where 1/Γ(x) = 0).
 *
 * @internal
 */
export function gammaSign(x: number): -1 | 0 | 1 {
  if (x > 0) return 1;
  if (Number.isInteger(x)) return 0;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0.
 *
 * @internal
 */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/**
 * ln(e^a + e^b) without overflow: max(a, b) + ln(1 + e^{−|a − b|}).
 *
 * @internal
 */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * ln Σ e^{v_i}, shifted by the maximum so that no term overflows; −Infinity for an empty list.
 *
 * @internal
 */
export function logSumExp(values: readonly number[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > max) max = v;
  if (max === Number.NEGATIVE_INFINITY || max === Number.POSITIVE_INFINITY) return max;
  let sum = 0;
  for (const v of values) sum += Math.exp(v - max);
  return max + Math.log(sum);
}

/**
 * The logistic function 1 / (1 + e^{−z}), computed without overflow for any z.
 *
 * @internal
 */
export function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * ln(1 + e^z) (softplus), without overflow.
 *
 * @internal
 */
export function log1pExp(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}
