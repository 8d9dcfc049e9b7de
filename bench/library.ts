/**
 * The library under benchmark, as users get it: the built ESM bundle in `dist/` (`npm run bench`
 * builds it first). Types come from the sources, which the bundle is built from.
 */
import { existsSync } from 'node:fs';
import type * as Library from '../src/index.js';

const bundle = new URL('../dist/index.js', import.meta.url);
if (!existsSync(bundle)) {
  throw new Error(
    'bench: dist/index.js is missing; run `npm run build` first (npm run bench does)',
  );
}

/** The exports of `dist/index.js`. */
export const lib: typeof Library = await import(bundle.href);
