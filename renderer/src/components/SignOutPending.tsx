import type { PendingSignOutView } from '../../../main/ipc/contract.ts';
import { plainError } from '../../../i18n/error-text.ts';
import { formatRelative, t } from '../../../i18n/index.ts';
import { useNow } from '../hooks/useNow.ts';
import { Details } from './Details.tsx';

/** Which servers still wait to hear of a sign-out, and why they have not yet. */
export function SignOutPending({ signOuts }: { signOuts: PendingSignOutView[] }) {
  const now = useNow();
  if (signOuts.length === 0) return null;
  return (
    <div className="note" role="status" data-testid="sign-out-pending">
      {/* Signed out here at once; the server is told later. */}
      <p>{t('status.signOutPending')}</p>
      <ul>
        {signOuts.map((s) => {
          const plain = s.lastError ? plainError(s.lastError, 'sign-out') : null;
          return (
            <li key={`${s.server} ${s.since}`} data-testid="sign-out-pending-server">
              {t('status.signOutServer', { server: s.server, when: formatRelative(s.since, now) })}
              {plain && plain.detail === null && <span className="hint">{plain.message}</span>}
              <Details detail={plain?.detail} testId="sign-out-pending-details" />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
