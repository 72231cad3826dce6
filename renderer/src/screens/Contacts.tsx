import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ContactFilter } from '../../../main/ipc/contract.ts';
import { ContactDetailPane } from '../contacts/ContactDetailPane.tsx';
import { ContactList } from '../contacts/ContactList.tsx';
import { FilterChips } from '../contacts/FilterChips.tsx';
import { useContactPages } from '../contacts/useContactPages.ts';
import { useDetailHistory } from '../contacts/useDetailHistory.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { t } from '../../../i18n/index.ts';
import { useWidth } from '../hooks/useWidth.ts';

/**
 * Narrower than this (in CSS pixels), the list and the detail do not both fit: the detail then takes the screen's
 * place, with a way back. At this width side by side, the list keeps about 420 px beside a detail of 24rem.
 */
export const SINGLE_PANE_BELOW = 800;

export function Contacts({ onImport }: { onImport: () => void }) {
  // Each keystroke starts a fresh page cache and answers to older ones are dropped, so no typing pause is needed.
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<ContactFilter>('all');
  const cache = useContactPages(search, filter);
  const [selected, setSelected] = useState(-1);
  const { openId, open: openDetail, close } = useDetailHistory();
  const [query, setQuery] = useState(cache);
  const list = useRef<HTMLDivElement>(null);
  const screen = useRef<HTMLElement>(null);
  const pane = useRef<HTMLElement>(null);
  const width = useWidth(screen);
  const single = width !== null && width < SINGLE_PANE_BELOW;
  // A new search or filter: the old selection points at another list.
  if (query !== cache) {
    setQuery(cache);
    setSelected(-1);
  }

  function open(index: number): void {
    const row = cache.row(index);
    if (row) openDetail(row.id);
  }

  // Closed, by any way: focus goes back to the list, on the row the detail was opened from (still selected).
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && openId === null) (list.current ?? screen.current)?.focus();
    wasOpen.current = openId !== null;
  }, [openId]);

  // Alone on screen, the detail takes the focus: the list it came from is hidden under it.
  useEffect(() => {
    if (single && openId !== null && !pane.current?.contains(document.activeElement)) pane.current?.focus();
  }, [single, openId]);

  // Alt+Left, as in a browser: back to the list. Not in a text field, where macOS uses it to move by word.
  useEffect(() => {
    if (openId === null) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!event.altKey || event.key !== 'ArrowLeft' || event.defaultPrevented) return;
      if (event.target instanceof HTMLElement && event.target.closest('input, textarea, select, [contenteditable]'))
        return;
      event.preventDefault();
      close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openId, close]);

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key !== 'ArrowDown') return;
    event.preventDefault();
    list.current?.focus();
    if (selected < 0 && (cache.total ?? 0) > 0) setSelected(0);
  }

  const empty = cache.total === 0;
  const nothingAtAll = empty && search === '' && filter === 'all';
  const classes = ['screen', 'contacts-screen', single && 'single', openId !== null && 'detail-open'];
  return (
    <section
      ref={screen}
      tabIndex={-1}
      className={classes.filter(Boolean).join(' ')}
      aria-labelledby="contacts-title"
      data-layout={single ? 'single' : 'split'}
    >
      <header className="screen-head">
        <h2 id="contacts-title">{t('contacts.title')}</h2>
        <p className="muted" data-testid="contacts-count" aria-live="polite">
          {cache.total === null ? t('contacts.loading') : t('contacts.count', { count: cache.total })}
        </p>
      </header>
      <div className="toolbar">
        <label className="search">
          <span className="visually-hidden">{t('contacts.searchLabel')}</span>
          <input
            type="search"
            placeholder={t('contacts.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={onSearchKey}
            data-testid="contacts-search"
          />
        </label>
        <FilterChips value={filter} onChange={setFilter} />
      </div>
      <ErrorText testId="contacts-error" error={cache.error} />
      <div className={openId !== null && !single ? 'contacts-body with-detail' : 'contacts-body'}>
        <div className="list-column">
          {nothingAtAll ? (
            <div className="empty" data-testid="contacts-empty">
              <p>{t('contacts.none')}</p>
              <button type="button" className="primary" onClick={onImport}>
                {t('contacts.import')}
              </button>
            </div>
          ) : empty ? (
            <p className="empty" data-testid="contacts-empty">
              {t('contacts.noMatch')}
            </p>
          ) : (
            <ContactList
              cache={cache}
              selected={selected}
              onSelect={setSelected}
              onOpen={open}
              onEscape={openId !== null ? close : undefined}
              label={t('contacts.listLabel')}
              scroller={list}
            />
          )}
        </div>
        {openId !== null && <ContactDetailPane id={openId} onClose={close} single={single} paneRef={pane} />}
      </div>
    </section>
  );
}
