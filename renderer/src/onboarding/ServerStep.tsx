import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { ErrorText, invalidProps } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useAction.ts';
import { signInErrorText } from './server-errors.ts';
import { StepActions } from './StepActions.tsx';

interface Props {
  ownNumber: string | null;
  onSent: (devCode: string | null) => void;
  onBack: () => void;
}

/** Which sync server to use: the bundled demo server (works offline), or one at an address. */
export function ServerStep({ ownNumber, onSent, onBack }: Props) {
  const [custom, setCustom] = useState(false);
  const [url, setUrl] = useState('');
  const { busy, error, setError, run } = useAction(signInErrorText);

  function submit(event: FormEvent): void {
    event.preventDefault();
    const address = url.trim();
    if (custom && !/^https?:\/\//i.test(address)) {
      setError('Enter the server’s address, starting with https:// or http://');
      return;
    }
    if (custom && !URL.canParse(address)) {
      setError(`${address} is not a web address.`);
      return;
    }
    void run(async () => onSent((await api.startVerification(custom ? address : null)).devCode));
  }

  return (
    <form className="card" onSubmit={submit} noValidate data-testid="onboarding-server-form">
      <h2>Sync server</h2>
      <p className="muted">
        The server tells you which of your contacts use Kith. We will send a code to {ownNumber ?? 'your number'}.
      </p>
      <fieldset className="field">
        <legend>Server</legend>
        <label className="choice">
          <input
            type="radio"
            name="server"
            checked={!custom}
            onChange={() => setCustom(false)}
            data-testid="onboarding-server-demo"
          />
          <span>
            Use the local demo server
            <span className="hint">It runs on this computer, so everything works offline.</span>
          </span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name="server"
            checked={custom}
            onChange={() => setCustom(true)}
            data-testid="onboarding-server-custom"
          />
          <span>Use a server at this address</span>
        </label>
        <label htmlFor="server-url" className="visually-hidden">
          Server address
        </label>
        <input
          id="server-url"
          type="url"
          placeholder="https://kith.example.org"
          value={url}
          disabled={!custom}
          onChange={(e) => setUrl(e.target.value)}
          {...invalidProps(error, 'server-error')}
          data-testid="onboarding-server-url"
        />
        <ErrorText id="server-error" testId="onboarding-server-error" error={error} />
      </fieldset>
      <StepActions onBack={onBack} busy={busy} label="Send code" busyLabel="Sending…" testId="onboarding-send-code" />
    </form>
  );
}
