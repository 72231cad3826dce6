import { useEffect, useId, useRef, type ReactNode } from 'react';
import { t } from '../../../i18n/index.ts';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal question before something that cannot be undone; render it only while asking. The native dialog keeps
 * focus inside and closes on Esc.
 */
export function ConfirmDialog({ title, children, confirmLabel, busy = false, onConfirm, onCancel }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      data-testid="confirm-dialog"
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="confirm-body">{children}</div>
      <div className="actions">
        <button type="button" onClick={onCancel} disabled={busy} data-testid="confirm-cancel" autoFocus>
          {t('dialog.cancel')}
        </button>
        <button type="button" className="danger" onClick={onConfirm} disabled={busy} data-testid="confirm-accept">
          {busy ? t('dialog.working') : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
