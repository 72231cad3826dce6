import { describe, expect, it } from 'vitest';
import { AVATAR_PALETTE, avatarColour, avatarInitials, foldForColour } from './avatar-colour.ts';

/** WCAG 2 relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(n >> 16) + 0.7152 * channel((n >> 8) & 0xff) + 0.0722 * channel(n & 0xff);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * A stylesheet's text. Tests run under Node; the renderer's code is typed without it, so the module is named
 * indirectly (a CSS import would be emptied by the test runner).
 */
async function stylesheet(name: string): Promise<string> {
  const fs = (await import(/* @vite-ignore */ ['node', 'fs/promises'].join(':'))) as {
    readFile(path: URL, encoding: 'utf8'): Promise<string>;
  };
  return fs.readFile(new URL(`../styles/${name}`, import.meta.url), 'utf8');
}

/** The light and dark values of a theme variable, as base.css declares it with light-dark(). */
async function themeVariable(name: string): Promise<{ light: string; dark: string }> {
  const baseCss = await stylesheet('base.css');
  const m = new RegExp(`${name}:\\s*light-dark\\((#[0-9a-f]{6}),\\s*(#[0-9a-f]{6})\\)`, 'i').exec(baseCss);
  if (!m) throw new Error(`base.css declares no ${name} with light-dark(#rrggbb, #rrggbb)`);
  return { light: m[1]!, dark: m[2]! };
}

describe('avatar colours', () => {
  it('give the initials at least 4.5:1 in both themes, for every palette entry', async () => {
    // The colour the initials are drawn in (screens.css: `.avatar { color: var(--accent-text) }`).
    expect(await stylesheet('screens.css')).toMatch(/\.avatar \{[^}]*color: var\(--accent-text\);/);
    const text = await themeVariable('--accent-text');
    expect(AVATAR_PALETTE.length).toBeGreaterThanOrEqual(6);
    for (const { light, dark } of AVATAR_PALETTE) {
      expect(contrast(light, text.light), `${light} in the light theme`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(dark, text.dark), `${dark} in the dark theme`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('computes contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('follow the folded name: the same for case, accents and spacing, and spread over the palette', () => {
    expect(foldForColour('  José   ÁLVAREZ ')).toBe('jose alvarez');
    expect(avatarColour('José Álvarez')).toBe(avatarColour('jose  alvarez'));
    // Stable across runs and machines: a fixed hash, not a random or per-session one.
    expect(avatarColour('Ada Lovelace')).toBe(avatarColour('Ada Lovelace'));
    const used = new Set(
      ['Ada', 'Ben', 'Chloé', 'Dmitri', 'Eve', 'Farah', 'Gus', 'Hana', 'Ivan', 'Jo'].map(avatarColour),
    );
    expect(used.size).toBeGreaterThanOrEqual(4);
    for (const i of used) expect(i).toBeLessThan(AVATAR_PALETTE.length);
  });
});

describe('avatarInitials', () => {
  it('takes the first letters of the first and last words', () => {
    expect(avatarInitials('Ada Lovelace')).toBe('AL');
    expect(avatarInitials('ada king lovelace')).toBe('AL');
    expect(avatarInitials('Cher')).toBe('C');
    expect(avatarInitials('  (Bob)  "the builder"  ')).toBe('BB');
    expect(avatarInitials('Dr. Émile Zola')).toBe('DZ');
    expect(avatarInitials('Ölçer İnce')).toBe('Öİ');
  });

  it('keeps whole graphemes in any script', () => {
    expect(avatarInitials('Иван Петров')).toBe('ИП');
    expect(avatarInitials('山田 太郎')).toBe('山太');
    expect(avatarInitials('김민준')).toBe('김');
    // Devanagari: the first grapheme cluster, consonant with its vowel sign.
    expect(avatarInitials('किशोर कुमार')).toBe('किकु');
    // A decomposed é stays one letter with its accent.
    expect(avatarInitials('e\u0301lodie')).toBe('E\u0301');
    expect(avatarInitials('محمد علي')).toBe('مع');
  });

  it('gives nothing (the glyph) for no name, numbers, punctuation or emoji', () => {
    for (const name of ['', '   ', '+44 7700 900123', '—', '😀 🎉', '123 456']) expect(avatarInitials(name)).toBe('');
    // Words without letters are skipped, not taken as the last word.
    expect(avatarInitials('Ada 42 😀')).toBe('A');
  });
});
