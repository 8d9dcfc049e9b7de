/**
 * Plan language packs: the texts a plan is written and rendered with. English is built in; every
 * other language is a pack imported from its own entry (`retention-metrics/locale/ru`), so that a
 * bundle carries only the languages it imports.
 *
 * @module
 */
import * as z from 'zod/mini';
import { describeValue } from '../core/errors.js';
import { type DeepReadonly, deepFreeze } from '../core/freeze.js';
import { languageOf } from '../core/locale.js';
import { addIssue, withJson } from '../core/schemas.js';
import { en } from './catalog/en.js';
import type { PlanCatalog } from './catalog/types.js';
import { PLAN_LOCALES, type PlanLocale } from './model.js';

/**
 * The texts of one plan language, passed as `locale` to {@link buildRetentionPlan} and
 * {@link renderRetentionPlan} (`{ locale: ru }`, with `ru` imported from
 * `retention-metrics/locale/ru`). English is built in and needs no pack.
 *
 * @category Plan
 */
export interface PlanLanguagePack {
  /** The language of the texts, recorded in a plan built with the pack. */
  readonly language: PlanLocale;
  /** Every text of the plan and of the rendered document, of the shape of the English ones. */
  readonly texts: PlanCatalog;
}

/**
 * A BCP 47 tag of English, in any case (`'en'`, `'en-GB'`, `'EN-us'`): the `locale` of an English
 * plan. A tag of another language (`'ru'`) does not type-check: a Russian plan takes the pack,
 * `ru` from `retention-metrics/locale/ru`.
 *
 * @category Plan
 */
export type EnglishLocaleTag = `${'e' | 'E'}${'n' | 'N'}` | `${'e' | 'E'}${'n' | 'N'}-${string}`;

/** The built-in English pack. @internal */
export const ENGLISH_PLAN_PACK: DeepReadonly<PlanLanguagePack> = /* @__PURE__ */ deepFreeze({
  language: 'en',
  texts: en,
});

/** The entry each language that is not built in is imported from, by language. */
const PACK_ENTRIES: Readonly<Record<Exclude<PlanLocale, 'en'>, string>> = {
  ru: 'retention-metrics/locale/ru',
};

/** The names of the languages, in English, for messages. */
const LANGUAGE_NAMES: Readonly<Record<PlanLocale, string>> = { en: 'English', ru: 'Russian' };

/**
 * Says where the texts of a language that is not built in are: `Russian, whose plan texts are a
 * separate entry: import { ru } from 'retention-metrics/locale/ru' and pass { locale: ru }`.
 * @internal
 */
export function packHint(language: Exclude<PlanLocale, 'en'>): string {
  return `${LANGUAGE_NAMES[language]}, whose plan texts are a separate entry: import { ${language} } from '${PACK_ENTRIES[language]}' and pass { locale: ${language} }`;
}

type Issue = { readonly path: readonly (string | number)[]; readonly message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The first difference between the shape of `value` and that of the English texts: a text must
 * be a non-empty string, a list must have as many items as the English one, an object the same
 * fields.
 */
function shapeIssue(
  reference: unknown,
  value: unknown,
  path: (string | number)[],
): Issue | undefined {
  if (typeof reference === 'string') {
    if (typeof value === 'string' && value.trim() !== '') return undefined;
    return { path, message: `must be a non-empty string (received ${describeValue(value)})` };
  }
  if (Array.isArray(reference)) {
    if (!Array.isArray(value) || value.length !== reference.length) {
      return {
        path,
        message: `must be a list of ${reference.length} texts (received ${describeValue(value)})`,
      };
    }
    for (let i = 0; i < reference.length; i++) {
      const issue = shapeIssue(reference[i], Object.hasOwn(value, i) ? value[i] : undefined, [
        ...path,
        i,
      ]);
      if (issue !== undefined) return issue;
    }
    return undefined;
  }
  const fields = Object.keys(reference as object);
  if (!isRecord(value)) {
    return { path, message: `must be an object of texts (received ${describeValue(value)})` };
  }
  const extra = Object.keys(value).find((key) => !fields.includes(key));
  if (extra !== undefined) return { path: [...path, extra], message: 'is not a known text' };
  for (const key of fields) {
    const item = Object.hasOwn(value, key) ? value[key] : undefined;
    const issue = shapeIssue((reference as Record<string, unknown>)[key], item, [...path, key]);
    if (issue !== undefined) return issue;
  }
  return undefined;
}

/** The first problem of a value given as a language pack, if any. */
function packIssue(value: Record<string, unknown>): Issue | undefined {
  const extra = Object.keys(value).find((key) => key !== 'language' && key !== 'texts');
  if (extra !== undefined) return { path: [extra], message: 'is not a field of a language pack' };
  const language = Object.hasOwn(value, 'language') ? value.language : undefined;
  if (!(PLAN_LOCALES as readonly unknown[]).includes(language)) {
    const supported = PLAN_LOCALES.map((l) => `'${l}'`).join(', ');
    return {
      path: ['language'],
      message: `must be one of ${supported} (received ${describeValue(language)})`,
    };
  }
  return shapeIssue(en, Object.hasOwn(value, 'texts') ? value.texts : undefined, ['texts']);
}

const SUPPORTED = PLAN_LOCALES.map((l) => `'${l}'`).join(', ');

/**
 * The `locale` of the plan functions: a BCP 47 tag of English (`'en'`, `'en-GB'`, any case), or a
 * {@link PlanLanguagePack}, resolved to the pack. A tag of a language that has a pack of its own
 * (`'ru-RU'`) is an issue saying what to import. @internal
 */
export const planLocaleSchema: z.ZodMiniType<PlanLanguagePack, unknown> = /* @__PURE__ */ (() =>
  withJson(
    z.pipe(
      z.unknown(),
      z.transform((value: unknown, ctx): PlanLanguagePack => {
        const fail = (issue: Issue): never => {
          addIssue(ctx, issue.message, [...issue.path], 'INVALID_INPUT', value);
          return z.NEVER;
        };
        if (typeof value === 'string') {
          const language = languageOf(value, PLAN_LOCALES);
          if (language === 'en') return ENGLISH_PLAN_PACK;
          if (language !== undefined) {
            return fail({ path: [], message: `is '${value}', a tag of ${packHint(language)}` });
          }
        } else if (isRecord(value)) {
          const issue = packIssue(value);
          return issue === undefined ? (value as unknown as PlanLanguagePack) : fail(issue);
        }
        return fail({
          path: [],
          message: `must be a BCP 47 locale tag of English ('en', 'en-GB') or a plan language pack of a supported language (${SUPPORTED}), such as ru from '${PACK_ENTRIES.ru}' (received ${describeValue(value)})`,
        });
      }),
    ),
    {
      anyOf: [
        { type: 'string', description: "A BCP 47 locale tag of English ('en', 'en-GB')." },
        {
          type: 'object',
          properties: {
            language: { enum: [...PLAN_LOCALES] },
            texts: { type: 'object' },
          },
          required: ['language', 'texts'],
          additionalProperties: false,
          description: `A plan language pack, such as ru from '${PACK_ENTRIES.ru}'.`,
        },
      ],
    },
  ))();
