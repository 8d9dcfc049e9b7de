import type { ClassificationCatalog } from './types.js';

/**
 * The English texts of the classification reasons.
 *
 * @internal
 */
export const en: ClassificationCatalog = {
  day: { one: 'day', other: 'days' },
  order: { one: 'order', other: 'orders' },
  lost: 'No purchase for {days}, more than the {lostAfterDaysNumber}-day limit after which a customer counts as lost',
  atRisk: 'No purchase for {days}, more than {multiple} × {interval}',
  interval: {
    own: 'the usual interval of {days}',
    base: 'the median interval of repeat customers ({days})',
    default: 'the default interval ({days})',
  },
  atRiskProbability:
    'Probability of still being active {probability} is below the threshold {threshold}',
  newCustomer: 'First purchase {days} ago, within the last {newWithinDays}',
  vipTop:
    'Revenue {revenue} is in the top {topShare} % of customers by revenue (threshold {thresholdRevenue})',
  vipThreshold: 'VIP thresholds met: {conditions}',
  vipRevenue: 'revenue {revenue} ≥ {minRevenue}',
  vipOrders: '{orders} ≥ {minOrders}',
  conditionSeparator: ', ',
  active: 'No other rule applies; last purchase {days} ago',
  custom: "Rule '{name}' fired",
};
