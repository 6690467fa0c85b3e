import { z } from 'zod';
import { NOTIFICATION_TYPE_NAMES } from '@vigil/core';
import { CHANNEL_KINDS, SEVERITIES } from '@vigil/contract';

const zType = () => z.enum(NOTIFICATION_TYPE_NAMES as [string, ...string[]]);
const zSeverity = () => z.enum(SEVERITIES);

export const ZListNotificationsQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
});

export const ZMarkReadRequest = z.object({ ids: z.array(z.number().int().positive()).min(1).max(1000) });

export const ZSubscriptionQuery = z.object({ teamId: z.coerce.number().int().positive().optional() });

export const ZSaveSubscriptionRequest = z.object({
  teamId: z.number().int().positive().optional(),
  productId: z.number().int().positive().nullable().optional(),
  eventType: zType(),
  channel: z.enum(['alert', 'email']),
  enabled: z.boolean().default(true),
  minSeverity: zSeverity().nullable().optional(),
});
export type SaveSubscriptionRequest = z.infer<typeof ZSaveSubscriptionRequest>;

export const ZSaveDefaultRequest = z.object({
  productId: z.number().int().positive().nullable().optional(),
  eventType: zType(),
  channel: z.enum(['alert', 'email', 'target']),
  channelId: z.number().int().positive().nullable().optional(),
  enabled: z.boolean().default(true),
  minSeverity: zSeverity().nullable().optional(),
});

const secret = () => z.string().min(1).max(4096);
const channelFields = {
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean().optional(),
  maxFailures: z.number().int().min(1).max(1000).optional(),
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
  protocol: z.enum(['udp', 'tcp', 'tls']).optional(),
  facility: z.number().int().min(0).max(23).optional(),
  caPem: z.string().max(65536).optional(),
};
export const ZCreateChannelRequest = z.object({ kind: z.enum(CHANNEL_KINDS), ...channelFields });
export const ZUpdateChannelRequest = z.object(channelFields).partial();
