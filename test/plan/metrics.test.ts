import { describe, expect, it } from 'vitest';
import { readCdnowSample } from '../../examples/lib/cdnow.js';
import {
  averageOrderValue,
  buildRetentionPlan,
  churnRate,
  customerCounts,
  Decimal,
  planMetricsFromLog,
  planMetricsFromLogOptionsSchema,
  planMetricsFromSummaries,
  planMetricsFromSummariesOptionsSchema,
  purchaseFrequency,
  repeatPurchaseRate,
  retentionRate,
  summarizeTransactions,
} from '../../src/index.js';
import { ru } from '../../src/locale-ru.js';
import { expectError } from '../support/errors.js';
import { TINY_LOG, TINY_PERIOD } from '../support/tiny-log.js';

/** The order metrics of a snapshot, as strings. */
const orderMetrics = (aov: string, frequency: string, repeat: string) => ({
  averageOrderValue: aov,
  purchaseFrequency: frequency,
  repeatPurchaseRate: repeat,
});

/** The snapshot of `log` over a period of `activeWithin` days' activity, as strings. */
const measure = (
  log: Parameters<typeof planMetricsFromLog>[0],
  periodStart: string,
  periodEnd: string,
  activeWithin: number,
  extra: object = {},
) => strings(planMetricsFromLog(log, { periodStart, periodEnd, activeWithin, ...extra }));

/** The values of a snapshot as strings, absent ones left out. */
const strings = (metrics: object): Record<string, string> =>
  Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, String(v)]));

describe('planMetricsFromLog on a tiny log, by hand', () => {
  // The counts of test/support/tiny-log.ts: S = 2, E = 3, N = 2: retention (3 − 2) / 2 = 0.5,
  // churn 0.5. Up to 31 Mar: 6 orders, $120, 4 customers, 2 of them (a, c) with two orders:
  //   AOV 120 / 6 = 20, frequency 6 / 4 = 1.5, repeat rate 2 / 4 = 0.5.
  // Previous period 25 Nov 2023 – 31 Jan 2024: only c is active on 25 Nov (1 Oct is within 60
  //   days) and c is not active on 31 Jan: churn 1 / 1 = 1.
  const log = TINY_LOG;
  const options = TINY_PERIOD;

  it('measures every metric of the snapshot', () => {
    expect(
      strings(planMetricsFromLog(log, { ...options, previousPeriodStart: '2023-11-25' })),
    ).toEqual({
      churnRate: '0.5',
      previousChurnRate: '1',
      retentionRate: '0.5',
      averageOrderValue: '20',
      purchaseFrequency: '1.5',
      repeatPurchaseRate: '0.5',
    });
  });

  it('leaves out the rates of a period without customers at its start, and the previous churn when not asked', () => {
    // On 1 Aug 2023 nobody has bought in the 60 days before: S = 0.
    const metrics = planMetricsFromLog(log, {
      periodStart: '2023-08-01',
      periodEnd: '2023-10-31',
      activeWithin: 60,
    });
    // Up to 31 Oct 2023: c's one order of $5.
    expect(strings(metrics)).toEqual(orderMetrics('5', '1', '0'));
    const plan = buildRetentionPlan({ locale: 'en', metrics });
    expect(plan.measureFirst).toEqual(['churnRate', 'retentionRate', 'customerLifetimeValue']);
  });

  it('feeds buildRetentionPlan in one call', () => {
    const plan = buildRetentionPlan({
      locale: ru,
      metrics: planMetricsFromLog(log, { ...options, previousPeriodStart: '2023-11-25' }),
    });
    const baseline = (metric: string) => plan.kpis.find((k) => k.metric === metric)?.baseline;
    expect(baseline('churnRate')).toBe('0.5');
    expect(baseline('averageOrderValue')).toBe('20');
    // Churn 0.5 is above the crisis threshold 0.1 and below the previous 1.
    expect([plan.cadence.every, plan.cadence.reasonCode]).toEqual(['month', 'above-crisis']);
  });

  it('takes columns and groups same-day purchases into one order with the default granularity', () => {
    const columns = {
      customerId: ['a', 'a', 'b'],
      at: ['2024-03-01T09:00:00Z', '2024-03-01T15:00:00Z', '2024-03-02T12:00:00Z'],
      amount: ['10.10', '9.90', '4'],
    };
    // a: one order of $20 (one day), b: one order of $4: AOV 24 / 2 = 12, frequency 1, repeat 0.
    expect(measure(columns, '2024-02-01', '2024-03-31', 30)).toEqual(orderMetrics('12', '1', '0'));
    // Without grouping: three orders of $24: AOV 8, 1.5 orders per customer, a repeats.
    expect(measure(columns, '2024-02-01', '2024-03-31', 30, { granularity: 'none' })).toEqual(
      orderMetrics('8', '1.5', '0.5'),
    );
  });

  it('reads the log in a time zone and numeric timestamps in a declared unit', () => {
    const hand = {
      churnRate: '0.5',
      retentionRate: '0.5',
      ...orderMetrics('20', '1.5', '0.5'),
    };
    // The same dates as days of New York: the same customers are active at each boundary.
    expect(measure(log, '2024-01-31', '2024-03-31', 60, { timeZone: 'America/New_York' })).toEqual(
      hand,
    );
    // The same purchases at noon UTC, as epoch seconds, with the boundaries as dates.
    const seconds = {
      customerId: log.map((row) => row.customerId),
      at: log.map((row) => Date.parse(`${row.at}T12:00:00Z`) / 1000),
      amount: log.map((row) => row.amount),
    };
    expect(measure(seconds, '2024-01-31', '2024-03-31', 60, { timeUnit: 's' })).toEqual(hand);
  });

  it('raises EMPTY_INPUT for a log without purchases up to periodEnd', () => {
    expectError(() => planMetricsFromLog([], options), 'EMPTY_INPUT', 'log');
  });

  it('names a missing or unknown option, and errors of the functions it calls', () => {
    const { activeWithin: _omitted, ...missing } = options;
    expectError(() => planMetricsFromLog(log, missing as never), 'INVALID_INPUT', 'activeWithin');
    const unknown = expectError(
      () => planMetricsFromLog(log, { ...options, asOf: '2024-03-31' } as never),
      'INVALID_INPUT',
      '',
    );
    expect(unknown.message).toContain("'asOf'");
    const reversed = expectError(
      () => planMetricsFromLog(log, { ...options, previousPeriodStart: '2024-02-01' }),
      'INVALID_INPUT',
      'periodEnd',
    );
    expect(reversed.message).toMatch(
      /^planMetricsFromLog: customerCounts of the previous period \(previousPeriodStart to periodStart\): customerCounts: periodEnd /,
    );
    expectError(
      () => planMetricsFromLog([{ customerId: 'a', at: '2024-01-01', amount: -1 }], options),
      'INVALID_INPUT',
      'log[0].amount',
    );
    expect(planMetricsFromLogOptionsSchema.safeParse(options).success).toBe(true);
    expect(planMetricsFromLogOptionsSchema.safeParse(missing).success).toBe(false);
  });
});

describe('planMetricsFromLog on the CDNOW sample', () => {
  const log = readCdnowSample();
  const options = {
    periodStart: '1997-06-30',
    periodEnd: '1997-09-30',
    activeWithin: 90,
    previousPeriodStart: '1997-03-31',
  };

  it('equals the individual functions of the library', () => {
    const metrics = planMetricsFromLog(log, options);
    const current = customerCounts(log, {
      periodStart: '1997-06-30',
      periodEnd: '1997-09-30',
      activeWithin: 90,
    });
    const previous = customerCounts(log, {
      periodStart: '1997-03-31',
      periodEnd: '1997-06-30',
      activeWithin: 90,
    });
    const summaries = summarizeTransactions(log, { asOf: '1997-09-30' });
    const orders = summaries.toRows().reduce((n, s) => n + s.orders, 0);
    const revenue = summaries.toRows().reduce((sum, s) => sum.plus(s.totalRevenue), new Decimal(0));
    const repeatCustomers = summaries.toRows().filter((s) => s.orders > 1).length;
    expect(strings(metrics)).toEqual(
      strings({
        churnRate: churnRate(current),
        previousChurnRate: churnRate(previous),
        retentionRate: retentionRate(current),
        averageOrderValue: averageOrderValue({ revenue, orders }),
        purchaseFrequency: purchaseFrequency({ orders, customers: summaries.length }),
        repeatPurchaseRate: repeatPurchaseRate({ customers: summaries.length, repeatCustomers }),
      }),
    );
    // The sample's 2,357 customers all bought in the first quarter of 1997 (data README), so every
    // one of them is in the summaries up to 30 Sep 1997.
    expect(summaries.length).toBe(2357);
    // Churn and retention are complements.
    expect(metrics.churnRate?.plus(metrics.retentionRate ?? 0).toString()).toBe('1');
  });
});

describe('planMetricsFromSummaries', () => {
  // The summaries of the tiny log up to 31 Mar 2024 (test/support/tiny-log.ts), written by hand:
  // a 2 orders $40, b 1 order $20, c 2 orders $20, d 1 order $40: AOV 120 / 6 = 20, frequency
  // 6 / 4 = 1.5, repeat rate 2 / 4 = 0.5; counts S = 2, E = 3, N = 2: churn and retention 0.5.
  const summaries = [
    {
      customerId: 'a',
      firstPurchaseAt: '2024-01-10',
      lastPurchaseAt: '2024-03-20',
      orders: 2,
      totalRevenue: 40,
    },
    {
      customerId: 'b',
      firstPurchaseAt: '2024-01-20',
      lastPurchaseAt: '2024-01-20',
      orders: 1,
      totalRevenue: '20',
    },
    {
      customerId: 'c',
      firstPurchaseAt: '2023-10-01',
      lastPurchaseAt: '2024-03-01',
      orders: 2,
      totalRevenue: '20.00',
    },
    {
      customerId: 'd',
      firstPurchaseAt: '2024-02-15',
      lastPurchaseAt: '2024-02-15',
      orders: 1,
      totalRevenue: 40,
    },
  ];

  it('measures the order metrics by hand, and churn and retention from the counts given', () => {
    expect(strings(planMetricsFromSummaries(summaries))).toEqual(orderMetrics('20', '1.5', '0.5'));
    const counts = customerCounts(TINY_LOG, TINY_PERIOD);
    expect(
      strings(
        planMetricsFromSummaries(summaries, {
          counts,
          previousCounts: { startCustomers: 1, lostCustomers: 1 },
        }),
      ),
    ).toEqual({
      churnRate: '0.5',
      retentionRate: '0.5',
      previousChurnRate: '1',
      ...orderMetrics('20', '1.5', '0.5'),
    });
  });

  it('equals planMetricsFromLog on the summaries and counts of the same log', () => {
    const fromLog = planMetricsFromLog(TINY_LOG, {
      ...TINY_PERIOD,
      previousPeriodStart: '2023-11-25',
    });
    const fromSummaries = planMetricsFromSummaries(
      summarizeTransactions(TINY_LOG, { asOf: TINY_PERIOD.periodEnd }),
      {
        counts: customerCounts(TINY_LOG, TINY_PERIOD),
        previousCounts: customerCounts(TINY_LOG, {
          periodStart: '2023-11-25',
          periodEnd: TINY_PERIOD.periodStart,
          activeWithin: 60,
        }),
      },
    );
    expect(strings(fromSummaries)).toEqual(strings(fromLog));
  });

  it('leaves out the rates when the counts start with no customer', () => {
    const metrics = planMetricsFromSummaries(summaries, {
      counts: { startCustomers: 0, endCustomers: 3, newCustomers: 3 },
    });
    expect(strings(metrics)).toEqual(orderMetrics('20', '1.5', '0.5'));
  });

  it('raises EMPTY_INPUT without summaries and names bad summaries, counts and options', () => {
    expectError(() => planMetricsFromSummaries([]), 'EMPTY_INPUT', 'summaries');
    expectError(
      () => planMetricsFromSummaries([{ ...summaries[0], orders: -1 }] as never),
      'INVALID_INPUT',
      'summaries[0].orders',
    );
    const counts = expectError(
      () => planMetricsFromSummaries(summaries, { counts: { startCustomers: 2, endCustomers: 5 } }),
      'INVALID_INPUT',
      'endCustomers',
    );
    expect(counts.message.startsWith('planMetricsFromSummaries: counts: churnRate: ')).toBe(true);
    expectError(
      () => planMetricsFromSummaries(summaries, { count: 1 } as never),
      'INVALID_INPUT',
      '',
    );
    expect(planMetricsFromSummariesOptionsSchema.safeParse({ counts: {} }).success).toBe(true);
    expect(planMetricsFromSummariesOptionsSchema.safeParse({ count: 1 }).success).toBe(false);
  });
});
