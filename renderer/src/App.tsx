import { useEffect, useState } from 'react';
import type { AppInfo, AppState } from '../../main/ipc/contract.ts';
import { api, errorText } from './api.ts';
import type { Screen } from './components/Nav.tsx';
import { useAppEvent } from './hooks/useAppEvent.ts';
import { Onboarding } from './screens/Onboarding.tsx';
import { Shell } from './Shell.tsx';
import { applyTheme } from './theme.ts';
import { t } from '../../i18n/index.ts';

export type Settled = 'ready' | 'error';

interface Boot {
  info: AppInfo;
  state: AppState;
}

/**
 * Onboarding until signed in, then the app. `onSettled` fires once the first screen is on the page (or startup
 * failed): that is what #app[data-state] tells the e2e tests.
 */
export function App({ onSettled }: { onSettled: (state: Settled) => void }) {
  const [boot, setBoot] = useState<Boot | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Straight after onboarding the next step is importing; on later starts, the contacts.
  const [firstScreen, setFirstScreen] = useState<Screen>('contacts');

  useEffect(() => {
    Promise.all([api.appInfo(), api.appState()]).then(
      ([info, state]) => {
        document.title = info.name;
        setBoot({ info, state });
      },
      (error: unknown) => setFailure(t('app.startFailed', { reason: errorText(error) })),
    );
  }, []);

  useEffect(() => {
    if (failure) onSettled('error');
    else if (boot) onSettled('ready');
  }, [boot, failure, onSettled]);

  const theme = boot?.state.theme;
  useEffect(() => {
    if (theme) applyTheme(theme);
  }, [theme]);

  const setState = (state: AppState) => setBoot((b) => (b ? { ...b, state } : b));
  useAppEvent((event) => {
    // Sign-in state can change under us (an account deleted elsewhere, a revoked session).
    const stale =
      event.type === 'data-changed' || (event.type === 'sync-status' && event.status.signedIn !== boot?.state.signedIn);
    if (stale) api.appState().then(setState, () => {});
  });

  if (failure) {
    return (
      <div className="startup">
        <h1>{t('app.name')}</h1>
        <p className="error-text" role="alert" data-testid="app-status">
          {failure}
        </p>
      </div>
    );
  }
  if (!boot) {
    return (
      <div className="startup">
        <p role="status" data-testid="app-status">
          {t('app.starting')}
        </p>
      </div>
    );
  }
  if (!boot.state.signedIn) {
    return (
      <Onboarding
        info={boot.info}
        state={boot.state}
        onSignedIn={(state) => {
          setFirstScreen('sources');
          setState(state);
        }}
      />
    );
  }
  return <Shell info={boot.info} state={boot.state} firstScreen={firstScreen} onStateChange={setState} />;
}
