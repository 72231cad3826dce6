import type { AppState } from '../../../main/ipc/contract.ts';
import { t } from '../../../i18n/index.ts';
import { api } from '../api.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useAction.ts';

interface Props {
  state: AppState;
  onStateChange: (state: AppState) => void;
}

/** Whether a contact joining raises a system notification; read by the app at the moment of each join. */
export function Notifications({ state, onStateChange }: Props) {
  const { error, run } = useAction();
  return (
    <section className="panel" aria-labelledby="notifications-title" data-testid="settings-notifications-panel">
      <h3 id="notifications-title">{t('settings.notifications.title')}</h3>
      <label className="switch">
        <input
          type="checkbox"
          checked={state.notifications}
          onChange={(e) => void run(async () => onStateChange(await api.setNotifications(e.target.checked)))}
          data-testid="settings-notifications"
        />
        <span>
          {t('settings.notifications.label')}
          <span className="hint">{t('settings.notifications.hint')}</span>
        </span>
      </label>
      <ErrorText testId="settings-notifications-error" error={error} />
    </section>
  );
}
