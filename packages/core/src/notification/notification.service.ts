import type { SubscriptionInput } from '@vigil/contract';
import type { AlertView, NotificationSubscriptionRow, SubscriptionOwner, UnitOfWork } from '@vigil/db';
import { ProductPolicy } from '../product/product.policy.ts';
import { TeamPolicy } from '../team/team.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import type { RequestContext } from '../context/request-context.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { NOTIFICATION_TYPES, SEVERITY_NOTIFICATION_TYPES, isNotificationType } from './notification-types.ts';

export const MAX_ALERT_PAGE = 200;

/**
 * A user's side of notifications: their in-app alerts (only ever their own) and their own or
 * their team's subscriptions.
 */
export class NotificationService {
  private readonly products: ProductPolicy;
  private readonly teams: TeamPolicy;

  constructor(private readonly uow: UnitOfWork) {
    this.products = new ProductPolicy(uow.repos);
    this.teams = new TeamPolicy(uow.repos);
  }

  async listAlerts(
    ctx: RequestContext,
    q: { unreadOnly: boolean; limit: number; before?: number },
  ): Promise<{ items: AlertView[]; nextBefore: number | null; unread: number }> {
    const limit = Math.min(q.limit, MAX_ALERT_PAGE);
    const items = await this.uow.repos.notifications.listAlerts(ctx.actor.userId, {
      unreadOnly: q.unreadOnly,
      limit: limit + 1,
      beforeId: q.before,
    });
    const more = items.length > limit;
    const page = items.slice(0, limit);
    return {
      items: page,
      nextBefore: more ? page[page.length - 1].alert_id : null,
      unread: await this.uow.repos.notifications.unreadCount(ctx.actor.userId),
    };
  }

  unreadCount(ctx: RequestContext): Promise<number> {
    return this.uow.repos.notifications.unreadCount(ctx.actor.userId);
  }

  /** Marks the caller's alerts read; ids of other users' alerts are simply not matched. */
  async markRead(ctx: RequestContext, alertIds?: number[]): Promise<{ updated: number; unread: number }> {
    const updated = await this.uow.repos.notifications.markRead(ctx.actor.userId, alertIds);
    return { updated, unread: await this.uow.repos.notifications.unreadCount(ctx.actor.userId) };
  }

  async listSubscriptions(ctx: RequestContext, teamId?: number): Promise<NotificationSubscriptionRow[]> {
    const owner = await this.ownerFor(ctx, teamId, 'read');
    return this.uow.repos.notificationSubscriptions.listFor(owner);
  }

  async saveSubscription(ctx: RequestContext, req: SubscriptionInput): Promise<NotificationSubscriptionRow> {
    const owner = await this.ownerFor(ctx, req.teamId, 'write');
    validateType(req.eventType, req.minSeverity);
    const productId = req.productId ?? null;
    if (productId !== null) await this.products.authorize(ctx.actor, 'read', { id: productId });
    return this.uow.transaction(async (repos) => {
      const row = await repos.notificationSubscriptions.upsert(owner, {
        productId,
        eventType: req.eventType,
        channel: req.channel,
        channelId: null,
        enabled: req.enabled,
        minSeverity: req.minSeverity ?? null,
      });
      await audit(repos, ctx, 'update', 'notification_subscription', row.id, undefined, {
        ...owner,
        productId,
        eventType: req.eventType,
        channel: req.channel,
        enabled: req.enabled,
        minSeverity: req.minSeverity ?? null,
      });
      return row;
    });
  }

  async deleteSubscription(ctx: RequestContext, id: number): Promise<void> {
    const row = await this.uow.repos.notificationSubscriptions.findById(id);
    // Someone else's subscription, or one of a team the caller cannot read, answers as a missing one.
    const readable =
      row &&
      (row.team_id === null
        ? row.user_id === ctx.actor.userId
        : await this.teams.can(ctx.actor, 'read', { id: row.team_id }));
    if (!row || !readable) throw notFound('Subscription', id);
    if (row.team_id !== null) await this.teams.authorize(ctx.actor, 'manage_subscriptions', { id: row.team_id });
    await this.uow.transaction(async (repos) => {
      await repos.notificationSubscriptions.delete(id);
      await audit(repos, ctx, 'delete', 'notification_subscription', id, {
        userId: row.user_id,
        teamId: row.team_id,
        eventType: row.event_type,
        channel: row.channel,
      });
    });
  }

  private async ownerFor(
    ctx: RequestContext,
    teamId: number | undefined,
    mode: 'read' | 'write',
  ): Promise<SubscriptionOwner> {
    if (teamId === undefined) return { userId: ctx.actor.userId };
    const team = await this.uow.repos.teams.findById(teamId);
    await this.teams.authorize(ctx.actor, mode === 'write' ? 'manage_subscriptions' : 'read', team, teamId);
    return { teamId };
  }
}

export function validateType(eventType: string, minSeverity: string | null | undefined): void {
  if (!isNotificationType(eventType)) {
    throw new AppError('VALIDATION_FAILED', `Unknown notification type "${eventType}"`, [
      { path: 'eventType', message: `must be one of ${Object.keys(NOTIFICATION_TYPES).join(', ')}` },
    ]);
  }
  if (minSeverity && !SEVERITY_NOTIFICATION_TYPES.some((t) => t === eventType)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'A minimum severity applies only to finding notifications (findings.new, sla.breached)',
      [{ path: 'minSeverity', message: 'not applicable to this type' }],
    );
  }
}
