import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { publicApi as api } from './support/public-api.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README.md', () => {
  it('shows the output that `npm run example` prints', () => {
    const block =
      /<!-- quickstart-output:start -->\n```text\n([\s\S]*?)```\n<!-- quickstart-output:end -->/.exec(
        readme,
      );
    expect(block, 'README has a quickstart-output block').not.toBeNull();
    const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
    const output = execFileSync(process.execPath, [tsx, 'examples/quickstart.ts'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(output).toBe(block?.[1]);
  }, 30_000);

  it('lists every exported function in its table of functions', () => {
    const functions = Object.entries(api)
      .filter(([, value]) => typeof value === 'function' && !/^[A-Z]/.test(value.name))
      .map(([name]) => name);
    const missing = functions.filter((name) => !readme.includes(`| \`${name}(`));
    expect(missing).toEqual([]);
  });

  it('gives the two newcomer commands', () => {
    expect(readme).toContain('npm ci && npm run example');
    expect(readme).toMatch(/^npm test\b/m);
  });
});

describe('README.md links', () => {
  // The README is read on GitHub, on the registry's page and in node_modules/, where docs/ and
  // examples/ are absent: links into the repository are absolute (package.json's repository URL)
  // and name a file that exists.
  const repository = (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      repository: { url: string };
    }
  ).repository.url
    .replace(/^git\+/, '')
    .replace(/\.git$/, '');
  const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] as string);

  it('are absolute or in-page anchors', () => {
    expect(links.filter((link) => !/^(https?:|#)/.test(link))).toEqual([]);
  });

  it('into the repository name files that exist', () => {
    const prefix = `${repository}/blob/main/`;
    const inRepo = links.filter((link) => link.startsWith(prefix));
    expect(inRepo.length).toBeGreaterThan(5);
    for (const link of inRepo) {
      const file = link.slice(prefix.length).split('#')[0] as string;
      expect(existsSync(new URL(`../${file}`, import.meta.url)), link).toBe(true);
    }
  });
});
