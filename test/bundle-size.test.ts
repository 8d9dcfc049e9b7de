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
// Ceilings are gzipped KB (1024 bytes). Figures with zod classic (esbuild 0.27): retentionRate
// alone 36.9, the API without models and SQL 95.0, models alone 57.3, the SQL layer alone 52.8,
// everything 114.8. With zod/mini (src/ imports only 'zod/mini') and the unused module-level
// schemas of core and metrics marked pure: 21.4, 82.7, 38.8, 34.6, 102.6. Of the 82.7, zod's JSON
// Schema generator (toJsonSchema) is 6.6. The layers' ceilings are those figures and about 5 % more.
// With the columnar segment tables, the stored-state and stored-plan checks and the ISO-8601
// scanner: 89.8 and 109.7; with the SQL layer's late-rows marker and exported options schemas, and
// the binary accumulator state: 90.4 and 112.2.
const CEILING_KB = {
  retentionRateAlone: 25,
  apiWithoutLaterLayers: 92,
  // 41.1 measured after the model rows' bounds, finite predictions and named whole arguments.
  modelsLayer: 41.5,
  sqlLayer: 37,
  // 114.2 measured after object schemas refuse objects that are not plain.
  everything: 114.5,
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
  /** Files of zod that reached the output, relative to zod's package (`v4/mini/schemas.js`). */
  readonly zodFiles: readonly string[];
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
  const zodFiles = inputs
    .filter((p) => p.startsWith('node_modules/zod/'))
    .map((p) => p.slice('node_modules/zod/'.length));
  return { gzipKb: gzipSync(output).length / 1024, sourceFiles, packages, zodFiles };
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

  it("takes zod's mini build only: none of zod classic, none of its locales", async () => {
    const b = await bundle("export * from './index.js';");
    expect(b.zodFiles.some((f) => f.startsWith('v4/mini/'))).toBe(true);
    expect(b.zodFiles.filter((f) => /(^|\/)(classic|locales)\//.test(f))).toEqual([]);
  });

  it('the whole API stays within its ceiling', async () => {
    const b = await bundle("export * from './index.js';");
    expect(round(b.gzipKb)).toBeLessThanOrEqual(CEILING_KB.everything);
  });
});
