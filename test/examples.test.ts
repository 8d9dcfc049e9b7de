/**
 * Runs every `@example` of the TSDoc comments under src/ and checks its `// =>` results, so that
 * no example can lie. See test/support/doc-examples.ts for the extraction and the conventions.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as library from '../src/index.js';
import {
  collectExamples,
  type DocCheck,
  type DocExample,
  LIBRARY_SPECIFIER,
  libraryNamesUsed,
} from './support/doc-examples.js';

/** Examples found when this test was written; the count may only grow. */
const MIN_EXAMPLES = 5;

const rootDir = fileURLToPath(new URL('..', import.meta.url));
const srcDir = fileURLToPath(new URL('../src', import.meta.url));
const examples = collectExamples(rootDir, srcDir);

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
function normalise(value: unknown): unknown {
  if (isDecimal(value)) return String(value);
  if (Array.isArray(value)) return value.map(normalise);
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalise(item)]));
  }
  return value;
}

type Outcome =
  | { readonly threw: false; readonly value: unknown }
  | { readonly threw: true; readonly error: unknown };

function evaluate(thunk: () => unknown): Outcome {
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

function where(example: DocExample, check: DocCheck): string {
  return `${example.file}:${check.line}: ${check.statement}`;
}

/** Compares one check's result with its expectation (soft, so the example goes on running). */
function verify(example: DocExample, check: DocCheck, outcome: Outcome): void {
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

/** The library as examples see it: reading a name that src/index.ts does not export throws. */
const libraryForExamples = new Proxy(library, {
  get(target, key, receiver) {
    if (typeof key === 'string' && key !== '__esModule' && !(key in target)) {
      throw new Error(`'${LIBRARY_SPECIFIER}' (src/index.ts) does not export '${key}'`);
    }
    return Reflect.get(target, key, receiver);
  },
});

function requireLibrary(specifier: string): unknown {
  if (specifier === LIBRARY_SPECIFIER) return libraryForExamples;
  throw new Error(`examples may only import '${LIBRARY_SPECIFIER}', not '${specifier}'`);
}

function runExample(example: DocExample): void {
  expect(
    example.problems,
    `${example.file}:${example.line}: the example cannot be checked`,
  ).toEqual([]);
  const { outputText, diagnostics = [] } = ts.transpileModule(example.program, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    fileName: 'example.ts',
    reportDiagnostics: true,
  });
  const syntaxErrors = diagnostics.map((diagnostic) => {
    const line =
      diagnostic.file !== undefined && diagnostic.start !== undefined
        ? example.line + 1 + diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line
        : example.line;
    return `${example.file}:${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
  expect(syntaxErrors, 'the example does not compile').toEqual([]);

  const reached = new Set<number>();
  const check = (id: number, thunk: () => unknown): void => {
    const found = example.checks[id];
    if (found === undefined) throw new Error(`unknown check ${id}`);
    reached.add(id);
    verify(example, found, evaluate(thunk));
  };
  const body = new Function('require', 'exports', 'module', '__check', outputText) as (
    ...args: unknown[]
  ) => void;
  const moduleObject = { exports: {} };
  try {
    body(requireLibrary, moduleObject.exports, moduleObject, check);
  } catch (error) {
    throw new Error(
      `${example.file}:${example.line}: the example threw outside a checked line: ${String(error)}`,
      { cause: error },
    );
  }
  const notReached = example.checks
    .filter((item) => !reached.has(item.id))
    .map((item) => where(example, item));
  expect(notReached, 'checks never reached when the example ran').toEqual([]);
}

describe('TSDoc @example blocks under src/', () => {
  for (const example of examples) {
    const name = example.name === undefined ? '' : ` (${example.name})`;
    it(`${example.file}:${example.line}${name}`, () => runExample(example));
  }

  it(`finds at least ${MIN_EXAMPLES} examples`, () => {
    expect(examples.length).toBeGreaterThanOrEqual(MIN_EXAMPLES);
  });
});

describe('@example coverage of the public API', () => {
  it('uses every function exported by src/index.ts in at least one example', () => {
    const used = new Set(examples.flatMap((example) => [...libraryNamesUsed(example.code)]));
    const missing = Object.entries(library)
      .filter(([name, value]) => typeof value === 'function' && !used.has(name))
      .map(([name]) => name)
      .sort();
    expect(
      missing,
      `exported functions with no @example using them: ${missing.join(', ')}`,
    ).toEqual([]);
  });
});
