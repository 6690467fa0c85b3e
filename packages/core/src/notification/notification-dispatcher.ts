import type { NewDelivery, UnitOfWork } from '@vigil/db';
import { publish, topic } from '../events/domain-events.ts';
import { draftsFor } from './notification-content.ts';
import { resolveRecipients } from './recipient-resolver.ts';

export const NOTIFICATIONS_CONSUMER = 'notifications';

export interface DispatchResult {
  /** False when another worker holds the consumer (nothing was read). */
  locked: boolean;
  events: number;
  notifications: number;
  alerts: number;
  deliveries: number;
}

/**
 * Turns committed domain events into notifications. One transaction per batch: lock the consumer
 * row (so one worker consumes at a time), read the next events, store notifications, in-app
 * alerts and delivery rows, publish `notification.created` per alert, and save the position.
 * A crash anywhere rolls all of it back and the batch is read again; a notification is unique per
 * (event, type), so nothing is made twice.
 */
export class NotificationDispatcher {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly opts: { batchSize: number; emailEnabled: boolean },
  ) {}

  async dispatchBatch(): Promise<DispatchResult> {
    return this.uow.transaction(async (repos) => {
      const result: DispatchResult = { locked: true, events: 0, notifications: 0, alerts: 0, deliveries: 0 };
      const position = await repos.events.lockConsumer(NOTIFICATIONS_CONSUMER);
      if (!position) return { ...result, locked: false };
      const events = await repos.events.readAfter(position, this.opts.batchSize);
      if (!events.length) return result;
      for (const e of events) {
        for (const draft of await draftsFor(e, repos)) {
          const n = await repos.notifications.insertOnce({ eventId: e.id, ...draft });
          if (!n) continue;
          n.id = Number(n.id);
          result.notifications++;
          const who = await resolveRecipients(repos, draft);
          const alerts = await repos.notifications.insertAlerts(n.id, who.alertUserIds);
          result.alerts += alerts.length;
          await publish(
            repos,
            alerts.map((a) => ({
              type: 'notification.created',
              topics: [topic.user(a.user_id)],
              actorId: null,
              payload: { alertId: a.id, notificationId: n.id, userId: a.user_id, type: n.type, title: n.title, productId: n.product_id, url: n.url },
            })),
          );
          const deliveries: NewDelivery[] = [
            ...(this.opts.emailEnabled ? who.emailRecipients.map((u) => ({ idempotencyKey: `n${n.id}:email:u${u.id}`, notificationId: n.id, channel: 'email' as const, channelId: null, userId: u.id })) : []),
            ...who.channelIds.map((c) => ({ idempotencyKey: `n${n.id}:c${c}`, notificationId: n.id, channel: 'target' as const, channelId: c, userId: null })),
          ];
          result.deliveries += await repos.notificationDeliveries.enqueue(deliveries);
        }
      }
      result.events = events.length;
      const last = events[events.length - 1];
      await repos.events.saveConsumerPosition(NOTIFICATIONS_CONSUMER, { txId: last.tx_id, eventId: last.id });
      return result;
    });
  }

  /** Dispatches until the log is drained (or `maxBatches`); returns the summed counts. */
  async drain(maxBatches = 100): Promise<DispatchResult> {
    const total: DispatchResult = { locked: true, events: 0, notifications: 0, alerts: 0, deliveries: 0 };
    for (let i = 0; i < maxBatches; i++) {
      const r = await this.dispatchBatch();
      if (!r.locked) return { ...total, locked: false };
      total.events += r.events;
      total.notifications += r.notifications;
      total.alerts += r.alerts;
      total.deliveries += r.deliveries;
      if (r.events < this.opts.batchSize) break;
    }
    return total;
  }
}
