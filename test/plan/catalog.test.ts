import { describe, expect, it } from 'vitest';
import { en } from '../../src/plan/catalog/en.js';
import { ru } from '../../src/plan/catalog/ru.js';
import {
  ANALYSIS_METHOD_IDS,
  CADENCE_REASON_CODES,
  PLAN_METRIC_IDS,
  PLAN_ROLE_IDS,
  PLAN_STEP_IDS,
  type PlanCatalog,
  TACTIC_SEGMENTS,
} from '../../src/plan/catalog/types.js';

/** Every leaf of a catalogue as `path → value`, arrays indexed like `tasks[2]`. */
function leaves(value: unknown, path = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (Array.isArray(value)) {
    out.set(`${path}.length`, value.length);
    value.forEach((item, i) => {
      for (const [k, v] of leaves(item, `${path}[${i}]`)) out.set(k, v);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      for (const [k, v] of leaves(item, path === '' ? key : `${path}.${key}`)) out.set(k, v);
    }
  } else {
    out.set(path, value);
  }
  return out;
}

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe.each([
  ['en', en],
  ['ru', ru],
] as const)('catalogue %s', (_, catalog: PlanCatalog) => {
  it('has every step, role, method, segment, KPI and cadence reason', () => {
    expect(Object.keys(catalog.steps)).toEqual([...PLAN_STEP_IDS]);
    expect(Object.keys(catalog.roles)).toEqual([...PLAN_ROLE_IDS]);
    expect(Object.keys(catalog.methods)).toEqual([...ANALYSIS_METHOD_IDS]);
    expect(Object.keys(catalog.segments)).toEqual([...TACTIC_SEGMENTS]);
    expect(Object.keys(catalog.kpis)).toEqual([...PLAN_METRIC_IDS]);
    expect(Object.keys(catalog.cadence.reasons).sort()).toEqual([...CADENCE_REASON_CODES].sort());
    expect(catalog.dates.months).toHaveLength(12);
  });

  it('fills the override reason with the two cadences and the dates with day, month, year', () => {
    expect(placeholders(catalog.cadence.reasons.override)).toEqual(['every', 'rule']);
    expect(placeholders(catalog.dates.date)).toEqual(['day', 'month', 'year']);
    expect(placeholders(catalog.dates.period)).toEqual(['end', 'start']);
    expect(placeholders(catalog.render.segmentFigures)).toEqual([
      'customerShare',
      'customers',
      'revenueShare',
    ]);
  });

  it('gives every step three to five tasks, and every method pros and cons', () => {
    for (const id of PLAN_STEP_IDS) {
      expect(catalog.steps[id].tasks.length, id).toBeGreaterThanOrEqual(3);
      expect(catalog.steps[id].tasks.length, id).toBeLessThanOrEqual(5);
    }
    for (const id of ANALYSIS_METHOD_IDS) {
      expect(catalog.methods[id].pros.length, id).toBeGreaterThan(0);
      expect(catalog.methods[id].cons.length, id).toBeGreaterThan(0);
    }
  });

  it('has only non-empty, trimmed strings', () => {
    for (const [path, value] of leaves(catalog)) {
      if (path.endsWith('.length')) continue;
      expect(typeof value, path).toBe('string');
      expect((value as string).trim(), path).toBe(value);
      expect((value as string).length, path).toBeGreaterThan(0);
    }
  });
});

describe('the English and Russian catalogues', () => {
  it('have the same keys, the same list lengths and the same placeholders', () => {
    const a = leaves(en);
    const b = leaves(ru);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [path, value] of a) {
      const other = b.get(path);
      if (path.endsWith('.length')) expect(other, path).toBe(value);
      else expect(placeholders(other as string), path).toEqual(placeholders(value as string));
    }
  });

  it('are written in their own script (no Latin sentences in Russian, no Cyrillic in English)', () => {
    for (const [path, value] of leaves(en)) {
      if (typeof value === 'string') expect(/[а-яё]/i.test(value), path).toBe(false);
    }
    for (const [path, value] of leaves(ru)) {
      // Russian texts may contain Latin abbreviations (VIP, CRM, HR, CLV), but every sentence-length
      // text must be mostly Cyrillic.
      if (typeof value === 'string' && value.length > 20) {
        expect(/[а-яё]/i.test(value), path).toBe(true);
      }
    }
  });

  it('keep the source example of a second purchase: 15 % off within 30 days', () => {
    expect(en.segments.new.tactics.join(' ')).toMatch(/15% off .* within 30 days/);
    expect(ru.segments.new.tactics.join(' ')).toMatch(/скидка 15 % .* в течение 30 дней/);
  });
});
