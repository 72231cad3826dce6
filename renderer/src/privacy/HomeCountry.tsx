import { useId, useMemo, useState } from 'react';
import type { AppState } from '../../../main/ipc/contract.ts';
import { t } from '../../../i18n/index.ts';
import { api } from '../api.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useAction.ts';
import { countries } from '../onboarding/countries.ts';

interface Props {
  state: AppState;
  onStateChange: (state: AppState) => void;
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
      <label htmlFor={id}>{t('settings.home.label')}</label>
      <select
        id={id}
        value={state.region ?? ''}
        onChange={(e) => choose(e.target.value)}
        data-testid="settings-home-country"
      >
        {state.region === null && (
          <option value="" disabled>
            {t('settings.home.choose')}
          </option>
        )}
        {list.map((c) => (
          <option key={c.code} value={c.code}>
            {t('settings.home.option', { name: c.name, callingCode: c.callingCode })}
          </option>
        ))}
      </select>
      <span className="hint">{t('settings.home.hint')}</span>
      <p className="hint" role="status" data-testid="settings-home-country-status">
        {busy ? t('settings.home.reading') : changed !== null ? t('settings.home.changed', { count: changed }) : ''}
      </p>
      <ErrorText testId="settings-home-country-error" error={error} />
    </div>
  );
}
