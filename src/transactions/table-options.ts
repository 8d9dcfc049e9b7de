/**
 * The options that come with a summary table: a function given a table the library built
 * defaults to the table's `asOf`, `timeZone` and `timeUnit`, and refuses a given one that names
 * another value.
 *
 * @module
 */
import { resolveBoundary } from '../core/boundary.js';
import { RetentionMetricsError } from '../core/errors.js';
import { TIME_UNITS } from '../core/instant.js';
import { ownField } from '../core/own.js';
import { resolveZone, type Zone } from '../core/time.js';
import type { Timestamp } from './log.js';
import { type CustomerSummaryTable, summaryTableParts } from './summary-table.js';

/** Options whose `asOf` may be left out: it then comes from the summary table. */
export type TableOptions<O extends { readonly asOf: Timestamp }> = Omit<O, 'asOf'> & {
  readonly asOf?: Timestamp;
};

/**
 * The options of a computation over `summaries` (a segmentation, the P(alive) hook): when they are a table the library produced, its
 * `asOf`, `timeZone` and `timeUnit` fill in those not given, and a given one that names another
 * value is `INVALID_INPUT` naming it (an `asOf` that names the same end in the table's zone and
 * unit is no conflict). Anything else is returned as given, for the options schema to check.
 *
 * @internal
 */
export function optionsForTable(fn: string, summaries: unknown, options: unknown): unknown {
  if (summaryTableParts(summaries) === undefined) return options;
  const table = (summaries as CustomerSummaryTable).options;
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null) return options;
  const given = options as Record<string, unknown>;
  const conflict = (field: string, value: unknown, tableValue: unknown) =>
    new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: options.${field} ${describe(value)} conflicts with the summaries' ${field} ${describe(tableValue)}: give the ${field} the summaries were made with, or leave it out`,
      { path: ['options', field] },
    );
  // Own fields only: a polluted prototype's timeZone is not the caller's.
  const timeZone = ownField(given, 'timeZone');
  const timeUnit = ownField(given, 'timeUnit');
  const asOf = ownField(given, 'asOf');
  if (timeZone !== undefined && typeof timeZone === 'string') {
    const zone = resolveZone(timeZone);
    if (zone !== undefined && zone.name !== table.timeZone) {
      throw conflict('timeZone', timeZone, table.timeZone);
    }
  }
  if (
    timeUnit !== undefined &&
    (TIME_UNITS as readonly unknown[]).includes(timeUnit) &&
    timeUnit !== table.timeUnit
  ) {
    throw conflict('timeUnit', timeUnit, table.timeUnit);
  }
  if (asOf !== undefined) {
    const zone = resolveZone(table.timeZone) as Zone;
    const mine = resolveBoundary(asOf, zone, table.timeUnit);
    const theirs = resolveBoundary(table.asOf, zone, table.timeUnit);
    if (
      mine !== undefined &&
      theirs !== undefined &&
      (mine.end !== theirs.end || mine.at !== theirs.at)
    ) {
      throw conflict('asOf', asOf, table.asOf);
    }
  }
  return {
    ...given,
    asOf: asOf ?? table.asOf,
    timeZone: timeZone ?? table.timeZone,
    timeUnit: timeUnit ?? table.timeUnit,
  };
}

function describe(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return `${value}n`;
  return JSON.stringify(value) ?? String(value);
}
