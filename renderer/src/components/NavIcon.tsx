import type { Screen } from './Nav.tsx';

/** Outline glyphs on a 24-unit grid, drawn in the text colour so they follow the theme and the current item. */
const PATHS: Record<Screen, string[]> = {
  // A person.
  contacts: ['M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Z', 'M4.5 20a7.5 7.5 0 0 1 15 0'],
  // A person with a tick.
  'on-kith': [
    'M10 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Z',
    'M3.5 19.5a6.5 6.5 0 0 1 11-4.7',
    'm15 18 2.2 2.2L21 16.4',
  ],
  // An arrow into a tray.
  sources: ['M12 3v11', 'm8 10 4 4 4-4', 'M4 14v4.5A1.5 1.5 0 0 0 5.5 20h13a1.5 1.5 0 0 0 1.5-1.5V14'],
  // A pulse.
  activity: ['M3 12h4l2.5-6 5 12 2.5-6H21'],
  // A shield.
  privacy: ['M12 3 5 6v5.5c0 4.4 3 8 7 9.5 4-1.5 7-5.1 7-9.5V6l-7-3Z'],
  // Three sliders.
  settings: ['M4 6h9', 'M17 6h3', 'M4 12h3', 'M11 12h9', 'M4 18h11', 'M19 18h1', 'M15 4v4', 'M9 10v4', 'M17 16v4'],
};

export function NavIcon({ screen }: { screen: Screen }) {
  return (
    <svg
      className="nav-icon"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[screen].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
