/** Test helper: what the importer's vCard reader makes of the cards a desktop reader produced. */
import type { ParsedContact } from '../../import/types.ts';
import { parseVcardChunk, splitVcards } from '../../import/vcard/index.ts';
import type { OsCard } from './card.ts';

export function readBack(card: OsCard): ParsedContact {
  const { cards, errors } = splitVcards(new TextEncoder().encode(card.vcard), card.uid);
  if (errors.length > 0 || cards.length !== 1) {
    throw new Error(`bug: ${card.uid} split into ${cards.length} cards: ${JSON.stringify(errors)}`);
  }
  const contact = parseVcardChunk(cards[0]!);
  if (contact.issues?.length) throw new Error(`bug: ${card.uid}: ${JSON.stringify(contact.issues)}`);
  return contact;
}
