import { useCallback, useState } from 'react';
import { errorText } from '../api.ts';

export interface Action {
  busy: boolean;
  error: string | null;
  setError: (error: string | null) => void;
  /** Runs `action`; a failure lands in `error` (passed through `describe`). True when it went through. */
  run: (action: () => Promise<unknown>) => Promise<boolean>;
}

const asIs = (message: string) => message;

/** Something the user started: whether it is still going, and what went wrong, to show next to the button. */
export function useAction(describe: (message: string) => string = asIs): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (action: () => Promise<unknown>) => {
      setBusy(true);
      setError(null);
      try {
        await action();
        return true;
      } catch (err) {
        setError(describe(errorText(err)));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [describe],
  );
  return { busy, error, setError, run };
}
