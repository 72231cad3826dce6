import { t, type MessageId } from '../../../i18n/index.ts';
import type { ContactFilter } from '../../../main/ipc/contract.ts';

const FILTERS: Array<{ value: ContactFilter; label: MessageId }> = [
  { value: 'all', label: 'contacts.filter.all' },
  { value: 'on-kith', label: 'contacts.filter.onKith' },
  { value: 'not-on-kith', label: 'contacts.filter.notOnKith' },
  { value: 'invalid', label: 'contacts.filter.invalid' },
  { value: 'to-check', label: 'contacts.filter.toCheck' },
  { value: 'excluded', label: 'contacts.filter.excluded' },
];

interface Props {
  value: ContactFilter;
  onChange: (filter: ContactFilter) => void;
}

export function FilterChips({ value, onChange }: Props) {
  return (
    <div className="chips" role="group" aria-label={t('contacts.filters')}>
      {FILTERS.map((f) => (
        <button
          key={f.value}
          type="button"
          className="chip"
          aria-pressed={value === f.value}
          data-testid={`filter-${f.value}`}
          onClick={() => onChange(f.value)}
        >
          {t(f.label)}
        </button>
      ))}
    </div>
  );
}
