import type { TeamRole, TeamRow, UnitOfWork } from '@vigil/db';
import { AppError, notFound } from '../errors/app-error.ts';
import { audit } from '../audit/audit-trail.ts';
import { requireWorkspaceAccount } from '../user/feed-only.ts';
import { isUniqueViolation } from '../pagination/page.ts';
import type { RequestContext } from '../context/request-context.ts';
import { publish, topic } from '../events/domain-events.ts';
import { TeamPolicy, type TeamAction } from './team.policy.ts';

/** Teams: any user may create one (and owns it); owners and maintainers manage members. */
export class TeamService {
  private readonly policy: TeamPolicy;
  constructor(private readonly uow: UnitOfWork) {
    this.policy = new TeamPolicy(uow.repos);
  }

  list(ctx: RequestContext): Promise<TeamRow[]> {
    return this.uow.repos.teams.list(this.policy.listedFor(ctx.actor));
  }

  async get(ctx: RequestContext, id: number): Promise<{ team: TeamRow; role: TeamRole | null }> {
    const team = await this.uow.repos.teams.findById(id);
    const role = await this.policy.authorize(ctx.actor, 'read', team, id);
    return { team: team!, role };
  }

  members(ctx: RequestContext, id: number) {
    return this.get(ctx, id).then(() => this.uow.repos.teams.members(id));
  }

  async create(ctx: RequestContext, name: string, description = ''): Promise<TeamRow> {
    return this.uow.transaction(async (repos) => {
      try {
        const team = await repos.teams.insert(name, description);
        if (ctx.actor.userId) {
          await repos.teams.setMember(team.id, ctx.actor.userId, 'owner');
          await publish(repos, {
            type: 'team.member_added',
            topics: [topic.team(team.id), topic.user(ctx.actor.userId)],
            actorId: ctx.actor.userId,
            payload: { teamId: team.id, userId: ctx.actor.userId, username: ctx.actor.username, role: 'owner' },
          });
        }
        await audit(repos, ctx, 'create', 'team', team.id, undefined, team);
        return team;
      } catch (err) {
        if (isUniqueViolation(err))
          throw new AppError('CONFLICT', `A team named "${name}" already exists`, [
            { path: 'name', message: 'already exists' },
          ]);
        throw err;
      }
    });
  }

  async update(ctx: RequestContext, id: number, patch: { name?: string; description?: string }): Promise<TeamRow> {
    const { team } = await this.authorize(ctx, id, 'manage');
    return this.uow.transaction(async (repos) => {
      try {
        const row = await repos.teams.update(id, patch);
        if (!row) throw notFound('Team', id);
        await audit(repos, ctx, 'update', 'team', id, team, row);
        return row;
      } catch (err) {
        if (isUniqueViolation(err))
          throw new AppError('CONFLICT', `A team named "${patch.name}" already exists`, [
            { path: 'name', message: 'already exists' },
          ]);
        throw err;
      }
    });
  }

  async delete(ctx: RequestContext, id: number): Promise<void> {
    const { team } = await this.authorize(ctx, id, 'delete');
    const members = await this.uow.repos.teams.members(id);
    await this.uow.transaction(async (repos) => {
      await repos.teams.delete(id);
      await publish(
        repos,
        members.map((m) => ({
          type: 'team.member_removed',
          topics: [topic.user(m.user_id)],
          actorId: ctx.actor.userId,
          payload: { teamId: id, userId: m.user_id, role: m.role },
        })),
      );
      await audit(repos, ctx, 'delete', 'team', id, team);
    });
  }

  async setMember(ctx: RequestContext, id: number, userId: number, role: TeamRole): Promise<void> {
    await this.authorize(ctx, id, role === 'owner' ? 'manage_owners' : 'manage');
    const user = await this.uow.repos.users.findById(userId);
    if (!user)
      throw new AppError('VALIDATION_FAILED', `User ${userId} does not exist`, [
        { path: 'userId', message: 'does not exist' },
      ]);
    requireWorkspaceAccount(user);
    await this.uow.transaction(async (repos) => {
      const before = await repos.teams.roleOf(id, userId);
      if (before === 'owner' && role !== 'owner' && (await repos.teams.countOwners(id)) <= 1) {
        throw new AppError('CONFLICT', 'A team needs at least one owner');
      }
      await repos.teams.setMember(id, userId, role);
      await publish(repos, {
        type: before ? 'team.member_role_changed' : 'team.member_added',
        topics: [topic.team(id), topic.user(userId)],
        actorId: ctx.actor.userId,
        payload: { teamId: id, userId, username: user.username, role, previousRole: before ?? null },
      });
      await audit(
        repos,
        ctx,
        before ? 'update' : 'create',
        'team_member',
        `${id}:${userId}`,
        before ? { role: before } : undefined,
        { role },
      );
    });
  }

  async removeMember(ctx: RequestContext, id: number, userId: number): Promise<void> {
    if (userId !== ctx.actor.userId) await this.authorize(ctx, id, 'manage');
    else await this.get(ctx, id);
    await this.uow.transaction(async (repos) => {
      const before = await repos.teams.roleOf(id, userId);
      if (!before) throw notFound('Team member', userId, `User ${userId} is not a member of team ${id}`);
      if (before === 'owner' && userId !== ctx.actor.userId) await this.authorize(ctx, id, 'manage_owners');
      if (before === 'owner' && (await repos.teams.countOwners(id)) <= 1)
        throw new AppError('CONFLICT', 'A team needs at least one owner');
      await repos.teams.removeMember(id, userId);
      await publish(repos, {
        type: 'team.member_removed',
        topics: [topic.team(id), topic.user(userId)],
        actorId: ctx.actor.userId,
        payload: { teamId: id, userId, role: before },
      });
      await audit(repos, ctx, 'delete', 'team_member', `${id}:${userId}`, { role: before });
    });
  }

  /** The team and the caller's role, or FORBIDDEN below `required` (TEAM_NOT_FOUND for non-members). */
  /** The team and the caller's role in it, when the team policy allows the action (TEAM_NOT_FOUND, FORBIDDEN). */
  async authorize(ctx: RequestContext, id: number, action: TeamAction) {
    const team = await this.uow.repos.teams.findById(id);
    const role = await this.policy.authorize(ctx.actor, action, team, id);
    return { team: team!, role };
  }
}
