import { describe, expect, it } from 'vitest';
import { classifyCustomers } from '../../../src/segments/classify/classify.js';
import type { ClassifyOptions } from '../../../src/segments/classify/types.js';
import type { SegmentationSummary } from '../../../src/segments/input.js';
import { AS_OF, BASE, rejection, row, say } from './base.js';

describe('classifyCustomers: default rules on a hand-built base', () => {
  const result = classifyCustomers(BASE, { asOf: AS_OF });

  it('gives the worked-out segments and flags, in input order', () => {
    expect(result.toRows().map((c) => [c.customerId, c.segment, c.flags])).toEqual([
      ['ann', 'vip', ['vip']],
      ['bob', 'new', ['new']],
      ['cat', 'lost', ['lost', 'at-risk']],
      ['dan', 'at-risk', ['at-risk']],
      ['eve', 'active', []],
      ['fay', 'vip', ['vip']],
    ]);
  });

  it('explains each classification with the numbers compared', () => {
    const dan = result.at(3);
    expect(dan?.reasons).toEqual([
      {
        rule: 'at-risk',
        values: { daysSinceLastPurchase: 93, multiple: 2, intervalDays: 30, intervalSource: 'own' },
      },
    ]);
    expect(say(dan?.reasons[0])).toBe(
      'No purchase for 93 days, more than 2 × the usual interval of 30 days',
    );
    expect(result.at(2)?.reasons[0]).toEqual({
      rule: 'lost',
      values: { daysSinceLastPurchase: 518, lostAfterDays: 365 },
    });
    expect(say(result.at(2)?.reasons[0])).toBe(
      'No purchase for 518 days, more than the 365-day limit after which a customer counts as lost',
    );
    expect(result.at(5)?.reasons[0]).toEqual({
      rule: 'vip',
      values: { revenue: '400', topShare: 0.2, thresholdRevenue: '400' },
    });
    expect(say(result.at(5)?.reasons[0])).toBe(
      'Revenue 400 is in the top 20 % of customers by revenue (threshold 400)',
    );
    expect(say(result.at(1)?.reasons[0])).toBe(
      'First purchase 8 days ago, within the last 30 days',
    );
    expect(result.at(4)?.reasons).toEqual([
      { rule: 'active', values: { daysSinceLastPurchase: 32 } },
    ]);
    expect(say(result.at(4)?.reasons[0])).toBe('No other rule applies; last purchase 32 days ago');
    expect(result.at(4)?.daysSinceLastPurchase).toBe(32);
  });

  it('in Russian, with native plural forms', () => {
    const ru = (i: number) => say(result.at(i)?.reasons[0], 'ru');
    expect(ru(3)).toBe('Нет покупок 93 дня — больше, чем 2 × обычный интервал 30 дней');
    expect(ru(1)).toBe(
      'Первая покупка 8 дней назад (новыми считаются клиенты за последние 30 дней)',
    );
    expect(ru(4)).toBe('Другие правила не сработали; последняя покупка 32 дня назад');
    expect(ru(5)).toBe('Выручка 400 — в верхних 20 % клиентов по выручке (порог 400)');
  });

  it('a one-time buyer is measured against the median interval of repeat customers', () => {
    // gus: one order 101 days before the end of asOf's day, 101 > 2 × 45.9 (median of ann, cat, dan, eve, fay) → at-risk
    const gus = row('gus', '2024-02-22', '2024-02-22', 1, 10);
    const out = classifyCustomers([...BASE, gus], { asOf: AS_OF });
    const reason = out.at(6)?.reasons[0];
    expect(out.at(6)?.segment).toBe('at-risk');
    expect(reason?.values.intervalSource).toBe('base');
    expect(reason?.values.intervalDays).toBeCloseTo(505 / 11, 12);
    expect(say(reason)).toBe(
      'No purchase for 101 days, more than 2 × the median interval of repeat customers (45.9 days)',
    );
  });

  it('with an even number of repeat customers, the median is the mean of the middle two', () => {
    // Intervals 10, 20, 30 and 40 days → median (20 + 30) / 2 = 25. The one-time buyer's last
    // purchase, 2024-04-02, is 61 days before the end of 2024-06-01: 61 > 2 × 25 → at-risk,
    // measured against 25 days.
    const base = [
      row('r1', '2024-01-01', '2024-01-11', 2, 10),
      row('r2', '2024-01-01', '2024-01-21', 2, 20),
      row('r3', '2024-01-01', '2024-01-31', 2, 30),
      row('r4', '2024-01-01', '2024-02-10', 2, 40),
      row('one', '2024-04-02', '2024-04-02', 1, 1),
    ];
    const out = classifyCustomers(base, { asOf: AS_OF });
    expect(out.at(4)?.reasons).toEqual([
      {
        rule: 'at-risk',
        values: {
          daysSinceLastPurchase: 61,
          multiple: 2,
          intervalDays: 25,
          intervalSource: 'base',
        },
      },
    ]);
    // 2.5 × 25 = 62.5 > 61: no longer at risk.
    const relaxed = classifyCustomers(base, { asOf: AS_OF, atRisk: { multiple: 2.5 } });
    expect(relaxed.at(4)?.segment).toBe('active');
  });

  it('with no repeat customers, the fallback interval (default 90 days, configurable)', () => {
    const base = [
      row('a', '2023-12-01', '2023-12-01', 1, 5),
      row('b', '2024-05-01', '2024-05-01', 1, 5),
    ];
    // a: 184 d > 2 × 90 → at-risk (≤ 365, not lost); b: 32 d → not at risk.
    // VIP: k = ceil(0.4) = 1, threshold 5, and b ties with a → both VIP.
    const out = classifyCustomers(base, { asOf: AS_OF });
    expect(out.toRows().map((c) => [c.segment, c.flags])).toEqual([
      ['at-risk', ['at-risk', 'vip']],
      ['vip', ['vip']],
    ]);
    expect(out.at(0)?.reasons[0]?.values.intervalSource).toBe('default');
    expect(say(out.at(0)?.reasons[0])).toBe(
      'No purchase for 184 days, more than 2 × the default interval (90 days)',
    );
    // fallback 100: 184 ≤ 200 → not at risk
    const none = classifyCustomers(base, { asOf: AS_OF, atRisk: { fallbackIntervalDays: 100 } });
    expect(none.at(0)?.flags).toEqual(['vip']);
  });
});

describe('classifyCustomers: priorities', () => {
  it('a VIP at risk is at-risk with the vip flag', () => {
    // the big spender buys every 10 days but not for 25 days → 25 > 20
    const out = classifyCustomers(
      [row('big', '2024-04-01', '2024-05-07', 5, 5000), row('x', '2024-05-20', '2024-05-20', 1, 1)],
      { asOf: AS_OF, newWithinDays: 0 },
    );
    expect(out.at(0)?.segment).toBe('at-risk');
    expect(out.at(0)?.flags).toEqual(['at-risk', 'vip']);
    expect(out.at(0)?.reasons.map((r) => r.rule)).toEqual(['at-risk', 'vip']);
  });

  it('new beats at-risk for a recent one-time buyer', () => {
    // repeat customer interval 5 d → median 5; newbie bought 20 days ago: 20 > 10 → at-risk fires
    const out = classifyCustomers(
      [
        row('r', '2024-05-01', '2024-05-31', 7, 10),
        row('newbie', '2024-05-12', '2024-05-12', 1, 10),
      ],
      { asOf: AS_OF },
    );
    expect(out.at(1)?.segment).toBe('new');
    expect(out.at(1)?.flags).toEqual(['new', 'at-risk', 'vip']);
  });
});

describe('classifyCustomers: VIP', () => {
  it('ties at the boundary are all included, compared exactly', () => {
    const base = [
      row('a', '2024-05-01', '2024-05-01', 1, '0.30000000000000000001'),
      row('b', '2024-05-01', '2024-05-01', 1, '0.3'),
      row('c', '2024-05-01', '2024-05-01', 1, '0.3'),
      row('d', '2024-05-01', '2024-05-01', 1, '0.1'),
      row('e', '2024-05-01', '2024-05-01', 1, '0'),
    ];
    const flags = (share: number) =>
      classifyCustomers(base, { asOf: AS_OF, vip: { topShare: share } })
        .toRows()
        .map((c) => c.flags.includes('vip'));
    // k = ceil(0.2 × 5) = 1 → threshold is a's exact value: b and c (equal floats) are below it
    expect(flags(0.2)).toEqual([true, false, false, false, false]);
    // k = 2 → threshold 0.3: b and c tie → 3 VIPs (60 %)
    expect(flags(0.4)).toEqual([true, true, true, false, false]);
    // k = ceil(0.7 × 10 ...) computed exactly: 0.6 × 5 = 3 → threshold 0.3
    expect(flags(0.6)).toEqual([true, true, true, false, false]);
    // everyone: revenue 0 is never VIP
    expect(flags(1)).toEqual([true, true, true, true, false]);
  });

  it('k = ceil(topShare × n) is exact (0.7 × 10 = 7, not 7.000000000000001)', () => {
    const base = Array.from({ length: 10 }, (_, i) =>
      row(`c${i}`, '2024-05-01', '2024-05-01', 1, i + 1),
    );
    const out = classifyCustomers(base, { asOf: AS_OF, vip: { topShare: 0.7 } });
    expect(out.toRows().filter((c) => c.flags.includes('vip')).length).toBe(7);
  });

  it('reason revenues are exact decimal strings of the numbers given', () => {
    // topShare 1: every customer with revenue is VIP. Two decimals print as given; other numbers
    // by their shortest form, in plain notation (1e-7 → 0.0000001).
    const base = [
      row('a', '2024-05-01', '2024-05-01', 1, 1234.5),
      row('b', '2024-05-01', '2024-05-01', 1, 0.1 + 0.2),
      row('c', '2024-05-01', '2024-05-01', 1, 1e-7),
      row('d', '2024-05-01', '2024-05-01', 1, 90_071_992_547.41),
    ];
    const out = classifyCustomers(base, { asOf: AS_OF, vip: { topShare: 1 } });
    expect(
      out.toRows().map((c) => c.reasons.find((r) => r.rule === 'vip')?.values.revenue),
    ).toEqual(['1234.5', '0.30000000000000004', '0.0000001', '90071992547.41']);
  });

  it('by thresholds on revenue and orders', () => {
    const out = classifyCustomers(BASE, { asOf: AS_OF, vip: { minRevenue: '300', minOrders: 3 } });
    // ann (1200, 12) and cat (300, 3) meet both; fay 400 has 2 orders
    expect(out.toRows().map((c) => c.flags.includes('vip'))).toEqual([
      true,
      false,
      true,
      false,
      false,
      false,
    ]);
    expect(out.at(0)?.reasons[0]).toEqual({
      rule: 'vip',
      values: { revenue: '1200', orders: 12, minRevenue: '300', minOrders: 3 },
    });
    expect(say(out.at(0)?.reasons[0])).toBe(
      'VIP thresholds met: revenue 1,200 ≥ 300, 12 orders ≥ 3',
    );
    const two = classifyCustomers(BASE, { asOf: AS_OF, vip: { minOrders: 2 } });
    expect(two.at(5)?.reasons[0]).toEqual({
      rule: 'vip',
      values: { revenue: '400', orders: 2, minOrders: 2 },
    });
    expect(say(two.at(5)?.reasons[0], 'ru')).toBe('Пороги VIP достигнуты: 2 заказа ≥ 2');
  });
});

describe('classifyCustomers: options', () => {
  it('the P(alive) hook replaces the interval rule', () => {
    const p = new Map([
      ['ann', 0.1],
      ['bob', 0.9],
      ['cat', 0.5],
      ['dan', 0.95],
      ['eve', 0.29],
      ['fay', 0.3],
    ]);
    const out = classifyCustomers(BASE, {
      asOf: AS_OF,
      atRisk: { aliveProbability: { threshold: 0.3, probability: (id) => p.get(String(id)) ?? 0 } },
    });
    expect(out.toRows().map((c) => c.segment)).toEqual([
      'at-risk',
      'new',
      'lost',
      'active',
      'at-risk',
      'vip',
    ]);
    expect(out.at(4)?.reasons[0]).toEqual({
      rule: 'at-risk',
      values: { probabilityAlive: 0.29, threshold: 0.3 },
    });
    expect(say(out.at(4)?.reasons[0])).toBe(
      'Probability of still being active 0.29 is below the threshold 0.3',
    );
    expect(say(out.at(4)?.reasons[0], 'ru')).toBe(
      'Вероятность того, что клиент ещё активен, 0,29 — ниже порога 0,3',
    );
    const bad = rejection(() =>
      classifyCustomers(BASE, {
        asOf: AS_OF,
        atRisk: { aliveProbability: { threshold: 0.3, probability: () => 1.5 } },
      }),
    );
    expect(bad.message).toBe(
      'classifyCustomers: atRisk.aliveProbability.probability("ann") must return a number from 0 to 1 (received 1.5)',
    );
  });

  it('thresholds: lostAfterDays, newWithinDays, multiple', () => {
    const out = classifyCustomers(BASE, {
      asOf: AS_OF,
      lostAfterDays: 90,
      newWithinDays: 10,
      atRisk: { multiple: 1 },
    });
    // dan 92 > 90 → lost; eve 31 > 30 × 1 → at-risk; fay 79 > 73 → at-risk (vip flag)
    expect(out.toRows().map((c) => c.segment)).toEqual([
      'vip',
      'new',
      'lost',
      'lost',
      'at-risk',
      'at-risk',
    ]);
  });

  it('custom rules with their priority, and disable', () => {
    const options: ClassifyOptions = {
      asOf: AS_OF,
      rules: [
        {
          name: 'whale',
          segment: 'whale',
          priority: 350,
          test: (c) =>
            c.totalRevenue.gte(1000)
              ? {
                  fired: true,
                  message: 'Big spender',
                  values: { revenue: c.totalRevenue.toString() },
                }
              : false,
        },
        {
          name: 'sleepy-vip',
          segment: 'at-risk',
          priority: 50,
          test: (c) => c.flags.includes('vip') && c.daysSinceLastPurchase > 60,
        },
      ],
    };
    const out = classifyCustomers(BASE, options);
    expect(out.at(0)?.segment).toBe('whale');
    expect(out.at(0)?.flags).toEqual(['whale', 'vip']);
    expect(out.at(0)?.reasons[0]).toEqual({
      rule: 'whale',
      values: { revenue: '1200' },
      message: 'Big spender',
    });
    expect(say(out.at(0)?.reasons[0], 'ru')).toBe('Big spender');
    // fay: vip, 80 days → sleepy-vip fires below vip → still vip
    expect(out.at(5)?.flags).toEqual(['vip', 'sleepy-vip']);
    const without = classifyCustomers(BASE, { ...options, disable: ['vip'] });
    expect(without.at(5)?.segment).toBe('active');
    expect(without.at(0)?.flags).toEqual(['whale']);
    const ru = classifyCustomers(BASE, {
      asOf: AS_OF,
      rules: [{ name: 'все', segment: 'x', priority: 1, test: () => true }],
    });
    expect(ru.at(4)?.reasons).toEqual([{ rule: 'все', values: {} }]);
    expect(say(ru.at(4)?.reasons[0], 'ru')).toBe('Сработало правило «все»');
    expect(say(ru.at(4)?.reasons[0])).toBe("Rule 'все' fired");
    expect(ru.at(4)?.segment).toBe('x');
  });

  it('reasons: false gives the same segments and flags, with no reasons', () => {
    const rules: ClassifyOptions['rules'] = [
      { name: 'whale', segment: 'whale', priority: 350, test: (c) => c.totalRevenue.gte(1000) },
    ];
    for (const extra of [{}, { rules }]) {
      const full = classifyCustomers(BASE, { asOf: AS_OF, ...extra });
      const bare = classifyCustomers(BASE, { asOf: AS_OF, ...extra, reasons: false });
      expect(
        bare.toRows().map((c) => [c.customerId, c.segment, c.flags, c.daysSinceLastPurchase]),
      ).toEqual(
        full.toRows().map((c) => [c.customerId, c.segment, c.flags, c.daysSinceLastPurchase]),
      );
      for (const c of bare) {
        expect(c.reasons).toEqual([]);
        expect(Object.isFrozen(c.reasons)).toBe(true);
      }
    }
    // ann is the whale with the custom rule
    expect(classifyCustomers(BASE, { asOf: AS_OF, rules, reasons: false }).at(0)?.segment).toBe(
      'whale',
    );
  });

  it('accepts columns and epoch milliseconds', () => {
    const columns = {
      customerId: BASE.map((r) => r.customerId),
      firstPurchaseAt: BASE.map((r) => Date.parse(String(r.firstPurchaseAt))),
      lastPurchaseAt: BASE.map((r) => Date.parse(String(r.lastPurchaseAt))),
      orders: BASE.map((r) => r.orders),
      totalRevenue: BASE.map((r) => r.totalRevenue),
    };
    // The date-only asOf '2024-06-01' ends at the instant 2024-06-02T00:00Z.
    expect(classifyCustomers(columns, { asOf: Date.parse('2024-06-02') }).toRows()).toEqual(
      classifyCustomers(BASE, { asOf: AS_OF }).toRows(),
    );
  });
});

describe('classifyCustomers: bad input', () => {
  it.each([
    [{}, 'asOf', 'classifyCustomers: asOf is required'],
    [{ asOf: 'soon' }, 'asOf', undefined],
    [
      { asOf: AS_OF, vip: { topShare: 0 } },
      'vip.topShare',
      'classifyCustomers: vip.topShare must be a share in (0, 1] (received 0)',
    ],
    [{ asOf: AS_OF, vip: { topShare: 1.5 } }, 'vip.topShare', undefined],
    [{ asOf: AS_OF, vip: { topShare: 0.1, minOrders: 2 } }, 'vip.minOrders', undefined],
    [{ asOf: AS_OF, vip: { minOrders: 0 } }, 'vip.minOrders', undefined],
    [{ asOf: AS_OF, vip: { minRevenue: -1 } }, 'vip.minRevenue', undefined],
    [{ asOf: AS_OF, newWithinDays: -1 }, 'newWithinDays', undefined],
    [{ asOf: AS_OF, lostAfterDays: 0 }, 'lostAfterDays', undefined],
    [{ asOf: AS_OF, atRisk: { multiple: Number.NaN } }, 'atRisk.multiple', undefined],
    [
      { asOf: AS_OF, atRisk: { aliveProbability: { threshold: 2, probability: () => 1 } } },
      'atRisk.aliveProbability.threshold',
      undefined,
    ],
    [{ asOf: AS_OF, locale: 'en' }, '', "classifyCustomers: options has unknown field 'locale'"],
    [{ asOf: AS_OF, reasons: 'no' }, 'reasons', undefined],
    [{ asOf: AS_OF, colour: 'red' }, '', "classifyCustomers: options has unknown field 'colour'"],
    [
      { asOf: AS_OF, disable: ['vipp'] },
      'disable[0]',
      "classifyCustomers: disable[0] 'vipp' is not a rule name (known: 'new', 'lost', 'at-risk', 'vip')",
    ],
    [
      { asOf: AS_OF, rules: [{ name: 'vip', segment: 'x', priority: 1, test: () => true }] },
      'rules[0].name',
      undefined,
    ],
    [
      { asOf: AS_OF, rules: [{ name: 'a', segment: 'x', priority: 300, test: () => true }] },
      'rules[0].priority',
      undefined,
    ],
    [
      {
        asOf: AS_OF,
        rules: [
          { name: 'a', segment: 'x', priority: 1, test: () => true },
          { name: 'a', segment: 'y', priority: 2, test: () => true },
        ],
      },
      'rules[1].name',
      "classifyCustomers: rules[1].name 'a' repeats rules[0].name",
    ],
    [
      { asOf: AS_OF, rules: [{ name: 'a', segment: 'x', priority: 1, test: 'yes' }] },
      'rules[0].test',
      undefined,
    ],
  ])('options %j → INVALID_INPUT naming %s', (options, field, message) => {
    const error = rejection(() => classifyCustomers(BASE, options as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe(field);
    if (message !== undefined) expect(error.message).toBe(message);
  });

  it('bad summaries', () => {
    const negative = rejection(() =>
      classifyCustomers([row('a', '2024-01-01', '2024-01-01', 1, -5)], { asOf: AS_OF }),
    );
    expect(negative.message).toBe(
      'classifyCustomers: summaries[0].totalRevenue must be a non-negative finite amount of money (received -5)',
    );
    const duplicate = rejection(() =>
      classifyCustomers([BASE[0], BASE[1], BASE[0]] as SegmentationSummary[], { asOf: AS_OF }),
    );
    expect(duplicate.message).toBe(
      'classifyCustomers: summaries[2].customerId "ann" repeats summaries[0]: each customer must appear once',
    );
    const future = rejection(() => classifyCustomers(BASE, { asOf: '2024-05-01' }));
    expect(future.message).toBe(
      'classifyCustomers: summaries[0].lastPurchaseAt (2024-05-20T00:00:00.000Z) is after asOf ("2024-05-01", which ends at 2024-05-02T00:00:00.000Z in UTC)',
    );
    expect(classifyCustomers([], { asOf: AS_OF }).length).toBe(0);
    expect(classifyCustomers([], { asOf: AS_OF, form: 'rows' })).toEqual([]);
    expect(rejection(() => classifyCustomers([], { asOf: 'soon' })).field).toBe('asOf');
  });

  it('does not mutate its input', () => {
    const before = JSON.stringify(BASE);
    classifyCustomers(BASE, { asOf: AS_OF });
    expect(JSON.stringify(BASE)).toBe(before);
  });
});
