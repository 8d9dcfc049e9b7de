/**
 * The identification warnings follow their documented rules on any data (docs/models.md, "When
 * the data cannot identify the model"), the rules that can be read off the model itself; they
 * survive the JSON round trip, and `strict: true` refuses exactly the fits with warnings or
 * without convergence.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitBgNbd, fittedModelFromJSON } from '../../src/index.js';
import { thrown } from '../support/errors.js';

const rowArb = fc
  .record({
    frequency: fc.integer({ min: 0, max: 6 }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
    T: fc.integer({ min: 1, max: 40 }),
    weight: fc.integer({ min: 1, max: 12 }),
  })
  .map(({ frequency, share, T, weight }) => ({
    frequency,
    recency: frequency === 0 ? 0 : Math.round(share * T),
    T,
    weight,
  }));

describe('identification warnings (fast-check)', () => {
  it('BG/NBD: the rules, the JSON round trip and strict', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 8 }), (rows) => {
        const model = fitBgNbd(rows);
        const has = (code: string, parameter?: string) =>
          model.warnings.some((w) => w.code === code && w.parameter === parameter);
        const customers = rows.reduce((sum, r) => sum + r.weight, 0);
        expect(has('TOO_FEW_CUSTOMERS')).toBe(customers < 40);
        expect(has('TOO_FEW_DISTINCT_ROWS')).toBe(model.distinctRows <= 4);
        expect(has('NO_REPEAT_PURCHASES')).toBe(rows.every((r) => r.frequency === 0));
        expect(has('SINGULAR_HESSIAN')).toBe(model.standardErrors === null);
        for (const [name, value] of Object.entries(model.params)) {
          const se = model.standardErrors?.[name as keyof typeof model.params];
          expect(has('LARGE_STANDARD_ERROR', name)).toBe(se !== undefined && se > value);
        }
        const back = fittedModelFromJSON(JSON.parse(JSON.stringify(model)));
        expect(back.warnings).toStrictEqual(model.warnings);
        if (model.warnings.length === 0 && model.converged) {
          expect(fitBgNbd(rows, { strict: true }).params).toStrictEqual(model.params);
        } else {
          // A parameter running off is not helped by more iterations: NOT_IDENTIFIED then too.
          const runsOff = model.warnings.some((w) => w.code.startsWith('PARAMETER_'));
          const stoppedShort = model.warnings.length === 0 || (!model.converged && !runsOff);
          expect(thrown(() => fitBgNbd(rows, { strict: true })).code).toBe(
            stoppedShort ? 'NOT_CONVERGED' : 'NOT_IDENTIFIED',
          );
        }
      }),
      { numRuns: 40 },
    );
  });
});
