/** Builds the Fastify server on an open, migrated database. `main.ts` adds the process around it. */
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { sql } from 'kysely';
import { authenticate } from './auth/sessions.ts';
import type { ServerConfig } from './config.ts';
import { connect, type Connection } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import { scheduleMaintenance } from './maintenance/schedule.ts';
import { EventHub } from './events/hub.ts';
import { startRelay, type Relay } from './events/relay.ts';
import { HttpError, unauthorized } from './http/errors.ts';
import { openApiDocument } from './openapi/document.ts';
import { accountRoutes } from './routes/account.ts';
import { contactRoutes } from './routes/contacts.ts';
import type { ServerContext } from './routes/context.ts';
import { eventRoutes } from './routes/events.ts';
import { verificationRoutes } from './routes/verification.ts';
import { AddressLimiter } from './verification/address-limiter.ts';
import { devSender, webhookSender, type CodeSender } from './verification/senders.ts';

/** 1000 numbers of up to 16 characters with JSON quoting fit in well under this. */
export const BODY_LIMIT = 64 * 1024;

export interface BuildOptions {
  /** Replaces the sender the config implies (tests capture codes this way). */
  sender?: CodeSender | null;
  now?: () => number;
  /** Where the structured log goes (default stdout). */
  logStream?: NodeJS.WritableStream;
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
  const conn = connect(config.databaseUrl, config.dbPool, (err) => log(err));
  try {
    await migrate(conn.db, conn.dialect);
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
  const app = Fastify({ logger, bodyLimit: BODY_LIMIT, trustProxy: config.trustProxy, forceCloseConnections: true });
  log = (err) => app.log.warn({ err: err.message }, 'an idle database connection closed');
  const ctx: ServerContext = {
    conn,
    config,
    sender: options.sender === undefined ? senderFor(config) : options.sender,
    hub: new EventHub(conn.db, (err) => app.log.error({ err }, 'live delivery failed')),
    now: options.now ?? Date.now,
    startsByIp: new AddressLimiter(conn, 'starts', config.limits.startsPerIpPerHour),
    attemptsByIp: new AddressLimiter(conn, 'attempts', config.limits.attemptsPerIpPerHour),
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
    if (!request.routeOptions.config.auth) return;
    const header = request.headers.authorization;
    const match = header ? /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(header) : null;
    if (!match) throw unauthorized();
    request.auth = await authenticate(conn.db, match[1]!, now(), sessionIdleDays);
    if (!request.auth) throw unauthorized();
  });

  app.setNotFoundHandler(async (request, reply) =>
    reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );

  app.setErrorHandler(async (err, request, reply) => {
    if (err instanceof HttpError) return reply.code(err.status).headers(err.headers).send(err.body);
    const e = err as { statusCode?: number; code?: string; message?: string };
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .code(413)
        .send({ error: 'body_too_large', message: `request bodies are limited to ${BODY_LIMIT} bytes` });
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      const error = e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type' : 'invalid_request';
      return reply.code(e.statusCode).send({ error, message: e.message ?? 'bad request' });
    }
    request.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'internal server error' });
  });
}
