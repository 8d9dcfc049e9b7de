/**
 * A tiny log worked out by hand, shared by the tests of customerCounts → retentionRate/churnRate
 * and planMetricsFromLog. With activeWithin 60 days and the period 31 Jan – 31 Mar 2024:
 *   a: 10 Jan $10, 20 Mar $30    active at both ends                          → retained
 *   b: 20 Jan $20                active at the start only                     → lost
 *   c: 1 Oct 2023 $5, 1 Mar $15  inactive at the start, active at the end     → new (reactivated)
 *   d: 15 Feb $40                first purchase in the period                 → new (acquired)
 * S = 2 (a, b), E = 3 (a, c, d), N = 2 (c, d), retained 1, lost 1, acquired 1, reactivated 1.
 */
export const TINY_LOG = [
  { customerId: 'a', at: '2024-01-10', amount: 10 },
  { customerId: 'a', at: '2024-03-20', amount: 30 },
  { customerId: 'b', at: '2024-01-20', amount: 20 },
  { customerId: 'c', at: '2023-10-01', amount: 5 },
  { customerId: 'c', at: '2024-03-01', amount: 15 },
  { customerId: 'd', at: '2024-02-15', amount: 40 },
] as const;

/** The period of {@link TINY_LOG}'s hand calculation. */
export const TINY_PERIOD = {
  periodStart: '2024-01-31',
  periodEnd: '2024-03-31',
  activeWithin: 60,
} as const;
