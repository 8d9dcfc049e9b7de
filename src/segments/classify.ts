import { z } from 'zod';
import { describeValue, parseInput, RetentionMetricsError } from '../core/errors.js';
import { D, type Decimal, type Numeric } from '../core/numeric.js';
import { addIssue, nonNegativeMoneySchema, timestampSchema } from '../core/schemas.js';
import { MS_PER_DAY } from '../core/time.js';
import type { CustomerId, Timestamp } from '../transactions/log.js';
import { readSummaries, type SegmentationInput, type SummaryTable } from './input.js';
import { select } from './select.js';

/**
 * The built-in lifecycle segments, highest priority first (see {@link classifyCustomers}).
 *
 * @category Segmentation
 */
export const BUILT_IN_SEGMENTS = ['new', 'lost', 'at-risk', 'vip', 'active'] as const;

/** A built-in lifecycle segment. */
export type BuiltInSegment = (typeof BUILT_IN_SEGMENTS)[number];

/** A segment: a built-in one, or the name of a custom rule's segment. */
export type SegmentName = BuiltInSegment | (string & {});

/** The names of the built-in rules (every built-in segment but the fallback `'active'`). */
export type BuiltInRule = Exclude<BuiltInSegment, 'active'>;

/**
 * The priorities of the built-in rules: when several rules fire, the one with the highest priority
 * decides the segment. Custom rules take any other finite priority; `'active'` is the fallback
 * when no rule fires.
 *
 * @category Segmentation
 */
export const BUILT_IN_PRIORITIES: Readonly<Record<BuiltInRule, number>> = Object.freeze({
  new: 400,
  lost: 300,
  'at-risk': 200,
  vip: 100,
});

/** The locales of the reason messages. */
export type ClassificationLocale = 'en' | 'ru';

/** A value compared by a rule, as shown in a reason: a number, or an exact amount as a string. */
export type ReasonValue = number | string;

/**
 * Why a customer got a flag: the rule and the numbers it compared. Reasons are data; turn one
 * into a sentence in English or Russian with {@link formatReason} when it is shown.
 *
 * `values` per built-in rule (days are fractional numbers, money exact decimal strings):
 *
 * | rule | values |
 * |---|---|
 * | `new` | `daysSinceFirstPurchase`, `newWithinDays` |
 * | `lost` | `daysSinceLastPurchase`, `lostAfterDays` |
 * | `at-risk` (interval) | `daysSinceLastPurchase`, `multiple`, `intervalDays`, `intervalSource` |
 * | `at-risk` (model) | `probabilityAlive`, `threshold` |
 * | `vip` (top share) | `revenue`, `topShare`, `thresholdRevenue` |
 * | `vip` (thresholds) | `revenue`, `orders`, and `minRevenue` / `minOrders` as configured |
 * | `active` | `daysSinceLastPurchase` |
 */
export interface ClassificationReason {
  /** The rule's name: `'lost'`, `'at-risk'`, `'new'`, `'vip'`, `'active'` or a custom rule's name. */
  readonly rule: string;
  /** The numbers compared (days as numbers, money as exact decimal strings). */
  readonly values: Readonly<Record<string, ReasonValue>>;
  /** The sentence a custom rule gave with its result, if any (built-in rules have none). */
  readonly message?: string;
}

/** One customer's classification. */
export interface ClassifiedCustomer {
  readonly customerId: CustomerId;
  /** The segment of the highest-priority rule that fired, or `'active'` when none fired. */
  readonly segment: SegmentName;
  /**
   * Every rule that fired, highest priority first (empty for an `'active'` customer). Without
   * custom rules these arrays are frozen and shared between customers with the same flags.
   */
  readonly flags: readonly string[];
  /**
   * One reason per flag, in the same order; an `'active'` customer gets one `'active'` reason.
   * Empty (one shared, frozen array) when classified with `reasons: false`.
   */
  readonly reasons: readonly ClassificationReason[];
  /** Days from the last purchase to `asOf` (fractional), as used by the rules and the report. */
  readonly daysSinceLastPurchase: number;
}

/** Where a customer's typical inter-purchase interval comes from. */
export type IntervalSource = 'own' | 'base' | 'default';

/** What a custom rule sees of a customer. */
export interface CustomerFacts {
  readonly customerId: CustomerId;
  /** Position in the input. */
  readonly index: number;
  readonly firstPurchaseAt: Date;
  readonly lastPurchaseAt: Date;
  readonly orders: number;
  /** Exact revenue. */
  readonly totalRevenue: Decimal;
  /** Days from the first purchase to `asOf`. */
  readonly daysSinceFirstPurchase: number;
  /** Days from the last purchase to `asOf`. */
  readonly daysSinceLastPurchase: number;
  /** The typical inter-purchase interval in days used by the at-risk rule. */
  readonly intervalDays: number;
  readonly intervalSource: IntervalSource;
  /** The built-in rules that fired for this customer, highest priority first. */
  readonly flags: readonly BuiltInRule[];
}

/** What a custom rule's test returns: whether it fired, optionally with a message and values. */
export type CustomRuleResult =
  | boolean
  | {
      readonly fired: boolean;
      /** The reason's message (used as-is in every locale). Default: "Rule 'name' fired". */
      readonly message?: string;
      readonly values?: Readonly<Record<string, ReasonValue>>;
    };

/** An extra named rule. */
export interface CustomRule {
  /** A unique name, not one of the built-in segment names. */
  readonly name: string;
  /** The segment the rule assigns when it decides: a built-in segment or a new name. */
  readonly segment: SegmentName;
  /** Finite, distinct from the built-in priorities (400, 300, 200, 100) and other custom rules. */
  readonly priority: number;
  /** The predicate. */
  readonly test: (customer: CustomerFacts) => CustomRuleResult;
}

/** The VIP rule: by share of top customers, or by thresholds. */
export interface VipOptions {
  /** VIP = the top `topShare` of customers by revenue, ties at the boundary included. In (0, 1], default 0.2. */
  readonly topShare?: number;
  /** VIP = revenue ≥ `minRevenue` (and orders ≥ `minOrders` when both are given). Not with `topShare`. */
  readonly minRevenue?: Numeric;
  /** VIP = orders ≥ `minOrders` (an integer ≥ 1). Not with `topShare`. */
  readonly minOrders?: number;
}

/** The hook for a fitted probabilistic model: P(alive) per customer. */
export interface AliveProbabilityHook {
  /** At-risk when P(alive) < threshold; in [0, 1]. */
  readonly threshold: number;
  /** P(alive) of a customer, in [0, 1]. */
  readonly probability: (customerId: CustomerId) => number;
}

/** The at-risk rule. */
export interface AtRiskOptions {
  /** At-risk when days since the last purchase > multiple × the typical interval. > 0, default 2. */
  readonly multiple?: number;
  /** The interval (days) when there is no repeat customer to take a median from. > 0, default 90. */
  readonly fallbackIntervalDays?: number;
  /** When given, at-risk is P(alive) < threshold instead of the interval rule. */
  readonly aliveProbability?: AliveProbabilityHook;
}

/** Options of {@link classifyCustomers}. */
export interface ClassifyOptions {
  /** The moment of classification ("now"); required. */
  readonly asOf: Timestamp;
  /** The VIP rule. Default `{ topShare: 0.2 }`. */
  readonly vip?: VipOptions;
  /** New = first purchase at most this many days before `asOf`. ≥ 0, default 30. */
  readonly newWithinDays?: number;
  /** The at-risk rule. */
  readonly atRisk?: AtRiskOptions;
  /** Lost = no purchase for more than this many days. > 0, default 365. */
  readonly lostAfterDays?: number;
  /** Extra named rules. */
  readonly rules?: readonly CustomRule[];
  /** Rules to switch off, by name (built-in or custom). */
  readonly disable?: readonly string[];
  /**
   * Whether to record the reasons (default `true`). With `false`, every customer's `reasons` is
   * one shared, frozen empty array: for bulk runs that only need segments and flags, about three
   * times as fast on a million customers.
   */
  readonly reasons?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Messages

/**
 * Russian plural form for a count: 1 день, 2 дня, 5 дней; fractions take the "few" form.
 *
 * @internal
 */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  if (!Number.isInteger(n)) return few;
  const abs = Math.abs(n);
  const mod10 = abs % 10;
  const mod100 = abs % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

/** A number of days for a message: at most one decimal. */
function shown(n: number): number {
  return Math.round(n * 10) / 10;
}

function numEn(n: number): string {
  return String(n);
}

function numRu(n: number | string): string {
  return String(n).replace('.', ',');
}

function daysEn(n: number): string {
  const v = shown(n);
  return `${numEn(v)} ${v === 1 ? 'day' : 'days'}`;
}

function daysRu(n: number): string {
  const v = shown(n);
  return `${numRu(v)} ${pluralRu(v, 'день', 'дня', 'дней')}`;
}

function percent(share: number): string {
  return String(Math.round(share * 10_000) / 100);
}

/** The values the message templates read. */
export interface MessageTemplates {
  /** The `lost` reason: days since the last purchase against the limit. */
  lost(v: { days: number; lostAfterDays: number }): string;
  /** The `at-risk` reason: days since the last purchase against `multiple` × the interval. */
  atRisk(v: {
    days: number;
    multiple: number;
    intervalDays: number;
    source: IntervalSource;
  }): string;
  /** The `at-risk` reason from a model: P(alive) against the threshold. */
  atRiskProbability(v: { probability: number; threshold: number }): string;
  /** The `new` reason: days since the first purchase against the window. */
  newCustomer(v: { days: number; newWithinDays: number }): string;
  /** The `vip` reason by share: revenue against the threshold of the top share. */
  vipTop(v: { revenue: string; topShare: number; thresholdRevenue: string }): string;
  /** The `vip` reason by thresholds on revenue and orders. */
  vipThreshold(v: {
    revenue: string;
    minRevenue: string | undefined;
    orders: number;
    minOrders: number | undefined;
  }): string;
  /** The `active` reason: no rule fired. */
  active(v: { days: number }): string;
  /** The reason of a custom rule that gave no message of its own. */
  custom(v: { name: string }): string;
}

/**
 * The reason-message templates per locale. Every locale has every template.
 *
 * @category Segmentation
 */
export const CLASSIFICATION_MESSAGES: Readonly<Record<ClassificationLocale, MessageTemplates>> = {
  en: {
    lost: (v) =>
      `No purchase for ${daysEn(v.days)}, more than the ${numEn(v.lostAfterDays)}-day limit after which a customer counts as lost`,
    atRisk: (v) => {
      const interval = daysEn(v.intervalDays);
      const what =
        v.source === 'own'
          ? `the usual interval of ${interval}`
          : v.source === 'base'
            ? `the median interval of repeat customers (${interval})`
            : `the default interval (${interval})`;
      return `No purchase for ${daysEn(v.days)}, more than ${numEn(v.multiple)} × ${what}`;
    },
    atRiskProbability: (v) =>
      `Probability of still being active ${numEn(v.probability)} is below the threshold ${numEn(v.threshold)}`,
    newCustomer: (v) =>
      `First purchase ${daysEn(v.days)} ago, within the last ${daysEn(v.newWithinDays)}`,
    vipTop: (v) =>
      `Revenue ${v.revenue} is in the top ${percent(v.topShare)} % of customers by revenue (threshold ${v.thresholdRevenue})`,
    vipThreshold: (v) => {
      const parts: string[] = [];
      if (v.minRevenue !== undefined) parts.push(`revenue ${v.revenue} ≥ ${v.minRevenue}`);
      if (v.minOrders !== undefined) {
        parts.push(`${v.orders} ${v.orders === 1 ? 'order' : 'orders'} ≥ ${v.minOrders}`);
      }
      return `VIP thresholds met: ${parts.join(', ')}`;
    },
    active: (v) => `No other rule applies; last purchase ${daysEn(v.days)} ago`,
    custom: (v) => `Rule '${v.name}' fired`,
  },
  ru: {
    lost: (v) =>
      `Нет покупок ${daysRu(v.days)} — дольше срока в ${daysRu(v.lostAfterDays)}, после которого клиент считается потерянным`,
    atRisk: (v) => {
      const interval = daysRu(v.intervalDays);
      const what =
        v.source === 'own'
          ? `обычный интервал ${interval}`
          : v.source === 'base'
            ? `медианный интервал постоянных клиентов (${interval})`
            : `интервал по умолчанию (${interval})`;
      return `Нет покупок ${daysRu(v.days)} — больше, чем ${numRu(v.multiple)} × ${what}`;
    },
    atRiskProbability: (v) =>
      `Вероятность того, что клиент ещё активен, ${numRu(v.probability)} — ниже порога ${numRu(v.threshold)}`,
    newCustomer: (v) =>
      `Первая покупка ${daysRu(v.days)} назад (новыми считаются клиенты за последние ${daysRu(v.newWithinDays)})`,
    vipTop: (v) =>
      `Выручка ${numRu(v.revenue)} — в верхних ${numRu(percent(v.topShare))} % клиентов по выручке (порог ${numRu(v.thresholdRevenue)})`,
    vipThreshold: (v) => {
      const parts: string[] = [];
      if (v.minRevenue !== undefined) {
        parts.push(`выручка ${numRu(v.revenue)} ≥ ${numRu(v.minRevenue)}`);
      }
      if (v.minOrders !== undefined) {
        parts.push(
          `${v.orders} ${pluralRu(v.orders, 'заказ', 'заказа', 'заказов')} ≥ ${v.minOrders}`,
        );
      }
      return `Пороги VIP достигнуты: ${parts.join(', ')}`;
    },
    active: (v) => `Другие правила не сработали; последняя покупка ${daysRu(v.days)} назад`,
    custom: (v) => `Сработало правило «${v.name}»`,
  },
};

// ---------------------------------------------------------------------------------------------
// Options

function numberSchema(requirement: string, accept: (n: number) => boolean) {
  return z.unknown().superRefine((value, ctx) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || !accept(value)) {
      addIssue(ctx, `must be ${requirement} (received ${describeValue(value)})`, []);
    }
  }) as unknown as z.ZodType<number, number>;
}

const functionSchema = <F>() =>
  z.unknown().superRefine((value, ctx) => {
    if (typeof value !== 'function') {
      addIssue(ctx, `must be a function (received ${describeValue(value)})`, []);
    }
  }) as unknown as z.ZodType<F, F>;

const positiveNumber = numberSchema('a positive finite number', (n) => n > 0);
const nonNegativeNumber = numberSchema('a non-negative finite number', (n) => n >= 0);
const probability = numberSchema('a number from 0 to 1', (n) => n >= 0 && n <= 1);
const RESERVED = new Set<string>(BUILT_IN_SEGMENTS);
const BUILT_IN_PRIORITY_VALUES = new Set(Object.values(BUILT_IN_PRIORITIES));

const optionsSchema = z
  .strictObject({
    asOf: timestampSchema,
    vip: z
      .strictObject({
        topShare: numberSchema('a share in (0, 1]', (n) => n > 0 && n <= 1).optional(),
        minRevenue: nonNegativeMoneySchema.optional(),
        minOrders: numberSchema('an integer ≥ 1', (n) => Number.isInteger(n) && n >= 1).optional(),
      })
      .optional(),
    newWithinDays: nonNegativeNumber.optional(),
    atRisk: z
      .strictObject({
        multiple: positiveNumber.optional(),
        fallbackIntervalDays: positiveNumber.optional(),
        aliveProbability: z
          .strictObject({
            threshold: probability,
            probability: functionSchema<(customerId: CustomerId) => number>(),
          })
          .optional(),
      })
      .optional(),
    lostAfterDays: positiveNumber.optional(),
    rules: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          segment: z.string().min(1),
          priority: numberSchema('a finite number', () => true),
          test: functionSchema<(customer: CustomerFacts) => CustomRuleResult>(),
        }),
      )
      .optional(),
    disable: z.array(z.string()).optional(),
    reasons: z.boolean().optional(),
  })
  .superRefine((o, ctx) => {
    const vip = o.vip;
    if (vip !== undefined && vip.topShare !== undefined) {
      for (const key of ['minRevenue', 'minOrders'] as const) {
        if (vip[key] !== undefined) {
          addIssue(ctx, 'must not be given with vip.topShare: choose a share or thresholds', [
            'vip',
            key,
          ]);
        }
      }
    }
    const names = new Map<string, number>();
    const priorities = new Map<number, number>();
    (o.rules ?? []).forEach((rule, i) => {
      if (RESERVED.has(rule.name)) {
        addIssue(ctx, `'${rule.name}' is the name of a built-in rule`, ['rules', i, 'name']);
      }
      const earlier = names.get(rule.name);
      if (earlier !== undefined) {
        addIssue(ctx, `'${rule.name}' repeats rules[${earlier}].name`, ['rules', i, 'name']);
      }
      names.set(rule.name, i);
      if (BUILT_IN_PRIORITY_VALUES.has(rule.priority)) {
        addIssue(
          ctx,
          `${rule.priority} is the priority of a built-in rule (new 400, lost 300, at-risk 200, vip 100): choose another`,
          ['rules', i, 'priority'],
        );
      }
      const same = priorities.get(rule.priority);
      if (same !== undefined) {
        addIssue(ctx, `${rule.priority} repeats rules[${same}].priority`, ['rules', i, 'priority']);
      }
      priorities.set(rule.priority, i);
    });
    (o.disable ?? []).forEach((name, i) => {
      if (!(name in BUILT_IN_PRIORITIES) && !names.has(name)) {
        const known = [...Object.keys(BUILT_IN_PRIORITIES), ...names.keys()];
        addIssue(
          ctx,
          `'${name}' is not a rule name (known: ${known.map((k) => `'${k}'`).join(', ')})`,
          ['disable', i],
        );
      }
    });
  });

/**
 * The schema of {@link ClassifyOptions}.
 *
 * @category Schemas
 */
export const classifyOptionsSchema: z.ZodType<unknown, unknown> = optionsSchema;

// ---------------------------------------------------------------------------------------------
// Reasons as sentences

/** Options of {@link formatReason}. */
export interface FormatReasonOptions {
  /** The language of the sentence. Default `'en'`. */
  readonly locale?: ClassificationLocale;
}

function reasonNumber(fn: string, values: Record<string, unknown>, key: string): number {
  const value = values[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: reason.values.${key} must be a finite number (received ${describeValue(value)})`,
      { path: ['reason', 'values', key] },
    );
  }
  return value;
}

function reasonText(fn: string, values: Record<string, unknown>, key: string): string {
  const value = values[key];
  if (typeof value !== 'string') {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: reason.values.${key} must be a string (received ${describeValue(value)})`,
      { path: ['reason', 'values', key] },
    );
  }
  return value;
}

const INTERVAL_SOURCES: readonly string[] = ['own', 'base', 'default'];

/**
 * A classification reason as one sentence in English or Russian, with the numbers it compared:
 * days shown with at most one decimal and Russian plural forms (1 день, 2 дня, 5 дней), money as
 * the exact amount. The templates are {@link CLASSIFICATION_MESSAGES}. A custom rule's reason
 * reads its own `message`, or "Rule 'name' fired" when it gave none.
 *
 * Reasons are kept as data by {@link classifyCustomers}, so that classifying a million customers
 * builds no sentences; format the few that are shown.
 *
 * @param reason - A reason from {@link ClassifiedCustomer.reasons} (or the same after a JSON round trip).
 * @param options - {@link FormatReasonOptions}: the locale (`'en'` by default, or `'ru'`).
 * @returns The sentence.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when the reason is not an object with a `rule`
 *   string and a `values` object, a value a built-in rule's sentence needs is missing or of the
 *   wrong type, or the locale is not `'en'` or `'ru'`.
 *
 * @example
 * ```ts
 * import { formatReason } from 'retention-metrics';
 * const reason = { rule: 'lost', values: { daysSinceLastPurchase: 400, lostAfterDays: 365 } };
 * formatReason(reason); // => 'No purchase for 400 days, more than the 365-day limit after which a customer counts as lost'
 * formatReason(reason, { locale: 'ru' }); // => 'Нет покупок 400 дней — дольше срока в 365 дней, после которого клиент считается потерянным'
 * formatReason({ rule: 'lost', values: {} }); // => throws INVALID_INPUT
 * ```
 * @category Segmentation
 */
export function formatReason(
  reason: ClassificationReason,
  options: FormatReasonOptions = {},
): string {
  const fn = 'formatReason';
  const r = reason as unknown as { rule?: unknown; values?: unknown; message?: unknown };
  if (
    typeof r !== 'object' ||
    r === null ||
    typeof r.rule !== 'string' ||
    typeof r.values !== 'object' ||
    r.values === null
  ) {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: reason must be an object with a rule name and values (received ${describeValue(reason)})`,
      { path: ['reason'] },
    );
  }
  const locale = (options as { locale?: unknown } | null)?.locale ?? 'en';
  if (locale !== 'en' && locale !== 'ru') {
    throw new RetentionMetricsError(
      'INVALID_INPUT',
      `${fn}: options.locale must be 'en' or 'ru' (received ${describeValue(locale)})`,
      { path: ['options', 'locale'] },
    );
  }
  const msg = CLASSIFICATION_MESSAGES[locale];
  const v = r.values as Record<string, unknown>;
  const num = (key: string) => reasonNumber(fn, v, key);
  const text = (key: string) => reasonText(fn, v, key);
  switch (r.rule) {
    case 'new':
      return msg.newCustomer({
        days: num('daysSinceFirstPurchase'),
        newWithinDays: num('newWithinDays'),
      });
    case 'lost':
      return msg.lost({ days: num('daysSinceLastPurchase'), lostAfterDays: num('lostAfterDays') });
    case 'at-risk': {
      if ('probabilityAlive' in v) {
        return msg.atRiskProbability({
          probability: num('probabilityAlive'),
          threshold: num('threshold'),
        });
      }
      const source = text('intervalSource');
      if (!INTERVAL_SOURCES.includes(source)) {
        throw new RetentionMetricsError(
          'INVALID_INPUT',
          `${fn}: reason.values.intervalSource must be 'own', 'base' or 'default' (received ${describeValue(source)})`,
          { path: ['reason', 'values', 'intervalSource'] },
        );
      }
      return msg.atRisk({
        days: num('daysSinceLastPurchase'),
        multiple: num('multiple'),
        intervalDays: num('intervalDays'),
        source: source as IntervalSource,
      });
    }
    case 'vip':
      if ('topShare' in v) {
        return msg.vipTop({
          revenue: text('revenue'),
          topShare: num('topShare'),
          thresholdRevenue: text('thresholdRevenue'),
        });
      }
      return msg.vipThreshold({
        revenue: text('revenue'),
        minRevenue: 'minRevenue' in v ? text('minRevenue') : undefined,
        orders: num('orders'),
        minOrders: 'minOrders' in v ? num('minOrders') : undefined,
      });
    case 'active':
      return msg.active({ days: num('daysSinceLastPurchase') });
    default:
      return typeof r.message === 'string' ? r.message : msg.custom({ name: r.rule });
  }
}

// ---------------------------------------------------------------------------------------------
// Classification

/** The reasons of every customer when `reasons: false`: one frozen empty array. */
const NO_REASONS: readonly ClassificationReason[] = Object.freeze([]);

const NEW_BIT = 8;
const LOST_BIT = 4;
const AT_RISK_BIT = 2;
const VIP_BIT = 1;

/** The flag arrays of the built-in rules by bit mask, highest priority first; frozen and shared. */
const FLAG_SETS: readonly (readonly string[])[] = Array.from({ length: 16 }, (_, mask) =>
  Object.freeze(
    (
      [
        [NEW_BIT, 'new'],
        [LOST_BIT, 'lost'],
        [AT_RISK_BIT, 'at-risk'],
        [VIP_BIT, 'vip'],
      ] as const
    )
      .filter(([bit]) => (mask & bit) !== 0)
      .map(([, name]) => name),
  ),
);

/** The median of the positive per-customer intervals (days) of repeat customers, or undefined. */
function medianRepeatInterval(t: SummaryTable): number | undefined {
  const values = new Float64Array(t.size);
  let m = 0;
  for (let i = 0; i < t.size; i++) {
    const orders = t.orders[i] as number;
    if (orders < 2) continue;
    const interval =
      ((t.lastAt[i] as number) - (t.firstAt[i] as number)) / MS_PER_DAY / (orders - 1);
    if (interval > 0) values[m++] = interval;
  }
  if (m === 0) return undefined;
  // Quickselect instead of a sort: the middle value, and for an even count the least value
  // above the lower middle.
  const mid = m >> 1;
  select(values, 0, m - 1, mid);
  const upper = values[mid] as number;
  if (m % 2 === 1) return upper;
  let lower = values[0] as number;
  for (let i = 1; i < mid; i++) if ((values[i] as number) > lower) lower = values[i] as number;
  return (lower + upper) / 2;
}

/** VIP by top share: the exact revenue of rank ceil(share × n), descending; undefined if none. */
function topShareThreshold(t: SummaryTable, topShare: number): { approx: number; exact: Decimal } {
  const n = t.size;
  const k = new D(topShare).times(n).ceil().toNumber();
  // The k-th largest float image, by quickselect on a copy.
  const values = t.revenueApprox.slice();
  select(values, 0, n - 1, n - k);
  const approx = values[n - k] as number;
  // customers whose float revenue is above `approx` are exactly above every tie at `approx`
  let above = 0;
  const ties: Decimal[] = [];
  for (let i = 0; i < n; i++) {
    const r = t.revenueApprox[i] as number;
    if (r > approx) above++;
    else if (r === approx) ties.push(t.revenueAt(i));
  }
  ties.sort((a, b) => b.comparedTo(a));
  const exact = ties[k - above - 1] as Decimal;
  return { approx, exact };
}

/**
 * Classifies customers into lifecycle segments (VIP, new, at-risk, active, lost) so that each group
 * can get its own retention tactics, with the reasons for every classification.
 *
 * Each rule is tested on every customer independently; every rule that fires becomes a flag, and
 * the fired rule with the highest priority decides the segment. When no rule fires the customer is
 * `'active'`. Days are `(asOf − timestamp) / 86 400 000` (fractional, UTC).
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
 * @returns One {@link ClassifiedCustomer} per input customer, in input order.
 * @throws {RetentionMetricsError} `INVALID_INPUT` when `asOf` is missing, an option is outside its
 *   domain (a share not in (0, 1], a negative number of days, an unknown rule name in `disable`, a
 *   custom rule that repeats a name or a priority), a summary is malformed (negative revenue,
 *   duplicate customer id, …), a last purchase is after `asOf`, or a P(alive) is not in [0, 1].
 * @throws {RetentionMetricsError} `EMPTY_INPUT` when there are no summaries.
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
 * formatReason(result[3]!.reasons[0]!); // => 'No purchase for 92 days, more than 2 × the usual interval of 30 days'
 * formatReason(result[3]!.reasons[0]!, { locale: 'ru' }); // => 'Нет покупок 92 дня — больше, чем 2 × обычный интервал 30 дней'
 * classifyCustomers(summaries, {} as never); // => throws INVALID_INPUT
 * ```
 * @category Segmentation
 */
export function classifyCustomers(
  summaries: SegmentationInput,
  options: ClassifyOptions,
): ClassifiedCustomer[] {
  const fn = 'classifyCustomers';
  const o = parseInput(fn, optionsSchema, options);
  const t = readSummaries(fn, summaries);
  const n = t.size;
  const asOf = o.asOf;
  const disabled = new Set(o.disable ?? []);
  const on = (rule: string) => !disabled.has(rule);

  for (let i = 0; i < n; i++) {
    if ((t.lastAt[i] as number) > asOf) {
      throw new RetentionMetricsError(
        'INVALID_INPUT',
        `${fn}: summaries[${i}].lastPurchaseAt (${new Date(t.lastAt[i] as number).toISOString()}) is after asOf (${new Date(asOf).toISOString()})`,
        { path: ['summaries', i, 'lastPurchaseAt'] },
      );
    }
  }

  const lostAfterDays = o.lostAfterDays ?? 365;
  const newWithinDays = o.newWithinDays ?? 30;
  const multiple = o.atRisk?.multiple ?? 2;
  const hook = o.atRisk?.aliveProbability;
  const median = hook === undefined ? medianRepeatInterval(t) : undefined;
  const baseInterval = median ?? o.atRisk?.fallbackIntervalDays ?? 90;
  const baseSource: IntervalSource = median === undefined ? 'default' : 'base';

  const vipOptions = o.vip ?? {};
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
