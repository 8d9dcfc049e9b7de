import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

// Issue 14: importing one function pulls only what it uses. Each case bundles an import the way a
// user's bundler does (esbuild: --bundle --minify --platform=browser --format=esm) and gzips the
// output. It bundles the sources, not dist/: `npm run build` emits one ESM file per source file
// (tsup.config.ts, bundle: false), which package.json's exports give every resolver but the
// runtimes' "node" condition, so a bundler sees the same modules, and package.json's
// `sideEffects: false` lets it drop every module the import does not reach. The resolve plugin
// below maps the sources' `./x.js` specifiers to `./x.ts` and carries that `sideEffects: false`.
//
// Ceilings are gzipped KB (1024 bytes). Figures when set (esbuild 0.27, zod 4 classic):
// retentionRate alone 36.9, the API without models and SQL 93.5 (with the columnar summaries;
// 95.4 with the character scanner of ISO text),
// models alone 70.0, the SQL layer alone 52.0, everything under 120. The targets (retentionRate alone 25, the API 80) need zod's
// mini build: zod classic's schema classes cost about 20 KB gzipped whichever schema is used.
// The checks and migration of stored plans (plan/internal/consistency.ts, plan/migrate.ts) add
// 2.7 KB: the API without models and SQL is 97.7.
const CEILING_KB = {
  retentionRateAlone: 38,
  apiWithoutLaterLayers: 104,
  modelsLayer: 71,
  sqlLayer: 53,
  everything: 125,
};

const ROOT = resolve(__dirname, '..');
const SRC = resolve(ROOT, 'src');
const LATER_LAYERS = ['models', 'sql'] as const;

const sources: Plugin = {
  name: 'sources',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      if (!`${args.resolveDir}${sep}`.startsWith(`${SRC}${sep}`)) return undefined;
      return {
        path: resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')),
        sideEffects: false,
      };
    });
  },
};

interface Bundle {
  /** Gzipped size in KB. */
  readonly gzipKb: number;
  /** Source files of this repository that reached the output, relative to src/ (`models/fit.ts`). */
  readonly sourceFiles: readonly string[];
  /** Packages that reached the output. */
  readonly packages: readonly string[];
}

async function bundle(entry: string): Promise<Bundle> {
  const result = await build({
    stdin: { contents: entry, resolveDir: SRC, sourcefile: 'entry.ts', loader: 'ts' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    absWorkingDir: ROOT,
    logLevel: 'silent',
    plugins: [sources],
  });
  const output = result.outputFiles[0]?.contents ?? new Uint8Array();
  const inputs = Object.entries(Object.values(result.metafile.outputs)[0]?.inputs ?? {})
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
  const sourceFiles = inputs.filter((p) => p.startsWith('src/')).map((p) => p.slice(4));
  const packages = [
    ...new Set(
      inputs
        .filter((p) => p.startsWith('node_modules/'))
        .map((p) =>
          p
            .split('/')
            .slice(1, p.split('/')[1]?.startsWith('@') ? 3 : 2)
            .join('/'),
        ),
    ),
  ];
  return { gzipKb: gzipSync(output).length / 1024, sourceFiles, packages };
}

/** The `export … from './layer/…'` statements of src/index.ts, by the layer they re-export. */
function indexExports(keep: (layer: string) => boolean): string {
  const index = readFileSync(resolve(SRC, 'index.ts'), 'utf8');
  const statements = index.match(/export\s*(?:type\s*)?\{[^}]*\}\s*from\s*'[^']+';/g) ?? [];
  return statements.filter((s) => keep(/from\s*'\.\/([^/']+)\//.exec(s)?.[1] ?? '')).join('\n');
}

const inLayer = (layer: string) => (file: string) => file.split('/')[0] === layer;
const round = (kb: number) => Math.round(kb * 10) / 10;

describe('bundle size (esbuild, minified, gzipped)', () => {
  it('retentionRate alone: only core and metrics, decimal.js and zod, within its ceiling', async () => {
    const b = await bundle("export { retentionRate } from './index.js';");
    const layers = new Set(b.sourceFiles.map((f) => f.split('/')[0]));
    expect([...layers].sort()).toEqual(['core', 'metrics']);
    expect([...b.packages].sort()).toEqual(['decimal.js', 'zod']);
    expect(round(b.gzipKb)).toBeLessThanOrEqual(CEILING_KB.retentionRateAlone);
  });

  it('the API without the later layers contains none of their files, within its ceiling', async () => {
    const b = await bundle(
      indexExports((layer) => !(LATER_LAYERS as readonly string[]).includes(layer)),
    );
    expect(b.sourceFiles.length).toBeGreaterThan(50);
    for (const layer of LATER_LAYERS) expect(b.sourceFiles.filter(inLayer(layer))).toEqual([]);
    expect([...b.packages].sort()).toEqual(['decimal.js', 'zod']);
    expect(round(b.gzipKb)).toBeLessThanOrEqual(CEILING_KB.apiWithoutLaterLayers);
  });

  it('the models layer alone stays within its ceiling and brings no plan, chart or SQL code', async () => {
    const b = await bundle(indexExports((layer) => layer === 'models'));
    expect(b.sourceFiles.filter(inLayer('models')).length).toBeGreaterThan(5);
    for (const layer of ['sql', 'plan', 'charts', 'segments']) {
      expect(b.sourceFiles.filter(inLayer(layer))).toEqual([]);
    }
    expect(round(b.gzipKb)).toBeLessThanOrEqual(CEILING_KB.modelsLayer);
  });

  const sqlExports = indexExports((layer) => layer === 'sql');
  it.runIf(sqlExports !== '')(
    'the SQL layer alone stays within its ceiling and brings no model code',
    async () => {
      const b = await bundle(sqlExports);
      expect(b.sourceFiles.filter(inLayer('sql')).length).toBeGreaterThan(0);
      expect(b.sourceFiles.filter(inLayer('models'))).toEqual([]);
      expect(round(b.gzipKb)).toBeLessThanOrEqual(CEILING_KB.sqlLayer);
    },
  );

  it('the whole API stays within its ceiling', async () => {
    const b = await bundle("export * from './index.js';");
    expect(round(b.gzipKb)).toBeLessThanOrEqual(CEILING_KB.everything);
  });
});
