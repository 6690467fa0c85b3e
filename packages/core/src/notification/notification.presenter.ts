import {
  NOTIFICATION_TYPES,
  type ChannelDelivery,
  type NotificationAlert,
  type NotificationChannel,
  type NotificationSubscription,
  type NotificationType,
  type NotificationTypeInfo,
} from '@vigil/contract';
import type {
  AlertView,
  NotificationChannelRow,
  NotificationDeliveryRow,
  NotificationSubscriptionRow,
} from '@vigil/db';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentAlert(a: AlertView): NotificationAlert {
  return {
    id: a.alert_id,
    notificationId: Number(a.id),
    type: a.type,
    productId: a.product_id,
    severity: a.severity,
    title: a.title,
    body: a.body,
    url: a.url,
    read: a.read_at !== null,
    readAt: iso(a.read_at),
    createdAt: a.created_at.toISOString(),
  };
}

export function presentSubscription(s: NotificationSubscriptionRow): NotificationSubscription {
  return {
    id: s.id,
    userId: s.user_id,
    teamId: s.team_id,
    productId: s.product_id,
    eventType: s.event_type,
    channel: s.channel,
    channelId: s.channel_id,
    enabled: s.enabled,
    minSeverity: s.min_severity,
  };
}

/** Credentials never leave: only the hint (host and last four characters). */
export function presentChannel(c: NotificationChannelRow): NotificationChannel {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    settings: c.settings,
    secretHint: c.secret_hint,
    enabled: c.enabled,
    maxFailures: c.max_failures,
    consecutiveFailures: c.consecutive_failures,
    disabledReason: c.disabled_reason,
    lastError: c.last_error,
    lastFailureAt: iso(c.last_failure_at),
    lastSuccessAt: iso(c.last_success_at),
    createdAt: c.created_at.toISOString(),
  };
}

export function presentDelivery(d: NotificationDeliveryRow): ChannelDelivery {
  return {
    id: d.id,
    notificationId: d.notification_id,
    status: d.status,
    attempts: d.attempts,
    lastError: d.last_error,
    nextAttemptAt: iso(d.next_attempt_at),
    sentAt: iso(d.sent_at),
    createdAt: d.created_at.toISOString(),
  };
}

/** The catalogue of types users can subscribe to, in its declared order. */
export function presentNotificationTypes(): NotificationTypeInfo[] {
  return (Object.keys(NOTIFICATION_TYPES) as NotificationType[]).map((type) => ({
    type,
    label: NOTIFICATION_TYPES[type].label,
    audience: NOTIFICATION_TYPES[type].audience,
  }));
}
