import type { DomainEventRecord, NewDelivery, Repositories, UnitOfWork } from '@vigil/db';
import { drainConsumer, runConsumerBatch, type EventConsumer } from '../events/event-consumer.ts';
import { parseDomainEvents, publish, topic } from '../events/domain-events.ts';
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
 * Turns committed domain events into notifications, as the durable consumer `notifications` (the
 * shared runner, events/event-consumer.ts): per batch, store notifications, in-app alerts and
 * delivery rows, and publish `notification.created` per alert, in the transaction that saves the
 * position. A crash anywhere rolls all of it back and the batch is read again; a notification is
 * unique per (event, type), so nothing is made twice.
 */
export class NotificationDispatcher implements EventConsumer<DispatchResult> {
  readonly name = NOTIFICATIONS_CONSUMER;
  readonly batchSize: number;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly opts: { batchSize: number; emailEnabled: boolean },
  ) {
    this.batchSize = opts.batchSize;
  }

  async handle(repos: Repositories, events: DomainEventRecord[]): Promise<DispatchResult> {
    const result: DispatchResult = { locked: true, events: events.length, notifications: 0, alerts: 0, deliveries: 0 };
    for (const e of parseDomainEvents(events)) {
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
            payload: {
              alertId: a.id,
              notificationId: n.id,
              userId: a.user_id,
              type: n.type,
              title: n.title,
              productId: n.product_id,
              url: n.url,
            },
          })),
        );
        const deliveries: NewDelivery[] = [
          ...(this.opts.emailEnabled
            ? who.emailRecipients.map((u) => ({
                idempotencyKey: `n${n.id}:email:u${u.id}`,
                notificationId: n.id,
                channel: 'email' as const,
                channelId: null,
                userId: u.id,
              }))
            : []),
          ...who.channelIds.map((c) => ({
            idempotencyKey: `n${n.id}:c${c}`,
            notificationId: n.id,
            channel: 'target' as const,
            channelId: c,
            userId: null,
          })),
        ];
        result.deliveries += await repos.notificationDeliveries.enqueue(deliveries);
      }
    }
    return result;
  }

  async dispatchBatch(): Promise<DispatchResult> {
    const batch = await runConsumerBatch(this.uow, this);
    return batch.result ?? { locked: batch.locked, events: 0, notifications: 0, alerts: 0, deliveries: 0 };
  }

  /** Dispatches until the log is drained (or `maxBatches`); returns the summed counts. */
  async drain(maxBatches = 100): Promise<DispatchResult> {
    const total: DispatchResult = { locked: true, events: 0, notifications: 0, alerts: 0, deliveries: 0 };
    const r = await drainConsumer(this.uow, this, {
      maxBatches,
      each: (b) => {
        total.notifications += b.notifications;
        total.alerts += b.alerts;
        total.deliveries += b.deliveries;
      },
    });
    return { ...total, locked: r.locked, events: r.events };
  }
}
