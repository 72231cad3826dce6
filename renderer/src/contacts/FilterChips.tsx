import type { ContactFilter } from '../../../main/ipc/contract.ts';

const FILTERS: Array<{ value: ContactFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'on-kith', label: 'On Kith' },
  { value: 'not-on-kith', label: 'Not on Kith' },
  { value: 'invalid', label: 'Invalid or possible numbers' },
  { value: 'to-check', label: 'Country to check' },
  { value: 'excluded', label: 'Excluded' },
];

interface Props {
  value: ContactFilter;
  onChange: (filter: ContactFilter) => void;
}

export function FilterChips({ value, onChange }: Props) {
  return (
    <div className="chips" role="group" aria-label="Show">
      {FILTERS.map((f) => (
        <button
          key={f.value}
          type="button"
          className="chip"
          aria-pressed={value === f.value}
          data-testid={`filter-${f.value}`}
          onClick={() => onChange(f.value)}
        >
          {f.label}
        </button>
      ))}
    </div>
  );
}
