import { describe, expect, it } from 'vitest';
import { type CohortHeatmapSpec, cohortHeatmapSpec } from '../../src/charts/cohort-heatmap.js';
import type { CohortTable } from '../../src/transactions/cohorts/options.js';
import { cohortRetention } from '../../src/transactions/cohorts/table.js';
import type { Transaction } from '../../src/transactions/log.js';
import { thrown } from '../support/errors.js';
import { renderSvg, texts } from '../support/vega.js';

/** The labels of the heatmap's cells only (Vega's text-mark items), in data order. */
function cellLabels(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*aria-roledescription="text mark"[^>]*>([^<]*)<\/text>/g)].map(
    (m) => m[1] ?? '',
  );
}

const rejection = thrown;

// January {a, b, c}: a back in February and April, b in March; February {d}: back in March;
// March {e}. asOf 2024-04-10, so April is running: 3 columns (k = 0, 1, 2).
//   January:  k0 3/3 = 100 %, k1 1/3 = 33 %, k2 1/3 = 33 %
//   February: k0 1/1 = 100 %, k1 1/1 = 100 %, k2 = April → blank
//   March:    k0 1/1 = 100 %, k1, k2 blank
const LOG: readonly Transaction[] = [
  { customerId: 'a', at: '2024-01-03', amount: 30 },
  { customerId: 'a', at: '2024-02-03', amount: 45 },
  { customerId: 'a', at: '2024-04-02', amount: 10 },
  { customerId: 'b', at: '2024-01-10', amount: 10 },
  { customerId: 'b', at: '2024-03-10', amount: 5 },
  { customerId: 'c', at: '2024-01-20', amount: 20 },
  { customerId: 'd', at: '2024-02-14', amount: 8 },
  { customerId: 'd', at: '2024-03-14', amount: 8 },
  { customerId: 'e', at: '2024-03-30', amount: 12 },
];
const AS_OF = '2024-04-10';

describe('cohortHeatmapSpec: the spec', () => {
  const table = cohortRetention(LOG, { asOf: AS_OF });

  it('is Vega-Lite v6 with one datum per non-null cell, as plain numbers', () => {
    const spec = cohortHeatmapSpec(table);
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
    expect(spec.data.values).toEqual([
      { cohort: '2024-01-01', period: 'k=0', column: 0, value: 3, rate: 1, size: 3 },
      { cohort: '2024-01-01', period: 'k=1', column: 1, value: 1, rate: 1 / 3, size: 3 },
      { cohort: '2024-01-01', period: 'k=2', column: 2, value: 1, rate: 1 / 3, size: 3 },
      { cohort: '2024-02-01', period: 'k=0', column: 0, value: 1, rate: 1, size: 1 },
      { cohort: '2024-02-01', period: 'k=1', column: 1, value: 1, rate: 1, size: 1 },
      { cohort: '2024-03-01', period: 'k=0', column: 0, value: 1, rate: 1, size: 1 },
    ]);
    // plain JSON: survives a round trip unchanged
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });

  it('keeps every cohort and column in order, blank cells included', () => {
    const spec = cohortHeatmapSpec(table) as unknown as {
      encoding: { x: { scale: { domain: string[] } }; y: { scale: { domain: string[] } } };
    };
    expect(spec.encoding.x.scale.domain).toEqual(['k=0', 'k=1', 'k=2']);
    expect(spec.encoding.y.scale.domain).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
  });

  it('accepts the JSON form of a table (Decimals as strings)', () => {
    const json = JSON.parse(JSON.stringify(table)) as CohortTable;
    expect(cohortHeatmapSpec(json)).toEqual(cohortHeatmapSpec(table));
  });

  it('does not change the table', () => {
    const before = JSON.stringify(table);
    cohortHeatmapSpec(table, { title: 'x' });
    expect(JSON.stringify(table)).toBe(before);
  });
});

describe('cohortHeatmapSpec: renders to SVG with vega and vega-lite', () => {
  it('a customer table: cohort labels, period labels and percentages', async () => {
    const svg = await renderSvg(cohortHeatmapSpec(cohortRetention(LOG, { asOf: AS_OF })));
    expect(svg.startsWith('<svg')).toBe(true);
    const labels = texts(svg);
    for (const label of ['2024-01-01', '2024-02-01', '2024-03-01', 'k=0', 'k=1', 'k=2']) {
      expect(labels).toContain(label);
    }
    // one label per non-null cell, in data order; the three blank cells have none
    expect(cellLabels(svg)).toEqual(['100%', '33%', '33%', '100%', '100%', '100%']);
    expect(labels).toContain('Cohort retention (customers, classic, monthly cohorts)');
    expect(labels).toContain('Months since first purchase');
  });

  it('a revenue table, rolling, with rates above 100 %', async () => {
    // January: initial revenue 30 + 10 + 20 = 60; rolling k0 = everything up to asOf
    // 60 + 45 + 5 + 10 = 120 (200 %), k1 = February on 45 + 5 + 10 = 60 (100 %), k2 = March on
    // 5 + 10 = 15 (25 %). February: initial 8; k0 = 8 + 8 = 16 (200 %), k1 = 8 (100 %), k2 = April
    // is running. March: 12 (100 %).
    const table = cohortRetention(LOG, { asOf: AS_OF, measure: 'revenue', mode: 'rolling' });
    const spec = cohortHeatmapSpec(table, { title: 'Revenue retention', cellSize: 60 });
    expect(spec.data.values.map((d) => [d.cohort, d.period, d.value, d.rate])).toEqual([
      ['2024-01-01', 'k=0', 120, 2],
      ['2024-01-01', 'k=1', 60, 1],
      ['2024-01-01', 'k=2', 15, 0.25],
      ['2024-02-01', 'k=0', 16, 2],
      ['2024-02-01', 'k=1', 8, 1],
      ['2024-03-01', 'k=0', 12, 1],
    ]);
    const svg = await renderSvg(spec);
    expect(texts(svg)).toContain('Revenue retention');
    expect(texts(svg)).toContain('Revenue rate');
    expect(cellLabels(svg)).toEqual(['200%', '100%', '25%', '200%', '100%', '100%']);
  });

  it('a bracket table, weekly, with a fixed width', async () => {
    const table = cohortRetention(LOG, {
      asOf: AS_OF,
      granularity: 'week',
      mode: 'bracket',
      brackets: [
        { from: 0, to: 0 },
        { from: 1, to: 4 },
        { from: 5, to: 8 },
      ],
    });
    const svg = await renderSvg(cohortHeatmapSpec(table, { width: 300 }));
    const labels = texts(svg);
    expect(labels).toContain('k=1-4');
    expect(labels).toContain('k=5-8');
    // the first weekly cohort: the ISO week of Wednesday 2024-01-03 starts Monday 2024-01-01
    expect(labels).toContain('2024-01-01');
    expect(labels).toContain('Cohort retention (customers, bracket, weekly cohorts)');
  });

  it('a cohort without initial revenue: its cells have values but no rate, and render blank', async () => {
    const table = cohortRetention(
      [
        { customerId: 'free', at: '2024-01-05', amount: 0 },
        { customerId: 'free', at: '2024-02-05', amount: 10 },
      ],
      { asOf: '2024-03-01', measure: 'revenue' },
    );
    const spec = cohortHeatmapSpec(table);
    expect(spec.data.values.map((d) => d.rate)).toEqual([null, null]);
    expect(cellLabels(await renderSvg(spec))).toEqual([]);
  });

  it('a table with no cohorts renders an empty chart', async () => {
    const empty = cohortRetention([], { asOf: '2023-01-01' });
    const spec = cohortHeatmapSpec(empty);
    expect(spec.data.values).toEqual([]);
    expect(await renderSvg(spec)).toMatch(/^<svg/);
  });

  it('a broken spec fails the render check, whether Vega throws or only logs an error', async () => {
    const spec = cohortHeatmapSpec(cohortRetention(LOG, { asOf: AS_OF })) as unknown as {
      layer: [{ encoding: { color: object } }, object];
    };
    const [cells, labels] = spec.layer;
    const badMark = { ...spec, layer: [{ mark: 'no-such-mark' }, labels] };
    await expect(renderSvg(badMark as unknown as CohortHeatmapSpec)).rejects.toThrow();
    // An unknown colour scheme renders, but Vega logs "Unrecognized scheme name".
    const badScheme = {
      ...spec,
      layer: [
        {
          ...cells,
          encoding: {
            ...cells.encoding,
            color: { ...cells.encoding.color, scale: { scheme: 'x' } },
          },
        },
        labels,
      ],
    };
    await expect(renderSvg(badScheme as unknown as CohortHeatmapSpec)).rejects.toThrow(
      /Unrecognized scheme name/,
    );
  });
});

describe('cohortHeatmapSpec: bad input', () => {
  const table = cohortRetention(LOG, { asOf: AS_OF });

  it.each([
    [
      { cellSize: 0 },
      'options.cellSize',
      'must be a positive finite number up to 100000 (received 0)',
    ],
    [
      { width: Number.NaN },
      'options.width',
      'must be a positive finite number up to 100000 (received NaN)',
    ],
    [{ title: 3 }, 'options.title', 'must be a string (received 3)'],
    [{ height: 10 }, 'options', "has unknown field 'height'"],
  ])('options %j → INVALID_INPUT naming %s', (options, field, message) => {
    const error = rejection(() => cohortHeatmapSpec(table, options as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe(field);
    expect(error.message).toBe(`cohortHeatmapSpec: ${field} ${message}`);
  });

  it('a table whose rows do not match its columns', () => {
    const first = table.cohorts[0];
    if (first === undefined) throw new Error('no cohort');
    const bad = { ...table, cohorts: [{ ...first, rates: first.rates.slice(1) }] };
    const error = rejection(() => cohortHeatmapSpec(bad));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(
      'cohortHeatmapSpec: table.cohorts[0].rates has 2 entries but there are 3 columns',
    );
  });

  it('a value that is not a number', () => {
    const first = table.cohorts[0];
    if (first === undefined) throw new Error('no cohort');
    const bad = { ...table, cohorts: [{ ...first, values: ['many', 1, 1] }] };
    const error = rejection(() => cohortHeatmapSpec(bad as never));
    expect(error.field).toBe('table.cohorts[0].values[0]');
    expect(error.message).toBe(
      'cohortHeatmapSpec: table.cohorts[0].values[0] must be a finite number, a decimal string, a Decimal or null (received "many")',
    );
  });

  it('not a table at all', () => {
    const error = rejection(() => cohortHeatmapSpec([] as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('table');
  });
});
