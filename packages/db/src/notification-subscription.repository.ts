import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Severity } from '@vigil/contract/values';
import type { NotificationSubscriptionRow, SubscriptionChannel } from './notification.schema.ts';

export interface SubscriptionOwner {
  userId?: number;
  teamId?: number;
  /** Neither user nor team: a system-wide default. */
}

export interface SubscriptionInput {
  productId: number | null;
  eventType: string;
  channel: SubscriptionChannel;
  channelId: number | null;
  enabled: boolean;
  minSeverity: Severity | null;
}

/** Who wants which notification on which channel (user rows, team rows, system defaults). */
export class NotificationSubscriptionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  listFor(owner: SubscriptionOwner): Promise<NotificationSubscriptionRow[]> {
    let q = this.db.selectFrom('notification_subscriptions').selectAll();
    q = owner.userId !== undefined ? q.where('user_id', '=', owner.userId) : q.where('user_id', 'is', null);
    q = owner.teamId !== undefined ? q.where('team_id', '=', owner.teamId) : q.where('team_id', 'is', null);
    return q.orderBy('id').execute();
  }

  findById(id: number): Promise<NotificationSubscriptionRow | undefined> {
    return this.db.selectFrom('notification_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Creates or replaces the owner's row for (product, event type, channel). */
  async upsert(owner: SubscriptionOwner, s: SubscriptionInput): Promise<NotificationSubscriptionRow> {
    const existing = await this.findSame(owner, s);
    if (existing) {
      return this.db
        .updateTable('notification_subscriptions')
        .set({ enabled: s.enabled, min_severity: s.minSeverity })
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    return this.db
      .insertInto('notification_subscriptions')
      .values({
        user_id: owner.userId ?? null,
        team_id: owner.teamId ?? null,
        product_id: s.productId,
        event_type: s.eventType,
        channel: s.channel,
        channel_id: s.channelId,
        enabled: s.enabled,
        min_severity: s.minSeverity,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  private findSame(owner: SubscriptionOwner, s: SubscriptionInput) {
    let q = this.db
      .selectFrom('notification_subscriptions')
      .select('id')
      .where('event_type', '=', s.eventType)
      .where('channel', '=', s.channel);
    q = owner.userId !== undefined ? q.where('user_id', '=', owner.userId) : q.where('user_id', 'is', null);
    q = owner.teamId !== undefined ? q.where('team_id', '=', owner.teamId) : q.where('team_id', 'is', null);
    q = s.productId !== null ? q.where('product_id', '=', s.productId) : q.where('product_id', 'is', null);
    q = s.channelId !== null ? q.where('channel_id', '=', s.channelId) : q.where('channel_id', 'is', null);
    return q.executeTakeFirst();
  }

  async delete(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('notification_subscriptions').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Every row that could apply to an event: its type, and global or the event's product. */
  forEvent(eventType: string, productId: number | null): Promise<NotificationSubscriptionRow[]> {
    let q = this.db.selectFrom('notification_subscriptions').selectAll().where('event_type', '=', eventType);
    q =
      productId === null
        ? q.where('product_id', 'is', null)
        : q.where((eb) => eb.or([eb('product_id', 'is', null), eb('product_id', '=', productId)]));
    return q.execute();
  }
}
