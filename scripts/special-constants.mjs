// Prints the series coefficients of src/models/special.ts, computed with decimal.js at 50
// significant digits: ζ(k) − 1 and (ζ(k) − 1)/k for the digamma and log-gamma series around 2
// (Abramowitz & Stegun 6.1.33)
// and the Taylor coefficients (−1)^(k+1) ζ(k+1, x₀) of digamma around its positive root x₀.
// The Hurwitz zeta function ζ(s, a) = Σ_{n≥0} (n + a)^(−s) is summed by Euler–Maclaurin:
// the first N terms, then (N + a)^(1−s)/(s − 1) + (N + a)^(−s)/2 and the Bernoulli corrections.
//
// Run: `node scripts/special-constants.mjs`.
import Decimal from 'decimal.js';

const D = Decimal.clone({ precision: 50 });
// B_2 … B_20 (Abramowitz & Stegun table 23.2).
const BERNOULLI = [
  [1, 6],
  [-1, 30],
  [1, 42],
  [-1, 30],
  [5, 66],
  [-691, 2730],
  [7, 6],
  [-3617, 510],
  [43867, 798],
  [-174611, 330],
].map(([p, q]) => new D(p).div(q));

function hurwitz(s, a) {
  const N = 40;
  let sum = new D(0);
  for (let n = 0; n < N; n++) sum = sum.plus(new D(n).plus(a).pow(-s));
  const b = new D(N).plus(a);
  sum = sum.plus(b.pow(1 - s).div(s - 1)).plus(b.pow(-s).div(2));
  let rising = new D(s); // s (s+1) … (s+2j−2)
  let factorial = new D(2); // (2j)!
  for (let j = 1; j <= BERNOULLI.length; j++) {
    sum = sum.plus(
      BERNOULLI[j - 1]
        .div(factorial)
        .times(rising)
        .times(b.pow(-s - 2 * j + 1)),
    );
    rising = rising.times(s + 2 * j - 1).times(s + 2 * j);
    factorial = factorial.times(2 * j + 1).times(2 * j + 2);
  }
  return sum;
}

// The positive root of digamma (OEIS A030169).
const ROOT = new D('1.4616321449683623412626595423257213284681962040064463512959884086');
const hi = Number(ROOT.toPrecision(17));
console.log(`ROOT_HI = ${hi}, ROOT_LO = ${Number(ROOT.minus(hi.toPrecision(60)))}`);
console.log('zeta(k) - 1, k = 2..30:');
for (let k = 2; k <= 30; k++) console.log(`  ${Number(hurwitz(k, 1).minus(1))},`);
console.log('(zeta(k) - 1) / k, k = 2..30:');
for (let k = 2; k <= 30; k++) console.log(`  ${Number(hurwitz(k, 1).minus(1).div(k))},`);
console.log('digamma Taylor coefficients at the root, k = 1..24:');
for (let k = 1; k <= 24; k++) {
  const c = hurwitz(k + 1, ROOT);
  console.log(`  ${Number(k % 2 === 1 ? c : c.neg())},`);
}
