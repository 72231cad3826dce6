/** What counts as a name, for both readers, and what is said of a record that has neither a name nor a number. */

/**
 * A letter, a digit or a pictograph (an emoji is a fine name for someone close). Punctuation and other marks alone
 * (`.`, `--`, `"`) are what is left of an empty field, not a name.
 */
const NAME_CHAR = /[\p{L}\p{N}\p{So}]/u;

export function hasNameText(text: string): boolean {
  return NAME_CHAR.test(text);
}

export const NOTHING_USABLE_CARD = 'This card has no name and no phone number, so it was skipped.';
export const UNDECODABLE_NAME_AND_NO_NUMBER =
  'This card has no phone number, and its name could not be decoded, so it was skipped.';
export const NOTHING_USABLE_ROW = 'This row has no name and no phone number, so it was skipped.';
