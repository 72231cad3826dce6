/** The human label of a phone number. */
import { t } from '../../../i18n/index.ts';

// Apple wraps its built-in labels as `_$!<Mobile>!$_`; custom labels are plain text.
const APPLE_WRAPPED = /^_\$!<(.*)>!\$_$/s;

export function labelFromAbLabel(text: string): string {
  const m = APPLE_WRAPPED.exec(text);
  return (m ? (m[1] ?? '') : text).trim();
}

// Formatted once: every number of every card gets a label.
const KINDS: ReadonlyMap<string, string> = new Map([
  ['iphone', t('phone.label.iphone')],
  ['cell', t('phone.label.mobile')],
  ['main', t('phone.label.main')],
  ['pager', t('phone.label.pager')],
]);
const PLACES: ReadonlyMap<string, string> = new Map([
  ['home', t('phone.label.home')],
  ['work', t('phone.label.work')],
  ['other', t('phone.label.other')],
]);
/** Fax keeps its place: by place type, '' for none. */
const FAXES: ReadonlyMap<string, string> = new Map(
  ['home', 'work', 'other', ''].map((place) => [place, t('phone.label.fax', { place: place || 'none' })]),
);

/**
 * From TYPE values (and 2.1 bare words). A kind (Mobile, Pager, …) beats a place (Home, Work, Other); fax is the
 * exception and keeps its place ("Home Fax"). pref, voice, internet, X- and unknown types say nothing.
 */
export function labelFromTypes(types: readonly string[]): string {
  let kind = '';
  let place = '';
  let fax = false;
  for (const type of types) {
    if (type === 'fax') fax = true;
    else if (kind === '' && KINDS.has(type)) kind = KINDS.get(type) ?? '';
    else if (place === '' && PLACES.has(type)) place = type;
  }
  if (fax) return FAXES.get(place) ?? '';
  return kind !== '' ? kind : (PLACES.get(place) ?? '');
}
