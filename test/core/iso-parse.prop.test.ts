import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantIn } from '../../src/core/boundary.js';
import { INSTANT_MAX } from '../../src/core/instant.js';
import { isoTimestampMs, parseIsoTimestamp, resolveZone, type Zone } from '../../src/core/time.js';
import { summarizeTransactions } from '../../src/transactions/summarize.js';

/**
 * The character scanner of ISO-8601 text (core/time.ts) against two outside references:
 * ECMAScript's own `Date.parse` of the canonical `YYYY-MM-DDTHH:mm:ss.sss±HH:MM` form built from
 * generated fields, and `Intl.DateTimeFormat`'s wall clock of generated instants in zones with
 * daylight saving time. The accepted forms are those written in the scanner's documentation; the
 * rejected ones are listed in test/core/time.test.ts.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Whether the fields name a real calendar day, by the Date object's own calendar. */
function realDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.parse(`${pad(year, 4)}-${pad(month)}-01T00:00:00.000Z`));
  d.setUTCDate(day);
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const fields = fc.record({
  year: fc.integer({ min: 0, max: 9999 }),
  month: fc.integer({ min: 0, max: 13 }),
  day: fc.integer({ min: 0, max: 32 }),
  time: fc.option(
    fc.record({
      hour: fc.integer({ min: 0, max: 24 }),
      minute: fc.integer({ min: 0, max: 60 }),
      second: fc.option(fc.integer({ min: 0, max: 60 })),
      fraction: fc.option(fc.stringMatching(/^\d{1,10}$/)),
      comma: fc.boolean(),
      space: fc.boolean(),
      zone: fc.oneof(
        fc.constant(''),
        fc.constantFrom('Z', 'z'),
        fc.record({
          sign: fc.constantFrom('+', '-'),
          hours: fc.integer({ min: 0, max: 24 }),
          minutes: fc.option(fc.integer({ min: 0, max: 60 })),
          colon: fc.boolean(),
        }),
      ),
    }),
  ),
  basic: fc.boolean(),
});

type Fields = typeof fields extends fc.Arbitrary<infer T> ? T : never;

/** The text of generated fields in the extended or basic format. */
function textOf(f: Fields): string {
  const dash = f.basic ? '' : '-';
  const colon = f.basic ? '' : ':';
  let text = `${pad(f.year, 4)}${dash}${pad(f.month)}${dash}${pad(f.day)}`;
  const t = f.time;
  if (t === null) return text;
  text += `${t.space && !f.basic ? ' ' : 'T'}${pad(t.hour)}${colon}${pad(t.minute)}`;
  if (t.second !== null) {
    text += `${colon}${pad(t.second)}`;
    if (t.fraction !== null) text += `${t.comma ? ',' : '.'}${t.fraction}`;
  }
  if (typeof t.zone === 'string') return text + t.zone;
  const { sign, hours, minutes, colon: withColon } = t.zone;
  text += `${sign}${pad(hours)}`;
  if (minutes !== null) text += `${withColon && !f.basic ? ':' : ''}${pad(minutes)}`;
  return text;
}

/** The expected epoch ms of generated fields, from Date.parse, or undefined when a field is out of range. */
function expected(f: Fields): number | undefined {
  if (f.month < 1 || f.month > 12 || f.day < 1 || !realDay(f.year, f.month, f.day))
    return undefined;
  const t = f.time ?? {
    hour: 0,
    minute: 0,
    second: null,
    fraction: null,
    comma: false,
    space: false,
    zone: '',
  };
  if (t.hour > 23 || t.minute > 59 || (t.second ?? 0) > 59) return undefined;
  if (t.fraction !== null && t.second !== null && t.fraction.length > 9) return undefined;
  const ms =
    t.fraction === null || t.second === null ? '000' : t.fraction.padEnd(3, '0').slice(0, 3);
  let offset = 'Z';
  if (typeof t.zone !== 'string') {
    const minutes = t.zone.minutes ?? 0;
    if (t.zone.hours > 23 || minutes > 59) return undefined;
    offset = `${t.zone.sign}${pad(t.zone.hours)}:${pad(minutes)}`;
  }
  const canonical = `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second ?? 0)}.${ms}${offset}`;
  const value = Date.parse(canonical);
  expect(Number.isNaN(value)).toBe(false);
  return value;
}

describe('isoTimestampMs: the accepted forms, against Date.parse', () => {
  it('every generated date or date-time reads as Date.parse of its canonical form, and out-of-range fields are refused', () => {
    fc.assert(
      fc.property(fields, (f) => {
        const text = textOf(f);
        expect(parseIsoTimestamp(text)).toBe(expected(f));
      }),
      { numRuns: 1500 },
    );
  });

  it('dates that share a slot of the day cache (20200101 and 20290213 agree in their low 13 bits) read right in any order', () => {
    // Epoch days by hand: 2020-01-01 is day 18,262; 2029-02-13 is day 18,262 + 3,331 = 21,593
    // (2020-01-01 → 2029-01-01 is 9 years with 3 leap days, 3,290 days, then 31 + 12 = 43 days).
    expect(20200101 & 8191).toBe(20290213 & 8191);
    // 0000-00-00 has the key 0 of an empty slot: still refused (found by the property above).
    for (const text of ['0000-00-00', '00000000', '0000-00-00T00:00Z']) {
      expect(isoTimestampMs(text)).toBeNaN();
    }
    const day = 86_400_000;
    for (const order of [
      ['2020-01-01', '2029-02-13', '2020-01-01T06:00:00Z'],
      ['2029-02-13T00:00:01Z', '20200101', '2029-02-13'],
    ]) {
      for (const text of order) {
        const expected = text.startsWith('2020') ? 18_262 * day : 21_593 * day;
        const ms = isoTimestampMs(text);
        expect(ms - (ms % day)).toBe(expected);
        expect(ms).toBe(Date.parse(text.length === 8 ? '2020-01-01' : text));
      }
    }
  });

  it('a valid string is date-only exactly when it has at most 10 characters', () => {
    fc.assert(
      fc.property(fields, (f) => {
        const text = textOf(f);
        if (!Number.isNaN(isoTimestampMs(text))) expect(text.length <= 10).toBe(f.time === null);
      }),
      { numRuns: 1000 },
    );
  });

  it('text with a character changed, inserted or removed is either refused or still names the instant Date.parse gives for its canonical form', () => {
    // A mutated string that still parses must be one of the accepted forms: it is re-read with
    // the regular-expression grammar of the documentation, and Date.parse checks its value.
    const extended =
      /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;
    const basic =
      /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?:\d{2})?)?)?$/;
    const alphabet = fc.constantFrom(...'0123456789-:T Zz+.,tx/'.split(''));
    fc.assert(
      fc.property(
        fields,
        fc.nat(),
        alphabet,
        fc.constantFrom('set', 'insert', 'remove'),
        (f, at, c, how) => {
          const text = textOf(f);
          const i = at % (text.length + 1);
          const mutated =
            how === 'set'
              ? text.slice(0, i) + c + text.slice(i + 1)
              : how === 'insert'
                ? text.slice(0, i) + c + text.slice(i)
                : text.slice(0, i) + text.slice(i + 1);
          const m = extended.exec(mutated) ?? basic.exec(mutated);
          const got = parseIsoTimestamp(mutated);
          if (m === null) {
            expect(got).toBeUndefined();
            return;
          }
          const [, y, mo, d, h = '00', mi = '00', s = '00', fr, zone = 'Z'] = m;
          let offset = zone.toUpperCase() === 'Z' ? 'Z' : zone;
          if (offset !== 'Z') {
            const digits = offset.slice(1).replace(':', '');
            offset = `${offset[0]}${digits.slice(0, 2)}:${digits.length > 2 ? digits.slice(2) : '00'}`;
          }
          const valid =
            Number(mo) >= 1 &&
            Number(mo) <= 12 &&
            Number(d) >= 1 &&
            realDay(Number(y), Number(mo), Number(d)) &&
            Number(h) <= 23 &&
            Number(mi) <= 59 &&
            Number(s) <= 59 &&
            (offset === 'Z' || (Number(offset.slice(1, 3)) <= 23 && Number(offset.slice(4)) <= 59));
          const ms = (fr ?? '').padEnd(3, '0').slice(0, 3);
          expect(got).toBe(
            valid ? Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${offset}`) : undefined,
          );
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('arbitrary strings never throw and are refused unless they match the grammar', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const ms = isoTimestampMs(text);
        if (!Number.isNaN(ms)) expect(text).toMatch(/^\d{4}-?\d{2}-?\d{2}/);
      }),
      { numRuns: 2000 },
    );
  });
});

/** Zones with daylight saving time, including transitions at local midnight and half-hour ones. */
const ZONES = [
  'America/New_York',
  'Europe/London',
  'Europe/Moscow',
  'America/Santiago',
  'America/Havana',
  'Australia/Lord_Howe',
  'Asia/Tehran',
  'Pacific/Chatham',
  'America/Sao_Paulo',
] as const;

const CLOCKS = new Map<string, Intl.DateTimeFormat>();
const RESOLVED = new Map(ZONES.map((name) => [name, resolveZone(name) as Zone]));

/** The wall clock of an instant in an IANA zone, by Intl: the reference reading of a zone. */
function wallClock(zone: string, ms: number) {
  const parts: Record<string, string> = {};
  let format = CLOCKS.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    CLOCKS.set(zone, format);
  }
  for (const p of format.formatToParts(new Date(ms))) parts[p.type] = p.value;
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;
}

const FORMATS = new Map<string, Intl.DateTimeFormat>();

/** The local date (`YYYY-MM-DD`) of an instant in `zone`, by Intl. */
function localDate(zone: string, ms: number): string {
  let format = FORMATS.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    FORMATS.set(zone, format);
  }
  return format.format(new Date(ms));
}

/** 1971-01-01 to 2100-01-01 in epoch ms. */
const instants = fc.integer({ min: 31_536_000_000, max: 4_102_444_800_000 });

describe('ISO text across zones and daylight saving time', () => {
  it('an instant written as its wall clock in a zone with that zone’s offset reads back as the instant', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), fc.boolean(), (ms, zone, basic) => {
        const w = wallClock(zone, ms);
        const local = Date.parse(
          `${w.year}-${w.month}-${w.day}T${w.hour}:${w.minute}:${w.second}.${pad(ms % 1000, 3)}Z`,
        );
        const offsetMinutes = Math.round((local - ms) / 60_000);
        const sign = offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(offsetMinutes);
        const offset = basic
          ? `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
          : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
        const text = basic
          ? `${w.year}${w.month}${w.day}T${w.hour}${w.minute}${w.second}.${pad(ms % 1000, 3)}${offset}`
          : `${w.year}-${w.month}-${w.day}T${w.hour}:${w.minute}:${w.second}.${pad(ms % 1000, 3)}${offset}`;
        expect(parseIsoTimestamp(text)).toBe(ms);
      }),
      { numRuns: 500 },
    );
  });

  it('a date-only string names the first instant of that local day in the zone', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (ms, zone) => {
        const day = new Date(ms).toISOString().slice(0, 10);
        const resolved = RESOLVED.get(zone) as Zone;
        const start = instantIn(day, resolved);
        // The reference: the local date changes to `day` at `start` and not a minute before
        // (Intl's wall clock; no transition in these zones since 1971 is off the minute).
        expect(localDate(zone, start)).toBe(day);
        expect(localDate(zone, start - 60_000)).not.toBe(day);
        expect(instantIn(day.replaceAll('-', ''), resolved)).toBe(start);
      }),
      { numRuns: 300 },
    );
  });

  it('a log of ISO strings with offsets gives the summaries of the same log as Dates', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            customerId: fc.integer({ min: 1, max: 5 }),
            at: fc.integer({ min: 1_577_836_800_000, max: 1_735_603_200_000 }),
            amount: fc.integer({ min: 0, max: 100_000 }),
            zone: fc.constantFrom(...ZONES),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.constantFrom(...ZONES),
        (rows, timeZone) => {
          const asText = rows.map((r) => {
            const w = wallClock(r.zone, r.at);
            const local = Date.UTC(
              Number(w.year),
              Number(w.month) - 1,
              Number(w.day),
              Number(w.hour),
              Number(w.minute),
              Number(w.second),
              r.at % 1000,
            );
            const off = Math.round((local - r.at) / 60_000);
            const text = `${w.year}-${w.month}-${w.day}T${w.hour}:${w.minute}:${w.second}.${pad(r.at % 1000, 3)}${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
            return { customerId: r.customerId, at: text, amount: r.amount / 100 };
          });
          const asDates = rows.map((r) => ({
            customerId: r.customerId,
            at: new Date(r.at),
            amount: r.amount / 100,
          }));
          const options = { asOf: '2024-12-31', timeZone, unit: 'week' } as const;
          expect(JSON.stringify(summarizeTransactions(asText, options))).toBe(
            JSON.stringify(summarizeTransactions(asDates, options)),
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it('strings outside 1900-2199 are refused by every reader, whatever their form', () => {
    const zone = resolveZone('UTC') as Zone;
    expect(instantIn('1899-12-31T23:59:59.999Z', zone)).toBeNaN();
    expect(instantIn('1900-01-01', zone)).toBe(Date.UTC(1900, 0, 1));
    expect(instantIn('2200-01-01', zone)).toBeNaN();
    expect(instantIn('2199-12-31T23:59:59.999Z', zone)).toBe(INSTANT_MAX - 1);
    // 2200-01-01T01:00+02:00 is 2199-12-31T23:00Z: the instant decides, not the text.
    expect(instantIn('2200-01-01T01:00+02:00', zone)).toBe(INSTANT_MAX - 3_600_000);
  });
});
