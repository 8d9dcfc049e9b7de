/**
 * Runs every `@example` of the TSDoc comments under src/ and checks its `// =>` results, so that
 * no example can lie. See test/support/doc-examples.ts for the extraction and the conventions.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as library from '../src/index.js';
import { entriesForExamples, entryModules, evaluate, verify, where } from './support/doc-checks.js';
import {
  collectExamples,
  type DocExample,
  LIBRARY_ENTRIES,
  libraryNamesUsed,
} from './support/doc-examples.js';

/** Examples found when this test was written; the count may only grow. */
const MIN_EXAMPLES = 5;

const rootDir = fileURLToPath(new URL('..', import.meta.url));
const srcDir = fileURLToPath(new URL('../src', import.meta.url));
const examples = collectExamples(rootDir, srcDir);

function requireLibrary(specifier: string): unknown {
  const entry = entriesForExamples.get(specifier);
  if (entry !== undefined) return entry;
  const entries = Object.keys(LIBRARY_ENTRIES).join("', '");
  throw new Error(`examples may only import '${entries}', not '${specifier}'`);
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

  it('uses every export of the other entries in at least one example', () => {
    const missing: string[] = [];
    for (const [specifier, module] of entryModules) {
      if (module === library) continue;
      const used = new Set(
        examples.flatMap((example) => [...libraryNamesUsed(example.code, specifier)]),
      );
      for (const name of Object.keys(module)) {
        if (!used.has(name)) missing.push(`${specifier}: ${name}`);
      }
    }
    expect(
      missing,
      `exported functions with no @example using them: ${missing.join(', ')}`,
    ).toEqual([]);
  });
});
