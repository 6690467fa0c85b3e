import { z } from 'zod';
import { zId, zInstant, zItems } from '../common/common.contract.ts';
import { CHANNEL_KINDS } from './channel-kinds.ts';
import { DELIVERY_STATUSES, SYSLOG_PROTOCOLS } from './notification-values.ts';

// Shared notification channels (administrators): Slack, Teams, Mattermost, Telegram, webhooks,
// syslog. Credentials go in and never come out.

// ---- requests

const secret = () => z.string().min(1).max(4096);
const channelFields = {
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean().optional(),
  maxFailures: z.number().int().min(1).max(1000).optional(),
  /** Slack/Teams/Mattermost/webhook URL. */
  url: z.string().url().max(2048).optional(),
  hmacSecret: secret().optional(),
  botToken: secret().optional(),
  chatId: z.string().min(1).max(200).optional(),
  host: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or address')
    .optional(),
  port: z.number().int().min(1).max(65535).optional(),
  protocol: z.enum(SYSLOG_PROTOCOLS).optional(),
  facility: z.number().int().min(0).max(23).optional(),
  caPem: z.string().max(65536).optional(),
};
export const ZCreateChannelRequest = z.object({ kind: z.enum(CHANNEL_KINDS), ...channelFields });
export type CreateChannelRequest = z.input<typeof ZCreateChannelRequest>;
/** A validated channel, as the service receives it. */
export type ChannelInput = z.output<typeof ZCreateChannelRequest>;
export const ZUpdateChannelRequest = z.object(channelFields).partial();
export type UpdateChannelRequest = z.input<typeof ZUpdateChannelRequest>;
export type ChannelPatch = z.output<typeof ZUpdateChannelRequest>;

// ---- responses

export const ZNotificationChannel = z.object({
  id: zId(),
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  settings: z.record(z.string(), z.unknown()).describe("the channel's settings without its credentials"),
  secretHint: z.string().describe('never the stored credentials: only host and last characters'),
  enabled: z.boolean(),
  maxFailures: z.number().int(),
  consecutiveFailures: z.number().int(),
  disabledReason: z.string().nullable(),
  lastError: z.string().nullable(),
  lastFailureAt: zInstant().nullable(),
  lastSuccessAt: zInstant().nullable(),
  createdAt: zInstant(),
});
export type NotificationChannel = z.infer<typeof ZNotificationChannel>;
export const ZNotificationChannelList = zItems(ZNotificationChannel);

export const ZChannelDelivery = z.object({
  id: zId(),
  notificationId: zId(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: zInstant().nullable(),
  sentAt: zInstant().nullable(),
  createdAt: zInstant(),
});
export type ChannelDelivery = z.infer<typeof ZChannelDelivery>;

/** GET /api/v1/admin/notification-channels/{id}: the channel and its latest deliveries. */
export const ZNotificationChannelDetail = ZNotificationChannel.extend({ recentDeliveries: z.array(ZChannelDelivery) });
export type NotificationChannelDetail = z.infer<typeof ZNotificationChannelDetail>;

export const ZChannelTest = z.object({ ok: z.boolean(), error: z.string().nullable() });
export type ChannelTest = z.infer<typeof ZChannelTest>;
