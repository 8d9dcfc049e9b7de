import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  boundaryOf,
  checkBoundaries,
  instantInputSchema,
  resolveBoundary,
  timeZoneSchema,
} from '../../src/core/boundary.js';
import {
  epochScale,
  instantOf,
  instantRequirement,
  isDateOnly,
  likelyTimeUnit,
  TIME_UNITS,
  timeUnitSchema,
} from '../../src/core/instant.js';
import { parseIsoTimestamp, resolveZone, type Zone } from '../../src/core/time.js';

// Expected instants come from Date.UTC with the fields read off the comment next to each value.
const JAN_5_2024 = Date.UTC(2024, 0, 5); // 1704412800000

describe('instantOf: units of numeric timestamps', () => {
  it.each([
    ['s', 1_704_412_800],
    ['ms', 1_704_412_800_000],
    ['us', 1_704_412_800_000_000],
    ['ns', 1_704_412_800_000_000_000],
  ] as const)('5 Jan 2024 in %s', (unit, raw) => {
    expect(instantOf(raw, unit)).toBe(JAN_5_2024);
    expect(instantOf(BigInt(raw), unit)).toBe(JAN_5_2024);
  });

  it('truncates finer units to the millisecond (toward the past)', () => {
    expect(instantOf(1_704_412_800_123_999n, 'us')).toBe(JAN_5_2024 + 123);
    expect(instantOf(1_704_412_800_123_999_999n, 'ns')).toBe(JAN_5_2024 + 123);
    expect(instantOf(1_704_412_800.0019, 's')).toBe(JAN_5_2024 + 1);
  });

  it('refuses a timestamp read in the wrong unit: it falls outside 1971–2199', () => {
    // 1704412800000000 µs read as ms is the year 55,970; 1704412800 s read as ms is 20 Jan 1970.
    expect(instantOf(1_704_412_800_000_000, 'ms')).toBeNaN();
    expect(instantOf(1_704_412_800, 'ms')).toBeNaN();
    expect(instantOf(1_704_412_800_000, 's')).toBeNaN();
  });

  it('names the unit a misread number looks like', () => {
    expect(likelyTimeUnit(1_704_412_800)).toBe('s');
    expect(likelyTimeUnit(1_704_412_800_000)).toBe('ms');
    expect(likelyTimeUnit(1_704_412_800_000_000)).toBe('us');
    expect(likelyTimeUnit(1_704_412_800_000_000_000n)).toBe('ns');
    expect(likelyTimeUnit(5)).toBeUndefined();
    expect(instantRequirement(1_704_412_800_000_000, 'ms')).toContain(
      "looks like epoch microseconds: pass timeUnit: 'us'",
    );
    expect(instantRequirement(5, 'ms')).not.toContain('looks like');
  });

  it('names the date a spreadsheet serial date would be (days since 1899-12-30)', () => {
    // 2024-01-01 is 45,292 days after 1899-12-30: 2 days to 1900-01-01, then 124 × 365 days
    // and 30 leap days (1904 … 2020; 1900 is not one): 2 + 45,260 + 30 = 45,292. 0.5 is noon.
    expect(instantRequirement(45_292, 'ms')).toContain(
      '45292 looks like a spreadsheet serial date (2024-01-01): convert it first',
    );
    expect(instantRequirement(45_292.5, 's')).toContain('(2024-01-01T12:00Z)');
    // The years of epoch numbers, 1971 (day 25,934) to 2199.
    expect(instantRequirement(25_933, 'ms')).not.toContain('spreadsheet');
    expect(instantRequirement(25_934, 'ms')).toContain('1971-01-01');
    expect(instantRequirement(109_575, 'ms')).not.toContain('spreadsheet');
  });

  it('has the documented bounds: numbers from 1971, dates and strings from 1900, all before 2200', () => {
    expect(instantOf(Date.UTC(1971, 0, 1))).toBe(Date.UTC(1971, 0, 1));
    expect(instantOf(Date.UTC(1971, 0, 1) - 1)).toBeNaN();
    expect(instantOf(Date.UTC(2200, 0, 1) - 1)).toBe(Date.UTC(2200, 0, 1) - 1);
    expect(instantOf(Date.UTC(2200, 0, 1))).toBeNaN();
    expect(instantOf('1900-01-01')).toBe(Date.UTC(1900, 0, 1));
    expect(instantOf('1899-12-31T23:59:59Z')).toBeNaN();
    expect(instantOf('2199-12-31T23:59:59.999Z')).toBe(Date.UTC(2200, 0, 1) - 1);
    expect(instantOf('2200-01-01')).toBeNaN();
    expect(instantOf(new Date(Date.UTC(1950, 5, 1)))).toBe(Date.UTC(1950, 5, 1));
    expect(instantOf(new Date(Date.UTC(2200, 0, 1)))).toBeNaN();
    expect(instantOf('0024-01-01')).toBeNaN();
  });

  it('epochScale agrees with instantOf on typed-array values', () => {
    for (const unit of TIME_UNITS) {
      const scale = epochScale(unit);
      const raw = instantOf(1_704_412_800_000, 'ms') * { s: 0.001, ms: 1, us: 1000, ns: 1e6 }[unit];
      expect(raw >= scale.min && raw < scale.max).toBe(true);
      expect(scale.toMs(raw)).toBe(JAN_5_2024);
      expect(instantOf(scale.min / 2, unit)).toBeNaN();
    }
  });
});

describe('ISO 8601 basic format (ISO 8601-1:2019 §5.2.2.1, §5.3.1.2)', () => {
  it.each([
    ['19970101', Date.UTC(1997, 0, 1)],
    ['19970101T1230', Date.UTC(1997, 0, 1, 12, 30)],
    ['19970101T123045', Date.UTC(1997, 0, 1, 12, 30, 45)],
    ['19970101T123045.5Z', Date.UTC(1997, 0, 1, 12, 30, 45, 500)],
    ['19970101T123045+0300', Date.UTC(1997, 0, 1, 9, 30, 45)],
  ])('%s is read like the extended form', (text, expected) => {
    expect(parseIsoTimestamp(text)).toBe(expected);
    expect(instantOf(text)).toBe(expected);
  });

  it.each(['19970230', '1997010', '19970101T12', '19970101 1230'])('refuses %s', (text) => {
    expect(instantOf(text)).toBeNaN();
  });

  it('date-only strings are recognised in both formats', () => {
    expect(isDateOnly('1997-01-01')).toBe(true);
    expect(isDateOnly('19970101')).toBe(true);
    expect(isDateOnly('19970101T00')).toBe(false);
    expect(isDateOnly('1997-01-01T00:00')).toBe(false);
  });
});

describe('resolveBoundary: the date-boundary rule', () => {
  const utc = resolveZone('UTC') as Zone;
  const newYork = resolveZone('America/New_York') as Zone;

  it('a date-only end includes the whole day: its exclusive end is the next day’s first instant', () => {
    expect(resolveBoundary('2024-06-30', utc)).toEqual({
      dateOnly: true,
      start: Date.UTC(2024, 5, 30),
      end: Date.UTC(2024, 6, 1),
      at: Date.UTC(2024, 6, 1),
    });
    expect(resolveBoundary('20240630', utc)).toEqual(resolveBoundary('2024-06-30', utc));
  });

  it('in a zone, the day is the local day (New York is UTC−4 in June: EDT)', () => {
    expect(resolveBoundary('2024-06-30', newYork)).toEqual({
      dateOnly: true,
      start: Date.UTC(2024, 5, 30, 4),
      end: Date.UTC(2024, 6, 1, 4),
      at: Date.UTC(2024, 6, 1, 4),
    });
  });

  it('a day of a DST change is 23 or 25 hours long (US DST began 10 Mar 2024, ended 3 Nov 2024)', () => {
    const spring = resolveBoundary('2024-03-10', newYork);
    const autumn = resolveBoundary('2024-11-03', newYork);
    expect(spring && spring.end - spring.start).toBe(23 * 3_600_000);
    expect(autumn && autumn.end - autumn.start).toBe(25 * 3_600_000);
  });

  it('an instant is itself: included as an end (exclusive end one ms later), measured to itself', () => {
    const t = Date.UTC(2024, 5, 30, 15);
    expect(resolveBoundary('2024-06-30T15:00:00Z', newYork)).toEqual({
      dateOnly: false,
      start: t,
      end: t + 1,
      at: t,
    });
    expect(resolveBoundary(t * 1000, utc, 'us')).toEqual(resolveBoundary(t, utc, 'ms'));
    expect(resolveBoundary(BigInt(t) * 1_000_000n, utc, 'ns')).toEqual(resolveBoundary(t, utc));
  });

  it('refuses implausible values', () => {
    expect(resolveBoundary(t0(), utc)).toBeUndefined();
    expect(resolveBoundary('31/12/2024', utc)).toBeUndefined();
  });
});

function t0(): number {
  return 0; // 1970-01-01, before the numeric range
}

describe('boundaryOf and checkBoundaries', () => {
  const utc = resolveZone('UTC') as Zone;

  it('boundaryOf throws INVALID_INPUT naming the field and the likely unit', () => {
    expect(() => boundaryOf('f', 'asOf', 1_704_412_800_000_000, utc)).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        path: ['asOf'],
        message: expect.stringContaining("looks like epoch microseconds: pass timeUnit: 'us'"),
      }),
    );
    expect(boundaryOf('f', 'asOf', 1_704_412_800_000_000, utc, 'us').start).toBe(JAN_5_2024);
  });

  it('checkBoundaries reads each field with the options’ timeUnit and timeZone', () => {
    const schema = z
      .object({
        asOf: instantInputSchema,
        periodStart: z.optional(instantInputSchema),
        timeUnit: z.optional(timeUnitSchema),
        timeZone: z.optional(timeZoneSchema),
      })
      .check(z.superRefine((v, ctx) => checkBoundaries(ctx, v, ['asOf', 'periodStart'])));
    expect(schema.safeParse({ asOf: 1_704_412_800, timeUnit: 's' }).success).toBe(true);
    const wrong = schema.safeParse({
      asOf: 1_704_412_800_000,
      periodStart: 1_704_412_800,
      timeUnit: 's',
    });
    // read in seconds, 1704412800000 is the year 55,970; 1704412800 is 5 Jan 2024
    expect(wrong.error?.issues.map((i) => i.path)).toEqual([['asOf']]);
    expect(schema.safeParse({ asOf: '2024-06-30', timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(schema.safeParse({ asOf: Number.NaN }).success).toBe(false);
  });
});
