import { useId, useMemo, useRef, type Ref } from 'react';
import type { ContactDetail, CountryCheckView } from '../../../main/ipc/contract.ts';
import { api } from '../api.ts';
import { countries, countryName } from '../onboarding/countries.ts';

type Phone = ContactDetail['phones'][number];

interface Props {
  contactId: number;
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
export function NumberCountry({ contactId, phone, home, run }: Props) {
  const picker = useRef<HTMLSelectElement>(null);
  const id = useId();
  if (!phone.choosable) return null;
  const set = (country: string | null) => run(() => api.setNumberCountry(contactId, phone.position, country));
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
        <label htmlFor={id}>Country</label>
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
const KIND_SENTENCES: Record<string, (home: string) => string> = {
  'premium-rate': (home) =>
    `This number has no country code, so it was read as a premium-rate number of your home country: ${home}.`,
  'toll-free': (home) =>
    `This number has no country code, so it was read as a toll-free number of your home country: ${home}.`,
  'shared-cost': (home) =>
    `This number has no country code, so it was read as a shared-cost number of your home country: ${home}.`,
  'universal access': (home) =>
    `This number has no country code, so it was read as a universal access number of your home country: ${home}.`,
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
  const read =
    KIND_SENTENCES[check.kind]?.(home) ??
    `This number has no country code, so it was read as a service number of your home country: ${home}.`;
  const { suggestion } = check;
  return (
    <div className="note check-country" role="note" data-testid="detail-phone-check" data-kind={check.kind}>
      <p>
        <strong>Check the country.</strong> {read} It is not uploaded until you confirm the country or change it.
      </p>
      {suggestion && (
        <p data-testid="detail-phone-suggestion">
          It is an ordinary number in another country: {suggestion.display} ({countryName(suggestion.country)}).
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
            Use {suggestion.display}
          </button>
        )}
        <button type="button" className="small" data-testid="detail-phone-confirm" onClick={onConfirm}>
          Confirm {home}
        </button>
        <button type="button" className="small ghost" data-testid="detail-phone-change-country" onClick={onChange}>
          Change country
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
      <option value={HOME_DEFAULT}>{home ? `Home country (${countryName(home)})` : 'Home country (none set)'}</option>
      {list.map((c) => (
        <option key={c.code} value={c.code}>
          {c.name} (+{c.callingCode})
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
      <label htmlFor={id}>Country of every number saved without a country code</label>
      <CountrySelect
        id={id}
        home={contact.home}
        value=""
        prompt="Choose a country…"
        testId="detail-contact-country"
        onChange={(value) => run(() => api.setContactCountry(contact.id, value === HOME_DEFAULT ? null : value))}
      />
    </div>
  );
}
