/**
 * Memory-hungry inputs of issue 13 in a child process with a 64 MB heap: each ends in a clean
 * INVALID_INPUT, never in an out-of-memory abort (which no caller could catch).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const index = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

const script = `
const lib = await import(${JSON.stringify(index)});
const outcome = (run) => {
  try { run(); return 'returned'; } catch (error) { return error.code ?? String(error); }
};
const accumulator = lib.createSummaryAccumulator({ asOf: '2025-01-01' });
const days = Array.from({ length: 365 }, (_, d) => ({
  customerId: 'c' + d, at: new Date(Date.UTC(2024, 0, 1 + d)), amount: 1,
}));
const old = [...days, { customerId: 'old', at: '0024-01-01', amount: 1 }];
const spread = Array.from({ length: 3000 }, (_, d) => ({
  customerId: 'c' + d, at: new Date(Date.UTC(1901, 0, 1 + d * 30)), amount: 1,
}));
console.log(JSON.stringify([
  outcome(() => {
    accumulator.add({ customerId: 'a', at: '2024-01-01', amount: '1e1000000000' });
    JSON.stringify(accumulator.toJSON());
  }),
  outcome(() => lib.cohortRetention(old, { asOf: '2024-12-31', granularity: 'day' })),
  outcome(() => lib.cohortRetention(spread, { asOf: '2199-12-31', granularity: 'day' })),
]));
`;

describe('memory-hungry input in a small heap', () => {
  it('gives INVALID_INPUT, not an abort', () => {
    const child = spawnSync(
      process.execPath,
      ['--max-old-space-size=64', '--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout.trim())).toEqual([
      'INVALID_INPUT',
      'INVALID_INPUT',
      'INVALID_INPUT',
    ]);
  }, 60_000);
});
