/**
 * The reason-message catalogues by language, and the one place that fills their placeholders.
 *
 * @module
 */
import { deepFreeze } from '../../core/freeze.js';
import { en } from './catalog/en.js';
import { ru } from './catalog/ru.js';
import type { ClassificationCatalog, PluralForms } from './catalog/types.js';
import type { ClassificationLocale } from './types.js';

/**
 * The texts of the reason sentences per language (see {@link formatReason}), in the catalogue
 * style of the retention plan: strings with `{placeholder}`s and the word forms after numbers by
 * `Intl.PluralRules` category. Deeply frozen: a caller cannot change what `formatReason` writes.
 *
 * @example
 * ```ts
 * import { CLASSIFICATION_MESSAGES } from 'retention-metrics';
 * CLASSIFICATION_MESSAGES.en.active; // => 'No other rule applies; last purchase {days} ago'
 * CLASSIFICATION_MESSAGES.ru.day.few; // => 'дня'
 * Object.isFrozen(CLASSIFICATION_MESSAGES.en.interval); // => true
 * ```
 * @category Segmentation
 */
export const CLASSIFICATION_MESSAGES: Readonly<
  Record<ClassificationLocale, ClassificationCatalog>
> = deepFreeze({ en, ru });

/**
 * Replaces every `{name}` of `template` with `values[name]`. The catalogues and the sentences
 * agree on the names (a test walks them), so a name without a value is a bug, not input.
 *
 * @internal
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Plural rules per language, built on first use (building Intl objects is slow). */
const pluralRules = new Map<ClassificationLocale, Intl.PluralRules>();

/**
 * The form of a word after the number `n` in `language`, by `Intl.PluralRules`.
 *
 * @internal
 */
export function pluralForm(language: ClassificationLocale, n: number, forms: PluralForms): string {
  let rules = pluralRules.get(language);
  if (rules === undefined) {
    rules = new Intl.PluralRules(language);
    pluralRules.set(language, rules);
  }
  return forms[rules.select(n)] ?? forms.other;
}
