import { api } from '../api.ts';
import { AndMore } from '../components/AndMore.tsx';
import { Avatar } from '../components/Avatar.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { formatDateTime, t } from '../../../i18n/index.ts';
import { useLoad } from '../hooks/useLoad.ts';
import type { JoinedView } from '../../../main/ipc/contract.ts';

/** One entry per person: the first of its joined numbers, and how many it has. */
function onePerPerson(joined: readonly JoinedView[]): Array<{ first: JoinedView; numbers: number }> {
  const byPerson = new Map<number, { first: JoinedView; numbers: number }>();
  const out: Array<{ first: JoinedView; numbers: number }> = [];
  for (const j of joined) {
    const seen = j.person === null ? undefined : byPerson.get(j.person);
    if (seen) seen.numbers++;
    else {
      const entry = { first: j, numbers: 1 };
      out.push(entry);
      if (j.person !== null) byPerson.set(j.person, entry);
    }
  }
  return out;
}

/** The contacts who use Kith, by the name you saved them under. */
export function OnKith() {
  const { data, error } = useLoad(() => api.joined(), 'joined');
  const shown = data ? onePerPerson(data) : null;
  const people = shown?.length ?? null;
  return (
    <section className="screen" aria-labelledby="on-kith-title">
      <header className="screen-head">
        <h2 id="on-kith-title">{t('contacts.onKith.title')}</h2>
        <p className="muted" data-testid="on-kith-count">
          {people === null ? t('contacts.onKith.loading') : t('contacts.onKith.count', { count: people })}
        </p>
      </header>
      <ErrorText testId="on-kith-error" error={error} />
      {data?.length === 0 && (
        <p className="empty" data-testid="on-kith-empty">
          {t('contacts.onKith.empty')}
        </p>
      )}
      <ul className="people" data-testid="on-kith-list">
        {shown?.map(({ first: person, numbers }) => (
          <li key={person.e164} className="person" data-testid="on-kith-item">
            <span>
              {/* Without a saved name there are no initials: the glyph. */}
              <Avatar name={person.saved ? person.name : ''} photoId={person.photo} />
              <span className="person-name" data-testid="on-kith-name">
                {person.name}
              </span>
              <AndMore count={person.others} of="contacts" />
            </span>
            {!person.saved && <span className="tag tag-muted">{t('contacts.onKith.noSavedName')}</span>}
            {/* Without a saved name, the name shown is already the number. */}
            {person.saved && (
              <span className="person-number" data-testid="on-kith-number">
                {person.display}
                <AndMore count={numbers - 1} of="numbers" />
              </span>
            )}
            {person.since !== null && (
              <span className="muted">{t('contacts.onKith.since', { time: formatDateTime(person.since) })}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
