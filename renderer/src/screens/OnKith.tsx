import { api } from '../api.ts';
import { AndMore } from '../components/AndMore.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { formatTime, plural } from '../format.ts';
import { useLoad } from '../hooks/useLoad.ts';

/** The contacts who use Kith, by the name you saved them under. */
export function OnKith() {
  const { data, error } = useLoad(() => api.joined(), 'joined');
  return (
    <section className="screen" aria-labelledby="on-kith-title">
      <header className="screen-head">
        <h2 id="on-kith-title">On Kith</h2>
        <p className="muted" data-testid="on-kith-count">
          {!data
            ? 'Loading…'
            : data.length === 1
              ? '1 contact uses Kith'
              : `${plural(data.length, 'contact')} use Kith`}
        </p>
      </header>
      <ErrorText testId="on-kith-error" error={error} />
      {data?.length === 0 && (
        <p className="empty" data-testid="on-kith-empty">
          None of your contacts use Kith yet. When one joins, they appear here and you get a notice.
        </p>
      )}
      <ul className="people" data-testid="on-kith-list">
        {data?.map((person) => (
          <li key={person.e164} className="person" data-testid="on-kith-item">
            <span>
              <span className="person-name" data-testid="on-kith-name">
                {person.name}
              </span>
              <AndMore count={person.others} of="contacts" />
            </span>
            {!person.saved && <span className="tag tag-muted">No saved name</span>}
            {/* Without a saved name, the name shown is already the number. */}
            {person.saved && (
              <span className="person-number" data-testid="on-kith-number">
                {person.display}
              </span>
            )}
            {person.since !== null && <span className="muted">since {formatTime(person.since)}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
