import type { FastifyInstance } from 'fastify';
import { readRouting, type ReadRoute } from '@vigil/db';

/** Set after a successful write; while present, the browser's reads stay on the primary. */
export const RECENT_WRITE_COOKIE = 'vigil_recent_write';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const READS = new Set(['GET', 'HEAD']);
const MAX_TRACKED_WRITERS = 10_000;

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The caller wrote within the read-your-writes window: their reads stay on the primary and skip the read caches.
     */
    recentWriter: boolean;
  }
}

/**
 * Read-your-writes over replicas. Every request runs in its own routing context, primary-only by
 * default. A GET/HEAD under /api/ may read from a fresh replica unless its caller wrote within the
 * window: the write is remembered in a cookie (works across servers behind nginx) and in this
 * process by user id (covers API-token clients that drop cookies while they hit this server).
 */
export function registerReadRouting(app: FastifyInstance, windowSeconds: number, replicas: boolean): void {
  const recentWriters = new Map<number, number>();
  const windowMs = windowSeconds * 1000;
  app.decorateRequest('recentWriter', false);

  // The routing context is an AsyncLocalStorage, which costs every promise of the request some
  // time (measured in docs/benchmarks.md, bench:foundation): it is only opened when there are replicas.
  if (replicas) {
    app.addHook('onRequest', (_req, _reply, done) => {
      const route: ReadRoute = { replica: false };
      readRouting.run(route, done);
    });
  }

  // Runs after the auth hook's preHandler (registered after it), so the actor is known.
  app.addHook('preHandler', (req, _reply, done) => {
    if (!READS.has(req.method) || !req.url.startsWith('/api/')) return done();
    const now = Date.now();
    const cookieUntil = Number(req.cookies?.[RECENT_WRITE_COOKIE] ?? 0);
    const actorUntil = req.actor ? (recentWriters.get(req.actor.userId) ?? 0) : 0;
    if (cookieUntil > now || actorUntil > now) {
      req.recentWriter = true;
      return done();
    }
    const route = readRouting.current();
    if (route) route.replica = true;
    done();
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!WRITES.has(req.method) || reply.statusCode >= 400 || !req.url.startsWith('/api/') || windowMs === 0)
      return payload;
    const until = Date.now() + windowMs;
    void reply.header(
      'set-cookie',
      appendCookie(
        reply.getHeader('set-cookie'),
        `${RECENT_WRITE_COOKIE}=${until}; Max-Age=${windowSeconds}; Path=/; HttpOnly; SameSite=Lax`,
      ),
    );
    if (req.actor) {
      if (recentWriters.size >= MAX_TRACKED_WRITERS) pruneExpired(recentWriters);
      recentWriters.set(req.actor.userId, until);
    }
    return payload;
  });
}

function appendCookie(existing: unknown, cookie: string): string[] {
  if (Array.isArray(existing)) return [...existing.map(String), cookie];
  if (typeof existing === 'string') return [existing, cookie];
  return [cookie];
}

function pruneExpired(writers: Map<number, number>): void {
  const now = Date.now();
  for (const [id, until] of writers) if (until <= now) writers.delete(id);
}
