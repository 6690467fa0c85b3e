import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentTeamInvitation } from '@vigil/core';
import {
  ZIdParams,
  ZInviteRequest,
  ZMyInvitationsQuery,
  ZNoContent,
  ZTeamInvitation,
  ZTeamInvitationList,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';

/** Invitations: team-side (list, invite) and invitee-side (mine, accept, decline); revoke by maintainers. */
export function teamInvitationRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['teams'];
  const one = { 200: ZTeamInvitation };
  r.get(
    '/api/v1/teams/:id/invitations',
    { schema: { tags, params: ZIdParams, response: { 200: ZTeamInvitationList } } },
    async (req) => ({
      items: (await s.teamInvitations.listForTeam(ctx(req), req.params.id)).map((i) => presentTeamInvitation(i)),
    }),
  );
  r.post(
    '/api/v1/teams/:id/invitations',
    { schema: { tags, params: ZIdParams, body: ZInviteRequest, response: { 201: ZTeamInvitation } } },
    async (req, reply) =>
      reply.status(201).send(presentTeamInvitation(await s.teamInvitations.invite(ctx(req), req.params.id, req.body))),
  );
  r.post(
    '/api/v1/teams/:id/leave',
    { schema: { tags, params: ZIdParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.teams.removeMember(ctx(req), req.params.id, ctx(req).actor.userId);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/v1/team-invitations',
    { schema: { tags, querystring: ZMyInvitationsQuery, response: { 200: ZTeamInvitationList } } },
    async (req) => ({
      items: (await s.teamInvitations.mine(ctx(req), req.query.all ?? false)).map((i) => presentTeamInvitation(i)),
    }),
  );
  r.post('/api/v1/team-invitations/:id/accept', { schema: { tags, params: ZIdParams, response: one } }, async (req) =>
    presentTeamInvitation(await s.teamInvitations.accept(ctx(req), req.params.id)),
  );
  r.post('/api/v1/team-invitations/:id/decline', { schema: { tags, params: ZIdParams, response: one } }, async (req) =>
    presentTeamInvitation(await s.teamInvitations.decline(ctx(req), req.params.id)),
  );
  r.post('/api/v1/team-invitations/:id/revoke', { schema: { tags, params: ZIdParams, response: one } }, async (req) =>
    presentTeamInvitation(await s.teamInvitations.revoke(ctx(req), req.params.id)),
  );
}
