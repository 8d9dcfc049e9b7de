/**
 * The bounds of the numbers a plan is built from, so that every target the plan derives stays
 * within the bounds a stored plan is checked against.
 *
 * @module
 */
import { decimalExponent } from '../../core/decimal-internals.js';
import type { Decimal } from '../../core/numeric.js';
import { MAX_PLAN_GROWTH, MAX_PLAN_VALUE_EXPONENT } from '../model.js';

type Values = { readonly [key: string]: Decimal | undefined } | undefined;

/** The parts of a parsed plan input that carry numbers. @internal */
export interface PlanInputNumbers {
  readonly metrics?: Values;
  readonly options?: { readonly growth?: Decimal | undefined } | undefined;
  readonly customize?:
    | {
        readonly targets?: Values;
        readonly kpis?:
          | readonly {
              readonly baseline?: Decimal | undefined;
              readonly target?: Decimal | undefined;
            }[]
          | undefined;
      }
    | undefined;
}

/**
 * Reports every baseline, target and custom KPI value at or above 10^{@link MAX_PLAN_VALUE_EXPONENT}
 * in absolute value, and a growth above {@link MAX_PLAN_GROWTH}.
 *
 * @internal
 */
export function checkPlanInputBounds(
  input: PlanInputNumbers,
  report: (message: string, path: (string | number)[]) => void,
): void {
  const check = (value: Decimal | undefined, path: (string | number)[]): void => {
    if (value === undefined || value.isZero()) return;
    if (decimalExponent(value) >= MAX_PLAN_VALUE_EXPONENT) {
      report(
        `is too large: a plan's values are below 1e${MAX_PLAN_VALUE_EXPONENT} in absolute value (received ${value.toString()})`,
        path,
      );
    }
  };
  for (const [key, value] of Object.entries(input.metrics ?? {})) check(value, ['metrics', key]);
  for (const [key, value] of Object.entries(input.customize?.targets ?? {})) {
    check(value, ['customize', 'targets', key]);
  }
  (input.customize?.kpis ?? []).forEach((kpi, i) => {
    check(kpi.baseline, ['customize', 'kpis', i, 'baseline']);
    check(kpi.target, ['customize', 'kpis', i, 'target']);
  });
  const growth = input.options?.growth;
  if (growth?.gt(MAX_PLAN_GROWTH) === true) {
    report(
      `must be at most ${MAX_PLAN_GROWTH} (+${MAX_PLAN_GROWTH * 100} %) (received ${growth.toString()})`,
      ['options', 'growth'],
    );
  }
}
