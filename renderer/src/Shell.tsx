import { useEffect, useRef, useState } from 'react';
import type { AppInfo, AppState } from '../../main/ipc/contract.ts';
import { Nav, type Screen } from './components/Nav.tsx';
import { StatusBar } from './components/StatusBar.tsx';
import { Toasts } from './components/Toasts.tsx';
import { SyncStatusProvider } from './hooks/syncStatus.tsx';
import { useAppEvent } from './hooks/useAppEvent.ts';
import { Activity } from './screens/Activity.tsx';
import { Contacts } from './screens/Contacts.tsx';
import { OnKith } from './screens/OnKith.tsx';
import { Privacy } from './screens/Privacy.tsx';
import { Settings } from './screens/Settings.tsx';
import { Sources } from './screens/Sources.tsx';
import { t } from '../../i18n/index.ts';

interface Props {
  info: AppInfo;
  state: AppState;
  firstScreen: Screen;
  onStateChange: (state: AppState) => void;
}

/** The signed-in app: navigation on the left, one screen, the sync status bar underneath. */
export function Shell({ info, state, firstScreen, onStateChange }: Props) {
  const [screen, setScreen] = useState<Screen>(firstScreen);
  const main = useRef<HTMLElement>(null);
  const navigated = useRef(false);

  useEffect(() => {
    // After a click in the navigation, focus follows to the new screen (not on first load).
    if (navigated.current) main.current?.focus();
  }, [screen]);

  useEffect(() => {
    // A file dropped outside the Sources drop zone must not make the window open it.
    const block = (event: DragEvent) => event.preventDefault();
    window.addEventListener('dragover', block);
    window.addEventListener('drop', block);
    return () => {
      window.removeEventListener('dragover', block);
      window.removeEventListener('drop', block);
    };
  }, []);

  function navigate(to: Screen): void {
    navigated.current = true;
    setScreen(to);
  }

  // The shell asks for a screen: Preferences… in the menu, or files opened from the OS.
  useAppEvent((event) => {
    if (event.type === 'navigate') navigate(event.screen);
  });

  return (
    <SyncStatusProvider>
      <div className="shell" data-screen={screen}>
        <a className="skip-link" href="#content">
          {t('app.skipToContent')}
        </a>
        <Nav current={screen} onNavigate={navigate} info={info} ownNumber={state.ownNumber} />
        <div className="main-column">
          <main id="content" ref={main} tabIndex={-1} className="content">
            {screen === 'contacts' && <Contacts onImport={() => navigate('sources')} />}
            {screen === 'on-kith' && <OnKith />}
            {screen === 'sources' && <Sources />}
            {screen === 'activity' && <Activity />}
            {screen === 'privacy' && <Privacy onStateChange={onStateChange} />}
            {screen === 'settings' && <Settings state={state} onStateChange={onStateChange} />}
          </main>
          <StatusBar />
        </div>
        <Toasts />
      </div>
    </SyncStatusProvider>
  );
}
