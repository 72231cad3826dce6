import { t, type MessageId } from '../../../i18n/index.ts';
import type { PhoneCountry } from '../../import/countries.ts';
import type { CheckKind } from '../../phone/check.ts';

const KIND_WORDS: Record<string, MessageId> & Record<CheckKind, MessageId> = {
  'premium-rate': 'cli.check.premiumRate',
  'toll-free': 'cli.check.tollFree',
  'shared-cost': 'cli.check.sharedCost',
  'universal access': 'cli.check.universalAccess',
};

/** The line the CLI prints under a number to check: why it waits, and the two ways out. */
export function checkHint(raw: string, check: NonNullable<PhoneCountry['check']>): string {
  const word = KIND_WORDS[check.kind];
  const values = { home: check.home, kind: word ? t(word) : check.kind, raw };
  const s = check.suggestion;
  return s
    ? t('cli.check.hintWithSuggestion', { ...values, country: s.country, e164: s.e164 })
    : t('cli.check.hint', values);
}
