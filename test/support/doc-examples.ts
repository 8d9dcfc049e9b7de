/**
 * Extraction of the `@example` blocks of the TSDoc comments under src/, for test/examples.test.ts.
 *
 * An example is a fenced ```ts block inside the `@example` section of a `/** … *\/` comment. A line
 * `expr; // => expected` in it is a check: `expected` is a JavaScript literal (compared with deep
 * strict equality) or `throws CODE` (a `RetentionMetricsError` with that code must be thrown).
 * Each check line is rewritten to `__check(<id>, () => (expr));`, line for line, so that the rest
 * of the example (declarations, try/catch, …) runs unchanged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/** The module specifier the examples import the library from. */
export const LIBRARY_SPECIFIER = 'retention-metrics';

/**
 * The package's entries (package.json "exports"), by the specifier examples import them with, and
 * the source each resolves to here.
 */
export const LIBRARY_ENTRIES: Readonly<Record<string, string>> = {
  [LIBRARY_SPECIFIER]: 'src/index.ts',
  [`${LIBRARY_SPECIFIER}/json-schema`]: 'src/json-schema.ts',
  [`${LIBRARY_SPECIFIER}/locale/ru`]: 'src/locale-ru.ts',
};

/** Whether `specifier` is one of the package's entries. */
export function isLibraryEntry(specifier: string): boolean {
  return Object.hasOwn(LIBRARY_ENTRIES, specifier);
}

/** What a check expects. */
export type Expectation =
  | { readonly kind: 'value'; readonly source: string; readonly value: unknown }
  | { readonly kind: 'throws'; readonly code: string };

/** One `expr; // => expected` line of an example. */
export interface DocCheck {
  /** Index in {@link DocExample.checks}, passed to `__check`. */
  readonly id: number;
  /** 1-based line in the source file. */
  readonly line: number;
  /** The checked statement, as written. */
  readonly statement: string;
  readonly expected: Expectation;
}

/** One fenced ```ts block of an `@example` section. */
export interface DocExample {
  /** Path relative to the repository root, with `/` separators. */
  readonly file: string;
  /** 1-based line of the opening fence in `file`. */
  readonly line: number;
  /** Name of the declaration the comment documents, when there is one. */
  readonly name: string | undefined;
  /** The example's code, as written (without the comment's ` * `). */
  readonly code: string;
  /** The code with every check line rewritten to a `__check` call (same number of lines). */
  readonly program: string;
  readonly checks: readonly DocCheck[];
  /** Reasons the example cannot be run as written (empty when it can). */
  readonly problems: readonly string[];
}

/** All `.ts` files under `dir`, recursively, sorted. */
export function findTsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(dir, file))
    .sort();
}

/** The examples of every `.ts` file under `srcDir`; file names are relative to `rootDir`. */
export function collectExamples(rootDir: string, srcDir: string): DocExample[] {
  return findTsFiles(srcDir).flatMap((file) =>
    extractExamples(readFileSync(file, 'utf8'), relative(rootDir, file).split(sep).join('/')),
  );
}

interface DocComment {
  readonly pos: number;
  readonly end: number;
  name: string | undefined;
}

/** The name declared by `node`, if it is a (named) declaration. */
function declarationName(node: ts.Node): string | undefined {
  if (ts.isVariableStatement(node)) {
    const first = node.declarationList.declarations[0];
    return first !== undefined && ts.isIdentifier(first.name) ? first.name.text : undefined;
  }
  if (!ts.isDeclarationStatement(node) && !ts.isClassElement(node) && !ts.isTypeElement(node)) {
    return undefined;
  }
  const name = ts.getNameOfDeclaration(node);
  if (name === undefined) return undefined;
  return ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name)
    ? name.text
    : undefined;
}

/** Every `/** … *\/` comment of the file (found through the syntax tree, so never in a string). */
function docComments(sourceFile: ts.SourceFile): DocComment[] {
  const text = sourceFile.text;
  const found = new Map<number, DocComment>();
  const visit = (node: ts.Node): void => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) {
      return;
    }
    const next = text.indexOf('/**', node.pos);
    if (next === -1 || next >= node.end) return;
    for (const range of ts.getLeadingCommentRanges(text, node.pos) ?? []) {
      const isDoc =
        range.kind === ts.SyntaxKind.MultiLineCommentTrivia &&
        text.startsWith('/**', range.pos) &&
        !text.startsWith('/**/', range.pos);
      if (!isDoc) continue;
      const comment = found.get(range.pos) ?? { pos: range.pos, end: range.end, name: undefined };
      comment.name ??= declarationName(node);
      found.set(range.pos, comment);
    }
    for (const child of node.getChildren(sourceFile)) visit(child);
  };
  visit(sourceFile);
  return [...found.values()].sort((a, b) => a.pos - b.pos);
}

/** The fenced ```ts blocks of the `@example` sections of the file's doc comments. */
export function extractExamples(text: string, file: string): DocExample[] {
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const examples: DocExample[] = [];
  for (const comment of docComments(sourceFile)) {
    const firstLine = sourceFile.getLineAndCharacterOfPosition(comment.pos).line + 1;
    const lines = text
      .slice(comment.pos + 3, comment.end - 2)
      .split(/\r?\n/)
      .map((line, i) => (i === 0 ? line.trimStart() : line.replace(/^[ \t]*\*? ?/, '')));

    let example: { tagLine: number; blocks: number } | undefined;
    let fence: { line: number; lang: string; code: string[] } | undefined;
    const endExample = (): void => {
      if (example !== undefined && example.blocks === 0) {
        examples.push(
          invalid(file, example.tagLine, comment.name, '@example section has no ```ts block'),
        );
      }
      example = undefined;
    };
    lines.forEach((line, i) => {
      const lineNo = firstLine + i;
      if (fence !== undefined) {
        if (!/^\s*```\s*$/.test(line)) {
          fence.code.push(line);
          return;
        }
        if (example !== undefined && /^(ts|typescript)$/i.test(fence.lang)) {
          example.blocks += 1;
          examples.push(makeExample(file, fence.line, comment.name, fence.code));
        }
        fence = undefined;
        return;
      }
      const opening = /^\s*```\s*(\S*)/.exec(line);
      if (opening !== null) {
        fence = { line: lineNo, lang: opening[1] ?? '', code: [] };
      } else if (/^\s*@example\b/.test(line)) {
        endExample();
        example = { tagLine: lineNo, blocks: 0 };
      } else if (/^\s*@\w/.test(line)) {
        endExample();
      }
    });
    if (fence !== undefined && example !== undefined) {
      example.blocks += 1;
      examples.push(invalid(file, fence.line, comment.name, 'the ``` fence is never closed'));
    }
    endExample();
  }
  return examples;
}

function invalid(
  file: string,
  line: number,
  name: string | undefined,
  problem: string,
): DocExample {
  return { file, line, name, code: '', program: '', checks: [], problems: [problem] };
}

/** What a block may do beyond the TSDoc examples' rules (the guides' code blocks, test/guides.test.ts). */
export interface ExampleRules {
  /** Modules a block may import besides the library. */
  readonly imports?: readonly string[];
  /** Whether a block with no `// =>` check is a problem (true for TSDoc examples). */
  readonly requireCheck?: boolean;
}

/** Parses one fenced block: its checks, its program (check lines rewritten) and its problems. */
export function makeExample(
  file: string,
  fenceLine: number,
  name: string | undefined,
  code: readonly string[],
  rules: ExampleRules = {},
): DocExample {
  const checks: DocCheck[] = [];
  const problems: string[] = [];
  const program = code.map((line, i) => {
    const lineNo = fenceLine + 1 + i;
    const split = splitCheck(line);
    if (split === undefined) return line;
    const where = `${file}:${lineNo}`;
    const statement = split.code.trim();
    const expression = singleExpression(statement);
    if (expression === undefined) {
      problems.push(
        `${where}: the code before \`// =>\` must be one single-line expression statement ending with \`;\`: ${statement}`,
      );
      return line;
    }
    const expected = parseExpectation(split.expected);
    if (typeof expected === 'string') {
      problems.push(`${where}: ${expected}`);
      return line;
    }
    const id = checks.length;
    checks.push({ id, line: lineNo, statement, expected });
    const indent = /^\s*/.exec(line)?.[0] ?? '';
    return `${indent}__check(${id}, () => (${expression}));`;
  });
  for (const specifier of importedModules(code.join('\n'))) {
    if (!isLibraryEntry(specifier) && !(rules.imports ?? []).includes(specifier)) {
      const entries = Object.keys(LIBRARY_ENTRIES).map((e) => `'${e}'`);
      problems.push(`imports '${specifier}'; examples may only import ${entries.join(', ')}`);
    }
  }
  if (checks.length === 0 && problems.length === 0 && (rules.requireCheck ?? true)) {
    problems.push('example has no checked result (no `expr; // => expected` line)');
  }
  return {
    file,
    line: fenceLine,
    name,
    code: code.join('\n'),
    program: program.join('\n'),
    checks,
    problems,
  };
}

/** The module specifiers of the import and export-from declarations of `code`. */
function importedModules(code: string): string[] {
  const source = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, true);
  return source.statements.flatMap((statement) =>
    (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
    statement.moduleSpecifier !== undefined &&
    ts.isStringLiteral(statement.moduleSpecifier)
      ? [statement.moduleSpecifier.text]
      : [],
  );
}

/** Splits `code // => expected` at its `// =>` comment (scanned, so not inside a string). */
function splitCheck(line: string): { code: string; expected: string } | undefined {
  const scanner = ts.createScanner(
    ts.ScriptTarget.Latest,
    false,
    ts.LanguageVariant.Standard,
    line,
  );
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token !== ts.SyntaxKind.SingleLineCommentTrivia) continue;
    const match = /^\/\/\s*=>(.*)$/.exec(scanner.getTokenText());
    if (match === null) return undefined;
    return { code: line.slice(0, scanner.getTokenStart()), expected: (match[1] ?? '').trim() };
  }
  return undefined;
}

/** The expression of `statement` if it is exactly one expression statement ending with `;`. */
function singleExpression(statement: string): string | undefined {
  if (!statement.endsWith(';')) return undefined;
  const source = ts.createSourceFile('check.ts', statement, ts.ScriptTarget.Latest, true);
  const [only, ...rest] = source.statements;
  if (only === undefined || rest.length > 0 || !ts.isExpressionStatement(only)) return undefined;
  if (hasSyntaxErrors(statement)) return undefined;
  return only.expression.getText(source);
}

/**
 * Whether `code` has syntax errors. Reads the parser's diagnostics (an internal but long-standing
 * property, much faster than a transpilation); falls back to `transpileModule` if it is gone.
 */
function hasSyntaxErrors(code: string): boolean {
  const source = ts.createSourceFile('check.ts', code, ts.ScriptTarget.Latest);
  const { parseDiagnostics } = source as { parseDiagnostics?: readonly ts.Diagnostic[] };
  if (parseDiagnostics !== undefined) return parseDiagnostics.length > 0;
  const { diagnostics } = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    reportDiagnostics: true,
  });
  return (diagnostics ?? []).length > 0;
}

/** Parses the text after `// =>`; returns an error message when it is not valid. */
function parseExpectation(text: string): Expectation | string {
  const throws = /^throws\b\s*(.*)$/.exec(text);
  if (throws !== null) {
    const code = throws[1] ?? '';
    return /^[A-Z][A-Z0-9_]*$/.test(code)
      ? { kind: 'throws', code }
      : `\`// => throws\` must be followed by an error code, got: ${text}`;
  }
  if (text === '') return '`// =>` is not followed by an expected value';
  const source = ts.createSourceFile('expected.ts', `(${text});`, ts.ScriptTarget.Latest, true);
  const [only, ...rest] = source.statements;
  const isLiteralStatement =
    only !== undefined &&
    rest.length === 0 &&
    ts.isExpressionStatement(only) &&
    ts.isParenthesizedExpression(only.expression) &&
    isLiteral(only.expression.expression) &&
    !hasSyntaxErrors(`(${text});`);
  if (!isLiteralStatement) {
    return `the expected value must be a JavaScript literal (string, number, boolean, null, array or object), got: ${text}`;
  }
  try {
    return { kind: 'value', source: text, value: new Function(`return (${text});`)() };
  } catch (error) {
    return `the expected value cannot be evaluated (${String(error)}): ${text}`;
  }
}

/** Whether `node` is a literal: no calls, no variables, nothing computed. */
function isLiteral(node: ts.Expression): boolean {
  if (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isNumericLiteral(node) ||
    ts.isBigIntLiteral(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword
  ) {
    return true;
  }
  if (ts.isIdentifier(node)) return ['undefined', 'NaN', 'Infinity'].includes(node.text);
  if (ts.isPrefixUnaryExpression(node)) {
    const sign =
      node.operator === ts.SyntaxKind.MinusToken || node.operator === ts.SyntaxKind.PlusToken;
    const operand = node.operand;
    const isNumber =
      ts.isNumericLiteral(operand) ||
      ts.isBigIntLiteral(operand) ||
      (ts.isIdentifier(operand) && operand.text === 'Infinity');
    return sign && isNumber;
  }
  if (ts.isParenthesizedExpression(node)) return isLiteral(node.expression);
  if (ts.isArrayLiteralExpression(node)) {
    return node.elements.every((element) => !ts.isSpreadElement(element) && isLiteral(element));
  }
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.every(
      (property) =>
        ts.isPropertyAssignment(property) &&
        !ts.isComputedPropertyName(property.name) &&
        isLiteral(property.initializer),
    );
  }
  return false;
}

/**
 * The names exported by the library's entry `entry` that `code` uses outside its import
 * declarations (through named imports, aliased or not, or through a namespace import).
 */
export function libraryNamesUsed(code: string, entry: string = LIBRARY_SPECIFIER): Set<string> {
  const source = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, true);
  const named = new Map<string, string>();
  const namespaces = new Set<string>();
  for (const statement of source.statements) {
    if (
      !ts.isImportDeclaration(statement) ||
      !ts.isStringLiteral(statement.moduleSpecifier) ||
      statement.moduleSpecifier.text !== entry
    ) {
      continue;
    }
    const bindings = statement.importClause?.namedBindings;
    if (bindings === undefined) continue;
    if (ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    else {
      for (const element of bindings.elements) {
        named.set(element.name.text, (element.propertyName ?? element.name).text);
      }
    }
  }
  const used = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) return;
    if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      namespaces.has(node.expression.text)
    ) {
      used.add(node.name.text);
    }
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node);
      const imported = named.get(node.text);
      if (imported !== undefined && !isPropertyName) used.add(imported);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return used;
}
