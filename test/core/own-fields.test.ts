/**
 * Own fields only (src/core/own.ts): with `Object.prototype` polluted by every field name the
 * library reads, every `@example` of the library gives the same results as on a clean prototype.
 * The names are the property names of the library's interfaces and of the examples' object
 * literals; the pollution is in place only while library code runs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import * as library from '../../src/index.js';
import { entryModules } from '../support/doc-checks.js';
import {
  collectExamples,
  type DocExample,
  findTsFiles,
  LIBRARY_SPECIFIER,
} from '../support/doc-examples.js';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));
const srcDir = fileURLToPath(new URL('../../src', import.meta.url));
const examples = collectExamples(rootDir, srcDir).filter((e) => e.problems.length === 0);

/**
 * Examples left out: zod's JSON Schema converter reads its own option bags (`format`, …) through
 * the prototype, and an exported schema's `safeParse` is zod's own parse, not the library's.
 */
const ZOD_LIMITED = new Set(['toJsonSchema', 'retentionPlanSchema']);

/**
 * Names that no input of the library has and that the JavaScript runtime itself reads from any
 * object (a `then` makes every object a thenable, `toJSON` changes `JSON.stringify`, …): polluting
 * them tests the runtime, not the library.
 */
const RUNTIME_NAMES = new Set([
  'then',
  'toJSON',
  'constructor',
  'toString',
  'valueOf',
  'length',
  'name',
  'message',
  'stack',
  'cause',
  'get',
  'set',
  'value',
  'writable',
  'enumerable',
  'configurable',
  'prototype',
  'size',
  'next',
  'done',
  // zod reads these from its own issue objects; they are no input field of the library
  'path',
  'code',
  'origin',
  'expected',
  'input',
]);

function fieldNames(): string[] {
  const names = new Set<string>();
  let inExample = false;
  const visit = (node: ts.Node): void => {
    if (
      (ts.isPropertySignature(node) || (inExample && ts.isPropertyAssignment(node))) &&
      (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))
    ) {
      names.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  for (const file of findTsFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    visit(ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true));
  }
  inExample = true;
  for (const example of examples) {
    visit(ts.createSourceFile('example.ts', example.code, ts.ScriptTarget.ES2022, true));
  }
  return [...names].filter((name) => !RUNTIME_NAMES.has(name) && !(name in Object.prototype));
}

const NAMES = fieldNames();

function pollute(): void {
  for (const name of NAMES) {
    Object.defineProperty(Object.prototype, name, {
      value: 200,
      configurable: true,
      writable: true,
      enumerable: false,
    });
  }
}

function clean(): void {
  for (const name of NAMES) delete (Object.prototype as Record<string, unknown>)[name];
}

afterEach(clean);

/** A comparable form of a result: JSON of Decimals as strings, errors as name and code. */
function shape(thunk: () => unknown): string {
  try {
    const value = thunk();
    return JSON.stringify(value, (_key, item: unknown) =>
      typeof item === 'bigint' ? `${item}n` : item,
    );
  } catch (error) {
    const own = (key: string): unknown =>
      Object.hasOwn(error as object, key) ? (error as Record<string, unknown>)[key] : undefined;
    return `throws ${String((error as Error).name)} ${String(own('code'))} ${String(own('message'))}`;
  }
}

/** Runs an example; each check's result is recorded, computed with the prototype polluted or not. */
function run(example: DocExample, polluted: boolean): string[] {
  const { outputText } = ts.transpileModule(example.program, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const results: string[] = [];
  const check = (_id: number, thunk: () => unknown): void => {
    if (polluted) pollute();
    let result: string;
    try {
      result = shape(thunk);
    } finally {
      clean();
    }
    results.push(result);
  };
  const body = new Function('require', 'exports', 'module', '__check', outputText) as (
    ...args: unknown[]
  ) => void;
  const requireLibrary = (specifier: string): unknown => {
    if (specifier === LIBRARY_SPECIFIER) return library;
    const entry = entryModules.get(specifier);
    if (entry !== undefined) return entry;
    throw new Error(`unexpected import ${specifier}`);
  };
  if (polluted) pollute();
  try {
    body(requireLibrary, {}, { exports: {} }, check);
  } catch (error) {
    results.push(`example threw: ${String(error)}`);
  } finally {
    clean();
  }
  return results;
}

describe('own fields only', () => {
  it('pollutes with the names the library reads', () => {
    for (const name of ['newCustomers', 'startCustomers', 'asOf', 'amount', 'periods', 'unit']) {
      expect(NAMES).toContain(name);
    }
  });

  it('retentionRate ignores an inherited newCustomers (issue 13, example 4)', () => {
    const seed = library.retentionRate({ startCustomers: 1000, endCustomers: 900 });
    expect(String(seed)).toBe('0.9');
    (Object.prototype as Record<string, unknown>).newCustomers = 200;
    try {
      expect(String(library.retentionRate({ startCustomers: 1000, endCustomers: 900 }))).toBe(
        '0.9',
      );
    } finally {
      delete (Object.prototype as Record<string, unknown>).newCustomers;
    }
  });

  it.each(
    examples
      .filter((e) => !ZOD_LIMITED.has(e.name ?? ''))
      .map((e) => [`${e.file}:${e.line}`, e] as const),
  )('%s gives the same results with a polluted prototype', (_where, example) => {
    const plain = run(example, false);
    expect(run(example, true)).toEqual(plain);
  });
});

describe('every object schema refuses objects that are not plain', () => {
  it('src/ builds object schemas only through core/schemas.ts (strictObject, looseObject)', () => {
    const offenders = findTsFiles(srcDir).filter(
      (file) =>
        !file.endsWith('core/schemas.ts') &&
        /\bz\s*\.\s*(?:strictObject|looseObject|object|record|partialRecord)\s*\(/.test(
          readFileSync(file, 'utf8'),
        ),
    );
    expect(offenders).toEqual([]);
  });
});
