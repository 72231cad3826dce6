import { describe, expect, it } from 'vitest';
import { closeContact, forgetContact, openContact, openIn, type HistoryLike } from './detail-history.ts';

/** A history stack as the browser keeps one: entries, the current index, and what popstate would report. */
class FakeHistory implements HistoryLike {
  entries: unknown[] = [null];
  index = 0;
  pops: unknown[] = [];

  get state(): unknown {
    return this.entries[this.index];
  }

  pushState(data: unknown): void {
    this.entries = [...this.entries.slice(0, this.index + 1), structuredClone(data)];
    this.index++;
  }

  replaceState(data: unknown): void {
    this.entries[this.index] = structuredClone(data);
  }

  back(): void {
    if (this.index === 0) return;
    this.index--;
    this.pops.push(this.state);
  }
}

describe('the open contact in history', () => {
  it('opening pushes one entry, and Back returns to the list', () => {
    const history = new FakeHistory();
    openContact(history, 7);
    expect(history.entries).toHaveLength(2);
    expect(openIn(history.state)).toBe(7);
    expect(closeContact(history)).toBe(true);
    expect(openIn(history.state)).toBeNull();
    expect(history.pops).toEqual([null]);
  });

  it('opening another contact replaces the entry, so one Back still returns to the list', () => {
    const history = new FakeHistory();
    openContact(history, 7);
    openContact(history, 9);
    expect(history.entries).toHaveLength(2);
    expect(openIn(history.state)).toBe(9);
    history.back();
    expect(openIn(history.state)).toBeNull();
    expect(history.index).toBe(0);
  });

  it('closing without an entry of its own leaves history alone', () => {
    const history = new FakeHistory();
    expect(closeContact(history)).toBe(false);
    expect(history.index).toBe(0);
    expect(history.pops).toEqual([]);
  });

  it('keeps whatever else the entry holds', () => {
    const history = new FakeHistory();
    history.replaceState({ other: 'kept' });
    openContact(history, 3);
    expect(history.state).toEqual({ other: 'kept', kithContact: 3 });
    forgetContact(history);
    expect(history.state).toEqual({ other: 'kept' });
  });

  it('forgets a contact left open by an earlier visit, so Back from a new one does not reopen it', () => {
    const history = new FakeHistory();
    openContact(history, 4);
    // The screen was left and shown again: the entry still names contact 4.
    forgetContact(history);
    expect(openIn(history.state)).toBeNull();
    openContact(history, 5);
    history.back();
    expect(openIn(history.state)).toBeNull();
  });

  it('reads only a whole number as a contact', () => {
    expect(openIn({ kithContact: '4' })).toBeNull();
    expect(openIn({ kithContact: 1.5 })).toBeNull();
    expect(openIn('kithContact')).toBeNull();
    expect(openIn({ kithContact: 12 })).toBe(12);
  });
});
