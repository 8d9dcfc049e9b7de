/**
 * Import time in Node: `await import()` of the built package (dist/, from `npm run build`) in a
 * fresh process, next to importing its dependencies alone in the same run. Each case runs in its
 * own `node` process (the module cache would otherwise answer the second import); the figure is
 * the time of the `await import()` inside that process, not the process start. Printed, never
 * asserted.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Measurement } from './lib.js';
import { printTable } from './lib.js';

const dist = (file: string) =>
  pathToFileURL(fileURLToPath(new URL(`../dist/${file}`, import.meta.url))).href;
const root = fileURLToPath(new URL('..', import.meta.url));

/** Times `await import()` of each specifier, in order, in a fresh node process; returns ms. */
function importOnce(specifiers: readonly string[]): number {
  const script = `const t = performance.now(); ${specifiers
    .map((s) => `await import(${JSON.stringify(s)});`)
    .join(' ')} console.log(performance.now() - t);`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`import of ${specifiers.join(', ')} failed: ${result.stderr}`);
  return Number(result.stdout.trim());
}

function measureImport(name: string, specifiers: readonly string[], runs = 9): Measurement {
  importOnce(specifiers); // warm the file system cache
  const times = Array.from({ length: runs }, () => importOnce(specifiers)).sort((a, b) => a - b);
  return {
    name,
    medianMs: times[Math.floor(runs / 2)] ?? 0,
    minMs: times[0] ?? 0,
    runs,
    heapDeltaMb: 0,
  };
}

export function run(): void {
  const decimal = measureImport("import('decimal.js')", ['decimal.js']);
  // The library imports only zod's mini build; the classic one is shown for comparison.
  const zodClassic = measureImport("import('zod') (classic, not used by the library)", ['zod']);
  const zod = measureImport("import('zod/mini')", ['zod/mini']);
  const both = measureImport("import('decimal.js'), import('zod/mini')", [
    'decimal.js',
    'zod/mini',
  ]);
  const retention = measureImport('dist/metrics/retention.js (retentionRate only)', [
    dist('metrics/retention.js'),
  ]);
  // The package's own name resolves through package.json's "exports" (Node's "node" condition).
  const esm = measureImport("import('retention-metrics') (dist/index.node.js)", [
    'retention-metrics',
  ]);
  const modules = measureImport("dist/index.js (bundlers' build, one file per module)", [
    dist('index.js'),
  ]);
  const cjs = measureImport('import of dist/index.cjs', [dist('index.cjs')]);
  printTable(
    'Import time in a fresh process (ms; heap column unused), × importing decimal.js and zod/mini alone',
    [decimal, zodClassic, zod, both, retention, esm, modules, cjs],
    both,
  );
}
