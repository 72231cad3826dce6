/** Who among the user's contacts is on Kith: from batch answers, the full match list, and join events. */
import type { InboxEvent, Match } from '../../protocol/api.ts';
import type { Db } from '../store/open.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import { logActivity } from './history.ts';
import { displayName } from './names.ts';

export function eventCursor(db: Db): number {
  return Number(getSetting(db, 'event_cursor') ?? 0);
}

/**
 * Applies inbox events once each (by event id) and moves the cursor; returns the events that are news, so the
 * caller can notify about exactly those. An event about someone already known to be on Kith under that number
 * (an account that hid and was shown again) is recorded but is not news.
 */
export function applyEvents(db: Db, events: readonly InboxEvent[], cursor: number, now: number): InboxEvent[] {
  return db.transaction(() => {
    const insert = db.prepare(
      `INSERT OR IGNORE INTO joins (event_id, user_id, e164, joined_at, received_at, notified)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const knownAs = db.prepare('SELECT registered_user_id FROM numbers WHERE e164 = ?').pluck();
    const register = db.prepare(`UPDATE numbers SET registered_user_id = ?, registered_at = ? WHERE e164 = ?`);
    const fresh: InboxEvent[] = [];
    for (const e of events) {
      const known = knownAs.get(e.e164) === String(e.userId);
      if (insert.run(e.id, e.userId, e.e164, e.createdAt, now, known ? 1 : 0).changes === 0 || known) continue;
      register.run(String(e.userId), e.createdAt, e.e164);
      logActivity(db, now, 'join', { id: 'activity.joined', values: { name: displayName(db, e.e164) ?? e.e164 } });
      fresh.push(e);
    }
    if (cursor > eventCursor(db)) setSetting(db, 'event_cursor', String(cursor));
    return fresh;
  })();
}

/** Replaces what is known about registered users with the server's full match list. */
export function applyMatchList(db: Db, matches: readonly Match[], now: number): void {
  db.transaction(() => {
    const known = new Map(matches.map((m) => [m.e164, String(m.userId)]));
    const rows = db
      .prepare('SELECT e164, registered_user_id FROM numbers WHERE registered_user_id IS NOT NULL')
      .all() as Array<{
      e164: string;
      registered_user_id: string;
    }>;
    const clear = db.prepare('UPDATE numbers SET registered_user_id = NULL, registered_at = NULL WHERE e164 = ?');
    for (const r of rows) if (known.get(r.e164) !== r.registered_user_id) clear.run(r.e164);
    const set = db.prepare(
      `UPDATE numbers SET registered_user_id = ?, registered_at = coalesce(registered_at, ?)
       WHERE e164 = ? AND registered_user_id IS NULL`,
    );
    for (const [e164, userId] of known) set.run(userId, now, e164);
  })();
}

/** Marks joins as notified; returns those that were not yet (so a notification is shown once). */
export function takeUnnotified(db: Db): Array<{ eventId: number; e164: string }> {
  return db.transaction(() => {
    const rows = db
      .prepare('SELECT event_id AS eventId, e164 FROM joins WHERE notified = 0 ORDER BY event_id')
      .all() as Array<{
      eventId: number;
      e164: string;
    }>;
    db.prepare('UPDATE joins SET notified = 1 WHERE notified = 0').run();
    return rows;
  })();
}
