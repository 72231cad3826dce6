import type { PendingSignOutView } from '../../../main/ipc/contract.ts';
import { formatRelative } from '../format.ts';
import { useNow } from '../hooks/useNow.ts';

/** What the user is told after a sign-out the server could not hear of: signed out here, the server told later. */
const SIGN_OUT_PENDING = 'Signed out on this device; the server will be told when it can be reached.';

/** Which servers still wait to hear of a sign-out, and why they have not yet. */
export function SignOutPending({ signOuts }: { signOuts: PendingSignOutView[] }) {
  const now = useNow();
  if (signOuts.length === 0) return null;
  return (
    <div className="note" role="status" data-testid="sign-out-pending">
      <p>{SIGN_OUT_PENDING}</p>
      <ul>
        {signOuts.map((s) => (
          <li key={`${s.server} ${s.since}`} data-testid="sign-out-pending-server">
            {s.server}, signed out {formatRelative(s.since, now)}
            {s.lastError && <span className="hint">{s.lastError}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
