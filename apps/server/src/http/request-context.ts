import type { FastifyRequest } from 'fastify';
import { AppError, type Actor, type RequestContext } from '@vigil/core';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** The route needs no signed-in user. */
    public?: boolean;
    /** The path carries a secret (e.g. a webhook URL): the log shows the route pattern instead. */
    secretPath?: boolean;
    /** The route reads the Authorization header itself (the /metrics scrape credential): no actor is resolved. */
    ownAuthorization?: boolean;
    /**
     * The route takes multipart uploads: an authenticated caller gets the upload timeout for its body (connections.ts).
     */
    upload?: boolean;
  }
}

/** The use-case context of an authenticated request (the auth hook guarantees the actor). */
export function ctx(req: FastifyRequest): RequestContext {
  if (!req.actor) throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token (Authorization: Token <key>)');
  return { actor: req.actor, requestId: req.id };
}
