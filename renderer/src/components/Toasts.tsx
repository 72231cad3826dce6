import { useEffect, useState } from 'react';
import { t } from '../../../i18n/index.ts';
import { useAppEvent } from '../hooks/useAppEvent.ts';

interface Toast {
  id: number;
  text: string;
}

const SHOW_MS = 8000;
/** Joins shown one by one; past this many in one event, the rest are summed up in one line. */
const MAX_NAMED = 3;

let nextId = 1;

/** In-app notices for contacts who joined Kith; the OS notification is the desktop shell's job. */
export function Toasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);

  useAppEvent((event) => {
    if (event.type !== 'joined' || event.contacts.length === 0) return;
    const named = event.contacts.slice(0, MAX_NAMED).map((c) => t('status.joined', { name: c.name }));
    const rest = event.contacts.length - named.length;
    if (rest > 0) named.push(t('status.joinedMore', { count: rest }));
    setToasts((list) => [...list, ...named.map((text) => ({ id: nextId++, text }))]);
  });

  const oldest = toasts[0];
  useEffect(() => {
    if (!oldest) return;
    const timer = setTimeout(() => setToasts((list) => list.filter((toast) => toast.id !== oldest.id)), SHOW_MS);
    return () => clearTimeout(timer);
  }, [oldest]);

  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast" data-testid="toast">
          <span>{toast.text}</span>
          <button
            type="button"
            className="ghost small"
            aria-label={t('status.dismiss')}
            onClick={() => setToasts((list) => list.filter((other) => other.id !== toast.id))}
          >
            {'×'}
          </button>
        </div>
      ))}
    </div>
  );
}
