import { describe, expect, it } from 'vitest';
import { classifyCustomers } from '../../../src/segments/classify/classify.js';
import { CLASSIFICATION_MESSAGES } from '../../../src/segments/classify/messages.js';
import { formatReason } from '../../../src/segments/classify/reasons.js';
import type { ClassifiedCustomer } from '../../../src/segments/classify/types.js';
import { AS_OF, BASE, rejection, say } from './base.js';

/** Every `{placeholder}` of a text. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();
}

describe('messages', () => {
  it('both catalogues have the same texts with the same placeholders, none empty', () => {
    const walk = (en: unknown, ru: unknown, path: string): void => {
      if (typeof en === 'string') {
        expect(typeof ru, path).toBe('string');
        expect((ru as string).length, path).toBeGreaterThan(0);
        // The limit in `lost` is a bare number in English ("365-day limit") and takes its
        // word in Russian ("срока в 365 дней").
        const same = (list: string[]) =>
          list.map((p) => p.replace('lostAfterDaysNumber', 'lostAfterDays'));
        expect(same(placeholders(ru as string)), path).toEqual(same(placeholders(en)));
        return;
      }
      const enKeys = Object.keys(en as object).filter((k) => k !== 'day' && k !== 'order');
      const ruKeys = Object.keys(ru as object).filter((k) => k !== 'day' && k !== 'order');
      expect(ruKeys.sort(), path).toEqual(enKeys.sort());
      for (const key of enKeys) {
        walk((en as Record<string, unknown>)[key], (ru as Record<string, unknown>)[key], key);
      }
    };
    walk(CLASSIFICATION_MESSAGES.en, CLASSIFICATION_MESSAGES.ru, '');
  });

  it('Russian plural forms by Intl.PluralRules: 1 день, 2 дня, 5 дней, fractions дня', () => {
    // The forms of Russian grammar: one after 1, 21, 101 (not 11); few after 2–4, 22 (not
    // 12–14); many after 0, 5–20, 25, 111; a fraction takes the genitive singular (1,5 дня).
    const days = [1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 1.5];
    expect(
      days.map((n) =>
        formatReason({ rule: 'active', values: { daysSinceLastPurchase: n } }, { locale: 'ru' }),
      ),
    ).toEqual(
      [
        '1 день',
        '2 дня',
        '4 дня',
        '5 дней',
        '11 дней',
        '12 дней',
        '14 дней',
        '21 день',
        '22 дня',
        '25 дней',
        '101 день',
        '111 дней',
        '1,5 дня',
      ].map((d) => `Другие правила не сработали; последняя покупка ${d} назад`),
    );
    expect(
      [1, 2, 1.5].map((n) =>
        formatReason({ rule: 'active', values: { daysSinceLastPurchase: n } }),
      ),
    ).toEqual(
      ['1 day', '2 days', '1.5 days'].map((d) => `No other rule applies; last purchase ${d} ago`),
    );
  });

  it("writes numbers with the language's separators (formatNumber)", () => {
    const reason = {
      rule: 'vip',
      values: { revenue: '1234567.5', orders: 1001, minRevenue: '1000', minOrders: 2 },
    };
    expect(formatReason(reason)).toBe(
      'VIP thresholds met: revenue 1,234,567.5 ≥ 1,000, 1,001 orders ≥ 2',
    );
    // ru-RU groups with a no-break space and writes a decimal comma; 1001 → заказ (one).
    expect(formatReason(reason, { locale: 'ru' })).toBe(
      'Пороги VIP достигнуты: выручка 1\u00a0234\u00a0567,5 ≥ 1\u00a0000, 1\u00a0001 заказ ≥ 2',
    );
  });

  it('accepts BCP 47 tags, deciding by their language', () => {
    const reason = { rule: 'active', values: { daysSinceLastPurchase: 3 } };
    expect(formatReason(reason, { locale: 'ru-RU' })).toBe(formatReason(reason, { locale: 'ru' }));
    expect(formatReason(reason, { locale: 'en-GB' })).toBe(formatReason(reason));
    expect(formatReason(reason, { locale: 'EN' })).toBe(formatReason(reason));
  });
});

describe('exported constants are deeply frozen', () => {
  const reason = { rule: 'active', values: { daysSinceLastPurchase: 3 } };

  it('overwriting a message template throws and changes no later sentence', () => {
    const before = formatReason(reason);
    const en = CLASSIFICATION_MESSAGES.en as unknown as Record<string, unknown>;
    expect(() => {
      en.active = 'hacked {days}';
    }).toThrow(TypeError);
    expect(() => {
      (CLASSIFICATION_MESSAGES.ru.day as unknown as Record<string, string>).one = 'x';
    }).toThrow(TypeError);
    expect(() => {
      (CLASSIFICATION_MESSAGES as unknown as Record<string, unknown>).de = {};
    }).toThrow(TypeError);
    expect(formatReason(reason)).toBe(before);
    expect(
      formatReason({ rule: 'active', values: { daysSinceLastPurchase: 1 } }, { locale: 'ru' }),
    ).toBe('Другие правила не сработали; последняя покупка 1 день назад');
  });
});

describe('formatReason', () => {
  const result = classifyCustomers(BASE, { asOf: AS_OF });

  it('formats a reason after a JSON round trip exactly as before it', () => {
    const stored = JSON.parse(JSON.stringify(result)) as ClassifiedCustomer[];
    stored.forEach((c, i) => {
      c.reasons.forEach((reason, k) => {
        expect(formatReason(reason)).toBe(say(result.at(i)?.reasons[k]));
        expect(formatReason(reason, { locale: 'ru' })).toBe(say(result.at(i)?.reasons[k], 'ru'));
      });
    });
  });

  it('names the interval source in both languages', () => {
    const values = { daysSinceLastPurchase: 100, multiple: 2, intervalDays: 45.94 };
    expect(say({ rule: 'at-risk', values: { ...values, intervalSource: 'base' } }, 'ru')).toBe(
      'Нет покупок 100 дней — больше, чем 2 × медианный интервал постоянных клиентов (45,9 дня)',
    );
    expect(say({ rule: 'at-risk', values: { ...values, intervalSource: 'default' } })).toBe(
      'No purchase for 100 days, more than 2 × the default interval (45.9 days)',
    );
  });

  it.each([
    [null, 'reason'],
    [{ rule: 'lost' }, 'reason'],
    [{ rule: 'lost', values: { daysSinceLastPurchase: 400 } }, 'reason.values.lostAfterDays'],
    [
      { rule: 'new', values: { daysSinceFirstPurchase: '3', newWithinDays: 30 } },
      'reason.values.daysSinceFirstPurchase',
    ],
    [
      {
        rule: 'at-risk',
        values: { daysSinceLastPurchase: 9, multiple: 2, intervalDays: 3, intervalSource: 'x' },
      },
      'reason.values.intervalSource',
    ],
    [
      { rule: 'vip', values: { revenue: 5, topShare: 0.2, thresholdRevenue: '4' } },
      'reason.values.revenue',
    ],
  ])('%j → INVALID_INPUT naming %s', (reason, field) => {
    const error = rejection(() => formatReason(reason as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe(field);
  });

  it('rejects an unknown locale', () => {
    const error = rejection(() =>
      formatReason({ rule: 'active', values: { daysSinceLastPurchase: 1 } }, {
        locale: 'de',
      } as never),
    );
    expect(error.message).toBe(
      `formatReason: options.locale must be a BCP 47 tag of a supported language: 'en', 'ru' (received "de")`,
    );
    expect(
      rejection(() => formatReason({ rule: 'active', values: {} }, { locale: 'e n' })).field,
    ).toBe('options.locale');
  });
});
