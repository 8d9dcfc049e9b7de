import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

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
