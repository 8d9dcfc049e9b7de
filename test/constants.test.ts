/**
 * Every exported constant of core, metrics and plan is deeply frozen: pushing into a list,
 * overwriting an entry or reassigning the export throws, and no later result changes.
 */
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

const exported: Record<string, unknown> = { ...api };

import { ru as ruPack } from '../src/locale-ru.js';
import { en } from '../src/plan/catalog/en.js';
import { ru } from '../src/plan/catalog/ru.js';
import { ENGLISH_PLAN_PACK } from '../src/plan/language-pack.js';

/** The exported constants of core, metrics and plan (segments' constants are tested there). */
const CONSTANTS = [
  'ANALYSIS_METHOD_IDS',
  'CALENDAR_UNITS',
  'CADENCE_REASON_CODES',
  'DEFAULT_CHURN_REDUCTION',
  'DEFAULT_CRISIS_CHURN_RATE',
  'DEFAULT_GROWTH',
  'KPI_DIRECTIONS',
  'KPI_UNITS',
  'PERIOD_LENGTH_IN_DAYS',
  'MAX_PLAN_GROWTH',
  'MAX_PLAN_TEXT_LENGTH',
  'MAX_PLAN_VALUE_EXPONENT',
  'PLAN_CUSTOM_ID_PATTERN',
  'PLAN_FORMAT',
  'PLAN_FORMAT_VERSION',
  'PLAN_FORMAT_VERSIONS_READ',
  'PLAN_LOCALES',
  'PLAN_METRIC_DIRECTIONS',
  'PLAN_METRIC_IDS',
  'PLAN_METRIC_UNITS',
  'PLAN_RATE_METRICS',
  'PLAN_RENDER_FORMATS',
  'PLAN_ROLE_IDS',
  'PLAN_STEP_IDS',
  'REVIEW_PERIODS',
  'TACTIC_SEGMENTS',
  'TIME_UNITS',
] as const;

/** Results that read the constants. */
function results(): string {
  const plan = api.buildRetentionPlan({
    locale: ruPack,
    metrics: { churnRate: '0.12', retentionRate: '0.8', averageOrderValue: 40 },
  });
  const english = api.buildRetentionPlan({ locale: 'en', metrics: { churnRate: '0.12' } });
  return JSON.stringify([
    plan,
    api.renderRetentionPlan(plan, { locale: ruPack }),
    api.renderRetentionPlan(english),
    api.convertChurnRate({ churnRate: '0.19', from: 'month', to: 'quarter' }),
    api.convertChurnRate({ churnRate: '0.1', from: 'week', to: 'year' }),
    api.retentionPlanSchema.safeParse(plan).success,
  ]);
}

/** Tries every kind of change on a value and its children; each must throw a TypeError. */
function tryToChange(value: unknown, path: string): void {
  if (typeof value !== 'object' || value === null) return;
  expect(Object.isFrozen(value), `${path} is frozen`).toBe(true);
  const target = value as Record<string, unknown>;
  expect(() => {
    target.added = 'x';
  }, `${path}.added = …`).toThrow(TypeError);
  if (Array.isArray(value)) {
    expect(() => (value as unknown[]).push('x'), `${path}.push`).toThrow(TypeError);
    if (value.length > 1) {
      expect(() => (value as unknown[]).reverse(), `${path}.reverse`).toThrow(TypeError);
    }
  }
  for (const key of Object.keys(target)) {
    expect(() => {
      target[key] = 'changed';
    }, `${path}.${key} = …`).toThrow(TypeError);
    tryToChange(target[key], `${path}.${key}`);
  }
}

describe('exported constants are deeply frozen', () => {
  const before = results();

  it.each(CONSTANTS)('%s: reassigning, pushing or overwriting throws', (name) => {
    const value = exported[name];
    expect(value).toBeDefined();
    const copy = JSON.stringify(value);
    expect(() => {
      (api as unknown as Record<string, unknown>)[name] = 'changed';
    }).toThrow(TypeError);
    tryToChange(value, name);
    expect(JSON.stringify(exported[name])).toBe(copy);
    expect(results()).toBe(before);
  });

  it('the text catalogues behind the plan cannot be changed either', () => {
    tryToChange(en, 'en');
    tryToChange(ru, 'ru');
    tryToChange(ENGLISH_PLAN_PACK, 'ENGLISH_PLAN_PACK');
    tryToChange(ruPack, 'the ru pack of retention-metrics/locale/ru');
    expect(results()).toBe(before);
  });

  it('results are as expected after the attempts (hand-checked values)', () => {
    // 1 − 0.81^(3) where a quarter is 3 months: 1 − 0.531441 = 0.468559.
    expect(
      api.convertChurnRate({ churnRate: '0.19', from: 'month', to: 'quarter' }).toString(),
    ).toBe('0.468559');
    expect(api.PERIOD_LENGTH_IN_DAYS.quarter).toBe('91.310625');
    expect(api.PLAN_LOCALES).toEqual(['en', 'ru']);
  });
});
