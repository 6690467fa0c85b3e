import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type AuthService } from '@vigil/core';

export const SESSION_COOKIE = 'vigil_session';
export const CSRF_COOKIE = 'vigil_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves who is asking: an API token (`Authorization: Token|Bearer <key>`) or the session cookie.
 * Cookie-authenticated writes must echo the session's CSRF token in `X-CSRF-Token`.
 * Every /api route needs an actor unless its config says `public: true`.
 */
export function registerAuthHook(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('actor', null);
  app.addHook('preHandler', async (req: FastifyRequest, _reply: FastifyReply) => {
    const header = req.headers.authorization;
    if (header && /^(token|bearer)\s/i.test(header)) {
      const key = header.replace(/^(token|bearer)\s+/i, '').trim();
      req.actor = (await auth.fromApiToken(key)) ?? null;
      if (!req.actor) throw new AppError('UNAUTHENTICATED', 'The API token is invalid, expired or revoked');
    } else {
      const cookie = req.cookies?.[SESSION_COOKIE];
      if (cookie) {
        const found = await auth.fromSession(cookie);
        if (found) {
          if (UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== found.csrfToken) {
            throw new AppError('CSRF_FAILED', 'Missing or wrong X-CSRF-Token header for a cookie-authenticated write');
          }
          req.actor = found.actor;
        }
      }
    }
    const isPublic = req.routeOptions.config?.public === true;
    if (!req.actor && !isPublic && req.url.startsWith('/api/')) {
      throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token (Authorization: Token <key>)');
    }
  });
}
