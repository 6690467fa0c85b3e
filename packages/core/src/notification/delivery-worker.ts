import type { ChannelKind, NotificationDeliveryRow, UnitOfWork } from '@vigil/db';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { ChannelSender } from './channels/channel-sender.ts';
import { DeliveryError } from './channels/delivery-error.ts';
import type { EmailSender } from './channels/email.sender.ts';
import { openChannel } from './channel-secrets.ts';

export interface DeliveryPolicy {
  /** Attempts before a delivery is failed for good. */
  maxAttempts: number;
  /** First retry delay; doubles per attempt, capped at one hour. */
  baseDelaySeconds: number;
  /** How long a claimed delivery stays reserved for its sender. */
  leaseSeconds: number;
  batchSize: number;
  /** Absolute base of the web app for links in messages (empty: no links). */
  publicUrl: string;
}

export interface DeliveryRunResult {
  claimed: number;
  sent: number;
  failed: number;
  retrying: number;
}

export type TargetSenders = Partial<Record<ChannelKind, ChannelSender>>;

export function backoffSeconds(policy: Pick<DeliveryPolicy, 'baseDelaySeconds'>, attempt: number): number {
  return Math.min(3600, policy.baseDelaySeconds * 2 ** Math.max(0, attempt - 1));
}

/**
 * Sends what the outbox holds. Each due row is claimed with a lease, sent, then marked sent; a
 * crash between the send and the mark leaves the row to be claimed again when the lease ends, so
 * a delivery is never lost but can (rarely) arrive twice: receivers dedupe on the delivery key.
 * A channel's consecutive failures are counted; at its limit it is switched off and its waiting
 * deliveries are cancelled.
 */
export class DeliveryWorker {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly box: SecretBox,
    private readonly senders: { email: EmailSender | null; targets: TargetSenders },
    private readonly policy: DeliveryPolicy,
  ) {}

  async runOnce(): Promise<DeliveryRunResult> {
    const repos = this.uow.repos;
    const claimed = await repos.notificationDeliveries.claimDue(this.policy.batchSize, this.policy.leaseSeconds);
    const result: DeliveryRunResult = { claimed: claimed.length, sent: 0, failed: 0, retrying: 0 };
    for (const d of claimed) {
      try {
        await this.deliver(d);
        await repos.notificationDeliveries.markSent(d.id);
        if (d.channel_id !== null) await repos.notificationChannels.recordSuccess(d.channel_id);
        result.sent++;
      } catch (err) {
        const e = err instanceof DeliveryError ? err : new DeliveryError((err as Error).message ?? String(err), true);
        if (e instanceof SkipDelivery) {
          await repos.notificationDeliveries.markFailed(d.id, e.message, null);
          result.failed++;
          continue;
        }
        const retry =
          e.retryable && d.attempts < this.policy.maxAttempts ? backoffSeconds(this.policy, d.attempts) : null;
        await repos.notificationDeliveries.markFailed(d.id, e.message, retry);
        if (retry === null) result.failed++;
        else result.retrying++;
        if (d.channel_id !== null) {
          const channel = await repos.notificationChannels.recordFailure(d.channel_id, e.message);
          if (channel && !channel.enabled)
            await repos.notificationDeliveries.cancelPendingForChannel(
              channel.id,
              channel.disabled_reason ?? 'channel disabled',
            );
        }
      }
    }
    return result;
  }

  /** Runs until no delivery is due (or `maxRounds`). */
  async drain(maxRounds = 100): Promise<DeliveryRunResult> {
    const total: DeliveryRunResult = { claimed: 0, sent: 0, failed: 0, retrying: 0 };
    for (let i = 0; i < maxRounds; i++) {
      const r = await this.runOnce();
      total.claimed += r.claimed;
      total.sent += r.sent;
      total.failed += r.failed;
      total.retrying += r.retrying;
      if (!r.claimed) break;
    }
    return total;
  }

  private async deliver(d: NotificationDeliveryRow): Promise<void> {
    const repos = this.uow.repos;
    const notification = await repos.notifications.findById(d.notification_id);
    if (!notification) throw new SkipDelivery('notification deleted');
    const link =
      notification.url && this.policy.publicUrl
        ? `${this.policy.publicUrl.replace(/\/+$/, '')}${notification.url}`
        : null;
    if (d.channel === 'email') {
      if (!this.senders.email) throw new SkipDelivery('SMTP is not configured');
      const user = d.user_id !== null ? await repos.users.findById(d.user_id) : undefined;
      if (!user?.is_active || !user.email)
        throw new SkipDelivery('recipient has no active account with an email address');
      return this.senders.email.send({ deliveryKey: d.idempotency_key, to: user.email, notification, link });
    }
    const row = d.channel_id !== null ? await repos.notificationChannels.findById(d.channel_id) : undefined;
    if (!row) throw new SkipDelivery('channel deleted');
    if (!row.enabled)
      throw new SkipDelivery(`channel disabled${row.disabled_reason ? `: ${row.disabled_reason}` : ''}`);
    const sender = this.senders.targets[row.kind];
    if (!sender) throw new SkipDelivery(`no sender for ${row.kind}`);
    await sender.send(openChannel(this.box, row), { deliveryKey: d.idempotency_key, notification, link });
  }
}

/** Not a channel failure: the delivery cannot be made at all (deleted, disabled, unconfigured). */
class SkipDelivery extends DeliveryError {
  constructor(message: string) {
    super(message, false);
  }
}
