/**
 * `retention-metrics/locale/ru`: the Russian language pack of the retention plan. English is
 * built into the main entry; other languages are separate entries, so that a bundle carries only
 * the languages it imports.
 *
 * @module retention-metrics/locale/ru
 */
export { ru } from './plan/packs/ru.js';
