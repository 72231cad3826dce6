/** Builds the Fastify server on an open, migrated database. `main.ts` adds the process around it. */
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { sql } from 'kysely';
import { authenticate } from './auth/sessions.ts';
import type { ServerConfig } from './config.ts';
import { connect, type Connection } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import { secretFromFile } from './secret.ts';
import { scheduleMaintenance } from './maintenance/schedule.ts';
import { EventHub } from './events/hub.ts';
import { startRelay, type Relay } from './events/relay.ts';
import { frameworkRefusal, HttpError, parserRefusal, unauthorized } from './http/errors.ts';
import { MAX_URL_LENGTH } from './http/route.ts';
import { openApiDocument } from './openapi/document.ts';
import { accountRoutes } from './routes/account.ts';
import { contactRoutes } from './routes/contacts.ts';
import type { ServerContext } from './routes/context.ts';
import { eventRoutes } from './routes/events.ts';
import { verificationRoutes } from './routes/verification.ts';
import { AddressLimiter } from './verification/address-limiter.ts';
import type { ChallengeVerifier } from './verification/challenge.ts';
import { devSender, webhookSender, type CodeSender } from './verification/senders.ts';

/** 1000 numbers of up to 16 characters with JSON quoting fit in well under this. */
export const BODY_LIMIT = 64 * 1024;

export interface BuildOptions {
  /** Replaces the sender the config implies (tests capture codes this way). */
  sender?: CodeSender | null;
  now?: () => number;
  /** Where the structured log goes (default stdout). */
  logStream?: NodeJS.WritableStream;
  /** A challenge (captcha, push) to pass before a code is sent; none by default. */
  challenge?: ChallengeVerifier | null;
}

export interface KithServer {
  app: FastifyInstance;
  ctx: ServerContext;
  /** Polls for other processes' events and sign-outs (PostgreSQL and MySQL with `relayMs` above 0). */
  relay: Relay | null;
  close(): Promise<void>;
}

export function senderFor(config: ServerConfig): CodeSender | null {
  if (config.smsWebhookUrl) return webhookSender(config.smsWebhookUrl, config.smsWebhookSecret);
  return config.dev ? devSender() : null;
}

export async function buildServer(config: ServerConfig, options: BuildOptions = {}): Promise<KithServer> {
  // The logger exists only once Fastify does; until then idle-connection errors have nowhere better to go.
  let log: (err: Error) => void = () => {};
  // Before migrating: migration 008 rekeys stored hashes under it.
  const secret = config.secret ?? secretFromFile(config.secretFile);
  const conn = connect(config.databaseUrl, config.dbPool, (err) => log(err));
  try {
    await migrate(conn.db, conn.dialect, secret);
  } catch (err) {
    await conn.db.destroy();
    throw err;
  }
  const logger: FastifyServerOptions['logger'] = {
    level: config.logLevel,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    // Paths only: a query string can carry an uploaded number (`GET /v1/contacts?after=+44…`).
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({
        method: req.method,
        url: req.url.split('?')[0],
        remoteAddress: req.ip,
      }),
    },
    ...(options.logStream ? { stream: options.logStream } : {}),
  };
  const app = Fastify({
    logger,
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    forceCloseConnections: true,
    ...ownRefusals,
  });
  log = (err) => app.log.warn({ err: err.message }, 'an idle database connection closed');
  const ctx: ServerContext = {
    conn,
    config,
    secret,
    sender: options.sender === undefined ? senderFor(config) : options.sender,
    hub: new EventHub(conn.db, (err) => app.log.error({ err }, 'live delivery failed')),
    now: options.now ?? Date.now,
    startsByIp: new AddressLimiter(conn, 'starts', config.limits.startsPerIpPerHour, secret),
    attemptsByIp: new AddressLimiter(conn, 'attempts', config.limits.attemptsPerIpPerHour, secret),
    startsByNumber: new AddressLimiter(conn, 'number', config.limits.startsPerNumberPerHour, secret),
    startsByNumberAndIp: new AddressLimiter(conn, 'number-address', config.limits.startsPerNumberPerIpPerHour, secret),
    challenge: options.challenge ?? null,
  };
  // The plugin first: its onRequest hook marks upgrade requests, so that an upgrade refused by the token check
  // below still has its socket closed after the 401 (otherwise it stays open and app.close() waits forever).
  await app.register(websocket, { options: { maxPayload: 4096 } });
  await installPlumbing(app, conn, ctx.now, config.sessionIdleDays);
  verificationRoutes(app, ctx);
  accountRoutes(app, ctx);
  contactRoutes(app, ctx);
  eventRoutes(app, ctx);
  app.get('/openapi.json', async () => openApiDocument());
  app.get('/health', async (_request, reply) => {
    try {
      await sql`select 1`.execute(conn.db);
      return { ok: true, database: conn.dialect };
    } catch {
      return reply.code(503).send({ error: 'database_unavailable', message: 'the database does not answer' });
    }
  });

  const maintenance = scheduleMaintenance(ctx, app.log);
  // SQLite is one process by rule, so there is nothing to relay.
  const relay =
    conn.dialect === 'sqlite' || config.relayMs === 0 ? null : startRelay(conn.db, ctx.hub, config.relayMs, app.log);

  return {
    app,
    ctx,
    relay,
    async close() {
      ctx.hub.closeAll();
      await maintenance.stop();
      await relay?.stop();
      await app.close();
      await conn.db.destroy();
    },
  };
}

async function installPlumbing(
  app: FastifyInstance,
  conn: Connection,
  now: () => number,
  sessionIdleDays: number,
): Promise<void> {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    if (request.url.length > MAX_URL_LENGTH) {
      throw new HttpError(414, 'uri_too_long', `URLs are limited to ${MAX_URL_LENGTH} characters`);
    }
    if (!request.routeOptions.config.auth) return;
    const header = request.headers.authorization;
    // RFC 9110: the scheme is case-insensitive and followed by one or more spaces; the token is compared exactly.
    const match = header ? /^bearer +([A-Za-z0-9_-]{16,128})$/i.exec(header) : null;
    if (!match) throw unauthorized();
    request.auth = await authenticate(conn.db, match[1]!, now(), sessionIdleDays);
    if (!request.auth) throw unauthorized();
  });

  // Nothing of the request is repeated: a path or query can carry an uploaded number.
  app.setNotFoundHandler(async (_request, reply) =>
    reply.code(404).send({ error: 'not_found', message: 'no route for this method and path' }),
  );

  app.setErrorHandler(async (err, request, reply) => {
    const known =
      err instanceof HttpError ? err : frameworkRefusal(err as { statusCode?: number; code?: string }, BODY_LIMIT);
    if (known) return reply.code(known.status).headers(known.headers).send(known.body);
    request.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'internal server error' });
  });
}

/** Fastify's and Node's own refusals (an undecodable path, oversized headers, broken HTTP), in Kith's shape. */
const ownRefusals: Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> = {
  frameworkErrors(err, _request, reply) {
    const refusal = frameworkRefusal(err, BODY_LIMIT) ?? new HttpError(500, 'internal', 'internal server error');
    // The option is generic over route schemas; this server declares none to Fastify.
    void (reply as FastifyReply).code(refusal.status).send(refusal.body);
  },
  clientErrorHandler(err: NodeJS.ErrnoException, socket) {
    // A reset connection has nobody left to answer.
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    if (socket.writable) socket.write(parserRefusal(err.code));
    socket.destroy(err);
  },
};
