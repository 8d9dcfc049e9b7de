/**
 * The catalogue of each plan language, the locale its numbers are written in, and the filling of
 * `{placeholder}` templates.
 *
 * @module
 */
import { type DeepReadonly, deepFreeze } from '../../core/freeze.js';
import type { PlanLocale } from '../model.js';
import { en } from './en.js';
import { ru } from './ru.js';
import type { PlanCatalog } from './types.js';

const CATALOGS: Readonly<Record<PlanLocale, PlanCatalog>> = deepFreeze({ en, ru });

/** The catalogue of a plan language. @internal */
export function catalogOf(locale: PlanLocale): PlanCatalog {
  return CATALOGS[locale];
}

/** The locale whose separators a plan's numbers are written with, per language. @internal */
export const NUMBER_LOCALE: DeepReadonly<Record<PlanLocale, string>> = deepFreeze({
  en: 'en-US',
  ru: 'ru-RU',
});

/** Replaces `{name}` placeholders with `values[name]`. @internal */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
