import { afterEach, describe, expect, it } from 'vitest';
import { catalog } from './catalog.ts';
import { currentLocale, formatNumber, formatRelative, setLocale, t } from './index.ts';

const initial = currentLocale();
afterEach(() => setLocale(initial));

describe('i18n', () => {
  it('says how long ago in the largest fitting unit', () => {
    setLocale('en-GB');
    const now = 1_700_000_000_000;
    expect(formatRelative(now - 3_000, now)).toBe('just now');
    expect(formatRelative(now - 3 * 60_000, now)).toBe('3 minutes ago');
    expect(formatRelative(now - 2 * 3_600_000, now)).toBe('2 hours ago');
    expect(formatRelative(now + 30_000, now)).toBe('in 30 seconds');
  });

  it('formats numbers in the locale, inside messages too, with English plural rules', () => {
    setLocale('de-DE');
    expect(formatNumber(20073)).toBe('20.073');
    expect(t('app.people', { count: 20073 })).toBe('20.073 people');
    // Japanese has no "one" category; the English catalog must still say "1 person".
    setLocale('ja-JP');
    expect(t('app.people', { count: 1 })).toBe('1 person');
    setLocale('en-US');
    expect(t('app.people', { count: 0 })).toBe('0 people');
    expect(t('app.people', { count: 20073 })).toBe('20,073 people');
  });

  it('compiles every message, and every plural has an "other" case', () => {
    setLocale('en-US');
    for (const [id, text] of Object.entries(catalog)) {
      // Formatting with every argument as 1 throws on a malformed message or a select without "other".
      const args = Object.fromEntries([...text.matchAll(/\{\s*(\w+)/g)].map((m) => [m[1], 1]));
      expect(() => t(id as never, args), id).not.toThrow();
      if (/,\s*(plural|select)\s*,/.test(text)) expect(text, id).toMatch(/other\s*\{/);
    }
  });
});
