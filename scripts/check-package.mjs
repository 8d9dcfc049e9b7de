#!/usr/bin/env node
// Checks the package as it will be published. Run after `npm run build`:
//
//   npm run check:package
//
// 1. dist/ holds the built entry points.
// 2. `npm pack` contains exactly what a consumer needs (dist, README.md, LICENSE, CHANGELOG.md,
//    package.json) and nothing from src/, test/, bench/, examples/, docs/, scripts/ or data files.
// 3. The tarball installs into a fresh project outside the repository, and works there from ESM
//    (`import`), from CommonJS (`require`) and from TypeScript (node16 resolution, .mts and .cts).
// 4. publint --strict and attw (Are the Types Wrong?) report no problem.
//
// Uses Node built-ins only. Exits non-zero on any failure; temporary directories are removed.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
/** publint and attw are in test/package.json (installed by `npm run check:package`'s pre script). */
const testBin = (name) => join(root, 'test', 'node_modules', '.bin', name);

const REQUIRED_FILES = [
  'dist/index.js',
  'dist/index.node.js',
  'dist/index.cjs',
  'dist/index.d.ts',
  'dist/index.d.cts',
  // The subpath entries: retention-metrics/json-schema and retention-metrics/locale/ru.
  'dist/json-schema.js',
  'dist/json-schema.node.js',
  'dist/json-schema.cjs',
  'dist/json-schema.d.ts',
  'dist/json-schema.d.cts',
  'dist/locale-ru.js',
  'dist/locale/ru.node.js',
  'dist/locale/ru.cjs',
  'dist/locale/ru.d.ts',
  'dist/locale/ru.d.cts',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
  'package.json',
];
/** Top-level files allowed in the tarball besides dist/. */
const ALLOWED_TOP_LEVEL = new Set(['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']);
const FORBIDDEN_DIRS = [
  'src/',
  'test/',
  'bench/',
  'examples/',
  'docs/',
  'scripts/',
  'coverage/',
  '.ci/',
  'node_modules/',
];
const DATA_FILE = /\.(csv|tsv|jsonl|ndjson|parquet|xlsx?|sqlite3?|db|arrow|feather|tgz|zip|gz)$/i;
/** Files allowed under dist/. */
const DIST_FILE = /^dist\/.+\.(js|cjs|mjs|d\.ts|d\.cts|d\.mts|js\.map|cjs\.map|mjs\.map)$/;

const results = [];
const tempDirs = [];

function record(name, ok, details = []) {
  results.push({ name, ok, details });
  const mark = ok ? 'PASS' : 'FAIL';
  console.log(`[${mark}] ${name}`);
  for (const line of details) console.log(`       ${line}`);
}

function makeTempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

function cleanup() {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * The environment for child processes: `npm run` exports the repository's package and prefix
 * settings, which must not leak into npm commands run in the temporary consumer project.
 */
function childEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    const k = key.toLowerCase();
    if (
      k.startsWith('npm_package_') ||
      k.startsWith('npm_lifecycle_') ||
      k === 'npm_config_local_prefix' ||
      k === 'npm_config_prefix' ||
      k === 'init_cwd'
    ) {
      delete env[key];
    }
  }
  env.NO_COLOR = '1';
  env.FORCE_COLOR = '0';
  return env;
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, {
    cwd,
    env: childEnv(),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  return {
    ok: result.status === 0 && result.error === undefined,
    status: result.status,
    stdout: result.stdout ?? '',
    output: result.error ? `${result.error.message}\n${output}` : output,
  };
}

/** The last lines of a command's output, without npm's noise about unknown user config. */
function tail(output, lines = 30) {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '' && !/npm warn Unknown (user|env) config/i.test(line))
    .slice(-lines);
}

// ---------------------------------------------------------------------------------------------

function checkDist() {
  const distDir = join(root, 'dist');
  if (!existsSync(distDir)) {
    record('dist/ exists', false, ['dist/ is missing: run `npm run build` first.']);
    return false;
  }
  const built = [
    'index.js',
    'index.cjs',
    'index.d.ts',
    'index.d.cts',
    'json-schema.js',
    'json-schema.cjs',
    'locale-ru.js',
    'locale/ru.cjs',
  ];
  const missing = built.filter((f) => !existsSync(join(distDir, f)));
  record(
    'dist/ exists',
    missing.length === 0,
    missing.map((f) => `dist/${f} is missing: run \`npm run build\`.`),
  );
  return missing.length === 0;
}

function pack(packDir) {
  const r = run('npm', ['pack', '--json', '--pack-destination', packDir], root);
  if (!r.ok) {
    record('npm pack', false, tail(r.output));
    return undefined;
  }
  let info;
  try {
    const start = r.stdout.indexOf('[');
    info = JSON.parse(r.stdout.slice(start))[0];
  } catch (error) {
    record('npm pack', false, [`could not parse \`npm pack --json\` output: ${error}`]);
    return undefined;
  }
  const tarball = join(packDir, info.filename);
  if (!existsSync(tarball)) {
    record('npm pack', false, [`tarball ${info.filename} was not written to ${packDir}`]);
    return undefined;
  }
  const kib = (info.size / 1024).toFixed(1);
  record('npm pack', true, [`${info.filename}: ${info.entryCount} files, ${kib} kB packed`]);
  return { tarball, files: info.files.map((f) => f.path.replace(/\\/g, '/')) };
}

function checkFileList(files) {
  const problems = [];
  const set = new Set(files);
  for (const required of REQUIRED_FILES) {
    if (!set.has(required)) {
      const hint =
        required.startsWith('dist/') || existsSync(join(root, required))
          ? ''
          : ` (${required} does not exist in the repository)`;
      problems.push(`missing from the tarball: ${required}${hint}`);
    }
  }
  for (const file of files) {
    const dir = FORBIDDEN_DIRS.find((d) => file.startsWith(d));
    if (dir !== undefined) problems.push(`must not be published (${dir}): ${file}`);
    else if (DATA_FILE.test(file)) problems.push(`data file must not be published: ${file}`);
    else if (!ALLOWED_TOP_LEVEL.has(file) && !DIST_FILE.test(file)) {
      problems.push(`unexpected file in the tarball: ${file}`);
    }
  }
  record('tarball file list', problems.length === 0, problems);
}

const ESM_CONSUMER = `import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  buildRetentionPlan,
  churnRate,
  countSchema,
  isRetentionMetricsError,
  renderRetentionPlan,
  RetentionMetricsError,
  retentionRate,
} from 'retention-metrics';
import { toJsonSchema } from 'retention-metrics/json-schema';
import { ru } from 'retention-metrics/locale/ru';

const input = { startCustomers: 1000, endCustomers: 900, newCustomers: 200 };
assert.equal(retentionRate(input).toString(), '0.7');
assert.equal(churnRate(input).toString(), '0.3');
assert.throws(
  () => retentionRate({ startCustomers: 0, endCustomers: 0 }),
  (error) => isRetentionMetricsError(error) && error.code === 'DIVISION_BY_ZERO',
);
const resolved = import.meta.resolve('retention-metrics');
// Node resolves the single-file ESM build (the "node" condition); bundlers get dist/index.js.
assert.ok(resolved.endsWith('/node_modules/retention-metrics/dist/index.node.js'), resolved);
assert.ok(createRequire(import.meta.url)('retention-metrics/package.json').name === 'retention-metrics');
// The subpaths use the main entry's modules, not copies: toJsonSchema writes the JSON fragment
// that the main entry's countSchema registered, and throws the main entry's error class.
assert.equal(toJsonSchema(countSchema).description, 'A non-negative integer count.');
assert.throws(() => toJsonSchema(42), (error) => error instanceof RetentionMetricsError);
const plan = buildRetentionPlan({ locale: ru });
assert.equal(plan.title, 'План удержания клиентов');
assert.equal(renderRetentionPlan(plan, { locale: ru }).split('\\n')[0], '# План удержания клиентов');
for (const [specifier, file] of [
  ['retention-metrics/json-schema', 'json-schema.node.js'],
  ['retention-metrics/locale/ru', 'locale/ru.node.js'],
]) {
  const url = import.meta.resolve(specifier);
  assert.ok(url.endsWith('/node_modules/retention-metrics/dist/' + file), url);
}
console.log('esm ok:', resolved);
`;

const CJS_CONSUMER = `'use strict';
const assert = require('node:assert/strict');
const metrics = require('retention-metrics');
const { buildRetentionPlan, churnRate, countSchema, isRetentionMetricsError, RetentionMetricsError, retentionRate } = metrics;
const { toJsonSchema } = require('retention-metrics/json-schema');
const { ru } = require('retention-metrics/locale/ru');

const input = { startCustomers: 1000, endCustomers: 900, newCustomers: 200 };
assert.equal(retentionRate(input).toString(), '0.7');
assert.equal(churnRate(input).toString(), '0.3');
assert.throws(
  () => retentionRate({ startCustomers: 0, endCustomers: 0 }),
  (error) => isRetentionMetricsError(error) && error.code === 'DIVISION_BY_ZERO',
);
const resolved = require.resolve('retention-metrics');
assert.ok(resolved.replace(/\\\\/g, '/').endsWith('/node_modules/retention-metrics/dist/index.cjs'), resolved);
// One module instance: the subpaths require the main entry's chunk, not a copy of it.
assert.equal(toJsonSchema(countSchema).description, 'A non-negative integer count.');
assert.throws(() => toJsonSchema(42), (error) => error instanceof RetentionMetricsError);
assert.equal(buildRetentionPlan({ locale: ru }).title, 'План удержания клиентов');
for (const [specifier, file] of [
  ['retention-metrics/json-schema', 'json-schema.cjs'],
  ['retention-metrics/locale/ru', 'locale/ru.cjs'],
]) {
  const path = require.resolve(specifier).replace(/\\\\/g, '/');
  assert.ok(path.endsWith('/node_modules/retention-metrics/dist/' + file), path);
}
console.log('cjs ok:', resolved);
`;

/** Typechecked only (never run): the public types as a TypeScript consumer sees them. */
const TS_CONSUMER = (form) => `import {
  churnRate,
  type Decimal,
  isRetentionMetricsError,
  type Numeric,
  RetentionMetricsError,
  type RetentionMetricsErrorCode,
  type RetentionRateInput,
  buildRetentionPlan,
  type PlanLanguagePack,
  retentionRate,
  retentionRateInputSchema,
} from 'retention-metrics';
import { type JsonSchema, toJsonSchema } from 'retention-metrics/json-schema';
import { ru } from 'retention-metrics/locale/ru';

const input: RetentionRateInput = { startCustomers: 1000, endCustomers: '900', newCustomers: 200 };
const rate: Decimal = retentionRate(input);
const churn: Decimal = churnRate({ startCustomers: 1000, lostCustomers: 100 });
const text: string = rate.plus(churn).toString();
const n: Numeric = text;
// @ts-expect-error endCustomers is required
retentionRate({ startCustomers: 1000 });
// @ts-expect-error a count is not a boolean
retentionRate({ startCustomers: true, endCustomers: 1 });

export function codeOf(error: unknown): RetentionMetricsErrorCode | undefined {
  if (isRetentionMetricsError(error)) {
    const e: RetentionMetricsError = error;
    return e.code;
  }
  return undefined;
}
const pack: PlanLanguagePack = ru;
const schema: JsonSchema = toJsonSchema(retentionRateInputSchema);
const title: string = buildRetentionPlan({ locale: pack }).title;
// @ts-expect-error a pack is not a number
buildRetentionPlan({ locale: 1 });
export const checked: readonly unknown[] = [n, '${form}', schema, title];
`;

function checkConsumer(tarball) {
  const dir = makeTempDir('retention-metrics-consumer-');
  const init = run('npm', ['init', '-y'], dir);
  if (!init.ok) {
    record('consumer project: npm init -y', false, tail(init.output));
    return;
  }
  const install = run('npm', ['install', tarball, '--no-audit', '--no-fund'], dir);
  if (!install.ok) {
    record('consumer project: npm install <tarball>', false, tail(install.output));
    return;
  }
  const installed = ['retention-metrics', 'decimal.js', 'zod'].filter(
    (name) => !existsSync(join(dir, 'node_modules', name, 'package.json')),
  );
  record(
    'consumer project: npm install <tarball>',
    installed.length === 0,
    installed.length === 0
      ? [`installed in ${dir}`]
      : installed.map((name) => `${name} is not in the consumer's node_modules`),
  );
  if (installed.length > 0) return;

  writeFileSync(join(dir, 'esm-consumer.mjs'), ESM_CONSUMER);
  writeFileSync(join(dir, 'cjs-consumer.cjs'), CJS_CONSUMER);
  for (const [name, file] of [
    ['ESM import', 'esm-consumer.mjs'],
    ['CommonJS require', 'cjs-consumer.cjs'],
  ]) {
    const r = run(process.execPath, [file], dir);
    record(`consumer: ${name}`, r.ok, r.ok ? tail(r.output, 1) : tail(r.output));
  }

  // TypeScript: node16 resolution picks dist/index.d.ts for .mts and dist/index.d.cts for .cts.
  writeFileSync(join(dir, 'ts-consumer.mts'), TS_CONSUMER('mts'));
  writeFileSync(join(dir, 'ts-consumer.cts'), TS_CONSUMER('cts'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    `${JSON.stringify(
      {
        compilerOptions: {
          module: 'node16',
          moduleResolution: 'node16',
          target: 'ES2022',
          // zod's declarations need URL, which comes from DOM or @types/node.
          lib: ['ES2022', 'DOM'],
          types: [],
          strict: true,
          exactOptionalPropertyTypes: true,
          // Also typecheck the published declarations (and those of decimal.js and zod).
          skipLibCheck: false,
          noEmit: true,
        },
        files: ['ts-consumer.mts', 'ts-consumer.cts'],
      },
      null,
      2,
    )}\n`,
  );
  if (!existsSync(bin('tsc'))) {
    record('consumer: TypeScript (node16, .mts and .cts)', false, [
      `${relative(root, bin('tsc'))} not found: run \`npm ci\``,
    ]);
    return;
  }
  const tsc = run(bin('tsc'), ['-p', join(dir, 'tsconfig.json')], dir);
  record('consumer: TypeScript (node16, .mts and .cts)', tsc.ok, tsc.ok ? [] : tail(tsc.output));
}

function checkTool(name, command, args) {
  if (!existsSync(command)) {
    record(name, false, [`${relative(root, command)} not found: run \`npm ci\``]);
    return;
  }
  const r = run(command, args, root);
  record(name, r.ok, r.ok ? [] : tail(r.output, 60));
}

// ---------------------------------------------------------------------------------------------

function main() {
  console.log(`Checking the package in ${root}\n`);
  if (!checkDist()) return;
  const packDir = makeTempDir('retention-metrics-pack-');
  const packed = pack(packDir);
  if (packed !== undefined) {
    checkFileList(packed.files);
    checkConsumer(packed.tarball);
  }
  checkTool('publint --strict', testBin('publint'), ['--strict']);
  checkTool('attw --pack .', testBin('attw'), ['--pack', '.']);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanup();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

try {
  main();
} catch (error) {
  record('check-package', false, [String(error?.stack ?? error)]);
} finally {
  cleanup();
}

const failed = results.filter((r) => !r.ok);
console.log(
  `\n${results.length - failed.length}/${results.length} checks passed` +
    (failed.length > 0 ? `; failed: ${failed.map((r) => r.name).join(', ')}` : ''),
);
process.exitCode = failed.length > 0 ? 1 : 0;
