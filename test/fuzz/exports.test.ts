/**
 * The hostile-input battery (issue 13): every exported function, taken from the module at run time,
 * is called with valid arguments mutated by fast-check — wrong types, missing and extra fields,
 * extreme numbers and strings, invalid Dates, sparse and typed arrays, throwing getters and
 * proxies, frozen inputs, polluted prototypes. For every call:
 *
 * - only a RetentionMetricsError escapes, or the caller's own error unchanged;
 * - a RetentionMetricsError speaks the library's words (no zod message) and lists at most
 *   MAX_ISSUES problems;
 * - no output holds a non-finite number, an invalid Date or a non-finite Decimal (deep scan,
 *   table columns and rows included);
 * - the arguments are unchanged (deep snapshot), and so are decimal.js' global settings;
 * - a polluted `Object.prototype` or `Array.prototype` changes nothing: the outcome is the same.
 *
 * `npm test` runs a few cases per export; `npm run test:fuzz` runs many more (FUZZ_RUNS).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { badValues } from './check.js';
import { ENTRIES } from './exports.js';
import { hostileCase } from './hostile.js';
import { evaluate, exportedFunctions, property, run } from './property.js';

/** Cases per export: a few in `npm test`, many in `npm run test:fuzz`. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3);
// `npm test` replays the same cases on every machine (a fixed seed); `npm run test:fuzz` draws
// new ones each run unless FUZZ_SEED is given.
const SEED =
  process.env.FUZZ_SEED !== undefined
    ? Number(process.env.FUZZ_SEED)
    : process.env.FUZZ_RUNS === undefined
      ? 20261130
      : undefined;
const PARAMS = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };

describe('the battery covers every export', () => {
  it('has an entry for every exported function, and none for a function not exported', () => {
    const covered = [...new Set(Object.keys(ENTRIES).map((key) => key.split('#')[0]))].sort();
    expect(covered).toEqual(exportedFunctions);
  });
});

describe('hostile input, export by export', () => {
  for (const [name, entry] of Object.entries(ENTRIES)) {
    it(`${name}: the valid call returns finite values`, () => {
      const outcome = evaluate(() => run(name, entry, entry.args()));
      if (outcome.threw) throw outcome.error;
      expect(badValues(outcome.value)).toEqual([]);
    });

    it(`${name}: hostile input gives the library's error, finite output, unchanged input`, () => {
      fc.assert(fc.property(hostileCase, property(name, entry)), PARAMS);
    }, 600_000);
  }
});
