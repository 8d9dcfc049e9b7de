/**
 * Importing a closed-form metric or a segmentation bundles no model code: a browser bundle of
 * `retentionRate` alone (and of `classifyCustomers` alone) takes no file from src/models and
 * nothing from `@stdlib`, while a bundle of `fitBgNbd` does take src/models (so the check can
 * fail). Bundled from the sources with esbuild, as a bundler of the published package would
 * tree-shake it (`"sideEffects": false`).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The input files that contribute to a minified browser bundle importing `name` only. */
async function bundledInputs(name: string): Promise<string[]> {
  const result = await build({
    stdin: {
      contents: `import { ${name} } from './src/index.ts'; console.log(${name});`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = Object.values(result.metafile.outputs);
  expect(outputs).toHaveLength(1);
  return Object.keys(outputs[0]?.inputs ?? {});
}

const inModels = (path: string) => path.startsWith('src/models/');
const inStdlib = (path: string) => path.includes('node_modules/@stdlib/');

describe('bundle boundaries', () => {
  it('retentionRate alone bundles no model code and nothing from @stdlib', async () => {
    const inputs = await bundledInputs('retentionRate');
    expect(inputs).toContain('src/metrics/retention.ts');
    expect(inputs.filter(inModels)).toEqual([]);
    expect(inputs.filter(inStdlib)).toEqual([]);
  });

  it('classifyCustomers alone bundles no model code', async () => {
    const inputs = await bundledInputs('classifyCustomers');
    expect(inputs.some((path) => path.startsWith('src/segments/'))).toBe(true);
    expect(inputs.filter(inModels)).toEqual([]);
    expect(inputs.filter(inStdlib)).toEqual([]);
  });

  it('fitBgNbd does bundle the models layer, and still nothing from @stdlib', async () => {
    const inputs = await bundledInputs('fitBgNbd');
    expect(inputs).toContain('src/models/special.ts');
    expect(inputs).toContain('src/models/bg-nbd.ts');
    expect(inputs.filter(inStdlib)).toEqual([]);
  });
});
