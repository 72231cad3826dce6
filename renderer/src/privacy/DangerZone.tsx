import { useState } from 'react';
import type { AppState } from '../../../main/ipc/contract.ts';
import { api } from '../api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { plural } from '../format.ts';
import { useAction } from '../hooks/useAction.ts';
import { useSyncStatus } from '../hooks/syncStatus.tsx';

type Asking = 'data' | 'account' | 'sign-out' | null;

/** Deleting what the server holds (uploads then pause), the whole account, or signing out; each asked twice. */
export function DangerZone({ onStateChange }: { onStateChange: (state: AppState) => void }) {
  const status = useSyncStatus();
  const [asking, setAsking] = useState<Asking>(null);
  const [deleted, setDeleted] = useState<number | null>(null);
  const { busy, error, setError, run } = useAction();

  const act = (action: () => Promise<void>) => void run(action).finally(() => setAsking(null));
  const deleteData = () => act(async () => setDeleted(await api.deleteServerData()));
  const deleteAccount = () => act(async () => onStateChange(await api.deleteAccount()));
  const resume = () =>
    act(async () => {
      const result = await api.resumeSync();
      setDeleted(null);
      if (result.error) setError(result.error);
    });
  const logout = () => act(async () => onStateChange(await api.logout()));

  const paused = deleted !== null || status?.paused === true;
  return (
    <section className="panel danger-zone" aria-labelledby="danger-title">
      <h3 id="danger-title">Your data on the server</h3>
      {paused && (
        <div className="note" role="status" data-testid="privacy-paused">
          <p>
            {deleted !== null && `Deleted ${plural(deleted, 'number')} from the server. `}
            Uploads are paused: nothing is sent until you resume. Your contacts stay on this computer.
          </p>
          <button type="button" onClick={resume} disabled={busy} data-testid="privacy-resume-sync">
            Resume uploads
          </button>
        </div>
      )}
      <ErrorText testId="privacy-danger-error" error={error} />
      {status && status.pendingSignOuts.length > 0 && (
        <p className="hint" data-testid="privacy-sign-outs-pending">
          An earlier sign-out from {status.pendingSignOuts.map((p) => p.server).join(', ')} has not reached the server
          yet; it is sent when the server can be reached.
        </p>
      )}
      <div className="danger-actions">
        <button type="button" className="danger" onClick={() => setAsking('data')} data-testid="privacy-delete-data">
          Delete my data from the server
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => setAsking('account')}
          data-testid="privacy-delete-account"
        >
          Delete my account
        </button>
        <button type="button" onClick={() => setAsking('sign-out')} disabled={busy} data-testid="privacy-logout">
          Sign out
        </button>
      </div>
      <p className="hint">
        Signing out forgets the session on this computer at once. If the server cannot be reached, it is told as soon as
        it can be.
      </p>
      {asking === 'data' && (
        <ConfirmDialog
          title="Delete your data from the server?"
          confirmLabel="Delete my data"
          busy={busy}
          onConfirm={deleteData}
          onCancel={() => setAsking(null)}
        >
          <p>
            Every number you uploaded is deleted from the server, and uploads pause until you resume them. Your contacts
            stay on this computer.
          </p>
        </ConfirmDialog>
      )}
      {asking === 'sign-out' && (
        <ConfirmDialog
          title="Sign out on this computer?"
          confirmLabel="Sign out"
          busy={busy}
          onConfirm={logout}
          onCancel={() => setAsking(null)}
        >
          <p>
            This computer stops syncing: nothing more is uploaded and no join notices arrive until you sign in again.
          </p>
          <p>Your address book stays on this computer.</p>
          <p>
            The numbers you uploaded stay on the server. To remove them, cancel and choose “Delete my data from the
            server” first.
          </p>
        </ConfirmDialog>
      )}
      {asking === 'account' && (
        <ConfirmDialog
          title="Delete your Kith account?"
          confirmLabel="Delete my account"
          busy={busy}
          onConfirm={deleteAccount}
          onCancel={() => setAsking(null)}
        >
          <p>
            Your account and everything the server holds for it are deleted, and this computer is signed out. Contacts
            who have your number no longer see you on Kith. This cannot be undone. One thing stays for a while: if you
            uploaded numbers recently, the server keeps how many new numbers your number may still look up (not which
            ones), under a hash of your number, until that allowance has refilled, so that a new account cannot start
            with a fresh one.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
