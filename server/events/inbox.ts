/** Each account's inbox: read after a cursor, acknowledge per device, prune what every device has seen. */
import type { Kysely } from 'kysely';
import type { EventPage, InboxEvent } from '../../protocol/api.ts';
import type { AuthContext } from '../auth/sessions.ts';
import { type Database, fromStored } from '../db/schema.ts';

export async function readEvents(
  db: Kysely<Database>,
  recipientId: number,
  after: number,
  limit: number,
): Promise<EventPage> {
  const rows = await db
    .selectFrom('events')
    .innerJoin('users', 'users.id', 'events.subject_user_id')
    .select([
      'events.id',
      'events.type',
      'events.subject_user_id',
      'events.e164',
      'events.created_at',
      'users.discoverable',
    ])
    .where('events.recipient_id', '=', recipientId)
    .where('events.id', '>', after)
    .orderBy('events.id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  // A user who has since hidden is withheld, but the cursor still moves past the event.
  const events: InboxEvent[] = page
    .filter((r) => Number(r.discoverable) === 1)
    .map((r) => ({
      id: Number(r.id),
      type: 'contact_joined',
      userId: Number(r.subject_user_id),
      e164: fromStored(r.e164),
      createdAt: Number(r.created_at),
    }));
  const cursor = page.length > 0 ? Number(page[page.length - 1]!.id) : after;
  return { events, cursor, more: rows.length > limit };
}

export async function ackedCursor(db: Kysely<Database>, sessionId: number): Promise<number> {
  const row = await db.selectFrom('sessions').select('acked_event_id').where('id', '=', sessionId).executeTakeFirst();
  return Number(row?.acked_event_id ?? 0);
}

/** Moves this device's cursor forward (never back), then drops events that all of the account's devices have seen. */
export async function acknowledge(db: Kysely<Database>, auth: AuthContext, upTo: number): Promise<number> {
  // Never past the newest event in the inbox: a cursor beyond it would hide, and prune, events not yet written.
  const newest = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('max'))
    .where('recipient_id', '=', auth.userId)
    .executeTakeFirst();
  const cursor = Math.min(upTo, Number(newest?.max ?? 0));
  await db
    .updateTable('sessions')
    .set({ acked_event_id: cursor })
    .where('id', '=', auth.sessionId)
    .where('acked_event_id', '<', cursor)
    .execute();
  const floor = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.min('acked_event_id').as('floor'))
    .where('user_id', '=', auth.userId)
    .executeTakeFirst();
  const seenByAll = Number(floor?.floor ?? 0);
  if (seenByAll > 0) {
    await db.deleteFrom('events').where('recipient_id', '=', auth.userId).where('id', '<=', seenByAll).execute();
  }
  return ackedCursor(db, auth.sessionId);
}
