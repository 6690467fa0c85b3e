import type { Repositories, TeamInvitationView, UnitOfWork, UserRow } from '@vigil/db';
import { AppError, notFound } from '../errors/app-error.ts';
import { audit } from '../audit/audit-trail.ts';
import { publish, topic } from '../events/domain-events.ts';
import type { RequestContext } from '../context/request-context.ts';
import type { InviteInput } from '@vigil/contract';
import { INVITATION_MAX_DAYS } from '@vigil/contract/values';
import type { TeamService } from './team.service.ts';

/** Limits, documented in docs/realtime.md; the longest is the API contract's. */
export const INVITATION_DEFAULT_DAYS = 14;
export { INVITATION_MAX_DAYS };

/**
 * Invitations: maintainers and owners invite (only owners may invite owners); the invitee accepts
 * or declines; maintainers/owners revoke. Every change publishes an event on the invitee's and the
 * team's topics, in the transaction of the change.
 */
export class TeamInvitationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly teams: TeamService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async invite(ctx: RequestContext, teamId: number, req: InviteInput): Promise<TeamInvitationView> {
    await this.teams.authorize(ctx, teamId, req.role === 'owner' ? 'manage_owners' : 'manage');
    const days = req.expiresInDays ?? INVITATION_DEFAULT_DAYS;
    if (days < 1 || days > INVITATION_MAX_DAYS) {
      throw new AppError('VALIDATION_FAILED', `An invitation expires in 1 to ${INVITATION_MAX_DAYS} days`, [
        { path: 'expiresInDays', message: `must be between 1 and ${INVITATION_MAX_DAYS}` },
      ]);
    }
    const byEmail = req.invitee.includes('@');
    const email = byEmail ? req.invitee.trim().toLowerCase() : null;
    // By email, only a VERIFIED address names a user; any other address waits for its owner.
    const user = email
      ? await this.uow.repos.teamInvitations.findInviteeByVerifiedEmail(email)
      : await this.uow.repos.teamInvitations.findInviteeByUsername(req.invitee);
    if (!user && !email)
      throw new AppError('VALIDATION_FAILED', `No active user is called "${req.invitee}"`, [
        { path: 'invitee', message: 'no such active user (username or email)' },
      ]);
    if (user?.feed_only) {
      throw new AppError(
        'VALIDATION_FAILED',
        `${user.username} is a feed-only account and cannot be invited to a team`,
        [{ path: 'invitee', message: 'feed-only accounts cannot be invited' }],
      );
    }
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + days * 86_400_000);
    return this.uow.transaction(async (repos) => {
      if (user) {
        if (await repos.teams.roleOf(teamId, user.id))
          throw new AppError('CONFLICT', `${user.username} is already a member of this team`, [
            { path: 'invitee', message: 'already a member' },
          ]);
        const pending = await repos.teamInvitations.pendingFor(teamId, user.id);
        if (pending && !pending.expired)
          throw new AppError('CONFLICT', `${user.username} already has a pending invitation to this team`, [
            { path: 'invitee', message: 'already invited' },
          ]);
        if (pending) await repos.teamInvitations.setStatus(pending.id, 'expired', now);
      } else {
        const pending = await repos.teamInvitations.pendingForEmail(teamId, email!);
        if (pending && !pending.expired)
          throw new AppError('CONFLICT', `${email} already has a pending invitation to this team`, [
            { path: 'invitee', message: 'already invited' },
          ]);
        if (pending) await repos.teamInvitations.setStatus(pending.id, 'expired', now);
      }
      const id = await repos.teamInvitations.insert({
        teamId,
        inviteeId: user?.id ?? null,
        inviteeEmail: email,
        invitedBy: ctx.actor.userId || null,
        role: req.role,
        expiresAt,
      });
      const view = (await repos.teamInvitations.findById(id))!;
      await audit(
        repos,
        ctx,
        'create',
        'team_invitation',
        id,
        undefined,
        user ? { teamId, inviteeId: user.id, role: req.role } : { teamId, inviteeEmail: email, role: req.role },
      );
      await this.publishChange(repos, ctx, 'team.invited', view);
      return view;
    });
  }

  /**
   * Hands the invitations waiting for a newly verified address to its user, in the transaction that
   * verified it; each reaches the user as `team.invited`. One the user cannot take (already a member
   * or invited to that team, or a feed-only account) keeps waiting until it expires.
   */
  async claimForVerifiedEmail(repos: Repositories, ctx: RequestContext, user: UserRow): Promise<number> {
    if (!user.email || !user.is_active || user.feed_only) return 0;
    let claimed = 0;
    for (const w of await repos.teamInvitations.waitingForEmail(user.email)) {
      if (await repos.teams.roleOf(w.team_id, user.id)) continue;
      const pending = await repos.teamInvitations.pendingFor(w.team_id, user.id);
      if (pending && !pending.expired) continue;
      if (pending) await repos.teamInvitations.setStatus(pending.id, 'expired', this.clock());
      await repos.teamInvitations.assignInvitee(w.id, user.id);
      await audit(
        repos,
        ctx,
        'update',
        'team_invitation',
        w.id,
        { inviteeId: null },
        { inviteeId: user.id, reason: 'address verified' },
      );
      await this.publishChange(repos, ctx, 'team.invited', (await repos.teamInvitations.findById(w.id))!);
      claimed++;
    }
    return claimed;
  }

  listForTeam(ctx: RequestContext, teamId: number): Promise<TeamInvitationView[]> {
    return this.teams.get(ctx, teamId).then(() => this.uow.repos.teamInvitations.listForTeam(teamId));
  }

  /** The caller's own invitations (pending and unexpired unless `all`). */
  mine(ctx: RequestContext, all = false): Promise<TeamInvitationView[]> {
    return this.uow.repos.teamInvitations.listForInvitee(ctx.actor.userId, !all);
  }

  accept(ctx: RequestContext, id: number): Promise<TeamInvitationView> {
    return this.answer(ctx, id, 'accepted');
  }

  decline(ctx: RequestContext, id: number): Promise<TeamInvitationView> {
    return this.answer(ctx, id, 'declined');
  }

  async revoke(ctx: RequestContext, id: number): Promise<TeamInvitationView> {
    const found = await this.uow.repos.teamInvitations.findById(id);
    if (!found) throw notFound('Invitation', id);
    await this.teams.authorize(ctx, found.team_id, found.role === 'owner' ? 'manage_owners' : 'manage');
    return this.uow.transaction(async (repos) => {
      await repos.teamInvitations.lock(id);
      const current = (await repos.teamInvitations.findById(id))!;
      if (current.status !== 'pending') throw new AppError('CONFLICT', `This invitation is already ${current.status}`);
      await repos.teamInvitations.setStatus(id, 'revoked', this.clock());
      await audit(repos, ctx, 'revoke', 'team_invitation', id);
      const view = (await repos.teamInvitations.findById(id))!;
      await this.publishChange(repos, ctx, 'team.invitation_revoked', view);
      return view;
    });
  }

  private async answer(ctx: RequestContext, id: number, status: 'accepted' | 'declined'): Promise<TeamInvitationView> {
    const found = await this.uow.repos.teamInvitations.findById(id);
    // Only the invitee may see an invitation through this path: others get 404.
    if (!found || found.invitee_id !== ctx.actor.userId) throw notFound('Invitation', id);
    const now = this.clock();
    return this.uow.transaction(async (repos) => {
      await repos.teamInvitations.lock(id);
      const current = (await repos.teamInvitations.findById(id))!;
      if (current.status !== 'pending') throw new AppError('CONFLICT', `This invitation is already ${current.status}`);
      if (current.expires_at.getTime() <= now.getTime())
        throw new AppError('CONFLICT', 'This invitation has expired; ask for a new one');
      await repos.teamInvitations.setStatus(id, status, now);
      if (status === 'accepted') {
        const inviteeId = current.invitee_id!; // answered by its invitee, so held by one
        await repos.teams.setMember(current.team_id, inviteeId, current.role);
        await publish(repos, {
          type: 'team.member_added',
          topics: [topic.team(current.team_id), topic.user(inviteeId)],
          actorId: ctx.actor.userId,
          payload: {
            teamId: current.team_id,
            userId: inviteeId,
            username: current.invitee_username,
            role: current.role,
          },
        });
      }
      await audit(repos, ctx, status === 'accepted' ? 'accept' : 'decline', 'team_invitation', id);
      const view = (await repos.teamInvitations.findById(id))!;
      await this.publishChange(
        repos,
        ctx,
        status === 'accepted' ? 'team.invitation_accepted' : 'team.invitation_declined',
        view,
      );
      return view;
    });
  }

  private publishChange(
    repos: Pick<Repositories, 'events'>,
    ctx: RequestContext,
    type: 'team.invited' | 'team.invitation_accepted' | 'team.invitation_declined' | 'team.invitation_revoked',
    view: TeamInvitationView,
  ) {
    return publish(repos, {
      type,
      topics:
        view.invitee_id !== null ? [topic.user(view.invitee_id), topic.team(view.team_id)] : [topic.team(view.team_id)],
      actorId: ctx.actor.userId,
      payload: {
        invitationId: view.id,
        teamId: view.team_id,
        teamName: view.team_name,
        inviteeId: view.invitee_id,
        role: view.role,
      },
    });
  }
}
