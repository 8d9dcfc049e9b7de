// Installs the packages that only the tests use (test/package.json, pinned by
// test/package-lock.json) into test/node_modules when they are missing or older than the lockfile;
// does nothing otherwise. `npm test`, `npm run check:package` and `npm run check:browser` run it
// first (their `pre` scripts), so a clean clone needs nothing installed by hand:
//
//   node scripts/test-deps.mjs
//
// The root package.json keeps only what the build and the test runner need, so that installing the
// package from a git URL or a path (which installs its devDependencies to build it) stays light.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const testDir = fileURLToPath(new URL('../test/', import.meta.url));
const stamp = new URL('../test/node_modules/.installed-lock-sha256', import.meta.url);

const hash = createHash('sha256')
  .update(readFileSync(new URL('../test/package.json', import.meta.url)))
  .update(readFileSync(new URL('../test/package-lock.json', import.meta.url)))
  .digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) process.exit(0);

console.log('test/node_modules is missing or stale: npm ci in test/');
const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
  cwd: testDir,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (npm.status !== 0) process.exit(npm.status ?? 1);
writeFileSync(stamp, `${hash}\n`);
