/**
 * The lifecycle classification: {@link classifyCustomers}.
 *
 * @module
 */

import { describeValue, parseInput, RetentionMetricsError } from '../../core/errors.js';
import { NO_FIELDS } from '../../core/own.js';
import { MS_PER_DAY } from '../../core/time.js';
import type { CustomerId } from '../../transactions/log.js';
import type { CustomerSummaryTable } from '../../transactions/summary-table.js';
import { checkLastPurchases, optionsForTable, resolveAsOf, type TableOptions } from '../as-of.js';
import { readSummaries, type SegmentationInput } from '../input.js';
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
  type BuiltInRule,
  type ClassificationReason,
  type ClassifiedCustomer,
  type ClassifyOptions,
  type CustomerFacts,
  type IntervalSource,
  type ReasonValue,
  type SegmentName,
} from './types.js';

/** The reasons of every customer when `reasons: false`: one frozen empty array. */
const NO_REASONS: readonly ClassificationReason[] = Object.freeze([]);

/**
 * Classifies customers into lifecycle segments (VIP, new, at-risk, active, lost) so that each group
 * can get its own retention tactics, with the reasons for every classification.
 *
 * Each rule is tested on every customer independently; every rule that fires becomes a flag, and
 * the fired rule with the highest priority decides the segment. When no rule fires the customer is
 * `'active'`. Days are `(asOf − timestamp) / 86 400 000` (fractional), measured to the end of a
 * date-only `asOf` (the next day's first instant in `timeZone`) or to an `asOf` instant; a
 * date-only summary timestamp is the first instant of its day in `timeZone`.
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
 * @param options - {@link ClassifyOptions}; `asOf` is required.
 * @returns One {@link ClassifiedCustomer} per input customer, in input order; `[]` for no
 *   summaries.
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
 * const result = classifyCustomers(summaries, { asOf: '2024-06-01' });
 * result.map((c) => c.segment); // => ['vip', 'new', 'lost', 'at-risk', 'active']
 * result[3]?.reasons[0]?.values.intervalDays; // => 30
 * formatReason(result[3]!.reasons[0]!); // => 'No purchase for 93 days, more than 2 × the usual interval of 30 days'
 * formatReason(result[3]!.reasons[0]!, { locale: 'ru' }); // => 'Нет покупок 93 дня — больше, чем 2 × обычный интервал 30 дней'
 * classifyCustomers(summaries, {} as never); // => throws INVALID_INPUT
 * ```
 * @category Segmentation
 */
export function classifyCustomers(
  summaries: CustomerSummaryTable,
  options?: TableOptions<ClassifyOptions>,
): ClassifiedCustomer[];
export function classifyCustomers(
  summaries: SegmentationInput,
  options: ClassifyOptions,
): ClassifiedCustomer[];
export function classifyCustomers(
  summaries: SegmentationInput,
  options?: TableOptions<ClassifyOptions>,
): ClassifiedCustomer[] {
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
  if (n === 0) return [];
  checkLastPurchases(fn, t, time);
  const asOf = time.boundary.at;
  const disabled = new Set(o.disable ?? []);
  const on = (rule: string) => !disabled.has(rule);

  const lostAfterDays = o.lostAfterDays ?? 365;
  const newWithinDays = o.newWithinDays ?? 30;
  const multiple = o.atRisk?.multiple ?? 2;
  const hook = o.atRisk?.aliveProbability;
  const median = hook === undefined ? medianRepeatInterval(t) : undefined;
  const baseInterval = median ?? o.atRisk?.fallbackIntervalDays ?? 90;
  const baseSource: IntervalSource = median === undefined ? 'default' : 'base';

  const vipOptions = o.vip ?? NO_FIELDS;
  const byThreshold = vipOptions.minRevenue !== undefined || vipOptions.minOrders !== undefined;
  const topShare = vipOptions.topShare ?? 0.2;
  const top = on('vip') && !byThreshold ? topShareThreshold(t, topShare) : undefined;
  const topThresholdText = top?.exact.toString() ?? '';
  const minRevenue = vipOptions.minRevenue;
  const minRevenueText = minRevenue?.toString();
  const minOrders = vipOptions.minOrders;

  const rules = [...(o.rules ?? [])].filter((r) => on(r.name));
  rules.sort((a, b) => b.priority - a.priority);
  const ruleSegment = new Map(rules.map((r) => [r.name, r.segment]));
  const priorityOf = new Map<string, number>(Object.entries(BUILT_IN_PRIORITIES));
  for (const r of rules) priorityOf.set(r.name, r.priority);
  const lostOn = on('lost');
  const atRiskOn = on('at-risk');
  const newOn = on('new');

  const keep = o.reasons !== false;
  const out = new Array<ClassifiedCustomer>(n);
  const scratch: ClassificationReason[] = [];
  for (let i = 0; i < n; i++) {
    const id = t.ids[i] as CustomerId;
    const first = t.firstAt[i] as number;
    const last = t.lastAt[i] as number;
    const orders = t.orders[i] as number;
    const sinceLast = (asOf - last) / MS_PER_DAY;
    const sinceFirst = (asOf - first) / MS_PER_DAY;
    let interval = baseInterval;
    let source: IntervalSource = baseSource;
    if (orders >= 2 && last > first) {
      interval = (last - first) / MS_PER_DAY / (orders - 1);
      source = 'own';
    }
    // Built-in flags as bits, highest priority in the highest bit; reasons in the same order.
    let mask = 0;
    // Reasons are gathered in a scratch array and copied out at their exact size.
    let count = 0;
    if (newOn && sinceFirst <= newWithinDays) {
      mask |= NEW_BIT;
      if (keep)
        scratch[count++] = {
          rule: 'new',
          values: { daysSinceFirstPurchase: sinceFirst, newWithinDays },
        };
    }
    if (lostOn && sinceLast > lostAfterDays) {
      mask |= LOST_BIT;
      if (keep)
        scratch[count++] = {
          rule: 'lost',
          values: { daysSinceLastPurchase: sinceLast, lostAfterDays },
        };
    }
    if (atRiskOn) {
      if (hook !== undefined) {
        const p = hook.probability(id);
        if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
          throw new RetentionMetricsError(
            'INVALID_INPUT',
            `${fn}: atRisk.aliveProbability.probability(${JSON.stringify(id)}) must return a number from 0 to 1 (received ${describeValue(p)})`,
            { path: ['options', 'atRisk', 'aliveProbability', 'probability'] },
          );
        }
        if (p < hook.threshold) {
          mask |= AT_RISK_BIT;
          if (keep)
            scratch[count++] = {
              rule: 'at-risk',
              values: { probabilityAlive: p, threshold: hook.threshold },
            };
        }
      } else if (sinceLast > multiple * interval) {
        mask |= AT_RISK_BIT;
        if (keep)
          scratch[count++] = {
            rule: 'at-risk',
            values: {
              daysSinceLastPurchase: sinceLast,
              multiple,
              intervalDays: interval,
              intervalSource: source,
            },
          };
      }
    }
    // The exact revenue is built only where a rule needs it (most customers are decided by
    // the float image, which orders exactly like the exact values).
    if (top !== undefined) {
      const approx = t.revenueApprox[i] as number;
      if (
        approx > top.approx ||
        (approx === top.approx && !t.revenueAt(i).isZero() && t.revenueAt(i).gte(top.exact))
      ) {
        mask |= VIP_BIT;
        if (keep)
          scratch[count++] = {
            rule: 'vip',
            values: {
              revenue: t.revenueText(i),
              topShare,
              thresholdRevenue: topThresholdText,
            },
          };
      }
    } else if (
      byThreshold &&
      on('vip') &&
      !t.revenueAt(i).isZero() &&
      (minRevenue === undefined || t.revenueAt(i).gte(minRevenue)) &&
      (minOrders === undefined || orders >= minOrders)
    ) {
      const values: Record<string, ReasonValue> = { revenue: t.revenueText(i), orders };
      if (minRevenueText !== undefined) values.minRevenue = minRevenueText;
      if (minOrders !== undefined) values.minOrders = minOrders;
      mask |= VIP_BIT;
      if (keep) scratch[count++] = { rule: 'vip', values };
    }
    let flags = FLAG_SETS[mask] as readonly string[];
    const reasons: ClassificationReason[] = !keep
      ? (NO_REASONS as ClassificationReason[])
      : count === 0
        ? [{ rule: 'active', values: { daysSinceLastPurchase: sinceLast } }]
        : scratch.slice(0, count);
    let segment: SegmentName = (flags[0] as SegmentName | undefined) ?? 'active';
    if (rules.length > 0) {
      const own = [...flags];
      if (keep && count === 0) reasons.length = 0;
      const facts: CustomerFacts = {
        customerId: id,
        index: i,
        firstPurchaseAt: new Date(first),
        lastPurchaseAt: new Date(last),
        orders,
        totalRevenue: t.revenueAt(i),
        daysSinceFirstPurchase: sinceFirst,
        daysSinceLastPurchase: sinceLast,
        intervalDays: interval,
        intervalSource: source,
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
        if (keep) reasons.splice(at, 0, reason);
      }
      flags = own;
      const head = own[0];
      segment = head === undefined ? 'active' : (ruleSegment.get(head) ?? head);
      if (keep && own.length === 0) {
        reasons.push({ rule: 'active', values: { daysSinceLastPurchase: sinceLast } });
      }
    }
    out[i] = { customerId: id, segment, flags, reasons, daysSinceLastPurchase: sinceLast };
  }
  return out;
}
