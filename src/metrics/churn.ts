import * as z from 'zod/mini';
import { parseInput } from '../core/errors.js';
import { type DeepReadonly, deepFreeze } from '../core/freeze.js';
import { D, type Decimal, type Numeric, ONE } from '../core/numeric.js';
import { CALENDAR_UNITS, type CalendarUnit } from '../core/period.js';
import { positiveSchema, rateSchema, strictObject } from '../core/schemas.js';
import { type InputForm, rejectMixedForms, rejectRenamedField } from './internal/forms.js';
import { denominatorNotZero } from './internal/refine.js';

/** A calendar period a rate can be expressed per: one of the library's {@link CalendarUnit}s. */
export type PeriodUnit = CalendarUnit;

/**
 * Length of each {@link PeriodUnit} in days: a year is the mean Gregorian year (365.2425 days), a
 * month a twelfth of it and a quarter a fourth, so month ↔ quarter ↔ year and day ↔ week
 * conversions are exact ratios (12, 4, 3, 7) and only conversions across the two families
 * (e.g. week ↔ month) use the mean year.
 */
export const PERIOD_LENGTH_IN_DAYS: DeepReadonly<Record<PeriodUnit, string>> = deepFreeze({
  day: '1',
  week: '7',
  month: '30.436875',
  quarter: '91.310625',
  year: '365.2425',
});

const periodUnitSchema = z.enum(CALENDAR_UNITS);

/** Input of {@link convertChurnRate}: the target period as a multiple of the source period. */
export interface ChurnLengthRatioInput {
  /** Churn rate per source period, a fraction in [0, 1]. */
  readonly churnRate: Numeric;
  /**
   * The length of the target period in source periods, positive: 12 for monthly → annual, 1/12
   * for annual → monthly, 3 for monthly → quarterly. (Called `periods` before 0.2.)
   */
  readonly lengthRatio: Numeric;
}

/** Input of {@link convertChurnRate}: the source and target periods by name. */
export interface ChurnUnitsInput {
  /** Churn rate per `from` period, a fraction in [0, 1]. */
  readonly churnRate: Numeric;
  /** The period the rate is given for. */
  readonly from: PeriodUnit;
  /** The period to express it for. */
  readonly to: PeriodUnit;
}

/** Input of {@link convertChurnRate}. */
export type ConvertChurnRateInput = ChurnLengthRatioInput | ChurnUnitsInput;

const churnRatioSchema = strictObject({ churnRate: rateSchema, lengthRatio: positiveSchema });
const churnUnitsSchema = strictObject({
  churnRate: rateSchema,
  from: periodUnitSchema,
  to: periodUnitSchema,
});

/**
 * The schema of {@link ConvertChurnRateInput}.
 *
 * @category Schemas
 */
export const convertChurnRateInputSchema = z.union([churnRatioSchema, churnUnitsSchema]);

const RATIO_FORM: InputForm = { label: '{ churnRate, lengthRatio }', fields: ['lengthRatio'] };
const UNITS_FORM: InputForm = { label: '{ churnRate, from, to }', fields: ['from', 'to'] };

/**
 * Converts a churn rate from one period length to another, assuming the same churn rate applies
 * in every period (customers survive each period independently).
 *
 * Formula: a customer survives k periods with probability `(1 − c)^k`, so the churn rate over k
 * periods is `1 − (1 − c)^k`, where k = `lengthRatio` is the length of the target period in source
 * periods. Monthly → annual uses k = 12; annual → monthly uses k = 1/12, i.e.
 * `1 − (1 − a)^(1/12)`. With `from`/`to` (day, week, month, quarter, year), k = length(to) /
 * length(from) from {@link PERIOD_LENGTH_IN_DAYS}. Note the naive `12 × monthly churn` overstates
 * annual churn.
 *
 * An integer k gives the exact power rounded once to 34 significant digits; a fractional k goes
 * through `exp`/`ln` at 34 digits (correct to about 33 digits).
 *
 * @param input - `{ churnRate, lengthRatio }` or `{ churnRate, from, to }`.
 * @returns The churn rate per target period, a `Decimal` fraction in [0, 1].
 * @throws {RetentionMetricsError} `INVALID_INPUT` when `churnRate` is outside [0, 1], `lengthRatio`
 *   is not a positive finite number, a unit is not one of day, week, month, quarter, year, the
 *   input has fields of both forms (`lengthRatio` with `from`/`to`), or it uses the former name
 *   `periods` (the message gives the new name).
 *
 * @example
 * ```ts
 * import { convertChurnRate } from 'retention-metrics';
 * convertChurnRate({ churnRate: '0.05', lengthRatio: 12 }).toString(); // => '0.459639912337363037109375'
 * convertChurnRate({ churnRate: '0.05', from: 'month', to: 'year' }).toString(); // => '0.459639912337363037109375'
 * convertChurnRate({ churnRate: '0.05', periods: 12 }); // => throws INVALID_INPUT
 * convertChurnRate({ churnRate: '0.19', from: 'month', to: 'quarter' }).toString(); // => '0.468559'
 * convertChurnRate({ churnRate: '0.468559', from: 'quarter', to: 'month' }).toString(); // => '0.19'
 * ```
 * @category Customer metrics
 */
export function convertChurnRate(input: ConvertChurnRateInput): Decimal {
  let rate: Decimal;
  let k: Decimal;
  const fn = 'convertChurnRate';
  rejectRenamedField(
    fn,
    input,
    'periods',
    'lengthRatio',
    'the length of the target period in source periods',
  );
  rejectMixedForms(fn, input, RATIO_FORM, UNITS_FORM);
  if (typeof input === 'object' && input !== null && Object.hasOwn(input, 'lengthRatio')) {
    const v = parseInput(fn, churnRatioSchema, input);
    rate = v.churnRate;
    k = v.lengthRatio;
  } else {
    const v = parseInput(fn, churnUnitsSchema, input);
    rate = v.churnRate;
    k = new D(PERIOD_LENGTH_IN_DAYS[v.to]).div(PERIOD_LENGTH_IN_DAYS[v.from]);
  }
  const survival = ONE.minus(rate);
  if (survival.isZero()) return ONE;
  return ONE.minus(survival.pow(k));
}

/** Input of {@link averageCustomerLifespan}. */
export interface AverageCustomerLifespanInput {
  /** Churn rate per period, a fraction in (0, 1]. */
  readonly churnRate: Numeric;
}

/**
 * The schema of {@link AverageCustomerLifespanInput}.
 *
 * @category Schemas
 */
export const averageCustomerLifespanInputSchema = strictObject({ churnRate: rateSchema }).check(
  z.superRefine(denominatorNotZero('churnRate', 'the lifespan (customers never leave)')),
);

/**
 * Average customer lifespan implied by a constant churn rate.
 *
 * Formula: `1 / c`. With a constant churn rate c per period, the number of periods a customer
 * stays is geometric with mean `1 / c`. Units: **periods of the churn rate** — a monthly churn
 * rate gives a lifespan in months; convert the rate first ({@link convertChurnRate}) for another
 * unit. Source: the geometric customer lifetime behind the simple CLV formula.
 *
 * @param input - `{ churnRate }` per period.
 * @returns The expected lifespan in periods, a `Decimal` ≥ 1.
 * @throws {RetentionMetricsError} `DIVISION_BY_ZERO` when `churnRate` is 0 (no customer ever leaves).
 * @throws {RetentionMetricsError} `INVALID_INPUT` when `churnRate` is outside [0, 1] or not a number.
 *
 * @example
 * ```ts
 * import { averageCustomerLifespan } from 'retention-metrics';
 * averageCustomerLifespan({ churnRate: '0.05' }).toString(); // => '20'
 * averageCustomerLifespan({ churnRate: '0.3' }).toString(); // => '3.333333333333333333333333333333333'
 * ```
 * @category Customer metrics
 */
export function averageCustomerLifespan(input: AverageCustomerLifespanInput): Decimal {
  const v = parseInput('averageCustomerLifespan', averageCustomerLifespanInputSchema, input);
  return ONE.div(v.churnRate);
}
