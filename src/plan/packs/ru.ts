/**
 * The Russian plan language pack, exported by the `retention-metrics/locale/ru` entry.
 *
 * @module
 */
import { deepFreeze } from '../../core/freeze.js';
import { ru as texts } from '../catalog/ru.js';
import type { PlanLanguagePack } from '../language-pack.js';

/**
 * The Russian texts of the retention plan and of its rendered document: pass it as the `locale`
 * of `buildRetentionPlan` and `renderRetentionPlan` to write or render a plan in
 * Russian (numbers with the `ru-RU` separators, dates as `1 января 2025 г.`). A separate entry,
 * so that a bundle without Russian plans does not carry these texts.
 *
 * @example
 * ```ts
 * import { buildRetentionPlan, renderRetentionPlan } from 'retention-metrics';
 * import { ru } from 'retention-metrics/locale/ru';
 * const plan = buildRetentionPlan({ locale: ru, metrics: { churnRate: '0.12' } });
 * plan.locale; // => 'ru'
 * plan.title; // => 'План удержания клиентов'
 * renderRetentionPlan(plan, { locale: ru }).split('\n')[0]; // => '# План удержания клиентов'
 * buildRetentionPlan({ locale: 'ru-RU' }); // => throws INVALID_INPUT
 * renderRetentionPlan(plan); // => throws INVALID_INPUT
 * ```
 * @category Plan
 */
export const ru: PlanLanguagePack = /* @__PURE__ */ deepFreeze({ language: 'ru', texts });
