/**
 * A contact as EDS gives it: a vCard 3.0 text. Only the UID and REV are read here (the importer reads the rest);
 * a text that is not a vCard, or has no UID, is a problem for that one contact.
 */
import { t } from '../../../i18n/index.ts';

export interface EdsCard {
  uid: string;
  /** The card's REV. EDS writes it to the second, so two edits in one second can share it. */
  rev: string | null;
  vcard: string;
}

/** A contact that was skipped, and why (one whole sentence). */
export interface ContactProblem {
  uid: string | null;
  message: string;
}

function unfold(vcard: string): string[] {
  return vcard.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
}

/** The value of the first `name` property (with or without a group or parameters), or null. */
function property(lines: string[], name: string): string | null {
  const pattern = new RegExp(`^(?:[A-Za-z0-9-]+\\.)?${name}(?:;[^:]*)?:(.*)$`, 'i');
  for (const line of lines) {
    const found = pattern.exec(line);
    if (found) return found[1]!.trim();
  }
  return null;
}

/** The card for `vcard`, or the problem with it. `expectedUid` is the uid EDS sent alongside, when it did. */
export function toCard(vcard: string, book: string, index: number, expectedUid?: string): EdsCard | ContactProblem {
  const lines = unfold(vcard.trim());
  const label = expectedUid ?? String(index + 1);
  if (!/^BEGIN:VCARD$/i.test(lines[0] ?? '') || !/^END:VCARD$/i.test(lines.at(-1) ?? '')) {
    return { uid: expectedUid ?? null, message: t('eds.contactNotVCard', { uid: label, book }) };
  }
  const uid = property(lines, 'UID') || expectedUid;
  if (!uid) return { uid: null, message: t('eds.contactNoUid', { index: index + 1, book }) };
  return { uid, rev: property(lines, 'REV') || null, vcard };
}

export function isCard(value: EdsCard | ContactProblem): value is EdsCard {
  return 'vcard' in value;
}
