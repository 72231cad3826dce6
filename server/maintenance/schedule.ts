import type { FastifyBaseLogger } from 'fastify';
import type { ServerContext } from '../routes/context.ts';
import { pruneExpired, type Pruned } from './prune.ts';

const EVERY_MS = 3_600_000;

/** One round: prunes, and closes the open streams of the sessions it ended, as signing them out would. */
export async function maintenanceRound(ctx: ServerContext): Promise<Omit<Pruned, 'ended'>> {
  const { ended, ...counts } = await pruneExpired(ctx.conn, ctx.now(), ctx.config);
  for (const { userId, sessionId } of ended) ctx.hub.signedOut(userId, sessionId);
  return counts;
}

/**
 * Runs a round shortly after start and then every hour, off the request path. Never keeps the process alive; a
 * failed round is logged and the next one tries again. `stop` waits for a round in progress.
 */
export function scheduleMaintenance(ctx: ServerContext, log: FastifyBaseLogger): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const round = () => {
    running ??= maintenanceRound(ctx)
      .then(
        (pruned) => {
          if (Object.values(pruned).some((n) => n > 0)) log.info(pruned, 'pruned expired rows');
        },
        (err: unknown) => log.warn({ err }, 'pruning failed; it runs again within the hour'),
      )
      .finally(() => (running = null));
  };
  const first = setTimeout(round, 1000);
  const timer = setInterval(round, EVERY_MS);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
