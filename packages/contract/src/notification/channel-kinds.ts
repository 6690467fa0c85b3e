// Kinds of notification channel (outbound targets), without zod so the web app can import the list.
export const CHANNEL_KINDS = ['slack', 'msteams', 'mattermost', 'telegram', 'webhook', 'syslog'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
