import * as z from 'zod/mini';
import { decimalExponent } from '../core/decimal-internals.js';
import { parseInput, RetentionMetricsError } from '../core/errors.js';
import { D, type Decimal, type Numeric } from '../core/numeric.js';
import { ownField } from '../core/own.js';
import { addIssue, numericSchema, strictObject } from '../core/schemas.js';

/**
 * How to round when a number of decimals is asked for:
 * `'half-even'` (banker's rounding), `'half-up'` / `'half-down'` (ties away from / towards zero),
 * `'up'` / `'down'` (away from / towards zero), `'ceil'` / `'floor'` (towards +∞ / −∞).
 */
export type RoundingMode = 'half-even' | 'half-up' | 'half-down' | 'up' | 'down' | 'ceil' | 'floor';

/** Multiplies without rounding (for × 100): the precision only bounds the digits kept. */
const EXACT = D.clone({ precision: 1e9 });

const roundingModes = {
  up: D.ROUND_UP,
  down: D.ROUND_DOWN,
  ceil: D.ROUND_CEIL,
  floor: D.ROUND_FLOOR,
  'half-up': D.ROUND_HALF_UP,
  'half-down': D.ROUND_HALF_DOWN,
  'half-even': D.ROUND_HALF_EVEN,
} as const satisfies Record<RoundingMode, number>;

/** Rounding options: either no rounding at all, or a number of decimals *and* a rounding mode. */
export type RoundingOptions =
  | { readonly decimals?: undefined; readonly rounding?: undefined }
  | {
      /** Decimals to keep after the decimal separator, an integer in [0, 100]. */
      readonly decimals: number;
      /** How to round; required with `decimals`, so rounding is always a visible choice. */
      readonly rounding: RoundingMode;
    };

/** Options of {@link formatPercent}. */
export type FormatPercentOptions = RoundingOptions & {
  /** A BCP 47 locale for separators and the percent sign's place (default `'en-US'`). */
  readonly locale?: string;
};

/** Options of {@link formatNumber}. */
export type FormatNumberOptions = RoundingOptions & {
  /** A BCP 47 locale for separators (default `'en-US'`). */
  readonly locale?: string;
};

/** Options of {@link formatMoney}. */
export type FormatMoneyOptions = RoundingOptions & {
  /** A BCP 47 locale for separators and the currency symbol's place (default `'en-US'`). */
  readonly locale?: string;
  /** An ISO 4217 currency code (`'USD'`, `'RUB'`); omitted means a plain number. */
  readonly currency?: string;
};

const localeSchema = z.string().check(
  z.refine(
    (locale) => {
      try {
        return Intl.NumberFormat.supportedLocalesOf([locale]).length > 0;
      } catch {
        return false;
      }
    },
    { message: 'must be a supported BCP 47 locale' },
  ),
);

const roundingOptionFields = {
  decimals: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(100))),
  rounding: z.optional(
    z.enum(['half-even', 'half-up', 'half-down', 'up', 'down', 'ceil', 'floor']),
  ),
  locale: z.optional(localeSchema),
};

function roundingTogether(
  v: { decimals?: number | undefined; rounding?: string | undefined },
  ctx: z.core.$RefinementCtx,
): void {
  if (v.decimals !== undefined && v.rounding === undefined) {
    addIssue(ctx, 'is required when decimals is given (the rounding mode is always explicit)', [
      'rounding',
    ]);
  } else if (v.decimals === undefined && v.rounding !== undefined) {
    addIssue(ctx, 'is required when rounding is given', ['decimals']);
  }
}

/** Most digits written on either side of the decimal point (larger values would exhaust memory). */
const MAX_DIGITS = 1000;

function digitsBounded(
  v: { value: Decimal; decimals?: number | undefined },
  ctx: z.core.$RefinementCtx,
): void {
  if (decimalExponent(v.value) >= MAX_DIGITS - 2) {
    addIssue(ctx, `is too large to write out (more than ${MAX_DIGITS - 2} integer digits)`, [
      'value',
    ]);
  } else if (v.decimals === undefined && v.value.decimalPlaces() > MAX_DIGITS) {
    addIssue(ctx, `has more than ${MAX_DIGITS} decimals; pass decimals and rounding to format it`, [
      'value',
    ]);
  }
}

/**
 * The schema of the arguments of {@link formatPercent}, as `{ value, ...options }`.
 *
 * @category Schemas
 */
export const formatPercentInputSchema = strictObject({
  value: numericSchema,
  ...roundingOptionFields,
}).check(z.superRefine(roundingTogether), z.superRefine(digitsBounded));

/**
 * The schema of the arguments of {@link formatMoney}, as `{ value, ...options }`.
 *
 * @category Schemas
 */
export const formatMoneyInputSchema = strictObject({
  value: numericSchema,
  ...roundingOptionFields,
  currency: z.optional(
    z.string().check(z.regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code in capitals')),
  ),
}).check(z.superRefine(roundingTogether), z.superRefine(digitsBounded));

/** What Intl puts around the digits for one sign, e.g. `'-$'` and `''`, or `'€ -'` in nl-NL. */
interface Affixes {
  prefix: string;
  suffix: string;
}

interface Layout {
  positive: Affixes;
  negative: Affixes;
  group: string;
  decimal: string;
  /** The locale's digits 0-9 (Latin, Arabic-Indic, …). */
  digits: readonly string[];
  /** Size of the rightmost integer group (3), 0 when the locale does not group. */
  primaryGroup: number;
  /** Size of the other groups (3; 2 in en-IN: 12,34,56,789). */
  secondaryGroup: number;
  /** Whether an integer part one digit longer than a group is grouped (false in es-ES: "1234"). */
  groupShort: boolean;
  /** The currency's minor-unit digits (2 for USD, 0 for JPY), 0 without a currency. */
  minorDigits: number;
}

const numberPartTypes = new Set(['integer', 'group', 'decimal', 'fraction']);

function affixesOf(parts: readonly Intl.NumberFormatPart[]): Affixes {
  const first = parts.findIndex((p) => numberPartTypes.has(p.type));
  let last = first;
  parts.forEach((p, i) => {
    if (numberPartTypes.has(p.type)) last = i;
  });
  const join = (list: readonly Intl.NumberFormatPart[]) => list.map((p) => p.value).join('');
  return { prefix: join(parts.slice(0, first)), suffix: join(parts.slice(last + 1)) };
}

/** Layouts already read from Intl, by locale and options (building Intl formats is slow). */
const layouts = new Map<string, Layout>();

function withoutPrototype(options: Intl.NumberFormatOptions): Intl.NumberFormatOptions {
  return Object.assign(Object.create(null) as Intl.NumberFormatOptions, options);
}

function layoutOf(locale: string, options: Intl.NumberFormatOptions): Layout {
  const key = `${locale}|${ownField(options, 'style') ?? ''}|${ownField(options, 'currency') ?? ''}`;
  const cached = layouts.get(key);
  if (cached !== undefined) return cached;
  const layout = readLayout(locale, options);
  layouts.set(key, layout);
  return layout;
}

function readLayout(locale: string, options: Intl.NumberFormatOptions): Layout {
  // Intl reads its options through the prototype chain: give it objects without one.
  const minorDigits = new Intl.NumberFormat(locale, withoutPrototype(options)).resolvedOptions()
    .minimumFractionDigits;
  // A template with a group and a decimal separator shows every part's symbol and place.
  const format = new Intl.NumberFormat(
    locale,
    withoutPrototype({ ...options, minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  );
  const percent = ownField(options, 'style') === 'percent';
  const sample = percent ? 1234567.895 : 123456789.5; // 123,456,789.5 either way
  const positive = format.formatToParts(sample);
  const integers = positive.filter((p) => p.type === 'integer').map((p) => p.value.length);
  const digitFormat = new Intl.NumberFormat(locale, withoutPrototype({ useGrouping: false }));
  const short = format.formatToParts(percent ? 12.34 : 1234);
  return {
    positive: affixesOf(positive),
    negative: affixesOf(format.formatToParts(-sample)),
    group: positive.find((p) => p.type === 'group')?.value ?? '',
    decimal: positive.find((p) => p.type === 'decimal')?.value ?? '.',
    digits: Array.from({ length: 10 }, (_, d) => digitFormat.format(d)),
    primaryGroup: integers.length > 1 ? (integers[integers.length - 1] ?? 0) : 0,
    secondaryGroup: integers.length > 2 ? (integers[integers.length - 2] ?? 0) : 0,
    groupShort: short.some((p) => p.type === 'group'),
    minorDigits: minorDigits ?? 0,
  };
}

function group(integer: string, layout: Layout): string {
  const primary = layout.primaryGroup;
  if (primary === 0 || integer.length <= primary) return integer;
  if (integer.length === primary + 1 && !layout.groupShort) return integer;
  const secondary = layout.secondaryGroup === 0 ? primary : layout.secondaryGroup;
  let out = integer.slice(-primary);
  for (let end = integer.length - primary; end > 0; end -= secondary) {
    out = `${integer.slice(Math.max(0, end - secondary), end)}${layout.group}${out}`;
  }
  return out;
}

function render(
  value: Decimal,
  layout: Layout,
  decimals: number | undefined,
  rounding: RoundingMode | undefined,
  minDigits: number,
): string {
  // Round the signed value (ceil and floor depend on the sign), then print its magnitude.
  const rounded =
    decimals === undefined || rounding === undefined
      ? value
      : value.toDecimalPlaces(decimals, roundingModes[rounding]);
  const text = decimals === undefined ? rounded.abs().toFixed() : rounded.abs().toFixed(decimals);
  const [integer = '0', fraction0 = ''] = text.split('.');
  const fraction = decimals === undefined ? fraction0.padEnd(minDigits, '0') : fraction0;
  const affixes = rounded.isNegative() && !rounded.isZero() ? layout.negative : layout.positive;
  const number = group(integer, layout) + (fraction === '' ? '' : layout.decimal + fraction);
  const localDigits = number.replace(/[0-9]/g, (d) => layout.digits[Number(d)] ?? d);
  return `${affixes.prefix}${localDigits}${affixes.suffix}`;
}

/** `{ value, ...options }`, refusing options with their own `value`, which would replace `value`. */
function withValue(fn: string, value: unknown, options: object): object {
  if (Object.hasOwn(options ?? {}, 'value')) {
    throw new RetentionMetricsError('INVALID_INPUT', `${fn}: options has unknown field 'value'`);
  }
  return { ...options, value };
}

/**
 * Formats a rate (a fraction) as a percentage string, exactly: `0.7` → `'70%'`.
 *
 * The value is multiplied by 100 exactly and **not rounded** unless `decimals` and `rounding` are
 * both given; then it is rounded once, with that mode. Separators and the place of the percent
 * sign follow `locale` (via `Intl.NumberFormat`), but the digits never pass through a float.
 *
 * @param value - A fraction (0.7 = 70 %).
 * @param options - `locale`, and optionally `decimals` with `rounding`.
 * @returns The formatted percentage.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when `value` is not a finite number, `decimals` is
 *   given without `rounding` (or the reverse), or the locale is not supported.
 *
 * @example
 * ```ts
 * import { formatPercent } from 'retention-metrics';
 * formatPercent('0.7'); // => '70%'
 * formatPercent('0.123456'); // => '12.3456%'
 * formatPercent('0.12345', { decimals: 2, rounding: 'half-even' }); // => '12.34%'
 * formatPercent('0.12355', { decimals: 2, rounding: 'half-even' }); // => '12.36%'
 * formatPercent('0.12345', { decimals: 2, rounding: 'half-up' }); // => '12.35%'
 * formatPercent('0.075', { locale: 'ru-RU' }); // => '7,5\u00a0%'
 * ```
 * @category Formatting
 */
export function formatPercent(value: Numeric, options: FormatPercentOptions = {}): string {
  const v = parseInput(
    'formatPercent',
    formatPercentInputSchema,
    withValue('formatPercent', value, options),
  );
  const layout = layoutOf(v.locale ?? 'en-US', { style: 'percent' });
  return render(new EXACT(v.value).times(100), layout, v.decimals, v.rounding, 0);
}

/**
 * Formats an amount of money exactly, optionally with a currency symbol: `'1234.5'` →
 * `'$1,234.50'` (with `currency: 'USD'`).
 *
 * Without `decimals` the amount is **not rounded**: it is padded with zeros to the currency's
 * minor unit (2 for USD) but keeps every digit it has (`'0.125'` → `'$0.125'`). With `decimals`
 * and `rounding` it is rounded once, with that mode. Separators and the symbol's place follow
 * `locale` (via `Intl.NumberFormat`); the digits never pass through a float.
 *
 * @param value - The amount, in currency units.
 * @param options - `locale`, `currency`, and optionally `decimals` with `rounding`.
 * @returns The formatted amount.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when `value` is not a finite number, `currency` is
 *   not a three-letter code, `decimals` is given without `rounding` (or the reverse), or the locale
 *   is not supported.
 *
 * @example
 * ```ts
 * import { formatMoney } from 'retention-metrics';
 * formatMoney('1234.5', { currency: 'USD' }); // => '$1,234.50'
 * formatMoney('0.125', { currency: 'USD' }); // => '$0.125'
 * formatMoney('0.125', { currency: 'USD', decimals: 2, rounding: 'half-up' }); // => '$0.13'
 * formatMoney('-1234567.891'); // => '-1,234,567.891'
 * formatMoney('1234.5', { currency: 'RUB', locale: 'ru-RU' }); // => '1\u00a0234,50\u00a0₽'
 * ```
 * @category Formatting
 */
export function formatMoney(value: Numeric, options: FormatMoneyOptions = {}): string {
  const v = parseInput(
    'formatMoney',
    formatMoneyInputSchema,
    withValue('formatMoney', value, options),
  );
  const intlOptions: Intl.NumberFormatOptions =
    v.currency === undefined
      ? {}
      : { style: 'currency', currency: v.currency, currencyDisplay: 'symbol' };
  const layout = layoutOf(v.locale ?? 'en-US', intlOptions);
  const minDigits = v.currency === undefined ? 0 : layout.minorDigits;
  return render(v.value, layout, v.decimals, v.rounding, minDigits);
}

/**
 * Formats a number exactly with the locale's separators: `'1234567.891'` → `'1,234,567.891'`.
 *
 * Not rounded unless `decimals` and `rounding` are both given; then rounded once, with that mode.
 * The same as {@link formatMoney} without a currency.
 *
 * @param value - Any finite number.
 * @param options - `locale`, and optionally `decimals` with `rounding`.
 * @returns The formatted number.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when `value` is not a finite number, `decimals` is
 *   given without `rounding` (or the reverse), or the locale is not supported.
 *
 * @example
 * ```ts
 * import { formatNumber } from 'retention-metrics';
 * formatNumber('2.935511243105642766228256257955028', { decimals: 2, rounding: 'half-even' }); // => '2.94'
 * formatNumber('1234567.5', { locale: 'de-DE' }); // => '1.234.567,5'
 * ```
 * @category Formatting
 */
export function formatNumber(value: Numeric, options: FormatNumberOptions = {}): string {
  const v = parseInput(
    'formatNumber',
    formatPercentInputSchema,
    withValue('formatNumber', value, options),
  );
  return render(v.value, layoutOf(v.locale ?? 'en-US', {}), v.decimals, v.rounding, 0);
}
