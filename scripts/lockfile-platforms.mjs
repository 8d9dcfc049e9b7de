// Completes package-lock.json with entries for platform-specific optional packages that the
// registry used to create the lockfile did not serve (e.g. @biomejs/cli-darwin-arm64,
// @rollup/rollup-win32-x64-msvc). `npm ci` insists that every optional dependency appears in the
// lockfile, even one it will skip on this platform; without these entries it refuses to install.
// Each entry gets the exact version its parent pins and the os/cpu/libc read from its name, so npm
// skips it on other platforms and installs it, by version, where it matches.
//
// Run after `npm install` changes a lockfile: `node scripts/lockfile-platforms.mjs`. It completes
// both lockfiles: package-lock.json (the build and the test runner) and test/package-lock.json (the
// packages only the tests use, see test/package.json).
import { readFileSync, writeFileSync } from 'node:fs';

const LOCKFILES = ['../package-lock.json', '../test/package-lock.json'];

const OS = [
  'android',
  'darwin',
  'freebsd',
  'linux',
  'openbsd',
  'openharmony',
  'sunos',
  'win32',
  'aix',
  'netbsd',
];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu =
    parts.find((p) => CPU.includes(p)) ??
    (parts.includes('eabihf') || parts.includes('gnueabihf') ? 'arm' : undefined);
  if (os === undefined || cpu === undefined) return undefined;
  const libc =
    parts.includes('musl') || parts.includes('musleabihf')
      ? 'musl'
      : os === 'linux'
        ? 'glibc'
        : undefined;
  return { os, cpu, libc };
}

/** Adds the missing platform entries to the lockfile at `path`; returns how many it added. */
function complete(path) {
  const lock = JSON.parse(readFileSync(path, 'utf8'));
  const packages = lock.packages;
  let added = 0;
  for (const [key, entry] of Object.entries(packages)) {
    for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
      const target = `node_modules/${name}`;
      if (
        packages[target] !== undefined ||
        (key !== '' && packages[`${key}/${target}`] !== undefined)
      )
        continue;
      if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec)) continue;
      const platform = platformOf(name);
      if (platform === undefined) continue;
      packages[target] = {
        version: spec,
        ...(entry.dev ? { dev: true } : {}),
        optional: true,
        os: [platform.os],
        cpu: [platform.cpu],
        ...(platform.libc ? { libc: [platform.libc] } : {}),
      };
      added++;
    }
  }
  lock.packages = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) =>
      a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0,
    ),
  );
  writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
  return added;
}

for (const file of LOCKFILES) {
  const added = complete(new URL(file, import.meta.url));
  console.log(`${file.slice(3)}: added ${added} platform-specific optional entries`);
}
