import type { KeyboardEvent, RefObject } from 'react';
import { t } from '../../../i18n/index.ts';
import { api } from '../api.ts';
import { Avatar } from '../components/Avatar.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { useAction } from '../hooks/useAction.ts';
import { useLoad } from '../hooks/useLoad.ts';
import { ContactDetailBody } from './ContactDetailBody.tsx';

interface Props {
  id: number;
  onClose: () => void;
  /** Alone on screen, in place of the list: a "Back to contacts" control instead of Close. */
  single: boolean;
  paneRef: RefObject<HTMLElement | null>;
}

/** Everything about one contact: where it came from, each number as saved and as uploaded, and exclusions. */
export function ContactDetailPane({ id, onClose, single, paneRef }: Props) {
  const { data, error, reload } = useLoad(() => api.contactDetail(id), String(id));
  const action = useAction();
  const run = (change: () => Promise<unknown>) => void action.run(change).then((done) => done && reload());

  function onKeyDown(event: KeyboardEvent<HTMLElement>): void {
    // A control that uses Esc itself (an open menu) has already handled it.
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    onClose();
  }

  return (
    <section
      ref={paneRef}
      className="detail-pane"
      aria-labelledby="detail-name"
      data-testid="contact-detail"
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      {single && (
        <button type="button" className="ghost detail-back" onClick={onClose} data-testid="detail-back">
          <span aria-hidden="true">←</span> {t('contacts.detail.back')}
        </button>
      )}
      <div className="detail-head">
        {data && <Avatar name={data.name} photoId={data.photo} size="large" />}
        <h3 id="detail-name" data-testid="detail-name">
          {data ? data.name : t(data === null ? 'contacts.detail.notFound' : 'contacts.detail.loading')}
        </h3>
        {!single && (
          <button
            type="button"
            className="ghost"
            onClick={onClose}
            data-testid="detail-close"
            aria-label={t('contacts.detail.closeLabel')}
          >
            {t('contacts.detail.close')}
          </button>
        )}
      </div>
      <ErrorText testId="detail-error" error={error ?? action.error} />
      {data && <ContactDetailBody contact={data} run={run} />}
    </section>
  );
}
