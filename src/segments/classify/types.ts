/**
 * The public types of the lifecycle classification, and the built-in segments and priorities
 * they are built on: the floor the other files of `classify/` stand on.
 *
 * @module
 */
import { deepFreeze } from '../../core/freeze.js';
import type { Decimal, Numeric } from '../../core/numeric.js';
import type { CustomerId } from '../../transactions/log.js';
import type { AsOfOptions } from '../as-of.js';

/**
 * The built-in lifecycle segments, highest priority first (see {@link classifyCustomers}).
 *
 * @category Segmentation
 */
export const BUILT_IN_SEGMENTS = deepFreeze(['new', 'lost', 'at-risk', 'vip', 'active'] as const);

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
export const BUILT_IN_PRIORITIES: Readonly<Record<BuiltInRule, number>> = deepFreeze({
  new: 400,
  lost: 300,
  'at-risk': 200,
  vip: 100,
});

/** The languages of the reason messages. */
export type ClassificationLocale = 'en' | 'ru';

/** The languages of the reason messages, as a list (for `languageOf`). */
export const CLASSIFICATION_LOCALES: readonly ClassificationLocale[] = deepFreeze(['en', 'ru']);

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
  /** At-risk when days since the last purchase > multiple × the typical interval. In (0, 1000] (`MAX_MULTIPLE`), default 2. */
  readonly multiple?: number;
  /** The interval (days) when there is no repeat customer to take a median from. In (0, 109575] (`MAX_DAYS`), default 90. */
  readonly fallbackIntervalDays?: number;
  /** When given, at-risk is P(alive) < threshold instead of the interval rule. */
  readonly aliveProbability?: AliveProbabilityHook;
}

/** Options of {@link classifyCustomers}. */
export interface ClassifyOptions extends AsOfOptions {
  /** The VIP rule. Default `{ topShare: 0.2 }`. */
  readonly vip?: VipOptions;
  /** New = first purchase at most this many days before `asOf`. In [0, 109575] (`MAX_DAYS`), default 30. */
  readonly newWithinDays?: number;
  /** The at-risk rule. */
  readonly atRisk?: AtRiskOptions;
  /** Lost = no purchase for more than this many days. In (0, 109575] (`MAX_DAYS`), default 365. */
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
