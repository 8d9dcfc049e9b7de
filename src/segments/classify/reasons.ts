/**
 * Reasons as sentences: {@link formatReason}.
 *
 * @module
 */

import { describeValue, RetentionMetricsError } from '../../core/errors.js';
import { languageOf } from '../../core/locale.js';
import { D, parseNumeric } from '../../core/numeric.js';
import { hasField, isPlainObject, ownField, ownInput } from '../../core/own.js';
import { formatNumber } from '../../metrics/format.js';
import type { ClassificationCatalog, PluralForms } from './catalog/types.js';
import { CLASSIFICATION_MESSAGES, fillTemplate, pluralForm } from './messages.js';
import {
  CLASSIFICATION_LOCALES,
  type ClassificationLocale,
  type ClassificationReason,
  type IntervalSource,
} from './types.js';

/** Options of {@link formatReason}. */
export interface FormatReasonOptions {
  /**
   * The language of the sentence, as a BCP 47 tag whose language is English or Russian
   * (`'en'`, `'en-GB'`, `'ru'`, `'ru-RU'`). Default `'en'`.
   */
  readonly locale?: string;
}

/** The locale whose separators the numbers of a sentence take, per language. */
const NUMBER_LOCALE: Readonly<Record<ClassificationLocale, string>> = { en: 'en-US', ru: 'ru-RU' };

function reasonNumber(fn: string, values: Record<string, unknown>, key: string): number {
  const value = values[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: reason.values.${key} must be a finite number (received ${describeValue(value)})`,
      { path: ['reason', 'values', key] },
    );
  }
  return value;
}

function reasonText(fn: string, values: Record<string, unknown>, key: string): string {
  const value = values[key];
  if (typeof value !== 'string') {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: reason.values.${key} must be a string (received ${describeValue(value)})`,
      { path: ['reason', 'values', key] },
    );
  }
  return value;
}

const INTERVAL_SOURCES: readonly string[] = ['own', 'base', 'default'];

/**
 * A classification reason as one sentence in English or Russian, with the numbers it compared:
 * days shown with at most one decimal, followed by the form of "day" that `Intl.PluralRules`
 * selects (1 день, 2 дня, 5 дней, 1,5 дня); money as the exact amount; every number written by
 * `formatNumber` with the language's separators (`en-US`: 1,234.5; `ru-RU`: 1 234,5). The texts
 * are {@link CLASSIFICATION_MESSAGES}. A custom rule's reason reads its own `message`, or
 * "Rule 'name' fired" when it gave none.
 *
 * Reasons are kept as data by {@link classifyCustomers}, so that classifying a million customers
 * builds no sentences; format the few that are shown.
 *
 * @param reason - A reason from {@link ClassifiedCustomer.reasons} (or the same after a JSON round trip).
 * @param options - {@link FormatReasonOptions}: the locale, a BCP 47 tag (`'en'` by default,
 *   `'en-GB'`, `'ru'`, `'ru-RU'`, …); only its language decides.
 * @returns The sentence.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when the reason is not an object with a `rule`
 *   string and a `values` object, a value a built-in rule's sentence needs is missing or of the
 *   wrong type, or the locale is not a well-formed tag of English or Russian.
 *
 * @example
 * ```ts
 * import { formatReason } from 'retention-metrics';
 * const reason = { rule: 'lost', values: { daysSinceLastPurchase: 400, lostAfterDays: 365 } };
 * formatReason(reason); // => 'No purchase for 400 days, more than the 365-day limit after which a customer counts as lost'
 * formatReason(reason, { locale: 'ru' }); // => 'Нет покупок 400 дней — дольше срока в 365 дней, после которого клиент считается потерянным'
 * formatReason({ rule: 'active', values: { daysSinceLastPurchase: 21.5 } }, { locale: 'ru-RU' }); // => 'Другие правила не сработали; последняя покупка 21,5 дня назад'
 * formatReason({ rule: 'lost', values: {} }); // => throws INVALID_INPUT
 * formatReason(reason, { locale: 'de-DE' }); // => throws INVALID_INPUT
 * ```
 * @category Segmentation
 */
export function formatReason(
  reason: ClassificationReason,
  options: FormatReasonOptions = {},
): string {
  const fn = 'formatReason';
  // Own fields only (core/own.ts).
  const r = ownInput(reason) as unknown as { rule?: unknown; values?: unknown; message?: unknown };
  if (
    typeof r !== 'object' ||
    r === null ||
    Array.isArray(r) ||
    !isPlainObject(r) ||
    typeof r.rule !== 'string' ||
    typeof r.values !== 'object' ||
    r.values === null
  ) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: reason must be an object with a rule name and values (received ${describeValue(reason)})`,
      { path: ['reason'] },
    );
  }
  const tag = ownField(options, 'locale') ?? 'en';
  const language = languageOf(tag, CLASSIFICATION_LOCALES);
  if (language === undefined) {
    // The plan's language pack (`ru` from 'retention-metrics/locale/ru') passed here by analogy.
    const pack = typeof tag === 'object' && tag !== null ? ownField(tag, 'language') : undefined;
    const received =
      typeof pack === 'string'
        ? `the retention plan's language pack of '${pack}'; classification reasons need no pack: pass the tag '${pack}'`
        : describeValue(tag);
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: options.locale must be a BCP 47 tag of a supported language: ${CLASSIFICATION_LOCALES.map((l) => `'${l}'`).join(', ')} (received ${received})`,
      { path: ['options', 'locale'] },
    );
  }
  const w = new Writer(language);
  const v = r.values as Record<string, unknown>;
  const num = (key: string) => reasonNumber(fn, v, key);
  const text = (key: string) => reasonText(fn, v, key);
  const msg = w.catalog;
  switch (r.rule) {
    case 'new':
      return fillTemplate(msg.newCustomer, {
        days: w.days(num('daysSinceFirstPurchase')),
        newWithinDays: w.days(num('newWithinDays')),
      });
    case 'lost': {
      const limit = num('lostAfterDays');
      return fillTemplate(msg.lost, {
        days: w.days(num('daysSinceLastPurchase')),
        lostAfterDays: w.days(limit),
        lostAfterDaysNumber: w.number(shown(limit)),
      });
    }
    case 'at-risk': {
      if (hasField(v, 'probabilityAlive')) {
        return fillTemplate(msg.atRiskProbability, {
          probability: w.number(num('probabilityAlive')),
          threshold: w.number(num('threshold')),
        });
      }
      const source = text('intervalSource');
      if (!INTERVAL_SOURCES.includes(source)) {
        throw new RetentionMetricsError(
          'INVALID_INPUT',
          `${fn}: reason.values.intervalSource must be 'own', 'base' or 'default' (received ${describeValue(source)})`,
          { path: ['reason', 'values', 'intervalSource'] },
        );
      }
      return fillTemplate(msg.atRisk, {
        days: w.days(num('daysSinceLastPurchase')),
        multiple: w.number(num('multiple')),
        interval: fillTemplate(msg.interval[source as IntervalSource], {
          days: w.days(num('intervalDays')),
        }),
      });
    }
    case 'vip':
      if (hasField(v, 'topShare')) {
        return fillTemplate(msg.vipTop, {
          revenue: w.money(fn, 'revenue', text('revenue')),
          topShare: w.percent(num('topShare')),
          thresholdRevenue: w.money(fn, 'thresholdRevenue', text('thresholdRevenue')),
        });
      }
      return fillTemplate(msg.vipThreshold, { conditions: vipConditions(fn, w, v) });
    case 'active':
      return fillTemplate(msg.active, { days: w.days(num('daysSinceLastPurchase')) });
    default:
      return typeof r.message === 'string' ? r.message : fillTemplate(msg.custom, { name: r.rule });
  }
}

/** The conditions of a `vip` reason by thresholds, joined. */
function vipConditions(fn: string, w: Writer, v: Record<string, unknown>): string {
  const msg = w.catalog;
  const revenue = w.money(fn, 'revenue', reasonText(fn, v, 'revenue'));
  const orders = reasonNumber(fn, v, 'orders');
  const conditions: string[] = [];
  if (hasField(v, 'minRevenue')) {
    conditions.push(
      fillTemplate(msg.vipRevenue, {
        revenue,
        minRevenue: w.money(fn, 'minRevenue', reasonText(fn, v, 'minRevenue')),
      }),
    );
  }
  if (hasField(v, 'minOrders')) {
    conditions.push(
      fillTemplate(msg.vipOrders, {
        orders: w.count(orders, msg.order),
        minOrders: w.number(reasonNumber(fn, v, 'minOrders')),
      }),
    );
  }
  return conditions.join(msg.conditionSeparator);
}

/** A number of days for a sentence: at most one decimal. */
function shown(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Writes the numbers of one sentence in one language. */
class Writer {
  readonly catalog: ClassificationCatalog;
  private readonly locale: string;

  constructor(private readonly language: ClassificationLocale) {
    this.catalog = CLASSIFICATION_MESSAGES[language];
    this.locale = NUMBER_LOCALE[language];
  }

  /** A number with the language's separators, every digit kept. */
  number(n: number | string): string {
    return formatNumber(n, { locale: this.locale });
  }

  /** A count followed by the word's form for it. */
  count(n: number, forms: PluralForms): string {
    return `${this.number(n)} ${pluralForm(this.language, n, forms)}`;
  }

  /** Days, with at most one decimal, followed by the word "day" in its form. */
  days(n: number): string {
    return this.count(shown(n), this.catalog.day);
  }

  /** A share as a percentage with at most two decimals (0.2 → 20), computed exactly. */
  percent(share: number): string {
    return this.number(new D(share).times(100).toDecimalPlaces(2, D.ROUND_HALF_EVEN).toString());
  }

  /** An exact amount of money given as a decimal string. */
  money(fn: string, key: string, amount: string): string {
    if (parseNumeric(amount) === undefined) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: reason.values.${key} must be a decimal string (received ${describeValue(amount)})`,
        { path: ['reason', 'values', key] },
      );
    }
    return this.number(amount);
  }
}
