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
    // BG/NBD from the 1,016 weighted rows alone: Fader, Hardie & Lee (2005) r 0.243, alpha 4.414,
    // a 0.793, b 2.426, LL −9582.4.
    expect(output).toMatch(
      /BG\/NBD from 1016 weighted rows: r = 0\.2426, alpha = 4\.41\d, a = 0\.7929, b = 2\.42\d; LL -9582\.43/,
    );
    // The at-risk table: ten customers with $100 or more, P(alive) ascending, each P(alive) equal
    // to FHL 2005 eq. 11 on its printed figures, 1 / (1 + a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x)).
    const rows = [
      ...output.matchAll(/^ +(\d+) +(\d+) +([\d.]+) +([\d.]+) +\$([\d,.]+) +([\d.]+)$/gm),
    ].map((m) => m.slice(1).map((v) => Number(v.replace(/,/g, ''))));
    expect(rows).toHaveLength(10);
    const [r, alpha, a, b] = [0.2426, 4.414, 0.7929, 2.426];
    let previous = 0;
    for (const [, orders, tx, T, revenue, shown] of rows as number[][]) {
      const x = (orders as number) - 1;
      const ratio = ((alpha + (T as number)) / (alpha + (tx as number))) ** (r + x);
      const alive = x === 0 ? 1 : 1 / (1 + (a / (b + x - 1)) * ratio);
      expect(Math.abs(alive - (shown as number))).toBeLessThan(0.002);
      expect(revenue).toBeGreaterThanOrEqual(100);
      expect(shown).toBeGreaterThanOrEqual(previous);
      previous = shown as number;
    }
  }, 60_000);
});
