import { describe, expect, it } from 'vitest';
import { classifyCustomers } from '../../src/segments/classify/classify.js';
import type { SegmentationSummary } from '../../src/segments/input.js';
import { segmentReport } from '../../src/segments/report.js';
import { DEFAULT_RFM_SEGMENTS, rfmScores } from '../../src/segments/rfm.js';
import { thrown as rejection } from '../support/errors.js';

const row = (
  customerId: string,
  firstPurchaseAt: string,
  lastPurchaseAt: string,
  orders: number,
  totalRevenue: string,
): SegmentationSummary => ({ customerId, firstPurchaseAt, lastPurchaseAt, orders, totalRevenue });

// asOf 2024-06-01, the whole day: days are counted to 2024-06-02T00:00Z. Repeat intervals: v 2.5 d,
// a1 30 d, a2 30 d → median 30. VIP: k = ceil(0.2 × 5) = 1 → only the largest revenue (v) is VIP.
//   v   5 orders, 2024-05-01..2024-05-11: interval 2.5 d, 22 d ago > 5 → at-risk, with the VIP flag
//   a1  3 orders, 2024-03-01..2024-04-30: interval 30 d, 33 d ≤ 60 → active
//   a2  2 orders, 2024-03-01..2024-03-31: interval 30 d, 63 d > 60 → at-risk
//   n   1 order 2024-05-30, 3 d ago → new
//   l   1 order 2023-01-01: 518 d > 365 → lost
const LIST: SegmentationSummary[] = [
  row('v', '2024-05-01', '2024-05-11', 5, '1000.01'),
  row('a1', '2024-03-01', '2024-04-30', 3, '0.10'),
  row('a2', '2024-03-01', '2024-03-31', 2, '0.05'),
  row('n', '2024-05-30', '2024-05-30', 1, '0.02'),
  row('l', '2023-01-01', '2023-01-01', 1, '0.01'),
];

describe('segmentReport', () => {
  const classified = classifyCustomers(LIST, { asOf: '2024-06-01' });

  it('classifies the hand-built list as worked out', () => {
    expect(classified.toRows().map((c) => c.segment)).toEqual([
      'at-risk',
      'active',
      'at-risk',
      'new',
      'lost',
    ]);
  });

  it('gives exact figures per segment, in priority order', () => {
    const report = segmentReport(classified, LIST);
    expect(report.totalCustomers).toBe(5);
    expect(report.totalRevenue.toString()).toBe('1000.19');
    const view = report.segments.map((s) => ({
      segment: s.segment,
      customers: s.customers,
      customerShare: s.customerShare.toString(),
      revenue: s.revenue.toString(),
      orders: s.orders,
      aov: s.averageOrderValue?.toString() ?? null,
      meanOrders: s.meanOrders?.toString() ?? null,
      days: s.meanDaysSinceLastPurchase,
    }));
    expect(view).toEqual([
      {
        segment: 'new',
        customers: 1,
        customerShare: '0.2',
        revenue: '0.02',
        orders: 1,
        aov: '0.02',
        meanOrders: '1',
        days: 3,
      },
      {
        segment: 'lost',
        customers: 1,
        customerShare: '0.2',
        revenue: '0.01',
        orders: 1,
        aov: '0.01',
        meanOrders: '1',
        days: 518,
      },
      // v: 1000.01 over 5 orders, 22 days; a2: 0.05 over 2 orders, 63 days
      {
        segment: 'at-risk',
        customers: 2,
        customerShare: '0.4',
        revenue: '1000.06',
        orders: 7,
        aov: '142.8657142857142857142857142857143',
        meanOrders: '3.5',
        days: 42.5,
      },
      {
        segment: 'vip',
        customers: 0,
        customerShare: '0',
        revenue: '0',
        orders: 0,
        aov: null,
        meanOrders: null,
        days: null,
      },
      {
        segment: 'active',
        customers: 1,
        customerShare: '0.2',
        revenue: '0.1',
        orders: 3,
        aov: '0.03333333333333333333333333333333333',
        meanOrders: '3',
        days: 33,
      },
    ]);
  });

  it('revenue shares: largest remainder at 30 decimals, summing to exactly 1', () => {
    const shares = segmentReport(classified, LIST).segments.map((s) => s.revenueShare.toString());
    // 0.02/1000.19 = 0.0000199962…, 0.01/1000.19 = 0.00000999810…, 1000.06/1000.19 = 0.99987002…,
    // 0.1/1000.19 = 0.0000999810…: each truncated to 30 decimals, the missing units to the largest remainders
    const exact = ['0.02', '0.01', '1000.06', '0', '0.1'].map((x) => Number(x) / 1000.19);
    shares.forEach((s, i) => {
      expect(s.replace(/^0\./, '').length).toBeLessThanOrEqual(30);
      expect(Number(s)).toBeCloseTo(exact[i] as number, 15);
    });
    expect(shares[3]).toBe('0');
  });

  it('all-zero revenue: revenue shares are 0, AOV 0', () => {
    const zero = LIST.map((r) => ({ ...r, totalRevenue: 0 }));
    const report = segmentReport(classifyCustomers(zero, { asOf: '2024-06-01' }), zero);
    expect(report.segments.map((s) => s.revenueShare.toString())).toEqual([
      '0',
      '0',
      '0',
      '0',
      '0',
    ]);
    expect(report.segments[0]?.averageOrderValue?.toString()).toBe('0');
  });

  it('thirds: 1/3 shares sum to exactly 1', () => {
    const three = [
      row('x', '2024-05-30', '2024-05-30', 1, '1'),
      row('y', '2023-01-01', '2023-01-01', 1, '1'),
      row('z', '2024-01-01', '2024-05-25', 9, '1'),
    ];
    const report = segmentReport(
      classifyCustomers(three, { asOf: '2024-06-01', newWithinDays: 5, vip: { minRevenue: 5 } }),
      three,
    );
    const shares = report.segments
      .filter((s) => s.customers > 0)
      .map((s) => s.customerShare.toString());
    expect(shares).toEqual([
      '0.333333333333333333333333333334',
      '0.333333333333333333333333333333',
      '0.333333333333333333333333333333',
    ]);
  });

  it('includes custom segments after the built-in ones', () => {
    const custom = classifyCustomers(LIST, {
      asOf: '2024-06-01',
      rules: [
        { name: 'big', segment: 'whale', priority: 500, test: (c) => c.totalRevenue.gt(100) },
      ],
    });
    const report = segmentReport(custom, LIST);
    expect(report.segments.map((s) => [s.segment, s.customers])).toEqual([
      ['new', 1],
      ['lost', 1],
      ['at-risk', 1],
      ['vip', 0],
      ['active', 1],
      ['whale', 1],
    ]);
  });

  it('accepts the JSON form of a classification', () => {
    const json = JSON.parse(JSON.stringify(classified)) as typeof classified;
    expect(segmentReport(json, LIST)).toEqual(segmentReport(classified, LIST));
  });

  it('rejects mismatched customer sets', () => {
    expect(rejection(() => segmentReport(classified.toRows().slice(1), LIST)).message).toBe(
      'segmentReport: classified has 4 customers but summaries has 5: they must be the same customers',
    );
    const other = [
      ...classified.toRows().slice(1),
      { ...classified.row(1), customerId: 'zz' },
    ] as never;
    expect(rejection(() => segmentReport(other, LIST)).message).toBe(
      'segmentReport: classified[4].customerId "zz" is not in summaries',
    );
    const twice = [...classified.toRows().slice(1), classified.row(1)] as never;
    expect(rejection(() => segmentReport(twice, LIST)).message).toBe(
      'segmentReport: classified[4].customerId "a1" appears twice',
    );
    const bad = rejection(() => segmentReport([{ customerId: 'v' }] as never, LIST));
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.field).toBe('classified[0].segment');
  });
});

describe('segmentReport of RFM scores', () => {
  // Three customers, asOf 2024-06-01 (days counted to 2024-06-02T00:00Z):
  //   a  4 orders, last 2024-05-20 (13 d), revenue 150
  //   b  1 order 2024-05-25 (8 d), revenue 20
  //   c  1 order 2024-05-28 (5 d), revenue 30
  // n = 3, b = 5: a value with L smaller values scores 1 + ⌊5L/3⌋ (L 0 → 1, 1 → 2, 2 → 4).
  //   days 13, 8, 5: L 2, 1, 0 → reversed r = 6 − score: a 2, b 4, c 5
  //   orders 4, 1, 1: L 2, 0, 0 → f: a 4, b 1, c 1
  //   revenue 150, 20, 30: L 2, 0, 1 → m: a 4, b 1, c 2
  //   fm = ⌈(f + m) / 2⌉: a 4, b 1, c 2 → a R2 FM4 At Risk, b R4 FM1 New, c R5 FM2 Potential Loyalist
  const three = [
    row('a', '2024-01-01', '2024-05-20', 4, '150'),
    row('b', '2024-05-25', '2024-05-25', 1, '20'),
    row('c', '2024-05-28', '2024-05-28', 1, '30'),
  ];
  const scores = rfmScores(three, { asOf: '2024-06-01' });

  it("groups by RFM segment, the default map's segments always present in its order", () => {
    expect(scores.toRows().map((s) => s.segment)).toEqual(['At Risk', 'New', 'Potential Loyalist']);
    const report = segmentReport(scores, three);
    expect(report.segments.map((s) => s.segment)).toEqual(DEFAULT_RFM_SEGMENTS.map((r) => r.name));
    const used = report.segments
      .filter((s) => s.customers > 0)
      .map((s) => ({
        segment: s.segment,
        customers: s.customers,
        customerShare: s.customerShare.toString(),
        revenue: s.revenue.toString(),
        revenueShare: s.revenueShare.toString(),
        orders: s.orders,
        aov: s.averageOrderValue?.toString(),
        meanOrders: s.meanOrders?.toString(),
        days: s.meanDaysSinceLastPurchase,
      }));
    // Total revenue 200: shares 20/200 = 0.1, 30/200 = 0.15, 150/200 = 0.75. Customer shares
    // 1/3 each at 30 decimals, the one missing unit to the first (largest-remainder tie → earlier).
    expect(used).toEqual([
      {
        segment: 'New',
        customers: 1,
        customerShare: '0.333333333333333333333333333334',
        revenue: '20',
        revenueShare: '0.1',
        orders: 1,
        aov: '20',
        meanOrders: '1',
        days: 8,
      },
      {
        segment: 'Potential Loyalist',
        customers: 1,
        customerShare: '0.333333333333333333333333333333',
        revenue: '30',
        revenueShare: '0.15',
        orders: 1,
        aov: '30',
        meanOrders: '1',
        days: 5,
      },
      {
        segment: 'At Risk',
        customers: 1,
        customerShare: '0.333333333333333333333333333333',
        revenue: '150',
        revenueShare: '0.75',
        orders: 4,
        aov: '37.5',
        meanOrders: '4',
        days: 13,
      },
    ]);
    expect(report.totalRevenue.toString()).toBe('200');
  });

  it("a custom map's names and Unclassified follow the default segments", () => {
    const custom = rfmScores(three, {
      asOf: '2024-06-01',
      segments: [{ name: 'Recent', r: [5, 5], fm: [1, 5] }],
    });
    const rows = segmentReport(custom, three).segments;
    expect(rows.slice(11).map((s) => [s.segment, s.customers])).toEqual([
      ['Unclassified', 2],
      ['Recent', 1],
    ]);
  });

  it('accepts the JSON form, with Decimals as strings and means as numbers', () => {
    const json = JSON.parse(JSON.stringify(scores)) as typeof scores;
    const report = segmentReport(json, three);
    expect(report).toEqual(segmentReport(scores, three));
    const row = JSON.parse(JSON.stringify(report)).segments[10];
    expect(row).toMatchObject({
      segment: 'At Risk',
      revenue: '150',
      averageOrderValue: '37.5',
      meanOrders: '4',
      meanDaysSinceLastPurchase: 13,
    });
  });

  it('one kind at a time: mixing, or a row of both kinds, is refused', () => {
    const classes = classifyCustomers(three, { asOf: '2024-06-01' });
    const mixed = [scores.row(0), classes.row(1), classes.row(2)] as never;
    const error = rejection(() => segmentReport(mixed, three));
    expect(error.field).toBe('classified[1]');
    expect(error.message).toBe(
      'segmentReport: classified[1] is a classification (flags, reasons) but classified[0] is an RFM score (r, f, m, score): give one kind',
    );
    const both = [{ ...scores.row(0), flags: [] }, scores.row(1), scores.row(2)] as never;
    expect(rejection(() => segmentReport(both, three)).message).toBe(
      'segmentReport: classified[0] has both flags and score: give either a classification (flags, reasons) or an RFM score (r, f, m, score), not both',
    );
  });
});

describe('segmentReport: empty input', () => {
  it('no customers → EMPTY_INPUT (shares and means of nothing are undefined)', () => {
    const error = rejection(() => segmentReport([], []));
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.field).toBe('summaries');
    const columns = {
      customerId: [],
      firstPurchaseAt: [],
      lastPurchaseAt: [],
      orders: [],
      totalRevenue: [],
    };
    expect(rejection(() => segmentReport([], columns)).code).toBe('EMPTY_INPUT');
  });
});
