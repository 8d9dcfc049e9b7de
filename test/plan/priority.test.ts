import { describe, expect, it } from 'vitest';
import { D } from '../../src/core/numeric.js';
import { ru } from '../../src/locale-ru.js';
import { buildRetentionPlan } from '../../src/plan/build.js';
import type { PlanSegmentReport } from '../../src/plan/priority.js';
import { classifyCustomers } from '../../src/segments/classify/classify.js';
import { segmentReport } from '../../src/segments/report.js';
import { expectError } from '../support/errors.js';

/**
 * A hand-built report of 100 customers and 1,000 in revenue:
 *
 * | segment | customers | share | revenue | share |
 * | new     | 40        | 0.4   | 100     | 0.1   |
 * | lost    | 30        | 0.3   | 300     | 0.3   |
 * | at-risk | 10        | 0.1   | 300     | 0.3   |
 * | vip     | 5         | 0.05  | 300     | 0.3   |
 * | active  | 15        | 0.15  | 0       | 0     |
 *
 * Priority: revenue share first, so new (0.1) comes last; lost, at-risk and vip tie at 0.3 and
 * are ordered by customer share: lost (0.3), at-risk (0.1), vip (0.05). `active` has no tactics.
 * Expected order: lost, at-risk, vip, new.
 */
const report: PlanSegmentReport = {
  segments: [
    { segment: 'new', customers: 40, customerShare: '0.4', revenue: '100', revenueShare: '0.1' },
    { segment: 'lost', customers: 30, customerShare: '0.3', revenue: '300', revenueShare: '0.3' },
    { segment: 'at-risk', customers: 10, customerShare: 0.1, revenue: 300, revenueShare: 0.3 },
    {
      segment: 'vip',
      customers: 5,
      customerShare: new D('0.05'),
      revenue: new D('300.00'),
      revenueShare: new D('0.3'),
    },
    { segment: 'active', customers: 15, customerShare: '0.15', revenue: '0', revenueShare: '0' },
  ],
};

const order = (segmentReport?: PlanSegmentReport) =>
  buildRetentionPlan({
    locale: 'en',
    ...(segmentReport === undefined ? {} : { segmentReport }),
  }).segments.map((s) => s.segment);

describe('segment prioritisation', () => {
  it('orders by revenue share, then customer share (hand-worked report above)', () => {
    expect(order(report)).toEqual(['lost', 'at-risk', 'vip', 'new']);
  });

  it('attaches each segment’s figures as exact strings, and the note', () => {
    const plan = buildRetentionPlan({ locale: 'en', segmentReport: report });
    expect(plan.segments[2]).toMatchObject({
      segment: 'vip',
      name: 'VIP customers',
      figures: { customers: 5, customerShare: '0.05', revenue: '300', revenueShare: '0.3' },
    });
    expect(plan.segments[3]?.figures).toEqual({
      customers: 40,
      customerShare: '0.4',
      revenue: '100',
      revenueShare: '0.1',
    });
    expect(plan.segmentPriorityNote).toMatch(/^Segments are listed by priority/);
  });

  it('falls back to the catalogue order when both shares tie (all zero here)', () => {
    const zero = {
      segments: ['lost', 'at-risk', 'new', 'vip'].map((segment) => ({
        segment,
        customers: 0,
        customerShare: 0,
        revenue: 0,
        revenueShare: 0,
      })),
    };
    expect(order(zero)).toEqual(['vip', 'new', 'at-risk', 'lost']);
  });

  it('keeps the catalogue order, without figures or note, when there is no report', () => {
    const plan = buildRetentionPlan({ locale: ru });
    expect(plan.segments.map((s) => s.segment)).toEqual(['vip', 'new', 'at-risk', 'lost']);
    expect(plan.segments.every((s) => s.figures === null)).toBe(true);
    expect(plan.segmentPriorityNote).toBeNull();
  });

  it('reads a report from segmentReport (Decimals) and its JSON form alike', () => {
    // a: 150 over four orders, VIP; b and c bought once in the last week: new (segmentReport's
    // own example). Revenue shares: vip 150/200 = 0.75, new 50/200 = 0.25, lost = at-risk = 0;
    // lost and at-risk also tie on customers (0), so the catalogue order decides: at-risk, lost.
    const summaries = [
      {
        customerId: 'a',
        firstPurchaseAt: '2024-01-01',
        lastPurchaseAt: '2024-05-20',
        orders: 4,
        totalRevenue: '150',
      },
      {
        customerId: 'b',
        firstPurchaseAt: '2024-05-25',
        lastPurchaseAt: '2024-05-25',
        orders: 1,
        totalRevenue: '20',
      },
      {
        customerId: 'c',
        firstPurchaseAt: '2024-05-28',
        lastPurchaseAt: '2024-05-28',
        orders: 1,
        totalRevenue: '30',
      },
    ];
    const live = segmentReport(classifyCustomers(summaries, { asOf: '2024-06-01' }), summaries);
    const plan = buildRetentionPlan({ locale: 'en', segmentReport: live });
    expect(plan.segments.map((s) => s.segment)).toEqual(['vip', 'new', 'at-risk', 'lost']);
    expect(plan.segments[0]?.figures).toMatchObject({ customers: 1, revenueShare: '0.75' });
    expect(plan.segments[1]?.figures).toMatchObject({ customers: 2, revenue: '50' });
    const stored = JSON.parse(JSON.stringify(live));
    expect(buildRetentionPlan({ locale: 'en', segmentReport: stored })).toStrictEqual(plan);
  });

  it('rejects a report without a tactic segment, with a repeated one, or with bad figures', () => {
    const without = { segments: report.segments.filter((s) => s.segment !== 'vip') };
    const missing = expectError(
      () => buildRetentionPlan({ locale: 'en', segmentReport: without }),
      'INVALID_INPUT',
      'segmentReport.segments',
    );
    expect(missing.message).toContain("has no row for 'vip'");
    const twice = { segments: [...report.segments, report.segments[0]] } as PlanSegmentReport;
    expectError(
      () => buildRetentionPlan({ locale: 'en', segmentReport: twice }),
      'INVALID_INPUT',
      'segmentReport.segments[5].segment',
    );
    const percent = {
      segments: [{ ...report.segments[0], revenueShare: 10 }, ...report.segments.slice(1)],
    };
    expectError(
      () => buildRetentionPlan({ locale: 'en', segmentReport: percent as PlanSegmentReport }),
      'INVALID_INPUT',
      'segmentReport.segments[0].revenueShare',
    );
    const fractional = {
      segments: [{ ...report.segments[0], customers: 1.5 }, ...report.segments.slice(1)],
    };
    expectError(
      () => buildRetentionPlan({ locale: 'en', segmentReport: fractional as PlanSegmentReport }),
      'INVALID_INPUT',
      'segmentReport.segments[0].customers',
    );
    expectError(
      () => buildRetentionPlan({ locale: 'en', segmentReport: {} as PlanSegmentReport }),
      'INVALID_INPUT',
      'segmentReport.segments',
    );
  });
});
