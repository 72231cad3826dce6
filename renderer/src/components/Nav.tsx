import type { AppInfo } from '../../../main/ipc/contract.ts';
import { NavIcon } from './NavIcon.tsx';

export type Screen = 'contacts' | 'on-kith' | 'sources' | 'activity' | 'privacy';

const ITEMS: Array<{ screen: Screen; label: string }> = [
  { screen: 'contacts', label: 'Contacts' },
  { screen: 'on-kith', label: 'On Kith' },
  { screen: 'sources', label: 'Sources' },
  { screen: 'activity', label: 'Activity' },
  { screen: 'privacy', label: 'Privacy' },
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
      <h1 className="brand" title={`${info.name} ${info.version}`}>
        {info.name}
      </h1>
      <nav aria-label="Main">
        <ul>
          {ITEMS.map((item) => (
            <li key={item.screen}>
              <button
                type="button"
                className="nav-item"
                aria-current={current === item.screen ? 'page' : undefined}
                data-testid={`nav-${item.screen}`}
                aria-label={item.label}
                title={item.label}
                onClick={() => onNavigate(item.screen)}
              >
                <NavIcon screen={item.screen} />
                <span className="nav-label">{item.label}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <footer className="sidebar-foot">
        {ownNumber && (
          <p className="muted" data-testid="own-number">
            Signed in as {ownNumber}
          </p>
        )}
        <p className="muted" data-testid="app-version">
          Version {info.version}
        </p>
      </footer>
    </aside>
  );
}
