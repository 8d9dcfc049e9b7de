/**
 * The built-in rules' shared figures: the flag sets, the base's median inter-purchase interval
 * and the VIP revenue threshold.
 *
 * @module
 */
import { D, type Decimal } from '../../core/numeric.js';
import { MS_PER_DAY } from '../../core/time.js';
import type { SummaryTable } from '../input.js';
import { select } from '../select.js';

export const NEW_BIT = 8;
export const LOST_BIT = 4;
export const AT_RISK_BIT = 2;
export const VIP_BIT = 1;

/** The flag arrays of the built-in rules by bit mask, highest priority first; frozen and shared. */
export const FLAG_SETS: readonly (readonly string[])[] = Array.from({ length: 16 }, (_, mask) =>
  Object.freeze(
    (
      [
        [NEW_BIT, 'new'],
        [LOST_BIT, 'lost'],
        [AT_RISK_BIT, 'at-risk'],
        [VIP_BIT, 'vip'],
      ] as const
    )
      .filter(([bit]) => (mask & bit) !== 0)
      .map(([, name]) => name),
  ),
);

/**
 * The median of the positive per-customer intervals (days) of repeat customers, or undefined;
 * `firstClock` and `lastClock` are the first and last purchases on the zone's calendar clock.
 */
export function medianRepeatInterval(
  t: SummaryTable,
  firstClock: Float64Array,
  lastClock: Float64Array,
): number | undefined {
  const values = new Float64Array(t.size);
  let m = 0;
  for (let i = 0; i < t.size; i++) {
    const orders = t.orders[i] as number;
    if (orders < 2) continue;
    const interval =
      ((lastClock[i] as number) - (firstClock[i] as number)) / MS_PER_DAY / (orders - 1);
    if (interval > 0) values[m++] = interval;
  }
  if (m === 0) return undefined;
  // Quickselect instead of a sort: the middle value, and for an even count the least value
  // above the lower middle.
  const mid = m >> 1;
  select(values, 0, m - 1, mid);
  const upper = values[mid] as number;
  if (m % 2 === 1) return upper;
  let lower = values[0] as number;
  for (let i = 1; i < mid; i++) if ((values[i] as number) > lower) lower = values[i] as number;
  return (lower + upper) / 2;
}

/** VIP by top share: the exact revenue of rank ceil(share × n), descending; undefined if none. */
export function topShareThreshold(
  t: SummaryTable,
  topShare: number,
): { approx: number; exact: Decimal } {
  const n = t.size;
  const k = new D(topShare).times(n).ceil().toNumber();
  // The k-th largest float image, by quickselect on a copy.
  const values = t.revenueApprox.slice();
  select(values, 0, n - 1, n - k);
  const approx = values[n - k] as number;
  // customers whose float revenue is above `approx` are exactly above every tie at `approx`
  let above = 0;
  const ties: Decimal[] = [];
  for (let i = 0; i < n; i++) {
    const r = t.revenueApprox[i] as number;
    if (r > approx) above++;
    else if (r === approx) ties.push(t.revenueAt(i));
  }
  ties.sort((a, b) => b.comparedTo(a));
  const exact = ties[k - above - 1] as Decimal;
  return { approx, exact };
}
