import { useEffect, useState } from 'react';
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
    const named = event.contacts.slice(0, MAX_NAMED).map((c) => `${c.name} joined Kith`);
    const rest = event.contacts.length - named.length;
    if (rest > 0) named.push(`and ${rest} more of your contacts joined Kith`);
    setToasts((list) => [...list, ...named.map((text) => ({ id: nextId++, text }))]);
  });

  const oldest = toasts[0];
  useEffect(() => {
    if (!oldest) return;
    const timer = setTimeout(() => setToasts((list) => list.filter((t) => t.id !== oldest.id)), SHOW_MS);
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
            aria-label="Dismiss"
            onClick={() => setToasts((list) => list.filter((t) => t.id !== toast.id))}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
