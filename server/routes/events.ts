import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  Acked,
  API_PREFIX,
  EventAck,
  EventPage,
  EventsQuery,
  queryInteger,
  StreamMessage,
} from '../../protocol/api.ts';
import { acknowledge, ackedCursor, readEvents } from '../events/inbox.ts';
import { defineRoute, mount } from '../http/route.ts';
import { authOf, type ServerContext } from './context.ts';

const tag = 'events';

const getEvents = defineRoute({
  method: 'GET',
  url: `${API_PREFIX}/events`,
  summary: 'Inbox events after a cursor, oldest first; they wait until every device has acknowledged them',
  tag,
  auth: true,
  query: EventsQuery,
  response: EventPage,
});
const postAck = defineRoute({
  method: 'POST',
  url: `${API_PREFIX}/events/ack`,
  summary: 'Acknowledge events up to an id for this device',
  tag,
  auth: true,
  body: EventAck,
  response: Acked,
});
export const streamRoute = defineRoute({
  method: 'GET',
  url: `${API_PREFIX}/events/stream`,
  summary:
    'WebSocket: sends `ready` with the cursor, then `events` messages as they are written (events after `after`, default the acknowledged cursor)',
  tag,
  auth: true,
  websocket: true,
  query: z.strictObject({ after: queryInteger(0).optional() }),
  response: StreamMessage,
});

export function eventRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { db } = ctx.conn;

  mount(app, getEvents, async ({ request, query }) => {
    const auth = authOf(request);
    const after = query.after ?? (await ackedCursor(db, auth.sessionId));
    return readEvents(db, auth.userId, after, query.limit);
  });

  mount(app, postAck, async ({ request, body }) => ({ cursor: await acknowledge(db, authOf(request), body.upTo) }));

  app.get(streamRoute.url, { websocket: true, config: { auth: true } }, async (socket, request) => {
    const auth = authOf(request);
    const parsed = streamRoute.query!.safeParse(request.query);
    if (!parsed.success) return socket.close(1008, 'invalid query');
    const after = parsed.data.after ?? (await ackedCursor(db, auth.sessionId));
    const unsubscribe = ctx.hub.subscribe(socket, auth.userId, auth.sessionId, after);
    socket.on('close', unsubscribe);
  });
}
