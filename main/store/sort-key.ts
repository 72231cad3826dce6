/** Letters that carry no accent to strip but are written otherwise in plain Latin. */
const PLAIN: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};
// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const ASCII = /^[\x00-\x7f]*$/;
const NOT_PLAIN = new RegExp(`[${Object.keys(PLAIN).join('')}]`, 'g');

/**
 * The form a name is searched by: lower case, accents dropped, compatibility forms folded, so that a search for
 * "jose" finds "José".
 */
export function foldName(name: string): string {
  // Most names are plain ASCII: lower case is all they need, at a fraction of the cost.
  if (ASCII.test(name)) return name.toLowerCase();
  return (
    name
      .normalize('NFKD')
      // Accents on Latin and Greek letters only: elsewhere a mark makes another letter (Russian й, Japanese が).
      .replace(/([\p{Script=Latin}\p{Script=Greek}])\p{M}+/gu, '$1')
      .toLowerCase()
      .replace(NOT_PLAIN, (ch) => PLAIN[ch]!)
  );
}

/**
 * Above every character: a key starting with it sorts after every name that starts with a letter, in any script.
 * SQLite compares TEXT by its UTF-8 bytes, which is code point order.
 */
const AFTER_LETTERS = '\u{10ffff}';
const LETTER_FIRST = /^\p{L}/u;

/**
 * The form a name is sorted by: folded as for search, so that "Élodie" sorts among the e's; names that start with a
 * digit or a symbol after all those that start with a letter (as phones list them under "#"), and contacts with no
 * name at all (shown by their number) last. A stray symbol or garbled text never heads the list. Only the store
 * keeps it; it is never shown.
 */
export function sortKey(name: string): string {
  const folded = foldName(name);
  const c = folded.charCodeAt(0);
  if ((c >= 0x61 && c <= 0x7a) || (c > 0x7f && LETTER_FIRST.test(folded))) return folded;
  return folded.trim() === '' ? AFTER_LETTERS + AFTER_LETTERS : AFTER_LETTERS + folded;
}
