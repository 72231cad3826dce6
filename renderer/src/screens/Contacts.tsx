import { useRef, useState, type KeyboardEvent } from 'react';
import type { ContactFilter } from '../../../main/ipc/contract.ts';
import { ContactDetailPane } from '../contacts/ContactDetailPane.tsx';
import { ContactList } from '../contacts/ContactList.tsx';
import { FilterChips } from '../contacts/FilterChips.tsx';
import { useContactPages } from '../contacts/useContactPages.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { plural } from '../format.ts';

export function Contacts({ onImport }: { onImport: () => void }) {
  // Each keystroke starts a fresh page cache and answers to older ones are dropped, so no typing pause is needed.
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<ContactFilter>('all');
  const cache = useContactPages(search, filter);
  const [selected, setSelected] = useState(-1);
  const [openId, setOpenId] = useState<number | null>(null);
  const [query, setQuery] = useState(cache);
  const list = useRef<HTMLDivElement>(null);
  // A new search or filter: the old selection points at another list.
  if (query !== cache) {
    setQuery(cache);
    setSelected(-1);
  }

  function open(index: number): void {
    const row = cache.row(index);
    if (row) setOpenId(row.id);
  }

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key !== 'ArrowDown') return;
    event.preventDefault();
    list.current?.focus();
    if (selected < 0 && (cache.total ?? 0) > 0) setSelected(0);
  }

  const empty = cache.total === 0;
  const nothingAtAll = empty && search === '' && filter === 'all';
  return (
    <section className="screen contacts-screen" aria-labelledby="contacts-title">
      <header className="screen-head">
        <h2 id="contacts-title">Contacts</h2>
        <p className="muted" data-testid="contacts-count" aria-live="polite">
          {cache.total === null ? 'Loading…' : plural(cache.total, 'contact')}
        </p>
      </header>
      <div className="toolbar">
        <label className="search">
          <span className="visually-hidden">Search contacts by name or number</span>
          <input
            type="search"
            placeholder="Search by name or number"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={onSearchKey}
            data-testid="contacts-search"
          />
        </label>
        <FilterChips value={filter} onChange={setFilter} />
      </div>
      <ErrorText testId="contacts-error" error={cache.error} />
      <div className={openId === null ? 'contacts-body' : 'contacts-body with-detail'}>
        <div className="list-column">
          {nothingAtAll ? (
            <div className="empty" data-testid="contacts-empty">
              <p>No contacts yet.</p>
              <button type="button" className="primary" onClick={onImport}>
                Import an address book
              </button>
            </div>
          ) : empty ? (
            <p className="empty" data-testid="contacts-empty">
              No contacts match.
            </p>
          ) : (
            <ContactList
              cache={cache}
              selected={selected}
              onSelect={setSelected}
              onOpen={open}
              label="Contacts"
              scroller={list}
            />
          )}
        </div>
        {openId !== null && <ContactDetailPane id={openId} onClose={() => setOpenId(null)} />}
      </div>
    </section>
  );
}
