import { useState } from 'react';
import type { AppState } from '../../../main/ipc/contract.ts';
import { t } from '../../../i18n/index.ts';
import { api } from '../api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useAction.ts';
import { useSyncStatus } from '../hooks/syncStatus.tsx';

type Asking = 'data' | 'account' | null;

/** Deleting what the server holds (uploads then pause) or the whole account; each asked twice. */
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

  const paused = deleted !== null || status?.paused === true;
  return (
    <section className="panel danger-zone" aria-labelledby="danger-title">
      <h3 id="danger-title">{t('privacy.danger.title')}</h3>
      {paused && (
        <div className="note" role="status" data-testid="privacy-paused">
          <p>{deleted !== null ? t('privacy.danger.deletedPaused', { count: deleted }) : t('privacy.danger.paused')}</p>
          <button type="button" onClick={resume} disabled={busy} data-testid="privacy-resume-sync">
            {t('privacy.danger.resume')}
          </button>
        </div>
      )}
      <ErrorText testId="privacy-danger-error" error={error} />
      <div className="danger-actions">
        <button type="button" className="danger" onClick={() => setAsking('data')} data-testid="privacy-delete-data">
          {t('privacy.danger.deleteData')}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => setAsking('account')}
          data-testid="privacy-delete-account"
        >
          {t('privacy.danger.deleteAccount')}
        </button>
      </div>
      {asking === 'data' && (
        <ConfirmDialog
          title={t('privacy.danger.deleteDataTitle')}
          confirmLabel={t('privacy.danger.deleteDataConfirm')}
          busy={busy}
          onConfirm={deleteData}
          onCancel={() => setAsking(null)}
        >
          <p>{t('privacy.danger.deleteDataBody')}</p>
        </ConfirmDialog>
      )}
      {asking === 'account' && (
        <ConfirmDialog
          title={t('privacy.danger.deleteAccountTitle')}
          confirmLabel={t('privacy.danger.deleteAccountConfirm')}
          busy={busy}
          onConfirm={deleteAccount}
          onCancel={() => setAsking(null)}
        >
          <p>{t('privacy.danger.deleteAccountBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
