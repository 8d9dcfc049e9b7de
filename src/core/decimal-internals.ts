/**
 * The only module that knows how decimal.js stores a value: the sign `s`, the exponent `e` and
 * the digits `d` in words of seven decimal digits (base 10^7), set as own properties in that
 * order after an own `constructor`. Every use of those fields goes through here, so a change of
 * representation in a later decimal.js is handled in one place.
 *
 * On first use (not at module load: importing the package has no side effects) the module checks
 * that decimal.js still stores values that way, by reading the fields of a few known values and
 * building the same values field by field. When the check fails, every function here takes the
 * public decimal.js API instead (division, `toExponential`, duck typing on public methods), which
 * gives the same results more slowly. decimal.js is pinned to the minor version the tests ran
 * against (`~10.6`).
 *
 * @module
 */
import { D, type Decimal } from './decimal.js';

/**
 * How the functions of this module work: `'fields'` reads and writes decimal.js's digit fields
 * directly; `'public'` uses only decimal.js's public API.
 *
 * @internal
 */
export type DecimalRepresentation = 'fields' | 'public';

/** The mode in use; `undefined` until the first use has checked the representation. */
let mode: DecimalRepresentation | undefined;
/** Builds a positive `D` from its exponent and digit words; set with `mode === 'fields'`. */
let buildPositive: ((e: number, d: number[]) => Decimal) | undefined;

/** The fields of a decimal.js instance, as this module expects them. */
interface Fields {
  s: number;
  e: number;
  d: number[];
}

/** Known values and their fields in decimal.js 10 (`1234567.89` is the words 1234567 and 8900000: words align on the decimal point). */
const PROBES: readonly (readonly [string, Fields])[] = [
  ['1234567.89', { s: 1, e: 6, d: [1234567, 8900000] }],
  ['0.05', { s: 1, e: -2, d: [500000] }],
  ['-120', { s: -1, e: 2, d: [120] }],
  ['98765432109876543', { s: 1, e: 16, d: [987, 6543210, 9876543] }],
];

/**
 * A constructor of positive values of `Ctor` field by field, as decimal.js's own constructor
 * leaves them (own `constructor`, then `s`, `e`, `d`; prototype `Ctor.prototype`), without the
 * constructor's argument checks and the `[0]` digit array it allocates for a zero.
 */
function fieldBuilder(Ctor: typeof D): (e: number, d: number[]) => Decimal {
  const Positive = function (this: Fields & { constructor: unknown }, e: number, d: number[]) {
    this.constructor = Ctor;
    this.s = 1;
    this.e = e;
    this.d = d;
  } as unknown as new (
    e: number,
    d: number[],
  ) => Decimal;
  Positive.prototype = Ctor.prototype;
  return (e, d) => new Positive(e, d);
}

/**
 * Whether instances of `Ctor` (a decimal.js constructor) store their values as this module
 * expects: the fields of known values are as listed, and values built field by field print,
 * compare and compute like the constructor's own.
 *
 * @internal
 */
export function representationMatches(Ctor: typeof D): boolean {
  try {
    const build = fieldBuilder(Ctor);
    for (const [text, expected] of PROBES) {
      const made = new Ctor(text);
      const own = made as unknown as Partial<Fields>;
      if (own.s !== expected.s || own.e !== expected.e) return false;
      if (!Array.isArray(own.d) || own.d.join() !== expected.d.join()) return false;
      if (expected.s !== 1) continue;
      const built = build(expected.e, [...expected.d]);
      if (
        Object.keys(built).join() !== Object.keys(made).join() ||
        built.toString() !== made.toString() ||
        !built.eq(made) ||
        built.plus(1).toString() !== made.plus(1).toString() ||
        built.e !== made.e
      ) {
        return false;
      }
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * The representation in use, checking decimal.js on the first call.
 *
 * @internal
 */
export function decimalRepresentation(): DecimalRepresentation {
  if (mode === undefined) useRepresentation(representationMatches(D) ? 'fields' : 'public');
  return mode as DecimalRepresentation;
}

/**
 * Sets the representation used from now on: `'public'` forces the public-API fallback (a test
 * hook), `'fields'` the direct path (only correct when {@link representationMatches} holds), and
 * `undefined` checks again on the next use.
 *
 * @internal
 */
export function useRepresentation(next: DecimalRepresentation | undefined): void {
  mode = next;
  buildPositive = next === 'fields' ? fieldBuilder(D) : undefined;
}

/** The field-by-field builder, or `undefined` on the public path. */
function positiveBuilder(): ((e: number, d: number[]) => Decimal) | undefined {
  if (mode === undefined) decimalRepresentation();
  return buildPositive;
}

/**
 * Whether `value` is a decimal.js instance, from this copy of decimal.js or from another one
 * (duck-typed on decimal.js's own tag, not `instanceof`), with the fields of its representation
 * (or, on the public path, the public methods the library calls).
 *
 * @internal
 */
export function isDecimalLike(value: unknown): value is Decimal {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as {
    toStringTag?: unknown;
    d?: unknown;
    e?: unknown;
    s?: unknown;
    isFinite?: unknown;
    toFixed?: unknown;
  };
  const tagged =
    v.toStringTag === '[object Decimal]' ||
    (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'Decimal';
  if (!tagged) return false;
  if (decimalRepresentation() === 'fields') {
    return typeof v.e === 'number' && typeof v.s === 'number' && 'd' in v;
  }
  return typeof v.isFinite === 'function' && typeof v.toFixed === 'function';
}

/**
 * The decimal exponent of a finite Decimal: the power of ten of its first significant digit
 * (`1234.5` → 3, `0.05` → −2, `0` → 0).
 *
 * @internal
 */
export function decimalExponent(value: Decimal): number {
  if (decimalRepresentation() === 'fields') return value.e;
  const text = value.toExponential();
  return Number(text.slice(text.indexOf('e') + 1));
}

/** decimal.js stores digits in words of seven decimal digits (base 10^7). */
const BASE = 1e7;
/** Significant digits of `D` (its `precision`). */
const PRECISION = 34;
/** Numerators up to 2^52 keep `q * m` and `r * BASE` exact in float64 arithmetic. */
const MAX_NUMERATOR = 2 ** 52;
/** Divisors up to this keep `r * BASE < 2^53` for every remainder `r < m`. */
const MAX_DIVISOR = 9e8;

/** Scratch space for the digit words of one quotient (at most seven, one more during a carry). */
const WORDS = new Int32Array(8);

/** The first `len` words as an array of exactly that length (small integers, as decimal.js keeps them). */
function wordsOf(w: Int32Array, len: number): number[] {
  switch (len) {
    case 1:
      return [w[0] as number];
    case 2:
      return [w[0] as number, w[1] as number];
    case 3:
      return [w[0] as number, w[1] as number, w[2] as number];
    case 4:
      return [w[0] as number, w[1] as number, w[2] as number, w[3] as number];
    case 5:
      return [w[0] as number, w[1] as number, w[2] as number, w[3] as number, w[4] as number];
    case 6:
      return [
        w[0] as number,
        w[1] as number,
        w[2] as number,
        w[3] as number,
        w[4] as number,
        w[5] as number,
      ];
    default:
      return Array.from(w.subarray(0, len));
  }
}

/** The remainder left by the last {@link divide}. */
let remainder = 0;

/**
 * `⌊num / m⌋` for integers `0 ≤ num < 2^53`, `1 ≤ m`, leaving `num mod m` in `remainder`. The float
 * quotient can be off by one near an integer; the exact remainder corrects it.
 */
function divide(num: number, m: number): number {
  let q = Math.floor(num / m);
  let r = num - q * m;
  if (r < 0) {
    q--;
    r += m;
  } else if (r >= m) {
    q++;
    r -= m;
  }
  remainder = r;
  return q;
}

/** Number of decimal digits of a word 1 ≤ w < 10^7. */
function wordDigits(w: number): number {
  if (w < 1e3) return w < 10 ? 1 : w < 100 ? 2 : 3;
  if (w < 1e5) return w < 1e4 ? 4 : 5;
  return w < 1e6 ? 6 : 7;
}

/**
 * The quotient `n / m` of two non-negative integers as a `D` value, correctly rounded to `D`'s
 * 34 significant digits with half-even rounding: the same value as `new D(n).div(m)`, built
 * directly in decimal.js's documented representation (sign `s`, exponent `e`, base-10^7 digit
 * words `d`) by long division in float64 integer arithmetic, without intermediate Decimals.
 * Per-customer money fields are built this way because decimal.js's general division allocates
 * and dominates the time of large summaries. Arguments outside the fast range (n > 2^52,
 * m > 9·10^8, non-integers) take `new D(n).div(m)`, and so does every call when the
 * representation check of this module fails (see {@link decimalRepresentation}).
 *
 * @internal
 */
export function quotientDecimal(n: number, m: number): Decimal {
  if (
    !(n >= 0 && n <= MAX_NUMERATOR && m >= 1 && m <= MAX_DIVISOR) ||
    !Number.isInteger(n) ||
    !Number.isInteger(m)
  ) {
    return new D(n).div(m);
  }
  const build = positiveBuilder();
  if (build === undefined) return new D(n).div(m);
  if (n === 0) return new D(0);
  const q = divide(n, m);
  // The words go to a fixed scratch array, then into an array literal of their exact length.
  const d = WORDS;
  let len = 0;
  // `pos`: the power of 10^7 of the first word.
  let pos: number;
  if (q > 0) {
    const w2 = q % BASE;
    const t = (q - w2) / BASE;
    const w1 = t % BASE;
    const w0 = (t - w1) / BASE;
    if (w0 > 0) {
      d[0] = w0;
      d[1] = w1;
      d[2] = w2;
      len = 3;
    } else if (w1 > 0) {
      d[0] = w1;
      d[1] = w2;
      len = 2;
    } else {
      d[0] = w2;
      len = 1;
    }
    pos = len - 1;
  } else {
    pos = 0;
    // The remainder is not 0 here: find the first non-zero fractional word.
    for (;;) {
      pos--;
      const w = divide(remainder * BASE, m);
      if (w !== 0) {
        d[0] = w;
        len = 1;
        break;
      }
    }
  }
  const lead = wordDigits(d[0] as number);
  let digits = lead + 7 * (len - 1);
  // Fractional words until the digit after the 34th significant one is known, or the rest is 0.
  while (remainder !== 0 && digits <= PRECISION) {
    d[len++] = divide(remainder * BASE, m);
    digits += 7;
  }
  if (digits > PRECISION) {
    // Word j holds the 34th significant digit; `drop` digits of it follow that digit.
    const j = Math.ceil((PRECISION - lead) / 7);
    const drop = lead + 7 * j - PRECISION;
    let rest: number;
    let unit: number;
    if (drop === 0) {
      rest = d[len - 1] as number;
      unit = BASE;
      len--;
    } else {
      unit = 10 ** drop;
      rest = (d[j] as number) % unit;
      d[j] = (d[j] as number) - rest;
    }
    const half = unit / 2;
    const kept = drop === 0 ? (d[j] as number) : (d[j] as number) / unit;
    if (rest > half || (rest === half && (remainder !== 0 || kept % 2 === 1))) {
      let i = j;
      d[i] = (d[i] as number) + (drop === 0 ? 1 : unit);
      // A carry out of a word needs seven nines before the rounding digit.
      while ((d[i] as number) >= BASE) {
        d[i] = (d[i] as number) - BASE;
        if (i === 0) {
          d.copyWithin(1, 0, len);
          d[0] = 1;
          len++;
          pos++;
          break;
        }
        i--;
        d[i] = (d[i] as number) + 1;
      }
    }
  }
  while (len > 1 && d[len - 1] === 0) len--;
  return build(pos * 7 + wordDigits(d[0] as number) - 1, wordsOf(d, len));
}
