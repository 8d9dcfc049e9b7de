import { defineConfig } from 'tsup';

const common = {
  target: 'es2022',
  platform: 'neutral',
  tsconfig: 'tsconfig.build.json',
} as const;

// Three builds (`npm run build` empties dist/ first):
// - ESM, one output file per source file (bundle: false), so a user's bundler sees modules and
//   `sideEffects: false` lets it drop every module an import does not reach. A single-file ESM
//   bundle leaves tree-shaking to statement-level analysis, which keeps every module-level schema.
// - CJS, one bundled file (require() does not tree-shake).
// - Declarations of the public entry for both (index.d.ts, index.d.cts).
export default defineConfig([
  { ...common, entry: ['src/**/*.ts'], format: ['esm'], bundle: false, dts: false },
  { ...common, entry: ['src/index.ts'], format: ['cjs'], treeshake: true, dts: false },
  { ...common, entry: ['src/index.ts'], format: ['esm', 'cjs'], dts: { only: true } },
]);
