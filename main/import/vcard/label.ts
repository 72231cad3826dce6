/** The human label of a phone number. */

// Apple wraps its built-in labels as `_$!<Mobile>!$_`; custom labels are plain text.
const APPLE_WRAPPED = /^_\$!<(.*)>!\$_$/s;

export function labelFromAbLabel(text: string): string {
  const m = APPLE_WRAPPED.exec(text);
  return (m ? (m[1] ?? '') : text).trim();
}

const KINDS: ReadonlyMap<string, string> = new Map([
  ['iphone', 'iPhone'],
  ['cell', 'Mobile'],
  ['main', 'Main'],
  ['pager', 'Pager'],
]);
const PLACES: ReadonlyMap<string, string> = new Map([
  ['home', 'Home'],
  ['work', 'Work'],
  ['other', 'Other'],
]);

/**
 * From TYPE values (and 2.1 bare words). A kind (Mobile, Pager, …) beats a place (Home, Work, Other); fax is the
 * exception and keeps its place ("Home Fax"). pref, voice, internet, X- and unknown types say nothing.
 */
export function labelFromTypes(types: readonly string[]): string {
  let kind = '';
  let place = '';
  let fax = false;
  for (const t of types) {
    if (t === 'fax') fax = true;
    else if (kind === '' && KINDS.has(t)) kind = KINDS.get(t) ?? '';
    else if (place === '' && PLACES.has(t)) place = PLACES.get(t) ?? '';
  }
  if (fax) return place === '' ? 'Fax' : `${place} Fax`;
  return kind !== '' ? kind : place;
}
