import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { ContactRow, optionId } from './ContactRow.tsx';
import type { PageCache } from './page-cache.ts';

const ROW_HEIGHT = 56;
/** Rows fetched around the window when nothing is on screen yet. */
const FIRST_WINDOW = 50;

interface Props {
  cache: PageCache;
  selected: number;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
  /** Esc in the list: closes the detail beside it, when one is open. */
  onEscape?: (() => void) | undefined;
  label: string;
  /** The focusable list element, so the search box can hand focus to it. */
  scroller: RefObject<HTMLDivElement | null>;
}

/** The virtualized contacts list: only the rows on screen exist, their pages fetched as they scroll into view. */
export function ContactList({ cache, selected, onSelect, onOpen, onEscape, label, scroller }: Props) {
  const total = cache.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  /** A press in the list is under way: the focus it brings must not scroll the row being clicked away. */
  const pressing = useRef(false);
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? FIRST_WINDOW;

  // Before paint: a passive effect would wait for the next frame before asking for the rows.
  useLayoutEffect(() => cache.ensure(first, last), [cache, first, last]);
  // A new search or filter starts at the top.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [cache, scroller]);

  function move(to: number): void {
    if (total === 0) return;
    const index = Math.min(total - 1, Math.max(0, to));
    onSelect(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(selected + 1),
      ArrowUp: () => move(selected < 0 ? 0 : selected - 1),
      PageDown: () => move(selected + page),
      PageUp: () => move(selected - page),
      Home: () => move(0),
      End: () => move(total - 1),
      Enter: () => selected >= 0 && onOpen(selected),
      ...(onEscape && { Escape: onEscape }),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  const active = selected >= 0 ? optionId(selected) : undefined;
  return (
    <div
      ref={scroller}
      className="contact-list"
      role="listbox"
      aria-label={label}
      aria-activedescendant={active}
      tabIndex={0}
      data-testid="contacts-list"
      onKeyDown={onKeyDown}
      onPointerDown={() => (pressing.current = true)}
      onPointerUp={() => (pressing.current = false)}
      onPointerCancel={() => (pressing.current = false)}
      // Focus coming back (from the detail, by Tab) shows the selected row, wherever the list was scrolled to.
      onFocus={(event) => {
        const pressed = pressing.current;
        pressing.current = false;
        if (!pressed && event.target === event.currentTarget && selected >= 0)
          virtualizer.scrollToIndex(selected, { align: 'auto' });
      }}
    >
      <div className="contact-list-inner" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {items.map((item) => (
          <ContactRow
            key={item.key}
            row={cache.row(item.index)}
            index={item.index}
            total={total}
            selected={item.index === selected}
            start={item.start}
            height={item.size}
            onClick={(index) => {
              onSelect(index);
              onOpen(index);
            }}
          />
        ))}
      </div>
    </div>
  );
}
