import { FOLD_AT, moneyOf } from '../../core/cents.js';
import { MAX_ISSUES } from '../../core/errors.js';
import { CALENDAR_INSTANT_MIN, INSTANT_MAX } from '../../core/instant.js';
import { periodKeyFunction } from '../../core/period.js';
import { MS_PER_DAY, startOfLocalDay } from '../../core/time.js';
import { compareCustomerIds } from '../customer-summary.js';
import type { CustomerId, ResolvedOptions } from '../log.js';
import type { BatchAggregate } from './aggregate.js';

/**
 * A field of one customer of a stored accumulator state, as both stored forms (JSON and binary)
 * hold it.
 *
 * @internal
 */
export type StoredField =
  | 'customerId'
  | 'firstAt'
  | 'lastAt'
  | 'periods'
  | 'firstOrderAmount'
  | 'totalAmount'
  | 'rows';

/**
 * One inconsistency of a stored state: customer `customer`'s `field` (its `element`-th period for
 * `periods`), or, with `customer` −1, an option (`element` = its index in `options`) or
 * `rowsAfterAsOf`.
 *
 * @internal
 */
export interface StoredIssue {
  readonly customer: number;
  readonly field: StoredField | 'options' | 'rowsAfterAsOf';
  readonly element?: number;
  readonly message: string;
}

/** The issues found (at most {@link MAX_ISSUES}) and how many there were in all. @internal */
export interface StoredIssues {
  readonly issues: StoredIssue[];
  readonly count: number;
  /** Whether the ids are in strictly ascending canonical order (as the library writes them). */
  readonly ascending: boolean;
}

const INSTANTS = 'an integer epoch ms from 1900 to 2199';

/**
 * The one consistency check of a restored accumulator state, used by the JSON and the binary
 * reader alike: it accepts only what the library itself writes. Shapes and types have been
 * checked by the reader; `batch` is the state decoded (ids, times, row counts, periods by
 * customer, money as cents plus exact parts) and `options` the options it was written under.
 *
 * Per customer: the id appears once; `firstAt ≤ lastAt`, both whole ms from 1900 and before the
 * end of `asOf`; the periods are integers, strictly ascending, and the first and last are the
 * periods of `firstAt` and `lastAt` under the stored granularity and time zone (the instants
 * themselves without granularity); `rows` is an integer no smaller than the number of periods;
 * the first order's amount is at most the total, and equal to it with one period. Whole-cent
 * amounts are integers below 2^52. The options: `end − 1` is within 1900-2199; `at` is `end` (a
 * date-only `asOf`: then `end` is the first instant of a local day in the zone), `end − 1` (an
 * instant), or, with a granularity, an instant of the last period (a version 1 state written again).
 *
 * Cost: one pass over the customers and their periods, two period keys per customer.
 *
 * @internal
 */
export function storedStateIssues(
  batch: BatchAggregate,
  options: ResolvedOptions,
  rowsAfterAsOf: number,
  checkOptions: boolean,
): StoredIssues {
  const issues: StoredIssue[] = [];
  let count = 0;
  const report = (
    customer: number,
    field: StoredIssue['field'],
    message: string,
    element?: number,
  ) => {
    count++;
    if (issues.length < MAX_ISSUES) {
      issues.push(
        element === undefined
          ? { customer, field, message }
          : { customer, field, element, message },
      );
    }
  };
  const { end, at, granularity, zone } = options;
  const keyOf = granularity === 'none' ? (ms: number) => ms : periodKeyFunction(granularity, zone);
  if (checkOptions) {
    if (!Number.isInteger(end) || !(end - 1 >= CALENDAR_INSTANT_MIN && end - 1 < INSTANT_MAX)) {
      report(-1, 'options', `must hold the end of asOf as ${INSTANTS} (received ${end})`, 0);
    } else if (
      !Number.isInteger(at) ||
      at > end ||
      !(at >= end - 1 || (granularity !== 'none' && keyOf(at) === keyOf(end - 1)))
    ) {
      // A state of version 1 written again keeps its asOf, an instant in the last period.
      report(
        -1,
        'options',
        `must be the end of asOf (${end}), the instant before it, or with a granularity an instant of its last period (received ${at})`,
        1,
      );
    } else if (at === end) {
      const day = Math.floor((end + zone.offsetAt(end)) / MS_PER_DAY);
      if (startOfLocalDay(day * MS_PER_DAY, zone) !== end) {
        report(
          -1,
          'options',
          `must be the first instant of a day in ${zone.name} when at equals it, as for a date-only asOf (received ${end})`,
          0,
        );
      }
    }
  }
  if (!Number.isSafeInteger(rowsAfterAsOf) || rowsAfterAsOf < 0) {
    report(-1, 'rowsAfterAsOf', `must be a non-negative integer (received ${rowsAfterAsOf})`);
  }
  const { ids, firstAt, lastAt, rows, keyStart, keys, firstCents, cents, exact, firstExact } =
    batch;
  const m = ids.length;
  // Ids in strictly ascending order (as the library writes them) are distinct without a Set.
  let ascending = true;
  for (let c = 1; c < m && ascending; c++) {
    ascending = compareCustomerIds(ids[c - 1] as CustomerId, ids[c] as CustomerId) < 0;
  }
  const seen = ascending ? null : new Set<CustomerId>();
  let total = rowsAfterAsOf;
  for (let c = 0; c < m; c++) {
    if (seen !== null) {
      const id = ids[c] as CustomerId;
      if (seen.has(id)) report(c, 'customerId', `repeats customer ${JSON.stringify(id)}`);
      seen.add(id);
    }
    const first = firstAt[c] as number;
    const last = lastAt[c] as number;
    const firstOk = Number.isInteger(first) && first >= CALENDAR_INSTANT_MIN && first < end;
    const lastOk = Number.isInteger(last) && last >= CALENDAR_INSTANT_MIN && last < end;
    if (!firstOk)
      report(c, 'firstAt', `must be ${INSTANTS} before the end of asOf (received ${first})`);
    if (!lastOk)
      report(c, 'lastAt', `must be ${INSTANTS} before the end of asOf (received ${last})`);
    else if (firstOk && first > last) {
      report(c, 'lastAt', `must not be before firstAt (${first}) (received ${last})`);
    }
    const from = keyStart[c] as number;
    const to = keyStart[c + 1] as number;
    let ordered = true;
    for (let j = from; j < to; j++) {
      const key = keys[j] as number;
      if (!Number.isInteger(key)) {
        report(c, 'periods', `must be integers (received ${key})`, j - from);
        ordered = false;
      } else if (j > from && !(key > (keys[j - 1] as number))) {
        report(
          c,
          'periods',
          `must be strictly ascending, each period once (received ${key} after ${keys[j - 1]})`,
          j - from,
        );
        ordered = false;
      }
    }
    if (ordered && firstOk && lastOk && to > from) {
      const firstKey = keyOf(first);
      const lastKey = keyOf(last);
      const what = granularity === 'none' ? 'firstAt itself' : `the ${granularity} of firstAt`;
      if (keys[from] !== firstKey) {
        report(c, 'periods', `must start with ${what} (${firstKey}) (received ${keys[from]})`, 0);
      }
      if (keys[to - 1] !== lastKey) {
        report(
          c,
          'periods',
          `must end with ${what.replace('firstAt', 'lastAt')} (${lastKey}) (received ${keys[to - 1]})`,
          to - 1 - from,
        );
      }
    }
    const n = rows[c] as number;
    if (!Number.isSafeInteger(n) || n < to - from) {
      report(
        c,
        'rows',
        `must be an integer no smaller than the number of periods, ${to - from} (received ${n})`,
      );
    } else total += n;
    const firstWhole = firstCents[c] as number;
    const totalWhole = cents[c] as number;
    const wholeOk = (v: number) => Number.isInteger(v) && v >= 0 && v < FOLD_AT;
    if (!wholeOk(firstWhole) || !wholeOk(totalWhole)) {
      report(
        c,
        wholeOk(firstWhole) ? 'totalAmount' : 'firstOrderAmount',
        'must be whole cents from 0 to 2^52',
      );
      continue;
    }
    const firstMore = firstExact.get(c);
    const more = exact.get(c);
    const order =
      firstMore === undefined && more === undefined
        ? Math.sign(firstWhole - totalWhole)
        : moneyOf(firstWhole, firstMore).comparedTo(moneyOf(totalWhole, more));
    if (order > 0 || (to - from === 1 && order !== 0)) {
      report(
        c,
        'firstOrderAmount',
        to - from === 1
          ? 'must equal totalAmount when there is one period'
          : 'must not exceed totalAmount',
      );
    }
  }
  if (!Number.isSafeInteger(total)) {
    report(-1, 'rowsAfterAsOf', 'and the rows of the customers must add up to a safe integer');
  }
  return { issues, count, ascending };
}
