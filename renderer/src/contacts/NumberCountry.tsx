import { useId, useMemo, useRef, type Ref } from 'react';
import type { ContactDetail, CountryCheckView } from '../../../main/ipc/contract.ts';
import { t, type MessageId } from '../../../i18n/index.ts';
import { api } from '../api.ts';
import { countries, countryName } from '../onboarding/countries.ts';

type Phone = ContactDetail['phones'][number];

interface Props {
  phone: Phone;
  /** The home country, the default for numbers written without a country code. */
  home: string | null;
  run: (action: () => Promise<unknown>) => void;
}

/** The value of the "home default" entry in the country lists; a real code is two letters. */
const HOME_DEFAULT = 'default';

/**
 * One number's country, inside its row of the detail pane: the country list for a number written without a country
 * code, and for a number to check, why it waits and the ways to settle it.
 */
export function NumberCountry({ phone, home, run }: Props) {
  const picker = useRef<HTMLSelectElement>(null);
  const id = useId();
  if (!phone.choosable) return null;
  const set = (country: string | null) => run(() => api.setNumberCountry(phone.contactId, phone.position, country));
  return (
    <>
      {phone.check && (
        <CheckNote
          check={phone.check}
          onConfirm={() => set(phone.check!.home)}
          onChange={() => picker.current?.focus()}
          onSuggestion={(country) => set(country)}
        />
      )}
      <div className="field number-country">
        <label htmlFor={id}>{t('contacts.country.label')}</label>
        <CountrySelect
          id={id}
          selectRef={picker}
          home={home}
          value={phone.chosenCountry ?? HOME_DEFAULT}
          testId="detail-phone-country"
          onChange={(value) => set(value === HOME_DEFAULT ? null : value)}
        />
      </div>
    </>
  );
}

// Whole sentences per kind, with the country's name last: names from Intl come without an article.
const KIND_SENTENCES: Record<string, MessageId> = {
  'premium-rate': 'contacts.country.check.premium-rate',
  'toll-free': 'contacts.country.check.toll-free',
  'shared-cost': 'contacts.country.check.shared-cost',
  'universal access': 'contacts.country.check.universal-access',
};

function CheckNote({
  check,
  onConfirm,
  onChange,
  onSuggestion,
}: {
  check: CountryCheckView;
  onConfirm: () => void;
  onChange: () => void;
  onSuggestion: (country: string) => void;
}) {
  const home = countryName(check.home);
  const read = t(KIND_SENTENCES[check.kind] ?? 'contacts.country.check.service', { home });
  const { suggestion } = check;
  return (
    <div className="note check-country" role="note" data-testid="detail-phone-check" data-kind={check.kind}>
      <p>
        <strong>{t('contacts.country.check.title')}</strong> {read} {t('contacts.country.check.notUploaded')}
      </p>
      {suggestion && (
        <p data-testid="detail-phone-suggestion">
          {t('contacts.country.check.suggestion', {
            number: suggestion.display,
            country: countryName(suggestion.country),
          })}
        </p>
      )}
      <div className="actions">
        {suggestion && (
          <button
            type="button"
            className="small"
            data-testid="detail-phone-use-suggestion"
            onClick={() => onSuggestion(suggestion.country)}
          >
            {t('contacts.country.check.use', { number: suggestion.display })}
          </button>
        )}
        <button type="button" className="small" data-testid="detail-phone-confirm" onClick={onConfirm}>
          {t('contacts.country.check.confirm', { country: home })}
        </button>
        <button type="button" className="small ghost" data-testid="detail-phone-change-country" onClick={onChange}>
          {t('contacts.country.check.change')}
        </button>
      </div>
    </div>
  );
}

interface SelectProps {
  id: string;
  home: string | null;
  value: string;
  testId: string;
  onChange: (value: string) => void;
  selectRef?: Ref<HTMLSelectElement>;
  /** A first entry that asks for a choice and does nothing itself. */
  prompt?: string;
}

/** Every country, after the home default ("Home country (United Kingdom)"). */
export function CountrySelect({ id, home, value, testId, onChange, selectRef, prompt }: SelectProps) {
  const list = useMemo(() => countries(), []);
  return (
    <select id={id} ref={selectRef} value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
      {prompt !== undefined && (
        <option value="" disabled>
          {prompt}
        </option>
      )}
      <option value={HOME_DEFAULT}>
        {home ? t('contacts.country.home', { country: countryName(home) }) : t('contacts.country.homeNone')}
      </option>
      {list.map((c) => (
        <option key={c.code} value={c.code}>
          {t('contacts.country.option', { country: c.name, code: c.callingCode })}
        </option>
      ))}
    </select>
  );
}

/** The same list for every number of a contact written without a country code; shown when it has several. */
export function ContactCountry({ contact, run }: { contact: ContactDetail; run: Props['run'] }) {
  const id = useId();
  if (contact.phones.filter((p) => p.choosable).length < 2) return null;
  return (
    <div className="field contact-country">
      <label htmlFor={id}>{t('contacts.country.everyNumber')}</label>
      <CountrySelect
        id={id}
        home={contact.home}
        value=""
        prompt={t('contacts.country.choose')}
        testId="detail-contact-country"
        onChange={(value) => run(() => setEveryCard(contact, value === HOME_DEFAULT ? null : value))}
      />
    </div>
  );
}

/**
 * Every number shown takes the country, whichever of the person's cards it comes from (a choice is kept per digits,
 * so it reaches the same digits on the other cards too).
 */
async function setEveryCard(contact: ContactDetail, country: string | null): Promise<void> {
  for (const p of contact.phones) if (p.choosable) await api.setNumberCountry(p.contactId, p.position, country);
}
