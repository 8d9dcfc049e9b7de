import * as z from 'zod/mini';
import { parseInput } from '../core/errors.js';
import { type Decimal, type Numeric, ZERO } from '../core/numeric.js';
import { hasField } from '../core/own.js';
import { addIssue, countSchema, strictObject } from '../core/schemas.js';
import { type InputForm, rejectMixedForms } from './internal/forms.js';

const COUNTS_FORM: InputForm = {
  label: '{ startCustomers, endCustomers, newCustomers? }',
  fields: [
    'startCustomers',
    'endCustomers',
    'newCustomers',
    'retainedCustomers',
    'acquiredCustomers',
    'reactivatedCustomers',
  ],
};
const LOST_FORM: InputForm = {
  label: '{ startCustomers, lostCustomers }',
  fields: ['startCustomers', 'lostCustomers'],
};

/** Input of {@link retentionRate} (and of the first form of {@link churnRate}). */
export interface RetentionRateInput {
  /** S: customers at the start of the period. */
  readonly startCustomers: Numeric;
  /** E: customers at the end of the period, new ones included. */
  readonly endCustomers: Numeric;
  /** N: customers acquired (or reactivated) during the period. Omitted means 0. */
  readonly newCustomers?: Numeric;
  /**
   * Customers present at both the start and the end, as `customerCounts` reports them; optional,
   * checked: it must equal E − N.
   */
  readonly retainedCustomers?: Numeric;
  /** Customers present at the start and gone at the end; optional, checked: S − (E − N). */
  readonly lostCustomers?: Numeric;
  /** Of the new customers, first-time buyers; optional, checked: at most N, and with
   * `reactivatedCustomers` they add up to N. */
  readonly acquiredCustomers?: Numeric;
  /** Of the new customers, returning ones; optional, checked as `acquiredCustomers`. */
  readonly reactivatedCustomers?: Numeric;
}

/** `startCustomers` of 0: the rate is undefined. */
function startNotZero(start: Decimal, ctx: z.core.$RefinementCtx): boolean {
  if (!start.isZero()) return true;
  addIssue(
    ctx,
    'is 0, so the rate is undefined (division by zero)',
    ['startCustomers'],
    'DIVISION_BY_ZERO',
    0,
  );
  return false;
}

/** The breakdown of N: acquired and reactivated customers add up to N, each at most N. */
function checkNewBreakdown(
  v: { acquiredCustomers?: Decimal | undefined; reactivatedCustomers?: Decimal | undefined },
  n: Decimal,
  ctx: z.core.$RefinementCtx,
): void {
  const { acquiredCustomers: acquired, reactivatedCustomers: reactivated } = v;
  if (acquired !== undefined && reactivated !== undefined) {
    if (!acquired.plus(reactivated).eq(n)) {
      addIssue(
        ctx,
        `(${acquired}) plus reactivatedCustomers (${reactivated}) must equal newCustomers (${n}): the new customers are the acquired and the reactivated ones`,
        ['acquiredCustomers'],
      );
    }
    return;
  }
  for (const [field, value] of [
    ['acquiredCustomers', acquired],
    ['reactivatedCustomers', reactivated],
  ] as const) {
    if (value?.gt(n) === true) {
      addIssue(ctx, `(${value}) must not exceed newCustomers (${n}): they are part of them`, [
        field,
      ]);
    }
  }
}

/**
 * The schema of {@link RetentionRateInput}: counts are non-negative integers, S > 0 (else
 * `DIVISION_BY_ZERO`), N ≤ E and E − N ≤ S; the optional counts of `customerCounts` must agree
 * with them (retained = E − N, lost = S − retained, acquired + reactivated = N).
 *
 * @category Schemas
 */
export const retentionRateInputSchema = strictObject({
  startCustomers: countSchema,
  endCustomers: countSchema,
  newCustomers: z.optional(countSchema),
  retainedCustomers: z.optional(countSchema),
  lostCustomers: z.optional(countSchema),
  acquiredCustomers: z.optional(countSchema),
  reactivatedCustomers: z.optional(countSchema),
}).check(
  z.superRefine((v, ctx) => {
    const n = v.newCustomers ?? ZERO;
    if (!startNotZero(v.startCustomers, ctx)) return;
    if (n.gt(v.endCustomers)) {
      addIssue(
        ctx,
        `(${n}) must not exceed endCustomers (${v.endCustomers}): new customers are part of the end count`,
        ['newCustomers'],
      );
      return;
    }
    const kept = v.endCustomers.minus(n);
    if (kept.gt(v.startCustomers)) {
      addIssue(
        ctx,
        `minus newCustomers (${kept}) must not exceed startCustomers (${v.startCustomers}): more customers retained than there were`,
        ['endCustomers'],
      );
      return;
    }
    if (v.retainedCustomers !== undefined && !v.retainedCustomers.eq(kept)) {
      addIssue(
        ctx,
        `(${v.retainedCustomers}) must equal endCustomers − newCustomers (${kept}): the counts disagree`,
        ['retainedCustomers'],
      );
    }
    const lost = v.startCustomers.minus(kept);
    if (v.lostCustomers !== undefined && !v.lostCustomers.eq(lost)) {
      addIssue(
        ctx,
        `(${v.lostCustomers}) must equal startCustomers − (endCustomers − newCustomers) (${lost}): give either lostCustomers or endCustomers and newCustomers, or counts that agree`,
        ['lostCustomers'],
      );
    }
    checkNewBreakdown(v, n, ctx);
  }),
);

/**
 * Customer retention rate over one period: the share of the customers present at the start who
 * are still customers at the end.
 *
 * Formula: `(E − N) / S`, where S = customers at the start of the period, E = customers at the
 * end, N = customers acquired during the period (new customers are taken out of E so that growth
 * does not hide losses). Source: the standard customer retention rate (CRR) definition, as in the
 * specification's source articles, worked example S = 1000, E = 900, N = 200 → 70 %.
 *
 * The result is an exact `Decimal` fraction in [0, 1] (0.7, not 70), never rounded; the quotient
 * has at most 34 significant digits. The period is whatever period S, E and N were counted over.
 *
 * @param input - The three counts; `newCustomers` defaults to 0.
 * @returns The retention rate as a fraction in [0, 1].
 * @throws {RetentionMetricsError} `DIVISION_BY_ZERO` when `startCustomers` is 0.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when a count is missing, not a non-negative
 *   integer (NaN, ±Infinity, a fraction, a negative), when `newCustomers` > `endCustomers`, when
 *   `endCustomers − newCustomers` > `startCustomers`, or when the optional counts of
 *   `customerCounts` disagree with S, E and N; the message names the field.
 *
 * The result of `customerCounts` can be passed as it is: its extra counts are checked, not
 * rejected.
 *
 * @example
 * ```ts
 * import { retentionRate } from 'retention-metrics';
 * retentionRate({ startCustomers: 1000, endCustomers: 900, newCustomers: 200 }).toString(); // => '0.7'
 * retentionRate({ startCustomers: 1000, endCustomers: 900, newCustomers: 200, retainedCustomers: 700, lostCustomers: 300 }).toString(); // => '0.7'
 * retentionRate({ startCustomers: 1000, endCustomers: 900, newCustomers: 200, lostCustomers: 200 }); // => throws INVALID_INPUT
 * retentionRate({ startCustomers: '3', endCustomers: '2' }).toString(); // => '0.6666666666666666666666666666666667'
 * ```
 * @category Customer metrics
 */
export function retentionRate(input: RetentionRateInput): Decimal {
  const v = parseInput('retentionRate', retentionRateInputSchema, input);
  return v.endCustomers.minus(v.newCustomers ?? ZERO).div(v.startCustomers);
}

/** Second input form of {@link churnRate}: customers at the start and how many of them were lost. */
export interface LostCustomersInput {
  /** S: customers at the start of the period. */
  readonly startCustomers: Numeric;
  /** Customers present at the start who were no longer customers at the end. */
  readonly lostCustomers: Numeric;
}

/** Input of {@link churnRate}: either the counts of {@link retentionRate} or the lost customers. */
export type ChurnRateInput = RetentionRateInput | LostCustomersInput;

/**
 * The schema of {@link LostCustomersInput}: S > 0 (else `DIVISION_BY_ZERO`) and lost ≤ S.
 *
 * @category Schemas
 */
export const lostCustomersInputSchema = /* @__PURE__ */ (() =>
  strictObject({ startCustomers: countSchema, lostCustomers: countSchema }).check(
    z.superRefine((v, ctx) => {
      if (!startNotZero(v.startCustomers, ctx)) return;
      if (v.lostCustomers.gt(v.startCustomers)) {
        addIssue(ctx, `(${v.lostCustomers}) must not exceed startCustomers (${v.startCustomers})`, [
          'lostCustomers',
        ]);
      }
    }),
  ))();

/**
 * The schema of {@link ChurnRateInput}: one of the two input forms (the counts form may carry
 * `lostCustomers` too, when it agrees with S, E and N, as `customerCounts` returns them).
 *
 * @category Schemas
 */
export const churnRateInputSchema = /* @__PURE__ */ z.union([
  retentionRateInputSchema,
  lostCustomersInputSchema,
]);

/**
 * Customer churn rate over one period: the share of the customers present at the start who
 * were lost by the end.
 *
 * Formula: with the counts of {@link retentionRate}, `1 − (E − N) / S`; with lost customers L,
 * `L / S`. Both are over the customers at the *start* of the period (the most common definition;
 * some SaaS dashboards divide by the average of start and end counts instead, which gives a lower
 * figure in a growing base). Source: the specification's source articles: S = 1000, E = 900,
 * N = 200 → 30 %; 1000 at the start and 900 at the end with no new customers → 10 %.
 *
 * The result is an exact `Decimal` fraction in [0, 1] and `churnRate + retentionRate = 1` exactly.
 *
 * @param input - `{ startCustomers, endCustomers, newCustomers? }` or `{ startCustomers, lostCustomers }`.
 * @returns The churn rate as a fraction in [0, 1], for the period the counts cover.
 * @throws {RetentionMetricsError} `DIVISION_BY_ZERO` when `startCustomers` is 0.
 * @throws {RetentionMetricsError} `INVALID_INPUT` for a count that is missing or not a
 *   non-negative integer, or counts that contradict each other (`lostCustomers` > `startCustomers`,
 *   `lostCustomers` given with `endCustomers` but not equal to S − (E − N), a form mixed with the
 *   other, and the cases listed under {@link retentionRate}).
 *
 * @example
 * ```ts
 * import { churnRate } from 'retention-metrics';
 * churnRate({ startCustomers: 1000, endCustomers: 900, newCustomers: 200 }).toString(); // => '0.3'
 * churnRate({ startCustomers: 1000, endCustomers: 900 }).toString(); // => '0.1'
 * churnRate({ startCustomers: 1000, lostCustomers: 100 }).toString(); // => '0.1'
 * churnRate({ startCustomers: 1000, endCustomers: 900, newCustomers: 200, lostCustomers: 300 }).toString(); // => '0.3'
 * churnRate({ startCustomers: 1000, newCustomers: 200, lostCustomers: 300 }); // => throws INVALID_INPUT
 * ```
 * @category Customer metrics
 */
export function churnRate(input: ChurnRateInput): Decimal {
  const fn = 'churnRate';
  if (typeof input === 'object' && input !== null && !hasField(input, 'endCustomers')) {
    if (hasField(input, 'lostCustomers')) {
      rejectMixedForms(fn, input, COUNTS_FORM, LOST_FORM);
      const v = parseInput(fn, lostCustomersInputSchema, input);
      return v.lostCustomers.div(v.startCustomers);
    }
  }
  const v = parseInput(fn, retentionRateInputSchema, input);
  // (S − (E − N)) / S divides once, so both input forms give the same correctly rounded value.
  const retained = v.endCustomers.minus(v.newCustomers ?? ZERO);
  return v.startCustomers.minus(retained).div(v.startCustomers);
}
