import { useState, type FormEvent } from 'react';
import type { AppState } from '../../../main/ipc/contract.ts';
import { api } from '../api.ts';
import { ErrorText, invalidProps } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useAction.ts';
import { t } from '../../../i18n/index.ts';
import { StepActions } from './StepActions.tsx';

interface Props {
  devCode: string | null;
  onVerified: (state: AppState) => void;
  onBack: () => void;
}

/** The six-digit code; a demo server hands it back, so it is filled in. */
export function CodeStep({ devCode, onVerified, onBack }: Props) {
  const [code, setCode] = useState(devCode ?? '');
  const { busy, error, detail, setError, run } = useAction('sign-in');

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (!/^\d{6}$/.test(code)) setError(t('onboarding.code.sixDigits'));
    else void run(async () => onVerified(await api.verify(code)));
  }

  return (
    <form className="card" onSubmit={submit} noValidate data-testid="onboarding-code-form">
      <h2>{t('onboarding.code.title')}</h2>
      {devCode ? (
        <p className="note" data-testid="onboarding-dev-code-note">
          {t('onboarding.code.demoNote')}
        </p>
      ) : (
        <p className="muted">{t('onboarding.code.intro')}</p>
      )}
      <div className="field">
        <label htmlFor="verify-code">{t('onboarding.code.label')}</label>
        <input
          id="verify-code"
          className="code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          {...invalidProps(error, 'code-error')}
          data-testid="onboarding-code"
          autoFocus
        />
        <ErrorText id="code-error" testId="onboarding-code-error" error={error} detail={detail} />
      </div>
      <StepActions
        onBack={onBack}
        busy={busy}
        label={t('onboarding.code.submit')}
        busyLabel={t('onboarding.code.verifying')}
        testId="onboarding-verify"
      />
    </form>
  );
}
