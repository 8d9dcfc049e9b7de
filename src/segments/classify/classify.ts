/**
 * The lifecycle classification: {@link classifyCustomers}.
 *
 * @module
 */

import { describeValue, parseInput, RetentionMetricsError } from '../../core/errors.js';
import { NO_FIELDS } from '../../core/own.js';
import type { FormOption } from '../../core/row-view.js';
import { calendarClock, calendarClocks, MS_PER_DAY } from '../../core/time.js';
import type { CustomerId } from '../../transactions/log.js';
import type { CustomerSummaryTable } from '../../transactions/summary-table.js';
import {
  checkLastPurchases,
  optionsForTable,
  resolveAsOf,
  type TableOptions,
  tableOptionsOf,
} from '../as-of.js';
import { readSummaries, type SegmentationInput } from '../input.js';
import { CLASS_SEGMENT_CODES, type CustomerClassTable, classTableOf } from './class-table.js';
import { classifyOptionsParser } from './options.js';
import {
  AT_RISK_BIT,
  FLAG_SETS,
  LOST_BIT,
  medianRepeatInterval,
  NEW_BIT,
  topShareThreshold,
  VIP_BIT,
} from './rules.js';
import {
  BUILT_IN_PRIORITIES,
  BUILT_IN_SEGMENTS,
  type BuiltInRule,
  type ClassificationReason,
  type ClassifiedCustomer,
  type ClassifyOptions,
  type CustomerFacts,
  type IntervalSource,
  type ReasonValue,
  type SegmentName,
} from './types.js';

/**
 * Classifies customers into lifecycle segments (VIP, new, at-risk, active, lost) so that each group
 * can get its own retention tactics, with the reasons for every classification.
 *
 * Each rule is tested on every customer independently; every rule that fires becomes a flag, and
 * the fired rule with the highest priority decides the segment. When no rule fires the customer is
 * `'active'`. Days are fractional days on the calendar of `timeZone` (each local day counts one,
 * whatever its length; docs/conventions.md section 1), measured to the end of a date-only `asOf`
 * (the next day's first instant in `timeZone`) or to an `asOf` instant; a date-only summary
 * timestamp is the first instant of its day in `timeZone`.
 *
 * | priority | rule | fires when (defaults) |
 * |---|---|---|
 * | 400 | `new` | days since the first purchase ≤ `newWithinDays` (30) |
 * | 300 | `lost` | days since the last purchase > `lostAfterDays` (365) |
 * | 200 | `at-risk` | days since the last purchase > `multiple` (2) × the customer's typical interval; or, with `atRisk.aliveProbability`, P(alive) < its threshold (instead) |
 * | 100 | `vip` | revenue in the top `topShare` (20 %) of customers; or revenue ≥ `minRevenue` and orders ≥ `minOrders` |
 * | — | `active` | no rule fired |
 *
 * - **New beats at-risk and lost**: a customer who arrived within `newWithinDays` has just
 *   arrived, so is `'new'` even when the at-risk rule fires (a one-time buyer is measured against
 *   the base's median interval, which may be shorter than the time since a recent first purchase)
 *   or when `lostAfterDays` is set below `newWithinDays`; the other flags stay visible.
 * - **Lost beats at-risk**: a customer gone for longer than `lostAfterDays` is `'lost'`.
 * - **At-risk beats VIP**: a VIP who is at risk is `'at-risk'` with the `'vip'` flag.
 * - **Typical interval**: `(last − first) / (orders − 1)` days for a customer with at least two
 *   orders. One-time buyers, and repeat customers whose first and last purchases coincide, use the
 *   median of the positive intervals of all repeat customers (`intervalSource: 'base'`), or
 *   `atRisk.fallbackIntervalDays` (90) when there are none (`'default'`).
 * - **VIP by share**: let k = ⌈topShare × n⌉ (exact); the threshold is the revenue of the k-th
 *   customer by revenue, descending, and every customer with revenue ≥ the threshold is VIP, so
 *   ties at the boundary are all included (VIP may be more than `topShare` of customers).
 *   Revenue is compared exactly. A customer with revenue 0 is never VIP (by share or threshold).
 * - **Custom rules** (`rules`): a name, a segment (built-in or new), a priority (any finite number
 *   other than 400, 300, 200, 100 and other rules' priorities) and a test over
 *   {@link CustomerFacts}. `disable` switches rules off by name.
 * - **Reasons**: one per flag (one `'active'` reason when none fired), each the rule and the
 *   compared numbers in `values` (days as numbers, money as exact strings). They are data, so a
 *   million customers cost no sentences; {@link formatReason} writes one in English or Russian.
 *
 * Output is in input order. Cost: O(n log n) for the median and the VIP threshold.
 *
 * @param summaries - Customer summaries (rows or columns), e.g. from `summarizeTransactions`.
 * @param options - {@link ClassifyOptions}; `asOf` is required; `form`: `'table'` (default) or
 *   `'rows'`.
 * @returns A {@link CustomerClassTable}, one row per input customer in input order (length 0 for
 *   no summaries): segment codes (`segmentNames`, built-in codes {@link CLASS_SEGMENT_CODES}), one
 *   0/1 column per rule, the days since the last purchase, and reasons built only when asked for
 *   (`reasonsOf(i)`, the row view); `toRows()` gives the {@link ClassifiedCustomer} rows. With
 *   `form: 'rows'` those rows as an array (`[]` for no summaries).
 * @throws {RetentionMetricsError} `INVALID_INPUT` when `asOf` is missing, an option is outside its
 *   domain (a share not in (0, 1], a negative number of days, an unknown rule name in `disable`, a
 *   custom rule that repeats a name or a priority), a summary is malformed (negative revenue,
 *   duplicate customer id, …), a last purchase is after `asOf`, or a P(alive) is not in [0, 1].
 *
 * @example
 * ```ts
 * import { classifyCustomers, formatReason } from 'retention-metrics';
 * const summaries = [
 *   { customerId: 'ann', firstPurchaseAt: '2023-01-01', lastPurchaseAt: '2024-05-20', orders: 12, totalRevenue: 1200 },
 *   { customerId: 'bob', firstPurchaseAt: '2024-05-25', lastPurchaseAt: '2024-05-25', orders: 1, totalRevenue: 40 },
 *   { customerId: 'cat', firstPurchaseAt: '2022-01-01', lastPurchaseAt: '2023-01-01', orders: 3, totalRevenue: 300 },
 *   { customerId: 'dan', firstPurchaseAt: '2024-01-01', lastPurchaseAt: '2024-03-01', orders: 3, totalRevenue: 90 },
 *   { customerId: 'eve', firstPurchaseAt: '2024-02-01', lastPurchaseAt: '2024-05-01', orders: 4, totalRevenue: 100 },
 * ];
 * const table = classifyCustomers(summaries, { asOf: '2024-06-01' });
 * Array.from(table, (c) => c.segment); // => ['vip', 'new', 'lost', 'at-risk', 'active']
 * [...table.columns.segment]; // => [3, 0, 1, 2, 4]
 * table.segmentNames[table.columns.segment[3] ?? 0]; // => 'at-risk'
 * [...(table.columns.flags['at-risk'] ?? [])]; // => [0, 0, 1, 1, 0]
 * table.reasonsOf(3)[0]?.values.intervalDays; // => 30
 * formatReason(table.reasonsOf(3)[0]!); // => 'No purchase for 93 days, more than 2 × the usual interval of 30 days'
 * formatReason(table.row(3).reasons[0]!, { locale: 'ru' }); // => 'Нет покупок 93 дня — больше, чем 2 × обычный интервал 30 дней'
 * classifyCustomers(summaries, {} as never); // => throws INVALID_INPUT
 *
 * const rows = classifyCustomers(summaries, { asOf: '2024-06-01', form: 'rows' });
 * rows.map((c) => c.segment); // => ['vip', 'new', 'lost', 'at-risk', 'active']
 * ```
 * @category Segmentation
 */
export function classifyCustomers(
  summaries: CustomerSummaryTable,
  options: TableOptions<ClassifyOptions> & FormOption<'rows'>,
): ClassifiedCustomer[];
export function classifyCustomers(
  summaries: CustomerSummaryTable,
  options?: TableOptions<ClassifyOptions> & Partial<FormOption<'table'>>,
): CustomerClassTable;
export function classifyCustomers(
  summaries: SegmentationInput,
  options: ClassifyOptions & FormOption<'rows'>,
): ClassifiedCustomer[];
export function classifyCustomers(
  summaries: SegmentationInput,
  options: ClassifyOptions & Partial<FormOption<'table'>>,
): CustomerClassTable;
export function classifyCustomers(
  summaries: SegmentationInput,
  options: ClassifyOptions & Partial<FormOption<'rows' | 'table'>>,
): CustomerClassTable | ClassifiedCustomer[];
export function classifyCustomers(
  summaries: SegmentationInput,
  options?: TableOptions<ClassifyOptions>,
): ClassifiedCustomer[] | CustomerClassTable {
  const fn = 'classifyCustomers';
  const o = parseInput(
    fn,
    classifyOptionsParser,
    optionsForTable(fn, summaries, options),
    'options',
  );
  const time = resolveAsOf(fn, o);
  const t = readSummaries(fn, summaries, time.reading);
  const n = t.size;
  const tableForm = o.form !== 'rows';
  if (n === 0 && !tableForm) return [];
  checkLastPurchases(fn, t, time);
  // Instants on the zone's calendar clock: durations in days (conventions).
  const zone = time.reading.zone;
  const asOf = calendarClock(time.boundary.at, zone);
  // The clocks are kept in the columns of days since the first and last purchase, each read
  // before it is overwritten below.
  const daysSinceLast = new Float64Array(n);
  const daysSinceFirst = new Float64Array(n);
  const firstClock = calendarClocks(t.firstAt, zone, daysSinceFirst);
  const lastClock = calendarClocks(t.lastAt, zone, daysSinceLast);
  const disabled = new Set(o.disable ?? []);
  const on = (rule: string) => !disabled.has(rule);

  const lostAfterDays = o.lostAfterDays ?? 365;
  const newWithinDays = o.newWithinDays ?? 30;
  const multiple = o.atRisk?.multiple ?? 2;
  const hook = o.atRisk?.aliveProbability;
  const median =
    hook === undefined && n > 0 ? medianRepeatInterval(t, firstClock, lastClock) : undefined;
  const baseInterval = median ?? o.atRisk?.fallbackIntervalDays ?? 90;
  const baseSource = median === undefined ? DEFAULT_SOURCE : BASE_SOURCE;

  const vipOptions = o.vip ?? NO_FIELDS;
  const byThreshold = vipOptions.minRevenue !== undefined || vipOptions.minOrders !== undefined;
  const topShare = vipOptions.topShare ?? 0.2;
  const top = on('vip') && !byThreshold && n > 0 ? topShareThreshold(t, topShare) : undefined;
  const topThresholdText = top?.exact.toString() ?? '';
  const minRevenue = vipOptions.minRevenue;
  const minRevenueText = minRevenue?.toString();
  const minOrders = vipOptions.minOrders;
  const vipByThreshold = byThreshold && on('vip');

  const rules = [...(o.rules ?? [])].filter((r) => on(r.name));
  rules.sort((a, b) => b.priority - a.priority);
  const lostOn = on('lost');
  const atRiskOn = on('at-risk');
  const newOn = on('new');

  // The rules in bulk: built-in flags as bits (highest priority in the highest bit), and what
  // their reasons need, in typed columns.
  const mask = new Uint8Array(n);
  const intervals = new Float64Array(n);
  const sources = new Uint8Array(n);
  const probabilities = hook === undefined ? null : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const first = firstClock[i] as number;
    const last = lastClock[i] as number;
    const orders = t.orders[i] as number;
    const sinceLast = (asOf - last) / MS_PER_DAY;
    const sinceFirst = (asOf - first) / MS_PER_DAY;
    daysSinceLast[i] = sinceLast;
    daysSinceFirst[i] = sinceFirst;
    let interval = baseInterval;
    let source = baseSource;
    if (orders >= 2 && last > first) {
      interval = (last - first) / MS_PER_DAY / (orders - 1);
      source = OWN_SOURCE;
    }
    intervals[i] = interval;
    sources[i] = source;
    let bits = 0;
    if (newOn && sinceFirst <= newWithinDays) bits |= NEW_BIT;
    if (lostOn && sinceLast > lostAfterDays) bits |= LOST_BIT;
    if (atRiskOn) {
      if (hook !== undefined) {
        const id = t.ids[i] as CustomerId;
        const p = hook.probability(id);
        if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
          throw new RetentionMetricsError(
            'INVALID_INPUT',
            `${fn}: atRisk.aliveProbability.probability(${JSON.stringify(id)}) must return a number from 0 to 1 (received ${describeValue(p)})`,
            { path: ['options', 'atRisk', 'aliveProbability', 'probability'] },
          );
        }
        (probabilities as Float64Array)[i] = p;
        if (p < hook.threshold) bits |= AT_RISK_BIT;
      } else if (sinceLast > multiple * interval) bits |= AT_RISK_BIT;
    }
    // The exact revenue is built only where a rule needs it (most customers are decided by
    // the float image, which orders exactly like the exact values).
    if (top !== undefined) {
      const approx = t.revenueApprox[i] as number;
      if (
        approx > top.approx ||
        (approx === top.approx && !t.revenueAt(i).isZero() && t.revenueAt(i).gte(top.exact))
      ) {
        bits |= VIP_BIT;
      }
    } else if (
      vipByThreshold &&
      !t.revenueAt(i).isZero() &&
      (minRevenue === undefined || t.revenueAt(i).gte(minRevenue)) &&
      (minOrders === undefined || orders >= minOrders)
    ) {
      bits |= VIP_BIT;
    }
    mask[i] = bits;
  }

  /** The reason of built-in rule `rule` for customer `i` (its flag is set). */
  const builtInReason = (rule: string, i: number): ClassificationReason => {
    switch (rule) {
      case 'new':
        return {
          rule,
          values: { daysSinceFirstPurchase: daysSinceFirst[i] as number, newWithinDays },
        };
      case 'lost':
        return {
          rule,
          values: { daysSinceLastPurchase: daysSinceLast[i] as number, lostAfterDays },
        };
      case 'at-risk':
        return probabilities !== null && hook !== undefined
          ? {
              rule,
              values: { probabilityAlive: probabilities[i] as number, threshold: hook.threshold },
            }
          : {
              rule,
              values: {
                daysSinceLastPurchase: daysSinceLast[i] as number,
                multiple,
                intervalDays: intervals[i] as number,
                intervalSource: SOURCES[sources[i] as number] as IntervalSource,
              },
            };
      default: {
        if (top !== undefined) {
          return {
            rule,
            values: { revenue: t.revenueText(i), topShare, thresholdRevenue: topThresholdText },
          };
        }
        const values: Record<string, ReasonValue> = {
          revenue: t.revenueText(i),
          orders: t.orders[i] as number,
        };
        if (minRevenueText !== undefined) values.minRevenue = minRevenueText;
        if (minOrders !== undefined) values.minOrders = minOrders;
        return { rule, values };
      }
    }
  };
  const activeReason = (i: number): ClassificationReason => ({
    rule: 'active',
    values: { daysSinceLastPurchase: daysSinceLast[i] as number },
  });

  const segmentNames: SegmentName[] = [...BUILT_IN_SEGMENTS];
  const flagNames: string[] = [];
  for (const [rule, bit] of BUILT_IN_BITS) if (on(rule) && bit !== 0) flagNames.push(rule);
  let flagsOf: (i: number) => readonly string[];
  let reasonsOf: (i: number) => ClassificationReason[];
  const segment = new Uint8Array(n);
  let segmentColumn: Uint8Array | Uint16Array = segment;

  if (rules.length === 0) {
    for (let i = 0; i < n; i++) segment[i] = SEGMENT_BY_MASK[mask[i] as number] as number;
    flagsOf = (i) => FLAG_SETS[mask[i] as number] as readonly string[];
    reasonsOf = (i) => {
      const flags = FLAG_SETS[mask[i] as number] as readonly string[];
      if (flags.length === 0) return [activeReason(i)];
      // A plain loop: reasons of every customer are asked for in bulk (a report of all of them).
      const reasons = new Array<ClassificationReason>(flags.length);
      for (let k = 0; k < flags.length; k++) reasons[k] = builtInReason(flags[k] as string, i);
      return reasons;
    };
  } else {
    // Custom rules see each customer's facts: their flags and reasons are kept per customer,
    // with the built-in reasons among them left to be built when asked for.
    const ruleSegment = new Map(rules.map((r) => [r.name, r.segment]));
    const priorityOf = new Map<string, number>(Object.entries(BUILT_IN_PRIORITIES));
    for (const r of rules) priorityOf.set(r.name, r.priority);
    for (const r of rules) if (!segmentNames.includes(r.segment)) segmentNames.push(r.segment);
    const codeOf = new Map(segmentNames.map((name, k) => [name, k]));
    if (segmentNames.length > 256) segmentColumn = new Uint16Array(n);
    flagNames.push(...rules.map((r) => r.name));
    flagNames.sort((a, b) => (priorityOf.get(b) as number) - (priorityOf.get(a) as number));
    const customFlags = new Array<string[]>(n);
    const customReasons = new Array<(ClassificationReason | null)[]>(n);
    for (let i = 0; i < n; i++) {
      const own: string[] = [...(FLAG_SETS[mask[i] as number] as readonly string[])];
      const reasons: (ClassificationReason | null)[] = own.map(() => null);
      const facts: CustomerFacts = {
        customerId: t.ids[i] as CustomerId,
        index: i,
        firstPurchaseAt: new Date(t.firstAt[i] as number),
        lastPurchaseAt: new Date(t.lastAt[i] as number),
        orders: t.orders[i] as number,
        totalRevenue: t.revenueAt(i),
        daysSinceFirstPurchase: daysSinceFirst[i] as number,
        daysSinceLastPurchase: daysSinceLast[i] as number,
        intervalDays: intervals[i] as number,
        intervalSource: SOURCES[sources[i] as number] as IntervalSource,
        flags: [...own] as BuiltInRule[],
      };
      for (const rule of rules) {
        const result = rule.test(facts);
        const fired = typeof result === 'boolean' ? result : result?.fired === true;
        if (!fired) continue;
        const detail = typeof result === 'object' ? result : undefined;
        const message = detail?.message;
        const reason: ClassificationReason =
          message === undefined
            ? { rule: rule.name, values: { ...(detail?.values ?? {}) } }
            : { rule: rule.name, values: { ...(detail?.values ?? {}) }, message };
        // insert by priority (flags so far are in descending priority)
        let at = 0;
        while (at < own.length && (priorityOf.get(own[at] as string) ?? 0) > rule.priority) {
          at++;
        }
        own.splice(at, 0, rule.name);
        reasons.splice(at, 0, reason);
      }
      const head = own[0];
      const name = head === undefined ? 'active' : (ruleSegment.get(head) ?? head);
      segmentColumn[i] = codeOf.get(name) as number;
      customFlags[i] = own;
      customReasons[i] = reasons;
    }
    flagsOf = (i) => [...(customFlags[i] as string[])];
    reasonsOf = (i) => {
      const flags = customFlags[i] as string[];
      if (flags.length === 0) return [activeReason(i)];
      return (customReasons[i] as (ClassificationReason | null)[]).map(
        (reason, k) => reason ?? builtInReason(flags[k] as string, i),
      );
    };
  }

  // One 0/1 column per rule switched on.
  const flagColumns: Record<string, Uint8Array> = {};
  for (const name of flagNames) flagColumns[name] = new Uint8Array(n);
  if (rules.length === 0) {
    for (const [rule, bit] of BUILT_IN_BITS) {
      const column = flagColumns[rule];
      if (column === undefined) continue;
      for (let i = 0; i < n; i++) column[i] = (mask[i] as number) & bit ? 1 : 0;
    }
  } else {
    for (let i = 0; i < n; i++) {
      for (const name of flagsOf(i)) (flagColumns[name] as Uint8Array)[i] = 1;
    }
  }

  const result = classTableOf(
    {
      ids: t.ids,
      segment: segmentColumn,
      flags: flagColumns,
      days: daysSinceLast,
      segmentNames,
      flagNames,
      flagsOf,
      reasonsOf,
    },
    {
      ...tableOptionsOf(summaries),
      asOf: o.asOf,
      timeZone: time.reading.zone.name,
      timeUnit: time.reading.timeUnit,
      reasons: o.reasons !== false,
    },
  );
  return tableForm ? result : result.toRows();
}

/** Interval sources by code. */
const SOURCES: readonly IntervalSource[] = ['own', 'base', 'default'];
const OWN_SOURCE = 0;
const BASE_SOURCE = 1;
const DEFAULT_SOURCE = 2;

/** The built-in rules and their bits, highest priority first. */
const BUILT_IN_BITS: readonly (readonly [BuiltInRule, number])[] = [
  ['new', NEW_BIT],
  ['lost', LOST_BIT],
  ['at-risk', AT_RISK_BIT],
  ['vip', VIP_BIT],
];

/** The segment code of each mask of built-in flags: the highest-priority flag's, else active. */
const SEGMENT_BY_MASK = Uint8Array.from({ length: 16 }, (_, m) => {
  const head = (FLAG_SETS[m] as readonly string[])[0] as BuiltInRule | undefined;
  return CLASS_SEGMENT_CODES[head ?? 'active'];
});
