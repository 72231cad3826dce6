import { describe, expect, it } from 'vitest';
import { t } from '../../../i18n/index.ts';
import { isCard, toCard } from './cards.ts';

const card = (...lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD'].join('\r\n');

describe('contacts from EDS', () => {
  it('takes the UID and REV, folded lines, groups and parameters included', () => {
    const vcard = card('FN:Ada Lovelace', 'item1.UID;VALUE=text:pas-id-', ' 1234', 'REV:2026-12-08T00:52:23Z');
    expect(toCard(vcard, 'Personal', 0)).toEqual({ uid: 'pas-id-1234', rev: '2026-12-08T00:52:23Z', vcard });
  });

  it('has no REV when the card has none, and falls back to the uid EDS sent alongside', () => {
    expect(toCard(card('FN:Ada'), 'Personal', 0, 'pas-id-9')).toEqual({
      uid: 'pas-id-9',
      rev: null,
      vcard: card('FN:Ada'),
    });
  });

  it('skips a card without a UID, or a text that is no vCard, with a sentence naming the book', () => {
    const noUid = toCard(card('FN:Ada'), 'Personal', 4);
    expect(isCard(noUid)).toBe(false);
    expect(noUid).toEqual({ uid: null, message: t('eds.contactNoUid', { index: 5, book: 'Personal' }) });
    expect(toCard('', 'Work', 0, 'pas-id-2')).toEqual({
      uid: 'pas-id-2',
      message: t('eds.contactNotVCard', { uid: 'pas-id-2', book: 'Work' }),
    });
  });
});
