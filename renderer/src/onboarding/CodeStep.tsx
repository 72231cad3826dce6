import { useState, type FormEvent } from 'react';
import type { AppState } from '../../../main/ipc/contract.ts';
import { api } from '../api.ts';
import { ErrorText, invalidProps } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useAction.ts';
import { signInErrorText } from './server-errors.ts';
import { StepActions } from './StepActions.tsx';

interface Props {
  devCode: string | null;
  onVerified: (state: AppState) => void;
  onBack: () => void;
}

/** The six-digit code; a demo server hands it back, so it is filled in. */
export function CodeStep({ devCode, onVerified, onBack }: Props) {
  const [code, setCode] = useState(devCode ?? '');
  const { busy, error, setError, run } = useAction(signInErrorText);

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (!/^\d{6}$/.test(code)) setError('The code has six digits.');
    else void run(async () => onVerified(await api.verify(code)));
  }

  return (
    <form className="card" onSubmit={submit} noValidate data-testid="onboarding-code-form">
      <h2>Verification code</h2>
      {devCode ? (
        <p className="note" data-testid="onboarding-dev-code-note">
          This is a demo server: it hands the code back instead of sending a text message, so it is filled in for you.
        </p>
      ) : (
        <p className="muted">Enter the six-digit code the server sent to your phone.</p>
      )}
      <div className="field">
        <label htmlFor="verify-code">Code</label>
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
        <ErrorText id="code-error" testId="onboarding-code-error" error={error} />
      </div>
      <StepActions onBack={onBack} busy={busy} label="Verify" busyLabel="Verifying…" testId="onboarding-verify" />
    </form>
  );
}
