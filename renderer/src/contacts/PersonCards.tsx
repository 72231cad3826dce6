import { t } from '../../../i18n/index.ts';
import type { ContactDetail } from '../../../main/ipc/contract.ts';
import { api } from '../api.ts';
import { baseName } from '../format.ts';

type Run = (action: () => Promise<unknown>) => void;

/**
 * The cards shown as one person (same name, a number in common), each with a way to split it apart; or, for a card
 * the user split apart, the way back.
 */
export function PersonCards({ contact, run }: { contact: ContactDetail; run: Run }) {
  if (contact.apart)
    return (
      <div className="note person-apart" data-testid="detail-apart">
        <p>{t('contacts.person.apart')}</p>
        <button
          type="button"
          className="small"
          data-testid="detail-join"
          onClick={() => run(() => api.setContactApart(contact.id, false))}
        >
          {t('contacts.person.join')}
        </button>
      </div>
    );
  if (contact.cards.length < 2) return null;
  return (
    <section className="person-cards" aria-labelledby="detail-cards-title" data-testid="detail-cards">
      <h4 id="detail-cards-title">{t('contacts.person.cards')}</h4>
      <p className="muted" data-testid="detail-cards-summary">
        {t('contacts.person.shownAsOne', { count: contact.cards.length })}
      </p>
      <ul className="person-card-list">
        {contact.cards.map((card) => {
          const place = { file: baseName(card.source), line: card.line };
          return (
            <li key={card.id} data-testid="detail-card">
              <span data-testid="detail-card-source">
                {t(card.excluded ? 'contacts.person.cardExcluded' : 'contacts.person.card', place)}
              </span>{' '}
              <button
                type="button"
                className="small ghost"
                data-testid="detail-split"
                aria-label={t('contacts.person.splitLabel', place)}
                onClick={() => run(() => api.setContactApart(card.id, true))}
              >
                {t('contacts.person.split')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
