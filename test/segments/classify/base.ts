/**
 * A hand-worked base of six customers for the classification tests, and their helpers.
 */
import { expect } from 'vitest';
import { formatReason } from '../../../src/segments/classify/reasons.js';
import type { ClassificationReason } from '../../../src/segments/classify/types.js';
import type { SegmentationSummary } from '../../../src/segments/input.js';

export { thrown as rejection } from '../../support/errors.js';

export const AS_OF = '2024-06-01';

/** A reason as its sentence; fails when there is no reason. */
export function say(reason: ClassificationReason | undefined, locale: 'en' | 'ru' = 'en'): string {
  expect(reason).toBeDefined();
  return formatReason(reason as ClassificationReason, { locale });
}
export const row = (
  customerId: string,
  firstPurchaseAt: string,
  lastPurchaseAt: string,
  orders: number,
  totalRevenue: number | string,
): SegmentationSummary => ({ customerId, firstPurchaseAt, lastPurchaseAt, orders, totalRevenue });

// Hand-worked base, asOf 2024-06-01 (a date-only asOf includes that whole day, so days are counted
// on the calendar to 2024-06-02T00:00Z, the first instant after it):
//   ann  12 orders 2023-01-01..2024-05-20: interval 505/11 = 45.9 d, 13 d since last → not at risk;
//        revenue 1200 is the largest; k = ceil(0.2 × 6) = 2 → threshold = 2nd largest = 400 → VIP.
//   bob  1 order 2024-05-25: 8 d since first → new. Base median interval of repeat customers
//        {ann 45.9, cat 182.5, dan 30, eve 30, fay 73} = 45.9 → 8 < 91.8, not at risk.
//   cat  3 orders 2022-01-01..2023-01-01: 518 d since last > 365 → lost (at-risk fires too).
//   dan  3 orders 2024-01-01..2024-03-01: interval 30 d; 93 d > 2 × 30 → at-risk.
//   eve  4 orders 2024-02-01..2024-05-01: interval 30 d; 32 d ≤ 60 → active.
//   fay  2 orders 2024-01-01..2024-03-14: interval 73 d; 80 d ≤ 146; revenue 400 = threshold → VIP.
export const BASE: SegmentationSummary[] = [
  row('ann', '2023-01-01', '2024-05-20', 12, 1200),
  row('bob', '2024-05-25', '2024-05-25', 1, 40),
  row('cat', '2022-01-01', '2023-01-01', 3, 300),
  row('dan', '2024-01-01', '2024-03-01', 3, 90),
  row('eve', '2024-02-01', '2024-05-01', 4, 100),
  row('fay', '2024-01-01', '2024-03-14', 2, 400),
];
