import { defineConfig } from 'tsup';

const common = {
  target: 'es2022',
  platform: 'neutral',
  tsconfig: 'tsconfig.build.json',
} as const;

/**
 * The package's entries (package.json "exports"): the API, the JSON Schema generator and the
 * plan's language packs, each its own import so that a bundle carries only what it imports.
 */
const entries = {
  index: 'src/index.ts',
  'json-schema': 'src/json-schema.ts',
  'locale/ru': 'src/locale-ru.ts',
};

// Four builds (`npm run build` empties dist/ first):
// - ESM, one output file per source file (bundle: false), for bundlers: they see modules and
//   `sideEffects: false` lets them drop every module an import does not reach. A single-file ESM
//   bundle leaves tree-shaking to statement-level analysis, which keeps every module-level schema.
//   The entries are dist/index.js, dist/json-schema.js and dist/locale-ru.js.
// - ESM bundled per entry (dist/index.node.js, …), for runtimes (package.json's "node" condition:
//   Node, Deno, Bun): loading some hundred modules one by one doubles the time of `import` in Node.
// - CJS bundled per entry (require() does not tree-shake).
// Both bundled builds split the code the entries share into chunks (dist/chunk-*.js, .cjs): the
// subpath entries then use the main entry's modules, not copies of them (one registry of JSON
// Schema fragments, one RetentionMetricsError class).
// - Declarations of every entry for both (index.d.ts, index.d.cts, …).
export default defineConfig([
  { ...common, entry: ['src/**/*.ts'], format: ['esm'], bundle: false, dts: false },
  {
    ...common,
    entry: Object.fromEntries(Object.entries(entries).map(([name, src]) => [`${name}.node`, src])),
    format: ['esm'],
    splitting: true,
    treeshake: true,
    dts: false,
  },
  { ...common, entry: entries, format: ['cjs'], splitting: true, treeshake: true, dts: false },
  { ...common, entry: entries, format: ['esm', 'cjs'], dts: { only: true } },
]);
