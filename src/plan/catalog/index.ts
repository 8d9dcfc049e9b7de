/**
 * The locale a plan's numbers are written in, and the filling of `{placeholder}` templates. The
 * texts themselves come from the plan's language pack (src/plan/language-pack.ts).
 *
 * @module
 */
import { type DeepReadonly, deepFreeze } from '../../core/freeze.js';
import type { PlanLocale } from '../model.js';

/** The locale whose separators a plan's numbers are written with, per language. @internal */
export const NUMBER_LOCALE: DeepReadonly<Record<PlanLocale, string>> = /* @__PURE__ */ deepFreeze({
  en: 'en-US',
  ru: 'ru-RU',
});

/** Replaces `{name}` placeholders with `values[name]`. @internal */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
