import type {
  AlertPage,
  ChannelTest,
  CreateChannelRequest,
  MarkNotificationsRead,
  NotificationChannel,
  NotificationListQuery,
  NotificationChannelDetail,
  NotificationSubscription,
  NotificationTypeInfo,
  SaveDefaultSubscriptionRequest,
  SaveSubscriptionRequest,
  UpdateChannelRequest,
} from '@vigil/contract';
import type { HttpClient } from './http-client.ts';
import type { ItemList } from './page.ts';

// The notification shapes are the API contract's (packages/contract/src/notification/): types
// imported as types only, value lists from its zod-free module.
export {
  CHANNEL_KINDS,
  NOTIFICATION_TYPES,
  SEVERITY_NOTIFICATION_TYPES,
  SUBSCRIPTION_CHANNELS,
  SYSLOG_PROTOCOLS,
} from '@vigil/contract/values';
export type { ChannelKind, NotificationType, SubscriptionChannel } from '@vigil/contract/values';
export type {
  AlertPage,
  ChannelDelivery,
  ChannelTest,
  CreateChannelRequest,
  MarkNotificationsRead,
  NotificationAlert,
  NotificationChannel,
  NotificationChannelDetail,
  NotificationListQuery,
  NotificationSubscription,
  NotificationTypeInfo,
  SaveDefaultSubscriptionRequest,
  SaveSubscriptionRequest,
  UpdateChannelRequest,
} from '@vigil/contract';

export function notificationApi(http: HttpClient) {
  return {
    list: (q: NotificationListQuery = {}) =>
      http.get<AlertPage>('/api/v1/notifications', {
        unread: q.unread === undefined ? undefined : String(q.unread),
        limit: q.limit,
        before: q.before,
      }),
    unreadCount: () => http.get<{ unread: number }>('/api/v1/notifications/unread-count'),
    markRead: (ids: number[]) => http.post<MarkNotificationsRead>('/api/v1/notifications/read', { ids }),
    markAllRead: () => http.post<MarkNotificationsRead>('/api/v1/notifications/read-all'),
    types: () => http.get<ItemList<NotificationTypeInfo>>('/api/v1/notification-types'),
    subscriptions: (teamId?: number) =>
      http.get<ItemList<NotificationSubscription>>('/api/v1/notification-subscriptions', { teamId }),
    saveSubscription: (body: SaveSubscriptionRequest) =>
      http.request<NotificationSubscription>('PUT', '/api/v1/notification-subscriptions', body),
    removeSubscription: (id: number) => http.delete(`/api/v1/notification-subscriptions/${id}`),
    defaults: () => http.get<ItemList<NotificationSubscription>>('/api/v1/admin/notification-defaults'),
    saveDefault: (body: SaveDefaultSubscriptionRequest) =>
      http.request<NotificationSubscription>('PUT', '/api/v1/admin/notification-defaults', body),
    removeDefault: (id: number) => http.delete(`/api/v1/admin/notification-defaults/${id}`),
    channels: () => http.get<ItemList<NotificationChannel>>('/api/v1/admin/notification-channels'),
    channel: (id: number) => http.get<NotificationChannelDetail>(`/api/v1/admin/notification-channels/${id}`),
    createChannel: (body: CreateChannelRequest) =>
      http.post<NotificationChannel>('/api/v1/admin/notification-channels', body),
    updateChannel: (id: number, body: UpdateChannelRequest) =>
      http.patch<NotificationChannel>(`/api/v1/admin/notification-channels/${id}`, body),
    removeChannel: (id: number) => http.delete(`/api/v1/admin/notification-channels/${id}`),
    testChannel: (id: number) => http.post<ChannelTest>(`/api/v1/admin/notification-channels/${id}/test`),
  };
}
