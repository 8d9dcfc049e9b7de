import type { ClassificationCatalog } from './types.js';

/**
 * The Russian texts of the classification reasons. Fractions take the `other` form (1,5 дня).
 *
 * @internal
 */
export const ru: ClassificationCatalog = {
  day: { one: 'день', few: 'дня', many: 'дней', other: 'дня' },
  order: { one: 'заказ', few: 'заказа', many: 'заказов', other: 'заказа' },
  lost: 'Нет покупок {days} — дольше срока в {lostAfterDays}, после которого клиент считается потерянным',
  atRisk: 'Нет покупок {days} — больше, чем {multiple} × {interval}',
  interval: {
    own: 'обычный интервал {days}',
    base: 'медианный интервал постоянных клиентов ({days})',
    default: 'интервал по умолчанию ({days})',
  },
  atRiskProbability:
    'Вероятность того, что клиент ещё активен, {probability} — ниже порога {threshold}',
  newCustomer:
    'Первая покупка {days} назад (новыми считаются клиенты за последние {newWithinDays})',
  vipTop:
    'Выручка {revenue} — в верхних {topShare} % клиентов по выручке (порог {thresholdRevenue})',
  vipThreshold: 'Пороги VIP достигнуты: {conditions}',
  vipRevenue: 'выручка {revenue} ≥ {minRevenue}',
  vipOrders: '{orders} ≥ {minOrders}',
  conditionSeparator: ', ',
  active: 'Другие правила не сработали; последняя покупка {days} назад',
  custom: 'Сработало правило «{name}»',
};
