import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentTeam, presentTeamMember } from '@vigil/core';
import {
  ZCreateTeamRequest,
  ZIdParams,
  ZNoContent,
  ZSetTeamMemberRequest,
  ZTeam,
  ZTeamDetail,
  ZTeamList,
  ZTeamMemberList,
  ZTeamMemberParams,
  ZUpdateTeamRequest,
} from '@vigil/contract';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';

export function teamRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['teams'];
  r.get('/api/v1/teams', { schema: { tags, response: { 200: ZTeamList } } }, async (req) => ({
    items: (await s.teams.list(ctx(req))).map(presentTeam),
  }));
  r.post(
    '/api/v1/teams',
    { schema: { tags, body: ZCreateTeamRequest, response: { 201: ZTeam } } },
    async (req, reply) =>
      reply.status(201).send(presentTeam(await s.teams.create(ctx(req), req.body.name, req.body.description))),
  );
  r.get('/api/v1/teams/:id', { schema: { tags, params: ZIdParams, response: { 200: ZTeamDetail } } }, async (req) => {
    const { team, role } = await s.teams.get(ctx(req), req.params.id);
    return { ...presentTeam(team), role };
  });
  r.patch(
    '/api/v1/teams/:id',
    { schema: { tags, params: ZIdParams, body: ZUpdateTeamRequest, response: { 200: ZTeam } } },
    async (req) => presentTeam(await s.teams.update(ctx(req), req.params.id, req.body)),
  );
  r.delete(
    '/api/v1/teams/:id',
    { schema: { tags, params: ZIdParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.teams.delete(ctx(req), req.params.id);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/v1/teams/:id/members',
    { schema: { tags, params: ZIdParams, response: { 200: ZTeamMemberList } } },
    async (req) => ({ items: (await s.teams.members(ctx(req), req.params.id)).map(presentTeamMember) }),
  );
  r.put(
    '/api/v1/teams/:id/members',
    { schema: { tags, params: ZIdParams, body: ZSetTeamMemberRequest, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.teams.setMember(ctx(req), req.params.id, req.body.userId, req.body.role);
      return reply.status(204).send();
    },
  );
  r.delete(
    '/api/v1/teams/:id/members/:userId',
    { schema: { tags, params: ZTeamMemberParams, response: { 204: ZNoContent } } },
    async (req, reply) => {
      await s.teams.removeMember(ctx(req), req.params.id, req.params.userId);
      return reply.status(204).send();
    },
  );
}
