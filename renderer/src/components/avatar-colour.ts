/**
 * What an initials avatar shows: up to two letters (the first of the name's first and last words) on a colour that
 * follows from the name alone, so a contact keeps its colour across runs and devices.
 */

/**
 * Background colours, one for each theme. The initials are drawn in `--accent-text` (base.css), white in the light
 * theme and near-black in the dark one; avatar-colour.test.ts checks every pair reaches WCAG AA (4.5:1) against it.
 */
export const AVATAR_PALETTE: ReadonlyArray<{ readonly light: string; readonly dark: string }> = [
  { light: '#1f6f5c', dark: '#6cc3a8' },
  { light: '#2b5fa8', dark: '#8ab4f8' },
  { light: '#6a4bb0', dark: '#b9a4ee' },
  { light: '#a23b72', dark: '#f08fc0' },
  { light: '#b3401e', dark: '#f2a07e' },
  { light: '#8a5a00', dark: '#f0c46c' },
  { light: '#3f6b1f', dark: '#9fd17a' },
  { light: '#4a5a6a', dark: '#a9b8c6' },
];

const LETTER = /\p{L}/u;
const SPACE = /\s+/u;
const MARKS = /\p{M}+/gu;

let segmenter: Intl.Segmenter | null = null;

/** The first grapheme of `word` that holds a letter ("(Bob)" → "B"), or null. Clusters stay whole (Hangul, Devanagari). */
function firstLetter(word: string): string | null {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment } of segmenter.segment(word)) if (LETTER.test(segment)) return segment;
  return null;
}

/**
 * The initials of a name: the first letter of its first and of its last word that hold a letter, upper-cased where
 * the script has case. '' when the name has no letter at all (no name, a number, emoji only): show a glyph instead.
 */
export function avatarInitials(name: string): string {
  const words = name
    .trim()
    .split(SPACE)
    .filter((w) => LETTER.test(w));
  if (words.length === 0) return '';
  const first = firstLetter(words[0]!) ?? '';
  const last = words.length > 1 ? (firstLetter(words[words.length - 1]!) ?? '') : '';
  return (first + last).toLocaleUpperCase();
}

/** The name as the colour sees it: case, accents and spacing do not change a contact's colour. */
export function foldForColour(name: string): string {
  return name.normalize('NFKD').replace(MARKS, '').toLowerCase().trim().split(SPACE).join(' ');
}

/** The palette entry for a name: FNV-1a over the folded name, stable everywhere. */
export function avatarColour(name: string): number {
  const folded = foldForColour(name);
  let hash = 0x811c9dc5;
  for (let i = 0; i < folded.length; i++) {
    hash ^= folded.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % AVATAR_PALETTE.length;
}
