import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentUser } from '@vigil/core';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { SESSION_COOKIE } from '../../http/auth-hook.ts';
import {
  ZCreateUserRequest,
  ZIdParams,
  ZListUsersQuery,
  ZNoContent,
  ZPromoteUserRequest,
  ZUpdateUserRequest,
  ZUser,
  ZUserChange,
  ZUserPage,
  type UserChange,
  type VerificationLinkOutcome,
} from '@vigil/contract';
import { pageOf } from '../common.schemas.ts';

/** A created or changed user, with what became of the verification link of a new address. */
function presentUserChange(
  req: FastifyRequest,
  u: Parameters<typeof presentUser>[0] & { emailVerification?: VerificationLinkOutcome },
): UserChange {
  const outcome = u.emailVerification;
  if (outcome && !outcome.sent)
    req.log.warn({ userId: u.id, reason: outcome.reason }, 'email verification link not sent');
  return outcome ? { ...presentUser(u), emailVerification: outcome } : presentUser(u);
}

export function userRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  r.get(
    '/api/v1/users',
    { schema: { tags, querystring: ZListUsersQuery, response: { 200: ZUserPage } } },
    async (req) => pageOf(await s.users.list(ctx(req), req.query), presentUser),
  );
  r.post(
    '/api/v1/users',
    { schema: { tags, body: ZCreateUserRequest, response: { 201: ZUserChange } } },
    async (req, reply) => reply.status(201).send(presentUserChange(req, await s.users.create(ctx(req), req.body))),
  );
  r.get('/api/v1/users/:id', { schema: { tags, params: ZIdParams, response: { 200: ZUser } } }, async (req) =>
    presentUser(await s.users.get(ctx(req), req.params.id)),
  );
  r.patch(
    '/api/v1/users/:id',
    { schema: { tags, params: ZIdParams, body: ZUpdateUserRequest, response: { 200: ZUserChange } } },
    async (req) =>
      // The session making the request survives a change of its own user's password; the others end.
      presentUserChange(
        req,
        await s.users.update(ctx(req), req.params.id, req.body, { currentSessionToken: req.cookies?.[SESSION_COOKIE] }),
      ),
  );
  // A feed-only account (MiniTwit simulator) becomes a workspace account with a new password (admins only).
  r.post(
    '/api/v1/users/:id/promote',
    { schema: { tags, params: ZIdParams, body: ZPromoteUserRequest, response: { 200: ZUser } } },
    async (req) => presentUser(await s.users.promote(ctx(req), req.params.id, req.body.password)),
  );
  r.delete(
    '/api/v1/users/:id',
    { schema: { tags, params: ZIdParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.users.delete(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
