/**
 * Runs every TypeScript code block of the guides (docs/*.md) and of README.md, and checks their
 * `// =>` results as test/examples.test.ts does for the TSDoc examples (same conventions: see
 * test/support/doc-examples.ts), so that no guide can show code that does not run or a result the
 * library does not give.
 *
 * - A block is a fence opened with ```ts or ```typescript. ```ts no-run marks a fragment that is not
 *   run (a type's outline, say); keep those rare (MAX_NO_RUN).
 * - The blocks of one file run in order in one scope, as a reader reads them: a block may use what
 *   an earlier block of the same file declared or imported (the convention of doctest's text files).
 * - Blocks import the library as 'retention-metrics' (src/index.ts), and its other entries
 *   ('retention-metrics/json-schema', 'retention-metrics/locale/ru'); a guide about a database may
 *   also import that database's client (EXTRA_IMPORTS, from test/node_modules).
 * - A block with no `// =>` line only has to run without throwing.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { entriesForExamples, evaluate, type Outcome, verify } from './support/doc-checks.js';
import { type DocExample, makeExample } from './support/doc-examples.js';

/** The guides, in the order of the docs site (typedoc.json "projectDocuments"), and README. */
const FILES: readonly string[] = [
  ...(
    JSON.parse(readFileSync(new URL('../typedoc.json', import.meta.url), 'utf8')) as {
      projectDocuments: string[];
    }
  ).projectDocuments,
  'README.md',
];

/** Modules a guide's blocks may import besides the library. */
const EXTRA_IMPORTS: readonly string[] = ['@duckdb/node-api'];

/** At most this many blocks of all the files are marked `no-run`. */
const MAX_NO_RUN = 2;

/**
 * README.md blocks that do not run as written, by the text of their first line. README is edited
 * separately from this test; when a block here is fixed, its entry must go (the test says so).
 */
const README_NOT_RUNNABLE: Readonly<Record<string, string>> = {};

interface Block {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly noRun: boolean;
  readonly example: DocExample;
}

/** The ```ts blocks of a Markdown file. */
function blocksOf(file: string): Block[] {
  const lines = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8').split(/\r?\n/);
  const blocks: Block[] = [];
  let open: { line: number; info: string; code: string[] } | undefined;
  lines.forEach((text, i) => {
    if (open === undefined) {
      const fence = /^\s*```\s*(.*)$/.exec(text);
      if (fence !== null) open = { line: i + 1, info: (fence[1] ?? '').trim(), code: [] };
      return;
    }
    if (!/^\s*```\s*$/.test(text)) {
      open.code.push(text);
      return;
    }
    const [lang = '', ...flags] = open.info.split(/\s+/);
    if (/^(ts|typescript)$/i.test(lang)) {
      blocks.push({
        file,
        line: open.line,
        noRun: flags.includes('no-run'),
        example: makeExample(file, open.line, undefined, open.code, {
          imports: EXTRA_IMPORTS,
          requireCheck: false,
        }),
      });
    }
    open = undefined;
  });
  return blocks;
}

/**
 * The program of a block: its imports become `var` bindings read from `__import`, and its other
 * top-level `const`/`let` declarations become `var`, so that later blocks of the file see them
 * (and may declare the same name again).
 */
function blockProgram(block: Block): string {
  const source = ts.createSourceFile(
    'block.ts',
    block.example.program,
    ts.ScriptTarget.Latest,
    true,
  );
  const edits: { start: number; end: number; text: string }[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const specifier = JSON.stringify(statement.moduleSpecifier.text);
      const clause = statement.importClause;
      let text = '';
      if (clause !== undefined && !clause.isTypeOnly) {
        const parts: string[] = [];
        if (clause.name !== undefined)
          parts.push(`var ${clause.name.text} = __import(${specifier}).default;`);
        const bindings = clause.namedBindings;
        if (bindings !== undefined && ts.isNamespaceImport(bindings)) {
          parts.push(`var ${bindings.name.text} = __import(${specifier});`);
        } else if (bindings !== undefined) {
          const names = bindings.elements
            .filter((element) => !element.isTypeOnly)
            .map((element) =>
              element.propertyName === undefined
                ? element.name.text
                : `${element.propertyName.text}: ${element.name.text}`,
            );
          if (names.length > 0) parts.push(`var { ${names.join(', ')} } = __import(${specifier});`);
        }
        text = parts.join(' ');
      }
      edits.push({ start: statement.getStart(source), end: statement.getEnd(), text });
    } else if (
      ts.isVariableStatement(statement) &&
      (statement.declarationList.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let)) !== 0
    ) {
      const keyword = statement.declarationList.getFirstToken(source);
      if (keyword !== undefined) {
        edits.push({ start: keyword.getStart(source), end: keyword.getEnd(), text: 'var' });
      }
    }
  }
  let program = block.example.program;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    program = program.slice(0, edit.start) + edit.text + program.slice(edit.end);
  }
  return program;
}

interface BlockRun {
  /** Set when the block threw outside a checked line. */
  threw?: unknown;
  readonly checks: Map<number, Outcome>;
}

/** Runs the blocks of one file in order, in one scope; returns what each block did. */
async function runFile(blocks: readonly Block[]): Promise<{
  runs: Map<Block, BlockRun>;
  compileErrors: string[];
}> {
  const runnable = blocks.filter((block) => !block.noRun && block.example.problems.length === 0);
  const modules = new Map<string, unknown>(entriesForExamples);
  for (const specifier of EXTRA_IMPORTS) {
    if (runnable.some((block) => block.example.code.includes(`'${specifier}'`))) {
      modules.set(specifier, await import(specifier));
    }
  }
  // Each block: `__block(i); try { …block… } catch (e) { __threw(i, e); }` (var declarations
  // leave the try block), all in one async function so that blocks may use `await`.
  const body = runnable
    .map(
      (block, i) =>
        `__block(${i});\ntry {\n${blockProgram(block)}\n} catch (__error) { __threw(${i}, __error); }`,
    )
    .join('\n');
  const { outputText, diagnostics = [] } = ts.transpileModule(
    `async function __main() {\n${body}\n}`,
    {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: 'guide.ts',
      reportDiagnostics: true,
    },
  );
  const compileErrors = diagnostics.map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  );
  const runs = new Map<Block, BlockRun>(runnable.map((block) => [block, { checks: new Map() }]));
  if (compileErrors.length > 0) return { runs, compileErrors };
  let current: BlockRun | undefined;
  // What the blocks print is not shown while the tests run.
  const quiet = { ...console, log: () => {}, info: () => {} };
  const main = new Function(
    'console',
    '__import',
    '__block',
    '__threw',
    '__check',
    `${outputText}\nreturn __main();`,
  ) as (...args: unknown[]) => Promise<void>;
  await main(
    quiet,
    (specifier: string) => {
      if (!modules.has(specifier)) throw new Error(`a guide may not import '${specifier}'`);
      return modules.get(specifier);
    },
    (i: number) => {
      current = runs.get(runnable[i] as Block);
    },
    (i: number, error: unknown) => {
      const run = runs.get(runnable[i] as Block);
      if (run !== undefined) run.threw = error;
    },
    (id: number, thunk: () => unknown) => {
      current?.checks.set(id, evaluate(thunk));
    },
  );
  return { runs, compileErrors };
}

const allBlocks = FILES.map((file) => ({ file, blocks: blocksOf(file) }));

for (const { file, blocks } of allBlocks) {
  describe(file, () => {
    let result: Awaited<ReturnType<typeof runFile>>;
    beforeAll(async () => {
      result = await runFile(blocks);
    }, 60_000);

    it('compiles', () => {
      expect(result.compileErrors).toEqual([]);
    });

    for (const block of blocks) {
      const firstLine = block.example.code.split('\n')[0] ?? '';
      const knownBroken = file === 'README.md' ? README_NOT_RUNNABLE[firstLine] : undefined;
      const title = `${file}:${block.line}${block.noRun ? ' (no-run)' : ''}`;
      if (block.noRun) {
        it.skip(title, () => {});
        continue;
      }
      it(title, () => {
        expect(block.example.problems, 'the block cannot be checked').toEqual([]);
        const run = result.runs.get(block);
        if (knownBroken !== undefined) {
          expect(
            run?.threw,
            `${title} runs now: remove its entry from README_NOT_RUNNABLE (${knownBroken})`,
          ).toBeDefined();
          return;
        }
        expect(run, 'the block ran').toBeDefined();
        expect(
          run?.threw === undefined ? undefined : String(run.threw),
          `${title}: the block threw outside a checked line`,
        ).toBeUndefined();
        for (const check of block.example.checks) {
          const outcome = run?.checks.get(check.id);
          expect(outcome, `${file}:${check.line}: check never reached`).toBeDefined();
          if (outcome !== undefined) verify(block.example, check, outcome);
        }
      });
    }
  });
}

describe('the guides’ code blocks', () => {
  it(`are marked no-run at most ${MAX_NO_RUN} times`, () => {
    const noRun = allBlocks.flatMap(({ blocks }) =>
      blocks.filter((block) => block.noRun).map((block) => `${block.file}:${block.line}`),
    );
    expect(noRun.length, noRun.join(', ')).toBeLessThanOrEqual(MAX_NO_RUN);
  });

  it('README_NOT_RUNNABLE names blocks that exist', () => {
    const readme = allBlocks.find(({ file }) => file === 'README.md')?.blocks ?? [];
    const firstLines = new Set(readme.map((block) => block.example.code.split('\n')[0]));
    const stale = Object.keys(README_NOT_RUNNABLE).filter((line) => !firstLines.has(line));
    expect(stale).toEqual([]);
  });
});
