import type { AppInfo } from '../../../main/ipc/contract.ts';
import { t, type MessageId } from '../../../i18n/index.ts';
import { NavIcon } from './NavIcon.tsx';

export type Screen = 'contacts' | 'on-kith' | 'sources' | 'activity' | 'privacy' | 'settings';

const ITEMS: Array<{ screen: Screen; label: MessageId }> = [
  { screen: 'contacts', label: 'nav.contacts' },
  { screen: 'on-kith', label: 'nav.onKith' },
  { screen: 'sources', label: 'nav.sources' },
  { screen: 'activity', label: 'nav.activity' },
  { screen: 'privacy', label: 'nav.privacy' },
  { screen: 'settings', label: 'nav.settings' },
];

interface Props {
  current: Screen;
  onNavigate: (screen: Screen) => void;
  info: AppInfo;
  ownNumber: string | null;
}

/**
 * The screens, each an icon and a label. In a narrow window only the icons show (layout.css); the label stays the
 * button's name and tooltip.
 */
export function Nav({ current, onNavigate, info, ownNumber }: Props) {
  return (
    <aside className="sidebar">
      <h1 className="brand" title={t('nav.brandTitle', { name: info.name, version: info.version })}>
        {info.name}
      </h1>
      <nav aria-label={t('nav.main')}>
        <ul>
          {ITEMS.map((item) => (
            <li key={item.screen}>
              <button
                type="button"
                className="nav-item"
                aria-current={current === item.screen ? 'page' : undefined}
                data-testid={`nav-${item.screen}`}
                aria-label={t(item.label)}
                title={t(item.label)}
                onClick={() => onNavigate(item.screen)}
              >
                <NavIcon screen={item.screen} />
                <span className="nav-label">{t(item.label)}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <footer className="sidebar-foot">
        {ownNumber && (
          <p className="muted" data-testid="own-number">
            {t('nav.signedInAs', { number: ownNumber })}
          </p>
        )}
        <p className="muted" data-testid="app-version">
          {t('nav.version', { version: info.version })}
        </p>
      </footer>
    </aside>
  );
}
