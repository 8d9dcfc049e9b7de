import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D } from '../../../src/core/numeric.js';
import { classifyCustomers } from '../../../src/segments/classify/classify.js';
import type { ClassifiedCustomer } from '../../../src/segments/classify/types.js';
import { BUILT_IN_SEGMENTS } from '../../../src/segments/classify/types.js';
import type { SegmentationSummary } from '../../../src/segments/input.js';
import { segmentReport } from '../../../src/segments/report.js';

const DAY = 86_400_000;
const AS_OF = Date.UTC(2024, 5, 1);

/** Customers with unique ids, purchases within the 800 days before asOf. */
const customers = fc
  .array(
    fc.record({
      firstAgo: fc.integer({ min: 0, max: 800 }),
      span: fc.integer({ min: 0, max: 800 }),
      orders: fc.integer({ min: 1, max: 20 }),
      cents: fc.integer({ min: 0, max: 10_000_000 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((list) =>
    list.map((c, i): SegmentationSummary => {
      const first = AS_OF - c.firstAgo * DAY;
      const last = c.orders === 1 ? first : Math.min(AS_OF, first + c.span * DAY);
      return {
        customerId: `c${i}`,
        firstPurchaseAt: first,
        lastPurchaseAt: last,
        orders: c.orders,
        totalRevenue: new D(c.cents).div(100).toString(),
      };
    }),
  );

const options = fc.record({
  topShare: fc.double({ min: 0.01, max: 1, noNaN: true }),
  multiple: fc.double({ min: 0.5, max: 5, noNaN: true }),
  newWithinDays: fc.integer({ min: 0, max: 90 }),
  lostAfterDays: fc.integer({ min: 1, max: 700 }),
});

describe('classifyCustomers: properties', () => {
  it('every customer gets exactly one segment, its flags decide it, and output is in input order', () => {
    fc.assert(
      fc.property(customers, options, (list, o) => {
        const out = classifyCustomers(list, {
          asOf: AS_OF,
          vip: { topShare: o.topShare },
          atRisk: { multiple: o.multiple },
          newWithinDays: o.newWithinDays,
          lostAfterDays: o.lostAfterDays,
        });
        expect(out.toRows().map((c) => c.customerId)).toEqual(list.map((c) => c.customerId));
        for (const c of out) {
          expect(BUILT_IN_SEGMENTS).toContain(c.segment);
          expect(c.segment).toBe(c.flags[0] ?? 'active');
          expect(c.reasons.length).toBe(Math.max(1, c.flags.length));
        }
        // VIP by share: at least ceil(topShare × n) customers with positive revenue, or all of them
        const positive = list.filter((c) => Number(c.totalRevenue) > 0).length;
        const k = new D(o.topShare).times(list.length).ceil().toNumber();
        const vips = out.toRows().filter((c) => c.flags.includes('vip')).length;
        expect(vips).toBeGreaterThanOrEqual(Math.min(k, positive));
      }),
    );
  });

  it('permuting the input changes nothing but the order', () => {
    fc.assert(
      fc.property(
        customers.chain((list) =>
          fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })),
        ),
        ([list, shuffled]) => {
          const byId = (xs: Iterable<ClassifiedCustomer>) =>
            new Map(Array.from(xs, (c) => [c.customerId, c]));
          expect(byId(classifyCustomers(shuffled, { asOf: AS_OF }))).toEqual(
            byId(classifyCustomers(list, { asOf: AS_OF })),
          );
        },
      ),
    );
  });

  it('report shares sum to exactly 1 and counts and revenue add up', () => {
    fc.assert(
      fc.property(customers, (list) => {
        const report = segmentReport(classifyCustomers(list, { asOf: AS_OF }), list);
        const sum = (xs: readonly InstanceType<typeof D>[]) =>
          xs.reduce((a, b) => a.plus(b), new D(0));
        expect(sum(report.segments.map((s) => s.customerShare)).toString()).toBe('1');
        const revenueShares = sum(report.segments.map((s) => s.revenueShare)).toString();
        expect(revenueShares).toBe(report.totalRevenue.isZero() ? '0' : '1');
        // in reverse order too (each share has at most 30 decimals, so every sum is exact)
        expect(sum(report.segments.map((s) => s.customerShare).reverse()).toString()).toBe('1');
        expect(report.segments.reduce((a, s) => a + s.customers, 0)).toBe(list.length);
        expect(sum(report.segments.map((s) => s.revenue)).toString()).toBe(
          sum(list.map((c) => new D(String(c.totalRevenue)))).toString(),
        );
      }),
    );
  });
});
