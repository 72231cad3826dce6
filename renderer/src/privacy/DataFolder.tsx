import { useState } from 'react';
import type { AppState } from '../../../main/ipc/contract.ts';
import { t } from '../../../i18n/index.ts';
import { api } from '../api.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useAction.ts';

/** Where Kith keeps its store and imported copies, and a way to open it in the file manager. */
export function DataFolder({ state }: { state: AppState }) {
  const { busy, error, run } = useAction();
  const [opened, setOpened] = useState<string | null>(null);
  const show = () => {
    if (busy) return;
    setOpened(null);
    void run(async () => setOpened(await api.showDataFolder()));
  };

  return (
    <section className="panel" aria-labelledby="data-folder-title" data-testid="settings-data-panel">
      <h3 id="data-folder-title">{t('settings.data.title')}</h3>
      <p className="muted">{t('settings.data.intro')}</p>
      <p className="mono settings-path" data-testid="settings-data-folder">
        {state.dataFolder}
      </p>
      <div className="settings-actions">
        <button type="button" onClick={show} aria-disabled={busy} data-testid="settings-show-data-folder">
          {t('settings.data.show')}
        </button>
      </div>
      <p className="hint" role="status" data-testid="settings-data-folder-status">
        {opened === null ? '' : t('settings.data.shown', { path: opened })}
      </p>
      <ErrorText testId="settings-data-folder-error" error={error} />
    </section>
  );
}
