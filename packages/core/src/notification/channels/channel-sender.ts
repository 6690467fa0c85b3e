import type { ChannelKind, NotificationRow } from '@vigil/db';

/** What a channel sends: the stored notification plus the delivery's identity. */
export interface OutgoingMessage {
  /** Unique per (notification, channel, recipient); receivers dedupe on it. */
  deliveryKey: string;
  notification: NotificationRow;
  /** Absolute link into the web app, when a public URL is configured. */
  link: string | null;
}

/** A channel row with its credentials opened (held in memory only for the send). */
export interface OpenChannel {
  id: number;
  name: string;
  kind: ChannelKind;
  settings: Record<string, unknown>;
  secrets: ChannelSecrets;
}

export interface ChannelSecrets {
  /** Incoming-webhook URL (Slack, Teams, Mattermost, generic webhook). */
  url?: string;
  /** HMAC-SHA256 signing secret of a generic webhook. */
  hmacSecret?: string;
  /** Telegram bot token. */
  botToken?: string;
}

export interface ChannelSender {
  send(channel: OpenChannel, message: OutgoingMessage): Promise<void>;
}

/** Plain text of a notification, shared by the text-only channels. */
export function plainText(m: OutgoingMessage): string {
  return `${m.notification.title}\n\n${m.notification.body}${m.link ? `\n\n${m.link}` : ''}`;
}
