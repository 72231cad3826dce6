/**
 * Live delivery: each open WebSocket gets the events of its account as they are written. Every socket keeps
 * the id of the last event it was sent and flushes one at a time, so nothing is sent twice or out of order.
 * It hears the joins and sign-outs of its own process; relay.ts brings in those of other processes.
 */
import type { Kysely } from 'kysely';
import type { StreamMessage } from '../../protocol/api.ts';
import type { Database } from '../db/schema.ts';
import { readEvents } from './inbox.ts';

export interface StreamSocket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

interface Subscriber {
  socket: StreamSocket;
  recipientId: number;
  sessionId: number;
  sentUpTo: number;
  running: Promise<void>;
  again: boolean;
}

const PAGE = 500;

export class EventHub {
  private readonly byRecipient = new Map<number, Set<Subscriber>>();
  private readonly db: Kysely<Database>;
  private readonly onError: (err: unknown) => void;

  constructor(db: Kysely<Database>, onError: (err: unknown) => void) {
    this.db = db;
    this.onError = onError;
  }

  get connected(): number {
    let n = 0;
    for (const set of this.byRecipient.values()) n += set.size;
    return n;
  }

  /** Registers a socket and sends it everything after `after`; returns the function that unregisters it. */
  subscribe(socket: StreamSocket, recipientId: number, sessionId: number, after: number): () => void {
    const sub: Subscriber = {
      socket,
      recipientId,
      sessionId,
      sentUpTo: after,
      running: Promise.resolve(),
      again: false,
    };
    let set = this.byRecipient.get(recipientId);
    if (!set) this.byRecipient.set(recipientId, (set = new Set()));
    set.add(sub);
    send(socket, { type: 'ready', cursor: after });
    this.flush(sub);
    return () => {
      set.delete(sub);
      if (set.size === 0) this.byRecipient.delete(recipientId);
    };
  }

  /** Called after a join commits: wakes the connected recipients of events with ids above `after`. */
  async published(after: number): Promise<void> {
    if (this.byRecipient.size === 0) return;
    const ids = [...this.byRecipient.keys()];
    for (let i = 0; i < ids.length; i += PAGE) {
      const rows = await this.db
        .selectFrom('events')
        .select('recipient_id')
        .distinct()
        .where('id', '>', after)
        .where('recipient_id', 'in', ids.slice(i, i + PAGE))
        .execute();
      for (const row of rows) {
        for (const sub of this.byRecipient.get(Number(row.recipient_id)) ?? []) this.flush(sub);
      }
    }
  }

  /** Closes the streams of a session that has ended, or (without a session) of every session of the account. */
  signedOut(recipientId: number, sessionId?: number): void {
    for (const sub of this.byRecipient.get(recipientId) ?? []) {
      if (sessionId === undefined || sub.sessionId === sessionId) sub.socket.close(4401, 'signed out');
    }
  }

  /** The sessions that have a stream open here. */
  openSessions(): number[] {
    const ids = new Set<number>();
    for (const set of this.byRecipient.values()) for (const sub of set) ids.add(sub.sessionId);
    return [...ids];
  }

  /** Closes, as signed out, the streams of the `checked` sessions that are not `alive` any more. */
  closeEnded(checked: readonly number[], alive: ReadonlySet<number>): void {
    const ended = new Set(checked.filter((id) => !alive.has(id)));
    if (ended.size === 0) return;
    for (const set of this.byRecipient.values()) {
      for (const sub of set) if (ended.has(sub.sessionId)) sub.socket.close(4401, 'signed out');
    }
  }

  closeAll(): void {
    for (const set of this.byRecipient.values()) for (const sub of set) sub.socket.close(1001, 'server shutting down');
    this.byRecipient.clear();
  }

  private flush(sub: Subscriber): void {
    if (sub.again) return;
    sub.again = true;
    sub.running = sub.running.then(async () => {
      sub.again = false;
      try {
        for (;;) {
          const page = await readEvents(this.db, sub.recipientId, sub.sentUpTo, PAGE);
          if (page.events.length > 0) send(sub.socket, { type: 'events', events: page.events });
          sub.sentUpTo = page.cursor;
          if (!page.more) break;
        }
      } catch (err) {
        this.onError(err);
      }
    });
  }
}

function send(socket: StreamSocket, message: StreamMessage): void {
  socket.send(JSON.stringify(message));
}
