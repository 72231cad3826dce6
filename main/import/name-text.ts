/** What counts as a name, for both readers, and what is said of a record that has neither a name nor a number. */
import { t } from '../../i18n/index.ts';

/**
 * A letter, a digit or a pictograph (an emoji is a fine name for someone close). Punctuation and other marks alone
 * (`.`, `--`, `"`) are what is left of an empty field, not a name.
 */
const NAME_CHAR = /[\p{L}\p{N}\p{So}]/u;

export function hasNameText(text: string): boolean {
  return NAME_CHAR.test(text);
}

export const NOTHING_USABLE_CARD = t('import.nothingUsableCard');
export const UNDECODABLE_NAME_AND_NO_NUMBER = t('import.undecodableNameAndNoNumber');
export const NOTHING_USABLE_ROW = t('import.nothingUsableRow');
