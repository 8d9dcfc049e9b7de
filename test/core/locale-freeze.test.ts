import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../src/core/freeze.js';
import { languageOf } from '../../src/core/locale.js';

describe('languageOf', () => {
  it('reads the language subtag of BCP 47 tags (RFC 5646 examples)', () => {
    expect(languageOf('ru-RU', ['en', 'ru'])).toBe('ru');
    expect(languageOf('en-GB', ['en', 'ru'])).toBe('en');
    expect(languageOf('EN', ['en', 'ru'])).toBe('en');
    expect(languageOf('ru', ['en', 'ru'])).toBe('ru');
    expect(languageOf('zh-Hant-TW', ['en', 'ru'])).toBeUndefined();
    expect(languageOf('not a tag', ['en', 'ru'])).toBeUndefined();
    expect(languageOf(7, ['en', 'ru'])).toBeUndefined();
  });
});

describe('deepFreeze', () => {
  it('freezes nested arrays and objects, including inside frozen ones', () => {
    const inner = { list: [1, 2] };
    const value = deepFreeze(
      Object.freeze({ inner, fn: Object.assign(() => 1, { meta: { a: 1 } }) }),
    );
    expect(Object.isFrozen(value.inner)).toBe(true);
    expect(Object.isFrozen(value.inner.list)).toBe(true);
    expect(Object.isFrozen(value.fn.meta)).toBe(true);
    expect(() => (inner.list as number[]).push(3)).toThrow(TypeError);
  });
});
