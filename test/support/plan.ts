import type { PlanSegmentReport } from '../../src/plan/priority.js';

/**
 * A small segment report in its JSON form: four customers, revenue 250, of which the VIP brings
 * 150 (60 %), two new customers 50 (20 %) and one at-risk customer 50 (20 %); no lost customers.
 */
export const SMALL_SEGMENT_REPORT: PlanSegmentReport = {
  segments: [
    { segment: 'vip', customers: 1, customerShare: '0.25', revenue: '150', revenueShare: '0.6' },
    { segment: 'new', customers: 2, customerShare: '0.5', revenue: '50', revenueShare: '0.2' },
    { segment: 'at-risk', customers: 1, customerShare: '0.25', revenue: '50', revenueShare: '0.2' },
    { segment: 'lost', customers: 0, customerShare: '0', revenue: '0', revenueShare: '0' },
  ],
};
