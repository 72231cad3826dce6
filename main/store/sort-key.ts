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
 * The form a name is sorted and searched by: lower case, accents dropped, compatibility forms folded, so that
 * "Élodie" sorts among the e's and a search for "jose" finds "José". Only the store keeps it; it is never shown.
 */
export function sortKey(name: string): string {
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
