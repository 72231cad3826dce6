/** A card's PHOTO properties, read once the card is known to be kept: the first usable one becomes its photo. */
import type { ParsedContact } from '../types.ts';
import { parseParams } from './params.ts';
import { readPhoto } from './photo.ts';
import { propValue, type CardProp } from './tokenize.ts';

/** PHOTO properties looked at per card: a card full of refused photos says so a few times, not thousands. */
const MAX_TRIED = 3;

export function withPhoto(
  contact: ParsedContact,
  photos: readonly CardProp[],
  lines: readonly string[],
  v21: boolean,
): ParsedContact {
  for (const prop of photos.slice(0, MAX_TRIED)) {
    const semi = prop.head.indexOf(';');
    const { encoding } = parseParams(semi === -1 ? '' : prop.head.slice(semi + 1));
    const read = readPhoto(propValue(lines, prop, v21), encoding);
    if (read === null) continue;
    if (read.ok) {
      contact.photo = read.photo;
      break;
    }
    if (read.message !== null) (contact.issues ??= []).push({ line: prop.line, message: read.message });
  }
  return contact;
}
