import { useId, useMemo, useState } from 'react';
import type { AppState } from '../../../main/ipc/contract.ts';
import { api } from '../api.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useAction.ts';
import { countries } from '../onboarding/countries.ts';

interface Props {
  state: AppState;
  onStateChange: (state: AppState) => void;
}

function changedText(n: number): string {
  if (n === 0) return 'Every number reads as before.';
  if (n === 1) return '1 number now reads differently. The next sync sends the change.';
  return `${n} numbers now read differently. The next sync sends the changes.`;
}

/** The home country: how numbers saved without a country code are read. Changing it reads every number again. */
export function HomeCountry({ state, onStateChange }: Props) {
  const list = useMemo(() => countries(), []);
  const id = useId();
  const { busy, error, run } = useAction();
  const [changed, setChanged] = useState<number | null>(null);

  function choose(region: string): void {
    setChanged(null);
    void run(async () => {
      const result = await api.setHomeCountry(region);
      onStateChange(result.state);
      setChanged(result.renormalized);
    });
  }

  return (
    <div className="field home-country">
      <label htmlFor={id}>Home country</label>
      <select
        id={id}
        value={state.region ?? ''}
        disabled={busy}
        onChange={(e) => choose(e.target.value)}
        data-testid="settings-home-country"
      >
        {state.region === null && (
          <option value="" disabled>
            Choose a country…
          </option>
        )}
        {list.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name} (+{c.callingCode})
          </option>
        ))}
      </select>
      <span className="hint">
        Numbers saved without a country code are read as numbers of this country. Changing it reads every number again.
      </span>
      <p className="hint" role="status" data-testid="settings-home-country-status">
        {busy ? 'Reading every number again…' : changed !== null ? changedText(changed) : ''}
      </p>
      <ErrorText testId="settings-home-country-error" error={error} />
    </div>
  );
}
