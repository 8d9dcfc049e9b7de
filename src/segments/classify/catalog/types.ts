/**
 * The shape of the classification's text catalogue. Every language provides one object of this
 * shape (`en.ts`, `ru.ts`) holding every text of a reason sentence, in the style of the plan's
 * catalogue: placeholders in braces (`{days}`) are filled by {@link formatReason}, and the same
 * placeholders appear in every language. Numbers are written by `formatNumber` in the language's
 * conventions; words that follow a number take the form `Intl.PluralRules` selects.
 *
 * @module
 */

/**
 * The forms of a word after a number, by `Intl.PluralRules` category. `other` is required; a
 * category a language does not use may be left out.
 */
export interface PluralForms {
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

/** The texts of the reason sentences of one language. */
export interface ClassificationCatalog {
  /** The word "day" after a number. */
  readonly day: PluralForms;
  /** The word "order" after a number. */
  readonly order: PluralForms;
  /**
   * The `lost` reason. Placeholders: `{days}` and `{lostAfterDays}` (with their word), and
   * `{lostAfterDaysNumber}` (the limit as a bare number).
   */
  readonly lost: string;
  /** The `at-risk` reason. Placeholders: `{days}` (with its word), `{multiple}`, `{interval}`. */
  readonly atRisk: string;
  /** The `{interval}` of the `at-risk` reason by its source; placeholder `{days}` (with its word). */
  readonly interval: {
    readonly own: string;
    readonly base: string;
    readonly default: string;
  };
  /** The `at-risk` reason from a model. Placeholders: `{probability}`, `{threshold}`. */
  readonly atRiskProbability: string;
  /** The `new` reason. Placeholders: `{days}`, `{newWithinDays}` (both with their word). */
  readonly newCustomer: string;
  /** The `vip` reason by share. Placeholders: `{revenue}`, `{topShare}` (a percentage), `{thresholdRevenue}`. */
  readonly vipTop: string;
  /** The `vip` reason by thresholds. Placeholder `{conditions}`: the conditions met, joined. */
  readonly vipThreshold: string;
  /** The revenue condition of `vipThreshold`. Placeholders: `{revenue}`, `{minRevenue}`. */
  readonly vipRevenue: string;
  /** The orders condition of `vipThreshold`. Placeholders: `{orders}` (with its word), `{minOrders}`. */
  readonly vipOrders: string;
  /** What joins the conditions of `vipThreshold`. */
  readonly conditionSeparator: string;
  /** The `active` reason. Placeholder `{days}` (with its word). */
  readonly active: string;
  /** The reason of a custom rule that gave no message of its own. Placeholder `{name}`. */
  readonly custom: string;
}
