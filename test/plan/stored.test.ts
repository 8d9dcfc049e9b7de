import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ru } from '../../src/locale-ru.js';
import { buildRetentionPlan } from '../../src/plan/build.js';
import type { RetentionPlanInput } from '../../src/plan/input.js';
import {
  PLAN_FORMAT,
  PLAN_FORMAT_VERSION,
  PLAN_FORMAT_VERSIONS_READ,
  type RetentionPlan,
} from '../../src/plan/model.js';
import { renderRetentionPlan } from '../../src/plan/render.js';
import { retentionPlanSchema, validateRetentionPlan } from '../../src/plan/schema.js';
import { expectError } from '../support/errors.js';

/**
 * Plans stored by earlier versions of the library: test/fixtures/plan/<version>-<case>.json, each
 * `{ commit, input, plan }` with the plan exactly as that commit's buildRetentionPlan returned it
 * for `input` (written by scripts/plan-fixtures.ts, run on a worktree of that commit).
 */
const dir = new URL('../fixtures/plan/', import.meta.url);
const fixtures = readdirSync(dir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => {
    const json = JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as {
      commit: string;
      input: RetentionPlanInput;
      plan: Record<string, unknown>;
    };
    return { name, ...json };
  });

/**
 * A fixture's input as `buildRetentionPlan` takes it today: the inputs record the locale as a tag,
 * and Russian now takes the `ru` pack (`retention-metrics/locale/ru`) instead of the tag 'ru'.
 */
const todayInput = (input: RetentionPlanInput): RetentionPlanInput =>
  (input.locale as unknown) === 'ru' ? { ...input, locale: ru } : input;

/** The pack a stored plan renders with (undefined: the built-in English). */
const packOf = (plan: { locale?: unknown }) => (plan.locale === 'ru' ? ru : undefined);

/** A copy of a fixture's plan, untyped so that a test can corrupt it. */
const storedPlan = (name: string) =>
  JSON.parse(JSON.stringify(fixtures.find((f) => f.name === name)?.plan ?? null));

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
};

describe('stored plans of earlier format versions', () => {
  it('has fixtures of versions 1 and 2, from the commits that wrote them', () => {
    const names = fixtures.map((f) => f.name);
    expect(names.filter((n) => n.startsWith('v1-'))).toHaveLength(3);
    expect(names.filter((n) => n.startsWith('v2-'))).toHaveLength(5);
    for (const f of fixtures) {
      // Untagged: neither version wrote a format tag.
      expect(f.plan).not.toHaveProperty('format');
      expect(f.plan).not.toHaveProperty('version');
      expect(f.commit).toMatch(/^[0-9a-f]{40}$/);
    }
    // Version 1 had no period, KPI units, segment figures or priority note.
    for (const f of fixtures.filter((x) => x.name.startsWith('v1-'))) {
      expect(f.commit.startsWith('2f49770')).toBe(true);
      expect(f.plan).not.toHaveProperty('period');
      expect(f.plan).not.toHaveProperty('segmentPriorityNote');
      expect((f.plan.kpis as object[])[0]).not.toHaveProperty('unit');
    }
  });

  for (const f of fixtures) {
    it(`${f.name}: migrates to what buildRetentionPlan gives today for the same input`, () => {
      const stored = deepFreeze(structuredClone(f.plan));
      const today = buildRetentionPlan(todayInput(f.input));
      const read = validateRetentionPlan(stored);
      expect(read).toStrictEqual(today);
      expect(read.format).toBe(PLAN_FORMAT);
      expect(read.version).toBe(PLAN_FORMAT_VERSION);
      expect(retentionPlanSchema.parse(stored)).toStrictEqual(today);
      // The stored value is not changed (it is frozen: a write would have thrown).
      expect(stored).toStrictEqual(f.plan);
      const locale = packOf(today);
      for (const format of ['markdown', 'text'] as const) {
        const options = locale === undefined ? { format } : { format, locale };
        expect(renderRetentionPlan(stored as unknown as RetentionPlan, options)).toBe(
          renderRetentionPlan(today, options),
        );
      }
    });
  }

  it('reads a plan of the current version back exactly', () => {
    const plan = buildRetentionPlan(fixtures[0]?.input ?? { locale: 'en' });
    const json = JSON.parse(JSON.stringify(plan));
    expect(json.format).toBe('retention-metrics/plan');
    expect(json.version).toBe(3);
    expect(validateRetentionPlan(json)).toStrictEqual(plan);
  });
});

describe('format tag and version', () => {
  const current = () => JSON.parse(JSON.stringify(buildRetentionPlan({ locale: 'en' })));

  it('reads versions 1, 2 and 3', () => {
    expect(PLAN_FORMAT_VERSIONS_READ).toEqual([1, 2, 3]);
  });

  it('rejects a version it does not read, saying which it reads', () => {
    for (const version of [4, 0, 2, 1.5]) {
      const error = expectError(
        () => validateRetentionPlan({ ...current(), version }),
        'INVALID_INPUT',
        'version',
      );
      expect(error.message).toContain(`version is ${version}, a plan format version`);
      expect(error.message).toContain('it reads versions 1, 2, 3');
    }
    const newer = expectError(
      () => validateRetentionPlan({ ...current(), version: 7 }),
      'INVALID_INPUT',
      'version',
    );
    expect(newer.message).toContain('a newer library wrote it');
    expectError(
      () => validateRetentionPlan({ ...current(), version: '3' }),
      'INVALID_INPUT',
      'version',
    );
  });

  it('rejects a wrong or missing format tag, and a tag without a version', () => {
    expectError(
      () => validateRetentionPlan({ ...current(), format: 'retention-metrics/model' }),
      'INVALID_INPUT',
      'format',
    );
    const { format: _f, ...noFormat } = current();
    expectError(() => validateRetentionPlan(noFormat), 'INVALID_INPUT', 'format');
    const { version: _v, ...noVersion } = current();
    expectError(() => validateRetentionPlan(noVersion), 'INVALID_INPUT', 'version');
  });

  it('checks a migrated plan like a current one, with the paths of the stored plan', () => {
    const v1 = storedPlan('v1-ru-measured.json');
    v1.kpis[0].baseline = '1.2';
    const error = expectError(() => validateRetentionPlan(v1), 'INVALID_INPUT', 'kpis[0].baseline');
    expect(error.message).toContain('not a percentage');
    const v2 = storedPlan('v2-en-customised.json');
    v2.extra = 1;
    expectError(() => validateRetentionPlan(v2), 'INVALID_INPUT', '');
    // A version 1 plan with an unknown metric has no unit to migrate to.
    const unknown = storedPlan('v1-en-empty.json');
    unknown.kpis[0].metric = 'nps';
    expectError(() => validateRetentionPlan(unknown), 'INVALID_INPUT', 'kpis[0].unit');
  });
});
