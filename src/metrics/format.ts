import { z } from 'zod';
import { parseInput } from '../core/errors.js';
import { D, type Decimal, type Numeric } from '../core/numeric.js';
import { addIssue, numericSchema } from '../core/schemas.js';

/**
 * How to round when a number of decimals is asked for:
 * `'half-even'` (banker's rounding), `'half-up'` / `'half-down'` (ties away from / towards zero),
 * `'up'` / `'down'` (away from / towards zero), `'ceil'` / `'floor'` (towards +∞ / −∞).
 */
export type RoundingMode = 'half-even' | 'half-up' | 'half-down' | 'up' | 'down' | 'ceil' | 'floor';

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

const localeSchema = z.string().refine(
  (locale) => {
    try {
      return Intl.NumberFormat.supportedLocalesOf([locale]).length > 0;
    } catch {
      return false;
    }
  },
  { message: 'must be a supported BCP 47 locale' },
);

const roundingOptionFields = {
  decimals: z.number().int().min(0).max(100).optional(),
  rounding: z.enum(['half-even', 'half-up', 'half-down', 'up', 'down', 'ceil', 'floor']).optional(),
  locale: localeSchema.optional(),
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

/**
 * The schema of the arguments of {@link formatPercent}, as `{ value, ...options }`.
 *
 * @category Schemas
 */
export const formatPercentInputSchema = z
  .strictObject({ value: numericSchema, ...roundingOptionFields })
  .superRefine(roundingTogether);

/**
 * The schema of the arguments of {@link formatMoney}, as `{ value, ...options }`.
 *
 * @category Schemas
 */
export const formatMoneyInputSchema = z
  .strictObject({
    value: numericSchema,
    ...roundingOptionFields,
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code in capitals')
      .optional(),
  })
  .superRefine(roundingTogether);

interface Layout {
  /** Parts before the number (sign excluded), e.g. the currency symbol. */
  prefix: string;
  /** Parts after the number, e.g. ' %' or ' ₽'. */
  suffix: string;
  minus: string;
  group: string;
  decimal: string;
  /** Whether a four-digit integer part is grouped (false in e.g. Russian: "1234", "12 345"). */
  groupFour: boolean;
  /** The currency's minor-unit digits (2 for USD, 0 for JPY), 0 without a currency. */
  minorDigits: number;
}

function layoutOf(locale: string, options: Intl.NumberFormatOptions): Layout {
  const minorDigits = new Intl.NumberFormat(locale, options).resolvedOptions()
    .minimumFractionDigits;
  // A template with a group and a decimal separator shows every part's symbol and place.
  const format = new Intl.NumberFormat(locale, {
    ...options,
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const sample = options.style === 'percent' ? -12345.5 : -1234567.5;
  const parts = format.formatToParts(sample);
  const numberTypes = new Set(['integer', 'group', 'decimal', 'fraction', 'minusSign']);
  let prefix = '';
  let suffix = '';
  let seenNumber = false;
  const layout: Layout = {
    prefix: '',
    suffix: '',
    minus: '-',
    group: ',',
    decimal: '.',
    groupFour: true,
    minorDigits: minorDigits ?? 0,
  };
  for (const part of parts) {
    if (part.type === 'minusSign') layout.minus = part.value;
    if (part.type === 'group') layout.group = part.value;
    if (part.type === 'decimal') layout.decimal = part.value;
    if (numberTypes.has(part.type)) {
      if (part.type !== 'minusSign') seenNumber = true;
      continue;
    }
    if (seenNumber) suffix += part.value;
    else prefix += part.value;
  }
  layout.prefix = prefix;
  layout.suffix = suffix;
  const four = options.style === 'percent' ? 12.34 : 1234;
  layout.groupFour = format.formatToParts(four).some((p) => p.type === 'group');
  return layout;
}

function group(integer: string, layout: Layout): string {
  if (integer.length <= 3 || (integer.length === 4 && !layout.groupFour)) return integer;
  let out = '';
  for (let end = integer.length; end > 0; end -= 3) {
    const start = Math.max(0, end - 3);
    out = integer.slice(start, end) + (out === '' ? '' : layout.group + out);
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
  const text =
    decimals === undefined || rounding === undefined
      ? value.abs().toFixed()
      : value.abs().toFixed(decimals, roundingModes[rounding]);
  const [integer = '0', fraction0 = ''] = text.split('.');
  const fraction = decimals === undefined ? fraction0.padEnd(minDigits, '0') : fraction0;
  const negative = value.isNegative() && !new D(text).isZero();
  const number = group(integer, layout) + (fraction === '' ? '' : layout.decimal + fraction);
  return `${negative ? layout.minus : ''}${layout.prefix}${number}${layout.suffix}`;
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
  const v = parseInput('formatPercent', formatPercentInputSchema, { value, ...options });
  const layout = layoutOf(v.locale ?? 'en-US', { style: 'percent' });
  return render(v.value.times(100), layout, v.decimals, v.rounding, 0);
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
  const v = parseInput('formatMoney', formatMoneyInputSchema, { value, ...options });
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
  const v = parseInput('formatNumber', formatPercentInputSchema, { value, ...options });
  return render(v.value, layoutOf(v.locale ?? 'en-US', {}), v.decimals, v.rounding, 0);
}
