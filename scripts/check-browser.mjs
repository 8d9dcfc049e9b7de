#!/usr/bin/env node
// Runs the built package in a real browser (headless Chromium), as .ci/run does after the build:
//
//   npm run build && node scripts/check-browser.mjs
//
// Bundles scripts/browser/page.ts (dist/index.js; vega and vega-lite from test/node_modules) for the
// browser with esbuild,
// loads it in `chromium --headless`, and checks the figures the page wrote into its DOM: the seed
// example, a summarised log, its classification and the cohort heatmap rendered to SVG in the
// page. Saves a screenshot of the page to artifacts/browser.png for a person to look at.
// Needs a Chromium binary: $CHROMIUM, or chromium / chromium-browser / google-chrome on PATH.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'artifacts');
const temp = mkdtempSync(join(tmpdir(), 'retention-metrics-browser-'));

function chromium() {
  const candidates = [process.env.CHROMIUM, 'chromium', 'chromium-browser', 'google-chrome'];
  for (const name of candidates) {
    if (!name) continue;
    if (spawnSync(name, ['--version'], { encoding: 'utf8' }).status === 0) return name;
  }
  throw new Error('no Chromium found: install Debian `chromium` or set CHROMIUM');
}

const failures = [];
function check(name, ok, detail) {
  console.log(`[${ok ? 'PASS' : 'FAIL'}] ${name}${detail ? `: ${detail}` : ''}`);
  if (!ok) failures.push(name);
}

try {
  if (!existsSync(join(root, 'dist/index.js')))
    throw new Error('dist/ is missing: run `npm run build` first');
  const bundled = await build({
    entryPoints: [join(root, 'scripts/browser/page.ts')],
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'iife',
    // vega and vega-lite are packages only the tests use (test/package.json).
    nodePaths: [join(root, 'test/node_modules')],
    write: false,
    logLevel: 'error',
  });
  const script = bundled.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>retention-metrics in a browser</title>
<style>body{font:14px system-ui,sans-serif;margin:24px}dl{display:grid;grid-template-columns:max-content auto;gap:2px 16px}dt{color:#555}dd{margin:0;font-family:monospace}</style>
</head><body><h1>retention-metrics in a browser</h1><dl id="figures"></dl><div id="chart"></div>
<script>${script}</script></body></html>`;
  const page = join(temp, 'index.html');
  writeFileSync(page, html);

  const browser = chromium();
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--virtual-time-budget=20000',
  ];
  const dump = spawnSync(browser, [...flags, '--dump-dom', pathToFileURL(page).href], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  const dom = dump.stdout ?? '';
  check(
    `${browser} --dump-dom`,
    dump.status === 0 && dom.includes('<body'),
    dump.status === 0 ? '' : dump.stderr.slice(-2000),
  );
  const status = /<body[^>]*data-status="([^"]+)"/.exec(dom)?.[1];
  const error = /<pre id="error">([^<]*)<\/pre>/.exec(dom)?.[1];
  check('the page ran to the end', status === 'done', error ?? `status ${status}`);
  const value = (id) =>
    new RegExp(`<dd id="${id.replace('.', '\\.')}">([^<]*)</dd>`).exec(dom)?.[1];

  // DESIGN.md's seed example, and README's log worked by hand (page.ts states the arithmetic).
  const expected = {
    retention: '0.7',
    'a.orders': '2',
    'a.recency': '2',
    'a.T': '4',
    'a.totalRevenue': '35.5',
    // b's first and only purchase is on asOf: a new customer.
    'segment.b': 'new',
    // The subpath entries: countSchema's JSON fragment (registered by dist/index.js's modules),
    // and the title of the Russian pack.
    'jsonSchema.count': 'A non-negative integer count.',
    'planRu.title': 'План удержания клиентов',
  };
  for (const [id, want] of Object.entries(expected))
    check(`#${id}`, value(id) === want, `${value(id)} (expected ${want})`);
  const segments = ['a', 'b', 'c'].map((id) => value(`segment.${id}`));
  check(
    'every customer classified',
    segments.every((s) => ['new', 'lost', 'at-risk', 'vip', 'active'].includes(s ?? '')),
    segments.join(', '),
  );
  const svg = /<div id="chart">(<svg[\s\S]*?<\/svg>)<\/div>/.exec(dom)?.[1] ?? '';
  const cells =
    (svg.match(/<path[^>]*aria-roledescription="rect"/g) ?? []).length +
    (svg.match(/role="graphics-symbol"/g) ?? []).length;
  check(
    'cohort heatmap rendered to SVG in the page',
    svg.length > 1000 && cells > 0,
    `${svg.length} characters of SVG, ${cells} marks`,
  );

  const labels = ['2023-12-01', '2024-01-01'].filter((label) => svg.includes(`>${label}</text>`));
  check(
    'the heatmap names the two cohorts (December 2023: c; January 2024: a, b)',
    labels.length === 2,
    labels.join(', '),
  );

  mkdirSync(artifacts, { recursive: true });
  const png = join(artifacts, 'browser.png');
  const shot = spawnSync(
    browser,
    [
      ...flags,
      '--hide-scrollbars',
      '--window-size=1000,1100',
      `--screenshot=${png}`,
      pathToFileURL(page).href,
    ],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  check('screenshot', shot.status === 0 && existsSync(png), png);
  writeFileSync(join(artifacts, 'browser.html'), html);
} catch (error) {
  check('check-browser', false, String(error?.stack ?? error));
} finally {
  rmSync(temp, { recursive: true, force: true });
}
console.log(
  failures.length === 0
    ? '\nbrowser checks passed'
    : `\nbrowser checks failed: ${failures.join(', ')}`,
);
process.exit(failures.length === 0 ? 0 : 1);
