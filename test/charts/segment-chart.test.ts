import { describe, expect, it } from 'vitest';
import { segmentChartSpec } from '../../src/charts/segment-chart.js';
import { RetentionMetricsError } from '../../src/core/errors.js';
import { classifyCustomers } from '../../src/segments/classify/classify.js';
import type { SegmentationSummary } from '../../src/segments/input.js';
import { type SegmentReport, segmentReport } from '../../src/segments/report.js';
import { renderSvg, texts } from '../support/vega.js';

const LIST: SegmentationSummary[] = [
  {
    customerId: 'v',
    firstPurchaseAt: '2024-05-01',
    lastPurchaseAt: '2024-05-11',
    orders: 5,
    totalRevenue: '1000.01',
  },
  {
    customerId: 'a',
    firstPurchaseAt: '2024-03-01',
    lastPurchaseAt: '2024-05-25',
    orders: 3,
    totalRevenue: '10',
  },
  {
    customerId: 'n',
    firstPurchaseAt: '2024-05-30',
    lastPurchaseAt: '2024-05-30',
    orders: 1,
    totalRevenue: '20',
  },
  {
    customerId: 'l',
    firstPurchaseAt: '2023-01-01',
    lastPurchaseAt: '2023-01-01',
    orders: 1,
    totalRevenue: '5',
  },
];

describe('segmentChartSpec', () => {
  const report = segmentReport(classifyCustomers(LIST, { asOf: '2024-06-01' }), LIST);

  it('is Vega-Lite v6 with one datum per segment, as plain numbers', () => {
    const spec = segmentChartSpec(report);
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
    // v: at-risk (21 d > 2 × 2.5) with VIP flag; a: active; n: new; l: lost
    expect(spec.data.values).toEqual([
      {
        segment: 'new',
        customers: 1,
        revenue: 20,
        customerShare: 0.25,
        revenueShare: Number(report.segments[0]?.revenueShare),
      },
      {
        segment: 'lost',
        customers: 1,
        revenue: 5,
        customerShare: 0.25,
        revenueShare: Number(report.segments[1]?.revenueShare),
      },
      {
        segment: 'at-risk',
        customers: 1,
        revenue: 1000.01,
        customerShare: 0.25,
        revenueShare: Number(report.segments[2]?.revenueShare),
      },
      { segment: 'vip', customers: 0, revenue: 0, customerShare: 0, revenueShare: 0 },
      {
        segment: 'active',
        customers: 1,
        revenue: 10,
        customerShare: 0.25,
        revenueShare: Number(report.segments[4]?.revenueShare),
      },
    ]);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });

  it('accepts the JSON form of a report', () => {
    const json = JSON.parse(JSON.stringify(report)) as SegmentReport;
    expect(segmentChartSpec(json)).toEqual(segmentChartSpec(report));
  });

  it('renders to SVG with every segment label and both titles', async () => {
    const svg = await renderSvg(segmentChartSpec(report, { title: 'Segments', width: 300 }));
    expect(svg.startsWith('<svg')).toBe(true);
    const labels = texts(svg);
    for (const label of [
      'new',
      'lost',
      'at-risk',
      'vip',
      'active',
      'Customers',
      'Revenue',
      'Segments',
    ]) {
      expect(labels).toContain(label);
    }
  });

  it('renders custom segments too', async () => {
    const custom = classifyCustomers(LIST, {
      asOf: '2024-06-01',
      rules: [
        { name: 'big', segment: 'whale', priority: 500, test: (c) => c.totalRevenue.gt(100) },
      ],
    });
    const svg = await renderSvg(segmentChartSpec(segmentReport(custom, LIST)));
    expect(texts(svg)).toContain('whale');
    expect(texts(svg)).toContain('Customers and revenue per segment');
  });

  it('bad input', () => {
    for (const [input, options, field] of [
      [report, { width: 0 }, 'options.width'],
      [report, { height: 3 }, 'options'],
      [{}, {}, 'report.segments'],
    ] as const) {
      let caught: unknown;
      try {
        segmentChartSpec(input as never, options as never);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(RetentionMetricsError);
      expect((caught as RetentionMetricsError).field).toBe(field);
    }
  });
});

describe('segmentChartSpec: empty input', () => {
  it('a report with no segments → EMPTY_INPUT', () => {
    const empty = {
      totalCustomers: 0,
      totalRevenue: '0',
      segments: [],
    } as unknown as SegmentReport;
    let caught: unknown;
    try {
      segmentChartSpec(empty);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RetentionMetricsError);
    expect((caught as RetentionMetricsError).code).toBe('EMPTY_INPUT');
    expect((caught as RetentionMetricsError).field).toBe('report.segments');
  });
});
