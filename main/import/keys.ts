import { hash } from 'node:crypto';
import type { ParsedContact } from './types.ts';

/** Digest of a record's raw text (or a file's bytes): equal digests mean nothing needs re-parsing. */
export function digestText(text: string | Uint8Array): string {
  return hash('sha1', text, 'base64');
}

/** The content a contact is identified by when its source gives no UID. */
export function contentKey(c: ParsedContact): string {
  const phones = c.phones.map((p) => `${p.label}\u0001${p.raw}`).join('\u0002');
  return 'hash:' + digestText(`${c.name}\u0000${phones}`);
}

export function stableKey(c: ParsedContact): string {
  return c.uid ? `uid:${c.uid}` : contentKey(c);
}
