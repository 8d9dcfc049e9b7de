/**
 * The bounds of what a plan is built from, which keep every built plan within the bounds a stored
 * plan is checked against (values below 1e50, growth at most 1000, texts of 10,000 characters).
 */
import { describe, expect, it } from 'vitest';
import { buildRetentionPlan } from '../../src/plan/build.js';
import { validateRetentionPlan } from '../../src/plan/schema.js';
import { expectError } from '../support/errors.js';

const step = {
  id: 'pilot',
  title: 'Pilot',
  description: 'Try it in one region.',
  tasks: ['Pick a region.'],
  owners: ['marketing' as const],
};

describe('buildRetentionPlan: bounds of its numbers and texts', () => {
  it('rejects a baseline or target of 1e50 or more, naming it', () => {
    const error = expectError(
      () => buildRetentionPlan({ locale: 'en', metrics: { purchaseFrequency: '1e50' } }),
      'INVALID_INPUT',
      'metrics.purchaseFrequency',
    );
    expect(error.message).toBe(
      "buildRetentionPlan: metrics.purchaseFrequency is too large: a plan's values are below 1e50 in absolute value (received 1e+50)",
    );
    expectError(
      () =>
        buildRetentionPlan({ locale: 'en', customize: { targets: { purchaseFrequency: 1e60 } } }),
      'INVALID_INPUT',
      'customize.targets.purchaseFrequency',
    );
    const kpi = {
      metric: 'nps',
      name: 'NPS',
      description: 'Net promoter score.',
      unit: 'score' as const,
      direction: 'increase' as const,
    };
    expectError(
      () =>
        buildRetentionPlan({ locale: 'en', customize: { kpis: [{ ...kpi, baseline: '-1e55' }] } }),
      'INVALID_INPUT',
      'customize.kpis[0].baseline',
    );
    expectError(
      () => buildRetentionPlan({ locale: 'en', customize: { kpis: [{ ...kpi, target: '2e50' }] } }),
      'INVALID_INPUT',
      'customize.kpis[0].target',
    );
  });

  it('rejects a growth above 1000; at the bounds the plan validates', () => {
    expectError(
      () => buildRetentionPlan({ locale: 'en', options: { growth: '1000.5' } }),
      'INVALID_INPUT',
      'options.growth',
    );
    const plan = buildRetentionPlan({
      locale: 'en',
      metrics: { purchaseFrequency: '9.99e49', customerLifetimeValue: '9e49' },
      options: { growth: 1000 },
    });
    // 9.99e49 × 1001 = 9.99999e52 (hand calculation), below the targets' bound of 1e54.
    expect(plan.kpis[4]?.target).toBe('9.99999e+52');
    expect(validateRetentionPlan(JSON.parse(JSON.stringify(plan)))).toStrictEqual(plan);
  });

  it('rejects a user text longer than 10,000 characters, naming it', () => {
    const error = expectError(
      () =>
        buildRetentionPlan({
          locale: 'en',
          customize: { add: [{ ...step, tasks: ['ok', 'x'.repeat(10_001)] }] },
        }),
      'INVALID_INPUT',
      'customize.add[0].tasks[1]',
    );
    expect(error.message).toContain('must be at most 10000 characters long');
    const plan = buildRetentionPlan({
      locale: 'en',
      customize: { add: [{ ...step, title: 'y'.repeat(10_000) }] },
    });
    expect(
      validateRetentionPlan(JSON.parse(JSON.stringify(plan))).steps.at(-1)?.title,
    ).toHaveLength(10_000);
  });
});
