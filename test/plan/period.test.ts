import { describe, expect, it } from 'vitest';
import { ru } from '../../src/locale-ru.js';
import { buildRetentionPlan } from '../../src/plan/build.js';
import type { PlanPeriod } from '../../src/plan/model.js';
import { renderRetentionPlan } from '../../src/plan/render.js';
import { expectError } from '../support/errors.js';

const withPeriod = (period: PlanPeriod, locale: 'en' | typeof ru = 'en') =>
  buildRetentionPlan({ locale, period });

describe('planning period', () => {
  it('is kept in the plan as ISO dates, and is null without one', () => {
    expect(withPeriod({ start: '2025-01-01', end: '2025-03-31' }).period).toEqual({
      start: '2025-01-01',
      end: '2025-03-31',
    });
    expect(buildRetentionPlan({ locale: 'en' }).period).toBeNull();
  });

  it('is stated under the title, dates written out in each language', () => {
    const period = { start: '2025-01-01', end: '2025-03-31' };
    expect(renderRetentionPlan(withPeriod(period))).toMatch(
      /^# Customer retention plan\n\nThe plan runs from 1 January 2025 to 31 March 2025 inclusive\.\n\n## Review cadence/,
    );
    expect(renderRetentionPlan(withPeriod(period, ru), { format: 'text', locale: ru })).toMatch(
      /^План удержания клиентов\n=+\n\nПлан рассчитан на период с 1 января 2025 г\. по 31 марта 2025 г\. включительно\.\n\n/,
    );
    expect(renderRetentionPlan(buildRetentionPlan({ locale: 'en' }))).not.toContain('plan runs');
  });

  it('accepts a one-day-apart period and a leap day', () => {
    expect(withPeriod({ start: '2024-02-28', end: '2024-02-29' }).period?.end).toBe('2024-02-29');
  });

  it('rejects an end that is not after the start, naming period.end', () => {
    const error = expectError(
      () => withPeriod({ start: '2025-03-31', end: '2025-01-01' }),
      'INVALID_INPUT',
      'period.end',
    );
    expect(error.message).toBe(
      "buildRetentionPlan: period.end is '2025-01-01', which is not after period.start '2025-03-31'",
    );
    expectError(
      () => withPeriod({ start: '2025-01-01', end: '2025-01-01' }),
      'INVALID_INPUT',
      'period.end',
    );
  });

  it('rejects what is not an ISO calendar date, and unknown or missing fields', () => {
    expectError(
      () => withPeriod({ start: '2025-1-1', end: '2025-03-31' }),
      'INVALID_INPUT',
      'period.start',
    );
    expectError(
      () => withPeriod({ start: '2025-01-01', end: '2025-02-30' }),
      'INVALID_INPUT',
      'period.end',
    );
    expectError(
      () => withPeriod({ start: '2025-01-01T00:00:00Z', end: '2025-03-31' }),
      'INVALID_INPUT',
      'period.start',
    );
    expectError(
      () => withPeriod({ start: new Date('2025-01-01') as never, end: '2025-03-31' }),
      'INVALID_INPUT',
      'period.start',
    );
    expectError(
      () => withPeriod({ start: '2025-01-01' } as PlanPeriod),
      'INVALID_INPUT',
      'period.end',
    );
    expectError(
      () => withPeriod({ start: '2025-01-01', end: '2025-03-31', days: 90 } as PlanPeriod),
      'INVALID_INPUT',
      'period',
    );
  });
});
