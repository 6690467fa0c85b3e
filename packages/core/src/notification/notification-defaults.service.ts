import type { DefaultSubscriptionInput } from '@vigil/contract';
import type { NotificationSubscriptionRow, UnitOfWork } from '@vigil/db';
import { adminPolicy } from '../access/admin.policy.ts';
import { audit } from '../audit/audit-trail.ts';
import type { RequestContext } from '../context/request-context.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { validateType } from './notification.service.ts';

/**
 * System-wide defaults (administrators): what every user who may read the product receives on
 * alert/email unless their own or their team's rows say otherwise, and which shared channels
 * (Slack, webhook, syslog …) receive which notifications.
 */
export class NotificationDefaultsService {
  constructor(private readonly uow: UnitOfWork) {}

  list(ctx: RequestContext): Promise<NotificationSubscriptionRow[]> {
    adminPolicy.authorize(ctx.actor, 'read', 'notification_default');
    return this.uow.repos.notificationSubscriptions.listFor({});
  }

  async save(ctx: RequestContext, req: DefaultSubscriptionInput): Promise<NotificationSubscriptionRow> {
    adminPolicy.authorize(ctx.actor, 'save', 'notification_default');
    validateType(req.eventType, req.minSeverity);
    const channelId = req.channel === 'target' ? (req.channelId ?? null) : null;
    if (req.channel === 'target') {
      if (channelId === null)
        throw new AppError('VALIDATION_FAILED', 'A shared-channel default needs channelId', [
          { path: 'channelId', message: 'required when channel is "target"' },
        ]);
      if (!(await this.uow.repos.notificationChannels.findById(channelId)))
        throw new AppError('VALIDATION_FAILED', `Channel ${channelId} does not exist`, [
          { path: 'channelId', message: 'no such channel' },
        ]);
    }
    const productId = req.productId ?? null;
    if (productId !== null && !(await this.uow.repos.products.findById(productId)))
      throw new AppError('VALIDATION_FAILED', `Product ${productId} does not exist`, [
        { path: 'productId', message: 'no such product' },
      ]);
    return this.uow.transaction(async (repos) => {
      const row = await repos.notificationSubscriptions.upsert(
        {},
        {
          productId,
          eventType: req.eventType,
          channel: req.channel,
          channelId,
          enabled: req.enabled,
          minSeverity: req.minSeverity ?? null,
        },
      );
      await audit(repos, ctx, 'update', 'notification_default', row.id, undefined, {
        productId,
        eventType: req.eventType,
        channel: req.channel,
        channelId,
        enabled: req.enabled,
        minSeverity: req.minSeverity ?? null,
      });
      return row;
    });
  }

  async delete(ctx: RequestContext, id: number): Promise<void> {
    adminPolicy.authorize(ctx.actor, 'delete', 'notification_default');
    const row = await this.uow.repos.notificationSubscriptions.findById(id);
    if (!row || row.user_id !== null || row.team_id !== null)
      throw notFound('Default subscription', id, `Default ${id} was not found`);
    await this.uow.transaction(async (repos) => {
      await repos.notificationSubscriptions.delete(id);
      await audit(repos, ctx, 'delete', 'notification_default', id, {
        eventType: row.event_type,
        channel: row.channel,
        channelId: row.channel_id,
      });
    });
  }
}
