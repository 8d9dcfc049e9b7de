/**
 * The numeric options and the model rows of src/core/bounds.ts: each accepted at its bound and
 * refused just past it, with INVALID_INPUT naming the field and stating the bound.
 */
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { AS_OF, BASE } from '../segments/classify/base.js';
import { expectError } from '../support/errors.js';

// src/core/bounds.ts, restated: 300 years of days, 10^9 model units, 10^6 purchases, a multiple
// of 1,000 and charts of 100,000 pixels.
const DAYS = 109_575;
const TIME = 1e9;
const PURCHASES = 1e6;

/** Past the bound by one unit in the last place. */
const past = (bound: number): number => bound + bound * Number.EPSILON;

const segments = (options: Record<string, unknown>) =>
  api
    .classifyCustomers(BASE, { asOf: AS_OF, ...options })
    .toRows()
    .map((c) => c.segment);

describe('classifyCustomers: day options and the at-risk multiple', () => {
  // The hand-worked base (test/segments/classify/base.ts) by default:
  // ann vip, bob new, cat lost, dan at-risk, eve active, fay vip.
  it('lostAfterDays: 109,575 days is accepted (cat, 518 days away, is no longer lost)', () => {
    expect(segments({ lostAfterDays: DAYS })).toEqual([
      'vip',
      'new',
      'at-risk',
      'at-risk',
      'active',
      'vip',
    ]);
    const error = expectError(
      () => segments({ lostAfterDays: past(DAYS) }),
      'INVALID_INPUT',
      'lostAfterDays',
    );
    expect(error.message).toContain('must be a positive finite number up to 109575');
  });

  it('newWithinDays: 0 and 109,575 days are accepted (every first purchase is within 300 years)', () => {
    expect(segments({ newWithinDays: DAYS })).toEqual(['new', 'new', 'new', 'new', 'new', 'new']);
    // bob's first purchase is 8 days before the end of asOf: not new within 0 days.
    expect(segments({ newWithinDays: 0 })[1]).toBe('active');
    const error = expectError(
      () => segments({ newWithinDays: 1e308 }),
      'INVALID_INPUT',
      'newWithinDays',
    );
    expect(error.message).toContain('must be a non-negative finite number up to 109575');
  });

  it('atRisk.multiple: 1,000 is accepted (dan, 93 days against 1,000 × 30, is no longer at risk)', () => {
    expect(segments({ atRisk: { multiple: 1000 } })).toEqual([
      'vip',
      'new',
      'lost',
      'active',
      'active',
      'vip',
    ]);
    const error = expectError(
      () => segments({ atRisk: { multiple: 1000.5 } }),
      'INVALID_INPUT',
      'atRisk.multiple',
    );
    expect(error.message).toContain('must be a positive finite number up to 1000');
  });

  it('atRisk.fallbackIntervalDays: 109,575 days is accepted; past it is refused', () => {
    // One-time buyers only: no customer has an interval, so the fallback decides. old's last
    // purchase, 2020-01-01, is 1,614 days before the end of asOf (2024-06-02): more than 2 × 100
    // days (at-risk), less than 2 × 109,575 (not at risk, so the revenue tie makes old VIP).
    const bob = BASE[1] as (typeof BASE)[number];
    const once = [
      bob,
      { ...bob, customerId: 'old', firstPurchaseAt: '2020-01-01', lastPurchaseAt: '2020-01-01' },
    ];
    const old = (fallbackIntervalDays: number) =>
      api
        .classifyCustomers(once, {
          asOf: AS_OF,
          lostAfterDays: DAYS,
          atRisk: { fallbackIntervalDays },
        })
        .toRows()
        .map((c) => c.segment);
    expect(old(100)).toEqual(['new', 'at-risk']);
    expect(old(DAYS)).toEqual(['new', 'vip']);
    const error = expectError(
      () => old(past(DAYS)),
      'INVALID_INPUT',
      'atRisk.fallbackIntervalDays',
    );
    expect(error.message).toContain('up to 109575');
  });
});

describe('rfmScores: day cut points', () => {
  const summaries = BASE;
  it('a cut of 109,575 days is accepted; past it is refused, naming the cut', () => {
    const cuts = (last: number) =>
      api.rfmScores(summaries, {
        asOf: AS_OF,
        thresholds: { daysSinceLastPurchase: [10, 30, 100, last] },
      });
    // Days since the last purchase: ann 13, bob 8, cat 518, dan 93, eve 32, fay 80. Cuts
    // 10 < 30 < 100 < 109,575: cat (518) is in the fourth bin of five, score 2.
    expect(
      cuts(DAYS)
        .toRows()
        .map((s) => s.r),
    ).toEqual([4, 5, 2, 3, 3, 3]);
    const error = expectError(
      () => cuts(past(DAYS)),
      'INVALID_INPUT',
      'thresholds.daysSinceLastPurchase[3]',
    );
    expect(error.message).toContain('up to 109575');
  });
});

describe('chart sizes', () => {
  const report = api.segmentReport(api.classifyCustomers(BASE, { asOf: AS_OF }), BASE);
  const table = api.cohortRetention(
    [
      { customerId: 'a', at: '2024-01-05', amount: 10 },
      { customerId: 'a', at: '2024-02-05', amount: 10 },
    ],
    { asOf: '2024-03-31' },
  );

  it('segmentChartSpec: a width of 100,000 pixels is accepted; past it is refused', () => {
    const spec = api.segmentChartSpec(report, { width: 100_000 }) as unknown as {
      hconcat: { width: number }[];
    };
    expect(spec.hconcat.map((view) => view.width)).toEqual([100_000, 100_000]);
    const error = expectError(
      () => api.segmentChartSpec(report, { width: 100_001 }),
      'INVALID_INPUT',
      'options.width',
    );
    expect(error.message).toContain('must be a positive finite number up to 100000');
  });

  it('cohortHeatmapSpec: width and cellSize of 100,000 pixels are accepted; past them refused', () => {
    const spec = api.cohortHeatmapSpec(table, { width: 100_000, cellSize: 100_000 }) as unknown as {
      width: number;
      height: { step: number };
    };
    expect(spec.width).toBe(100_000);
    expect(spec.height).toEqual({ step: 100_000 });
    for (const field of ['width', 'cellSize'] as const) {
      const error = expectError(
        () => api.cohortHeatmapSpec(table, { [field]: 1e6 }),
        'INVALID_INPUT',
        `options.${field}`,
      );
      expect(error.message).toContain('up to 100000');
    }
  });
});

describe('model rows: T, recency and frequency', () => {
  const bg = { model: 'bg-nbd', params: { r: 0.2426, alpha: 4.414, a: 0.7929, b: 2.426 } } as const;
  const rows = [
    { frequency: 0, recency: 0, T: 38 },
    { frequency: 2, recency: 20, T: 38 },
    { frequency: 5, recency: 30, T: 30 },
  ];

  it('a customer at T = recency = 10^9 with 10^6 purchases gives finite predictions', () => {
    const customer = { frequency: PURCHASES, recency: TIME, T: TIME };
    const alive = api.probabilityAlive(bg, customer);
    // BG/NBD P(alive) = 1 / (1 + a/(b + x − 1) · ((α + T)/(α + t_x))^(r + x)); t_x = T, so
    // = 1 / (1 + 0.7929 / (2.426 + 999,999)) ≈ 1 − 7.929e-7.
    expect(alive).toBeCloseTo(1 / (1 + 0.7929 / (2.426 + PURCHASES - 1)), 12);
    const expected = api.conditionalExpectedPurchases(bg, customer, 1);
    expect(Number.isFinite(expected)).toBe(true);
    expect(expected).toBeGreaterThan(0);
  });

  it('T, recency past 10^9 and frequency past 10^6 are refused, naming the row and the bound', () => {
    const cases = [
      [{ frequency: 1, recency: 1, T: past(TIME) }, 'T', 'a finite number from 0 to 1000000000'],
      [{ frequency: 1, recency: 1e300, T: 1e300 }, 'T', 'from 0 to 1000000000'],
      [{ frequency: PURCHASES + 1, recency: 1, T: 2 }, 'frequency', 'from 0 to 1000000'],
    ] as const;
    for (const [row, field, bound] of cases) {
      const fit = expectError(
        () => api.fitBgNbd([...rows, row]),
        'INVALID_INPUT',
        `rows[3].${field}`,
      );
      expect(fit.message).toContain(bound);
      const one = expectError(
        () => api.probabilityAlive(bg, row),
        'INVALID_INPUT',
        `customer.${field}`,
      );
      expect(one.message).toContain(bound);
    }
    // A recency past the bound is named before it is compared with T.
    const recency = expectError(
      () => api.conditionalExpectedPurchases(bg, { frequency: 1, recency: 2e9, T: 1 }, 1),
      'INVALID_INPUT',
      'customer.recency',
    );
    expect(recency.message).toContain('from 0 to 1000000000');
  });

  it('a Gamma-Gamma frequency past 10^6 is refused', () => {
    const spend = [
      { frequency: 2, monetaryValue: 10 },
      { frequency: PURCHASES + 1, monetaryValue: 10 },
    ];
    expectError(() => api.fitGammaGamma(spend), 'INVALID_INPUT', 'rows[1].frequency');
  });

  it('a summary table with T past 10^9 is refused, naming the row', () => {
    // One day in a unit of 1e-6 days (86.4 ms) is 1e6 units; 2024-01-05 to the end of 2024-03-31
    // is 86 days = 8.6e7 units: inside. A unit of a millisecond gives 86 × 86,400,000 = 7.4e9.
    const log = [
      { customerId: 'a', at: '2024-01-05', amount: 10 },
      { customerId: 'a', at: '2024-02-05', amount: 10 },
    ];
    const inside = api.summarizeTransactions(log, {
      asOf: '2024-03-31',
      unit: 1e-6,
      form: 'table',
    });
    expect(Number.isFinite(api.fitBgNbd(inside).params.r)).toBe(true);
    const table = api.summarizeTransactions(log, {
      asOf: '2024-03-31',
      unit: 1 / 86_400_000,
      form: 'table',
    });
    expectError(() => api.fitBgNbd(table), 'INVALID_INPUT', 'rows[0].T');
  });

  it('forecastCustomers: a margin of 1 is accepted (revenue); past it is refused, not Infinity', () => {
    const gg = { model: 'gamma-gamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } } as const;
    const customers = [
      { customerId: 1, frequency: 2, recency: 30.43, T: 38.86, monetaryValue: '22.35' },
    ];
    const options = {
      purchaseModel: bg,
      spendModel: gg,
      periods: 3,
      periodLength: 13,
      discountRate: 0.01,
    };
    const [revenue] = api.forecastCustomers(customers, options);
    const [atOne] = api.forecastCustomers(customers, { ...options, margin: 1 });
    expect(atOne?.lifetimeValue).toBe(revenue?.lifetimeValue);
    const error = expectError(
      () => api.forecastCustomers(customers, { ...options, margin: Number.MAX_VALUE }),
      'INVALID_INPUT',
      'margin',
    );
    expect(error.message).toContain('up to 1');
  });
});
