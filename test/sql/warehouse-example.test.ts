import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));

describe('examples/warehouse.ts', () => {
  it('computes the published CDNOW sample figures inside DuckDB', () => {
    const output = execFileSync(process.execPath, [tsx, 'examples/warehouse.ts'], {
      cwd: root,
      encoding: 'utf8',
    });
    // The CDNOW sample's data README: 2,357 customers; customer 1 has x = 2, t_x = 30.43,
    // T = 38.86 and zbar = 22.35; 2,357 customers compress to 1,016 distinct rows.
    expect(output).toContain('into 2357 customers');
    expect(output).toMatch(/^ {3}1 {7}3 {10}2 {9}30\.43 {3}38\.86 {5}\$74\.02 {2}\$22\.35$/m);
    expect(output).toContain('1016 distinct (frequency, recency, T) rows of 2357 customers');
    expect(output).toContain(
      'equal to summarizeTransactions and compressSummaries in memory: true',
    );
  }, 30_000);
});
