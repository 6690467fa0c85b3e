import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { AppError, type Actor, type AuthService } from '@vigil/core';
import type { ReadCaches, ResolvedSession } from '../cache/read-caches.ts';

export const SESSION_COOKIE = 'vigil_session';
export const CSRF_COOKIE = 'vigil_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves who is asking: an API token (`Authorization: Token|Bearer <key>`) or the session cookie.
 * Cookie-authenticated writes must echo the session's CSRF token in `X-CSRF-Token`.
 * Every /api route needs an actor unless its config says `public: true`.
 */
export function registerAuthHook(app: FastifyInstance, auth: AuthService, caches?: ReadCaches): void {
  // With the read caches on, a token or session is looked up once per cache lifetime; any change
  // to users, tokens or sessions drops them (read-caches.ts). Keys are digests, not secrets.
  const fromApiToken = (key: string) =>
    caches
      ? (caches.auth.get(`t ${digestOf(key)}`, ['auth'], () => auth.fromApiToken(key)) as Promise<Actor | undefined>)
      : auth.fromApiToken(key);
  const fromSession = (cookie: string) =>
    caches
      ? (caches.auth.get(`s ${digestOf(cookie)}`, ['auth'], () => auth.fromSession(cookie)) as Promise<
          ResolvedSession | undefined
        >)
      : auth.fromSession(cookie);
  app.decorateRequest('actor', null);
  app.addHook('preHandler', async (req: FastifyRequest, _reply: FastifyReply) => {
    if (req.routeOptions.config?.ownAuthorization === true) return;
    const header = req.headers.authorization;
    if (header && /^(token|bearer)\s/i.test(header)) {
      const key = header.replace(/^(token|bearer)\s+/i, '').trim();
      req.actor = (await fromApiToken(key)) ?? null;
      if (!req.actor) throw new AppError('UNAUTHENTICATED', 'The API token is invalid, expired or revoked');
    } else {
      const cookie = req.cookies?.[SESSION_COOKIE];
      if (cookie) {
        const found = await fromSession(cookie);
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

function digestOf(secret: string): string {
  return createHash('sha256').update(secret).digest('base64');
}
