import { useCallback, useState } from 'react';
import { plainError, type ErrorContext } from '../../../i18n/error-text.ts';
import { errorText } from '../api.ts';

export interface Action {
  busy: boolean;
  /** What went wrong, in words. */
  error: string | null;
  /** The technical detail behind `error`, for a Details disclosure; null when there is none. */
  detail: string | null;
  setError: (error: string | null, detail?: string | null) => void;
  /** Runs `action`; a failure lands in `error` and `detail`. True when it went through. */
  run: (action: () => Promise<unknown>) => Promise<boolean>;
}

/**
 * Something the user started: whether it is still going, and what went wrong, to show next to the button. `context`
 * says what the user is told to do about a failure (see i18n/error-text.ts).
 */
export function useAction(context: ErrorContext = 'action'): Action {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: string; detail: string | null } | null>(null);
  const setError = useCallback(
    (error: string | null, detail: string | null = null) => setFailure(error === null ? null : { error, detail }),
    [],
  );
  const run = useCallback(
    async (action: () => Promise<unknown>) => {
      setBusy(true);
      setFailure(null);
      try {
        await action();
        return true;
      } catch (err) {
        const plain = plainError(errorText(err), context);
        setFailure({ error: plain.message, detail: plain.detail });
        return false;
      } finally {
        setBusy(false);
      }
    },
    [context],
  );
  return { busy, error: failure?.error ?? null, detail: failure?.detail ?? null, setError, run };
}
