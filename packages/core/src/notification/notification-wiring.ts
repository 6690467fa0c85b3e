import type { UnitOfWork } from '@vigil/db';
import type { SecretBox } from '../crypto/secret-box.ts';
import { ChatWebhookSender } from './channels/chat.sender.ts';
import { EmailSender, type SmtpSettings } from './channels/email.sender.ts';
import { SyslogSender } from './channels/syslog.sender.ts';
import { TelegramSender } from './channels/telegram.sender.ts';
import { WebhookSender } from './channels/webhook.sender.ts';
import { DeliveryWorker, type TargetSenders } from './delivery-worker.ts';
import { NotificationChannelService } from './notification-channel.service.ts';
import { NotificationDefaultsService } from './notification-defaults.service.ts';
import { NotificationDispatcher } from './notification-dispatcher.ts';
import { NotificationService } from './notification.service.ts';
import { OutboundGuard, type Resolver } from './outbound-guard.ts';

export interface NotificationOptions {
  publicUrl: string;
  outboundAllow: string[];
  smtp?: SmtpSettings;
  telegramApiUrl: string;
  maxAttempts: number;
  retryDelaySeconds: number;
  timeoutMs: number;
  /** Reported in syslog/CEF messages. */
  version: string;
  batchSize?: number;
  resolver?: Resolver;
}

/** Builds every notification piece once per process from its options. */
export function createNotifications(uow: UnitOfWork, box: SecretBox, o: NotificationOptions) {
  const guard = new OutboundGuard(o.outboundAllow, o.resolver);
  const chat = new ChatWebhookSender(guard, o.timeoutMs);
  const targets: TargetSenders = {
    slack: chat,
    msteams: chat,
    mattermost: chat,
    webhook: new WebhookSender(guard, o.timeoutMs),
    telegram: new TelegramSender(guard, o.telegramApiUrl, o.timeoutMs),
    syslog: new SyslogSender(guard, o.version, o.timeoutMs),
  };
  const email = o.smtp ? new EmailSender(o.smtp, o.timeoutMs) : null;
  return {
    guard,
    /** The SMTP sender for messages that are not notifications (address verification); null without SMTP. */
    mailer: email,
    alerts: new NotificationService(uow),
    defaults: new NotificationDefaultsService(uow),
    channels: new NotificationChannelService(uow, box, guard, targets, o.telegramApiUrl),
    dispatcher: new NotificationDispatcher(uow, { batchSize: o.batchSize ?? 200, emailEnabled: email !== null }),
    delivery: new DeliveryWorker(
      uow,
      box,
      { email, targets },
      {
        maxAttempts: o.maxAttempts,
        baseDelaySeconds: o.retryDelaySeconds,
        leaseSeconds: Math.ceil((o.timeoutMs * 3) / 1000) + 30,
        batchSize: 20,
        publicUrl: o.publicUrl,
      },
    ),
  };
}

export type Notifications = ReturnType<typeof createNotifications>;
