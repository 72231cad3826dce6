import { useState } from 'react';
import type { AppState } from '../../../main/ipc/contract.ts';
import { t } from '../../../i18n/index.ts';
import { api } from '../api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useAction.ts';

interface Props {
  state: AppState;
  onStateChange: (state: AppState) => void;
}

/** The server this computer syncs with, the number signed in to it, and the one way to sign out (asked first). */
export function ServerAccount({ state, onStateChange }: Props) {
  const [asking, setAsking] = useState(false);
  const { busy, error, run } = useAction();
  const signOut = () => void run(async () => onStateChange(await api.logout())).finally(() => setAsking(false));
  const pending = state.pendingSignOuts;

  return (
    <section className="panel" aria-labelledby="server-title" data-testid="settings-server-panel">
      <h3 id="server-title">{t('settings.server.title')}</h3>
      <dl className="settings-facts">
        <dt>{t('settings.server.url')}</dt>
        <dd data-testid="settings-server">
          {state.server === null ? (
            t('settings.server.notSignedIn')
          ) : state.server.demo ? (
            t('settings.server.demo')
          ) : (
            <span className="mono">{state.server.url}</span>
          )}
        </dd>
        <dt>{t('settings.server.number')}</dt>
        <dd data-testid="settings-signed-in-number">{state.ownNumber ?? t('settings.server.notSignedIn')}</dd>
      </dl>
      {pending.length > 0 && (
        <p className="hint" data-testid="settings-sign-outs-pending">
          {t('settings.server.pendingSignOuts', { servers: pending.map((p) => p.server).join(', ') })}
        </p>
      )}
      <div className="settings-actions">
        <button type="button" onClick={() => setAsking(true)} disabled={busy} data-testid="settings-sign-out">
          {t('settings.signOut.button')}
        </button>
      </div>
      <p className="hint">{t('settings.signOut.hint')}</p>
      <ErrorText testId="settings-sign-out-error" error={error} />
      {asking && (
        <ConfirmDialog
          title={t('settings.signOut.title')}
          confirmLabel={t('settings.signOut.confirm')}
          busy={busy}
          onConfirm={signOut}
          onCancel={() => setAsking(false)}
        >
          <p>{t('settings.signOut.stops')}</p>
          <p>{t('settings.signOut.bookStays')}</p>
          <p>{t('settings.signOut.numbersStay')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
