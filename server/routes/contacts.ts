import type { FastifyInstance } from 'fastify';
import {
  API_PREFIX,
  BatchParams,
  BatchResult,
  BatchUpload,
  Deleted,
  MatchList,
  NumberPage,
  NumberPageQuery,
  SetCheck,
  SetCheckResult,
} from '../../protocol/api.ts';
import { matchList, numberPage, deleteAllContacts, setState } from '../contacts/queries.ts';
import { applyBatch } from '../contacts/upload.ts';
import { checkBatch } from '../contacts/validate.ts';
import { defineRoute, mount } from '../http/route.ts';
import { authOf, type ServerContext } from './context.ts';

const tag = 'contacts';

const putBatch = defineRoute({
  method: 'PUT',
  url: `${API_PREFIX}/contacts/batches/{batchId}`,
  summary: 'Add and remove up to 1000 numbers; the same batch id always gives the same answer and applies once',
  tag,
  auth: true,
  params: BatchParams,
  body: BatchUpload,
  response: BatchResult,
  errors: {
    400: 'A number is not E.164 (the answer names its index), or is both added and removed',
    409: 'The batch id was already used for different numbers',
    413: 'More than 1000 numbers',
    429: 'The account’s budget of new numbers is spent; see Retry-After',
  },
});
const getMatches = defineRoute({
  method: 'GET',
  url: `${API_PREFIX}/contacts/matches`,
  summary: 'Every uploaded number that belongs to a registered, discoverable user',
  tag,
  auth: true,
  response: MatchList,
});
const postCheck = defineRoute({
  method: 'POST',
  url: `${API_PREFIX}/contacts/check`,
  summary: 'Compare the hash of the set the client believes it uploaded with the server’s',
  tag,
  auth: true,
  body: SetCheck,
  response: SetCheckResult,
});
const getNumbers = defineRoute({
  method: 'GET',
  url: `${API_PREFIX}/contacts`,
  summary: 'The caller’s own uploaded numbers, a page at a time',
  tag,
  auth: true,
  query: NumberPageQuery,
  response: NumberPage,
});
const deleteNumbers = defineRoute({
  method: 'DELETE',
  url: `${API_PREFIX}/contacts`,
  summary: 'Delete every number the caller uploaded',
  tag,
  auth: true,
  response: Deleted,
});

export function contactRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { db } = ctx.conn;

  mount(app, putBatch, async ({ request, params, body }) => {
    checkBatch(body.add, body.remove);
    return applyBatch(
      ctx.conn,
      ctx.secret,
      authOf(request).userId,
      { batchId: params.batchId, add: body.add, remove: body.remove },
      ctx.config.budget,
      ctx.now(),
    );
  });

  mount(app, getMatches, async ({ request }) => matchList(db, authOf(request).userId));

  mount(app, postCheck, async ({ request, body }) => {
    const state = await setState(db, authOf(request).userId);
    return {
      status: state.setHash === body.setHash ? ('unchanged' as const) : ('mismatch' as const),
      count: state.count,
      reconcileAfterSeconds: ctx.config.reconcileAfterSeconds,
    };
  });

  mount(app, getNumbers, async ({ request, query }) =>
    numberPage(db, authOf(request).userId, query.after, query.limit),
  );

  mount(app, deleteNumbers, async ({ request }) => ({
    deleted: await deleteAllContacts(ctx.conn, authOf(request).userId),
  }));
}
