import { useMemo, useState, type FormEvent } from 'react';
import type { AppState } from '../../../main/ipc/contract.ts';
import { t } from '../../../i18n/index.ts';
import { api } from '../api.ts';
import { ErrorText, invalidProps } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useAction.ts';
import { countries, localeRegion } from './countries.ts';
import { ownNumberProblem } from './number-check.ts';
import { StepActions } from './StepActions.tsx';

interface Props {
  state: AppState;
  onDone: (state: AppState) => void;
}

/** Your own number and country: the country also becomes the default for numbers saved without a +code. */
export function OwnNumberStep({ state, onDone }: Props) {
  const list = useMemo(() => countries(), []);
  const [region, setRegion] = useState(
    () => state.region ?? localeRegion(navigator.languages, new Set(list.map((c) => c.code))),
  );
  const [number, setNumber] = useState(state.ownNumber ?? '');
  const { busy, error, detail, setError, run } = useAction();

  function submit(event: FormEvent): void {
    event.preventDefault();
    const problem = ownNumberProblem(number, region, list.find((c) => c.code === region)?.name ?? region);
    if (problem) setError(problem);
    else void run(async () => onDone(await api.setOwnNumber(number.trim(), region)));
  }

  return (
    <form className="card" onSubmit={submit} noValidate data-testid="onboarding-number-form">
      <h2>{t('onboarding.number.title')}</h2>
      <p className="muted">{t('onboarding.number.intro')}</p>
      <div className="field">
        <label htmlFor="own-region">{t('onboarding.number.country')}</label>
        <select
          id="own-region"
          value={region}
          onChange={(e) => setRegion(e.target.value)}
          data-testid="onboarding-region"
        >
          {list.map((c) => (
            <option key={c.code} value={c.code}>
              {t('onboarding.number.option', { name: c.name, callingCode: c.callingCode })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="own-number">{t('onboarding.number.label')}</label>
        <input
          id="own-number"
          type="tel"
          autoComplete="tel"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          {...invalidProps(error, 'own-number-error')}
          data-testid="onboarding-number"
          autoFocus
        />
        <ErrorText id="own-number-error" testId="onboarding-number-error" error={error} detail={detail} />
      </div>
      <StepActions
        busy={busy}
        label={t('onboarding.number.submit')}
        busyLabel={t('onboarding.number.checking')}
        testId="onboarding-number-submit"
      />
    </form>
  );
}
