import type { AppState } from '../../../main/ipc/contract.ts';
import { t } from '../../../i18n/index.ts';
import { DataFolder } from '../privacy/DataFolder.tsx';
import { HomeCountry } from '../privacy/HomeCountry.tsx';
import { Notifications } from '../privacy/Notifications.tsx';
import { ServerAccount } from '../privacy/ServerAccount.tsx';
import { ThemeChoice } from '../privacy/ThemeChoice.tsx';

interface Props {
  state: AppState;
  onStateChange: (state: AppState) => void;
}

/** How numbers are read, how the app looks, join notifications, the server and sign-out, the data folder. */
export function Settings({ state, onStateChange }: Props) {
  return (
    <section className="screen" aria-labelledby="settings-title" data-testid="settings-screen">
      <header className="screen-head">
        <h2 id="settings-title">{t('settings.title')}</h2>
      </header>
      <section className="panel" aria-labelledby="region-title">
        <h3 id="region-title">{t('settings.region.title')}</h3>
        <HomeCountry state={state} onStateChange={onStateChange} />
        <ThemeChoice state={state} onStateChange={onStateChange} />
      </section>
      <Notifications state={state} onStateChange={onStateChange} />
      <ServerAccount state={state} onStateChange={onStateChange} />
      <DataFolder state={state} />
    </section>
  );
}
