import { useState } from 'react';
import type { AppState } from '../../../main/ipc/contract.ts';
import { api } from '../api.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useAction.ts';
import { useLoad } from '../hooks/useLoad.ts';
import { HomeCountry } from './HomeCountry.tsx';
import { ThemeChoice } from './ThemeChoice.tsx';

interface Props {
  state: AppState;
  onStateChange: (state: AppState) => void;
}

/** Whether others can find you, and whether joins raise a notification. */
export function Settings({ state, onStateChange }: Props) {
  const discoverable = useLoad(() => api.discoverable(), 'discoverable', []);
  const [value, setValue] = useState<boolean | null>(null);
  const { error, run } = useAction();
  const shown = value ?? discoverable.data;

  return (
    <section className="panel" aria-labelledby="settings-title">
      <h3 id="settings-title">Settings</h3>
      <label className="switch">
        <input
          type="checkbox"
          checked={shown ?? false}
          disabled={shown === undefined}
          onChange={(e) => void run(async () => setValue(await api.setDiscoverable(e.target.checked)))}
          data-testid="privacy-discoverable"
        />
        <span>
          Let people who have my number see that I use Kith
          <span className="hint">
            {shown === undefined && !discoverable.error ? 'Asking the server…' : 'Stored on the server.'}
          </span>
        </span>
      </label>
      <ErrorText testId="privacy-discoverable-error" error={discoverable.error} />
      <label className="switch">
        <input
          type="checkbox"
          checked={state.notifications}
          onChange={(e) => void run(async () => onStateChange(await api.setNotifications(e.target.checked)))}
          data-testid="privacy-notifications"
        />
        <span>
          Notify me when a contact joins Kith
          <span className="hint">A system notification, as well as the notice inside the app.</span>
        </span>
      </label>
      <ErrorText testId="privacy-settings-error" error={error} />
      <HomeCountry state={state} onStateChange={onStateChange} />
      <ThemeChoice state={state} onStateChange={onStateChange} />
    </section>
  );
}
