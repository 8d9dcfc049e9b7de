#!/usr/bin/env node
// Checks that the package installs before any registry release, as README's "Install" says:
//
//   node scripts/check-install.mjs
//
// 1. `npm install git+file://<clone>#<commit>` into a fresh project: npm clones the repository,
//    installs its devDependencies there, runs `prepare` (the build) and installs the result.
// 2. `npm ci` in a clone (which builds dist/ through `prepare`), then `npm install <path>` of that
//    clone into a fresh project (npm links the directory).
// Both projects then import the package (ESM) and require it (CommonJS): the seed example
// S = 1000, E = 900, N = 200 gives 0.7. The clone is of the committed HEAD, so commit first.
// Prints, for the git install, its wall time and the size of the project's node_modules afterwards.
// With --fresh-cache it uses an empty npm cache, so it also prints how much npm downloaded (the
// cache's size afterwards: what a machine that never installed these packages fetches).
// Uses Node built-ins, git and npm. Exits non-zero on any failure; temporary directories are removed.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const temp = mkdtempSync(join(tmpdir(), 'retention-metrics-install-'));
const freshCache = process.argv.includes('--fresh-cache');
const cache = join(temp, 'npm-cache');
let failed = false;

/** Bytes of the files under `dir` (symbolic links not followed). */
function sizeOf(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** npm run exports the repository's package settings; they must not leak into the projects. */
function childEnv() {
  const env = { ...process.env, NO_COLOR: '1' };
  for (const key of Object.keys(env)) {
    const k = key.toLowerCase();
    if (k.startsWith('npm_package_') || k.startsWith('npm_lifecycle_') || k === 'init_cwd') {
      delete env[key];
    }
    if (k === 'npm_config_local_prefix' || k === 'npm_config_prefix') delete env[key];
  }
  if (freshCache) env.npm_config_cache = cache;
  return env;
}

function run(command, args, cwd) {
  const r = spawnSync(command, args, { cwd, env: childEnv(), encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function record(name, r, okDetail) {
  console.log(`[${r.ok ? 'PASS' : 'FAIL'}] ${name}`);
  const lines = r.ok ? [okDetail ?? ''] : r.output.trim().split('\n').slice(-25);
  for (const line of lines) if (line) console.log(`       ${line}`);
  if (!r.ok) failed = true;
  return r.ok;
}

const SEED = '{ startCustomers: 1000, endCustomers: 900, newCustomers: 200 }';
// The subpath entries resolve too, and share the main entry's modules: toJsonSchema writes the
// JSON fragment the main entry's schema registered (one registry, not a copy), and the Russian
// pack writes a Russian plan with the main entry's builder.
const SUBPATHS = (load) => `const jsonSchema = ${load('retention-metrics/json-schema')};
const locale = ${load('retention-metrics/locale/ru')};
const count = jsonSchema.toJsonSchema(countSchema);
if (count.description !== 'A non-negative integer count.') throw new Error('toJsonSchema(countSchema) gave ' + JSON.stringify(count));
const title = buildRetentionPlan({ locale: locale.ru }).title;
if (title !== 'План удержания клиентов') throw new Error('the ru pack gave ' + title);
`;
const ESM = `import { buildRetentionPlan, countSchema, retentionRate } from 'retention-metrics';
const r = retentionRate(${SEED}).toString();
if (r !== '0.7') throw new Error('retentionRate gave ' + r);
${SUBPATHS((name) => `await import('${name}')`)}
console.log('esm ok: ' + import.meta.resolve('retention-metrics') + ', ' + import.meta.resolve('retention-metrics/json-schema') + ', ' + import.meta.resolve('retention-metrics/locale/ru'));
`;
const CJS = `const { buildRetentionPlan, countSchema, retentionRate } = require('retention-metrics');
const r = retentionRate(${SEED}).toString();
if (r !== '0.7') throw new Error('retentionRate gave ' + r);
${SUBPATHS((name) => `require('${name}')`)}
console.log('cjs ok: ' + require.resolve('retention-metrics') + ', ' + require.resolve('retention-metrics/json-schema') + ', ' + require.resolve('retention-metrics/locale/ru'));
`;

function project(name, spec) {
  const dir = join(temp, name);
  run('mkdir', ['-p', dir], temp);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true }));
  writeFileSync(join(dir, 'check.mjs'), ESM);
  writeFileSync(join(dir, 'check.cjs'), CJS);
  const started = performance.now();
  const install = run('npm', ['install', '--no-audit', '--no-fund', spec], dir);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const sizes = install.ok
    ? [
        `${seconds} s; node_modules afterwards ${mb(sizeOf(join(dir, 'node_modules')))}`,
        ...(freshCache && name === 'from-git'
          ? [`downloaded into an empty npm cache: ${mb(sizeOf(cache))}`]
          : []),
      ].join('; ')
    : undefined;
  if (!record(`${name}: npm install ${spec}`, install, sizes)) return;
  for (const file of ['check.mjs', 'check.cjs']) {
    const r = run(process.execPath, [file], dir);
    record(`${name}: ${file}`, r, r.output.trim());
  }
}

try {
  const head = run('git', ['rev-parse', 'HEAD'], root);
  const clone = join(temp, 'clone');
  if (
    record(
      'git clone of HEAD',
      run('git', ['clone', '--quiet', root, clone], temp),
      head.output.trim(),
    )
  ) {
    run('git', ['checkout', '--quiet', head.output.trim()], clone);
    project('from-git', `git+file://${clone}#${head.output.trim()}`);
    const ci = run('npm', ['ci', '--no-audit', '--no-fund'], clone);
    const devSize = ci.ok ? `clone's node_modules: ${mb(sizeOf(join(clone, 'node_modules')))}` : '';
    if (record('npm ci in the clone (builds dist/)', ci, devSize)) {
      project('from-path', clone);
    }
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
console.log(failed ? '\ninstall checks failed' : '\ninstall checks passed');
process.exit(failed ? 1 : 0);
