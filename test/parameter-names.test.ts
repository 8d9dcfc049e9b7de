/**
 * A missing whole argument is called by its parameter's name: every exported function (taken from
 * the module at run time, with the valid arguments of the hostile-input battery) is called with
 * `undefined` as each parameter in turn, and its error must name that parameter
 * (`renderRetentionPlan: plan must be an object`), never "input" for a parameter of another name
 * and never only a field of it. Parameters that may be left out must give the same result as the
 * call without them.
 */
import { describe, expect, it } from 'vitest';
import { ENTRIES } from './fuzz/exports.js';
import { thrown } from './support/errors.js';
import { publicApi as api } from './support/public-api.js';

type AnyFunction = (...args: unknown[]) => unknown;

/** The names of a function's parameters, read from its source text. */
function parameterNames(f: AnyFunction): string[] {
  const source = f.toString();
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of source.slice(source.indexOf('('))) {
    if ('({['.includes(ch) && depth++ === 0) continue;
    if (')}]'.includes(ch) && --depth === 0) {
      names.push(current);
      break;
    }
    if (ch === ',' && depth === 1) {
      names.push(current);
      current = '';
    } else current += ch;
  }
  return names.map((text) => text.trim().split(/[\s=]/)[0] ?? '').filter((name) => name !== '');
}

/** Parameters that may be left out (`function(…, options?)`), as `export.parameter`. */
const OPTIONAL = new Set([
  'cohortHeatmapSpec.options',
  'fitBgNbd.options',
  'fitGammaGamma.options',
  'fitModifiedBgNbd.options',
  'fitParetoNbd.options',
  'formatMoney.options',
  'formatNumber.options',
  'formatPercent.options',
  'formatReason.options',
  'isRetentionMetricsError.value',
  'planMetricsFromSummaries.options',
  'renderRetentionPlan.options',
  'segmentChartSpec.options',
  'segmentReport.options',
]);

const functions = Object.entries(ENTRIES).filter(([key]) => !key.includes('#'));

describe('a missing argument is named by its parameter', () => {
  it('reads the parameter names of the exports', () => {
    // Spot checks of the reader: a plain list, a default value, three parameters.
    expect(parameterNames(api.renderRetentionPlan as AnyFunction)).toEqual(['plan', 'options']);
    expect(parameterNames(api.validateRetentionPlan as AnyFunction)).toEqual(['plan']);
    expect(parameterNames(api.segmentReport as AnyFunction)).toEqual([
      'classified',
      'summaries',
      'options',
    ]);
  });

  for (const [name, entry] of functions) {
    const f = (api as unknown as Record<string, AnyFunction>)[name] as AnyFunction;
    const call = (args: unknown[]) => (entry.call === undefined ? f(...args) : entry.call(args));
    parameterNames(f).forEach((parameter, position) => {
      it(`${name}: ${parameter} undefined`, () => {
        const args = entry.args();
        args[position] = undefined;
        if (OPTIONAL.has(`${name}.${parameter}`)) {
          expect(() => call(args)).not.toThrow();
          return;
        }
        const error = thrown(() => call(args));
        expect(error.code).toBe('INVALID_INPUT');
        // `fn: parameter must …`, `fn: parameter is required`; or a wrapping function's words
        // ahead of the inner one's (`planMetricsFromLog: customerCounts of the period: …: log`).
        expect(error.message).toMatch(new RegExp(`^${name}: (.*: )?${parameter} (must|is) `));
      });
    });
  }

  it('the accumulator’s methods name their parameters', () => {
    const accumulator = api.createSummaryAccumulator({ asOf: '2024-03-31' });
    const calls: [string, () => unknown][] = [
      ['transaction', () => accumulator.add(undefined as never)],
      ['log', () => accumulator.addMany(undefined as never)],
      ['other', () => accumulator.merge(undefined as never)],
    ];
    for (const [parameter, method] of calls) {
      const error = thrown(method);
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(
        new RegExp(`^createSummaryAccumulator: ${parameter} must be .* \\(received undefined\\)$`),
      );
    }
  });
});
