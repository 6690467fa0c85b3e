import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentApiToken, presentUser } from '@vigil/core';
import {
  ZApiTokenList,
  ZCreateTokenRequest,
  ZCreatedApiToken,
  ZIdParams,
  ZLoginRequest,
  ZLoginResponse,
  ZMe,
  ZNoContent,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../http/auth-hook.ts';

export function authRoutes(app: FastifyInstance, s: Services, opts: { cookieSecure: 'true' | 'false' | 'auto' }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  r.post(
    '/api/v1/auth/login',
    { config: { public: true }, schema: { tags, body: ZLoginRequest, response: { 200: ZLoginResponse } } },
    async (req, reply) => {
      const session = await s.auth.login(req.body.username, req.body.password, req.ip, req.headers['user-agent']);
      const secure = opts.cookieSecure === 'auto' ? req.protocol === 'https' : opts.cookieSecure === 'true';
      const common = { path: '/', sameSite: 'lax' as const, secure, expires: session.expiresAt };
      reply.setCookie(SESSION_COOKIE, session.sessionToken, { ...common, httpOnly: true });
      // Readable by the web app, which echoes it in X-CSRF-Token on writes.
      reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
      return {
        user: presentUser(session.user),
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
      };
    },
  );
  r.post(
    '/api/v1/auth/logout',
    { config: { public: true }, schema: { tags, response: { 204: ZNoContent } } },
    async (req, reply) => {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie && req.actor) await s.auth.logout(cookie);
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );
  r.get('/api/v1/auth/me', { schema: { tags, response: { 200: ZMe } } }, async (req) => {
    const c = ctx(req);
    return { ...presentUser(await s.users.get(c, c.actor.userId)), via: c.actor.via };
  });
  r.get('/api/v1/auth/tokens', { schema: { tags, response: { 200: ZApiTokenList } } }, async (req) => {
    const c = ctx(req);
    return { items: (await s.apiTokens.list(c, c.actor.userId)).map(presentApiToken) };
  });
  r.post(
    '/api/v1/auth/tokens',
    { schema: { tags, body: ZCreateTokenRequest, response: { 201: ZCreatedApiToken } } },
    async (req, reply) => {
      const c = ctx(req);
      const { token, key } = await s.apiTokens.create(c, c.actor.userId, req.body.name, req.body.expiresInDays);
      return reply.status(201).send({ ...presentApiToken(token), key });
    },
  );
  r.delete(
    '/api/v1/auth/tokens/:id',
    { schema: { tags, params: ZIdParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.apiTokens.revoke(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
