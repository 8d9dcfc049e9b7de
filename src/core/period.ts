/**
 * Calendar periods: the one mapping from an instant to its day, ISO week, month, quarter or year
 * in a time zone, and back from a period to its first day and first instant.
 *
 * @module
 */
import { daysFromCivil, MS_PER_DAY, monthOfDay, startOfLocalDay, type Zone } from './time.js';

/** A calendar period: purchases are grouped, cohorts formed and durations counted in these. */
export type CalendarUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** The calendar units, in increasing length. */
export const CALENDAR_UNITS: readonly CalendarUnit[] = Object.freeze([
  'day',
  'week',
  'month',
  'quarter',
  'year',
]);

/** Day index → period index, for each unit (1970-01-01 was a Thursday: day + 3 counts from the Monday before). */
function periodOfDayFunction(unit: CalendarUnit): (day: number) => number {
  switch (unit) {
    case 'day':
      return (day) => day;
    case 'week':
      return (day) => Math.floor((day + 3) / 7);
    case 'month':
      return monthOfDay;
    case 'quarter':
      return (day) => Math.floor(monthOfDay(day) / 3);
    case 'year':
      return (day) => Math.floor(monthOfDay(day) / 12);
  }
}

/**
 * The index of the calendar period holding the instant `ms` in `zone`: days since 1970-01-01,
 * ISO weeks (Monday to Sunday) since the week of 1970-01-01, or months, quarters or years since
 * January 1970.
 *
 * @internal
 */
export function periodIndex(ms: number, unit: CalendarUnit, zone: Zone): number {
  return periodKeyFunction(unit, zone)(ms);
}

/**
 * A function from an instant (epoch ms) to its period index (see {@link periodIndex}),
 * specialised for the unit and for fixed-offset zones, for use in hot loops. Zones with daylight
 * saving time read their offsets through the zone's own hour cache (core/time.ts).
 *
 * @internal
 */
export function periodKeyFunction(unit: CalendarUnit, zone: Zone): (ms: number) => number {
  if (zone.fixed) {
    const offset = zone.offsetAt(0);
    if (unit === 'day') return (ms) => Math.floor((ms + offset) / MS_PER_DAY);
    if (unit === 'week')
      return (ms) => Math.floor((Math.floor((ms + offset) / MS_PER_DAY) + 3) / 7);
    const ofDay = periodOfDayFunction(unit);
    return (ms) => ofDay(Math.floor((ms + offset) / MS_PER_DAY));
  }
  const dayOf = (ms: number) => Math.floor((ms + zone.offsetAt(ms)) / MS_PER_DAY);
  if (unit === 'day') return dayOf;
  const ofDay = periodOfDayFunction(unit);
  return (ms) => ofDay(dayOf(ms));
}

/**
 * The first local day (days since 1970-01-01) of a period returned by {@link periodIndex}.
 *
 * @internal
 */
export function periodStartDay(index: number, unit: CalendarUnit): number {
  if (unit === 'day') return index;
  if (unit === 'week') return index * 7 - 3;
  const month = unit === 'month' ? index : unit === 'quarter' ? index * 3 : index * 12;
  const years = Math.floor(month / 12);
  return daysFromCivil(1970 + years, month - years * 12 + 1, 1);
}

/**
 * The first instant (epoch ms) of a period in `zone`: the first instant of its first local day.
 *
 * @internal
 */
export function periodStartInstant(index: number, unit: CalendarUnit, zone: Zone): number {
  return startOfLocalDay(periodStartDay(index, unit) * MS_PER_DAY, zone);
}
