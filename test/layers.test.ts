import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// DESIGN.md: layers import only downwards — core ← metrics ← transactions ← segments / models / sql
// ← charts ← plan — and nothing inside src/ imports src/index.ts. The files at the root of src/ are
// the package's entries (index.ts, json-schema.ts, locale-ru.ts): they re-export the layers, and
// nothing imports them.
const RANK: Record<string, number> = {
  core: 0,
  metrics: 1,
  transactions: 2,
  segments: 3,
  models: 3,
  sql: 3,
  charts: 4,
  plan: 5,
};

const SRC = resolve(__dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function layerOf(path: string): string {
  return relative(SRC, path).split('/')[0] as string;
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g;

describe('layers', () => {
  const files = sourceFiles(SRC).filter((f) => dirname(f) !== SRC);
  const entries = new Set(
    readdirSync(SRC)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => join(SRC, name.replace(/\.ts$/, '.js'))),
  );

  it('the entries are the root files of src/', () => {
    expect([...entries].map((f) => relative(SRC, f)).sort()).toEqual([
      'index.js',
      'json-schema.js',
      'locale-ru.js',
    ]);
  });

  it('every folder of src/ is a known layer', () => {
    for (const file of files) expect(Object.keys(RANK)).toContain(layerOf(file));
  });

  it.each(files.map((f) => [relative(SRC, f), f]))(
    '%s imports only its own or lower layers',
    (_, file) => {
      const text = readFileSync(file, 'utf8');
      const from = layerOf(file);
      for (const match of text.matchAll(IMPORT)) {
        const target = resolve(dirname(file), (match[1] ?? match[2]) as string);
        expect(entries.has(target), `${relative(SRC, file)} imports the entry ${target}`).toBe(
          false,
        );
        const to = layerOf(target);
        expect(
          RANK[to] as number,
          `${relative(SRC, file)} (${from}) imports ${relative(SRC, target)} (${to})`,
        ).toBeLessThanOrEqual(RANK[from] as number);
        if (from !== to && RANK[from] === RANK[to]) {
          throw new Error(`${relative(SRC, file)} imports the sibling layer ${to}`);
        }
      }
    },
  );
});
