import type { ChannelKind, Severity } from '@vigil/contract/values';
import type { HttpClient } from './http-client.ts';
import type { ItemList } from './page.ts';

export type NotificationSeverity = Severity;

export interface NotificationAlert {
  id: number;
  notificationId: number;
  type: string;
  productId: number | null;
  severity: string | null;
  title: string;
  body: string;
  url: string | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}

export interface AlertPage {
  items: NotificationAlert[];
  /** Pass back as `before` for the next (older) page; null at the end. */
  nextBefore: number | null;
  unread: number;
}

export interface NotificationTypeInfo {
  type: string;
  label: string;
  audience: 'product' | 'personal' | 'admin';
}

export interface NotificationSubscription {
  id: number;
  userId: number | null;
  teamId: number | null;
  productId: number | null;
  eventType: string;
  channel: 'alert' | 'email' | 'target';
  channelId: number | null;
  enabled: boolean;
  minSeverity: NotificationSeverity | null;
}

export interface SubscriptionInput {
  teamId?: number;
  productId?: number | null;
  eventType: string;
  channel: 'alert' | 'email';
  enabled: boolean;
  minSeverity?: NotificationSeverity | null;
}

export type DefaultInput = Omit<SubscriptionInput, 'teamId' | 'channel'> & {
  channel: 'alert' | 'email' | 'target';
  channelId?: number | null;
};

export { CHANNEL_KINDS, type ChannelKind } from '@vigil/contract/values';

export interface NotificationChannel {
  id: number;
  name: string;
  kind: ChannelKind;
  settings: Record<string, unknown>;
  /** The stored credentials are never returned: only host and last characters. */
  secretHint: string;
  enabled: boolean;
  maxFailures: number;
  consecutiveFailures: number;
  disabledReason: string | null;
  lastError: string | null;
  lastFailureAt: string | null;
  lastSuccessAt: string | null;
  createdAt: string;
}

export interface ChannelDelivery {
  id: number;
  notificationId: number;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
}

export interface ChannelInput {
  name: string;
  kind: ChannelKind;
  enabled?: boolean;
  maxFailures?: number;
  url?: string;
  hmacSecret?: string;
  botToken?: string;
  chatId?: string;
  host?: string;
  port?: number;
  protocol?: 'udp' | 'tcp' | 'tls';
  facility?: number;
  caPem?: string;
}

export function notificationApi(http: HttpClient) {
  return {
    list: (q: { unread?: boolean; limit?: number; before?: number } = {}) =>
      http.get<AlertPage>('/api/v1/notifications', {
        unread: q.unread === undefined ? undefined : String(q.unread),
        limit: q.limit,
        before: q.before,
      }),
    unreadCount: () => http.get<{ unread: number }>('/api/v1/notifications/unread-count'),
    markRead: (ids: number[]) => http.post<{ updated: number; unread: number }>('/api/v1/notifications/read', { ids }),
    markAllRead: () => http.post<{ updated: number; unread: number }>('/api/v1/notifications/read-all'),
    types: () => http.get<ItemList<NotificationTypeInfo>>('/api/v1/notification-types'),
    subscriptions: (teamId?: number) =>
      http.get<ItemList<NotificationSubscription>>('/api/v1/notification-subscriptions', { teamId }),
    saveSubscription: (body: SubscriptionInput) =>
      http.request<NotificationSubscription>('PUT', '/api/v1/notification-subscriptions', body),
    removeSubscription: (id: number) => http.delete(`/api/v1/notification-subscriptions/${id}`),
    defaults: () => http.get<ItemList<NotificationSubscription>>('/api/v1/admin/notification-defaults'),
    saveDefault: (body: DefaultInput) =>
      http.request<NotificationSubscription>('PUT', '/api/v1/admin/notification-defaults', body),
    removeDefault: (id: number) => http.delete(`/api/v1/admin/notification-defaults/${id}`),
    channels: () => http.get<ItemList<NotificationChannel>>('/api/v1/admin/notification-channels'),
    channel: (id: number) =>
      http.get<NotificationChannel & { recentDeliveries: ChannelDelivery[] }>(
        `/api/v1/admin/notification-channels/${id}`,
      ),
    createChannel: (body: ChannelInput) => http.post<NotificationChannel>('/api/v1/admin/notification-channels', body),
    updateChannel: (id: number, body: Partial<Omit<ChannelInput, 'kind'>>) =>
      http.patch<NotificationChannel>(`/api/v1/admin/notification-channels/${id}`, body),
    removeChannel: (id: number) => http.delete(`/api/v1/admin/notification-channels/${id}`),
    testChannel: (id: number) =>
      http.post<{ ok: boolean; error: string | null }>(`/api/v1/admin/notification-channels/${id}/test`),
  };
}
