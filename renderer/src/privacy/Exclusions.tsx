import { t } from '../../../i18n/index.ts';
import { api } from '../api.ts';
import { AndMore } from '../components/AndMore.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { NamedNumber } from '../components/NamedNumber.tsx';
import { useAction } from '../hooks/useAction.ts';
import { useLoad } from '../hooks/useLoad.ts';

/** Contacts and numbers kept off the server, each with a way back. */
export function Exclusions() {
  const { data, error, reload } = useLoad(() => api.exclusions(), 'exclusions');
  const action = useAction();
  const include = (change: () => Promise<unknown>) => void action.run(change).then((done) => done && reload());

  const none = data && data.contacts.length === 0 && data.numbers.length === 0;
  return (
    <section className="panel" aria-labelledby="exclusions-title" data-testid="privacy-exclusions">
      <h3 id="exclusions-title">{t('privacy.exclusions.title')}</h3>
      <p className="muted">{t('privacy.exclusions.intro')}</p>
      <ErrorText testId="exclusions-error" error={error ?? action.error} />
      {none && (
        <p className="muted" data-testid="exclusions-empty">
          {t('privacy.exclusions.empty')}
        </p>
      )}
      <ul className="exclusions">
        {data?.contacts.map((contact) => (
          <li key={`c${contact.id}`} data-testid="privacy-excluded-contact">
            <span className="excluded-item">
              <span className="person-name" data-testid="privacy-excluded-name">
                {contact.name}
              </span>
              <span className="person-number" data-testid="privacy-excluded-phone">
                {contact.phone || t('privacy.exclusions.noNumber')}
                <AndMore count={contact.phones - 1} of="numbers" />
              </span>
            </span>
            <button
              type="button"
              className="small"
              onClick={() => include(() => api.setContactExcluded(contact.id, false))}
              data-testid="privacy-include"
            >
              {t('privacy.exclusions.include')}
            </button>
          </li>
        ))}
        {data?.numbers.map((number) => (
          <li key={`n${number.e164}`} data-testid="privacy-excluded-number">
            <span className="excluded-item">
              <NamedNumber number={number} />
            </span>
            <button
              type="button"
              className="small"
              onClick={() => include(() => api.setNumberExcluded(number.e164, false))}
              data-testid="privacy-include"
            >
              {t('privacy.exclusions.include')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
