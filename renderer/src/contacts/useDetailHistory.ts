import { useCallback, useEffect, useState } from 'react';
import { closeContact, forgetContact, openContact, openIn } from './detail-history.ts';

export interface DetailHistory {
  /** The contact whose detail is open, or null. */
  openId: number | null;
  open: (id: number) => void;
  /** Back to the list, through history when the detail has an entry of its own. */
  close: () => void;
}

/** The contact detail that is open, kept in step with the window's history (see detail-history.ts). */
export function useDetailHistory(): DetailHistory {
  const [openId, setOpenId] = useState<number | null>(null);

  useEffect(() => {
    forgetContact(window.history);
    const onPop = () => setOpenId(openIn(window.history.state));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const open = useCallback((id: number) => {
    openContact(window.history, id);
    setOpenId(id);
  }, []);

  const close = useCallback(() => {
    if (!closeContact(window.history)) setOpenId(null);
  }, []);

  return { openId, open, close };
}
