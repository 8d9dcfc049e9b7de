import * as z from 'zod/mini';
import { parseInput } from '../core/errors.js';
import type { Decimal, Numeric } from '../core/numeric.js';
import { hasField } from '../core/own.js';
import { countSchema, nonNegativeMoneySchema, strictObject } from '../core/schemas.js';
import { type AmountList, isAmountList, sumAmounts } from '../core/sum.js';
import { type InputForm, rejectMixedForms } from './internal/forms.js';
import { denominatorNotZero, notMoreThan } from './internal/refine.js';

/** First input form of {@link averageOrderValue}: totals over a period. */
export interface RevenueOrdersInput {
  /** Revenue of the orders, in currency units. */
  readonly revenue: Numeric;
  /** Number of orders. */
  readonly orders: Numeric;
}

/** Second input form of {@link averageOrderValue}: the amount of every order. */
export interface AmountsInput {
  /**
   * The amount of each order, in currency units: numbers, decimal strings or Decimals, or a
   * typed array of numbers.
   */
  readonly amounts: AmountList;
}

/** Input of {@link averageOrderValue}. */
export type AverageOrderValueInput = RevenueOrdersInput | AmountsInput;

const revenueOrdersSchema = strictObject({
  revenue: nonNegativeMoneySchema,
  orders: countSchema,
}).check(z.superRefine(denominatorNotZero('orders', 'the average order value')));

const amountsSchema = strictObject({
  amounts: z.array(nonNegativeMoneySchema).check(z.minLength(1)),
});

/**
 * The schema of {@link AverageOrderValueInput}, for validating JSON payloads.
 *
 * @category Schemas
 */
export const averageOrderValueInputSchema = z.union([revenueOrdersSchema, amountsSchema]);

const TOTALS_FORM: InputForm = { label: '{ revenue, orders }', fields: ['revenue', 'orders'] };
const AMOUNTS_FORM: InputForm = { label: '{ amounts }', fields: ['amounts'] };

/** Checks only the shape of the amounts form; the elements are checked in one pass while summing. */
const amountsShapeSchema = strictObject({
  amounts: z.custom<AmountList>(isAmountList, { message: 'must be an array of amounts' }),
});

/**
 * Average order value (AOV): revenue per order.
 *
 * Formula: `revenue / orders`, or for a list of order amounts `Σ amounts / n`. Units: currency
 * units per order, in the currency of the input. The sum is exact (equal to `Decimal` summation
 * of the amounts, however many there are); the quotient has 34 significant digits and is never
 * rounded otherwise. Source: the standard AOV definition, as in the specification's source
 * articles (average purchase size).
 *
 * @param input - `{ revenue, orders }` or `{ amounts }`.
 * @returns Revenue per order, a `Decimal` in currency units.
 * @throws {RetentionMetricsError} `DIVISION_BY_ZERO` when `orders` is 0.
 * @throws {RetentionMetricsError} `EMPTY_INPUT` when `amounts` is empty.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when `revenue` or an amount is negative or not a
 *   finite number (the message names `amounts[i]`), `orders` is not a non-negative integer, or
 *   the input mixes the two forms (`amounts` with `revenue` or `orders`).
 *
 * @example
 * ```ts
 * import { averageOrderValue } from 'retention-metrics';
 * averageOrderValue({ revenue: '1234.50', orders: 30 }).toString(); // => '41.15'
 * averageOrderValue({ amounts: ['0.1', '0.2'] }).toString(); // => '0.15'
 * averageOrderValue({ amounts: [0.1, 0.2] }).toString(); // => '0.15'
 * ```
 * @category Order metrics
 */
export function averageOrderValue(input: AverageOrderValueInput): Decimal {
  rejectMixedForms('averageOrderValue', input, TOTALS_FORM, AMOUNTS_FORM);
  if (typeof input === 'object' && input !== null && hasField(input, 'amounts')) {
    const { amounts } = parseInput('averageOrderValue', amountsShapeSchema, input);
    const { total, count } = sumAmounts('averageOrderValue', 'amounts', amounts);
    return total.div(count);
  }
  const v = parseInput('averageOrderValue', revenueOrdersSchema, input);
  return v.revenue.div(v.orders);
}

/** Input of {@link purchaseFrequency}. */
export interface PurchaseFrequencyInput {
  /** Orders placed during the period. */
  readonly orders: Numeric;
  /** Distinct customers who ordered during the period. */
  readonly customers: Numeric;
}

/**
 * The schema of {@link PurchaseFrequencyInput}.
 *
 * @category Schemas
 */
export const purchaseFrequencyInputSchema = strictObject({
  orders: countSchema,
  customers: countSchema,
}).check(z.superRefine(denominatorNotZero('customers', 'the purchase frequency')));

/**
 * Purchase frequency: orders per customer over a period.
 *
 * Formula: `orders / customers`. Units: orders per customer per period (the period over which
 * both were counted). Source: the standard purchase-frequency definition used with AOV in the
 * simple CLV formula (the specification's source articles).
 *
 * @param input - Orders and distinct customers of the same period.
 * @returns Orders per customer, a `Decimal` ≥ 0.
 * @throws {RetentionMetricsError} `DIVISION_BY_ZERO` when `customers` is 0.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when a count is missing or not a non-negative integer.
 *
 * @example
 * ```ts
 * import { purchaseFrequency } from 'retention-metrics';
 * purchaseFrequency({ orders: 6919, customers: 2357 }).toString(); // => '2.935511243105642766228256257955028'
 * ```
 * @category Order metrics
 */
export function purchaseFrequency(input: PurchaseFrequencyInput): Decimal {
  const v = parseInput('purchaseFrequency', purchaseFrequencyInputSchema, input);
  return v.orders.div(v.customers);
}

/** Input of {@link repeatPurchaseRate}. */
export interface RepeatPurchaseRateInput {
  /** Customers who bought at least once in the period. */
  readonly customers: Numeric;
  /** Of those, customers who bought more than once. */
  readonly repeatCustomers: Numeric;
}

/**
 * The schema of {@link RepeatPurchaseRateInput}.
 *
 * @category Schemas
 */
export const repeatPurchaseRateInputSchema = strictObject({
  customers: countSchema,
  repeatCustomers: countSchema,
}).check(
  z.superRefine(denominatorNotZero('customers', 'the repeat-purchase rate')),
  z.superRefine(notMoreThan('repeatCustomers', 'customers', 'repeat customers are a subset')),
);

/**
 * Repeat-purchase rate: the share of customers who bought more than once.
 *
 * Formula: `repeatCustomers / customers`, a fraction in [0, 1]. Source: the standard
 * repeat-customer rate; the specification's source articles name "more repeat purchases" as a
 * key signal that a retention plan works.
 *
 * @param input - Customers and repeat customers of the same period.
 * @returns The repeat-purchase rate, a `Decimal` in [0, 1].
 * @throws {RetentionMetricsError} `DIVISION_BY_ZERO` when `customers` is 0.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when a count is not a non-negative integer or
 *   `repeatCustomers` > `customers`.
 *
 * @example
 * ```ts
 * import { repeatPurchaseRate } from 'retention-metrics';
 * repeatPurchaseRate({ customers: 2357, repeatCustomers: 946 }).toString(); // => '0.4013576580398812049215103945693678'
 * ```
 * @category Order metrics
 */
export function repeatPurchaseRate(input: RepeatPurchaseRateInput): Decimal {
  const v = parseInput('repeatPurchaseRate', repeatPurchaseRateInputSchema, input);
  return v.repeatCustomers.div(v.customers);
}

/** Input of {@link averageRevenuePerUser}. */
export interface AverageRevenuePerUserInput {
  /** Revenue of the period, in currency units. */
  readonly revenue: Numeric;
  /** Customers (users, accounts) over which the revenue is averaged. */
  readonly customers: Numeric;
}

/**
 * The schema of {@link AverageRevenuePerUserInput}.
 *
 * @category Schemas
 */
export const averageRevenuePerUserInputSchema = strictObject({
  revenue: nonNegativeMoneySchema,
  customers: countSchema,
}).check(z.superRefine(denominatorNotZero('customers', 'the revenue per user')));

/**
 * Average revenue per user (ARPU; per account, ARPA): revenue of a period divided by the
 * customers it came from.
 *
 * Formula: `revenue / customers`. Units: currency units per customer per period. Which customers
 * to count (all accounts, paying accounts, the period's average) is the caller's choice; SaaS
 * dashboards usually divide monthly recurring revenue by paying accounts.
 *
 * @param input - Revenue and customers of the same period.
 * @returns Revenue per customer, a `Decimal` in currency units.
 * @throws {RetentionMetricsError} `DIVISION_BY_ZERO` when `customers` is 0.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when `revenue` is negative or not finite, or
 *   `customers` is not a non-negative integer.
 *
 * @example
 * ```ts
 * import { averageRevenuePerUser } from 'retention-metrics';
 * averageRevenuePerUser({ revenue: '12500.00', customers: 250 }).toString(); // => '50'
 * ```
 * @category Order metrics
 */
export function averageRevenuePerUser(input: AverageRevenuePerUserInput): Decimal {
  const v = parseInput('averageRevenuePerUser', averageRevenuePerUserInputSchema, input);
  return v.revenue.div(v.customers);
}
