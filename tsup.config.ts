import { defineConfig } from 'tsup';

const common = {
  target: 'es2022',
  platform: 'neutral',
  tsconfig: 'tsconfig.build.json',
} as const;

// Four builds (`npm run build` empties dist/ first):
// - ESM, one output file per source file (bundle: false), for bundlers: they see modules and
//   `sideEffects: false` lets them drop every module an import does not reach. A single-file ESM
//   bundle leaves tree-shaking to statement-level analysis, which keeps every module-level schema.
// - ESM in one file (dist/index.node.js), for runtimes (package.json's "node" condition: Node, Deno,
//   Bun): loading some hundred modules one by one doubles the time of `import` in Node.
// - CJS, one bundled file (require() does not tree-shake).
// - Declarations of the public entry for both (index.d.ts, index.d.cts).
export default defineConfig([
  { ...common, entry: ['src/**/*.ts'], format: ['esm'], bundle: false, dts: false },
  {
    ...common,
    entry: { 'index.node': 'src/index.ts' },
    format: ['esm'],
    treeshake: true,
    dts: false,
  },
  { ...common, entry: ['src/index.ts'], format: ['cjs'], treeshake: true, dts: false },
  { ...common, entry: ['src/index.ts'], format: ['esm', 'cjs'], dts: { only: true } },
]);
