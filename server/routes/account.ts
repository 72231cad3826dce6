import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Account, API_PREFIX, DeviceList, DeviceParams, Discoverability } from '../../protocol/api.ts';
import { deleteAccount } from '../account/delete.ts';
import { setDiscoverable } from '../account/discoverable.ts';
import { endSession, listDevices } from '../auth/sessions.ts';
import { fromStored } from '../db/schema.ts';
import { HttpError } from '../http/errors.ts';
import { defineRoute, mount } from '../http/route.ts';
import { announceJoins, authOf, type ServerContext } from './context.ts';

const Ok = z.object({ ok: z.literal(true) });
const tag = 'account';

const getAccount = defineRoute({
  method: 'GET',
  url: `${API_PREFIX}/account`,
  summary: 'The caller’s account',
  tag,
  auth: true,
  response: Account,
});
const putDiscoverable = defineRoute({
  method: 'PUT',
  url: `${API_PREFIX}/account/discoverable`,
  summary:
    'Turn discoverability on or off; hidden users appear in no match and cause no join event, and owners of the number hear of a user shown again as of a join',
  tag,
  auth: true,
  body: Discoverability,
  response: Discoverability,
});
const removeAccount = defineRoute({
  method: 'DELETE',
  url: `${API_PREFIX}/account`,
  summary: 'Delete the account, its devices, its uploaded numbers and its inbox',
  tag,
  auth: true,
  response: Ok,
});
const devices = defineRoute({
  method: 'GET',
  url: `${API_PREFIX}/devices`,
  summary: 'The account’s signed-in devices',
  tag,
  auth: true,
  response: DeviceList,
});
const removeDevice = defineRoute({
  method: 'DELETE',
  url: `${API_PREFIX}/devices/{id}`,
  summary: 'Sign a device out',
  tag,
  auth: true,
  params: DeviceParams,
  response: Ok,
  errors: { 404: 'No such device on this account' },
});
const logout = defineRoute({
  method: 'POST',
  url: `${API_PREFIX}/logout`,
  summary: 'Sign this device out; its token stops working',
  tag,
  auth: true,
  response: Ok,
});

export function accountRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { db } = ctx.conn;

  mount(app, getAccount, async ({ request }) => {
    const auth = authOf(request);
    const row = await db
      .selectFrom('users')
      .select(['id', 'e164', 'discoverable', 'created_at', 'contact_count'])
      .where('id', '=', auth.userId)
      .executeTakeFirstOrThrow();
    return {
      userId: Number(row.id),
      e164: fromStored(row.e164),
      discoverable: Number(row.discoverable) === 1,
      createdAt: Number(row.created_at),
      contactCount: Number(row.contact_count),
    };
  });

  mount(app, putDiscoverable, async ({ request, body }) => {
    const shown = await setDiscoverable(ctx.conn, authOf(request).userId, body.discoverable, ctx.now());
    announceJoins(ctx, request, shown, 'join events written for an account shown again');
    return { discoverable: body.discoverable };
  });

  mount(app, removeAccount, async ({ request }) => {
    const auth = authOf(request);
    await deleteAccount(ctx.conn, ctx.secret, auth.userId, auth.e164, ctx.config.budget, ctx.now());
    ctx.hub.signedOut(auth.userId);
    return { ok: true as const };
  });

  mount(app, devices, async ({ request }) => ({ devices: await listDevices(db, authOf(request)) }));

  mount(app, removeDevice, async ({ request, params }) => {
    if (!(await endSession(db, authOf(request).userId, params.id))) {
      throw new HttpError(404, 'not_found', `no device ${params.id} on this account`);
    }
    ctx.hub.signedOut(authOf(request).userId, params.id);
    return { ok: true as const };
  });

  mount(app, logout, async ({ request }) => {
    const auth = authOf(request);
    await endSession(db, auth.userId, auth.sessionId);
    ctx.hub.signedOut(auth.userId, auth.sessionId);
    return { ok: true as const };
  });
}
