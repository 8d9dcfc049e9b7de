import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));

function run(script: string): string {
  return execFileSync(process.execPath, [tsx, script], { cwd: root, encoding: 'utf8' });
}

describe('examples/summaries.ts', () => {
  it('prints the published CDNOW figures', () => {
    const output = run('examples/summaries.ts');
    // The data README of the CDNOW sample (lifetimes' calibration summary): 2,457 repeat
    // transactions by 946 repeat customers; 1,882 repeat transaction-days in the 39-week holdout.
    expect(output).toContain('2457 repeat purchases by 946 repeat customers');
    expect(output).toContain('(39 weeks): 1882 repeat purchase-days');
    // 2,357 customers compress to 1,016 distinct (frequency, recency, T) rows.
    expect(output).toContain('1016 distinct (frequency, recency, T) rows');
    // Customer 1 of the published summary: x = 2, t_x = 30.43, T = 38.86, zbar = 22.35.
    expect(output).toMatch(/^ {3}1 {7}3 {10}2 {9}30\.43 {3}38\.86 {5}\$74\.02 {2}\$22\.35$/m);
  }, 30_000);
});

describe('examples/segments.ts', () => {
  it('segments all 2,357 CDNOW customers and explains a classification in both languages', () => {
    const output = run('examples/segments.ts');
    // 2,357 customers in the CDNOW sample (data README).
    expect(output).toContain('RFM segments of 2357 CDNOW customers');
    // The lifecycle table lists every built-in segment, in priority order.
    const order = ['new', 'lost', 'at-risk', 'vip', 'active'].map((s) =>
      output.indexOf(`\n  ${s} `),
    );
    expect(order.every((at, i) => at > 0 && (i === 0 || at > (order[i - 1] as number)))).toBe(true);
    expect(output).toMatch(/Нет покупок \d+ (день|дня|дней)/);
  }, 30_000);
});

describe('examples/retention-plan.ts', () => {
  it('prints the plan in English and Russian with the ten steps', () => {
    const output = run('examples/retention-plan.ts');
    expect(output).toContain('# Customer retention plan');
    expect(output).toContain('# План удержания клиентов');
    // Ten numbered steps in each language.
    expect(output.match(/^## \d+\. /gm)?.length).toBe(20);
  }, 30_000);
});

describe('examples/clv.ts', () => {
  it('fits the models to the published CDNOW values and prints CLV', () => {
    const output = run('examples/clv.ts');
    // Fader, Hardie & Lee (2005): r 0.243, alpha 4.414, a 0.793, b 2.426, LL −9582.4.
    expect(output).toMatch(
      /BG\/NBD {6}r = 0\.2426 .*alpha = 4\.41\d\d .*a = 0\.7929 .*b = 2\.42\d\d .*LL -9582\.43/,
    );
    // Pareto/NBD LL −9595.0 (FHL 2005); Gamma-Gamma (Hardie's note): LL −4055.92, mean $35.17.
    expect(output).toContain('LL -9594.98');
    expect(output).toContain('LL -4055.92');
    // The published fits are identified: no warning is printed.
    expect(output).not.toContain('warning');
    expect(output).toContain('$35.17');
    // E[X(t)] at 1, 3, 32, 78 weeks: 0.0532, 0.1506, 1.0437, 1.858.
    expect(output).toMatch(/t = {2}1 weeks: BG\/NBD 0\.0532/);
    expect(output).toMatch(/t = 78 weeks: BG\/NBD 1\.858/);
    // Customer 1 (x 2, t_x 30.43, T 38.86): 1.226 purchases in the next 39 weeks.
    expect(output).toMatch(/^ {5}1 {2}2 {2}30\.43 {2}38\.86 .* 1\.226 \//m);
    expect(output).toContain('Top customers by 12-month CLV');
  }, 60_000);
});
