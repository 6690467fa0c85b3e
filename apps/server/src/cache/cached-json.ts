import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReadCache } from './read-cache.ts';
import type { ChangeTopic } from '@vigil/db';

const gzip = promisify(gzipCallback);

/** A response body as the cache keeps it: the JSON bytes, and their gzip once a client asked for it. */
export interface CachedBody {
  json: Buffer;
  gzip?: Buffer;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Whole JSON responses (read-caches.ts); null when the caches are off. */
    responseCache: ReadCache<CachedBody> | null;
  }
}

/** Bodies smaller than this are sent as they are: gzip would save little. */
const GZIP_MIN_BYTES = 1024;

/**
 * Answers with the JSON of `compute()`, from the response cache when nothing it depends on has
 * changed. Entries are per caller (what a user may read differs) and per `key` (the request's URL
 * unless a route knows a narrower one). Errors are never cached. A caller who wrote within the
 * read-your-writes window (read-routing.ts keeps their reads on the primary) bypasses the cache,
 * so a write answered by another server is never hidden by this server's older entry.
 *
 * Bodies of 1 kB or more are gzipped for clients that accept it (browsers, curl --compressed,
 * most HTTP libraries); a cached body is compressed once, not per request.
 */
export async function sendCachedJson(
  req: FastifyRequest,
  reply: FastifyReply,
  topics: readonly ChangeTopic[],
  compute: () => Promise<unknown>,
  key: string = req.url,
): Promise<FastifyReply> {
  const cache = req.recentWriter ? null : req.server.responseCache;
  const render = async (): Promise<CachedBody> => ({ json: Buffer.from(JSON.stringify(await compute())) });
  const body = cache ? await cache.get(`${req.actor?.userId ?? 0} ${key}`, topics, render) : await render();
  void reply.type('application/json; charset=utf-8');
  if (body.json.length < GZIP_MIN_BYTES) return reply.send(body.json);
  void reply.header('vary', 'accept-encoding');
  if (!acceptsGzip(req.headers['accept-encoding'])) return reply.send(body.json);
  body.gzip ??= await gzip(body.json);
  return reply.header('content-encoding', 'gzip').send(body.gzip);
}

/** Whether an Accept-Encoding header allows gzip (listed, and not with q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const weights = new Map<string, number>();
  for (const part of value.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    weights.set(coding.trim(), q ? Number(q.slice(2)) : 1);
  }
  const q = weights.get('gzip') ?? weights.get('*') ?? 0;
  return q > 0;
}
