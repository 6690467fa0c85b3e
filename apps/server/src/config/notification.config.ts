import ipaddr from 'ipaddr.js';
import { z } from 'zod';

const splitList = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const isAddressOrCidr = (v: string) => (v.includes('/') ? ipaddr.isValidCIDR(v) : ipaddr.isValid(v));

/** Environment variables of notifications; parsed by loadConfig with the rest of ZEnv. */
export const ZNotificationEnv = z.object({
  VIGIL_PUBLIC_URL: z.string().url('must be the absolute URL users open Vigil at').optional(),
  VIGIL_OUTBOUND_ALLOW: z
    .string()
    .refine(
      (v) => splitList(v).every(isAddressOrCidr),
      'must be a comma-separated list of addresses or CIDRs, e.g. 127.0.0.1/32,10.0.0.0/8',
    )
    .default(''),
  VIGIL_SMTP_HOST: z.string().min(1).optional(),
  VIGIL_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  VIGIL_SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  VIGIL_SMTP_REQUIRE_TLS: z.enum(['true', 'false']).default('false'),
  VIGIL_SMTP_USER: z.string().optional(),
  VIGIL_SMTP_PASSWORD: z.string().optional(),
  VIGIL_SMTP_FROM: z
    .string()
    .regex(/^[^\s@<>]+@[^\s@<>]+$|^.+<[^\s@<>]+@[^\s@<>]+>$/, 'must be an address like vigil@example.com')
    .default('vigil@localhost'),
  VIGIL_TELEGRAM_API_URL: z.string().url().default('https://api.telegram.org'),
  VIGIL_NOTIFY_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
  VIGIL_NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  VIGIL_NOTIFY_RETRY_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  VIGIL_NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  VIGIL_RETENTION_NOTIFICATIONS_DAYS: z.coerce.number().int().min(1).max(36_500).default(90),
});

export interface NotificationConfig {
  /** Absolute base of the web app, for links in emails and chat messages ('' = no links). */
  publicUrl: string;
  /** CIDRs outbound requests may reach although private/loopback (SSRF guard exceptions). */
  outboundAllow: string[];
  /** Undefined when no SMTP host is configured: email deliveries are then not created. */
  smtp?: {
    host: string;
    port: number;
    secure: boolean;
    requireTls: boolean;
    user?: string;
    password?: string;
    from: string;
  };
  telegramApiUrl: string;
  intervalMs: number;
  maxAttempts: number;
  retryDelaySeconds: number;
  timeoutMs: number;
  /** Notifications older than this are deleted by the retention.notifications job. */
  retentionDays: number;
}

export function notificationConfig(e: z.infer<typeof ZNotificationEnv>): NotificationConfig {
  return {
    publicUrl: e.VIGIL_PUBLIC_URL?.replace(/\/+$/, '') ?? '',
    outboundAllow: splitList(e.VIGIL_OUTBOUND_ALLOW),
    smtp: e.VIGIL_SMTP_HOST
      ? {
          host: e.VIGIL_SMTP_HOST,
          port: e.VIGIL_SMTP_PORT,
          secure: e.VIGIL_SMTP_SECURE === 'true',
          requireTls: e.VIGIL_SMTP_REQUIRE_TLS === 'true',
          user: e.VIGIL_SMTP_USER,
          password: e.VIGIL_SMTP_PASSWORD,
          from: e.VIGIL_SMTP_FROM,
        }
      : undefined,
    telegramApiUrl: e.VIGIL_TELEGRAM_API_URL,
    intervalMs: e.VIGIL_NOTIFY_INTERVAL_MS,
    maxAttempts: e.VIGIL_NOTIFY_MAX_ATTEMPTS,
    retryDelaySeconds: e.VIGIL_NOTIFY_RETRY_SECONDS,
    timeoutMs: e.VIGIL_NOTIFY_TIMEOUT_MS,
    retentionDays: e.VIGIL_RETENTION_NOTIFICATIONS_DAYS,
  };
}

export const DEFAULT_NOTIFICATION_CONFIG: NotificationConfig = notificationConfig(ZNotificationEnv.parse({}));
