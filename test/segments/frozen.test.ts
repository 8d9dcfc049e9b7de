/**
 * Every exported constant of segments is deeply frozen: a caller that pushes into or overwrites
 * one gets a TypeError (ES modules are strict code), and no later result changes.
 */
import { describe, expect, it } from 'vitest';
import { classifyCustomers } from '../../src/segments/classify/classify.js';
import { BUILT_IN_PRIORITIES, BUILT_IN_SEGMENTS } from '../../src/segments/classify/types.js';
import { segmentReport } from '../../src/segments/report.js';
import { DEFAULT_RFM_SEGMENTS, rfmScores } from '../../src/segments/rfm.js';

const SUMMARIES = [
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
    firstPurchaseAt: '2023-01-28',
    lastPurchaseAt: '2023-01-28',
    orders: 1,
    totalRevenue: '30',
  },
];
const AS_OF = '2024-06-01';

describe('exported constants of segments are deeply frozen', () => {
  it('BUILT_IN_SEGMENTS: pushing or overwriting throws; segmentReport is unchanged', () => {
    const classes = classifyCustomers(SUMMARIES, { asOf: AS_OF });
    const before = segmentReport(classes, SUMMARIES);
    expect(before.segments.map((s) => s.segment)).toEqual([
      'new',
      'lost',
      'at-risk',
      'vip',
      'active',
    ]);
    const list = BUILT_IN_SEGMENTS as unknown as string[];
    expect(() => list.push('extra')).toThrow(TypeError);
    expect(() => {
      list[0] = 'old';
    }).toThrow(TypeError);
    expect(segmentReport(classes, SUMMARIES)).toEqual(before);
  });

  it('BUILT_IN_PRIORITIES: overwriting throws; custom rules are still checked against 400', () => {
    const priorities = BUILT_IN_PRIORITIES as unknown as Record<string, number>;
    expect(() => {
      priorities.new = 1;
    }).toThrow(TypeError);
    expect(BUILT_IN_PRIORITIES.new).toBe(400);
    const rule = { name: 'x', segment: 'x', priority: 400, test: () => true };
    expect(() => classifyCustomers(SUMMARIES, { asOf: AS_OF, rules: [rule] })).toThrow(
      /400 is the priority of a built-in rule/,
    );
  });

  it('DEFAULT_RFM_SEGMENTS: its rules and their ranges cannot change; rfmScores is unchanged', () => {
    const before = rfmScores(SUMMARIES, { asOf: AS_OF });
    const rules = DEFAULT_RFM_SEGMENTS as unknown as { name: string; r: number[] }[];
    expect(() => rules.push({ name: 'All', r: [1, 5] })).toThrow(TypeError);
    expect(() => {
      (rules[0] as { name: string }).name = 'Renamed';
    }).toThrow(TypeError);
    expect(() => {
      (rules[0] as { r: number[] }).r[0] = 1;
    }).toThrow(TypeError);
    expect(rfmScores(SUMMARIES, { asOf: AS_OF }).toRows()).toEqual(before.toRows());
    expect(DEFAULT_RFM_SEGMENTS[0]).toEqual({ name: 'Champions', r: [4, 5], fm: [4, 5] });
  });
});
