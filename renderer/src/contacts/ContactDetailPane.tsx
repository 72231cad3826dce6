import type { KeyboardEvent, RefObject } from 'react';
import type { ContactDetail } from '../../../main/ipc/contract.ts';
import { api } from '../api.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { baseName } from '../format.ts';
import { useAction } from '../hooks/useAction.ts';
import { useLoad } from '../hooks/useLoad.ts';
import { ContactCountry, NumberCountry } from './NumberCountry.tsx';

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
          <span aria-hidden="true">←</span> Back to contacts
        </button>
      )}
      <div className="detail-head">
        <h3 id="detail-name" data-testid="detail-name">
          {data ? data.name : data === null ? 'Contact not found' : 'Loading…'}
        </h3>
        {!single && (
          <button
            type="button"
            className="ghost"
            onClick={onClose}
            data-testid="detail-close"
            aria-label="Close details"
          >
            Close
          </button>
        )}
      </div>
      <ErrorText testId="detail-error" error={error ?? action.error} />
      {data && <DetailBody contact={data} run={run} />}
    </section>
  );
}

function DetailBody({ contact, run }: { contact: ContactDetail; run: (action: () => Promise<unknown>) => void }) {
  return (
    <>
      <p className="muted" data-testid="detail-source">
        From {baseName(contact.source)}, line {contact.line}
      </p>
      {contact.excluded && (
        <p className="note" data-testid="detail-excluded-note">
          Excluded: none of this contact’s numbers are uploaded.
        </p>
      )}
      <button
        type="button"
        data-testid="detail-exclude-contact"
        onClick={() => run(() => api.setContactExcluded(contact.id, !contact.excluded))}
      >
        {contact.excluded ? 'Include this contact' : 'Exclude this contact'}
      </button>
      <h4>Numbers</h4>
      {contact.phones.length === 0 && <p className="muted">No phone numbers.</p>}
      <ul className="phone-list">
        {contact.phones.map((phone, i) => (
          <li key={i} className="phone-card" data-testid="detail-phone" data-status={phone.status}>
            <div className="phone-head">
              <span className="phone-label" data-testid="detail-phone-label">
                {phone.label || 'phone'}
              </span>
              <StatusBadge status={phone.status} />
              {phone.onKith && <span className="tag tag-kith">On Kith</span>}
              {phone.excluded && <span className="tag tag-muted">Excluded</span>}
            </div>
            <dl className="phone-facts">
              <dt>As saved</dt>
              <dd data-testid="detail-phone-raw">{phone.raw}</dd>
              <dt>E.164</dt>
              <dd data-testid="detail-phone-e164">
                {phone.e164 ?? '—'}
                {phone.ext && ` ext. ${phone.ext}`}
              </dd>
              <dt>Why</dt>
              <dd data-testid="detail-phone-reason">{phone.reason || phone.status}</dd>
              <dt>On Kith</dt>
              <dd data-testid="detail-phone-on-kith">{phone.onKith ? 'Yes' : 'No'}</dd>
            </dl>
            <NumberCountry contactId={contact.id} phone={phone} home={contact.home} run={run} />
            {phone.status === 'valid' && phone.e164 && (
              <button
                type="button"
                className="small"
                data-testid="detail-number-exclude"
                onClick={() => run(() => api.setNumberExcluded(phone.e164!, !phone.excluded))}
              >
                {phone.excluded ? 'Include this number' : 'Exclude this number'}
              </button>
            )}
          </li>
        ))}
      </ul>
      <ContactCountry contact={contact} run={run} />
    </>
  );
}
