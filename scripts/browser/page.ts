/**
 * The page of scripts/check-browser.mjs: runs the built package (dist/index.js) in the browser,
 * writes each figure into an element of the page and renders the cohort heatmap to SVG with vega.
 * Expected values are checked by check-browser.mjs on the DOM chromium dumps.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import {
  buildRetentionPlan,
  classifyCustomers,
  cohortHeatmapSpec,
  cohortRetention,
  countSchema,
  retentionRate,
  summarizeTransactions,
} from '../../dist/index.js';
import { toJsonSchema } from '../../dist/json-schema.js';
import { ru } from '../../dist/locale-ru.js';

function show(id: string, value: unknown): void {
  const cell = document.createElement('dd');
  cell.id = id;
  cell.textContent = String(value);
  const label = document.createElement('dt');
  label.textContent = id;
  document.querySelector('#figures')?.append(label, cell);
}

async function main(): Promise<void> {
  // The seed example of DESIGN.md: S = 1000, E = 900, N = 200 → 0.7.
  show('retention', retentionRate({ startCustomers: 1000, endCustomers: 900, newCustomers: 200 }));

  // README's log: a buys 10.00 and 5.50 on 1 Jan (one order of 15.50) and 20.00 on 15 Jan; b buys
  // 7.25 on 29 Jan. As of 29 Jan in weeks: a has 2 orders, recency 2, T 4, revenue 35.5.
  const log = [
    { customerId: 'a', at: '2024-01-01T09:00:00Z', amount: '10.00' },
    { customerId: 'a', at: '2024-01-01T17:30:00Z', amount: '5.50' },
    { customerId: 'a', at: '2024-01-15', amount: '20.00' },
    { customerId: 'b', at: '2024-01-29', amount: '7.25' },
    { customerId: 'c', at: '2023-12-04', amount: '12.00' },
    { customerId: 'c', at: '2024-01-08', amount: '30.00' },
  ];
  const asOf = '2024-01-29';
  const summaries = summarizeTransactions(log, { asOf, unit: 'week' });
  const a = summaries.toRows().find((s) => s.customerId === 'a');
  show('a.orders', a?.orders);
  show('a.recency', a?.recency);
  show('a.T', a?.T);
  show('a.totalRevenue', a?.totalRevenue);

  // The subpath entries: the JSON fragment registered by the main entry's schema (one registry),
  // and a plan written with the Russian pack.
  show('jsonSchema.count', toJsonSchema(countSchema).description);
  show('planRu.title', buildRetentionPlan({ locale: ru }).title);

  const groups = classifyCustomers(summaries, { asOf });
  for (const c of groups) show(`segment.${String(c.customerId)}`, c.segment);

  // Monthly cohorts as of the end of February: December 2023 (c) and January 2024 (a, b).
  const table = cohortRetention(log, { asOf: '2024-02-29', granularity: 'month' });
  const spec = cohortHeatmapSpec(table);
  const view = new View(parse(compile(spec as unknown as TopLevelSpec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const chart = document.querySelector('#chart');
  if (chart) chart.innerHTML = svg;
  document.body.dataset.status = 'done';
}

main().catch((error: unknown) => {
  document.body.dataset.status = 'failed';
  const pre = document.createElement('pre');
  pre.id = 'error';
  pre.textContent = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  document.body.append(pre);
});
