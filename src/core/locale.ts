/**
 * BCP 47 locale tags resolved to the languages the library writes.
 *
 * @module
 */

/**
 * The language of a BCP 47 tag (`'ru-RU'` → `'ru'`, `'en-GB'` → `'en'`, `'EN'` → `'en'`) when it
 * is one of `supported`, else `undefined`. The tag must be well formed (`Intl.getCanonicalLocales`
 * accepts it); only its language subtag decides.
 *
 * @internal
 */
export function languageOf<L extends string>(tag: unknown, supported: readonly L[]): L | undefined {
  if (typeof tag !== 'string') return undefined;
  let canonical: string;
  try {
    const [first] = Intl.getCanonicalLocales(tag);
    if (first === undefined) return undefined;
    canonical = first;
  } catch {
    return undefined;
  }
  const language = canonical.split('-')[0]?.toLowerCase();
  return supported.find((l) => l === language);
}
