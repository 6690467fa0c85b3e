import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TeamRow } from '@vigil/db';
import type { Services } from '../../runtime/services.ts';
import { ctx } from '../../http/request-context.ts';
import { ZIdParams } from '../common.schemas.ts';
import { zIdParam, zIdValue } from '../id.schemas.ts';

export const ZCreateTeamRequest = z.object({
  name: z.string().trim().min(1).max(150),
  description: z.string().max(5000).optional(),
});
export const ZUpdateTeamRequest = ZCreateTeamRequest.partial();
export const ZSetTeamMemberRequest = z.object({ userId: zIdValue(), role: z.enum(['member', 'maintainer', 'owner']) });
const ZTeamMemberParams = z.object({ id: zIdParam(), userId: zIdParam() });

const presentTeam = (t: TeamRow) => ({
  id: t.id,
  name: t.name,
  description: t.description,
  createdAt: t.created_at.toISOString(),
});

export function teamRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['teams'];
  r.get('/api/v1/teams', { schema: { tags } }, async (req) => ({
    items: (await s.teams.list(ctx(req))).map(presentTeam),
  }));
  r.post('/api/v1/teams', { schema: { tags, body: ZCreateTeamRequest } }, async (req, reply) =>
    reply.status(201).send(presentTeam(await s.teams.create(ctx(req), req.body.name, req.body.description))),
  );
  r.get('/api/v1/teams/:id', { schema: { tags, params: ZIdParams } }, async (req) => {
    const { team, role } = await s.teams.get(ctx(req), req.params.id);
    return { ...presentTeam(team), role };
  });
  r.patch('/api/v1/teams/:id', { schema: { tags, params: ZIdParams, body: ZUpdateTeamRequest } }, async (req) =>
    presentTeam(await s.teams.update(ctx(req), req.params.id, req.body)),
  );
  r.delete('/api/v1/teams/:id', { schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await s.teams.delete(ctx(req), req.params.id);
    return reply.status(204).send();
  });
  r.get('/api/v1/teams/:id/members', { schema: { tags, params: ZIdParams } }, async (req) => ({
    items: (await s.teams.members(ctx(req), req.params.id)).map((m) => ({
      userId: m.user_id,
      username: m.username,
      role: m.role,
    })),
  }));
  r.put(
    '/api/v1/teams/:id/members',
    { schema: { tags, params: ZIdParams, body: ZSetTeamMemberRequest } },
    async (req, reply) => {
      await s.teams.setMember(ctx(req), req.params.id, req.body.userId, req.body.role);
      return reply.status(204).send();
    },
  );
  r.delete('/api/v1/teams/:id/members/:userId', { schema: { tags, params: ZTeamMemberParams } }, async (req, reply) => {
    await s.teams.removeMember(ctx(req), req.params.id, req.params.userId);
    return reply.status(204).send();
  });
}
