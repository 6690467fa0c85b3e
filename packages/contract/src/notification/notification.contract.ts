import { z } from 'zod';
import { zId, zIdParam, zIdValue, zInstant, zItems } from '../common/common.contract.ts';
import { ZSeverity } from '../finding/finding.contract.ts';
import {
  NOTIFICATION_AUDIENCES,
  NOTIFICATION_TYPE_NAMES,
  PERSONAL_SUBSCRIPTION_CHANNELS,
  SUBSCRIPTION_CHANNELS,
} from './notification-values.ts';

// The notification routes' contract: the caller's in-app alerts, the catalogue of types, and
// subscriptions (the caller's, a team's, and the administrators' system-wide defaults). Shared
// channels are in notification-channel.contract.ts.

const ZNotificationType = z.enum(NOTIFICATION_TYPE_NAMES);

// ---- requests

export const ZListNotificationsQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: zIdParam().optional().describe("the previous page's nextBefore"),
});
/** The query as a client sends it (the values, before the query string turns them into text). */
export type NotificationListQuery = Partial<z.output<typeof ZListNotificationsQuery>>;

export const ZMarkNotificationsReadRequest = z.object({ ids: z.array(zIdValue()).min(1).max(1000) });

export const ZSubscriptionQuery = z.object({ teamId: zIdParam().optional() });

export const ZSaveSubscriptionRequest = z.object({
  teamId: zIdValue().optional(),
  productId: zIdValue().nullable().optional(),
  eventType: ZNotificationType,
  channel: z.enum(PERSONAL_SUBSCRIPTION_CHANNELS),
  enabled: z.boolean().default(true),
  minSeverity: ZSeverity.nullable().optional(),
});
export type SaveSubscriptionRequest = z.input<typeof ZSaveSubscriptionRequest>;
/** A validated subscription, as the service receives it. */
export type SubscriptionInput = z.output<typeof ZSaveSubscriptionRequest>;

export const ZSaveDefaultSubscriptionRequest = z.object({
  productId: zIdValue().nullable().optional(),
  eventType: ZNotificationType,
  channel: z.enum(SUBSCRIPTION_CHANNELS),
  /** The shared channel, for channel = target. */
  channelId: zIdValue().nullable().optional(),
  enabled: z.boolean().default(true),
  minSeverity: ZSeverity.nullable().optional(),
});
export type SaveDefaultSubscriptionRequest = z.input<typeof ZSaveDefaultSubscriptionRequest>;
export type DefaultSubscriptionInput = z.output<typeof ZSaveDefaultSubscriptionRequest>;

// ---- responses

/** One in-app alert of the caller. */
export const ZNotificationAlert = z.object({
  id: zId(),
  notificationId: zId(),
  type: z.string(),
  productId: zId().nullable(),
  severity: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  url: z.string().nullable(),
  read: z.boolean(),
  readAt: zInstant().nullable(),
  createdAt: zInstant(),
});
export type NotificationAlert = z.infer<typeof ZNotificationAlert>;

export const ZAlertPage = z.object({
  items: z.array(ZNotificationAlert),
  nextBefore: zId().nullable().describe('pass back as `before` for the next (older) page; null at the end'),
  unread: z.number().int(),
});
export type AlertPage = z.infer<typeof ZAlertPage>;

export const ZUnreadNotifications = z.object({ unread: z.number().int() });
export const ZMarkNotificationsRead = z.object({
  updated: z.number().int().describe('alerts marked read by this request'),
  unread: z.number().int(),
});
export type MarkNotificationsRead = z.infer<typeof ZMarkNotificationsRead>;

export const ZNotificationTypeInfo = z.object({
  type: ZNotificationType,
  label: z.string(),
  audience: z.enum(NOTIFICATION_AUDIENCES),
});
export type NotificationTypeInfo = z.infer<typeof ZNotificationTypeInfo>;
export const ZNotificationTypeList = zItems(ZNotificationTypeInfo);

/** A subscription: a user's (userId), a team's (teamId) or a system-wide default (neither). */
export const ZNotificationSubscription = z.object({
  id: zId(),
  userId: zId().nullable(),
  teamId: zId().nullable(),
  productId: zId().nullable(),
  eventType: z.string(),
  channel: z.enum(SUBSCRIPTION_CHANNELS),
  channelId: zId().nullable(),
  enabled: z.boolean(),
  minSeverity: ZSeverity.nullable(),
});
export type NotificationSubscription = z.infer<typeof ZNotificationSubscription>;
export const ZNotificationSubscriptionList = zItems(ZNotificationSubscription);
