import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ChannelKind, DeliveryStatus, Severity, SubscriptionChannel } from '@vigil/contract/values';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type MaybeTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<
  Record<string, unknown>,
  string | Record<string, unknown> | undefined,
  string | Record<string, unknown>
>;

export type { ChannelKind, DeliveryStatus, SubscriptionChannel } from '@vigil/contract/values';

export interface NotificationChannelsTable {
  id: Generated<number>;
  name: string;
  kind: ChannelKind;
  settings: Json;
  secret_ciphertext: string | null;
  secret_hint: Generated<string>;
  enabled: Generated<boolean>;
  max_failures: Generated<number>;
  consecutive_failures: Generated<number>;
  disabled_reason: string | null;
  last_error: string | null;
  last_failure_at: MaybeTime;
  last_success_at: MaybeTime;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface NotificationSubscriptionsTable {
  id: Generated<number>;
  user_id: number | null;
  team_id: number | null;
  product_id: number | null;
  event_type: string;
  channel: SubscriptionChannel;
  channel_id: number | null;
  enabled: Generated<boolean>;
  min_severity: Severity | null;
  created_at: CreatedAt;
}

export interface NotificationsTable {
  id: Generated<number>;
  event_id: number;
  type: string;
  product_id: number | null;
  severity: string | null;
  title: string;
  body: string;
  url: string | null;
  details: Json;
  created_at: CreatedAt;
}

export interface NotificationAlertsTable {
  id: Generated<number>;
  notification_id: number;
  user_id: number;
  read_at: MaybeTime;
  created_at: CreatedAt;
}

export interface NotificationDeliveriesTable {
  id: Generated<number>;
  idempotency_key: string;
  notification_id: number;
  channel: 'email' | 'target';
  channel_id: number | null;
  user_id: number | null;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: CreatedAt;
  locked_until: MaybeTime;
  last_error: string | null;
  sent_at: MaybeTime;
  created_at: CreatedAt;
}

export interface NotificationTables {
  notification_channels: NotificationChannelsTable;
  notification_subscriptions: NotificationSubscriptionsTable;
  notifications: NotificationsTable;
  notification_alerts: NotificationAlertsTable;
  notification_deliveries: NotificationDeliveriesTable;
}

export type NotificationChannelRow = Selectable<NotificationChannelsTable>;
export type NotificationSubscriptionRow = Selectable<NotificationSubscriptionsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type NotificationDeliveryRow = Selectable<NotificationDeliveriesTable>;
