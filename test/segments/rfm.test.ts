import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { RetentionMetricsError } from '../../src/core/errors.js';
import type { SegmentationInput, SegmentationSummary } from '../../src/segments/input.js';
import {
  DEFAULT_RFM_SEGMENTS,
  type RfmOptions,
  type RfmScore,
  rfmOptionsSchema,
  rfmScores,
} from '../../src/segments/rfm.js';
import { summarizeTransactions } from '../../src/transactions/summarize.js';

// Every expected score below is worked out by hand from the documented rule: with n customers
// and b bins, a value v scores 1 + ⌊b·L(v)/n⌋ where L(v) = customers with a strictly smaller
// value; recency is reversed, r = b − ⌊b·L(v)/n⌋; fm = ⌈(f + m)/2⌉; the segment is the cell of
// the (R, FM) grid in the TSDoc of DEFAULT_RFM_SEGMENTS.

const DAY = 86_400_000;
const AS_OF = Date.UTC(2024, 5, 30); // 2024-06-30T00:00Z

function customer(
  customerId: string | number,
  daysAgo: number,
  orders: number,
  totalRevenue: string | number,
): SegmentationSummary {
  const last = AS_OF - daysAgo * DAY;
  return {
    customerId,
    firstPurchaseAt: last - 400 * DAY,
    lastPurchaseAt: last,
    orders,
    totalRevenue,
  };
}

function thrown(thunk: () => unknown): RetentionMetricsError {
  try {
    thunk();
  } catch (error) {
    expect(error).toBeInstanceOf(RetentionMetricsError);
    return error as RetentionMetricsError;
  }
  throw new Error('expected a RetentionMetricsError');
}

const pick = (scores: Iterable<RfmScore>) =>
  Array.from(scores, (s) => [s.customerId, s.score, s.fm, s.segment]);

/** Five customers with distinct values: each dimension's cuts are the values themselves. */
const DISTINCT = [
  customer('a', 1, 5, 500),
  customer('b', 10, 3, 300),
  customer('c', 30, 2, '120.5'),
  customer('d', 90, 1, 40),
  customer('e', 180, 1, 20),
];

/** Ten customers with heavy ties (six have one order). */
const TIED = [
  customer('c0', 0, 1, '10'),
  customer('c1', 0, 7, '1000'),
  customer('c2', 5, 2, '35.50'),
  customer('c3', 5, 1, '20'),
  customer('c4', 5, 1, '10'),
  customer('c5', 20, 3, '80'),
  customer('c6', 40, 1, '35.5'),
  customer('c7', 40, 2, '80.00'),
  customer('c8', 100, 1, '60'),
  customer('c9', 365, 1, '35.5'),
];

describe('rfmScores: quantile scores on hand-built sets', () => {
  it('scores five distinct customers 5..1 on every dimension', () => {
    // n = 5, b = 5: cut k is the k-th smallest value (⌈k·5/5⌉ = k), so L(v) = rank − 1 and
    // the score is 1 + L (recency: 5 − L).
    // recency 1, 10, 30, 90, 180     → L 0..4 → r 5, 4, 3, 2, 1
    // orders 5, 3, 2, 1, 1           → L 4, 3, 2, 0, 0 → f 5, 4, 3, 1, 1 (the two 1s tie)
    // revenue 500, 300, 120.5, 40, 20 → L 4, 3, 2, 1, 0 → m 5, 4, 3, 2, 1
    // fm = ⌈(f+m)/2⌉: 5, 4, 3, ⌈1.5⌉ = 2, 1
    const scores = rfmScores(DISTINCT, { asOf: AS_OF });
    expect(scores.toRows().map((s) => s.daysSinceLastPurchase)).toEqual([1, 10, 30, 90, 180]);
    expect(scores.toRows().map((s) => s.orders)).toEqual([5, 3, 2, 1, 1]);
    expect(scores.toRows().map((s) => s.monetary.toString())).toEqual([
      '500',
      '300',
      '120.5',
      '40',
      '20',
    ]);
    expect(pick(scores)).toEqual([
      ['a', '555', 5, 'Champions'], // R5 FM5
      ['b', '444', 4, 'Champions'], // R4 FM4
      ['c', '333', 3, 'Need Attention'], // R3 FM3
      ['d', '212', 2, 'Need Attention'], // R2 FM2
      ['e', '111', 1, 'Lost'], // R1 FM1
    ]);
    expect(scores.at(0)).toMatchObject({ r: 5, f: 5, m: 5 });
  });

  it('gives ties equal scores and leaves scores unused under heavy ties', () => {
    // n = 10, b = 5, score = 1 + ⌊5·L/10⌋ = 1 + ⌊L/2⌋.
    // recency days 0,0,5,5,5,20,40,40,100,365: L(0)=0 → r 5; L(5)=2 → 5−1 = 4; L(20)=5 → 5−2 = 3;
    //   L(40)=6 → 5−3 = 2; L(100)=8 → 5−4 = 1; L(365)=9 → 5−4 = 1.
    // orders 1×6, 2×2, 3, 7: L(1)=0 → f 1; L(2)=6 → 4; L(3)=8 → 5; L(7)=9 → 5 (f 2 and 3 unused).
    // revenue 10×2, 20, 35.5×3, 60, 80×2, 1000: L(10)=0 → 1; L(20)=2 → 2; L(35.5)=3 → 2;
    //   L(60)=6 → 4; L(80)=7 → 4; L(1000)=9 → 5. '35.50' and '35.5' are the same amount.
    const scores = rfmScores(TIED, { asOf: AS_OF });
    expect(pick(scores)).toEqual([
      ['c0', '511', 1, 'New'], // fm ⌈(1+1)/2⌉ = 1; R5 FM1
      ['c1', '555', 5, 'Champions'],
      ['c2', '442', 3, 'Loyal'], // fm ⌈(4+2)/2⌉ = 3; R4 FM3
      ['c3', '412', 2, 'Potential Loyalist'], // fm ⌈1.5⌉ = 2; R4 FM2
      ['c4', '411', 1, 'New'], // R4 FM1
      ['c5', '354', 5, 'Loyal'], // fm ⌈4.5⌉ = 5; R3 FM5
      ['c6', '212', 2, 'Need Attention'], // R2 FM2
      ['c7', '244', 4, 'At Risk'], // R2 FM4
      ['c8', '114', 3, 'At Risk'], // fm ⌈2.5⌉ = 3; R1 FM3
      ['c9', '112', 2, 'Hibernating'], // R1 FM2
    ]);
    expect(new Set(scores.toRows().map((s) => s.f))).toEqual(new Set([1, 4, 5]));
  });

  it('reads columns (typed arrays) exactly as rows', () => {
    const columns: SegmentationInput = {
      customerId: TIED.map((c) => c.customerId),
      firstPurchaseAt: Float64Array.from(TIED, (c) => c.firstPurchaseAt as number),
      lastPurchaseAt: Float64Array.from(TIED, (c) => c.lastPurchaseAt as number),
      orders: Int32Array.from(TIED, (c) => c.orders),
      totalRevenue: TIED.map((c) => c.totalRevenue),
    };
    expect(pick(rfmScores(columns, { asOf: AS_OF }))).toEqual(
      pick(rfmScores(TIED, { asOf: AS_OF })),
    );
  });

  it('scores the summaries of summarizeTransactions', () => {
    const log = [
      { customerId: 'x', at: '2024-06-01', amount: '12.10' },
      { customerId: 'x', at: '2024-06-20', amount: '7.90' },
      { customerId: 'y', at: '2024-03-01', amount: '5' },
    ];
    const summaries = summarizeTransactions(log, { asOf: '2024-06-30' });
    // n = 2, b = 5: the larger value has L = 1 → 1 + ⌊5/2⌋ = 3; days since the last purchase 11 (x) and 122 (y), to the end of 2024-06-30:
    // x r = 5 − 0 = 5, y r = 5 − 2 = 3. orders 2 vs 1, revenue 20 vs 5 → x f = m = 3, y f = m = 1.
    const scores = rfmScores(summaries, { asOf: '2024-06-30' });
    expect(pick(scores)).toEqual([
      ['x', '533', 3, 'Loyal'], // R5 FM3
      ['y', '311', 1, 'Promising'], // R3 FM1
    ]);
    expect(scores.at(0)?.monetary.toString()).toBe('20');
    expect(scores.at(1)?.daysSinceLastPurchase).toBe(122);
  });

  it('measures fractional recency in days', () => {
    const one = { ...customer(1, 0, 1, 1), lastPurchaseAt: AS_OF - 36 * 3_600_000 };
    expect(rfmScores([one], { asOf: AS_OF }).at(0)?.daysSinceLastPurchase).toBe(1.5);
    // A single customer: L = 0 on every dimension → r = 5, f = m = 1 → R5 FM1 = New.
    expect(rfmScores([one], { asOf: AS_OF }).at(0)?.segment).toBe('New');
  });

  it("uses the average order value with monetary: 'average'", () => {
    // averages 500/5 = 100, 300/3 = 100, 120.5/2 = 60.25, 40, 20: L(100) = 3 → 1 + 3 = 4 for both
    // a and b (tied); L(60.25) = 2 → 3; L(40) = 1 → 2; L(20) = 0 → 1.
    const scores = rfmScores(DISTINCT, { asOf: AS_OF, monetary: 'average' });
    expect(scores.toRows().map((s) => s.monetary.toString())).toEqual([
      '100',
      '100',
      '60.25',
      '40',
      '20',
    ]);
    expect(scores.toRows().map((s) => s.m)).toEqual([4, 4, 3, 2, 1]);
    // An average that is not a terminating decimal stays exact to 34 digits.
    const third = rfmScores([customer('t', 0, 3, 1)], { asOf: AS_OF, monetary: 'average' });
    expect(third.at(0)?.monetary.toString()).toBe('0.3333333333333333333333333333333333');
  });
});

describe('rfmScores: explicit thresholds', () => {
  it('scores against the cut points; a value on a cut falls in the lower bin', () => {
    // recency cuts 7, 30, 90, 180 (reversed, r = 5 − #{cuts < v}):
    //   1 → 5; 10 → 4; 30 → 4 (30 is not < 30); 90 → 3; 180 → 2.
    // frequency cuts 1, 2, 4, 8 (f = 1 + #{cuts < v}): 5 → 4; 3 → 3; 2 → 2; 1 → 1; 1 → 1.
    // monetary cuts 50, 100, 200, 500: 500 → 4; 300 → 4; 120.5 → 3; 40 → 1; 20 → 1.
    const scores = rfmScores(DISTINCT, {
      asOf: AS_OF,
      thresholds: {
        daysSinceLastPurchase: [7, 30, 90, 180],
        orders: [1, 2, 4, 8],
        monetary: [50, '100', new Decimal(200), '500'],
      },
    });
    expect(scores.toRows().map((s) => s.score)).toEqual(['544', '434', '423', '311', '211']);
  });

  it('mixes threshold and quantile dimensions', () => {
    // Only recency has cut points; f and m are the quantile scores of the first test.
    const scores = rfmScores(DISTINCT, {
      asOf: AS_OF,
      thresholds: { daysSinceLastPurchase: [7, 30, 90, 180] },
    });
    expect(scores.toRows().map((s) => s.score)).toEqual(['555', '444', '433', '312', '211']);
  });

  it('compares monetary cut points exactly where float64 cannot tell them apart', () => {
    // 0.30000000000000000001 and 0.3 are the same float64, but the amount is above the cut.
    const set = [customer('p', 1, 1, '0.30000000000000000001'), customer('q', 1, 1, '0.3')];
    const scores = rfmScores(set, {
      asOf: AS_OF,
      thresholds: { monetary: ['0.3', '1', '2', '3'] },
    });
    expect(scores.toRows().map((s) => s.m)).toEqual([2, 1]);
  });
});

describe('rfmScores: segment maps', () => {
  // The grid of the TSDoc, row R = 5 first, FM = 1..5 left to right.
  const GRID: Record<number, string[]> = {
    5: ['New', 'Potential Loyalist', 'Loyal', 'Champions', 'Champions'],
    4: ['New', 'Potential Loyalist', 'Loyal', 'Champions', 'Champions'],
    3: ['Promising', 'Need Attention', 'Need Attention', 'Loyal', 'Loyal'],
    2: ['About to Sleep', 'Need Attention', 'Need Attention', 'At Risk', 'At Risk'],
    1: ['Lost', 'Hibernating', 'At Risk', "Can't Lose Them", "Can't Lose Them"],
  };

  it('maps each of the 25 (R, FM) cells to the name of the table, first match winning', () => {
    for (let r = 1; r <= 5; r++) {
      for (let fm = 1; fm <= 5; fm++) {
        const first = DEFAULT_RFM_SEGMENTS.find(
          (x) => x.r[0] <= r && r <= x.r[1] && x.fm[0] <= fm && fm <= x.fm[1],
        );
        expect(first?.name, `R${r} FM${fm}`).toBe(GRID[r]?.[fm - 1]);
      }
    }
  });

  it('reaches all 11 segment names, each from the grid', () => {
    const names = new Set(Object.values(GRID).flat());
    expect(names.size).toBe(11);
    expect(new Set(DEFAULT_RFM_SEGMENTS.map((x) => x.name))).toEqual(names);
  });

  it('assigns the grid cells through rfmScores, using explicit thresholds to place customers', () => {
    // Cut points 1.5, 2.5, 3.5, 4.5 turn f = orders and m = revenue into scores 1..5 directly;
    // recency cuts 1.5..4.5 give r = 6 − days. With f = m, fm = f.
    const set: SegmentationSummary[] = [];
    for (let r = 1; r <= 5; r++) {
      for (let fm = 1; fm <= 5; fm++) set.push(customer(`${r}-${fm}`, 6 - r, fm, fm));
    }
    const cuts = [1.5, 2.5, 3.5, 4.5];
    const scores = rfmScores(set, {
      asOf: AS_OF,
      thresholds: { daysSinceLastPurchase: cuts, orders: cuts, monetary: cuts },
    });
    for (const s of scores) {
      expect(s.segment, String(s.customerId)).toBe(GRID[s.r]?.[s.fm - 1]);
      expect(String(s.customerId)).toBe(`${s.r}-${s.fm}`);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(DEFAULT_RFM_SEGMENTS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_RFM_SEGMENTS[0])).toBe(true);
    expect(Object.isFrozen(DEFAULT_RFM_SEGMENTS[0]?.r)).toBe(true);
  });

  it("applies a custom map, first match winning; uncovered cells are 'Unclassified'", () => {
    // DISTINCT scores: a R5 FM5, b R4 FM4, c R3 FM3, d R2 FM2, e R1 FM1.
    const segments = [
      { name: 'Top', r: [4, 5], fm: [4, 5] },
      { name: 'Shadowed', r: [5, 5], fm: [5, 5] },
      { name: 'Low', r: [1, 2], fm: [1, 5] },
    ] as const;
    const scores = rfmScores(DISTINCT, { asOf: AS_OF, segments });
    expect(scores.toRows().map((s) => s.segment)).toEqual([
      'Top',
      'Top',
      'Unclassified',
      'Low',
      'Low',
    ]);
  });

  it('scores with 3 bins and a custom map on 1..3', () => {
    // n = 5, b = 3: score = 1 + ⌊3L/5⌋. recency L 0..4 → ⌊0⌋,⌊0.6⌋,⌊1.2⌋,⌊1.8⌋,⌊2.4⌋ = 0,0,1,1,2
    // → r = 3 − that = 3, 3, 2, 2, 1. orders L 4,3,2,0,0 → 1 + 2, 1 + 1, 1 + 1, 1, 1 = 3,2,2,1,1.
    // revenue L 4,3,2,1,0 → 3, 2, 2, 1, 1. fm = ⌈(f+m)/2⌉ = 3, 2, 2, 1, 1.
    const segments = [
      { name: 'Best', r: [3, 3], fm: [2, 3] },
      { name: 'Rest', r: [1, 3], fm: [1, 3] },
    ] as const;
    const scores = rfmScores(DISTINCT, { asOf: AS_OF, bins: 3, segments });
    expect(pick(scores)).toEqual([
      ['a', '333', 3, 'Best'],
      ['b', '322', 2, 'Best'],
      ['c', '222', 2, 'Rest'],
      ['d', '211', 1, 'Rest'],
      ['e', '111', 1, 'Rest'],
    ]);
  });

  it('separates the three scores with 10 bins', () => {
    const segments = [{ name: 'All', r: [1, 10], fm: [1, 10] }] as const;
    // n = 5, b = 10: score = 1 + 2L; a has L = 4 on f and m → 9, r = 10 − 0 = 10.
    const scores = rfmScores(DISTINCT, { asOf: AS_OF, bins: 10, segments });
    expect(scores.at(0)?.score).toBe('10-9-9');
  });
});

describe('rfmScores: bad input', () => {
  const ok: RfmOptions = { asOf: AS_OF };
  const cases: [string, () => unknown, string, RegExp][] = [
    ['missing asOf', () => rfmScores(DISTINCT, {} as RfmOptions), 'asOf', /asOf is required/],
    ['bad asOf', () => rfmScores(DISTINCT, { asOf: 'yesterday' }), 'asOf', /asOf must be/],
    [
      'no options',
      () => rfmScores(DISTINCT, undefined as unknown as RfmOptions),
      'options',
      /options must be an object/,
    ],
    [
      'bins 1',
      () => rfmScores(DISTINCT, { ...ok, bins: 1 }),
      'bins',
      /bins must be an integer from 2 to 10/,
    ],
    [
      'bins 11',
      () => rfmScores(DISTINCT, { ...ok, bins: 11 }),
      'bins',
      /bins must be an integer from 2 to 10/,
    ],
    [
      'bins 4.5',
      () => rfmScores(DISTINCT, { ...ok, bins: 4.5 }),
      'bins',
      /bins must be an integer/,
    ],
    ['bins NaN', () => rfmScores(DISTINCT, { ...ok, bins: Number.NaN }), 'bins', /bins must be/],
    [
      'bins 3 without a map',
      () => rfmScores(DISTINCT, { ...ok, bins: 3 }),
      'segments',
      /segments is required when bins is 3/,
    ],
    [
      'unknown option',
      () => rfmScores(DISTINCT, { ...ok, bin: 5 } as RfmOptions),
      '',
      /unknown field 'bin'/,
    ],
    [
      'bad monetary',
      () => rfmScores(DISTINCT, { ...ok, monetary: 'sum' } as unknown as RfmOptions),
      'monetary',
      /monetary must be one of 'total', 'average'/,
    ],
    [
      'too few cuts',
      () => rfmScores(DISTINCT, { ...ok, thresholds: { daysSinceLastPurchase: [1, 2, 3] } }),
      'thresholds.daysSinceLastPurchase',
      /must have bins − 1 = 4 cut points \(received 3\)/,
    ],
    [
      'cuts not ascending',
      () => rfmScores(DISTINCT, { ...ok, thresholds: { orders: [1, 2, 2, 3] } }),
      'thresholds.orders[2]',
      /strictly ascending/,
    ],
    [
      'negative recency cut',
      () => rfmScores(DISTINCT, { ...ok, thresholds: { daysSinceLastPurchase: [-1, 2, 3, 4] } }),
      'thresholds.daysSinceLastPurchase[0]',
      /must be a non-negative finite number up to 109575 \(received -1\)/,
    ],
    [
      'infinite cut',
      () =>
        rfmScores(DISTINCT, {
          ...ok,
          thresholds: { orders: [1, 2, 3, Number.POSITIVE_INFINITY] },
        }),
      'thresholds.orders[3]',
      /thresholds.orders\[3\]/,
    ],
    [
      'negative money cut',
      () => rfmScores(DISTINCT, { ...ok, thresholds: { monetary: ['-1', 2, 3, 4] } }),
      'thresholds.monetary[0]',
      /non-negative/,
    ],
    [
      'money cuts not ascending',
      () => rfmScores(DISTINCT, { ...ok, thresholds: { monetary: ['1.0', 1, 3, 4] } }),
      'thresholds.monetary[1]',
      /strictly ascending/,
    ],
    [
      'rule outside 1..bins',
      () => rfmScores(DISTINCT, { ...ok, segments: [{ name: 'X', r: [0, 5], fm: [1, 5] }] }),
      'segments[0].r',
      /1 ≤ min ≤ max ≤ bins = 5 \(received \[0, 5\]\)/,
    ],
    [
      'rule min > max',
      () => rfmScores(DISTINCT, { ...ok, segments: [{ name: 'X', r: [1, 5], fm: [4, 2] }] }),
      'segments[0].fm',
      /received \[4, 2\]/,
    ],
    [
      'rule without name',
      () => rfmScores(DISTINCT, { ...ok, segments: [{ name: '', r: [1, 5], fm: [1, 5] }] }),
      'segments[0].name',
      /non-empty/,
    ],
    [
      'negative revenue',
      () => rfmScores([customer('a', 1, 1, '-0.01')], ok),
      'summaries[0].totalRevenue',
      /non-negative/,
    ],
    [
      'duplicate id',
      () => rfmScores([customer('a', 1, 1, 1), customer('b', 1, 1, 1), customer('a', 2, 1, 1)], ok),
      'summaries[2].customerId',
      /repeats summaries\[0\]/,
    ],
    [
      'purchase after asOf',
      () => rfmScores([customer('a', 1, 1, 1), customer('b', -1, 1, 1)], ok),
      'summaries[1].lastPurchaseAt',
      /summaries\[1\]\.lastPurchaseAt \(2024-07-01T00:00:00.000Z\) is after asOf/,
    ],
    [
      'orders 0',
      () => rfmScores([customer('a', 1, 0, 1)], ok),
      'summaries[0].orders',
      /orders must be an integer ≥ 1/,
    ],
  ];
  for (const [name, thunk, field, message] of cases) {
    it(`${name} → INVALID_INPUT naming ${field || 'the option'}`, () => {
      const error = thrown(thunk);
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.field).toBe(field);
      expect(error.message).toMatch(/^rfmScores: /);
      expect(error.message).toMatch(message);
    });
  }

  it('no summaries → no scores (rows or columns); the options are still checked', () => {
    expect(rfmScores([], ok).length).toBe(0);
    expect(rfmScores([], { ...ok, form: 'rows' })).toEqual([]);
    const none = {
      customerId: [],
      firstPurchaseAt: [],
      lastPurchaseAt: [],
      orders: [],
      totalRevenue: [],
    };
    expect(
      rfmScores(none, { ...ok, bins: 3, segments: [{ name: 'All', r: [1, 3], fm: [1, 3] }] })
        .length,
    ).toBe(0);
    expect(thrown(() => rfmScores([], { ...ok, bins: 3 })).field).toBe('segments');
  });

  it.each([
    ['recency', 'thresholds.daysSinceLastPurchase'],
    ['frequency', 'thresholds.orders'],
  ])('the old threshold name %s → INVALID_INPUT naming %s', (old, now) => {
    const error = thrown(() =>
      rfmScores(DISTINCT, { ...ok, thresholds: { [old]: [1, 2, 3, 4] } } as RfmOptions),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe(`thresholds.${old}`);
    expect(error.message).toBe(`rfmScores: thresholds.${old} was renamed: use ${now}`);
  });

  it('an empty segment map → EMPTY_INPUT naming segments', () => {
    const error = thrown(() => rfmScores(DISTINCT, { ...ok, segments: [] }));
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.field).toBe('segments');
  });

  it('does not mutate its input', () => {
    const rows = structuredClone(TIED);
    const options = { asOf: AS_OF, segments: [{ name: 'All', r: [1, 5], fm: [1, 5] }] } as const;
    const before = JSON.stringify([rows, options]);
    rfmScores(rows, options);
    expect(JSON.stringify([rows, options])).toBe(before);
  });

  it('exports a schema that validates options payloads', () => {
    expect(rfmOptionsSchema.safeParse({ asOf: '2024-01-01', bins: 5 }).success).toBe(true);
    expect(rfmOptionsSchema.safeParse({ bins: 5 }).success).toBe(false);
  });
});

describe('rfmScores: rule bounds', () => {
  it('a fractional rule bound → INVALID_INPUT naming it', () => {
    const error = thrown(() =>
      rfmScores(DISTINCT, { asOf: AS_OF, segments: [{ name: 'X', r: [1, 4.5], fm: [1, 5] }] }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('segments[0].r[1]');
    expect(error.message).toBe(
      'rfmScores: segments[0].r[1] must be an integer score (received 4.5)',
    );
  });
});

describe('rfmScores: monetary values of numbers', () => {
  it('are exact, also when equal revenues share a Decimal and other revenues share its cache slot', () => {
    // Six customers: the cache has six slots, so 1.00 (100 cents) and 1.06 (106 cents) fall in the
    // same slot (100 mod 6 = 106 mod 6 = 4) and replace each other; 0.1 + 0.2 is not a whole number
    // of cents and is read by its shortest form.
    const revenues = [1, 1.06, 1, 1.06, 0.1 + 0.2, 90_071_992_547.41];
    const scores = rfmScores(
      revenues.map((r, i) => customer(i, i, 1, r)),
      { asOf: AS_OF },
    );
    expect(scores.toRows().map((s) => s.monetary.toString())).toEqual([
      '1',
      '1.06',
      '1',
      '1.06',
      '0.30000000000000004',
      '90071992547.41',
    ]);
    expect(
      scores
        .toRows()
        .map((s) => s.monetary.eq(new Decimal(String(revenues[Number(s.customerId)])))),
    ).toEqual(revenues.map(() => true));
  });
});
