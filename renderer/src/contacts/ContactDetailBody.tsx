import { t } from '../../../i18n/index.ts';
import type { ContactDetail } from '../../../main/ipc/contract.ts';
import { api } from '../api.ts';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { baseName } from '../format.ts';
import { ContactCountry, NumberCountry } from './NumberCountry.tsx';
import { PersonCards } from './PersonCards.tsx';

type Run = (action: () => Promise<unknown>) => void;

/** A person's detail below its name: its cards, exclusion, and every number of every card. */
export function ContactDetailBody({ contact, run }: { contact: ContactDetail; run: Run }) {
  return (
    <>
      {contact.cards.length === 1 && (
        <p className="muted" data-testid="detail-source">
          {t('contacts.detail.source', { file: baseName(contact.source), line: contact.line })}
        </p>
      )}
      <PersonCards contact={contact} run={run} />
      {contact.excluded && (
        <p className="note" data-testid="detail-excluded-note">
          {t('contacts.detail.excludedNote')}
        </p>
      )}
      <button
        type="button"
        data-testid="detail-exclude-contact"
        onClick={() => run(() => api.setContactExcluded(contact.id, !contact.excluded))}
      >
        {t(contact.excluded ? 'contacts.detail.include' : 'contacts.detail.exclude')}
      </button>
      <h4>{t('contacts.detail.numbers')}</h4>
      {contact.phones.length === 0 && <p className="muted">{t('contacts.detail.noNumbers')}</p>}
      <ul className="phone-list">
        {contact.phones.map((phone) => (
          <li
            key={`${phone.contactId}:${phone.position}`}
            className="phone-card"
            data-testid="detail-phone"
            data-status={phone.status}
          >
            <div className="phone-head">
              <span className="phone-label" data-testid="detail-phone-label">
                {phone.label || t('contacts.detail.defaultLabel')}
              </span>
              <StatusBadge status={phone.status} />
              {phone.onKith && <span className="tag tag-kith">{t('contacts.tag.onKith')}</span>}
              {phone.excluded && <span className="tag tag-muted">{t('contacts.tag.excluded')}</span>}
            </div>
            <dl className="phone-facts">
              <dt>{t('contacts.detail.asSaved')}</dt>
              <dd data-testid="detail-phone-raw">{phone.raw}</dd>
              <dt>{t('contacts.detail.e164')}</dt>
              <dd data-testid="detail-phone-e164">
                {phone.e164 === null
                  ? t('contacts.detail.noE164')
                  : phone.ext
                    ? t('contacts.detail.e164WithExt', { e164: phone.e164, ext: phone.ext })
                    : phone.e164}
              </dd>
              <dt>{t('contacts.detail.why')}</dt>
              <dd data-testid="detail-phone-reason">{phone.reason || phone.status}</dd>
              <dt>{t('contacts.detail.onKith')}</dt>
              <dd data-testid="detail-phone-on-kith">
                {t(phone.onKith ? 'contacts.detail.yes' : 'contacts.detail.no')}
              </dd>
            </dl>
            <NumberCountry phone={phone} home={contact.home} run={run} />
            {phone.status === 'valid' && phone.e164 && (
              <button
                type="button"
                className="small"
                data-testid="detail-number-exclude"
                onClick={() => run(() => api.setNumberExcluded(phone.e164!, !phone.excluded))}
              >
                {t(phone.excluded ? 'contacts.detail.includeNumber' : 'contacts.detail.excludeNumber')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <ContactCountry contact={contact} run={run} />
    </>
  );
}
