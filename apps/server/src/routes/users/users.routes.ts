import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentUser, type VerificationLinkOutcome } from '@vigil/core';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { SESSION_COOKIE } from '../../http/auth-hook.ts';
import { ZIdParams, ZPageQuery, pageOf, zQueryBool } from '../common.schemas.ts';

export const ZCreateUserRequest = z.object({
  username: z.string().regex(/^[A-Za-z0-9_.@+-]{1,150}$/, 'letters, digits and _.@+- only, at most 150'),
  email: z.union([z.email(), z.literal('')]).optional(),
  firstName: z.string().max(150).optional(),
  lastName: z.string().max(150).optional(),
  password: z.string().max(256).optional(),
  isAdmin: z.boolean().optional(),
  isActive: z.boolean().optional(),
  emailVerified: z
    .boolean()
    .optional()
    .describe('administrators only: vouch for (true) or withdraw (false) the verification of the address'),
});
export const ZUpdateUserRequest = ZCreateUserRequest.partial().extend({
  currentPassword: z.string().max(1024).optional().describe('required when changing your own password'),
});
export const ZPromoteUserRequest = z.object({ password: z.string().max(256) });
export const ZListUsersQuery = ZPageQuery.extend({ search: z.string().max(150).optional(), isActive: zQueryBool() });

/** A created or changed user, with what became of the verification link of a new address. */
function presentUserChange(
  req: FastifyRequest,
  u: Parameters<typeof presentUser>[0] & { emailVerification?: VerificationLinkOutcome },
) {
  const outcome = u.emailVerification;
  if (outcome && !outcome.sent)
    req.log.warn({ userId: u.id, reason: outcome.reason }, 'email verification link not sent');
  return outcome ? { ...presentUser(u), emailVerification: outcome } : presentUser(u);
}

export function userRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  r.get('/api/v1/users', { schema: { tags, querystring: ZListUsersQuery } }, async (req) =>
    pageOf(await s.users.list(ctx(req), req.query), presentUser),
  );
  r.post('/api/v1/users', { schema: { tags, body: ZCreateUserRequest } }, async (req, reply) =>
    reply.status(201).send(presentUserChange(req, await s.users.create(ctx(req), req.body))),
  );
  r.get('/api/v1/users/:id', { schema: { tags, params: ZIdParams } }, async (req) =>
    presentUser(await s.users.get(ctx(req), req.params.id)),
  );
  r.patch('/api/v1/users/:id', { schema: { tags, params: ZIdParams, body: ZUpdateUserRequest } }, async (req) =>
    // The session making the request survives a change of its own user's password; the others end.
    presentUserChange(
      req,
      await s.users.update(ctx(req), req.params.id, req.body, { currentSessionToken: req.cookies?.[SESSION_COOKIE] }),
    ),
  );
  // A feed-only account (MiniTwit simulator) becomes a workspace account with a new password (admins only).
  r.post('/api/v1/users/:id/promote', { schema: { tags, params: ZIdParams, body: ZPromoteUserRequest } }, async (req) =>
    presentUser(await s.users.promote(ctx(req), req.params.id, req.body.password)),
  );
  r.delete('/api/v1/users/:id', { schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await s.users.delete(ctx(req), req.params.id);
    return reply.status(204).send();
  });
}
