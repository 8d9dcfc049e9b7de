import { moneyOf } from '../core/cents.js';
import { quotientDecimal } from '../core/decimal-internals.js';
import { type Decimal, ZERO } from '../core/numeric.js';
import type { BatchAggregate } from './internal/aggregate.js';
import type { CustomerId } from './log.js';

/**
 * The summary of one customer's purchases up to `asOf`, in the conventions of the reference
 * packages (lifetimes, BTYD, CLVTools).
 */
export interface CustomerSummary {
  /** The customer. */
  readonly customerId: CustomerId;
  /** The earliest purchase (its exact time, not the start of its period). */
  readonly firstPurchaseAt: Date;
  /** The latest purchase up to `asOf`. */
  readonly lastPurchaseAt: Date;
  /** Orders: distinct purchase periods (same-period purchases collapse into one order). */
  readonly orders: number;
  /** Repeat purchases: `orders − 1` (the `x` of BG/NBD and Pareto/NBD). */
  readonly frequency: number;
  /** From the first to the last purchase period, in `unit` (the `t_x` of BG/NBD). */
  readonly recency: number;
  /** From the first purchase period to the period of `asOf`, in `unit` (the customer's age). */
  readonly T: number;
  /** Sum of all amounts, exact. */
  readonly totalRevenue: Decimal;
  /** `totalRevenue / orders`. */
  readonly averageOrderValue: Decimal;
  /**
   * Mean amount of the repeat orders, the first order excluded (the Gamma-Gamma convention):
   * `(totalRevenue − first order's amount) / frequency`, and 0 when `frequency` is 0.
   */
  readonly monetaryValue: Decimal;
}

/** Canonical order of customer ids: numbers ascending, then strings by UTF-16 code units. */
export function compareCustomerIds(a: CustomerId, b: CustomerId): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Customer indices of an aggregate in canonical id order. @internal */
export function canonicalOrder(batch: BatchAggregate): ArrayLike<number> {
  if (batch.canonicalOrder !== null) return batch.canonicalOrder;
  const { ids } = batch;
  const byId = Array.from({ length: ids.length }, (_, c) => c);
  return byId.sort((a, b) => compareCustomerIds(ids[a] as CustomerId, ids[b] as CustomerId));
}

/**
 * One summary record, with the money fields computed from exact cents where possible.
 *
 * @internal
 */
export function summaryRecord(
  customerId: CustomerId,
  firstAt: number,
  lastAt: number,
  orders: number,
  recency: number,
  T: number,
  cents: number,
  exact: Decimal | null,
  firstCents: number,
  firstExact: Decimal | null,
): CustomerSummary {
  const totalRevenue = moneyOf(cents, exact);
  return {
    customerId,
    firstPurchaseAt: new Date(firstAt),
    lastPurchaseAt: new Date(lastAt),
    orders,
    frequency: orders - 1,
    recency,
    T,
    totalRevenue,
    averageOrderValue: averageOrderValueOf(orders, cents, exact, firstExact, totalRevenue),
    monetaryValue: monetaryValueOf(orders, cents, exact, firstCents, firstExact, totalRevenue),
  };
}

/**
 * `totalRevenue / orders` of a summary's money parts (see {@link summaryRecord}).
 *
 * @internal
 */
export function averageOrderValueOf(
  orders: number,
  cents: number,
  exact: Decimal | null,
  firstExact: Decimal | null,
  totalRevenue: Decimal = moneyOf(cents, exact),
): Decimal {
  if (orders === 1) return totalRevenue;
  return exact === null && firstExact === null
    ? quotientDecimal(cents, 100 * orders)
    : totalRevenue.div(orders);
}

/**
 * The mean of the repeat orders (0 without repeats) of a summary's money parts (see
 * {@link summaryRecord}).
 *
 * @internal
 */
export function monetaryValueOf(
  orders: number,
  cents: number,
  exact: Decimal | null,
  firstCents: number,
  firstExact: Decimal | null,
  totalRevenue?: Decimal,
): Decimal {
  const frequency = orders - 1;
  if (frequency <= 0) return ZERO;
  if (exact === null && firstExact === null) {
    return quotientDecimal(cents - firstCents, 100 * frequency);
  }
  return (totalRevenue ?? moneyOf(cents, exact))
    .minus(moneyOf(firstCents, firstExact))
    .div(frequency);
}
