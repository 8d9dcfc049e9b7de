/**
 * `formatReason` takes a tag (`'ru'`), not the retention plan's language pack: given the pack by
 * analogy with `buildRetentionPlan({ locale: ru })`, it says to pass the tag.
 */
import { describe, expect, it } from 'vitest';
import { ru } from '../../src/plan/packs/ru.js';
import { formatReason } from '../../src/segments/classify/reasons.js';
import { expectError } from '../support/errors.js';

// A lost customer: 400 days without a purchase, over the 365-day limit.
const reason = { rule: 'lost', values: { daysSinceLastPurchase: 400, lostAfterDays: 365 } };

describe('formatReason with a language pack', () => {
  it("the plan's pack → INVALID_INPUT naming options.locale, saying to pass the tag 'ru'", () => {
    const error = expectError(
      () => formatReason(reason as never, { locale: ru as never }),
      'INVALID_INPUT',
      'options.locale',
    );
    expect(error.message).toBe(
      "formatReason: options.locale must be a BCP 47 tag of a supported language: 'en', 'ru' (received the retention plan's language pack of 'ru'; classification reasons need no pack: pass the tag 'ru')",
    );
  });

  it("the tag 'ru' writes the reason in Russian", () => {
    expect(formatReason(reason as never, { locale: 'ru' })).toMatch(/^Нет покупок 400 дней/);
  });
});
