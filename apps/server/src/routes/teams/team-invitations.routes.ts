import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentTeamInvitation, INVITATION_MAX_DAYS } from '@vigil/core';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { ZIdParams, zQueryBool } from '../common.schemas.ts';

export const ZInviteRequest = z.object({
  invitee: z.string().trim().min(1).max(254).describe('username, or email address'),
  role: z.enum(['member', 'maintainer', 'owner']).default('member'),
  expiresInDays: z.number().int().min(1).max(INVITATION_MAX_DAYS).optional(),
});
const ZMyInvitationsQuery = z.object({ all: zQueryBool() });

/** Invitations: team-side (list, invite) and invitee-side (mine, accept, decline); revoke by maintainers. */
export function teamInvitationRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['teams'];
  r.get('/api/v1/teams/:id/invitations', { schema: { tags, params: ZIdParams } }, async (req) => ({
    items: (await s.teamInvitations.listForTeam(ctx(req), req.params.id)).map((i) => presentTeamInvitation(i)),
  }));
  r.post(
    '/api/v1/teams/:id/invitations',
    { schema: { tags, params: ZIdParams, body: ZInviteRequest } },
    async (req, reply) =>
      reply.status(201).send(presentTeamInvitation(await s.teamInvitations.invite(ctx(req), req.params.id, req.body))),
  );
  r.post('/api/v1/teams/:id/leave', { schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await s.teams.removeMember(ctx(req), req.params.id, ctx(req).actor.userId);
    return reply.status(204).send();
  });
  r.get('/api/v1/team-invitations', { schema: { tags, querystring: ZMyInvitationsQuery } }, async (req) => ({
    items: (await s.teamInvitations.mine(ctx(req), req.query.all ?? false)).map((i) => presentTeamInvitation(i)),
  }));
  r.post('/api/v1/team-invitations/:id/accept', { schema: { tags, params: ZIdParams } }, async (req) =>
    presentTeamInvitation(await s.teamInvitations.accept(ctx(req), req.params.id)),
  );
  r.post('/api/v1/team-invitations/:id/decline', { schema: { tags, params: ZIdParams } }, async (req) =>
    presentTeamInvitation(await s.teamInvitations.decline(ctx(req), req.params.id)),
  );
  r.post('/api/v1/team-invitations/:id/revoke', { schema: { tags, params: ZIdParams } }, async (req) =>
    presentTeamInvitation(await s.teamInvitations.revoke(ctx(req), req.params.id)),
  );
}
