/**
 * Several server processes on one PostgreSQL or MySQL database: a process's hub hears only the joins it commits
 * itself, and closes only its own streams when a device signs out. The relay polls the database so that a stream
 * held by one process also hears about events written, and sessions ended, by another, within `intervalMs`.
 * SQLite runs one process, which hears everything first-hand.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { EventHub } from './hub.ts';
import type { Database } from '../db/schema.ts';
import type { Kysely } from 'kysely';

const PAGE = 500;

export interface Relay {
  /** One poll: wakes streams for events above the last id seen, and closes those whose session is gone. */
  round(): Promise<void>;
  stop(): Promise<void>;
}

export function startRelay(db: Kysely<Database>, hub: EventHub, intervalMs: number, log: FastifyBaseLogger): Relay {
  // From 0: the first round wakes every stream with anything waiting, which finds nothing new for most.
  let seen = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const round = async () => {
    const newest = await newestEvent(db);
    // Ids only grow; a lower maximum means the newest events were read by everyone and pruned.
    if (newest > seen) {
      // Advanced only once the streams were woken, so a failed poll is made good by the next.
      await hub.published(seen);
      seen = newest;
    }
    await closeEnded(db, hub);
  };
  const tick = () => {
    running = round()
      .catch((err: unknown) => log.warn({ err }, 'relay poll failed; it tries again'))
      .finally(() => {
        running = null;
        if (!stopped) schedule();
      });
  };
  const schedule = () => {
    timer = setTimeout(tick, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    round,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

async function newestEvent(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

async function closeEnded(db: Kysely<Database>, hub: EventHub): Promise<void> {
  const open = hub.openSessions();
  for (let i = 0; i < open.length; i += PAGE) {
    const checked = open.slice(i, i + PAGE);
    const rows = await db.selectFrom('sessions').select('id').where('id', 'in', checked).execute();
    hub.closeEnded(checked, new Set(rows.map((r) => Number(r.id))));
  }
}
