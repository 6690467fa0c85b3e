import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, IDEMPOTENT_RESPONSE_MAX_BYTES, type FinishedResponse, type IdempotencyService } from '@vigil/core';
import { idempotencyScope, type IdempotencyScope } from '@vigil/db';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;
/** Response headers kept with a stored response and sent again on a replay. */
const KEPT_HEADERS = ['content-type', 'location', 'content-disposition'];

interface KeyedRequest extends IdempotencyScope {
  bodyDigest: string;
  replayed: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Present on an API write that sent a valid Idempotency-Key (docs/api.md "Safe retries"). */
    idempotency: KeyedRequest | null;
  }
}

/**
 * Idempotency-Key on every API write (/api/v1, /api/v2; not the MiniTwit simulator API, which
 * keeps its own protocol). The request runs in an idempotency scope: the unit of work claims the
 * key in the first transaction that writes, and the response is kept on the key before it is sent.
 * A repeat gets the kept response (Idempotent-Replayed: true) or a 409/422 saying why not.
 */
export function registerIdempotency(app: FastifyInstance, service: IdempotencyService, minitwitPrefix: string): void {
  app.decorateRequest('idempotency', null);
  const covered = (url: string) =>
    url.startsWith('/api/') && !url.startsWith(`${minitwitPrefix}/`) && url.split('?')[0] !== minitwitPrefix;

  app.addHook('onRequest', (req, _reply, done) => {
    const header = req.headers[IDEMPOTENCY_KEY_HEADER];
    if (header === undefined || !WRITES.has(req.method) || !covered(req.url)) return done();
    if (typeof header !== 'string' || !VALID_KEY.test(header)) {
      return done(
        new AppError(
          'IDEMPOTENCY_KEY_INVALID',
          'The Idempotency-Key header must be 1 to 255 printable ASCII characters, sent once',
        ),
      );
    }
    const scope: KeyedRequest = {
      userId: null,
      key: header,
      fingerprint: '',
      claimed: false,
      bodyDigest: '',
      replayed: false,
    };
    req.idempotency = scope;
    idempotencyScope.run(scope, done);
  });

  // The body as parsed, before the route's schema reshapes it (multipart uploads are read later, by the route).
  app.addHook('preValidation', (req, _reply, done) => {
    if (req.idempotency) req.idempotency.bodyDigest = digestOfBody(req.body);
    done();
  });

  // After the auth hook (registered before this one): the key belongs to the caller.
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const scope = req.idempotency;
    if (!scope || !req.actor) return;
    scope.fingerprint = createHash('sha256').update(`${req.method}\n${req.url}\n${scope.bodyDigest}`).digest('hex');
    const previous = await service.previous(req.actor.userId, scope.key, scope.fingerprint);
    if (previous) {
      scope.replayed = true;
      for (const [name, value] of Object.entries(previous.headers)) void reply.header(name, value);
      return reply.header(REPLAYED_HEADER, 'true').code(previous.status).send(previous.body);
    }
    scope.userId = req.actor.userId;
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const scope = req.idempotency;
    if (!scope || scope.userId === null || scope.replayed) return payload;
    try {
      await service.finish(scope, keepable(reply, payload));
    } catch (err) {
      // The answer still goes out; a repeat then reads "in use" for a minute, then "completed".
      req.log.warn({ err, reqId: req.id }, 'could not store the response of an idempotent request');
    }
    return payload;
  });
}

function digestOfBody(body: unknown): string {
  if (body === undefined || body === null) return '';
  const bytes = Buffer.isBuffer(body) ? body : typeof body === 'string' ? body : JSON.stringify(body);
  return createHash('sha256').update(bytes).digest('hex');
}

/** The response as it can be replayed, or null (a server error, a stream, binary or too large). */
function keepable(reply: FastifyReply, payload: unknown): FinishedResponse {
  if (reply.statusCode >= 500) return null;
  const contentType = String(reply.getHeader('content-type') ?? '');
  let body: string;
  if (payload === undefined || payload === null) body = '';
  else if (typeof payload === 'string') body = payload;
  else if (Buffer.isBuffer(payload) && /json|text/.test(contentType)) body = payload.toString('utf8');
  else return null;
  if (Buffer.byteLength(body) > IDEMPOTENT_RESPONSE_MAX_BYTES) return null;
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return { status: reply.statusCode, headers, body };
}
