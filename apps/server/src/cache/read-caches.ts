import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '@vigil/db';
import type { Actor } from '@vigil/core';
import type { Logger } from 'pino';
import { ReadCache } from './read-cache.ts';
import { listenChannel } from '../runtime/pg-listen.ts';
import type { CachedBody } from './cached-json.ts';

/** The channel migration 0014's triggers notify, with the topic as payload. */
export const CHANGES_CHANNEL = 'vigil_changes';

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
}

/** The process's read caches: whole JSON responses, and who an API token or session cookie is. */
export interface ReadCaches {
  responses: ReadCache<CachedBody>;
  auth: ReadCache<Actor | ResolvedSession | undefined>;
}

export interface ReadCacheSettings {
  /** How long an entry may live at most (ms); 0 turns the caches off. */
  ttlMs: number;
  /** Most bytes of cached responses (their JSON, plus a tenth for the gzip kept beside it). */
  maxBytes: number;
}

/** Most API tokens and sessions remembered at once. */
const MAX_AUTH_ENTRIES = 10_000;

export function createReadCaches(settings: ReadCacheSettings): ReadCaches | undefined {
  if (settings.ttlMs <= 0) return undefined;
  return {
    responses: new ReadCache<CachedBody>({
      ttlMs: settings.ttlMs,
      maxSize: settings.maxBytes,
      sizeOf: (v) => Math.ceil((v as CachedBody).json.length * 1.1),
    }),
    auth: new ReadCache({ ttlMs: settings.ttlMs, maxSize: MAX_AUTH_ENTRIES, sizeOf: () => 1 }),
  };
}

function each(caches: ReadCaches, f: (c: ReadCache<unknown>) => void): void {
  f(caches.responses as ReadCache<unknown>);
  f(caches.auth as ReadCache<unknown>);
}

/**
 * Keeps the caches in step with the database: LISTEN vigil_changes. Until the LISTEN is in place,
 * and whenever its connection is lost, the caches are off (every read is computed).
 */
export function listenForChanges(
  handle: DatabaseHandle,
  databaseUrl: string | undefined,
  caches: ReadCaches,
  logger: Logger | false,
): Promise<() => Promise<void>> {
  return listenChannel(
    handle,
    databaseUrl,
    CHANGES_CHANNEL,
    {
      onNotify: (topic) => each(caches, (c) => c.invalidate(topic)),
      onUp: () => each(caches, (c) => c.setLive(true)),
      onDown: () => each(caches, (c) => c.setLive(false)),
    },
    logger,
  );
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Read-your-writes in this process: when a write request (POST, PUT, PATCH, DELETE) has been
 * answered with success, its transaction has committed, and everything cached here is dropped
 * without waiting for the notification. Reads that ran meanwhile are not kept either (their stamp
 * predates the drop). Reads during the write need no bypass: until it commits the data they see
 * is what is cached. A refused write (4xx, 5xx) changed nothing, so it drops nothing: a stream of
 * bad requests cannot empty the caches.
 */
export function registerWriteTracking(app: FastifyInstance, caches: ReadCaches): void {
  app.addHook('onRequest', (req, reply, done) => {
    if (!READS.has(req.method)) {
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        if (reply.raw.statusCode < 400) each(caches, (c) => c.invalidateAll());
      };
      reply.raw.once('close', end);
      reply.raw.once('finish', end);
    }
    done();
  });
}
