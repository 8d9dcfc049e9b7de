/**
 * Date boundaries: the one rule for what `asOf`, `periodStart`, `periodEnd`, `calibrationEnd`,
 * `observationEnd` and cohort starts mean.
 *
 * A date-only string (`'2024-06-30'`, `'20240630'`) names a whole calendar day in the time zone of
 * the computation. As an end it includes that whole day: the end is the next day's first instant,
 * exclusive. As a start it begins at the day's first instant. Any other timestamp names an instant:
 * as an end it is included, as a start the period begins at it. Durations to an end are measured
 * to the next day's first instant for a date-only end, to the instant itself otherwise.
 *
 * @module
 */
import * as z from 'zod/mini';
import { describeValue, RetentionMetricsError } from './errors.js';
import {
  CALENDAR_INSTANT_MIN,
  INSTANT_MAX,
  instantOf,
  instantRequirement,
  isDateOnly,
  type TimeUnit,
} from './instant.js';
import { addIssue, type JsonSchema, withJson } from './schemas.js';
import {
  calendarClock,
  isoTimestampMs,
  MS_PER_DAY,
  resolveZone,
  startOfLocalDay,
  type TimeZone,
  type Zone,
} from './time.js';

/**
 * The schema of a {@link TimeZone}: `'UTC'`, a fixed offset such as `'+03:00'`, or an IANA name.
 *
 * @category Schemas
 */
export const timeZoneSchema = /* @__PURE__ */ (() =>
  z.string().check(
    z.superRefine((value, ctx) => {
      if (resolveZone(value) === undefined) {
        addIssue(
          ctx,
          `must be 'UTC', an offset such as '+03:00', or an IANA time zone (received ${describeValue(value)})`,
          [],
        );
      }
    }),
  ))();

/**
 * The schema of a boundary value before its unit and zone are known: a `Date`, a string, a finite
 * number or a bigint. It keeps the raw value; {@link checkBoundaries} (in the options schema) and
 * {@link boundaryOf} resolve it with the options' `timeUnit` and `timeZone` and check its range.
 *
 * @internal
 */
export const instantInputSchema = /* @__PURE__ */ (() =>
  withJson(
    z.custom<Date | string | number | bigint>(
      (value) =>
        typeof value === 'string' ||
        typeof value === 'bigint' ||
        (typeof value === 'number' && Number.isFinite(value)) ||
        (value instanceof Date && !Number.isNaN(value.getTime())),
      { message: 'must be a Date, an ISO-8601 string, or an epoch timestamp (number or bigint)' },
    ),
    instantInputJson(),
  ))();

/**
 * The JSON Schema of a boundary or purchase time in JSON (where a `Date` or a bigint cannot
 * occur): a string (ISO-8601; any string, since the library also reads forms such as a date-time
 * without an offset that `format: 'date-time'` would refuse) or a number in `timeUnit`. Given to
 * {@link instantInputSchema} and to every schema of a time field built from it (`.check()` and
 * `.clone()` make new schemas, which carry no fragment of their own).
 *
 * @param description - The field's description; by default the one of any boundary.
 * @internal
 */
export function instantInputJson(
  description = 'An ISO-8601 date or date-time (UTC unless an offset is given; a date-only string names its whole day in timeZone), or an epoch timestamp in timeUnit (1971 to 2199).',
): JsonSchema {
  return {
    anyOf: [
      { type: 'string', format: 'date-time' },
      { type: 'string', format: 'date' },
      { type: 'string' },
      { type: 'number' },
    ],
    description,
  };
}

/** A resolved date boundary, in epoch milliseconds. */
export interface Boundary {
  /** True when it was given as a date-only string, naming a whole local day. */
  readonly dateOnly: boolean;
  /** The first instant it names: the day's first instant for a date-only value, else the instant. */
  readonly start: number;
  /** The exclusive end: the next local day's first instant for a date-only value, else the instant + 1 ms. */
  readonly end: number;
  /** Where durations to it are measured to as an end: `end` for a date-only value, else the instant. */
  readonly at: number;
}

/**
 * The instant a timestamp value names in `zone`, in epoch ms, or `NaN` when it is not a plausible
 * instant: a date-only string is the first instant of that local day (a purchase logged as a date
 * counts as made on that day), numbers and bigints are read in `timeUnit`. The one reading of a
 * purchase time, used by the log reader, the segmentation reader and the models.
 *
 * @internal
 */
export function instantIn(raw: unknown, zone: Zone, timeUnit: TimeUnit = 'ms'): number {
  if (typeof raw === 'string') {
    // The text path of every reader: one scan, no Date, no regular expression.
    const ms = isoTimestampMs(raw);
    if (!(ms >= CALENDAR_INSTANT_MIN && ms < INSTANT_MAX)) return Number.NaN;
    // A valid string of at most 10 characters is a date-only one.
    return raw.length <= 10 ? startOfLocalDay(ms, zone) : ms;
  }
  const ms = instantOf(raw, timeUnit);
  return !Number.isNaN(ms) && isDateOnly(raw) ? startOfLocalDay(ms, zone) : ms;
}

/**
 * Resolves a boundary value in `zone`, reading numbers and bigints in `timeUnit`, or returns
 * `undefined` when it is not a plausible instant.
 *
 * @internal
 */
export function resolveBoundary(
  raw: unknown,
  zone: Zone,
  timeUnit: TimeUnit = 'ms',
): Boundary | undefined {
  const ms = instantOf(raw, timeUnit);
  if (Number.isNaN(ms)) return undefined;
  if (isDateOnly(raw)) {
    const start = startOfLocalDay(ms, zone);
    const end = startOfLocalDay(ms + MS_PER_DAY, zone);
    return { dateOnly: true, start, end, at: end };
  }
  return { dateOnly: false, start: ms, end: ms + 1, at: ms };
}

/**
 * The instant `days` days before `ms` on the calendar of `zone` (see `calendarClock`): the first
 * instant whose calendar clock is at least `days` × 86,400,000 before that of `ms`. From a day's
 * first instant (a date-only boundary) this is the first instant of the local day `days` days
 * earlier, so a window of whole days counted back from a boundary holds whole local days even
 * across a daylight-saving change (a 23- or 25-hour day counts as one day).
 *
 * @internal
 */
export function calendarDaysBefore(ms: number, days: number, zone: Zone): number {
  if (zone.fixed) return ms - days * MS_PER_DAY;
  const target = calendarClock(ms, zone) - days * MS_PER_DAY;
  const day = Math.floor(target / MS_PER_DAY);
  const start = startOfLocalDay(day * MS_PER_DAY, zone);
  const length = startOfLocalDay((day + 1) * MS_PER_DAY, zone) - start;
  // The scaled time into the day back to elapsed time, then the first instant at the target.
  let at = start + Math.floor(((target - day * MS_PER_DAY) * length) / MS_PER_DAY);
  while (calendarClock(at, zone) < target) at++;
  while (at > start && calendarClock(at - 1, zone) >= target) at--;
  return at;
}

/**
 * Resolves a boundary value or throws `INVALID_INPUT` naming `field` and the accepted forms, with
 * the unit a misread number looks like.
 *
 * @internal
 */
export function boundaryOf(
  fn: string,
  field: string,
  raw: unknown,
  zone: Zone,
  timeUnit: TimeUnit = 'ms',
): Boundary {
  const boundary = resolveBoundary(raw, zone, timeUnit);
  if (boundary !== undefined) return boundary;
  throw new RetentionMetricsError(
    'INVALID_INPUT',
    `${fn}: ${field} must be ${instantRequirement(raw, timeUnit)} (received ${describeValue(raw)})`,
    { path: field.split('.') },
  );
}

/**
 * For an options schema's `superRefine`: resolves each named boundary field of `value` with its
 * `timeZone` (default UTC) and `timeUnit` (default ms), and adds an `INVALID_INPUT` issue at the
 * field when it is not a plausible instant. Fields that are absent are skipped; a bad `timeZone`
 * or `timeUnit` is reported by its own schema.
 *
 * @internal
 */
export function checkBoundaries(
  ctx: z.core.$RefinementCtx,
  value: { readonly timeZone?: unknown; readonly timeUnit?: unknown } & Record<string, unknown>,
  fields: readonly string[],
): void {
  const zone = resolveZone(typeof value.timeZone === 'string' ? value.timeZone : 'UTC');
  const unit = (typeof value.timeUnit === 'string' ? value.timeUnit : 'ms') as TimeUnit;
  if (zone === undefined || !['s', 'ms', 'us', 'ns'].includes(unit)) return;
  for (const field of fields) {
    const raw = value[field];
    if (raw === undefined) continue;
    if (resolveBoundary(raw, zone, unit) === undefined) {
      addIssue(
        ctx,
        `must be ${instantRequirement(raw, unit)} (received ${describeValue(raw)})`,
        [field],
        'INVALID_INPUT',
        raw,
      );
    }
  }
}
