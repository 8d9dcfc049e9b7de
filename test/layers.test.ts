import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// DESIGN.md: layers import only downwards — core ← metrics ← transactions ← segments / models / sql
// ← charts ← plan — and nothing inside src/ imports src/index.ts.
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
  const files = sourceFiles(SRC).filter((f) => !f.endsWith('index.ts') || dirname(f) !== SRC);

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
        expect(target, `${relative(SRC, file)} imports src/index.ts`).not.toBe(
          join(SRC, 'index.js'),
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
