/**
 * Running the checks of a documentation example (`expr; // => expected`, see doc-examples.ts): the
 * outcome of the checked expression and its comparison with the expectation. Shared by
 * test/examples.test.ts (TSDoc examples) and test/guides.test.ts (code blocks of the guides).
 */
import { expect } from 'vitest';
import * as library from '../../src/index.js';
import * as jsonSchemaEntry from '../../src/json-schema.js';
import * as localeRuEntry from '../../src/locale-ru.js';
import {
  type DocCheck,
  type DocExample,
  LIBRARY_ENTRIES,
  LIBRARY_SPECIFIER,
} from './doc-examples.js';

/** An entry as examples see it: reading a name that the entry does not export throws. */
function strict<T extends object>(specifier: string, entry: T): T {
  return new Proxy(entry, {
    get(target, key, receiver) {
      if (typeof key === 'string' && key !== '__esModule' && !(key in target)) {
        throw new Error(`'${specifier}' (${LIBRARY_ENTRIES[specifier]}) does not export '${key}'`);
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

/** The library as examples see it: reading a name that src/index.ts does not export throws. */
export const libraryForExamples = strict(LIBRARY_SPECIFIER, library);

/** Every entry of the package (package.json "exports") as examples see it, by specifier. */
export const entriesForExamples: ReadonlyMap<string, object> = new Map<string, object>([
  [LIBRARY_SPECIFIER, libraryForExamples],
  [`${LIBRARY_SPECIFIER}/json-schema`, strict(`${LIBRARY_SPECIFIER}/json-schema`, jsonSchemaEntry)],
  [`${LIBRARY_SPECIFIER}/locale/ru`, strict(`${LIBRARY_SPECIFIER}/locale/ru`, localeRuEntry)],
]);

/** The modules of the entries, unwrapped, by specifier. */
export const entryModules: ReadonlyMap<string, Record<string, unknown>> = new Map<
  string,
  Record<string, unknown>
>([
  [LIBRARY_SPECIFIER, library],
  [`${LIBRARY_SPECIFIER}/json-schema`, jsonSchemaEntry],
  [`${LIBRARY_SPECIFIER}/locale/ru`, localeRuEntry],
]);

function isDecimal(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const tagged = value as { [Symbol.toStringTag]?: unknown; toStringTag?: unknown };
  return tagged[Symbol.toStringTag] === 'Decimal' || tagged.toStringTag === '[object Decimal]';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Decimals become their `toString()`, in arrays and plain objects too. */
export function normalise(value: unknown): unknown {
  if (isDecimal(value)) return String(value);
  if (Array.isArray(value)) return value.map(normalise);
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalise(item)]));
  }
  return value;
}

export type Outcome =
  | { readonly threw: false; readonly value: unknown }
  | { readonly threw: true; readonly error: unknown };

export function evaluate(thunk: () => unknown): Outcome {
  try {
    return { threw: false, value: thunk() };
  } catch (error) {
    return { threw: true, error };
  }
}

function errorShape(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return { thrown: error };
  const { name, code } = error as { name?: unknown; code?: unknown };
  return { name, code };
}

export function where(example: DocExample, check: DocCheck): string {
  return `${example.file}:${check.line}: ${check.statement}`;
}

/** Compares one check's result with its expectation (soft, so the example goes on running). */
export function verify(example: DocExample, check: DocCheck, outcome: Outcome): void {
  const { expected } = check;
  if (expected.kind === 'throws') {
    const actual = outcome.threw
      ? errorShape(outcome.error)
      : { returned: normalise(outcome.value) };
    const detail = outcome.threw ? `\n  thrown: ${String(outcome.error)}` : '';
    expect
      .soft(actual, `${where(example, check)} // => throws ${expected.code}${detail}`)
      .toStrictEqual({ name: 'RetentionMetricsError', code: expected.code });
  } else if (outcome.threw) {
    expect
      .soft(
        outcome.error,
        `${where(example, check)} // => ${expected.source}\n  it threw: ${String(outcome.error)}`,
      )
      .toStrictEqual(expected.value);
  } else {
    expect
      .soft(normalise(outcome.value), `${where(example, check)} // => ${expected.source}`)
      .toStrictEqual(expected.value);
  }
}
