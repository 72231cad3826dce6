/**
 * Tolerant vCard (2.1, 3.0, 4.0) reader: `splitVcards` cuts a file into cards, `parseVcardChunk` reads one card
 * on its own, so a card that cannot be read never costs its neighbours.
 *
 * Decisions worth knowing:
 * - A BEGIN:VCARD inside a card (legacy nesting, 2.1 AGENT) is a card of its own; its lines are blanked out of the
 *   outer card, which keeps the lines after it. A 3.0/4.0 AGENT value is one escaped line and is ignored.
 * - A card without END:VCARD ends where the next BEGIN:VCARD starts, or at the end of the file; it is reported with
 *   its BEGIN line and its own lines are still read. When the file also lacks a final line break, its last line may
 *   be cut off and is dropped. Its lines are never given to another card.
 * - LOGO/SOUND/KEY payloads are never decoded, PHOTO only once the card is kept and only checked images (photo.ts);
 *   broken base64 in them is reported as an issue and the card is read as usual.
 * - Lines that are not properties are reported and skipped; the rest of the card is read.
 * - Values are decoded and unescaped here rather than by ical.js: ical.js leaves `\;` escaped in plain text values
 *   and took about twice as long on a 100,000-card file.
 */
export type { VcardChunk } from './chunk.ts';
export { looksLikeVcard } from './sniff.ts';
export { splitVcards } from './split.ts';
export { parseVcardChunk } from './parse-card.ts';
