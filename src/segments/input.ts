import * as z from 'zod/mini';
import { instantIn, instantInputJson, instantInputSchema } from '../core/boundary.js';
import {
  checkLength,
  MAX_TOTAL_EXPONENT,
  TOTAL_BOUNDS,
  withinTotalBounds,
} from '../core/bounds.js';
import { MAX_CENTS } from '../core/cents.js';
import { quotientDecimal } from '../core/decimal-internals.js';
import {
  describeValue,
  formatPath,
  invalidElement,
  isRetentionMetricsError,
  RetentionMetricsError,
} from '../core/errors.js';
import {
  CALENDAR_INSTANT_MIN,
  epochScale,
  INSTANT_MAX,
  instantRequirement,
  type TimeUnit,
} from '../core/instant.js';
import { D, type Decimal, type Numeric, parseNumeric } from '../core/numeric.js';
import { ownField } from '../core/own.js';
import { addIssue, looseObject, nonNegativeMoneyJson, withJson } from '../core/schemas.js';
import { centsOfNumber, type ExactSum } from '../core/sum.js';
import { resolveZone, type Zone } from '../core/time.js';
import { customerIdOf } from '../transactions/internal/rows.js';
import type { CustomerId, Timestamp } from '../transactions/log.js';
import {
  type CustomerSummaryTable,
  type SummaryTableParts,
  summaryTableParts,
} from '../transactions/summary-table.js';

/**
 * The fields of a customer summary that segmentation reads: those of `CustomerSummary` from
 * `summarizeTransactions`, or plain objects with the same fields (from a database, a JSON file).
 */
export interface SegmentationSummary {
  /** The customer; unique in the list. A bigint is kept as a number when a safe integer, else as its string. */
  readonly customerId: CustomerId | bigint;
  /** The first purchase. */
  readonly firstPurchaseAt: Timestamp;
  /** The latest purchase (not after `asOf`). */
  readonly lastPurchaseAt: Timestamp;
  /** Orders (distinct purchase periods), an integer ≥ 1. */
  readonly orders: number;
  /** Revenue of all orders, ≥ 0. */
  readonly totalRevenue: Numeric;
}

/** The same fields as columns of equal length (arrays or typed arrays). */
export interface SegmentationColumns {
  readonly customerId: ArrayLike<CustomerId | bigint>;
  readonly firstPurchaseAt: ArrayLike<Timestamp>;
  readonly lastPurchaseAt: ArrayLike<Timestamp>;
  readonly orders: ArrayLike<number>;
  readonly totalRevenue: ArrayLike<Numeric>;
}

/**
 * Customer summaries as rows, as columns, or as the table `summarizeTransactions` returns (read
 * without validating each row again).
 */
export type SegmentationInput =
  | readonly SegmentationSummary[]
  | SegmentationColumns
  | CustomerSummaryTable;

/**
 * `id`, unless the row `value` at index `i` is a summary table (a list of tables, or of rows and a
 * table): then `INVALID_INPUT` naming `summaries[i]` and what to pass instead.
 *
 * @internal
 */
function notATable(fn: string, value: unknown, i: number, id: unknown): unknown {
  if (summaryTableParts(value) === undefined) return id;
  throw new RetentionMetricsError(
    'INVALID_INPUT',
    `${fn}: summaries[${i}] is a CustomerSummaryTable, not a row: pass the table itself (not inside an array), or its rows with table.toRows()`,
    { path: ['summaries', i] },
  );
}

/**
 * Validated summaries in columns, indexed by input position.
 *
 * @internal
 */
export interface SummaryTable {
  readonly size: number;
  readonly ids: CustomerId[];
  /** Epoch ms. */
  readonly firstAt: Float64Array;
  readonly lastAt: Float64Array;
  readonly orders: Float64Array;
  /** Revenue as a float64, for ordering: equal exact values give equal floats, and a < b gives ≤. */
  readonly revenueApprox: Float64Array;
  /** The exact revenue of row `i` (built on first use: numbers are read by their shortest form). */
  revenueAt(i: number): Decimal;
  /**
   * The exact revenue of row `i` as a decimal string, equal to `revenueAt(i).toString()`; a
   * two-decimal number is printed directly, without building its Decimal.
   */
  revenueText(i: number): string;
  /** Adds the revenue of row `i` to an exact running sum (numbers take its cent fast path). */
  addRevenueTo(sum: ExactSum, i: number): void;
  /** The revenue of row `i` in whole cents when that is exact and below 2^50, else `NaN`. */
  revenueCents(i: number): number;
}

const FIELDS = [
  'customerId',
  'firstPurchaseAt',
  'lastPurchaseAt',
  'orders',
  'totalRevenue',
] as const;
type Field = (typeof FIELDS)[number];

/** Most slots of the cache of revenue Decimals by cent count (see `revenueAt`). */
const CACHE_SLOTS = 1 << 17;

/** How summary timestamps are read. */
export interface TimeReading {
  /** The zone in which a date-only string names a day (its first instant). */
  readonly zone: Zone;
  /** The unit of numeric timestamps. */
  readonly timeUnit: TimeUnit;
}

/**
 * The instant of a summary timestamp in epoch ms, or `undefined` when it is not a plausible
 * instant: numbers and bigints in `timeUnit`, a date-only string at the first instant of its day
 * in the zone (a purchase logged as a date counts as made on that local day).
 */
function timeOf(value: unknown, time: TimeReading, scale: EpochScale): number | undefined {
  // Numbers, the form of typed columns, take the plausible range of their unit directly.
  if (typeof value === 'number') {
    return value >= scale.min && value < scale.max ? scale.toMs(value) : undefined;
  }
  const ms = instantIn(value, time.zone, time.timeUnit);
  return Number.isNaN(ms) ? undefined : ms;
}

type EpochScale = ReturnType<typeof epochScale>;

/** The five columns of the input, checked for shape and equal length. */
function columnsOf(
  fn: string,
  input: unknown,
): { size: number; get: Record<Field, ArrayLike<unknown>> | null } {
  if (Array.isArray(input)) return { size: input.length, get: null };
  if (typeof input !== 'object' || input === null) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: summaries must be an array of customer summaries or an object of columns (received ${describeValue(input)})`,
      { path: ['summaries'] },
    );
  }
  const columns = input as Partial<Record<Field, { length?: unknown }>>;
  let size = -1;
  for (const field of FIELDS) {
    const column = ownField(columns, field) as { length?: unknown } | undefined;
    if (typeof column !== 'object' || column === null || typeof column.length !== 'number') {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: summaries.${field} must be an array (received ${describeValue(column)})`,
        { path: ['summaries', field] },
      );
    }
    checkLength(fn, ['summaries', field], column.length);
    if (size === -1) size = column.length;
    else if (column.length !== size) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: summaries.${field} has ${column.length} values but summaries.customerId has ${size}`,
        { path: ['summaries', field] },
      );
    }
  }
  return { size, get: columns as Record<Field, ArrayLike<unknown>> };
}

/**
 * Validates summaries (rows or columns) into a {@link SummaryTable}: ids unique strings or finite
 * numbers, valid timestamps with first ≤ last, integer orders ≥ 1, finite revenue ≥ 0. The first
 * bad value raises `INVALID_INPUT` naming `summaries[i].field`. An empty list gives an empty table
 * (whether that is an error is the caller's rule).
 * One pass; exact revenue Decimals are only built for amounts given as strings or Decimals, or
 * when asked for.
 *
 * @internal
 */
export function readSummaries(fn: string, input: unknown, time?: TimeReading): SummaryTable {
  const parts = summaryTableParts(input);
  if (parts !== undefined) return readLibraryTable(fn, parts);
  const reading = time ?? { zone: resolveZone('UTC') as Zone, timeUnit: 'ms' };
  const scale = epochScale(reading.timeUnit);
  const { size, get: columns } = columnsOf(fn, input);
  const rows = columns === null ? (input as readonly unknown[]) : null;
  const ids = new Array<CustomerId>(size);
  const firstAt = new Float64Array(size);
  const lastAt = new Float64Array(size);
  const orders = new Float64Array(size);
  const revenueApprox = new Float64Array(size);
  // Exact revenues parsed from strings and Decimals, by row; allocated at the first such row.
  let exact: (Decimal | undefined)[] | null = null;
  const seen = new Map<CustomerId, number>();
  const denseSize = size + 1024;
  const dense = new Int32Array(denseSize);
  for (let i = 0; i < size; i++) {
    let id: unknown;
    let first: unknown;
    let last: unknown;
    let n: unknown;
    let raw: unknown;
    if (rows === null) {
      const c = columns as Record<Field, ArrayLike<unknown>>;
      id = c.customerId[i];
      first = c.firstPurchaseAt[i];
      last = c.lastPurchaseAt[i];
      n = c.orders[i];
      raw = c.totalRevenue[i];
    } else {
      const row = rows[i];
      if (typeof row !== 'object' || row === null) {
        throw invalidElement(fn, 'summaries', i, '', 'an object', row);
      }
      const r = row as Record<Field, unknown>;
      id = r.customerId;
      first = r.firstPurchaseAt;
      last = r.lastPurchaseAt;
      n = r.orders;
      raw = r.totalRevenue;
    }
    // A bigint key becomes a number or its string, as in a log; anything else is refused.
    const key: CustomerId =
      typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))
        ? id
        : customerIdOf(fn, 'summaries', i, rows === null ? id : notATable(fn, rows[i], i, id));
    // Duplicates: small non-negative integer ids in a direct-address table, others in a Map.
    const small = typeof key === 'number' && key >= 0 && key < denseSize && Number.isInteger(key);
    const earlier = small ? (dense[key as number] as number) - 1 : (seen.get(key) ?? -1);
    if (earlier >= 0) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: summaries[${i}].customerId ${JSON.stringify(key)} repeats summaries[${earlier}]: each customer must appear once`,
        { path: ['summaries', i, 'customerId'] },
      );
    }
    if (small) dense[key as number] = i + 1;
    else seen.set(key, i);
    const firstMs = timeOf(first, reading, scale);
    if (firstMs === undefined) {
      throw invalidElement(
        fn,
        'summaries',
        i,
        'firstPurchaseAt',
        instantRequirement(first, reading.timeUnit),
        first,
      );
    }
    const lastMs = timeOf(last, reading, scale);
    if (lastMs === undefined || lastMs < firstMs) {
      throw invalidElement(
        fn,
        'summaries',
        i,
        'lastPurchaseAt',
        lastMs === undefined
          ? instantRequirement(last, reading.timeUnit)
          : 'not before firstPurchaseAt',
        last,
      );
    }
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      throw invalidElement(fn, 'summaries', i, 'orders', 'an integer ≥ 1', n);
    }
    if (typeof raw === 'number' && raw >= 0 && raw < 10 ** MAX_TOTAL_EXPONENT) {
      revenueApprox[i] = raw;
    } else {
      const money = parseNumeric(raw);
      if (money === undefined || money.isNegative() || !withinTotalBounds(money)) {
        throw invalidElement(
          fn,
          'summaries',
          i,
          'totalRevenue',
          money === undefined || money.isNegative()
            ? 'a non-negative finite amount of money'
            : `a non-negative finite amount of money ${TOTAL_BOUNDS}`,
          raw,
        );
      }
      if (exact === null) exact = new Array<Decimal | undefined>(size);
      exact[i] = money;
      revenueApprox[i] = money.toNumber();
    }
    ids[i] = key;
    firstAt[i] = firstMs;
    lastAt[i] = lastMs;
    orders[i] = n;
  }
  return tableOf(size, ids, firstAt, lastAt, orders, revenueApprox, exact);
}

/**
 * A customer summary table the library produced (the result of `summarizeTransactions`),
 * read without per-row validation: its ids are frozen and unique by construction, and one scan
 * of its typed columns — which a caller can still write into — checks what a write could break
 * (finite plausible instants with first ≤ last, integer orders ≥ 1, whole cents ≥ 0 or an exact
 * value). The first bad value raises `INVALID_INPUT` naming `summaries[i].field`.
 */
function readLibraryTable(fn: string, parts: SummaryTableParts): SummaryTable {
  const { ids, cents, exact: exactTotals } = parts;
  const size = ids.length;
  const first = parts.firstAt;
  const last = parts.lastAt;
  const ordersColumn = parts.orders;
  const orders = new Float64Array(size);
  const revenueApprox = new Float64Array(size);
  let exact: (Decimal | undefined)[] | null = null;
  for (let i = 0; i < size; i++) {
    const f = first[i] as number;
    const l = last[i] as number;
    if (!(f >= CALENDAR_INSTANT_MIN && f < INSTANT_MAX)) {
      throw invalidElement(fn, 'summaries', i, 'firstPurchaseAt', TABLE_INSTANT, f);
    }
    if (!(l >= f && l < INSTANT_MAX)) {
      throw invalidElement(
        fn,
        'summaries',
        i,
        'lastPurchaseAt',
        `${TABLE_INSTANT}, not before firstPurchaseAt`,
        l,
      );
    }
    const n = ordersColumn[i] as number;
    if (!(n >= 1)) throw invalidElement(fn, 'summaries', i, 'orders', 'an integer ≥ 1', n);
    orders[i] = n;
    const c = cents[i] as number;
    if (c >= 0 && c < MAX_CENTS && Number.isInteger(c)) {
      revenueApprox[i] = c / 100;
      continue;
    }
    // Beyond 2^50 cents, or off the cent path: the exact value, read once.
    const value = Number.isNaN(c)
      ? exactTotals.get(i)
      : c >= 0 && c < 2 ** 53 && Number.isInteger(c)
        ? quotientDecimal(c, 100)
        : undefined;
    if (value === undefined) {
      throw invalidElement(
        fn,
        'summaries',
        i,
        'totalRevenue',
        'whole cents ≥ 0 (or NaN with an exact value)',
        c,
      );
    }
    if (exact === null) exact = new Array<Decimal | undefined>(size);
    exact[i] = value;
    revenueApprox[i] = value.toNumber();
  }
  return tableOf(size, ids, first, last, orders, revenueApprox, exact);
}

const TABLE_INSTANT = 'epoch milliseconds from 1900 to 2199';

/** The table of validated columns, with exact revenues in `exact` where not from a number. */
function tableOf(
  size: number,
  ids: CustomerId[],
  firstAt: Float64Array,
  lastAt: Float64Array,
  orders: Float64Array,
  revenueApprox: Float64Array,
  exact: (Decimal | undefined)[] | null,
): SummaryTable {
  // Allocated at the first use, at most one slot per customer.
  const slots = Math.min(CACHE_SLOTS, size);
  let cacheKeys: Float64Array | null = null;
  let cacheValues: (Decimal | undefined)[] = [];
  return {
    size,
    ids,
    firstAt,
    lastAt,
    orders,
    revenueApprox,
    addRevenueTo(sum: ExactSum, i: number): void {
      const value = exact?.[i];
      if (value === undefined) sum.addNumber(revenueApprox[i] as number);
      else sum.addDecimal(value);
    },
    revenueCents(i: number): number {
      const value = exact?.[i];
      if (value === undefined) return centsOfNumber(revenueApprox[i] as number);
      const cents = value.times(100);
      return cents.isInteger() && cents.lt(MAX_CENTS) ? cents.toNumber() : Number.NaN;
    },
    revenueText(i: number): string {
      const value = exact?.[i];
      if (value !== undefined) return value.toString();
      const number = revenueApprox[i] as number;
      // Below 2^50 cents, a two-decimal number prints in plain notation, its shortest form, which
      // is the form decimal.js reads and prints.
      return Number.isNaN(centsOfNumber(number)) ? this.revenueAt(i).toString() : String(number);
    },
    revenueAt(i: number): Decimal {
      let value = exact?.[i];
      if (value === undefined) {
        const number = revenueApprox[i] as number;
        const cents = centsOfNumber(number);
        if (Number.isNaN(cents)) value = new D(number);
        else {
          // Decimals are immutable, so customers with the same revenue can share one: a
          // direct-mapped cache by cent count keeps the latest Decimal of each slot.
          if (cacheKeys === null) {
            cacheKeys = new Float64Array(slots).fill(-1);
            cacheValues = new Array<Decimal | undefined>(slots);
          }
          const slot = cents % slots;
          if (cacheKeys[slot] === cents) value = cacheValues[slot] as Decimal;
          else {
            value = quotientDecimal(cents, 100);
            cacheKeys[slot] = cents;
            cacheValues[slot] = value;
          }
        }
      }
      return value;
    },
  };
}

const anyColumn = withJson(
  z.custom<ArrayLike<unknown>>(
    (v) =>
      typeof v === 'object' && v !== null && typeof (v as { length?: unknown }).length === 'number',
    { message: 'must be an array or a typed array' },
  ),
  { type: 'array' },
);

const summaryRowSchema = looseObject({
  customerId: z.union([z.string(), z.number(), z.bigint()]).check(
    z.meta({
      description: 'The customer: a string, a finite number or a bigint, unique in the list.',
    }),
  ),
  firstPurchaseAt: withJson(instantInputSchema.clone(), instantInputJson('The first purchase.')),
  lastPurchaseAt: withJson(
    instantInputSchema.clone(),
    instantInputJson('The latest purchase, not before firstPurchaseAt and not after asOf.'),
  ),
  orders: z
    .number()
    .check(z.meta({ description: 'Orders (distinct purchase periods), an integer ≥ 1.' })),
  totalRevenue: withJson(
    z.unknown(),
    nonNegativeMoneyJson('Revenue of all orders, ≥ 0: a number, a decimal string or a Decimal.'),
  ),
});

const summaryColumnsSchema = looseObject({
  customerId: anyColumn,
  firstPurchaseAt: anyColumn,
  lastPurchaseAt: anyColumn,
  orders: anyColumn,
  totalRevenue: anyColumn,
});

/**
 * The schema of {@link SegmentationInput}: customer summaries as segmentation reads them, rows
 * (`SegmentationSummary[]`, extra fields allowed, as in `CustomerSummary`), columns of equal
 * length, or the table `summarizeTransactions` returns. It accepts exactly what `rfmScores`, `classifyCustomers` and `segmentReport` accept with
 * the default `timeUnit` (`'ms'`): unique ids (strings, finite numbers, or bigints, which are kept
 * as numbers when safe integers and as strings otherwise), plausible timestamps
 * (a `Date` or ISO-8601 string from 1900, epoch milliseconds from 1971, before 2200) with
 * first ≤ last, integer orders ≥ 1, finite revenue ≥ 0. An empty list is valid (it gives no
 * scores or classes). Whether a last purchase is after `asOf` depends on the options and is
 * checked by the functions.
 *
 * @example
 * ```ts
 * import { segmentationInputSchema } from 'retention-metrics';
 * const row = { customerId: 'a', firstPurchaseAt: '2024-01-05', lastPurchaseAt: '2024-03-31', orders: 5, totalRevenue: '500' };
 * segmentationInputSchema.safeParse([row]).success; // => true
 * segmentationInputSchema.safeParse([row, row]).success; // => false
 * segmentationInputSchema.safeParse([{ ...row, orders: 0 }]).error?.issues[0]?.path; // => [0, 'orders']
 * ```
 * @category Schemas
 */
export const segmentationInputSchema: z.ZodMiniType<SegmentationInput, unknown> = z
  .union([
    z.array(summaryRowSchema),
    summaryColumnsSchema,
    z.custom<CustomerSummaryTable>((v) => summaryTableParts(v) !== undefined),
  ])
  .check(
    z.superRefine((value, ctx) => {
      const fn = 'segmentationInputSchema';
      try {
        readSummaries(fn, value);
      } catch (error) {
        if (!isRetentionMetricsError(error)) throw error;
        // The reader names `summaries…`: the schema's root is the summaries themselves.
        const path = error.path.slice(1) as (string | number)[];
        const prefix = `${fn}: ${formatPath(error.path)} `;
        const message = error.message.startsWith(prefix)
          ? error.message.slice(prefix.length)
          : error.message;
        addIssue(ctx, message, path);
      }
    }),
  ) as unknown as z.ZodMiniType<SegmentationInput, unknown>;
