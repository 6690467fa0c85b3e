import type { OutboundGuard } from '../outbound-guard.ts';
import type { ChannelSender, OpenChannel, OutgoingMessage } from './channel-sender.ts';
import { DeliveryError } from './delivery-error.ts';
import { guardedPost, requireSuccess } from './guarded-http.ts';

/** Slack and Mattermost incoming webhooks take `{text}` with their own link markup. */
export function slackPayload(m: OutgoingMessage) {
  const title = m.link
    ? `*<${m.link}|${escapeSlack(m.notification.title)}>*`
    : `*${escapeSlack(m.notification.title)}*`;
  return { text: `${title}\n${escapeSlack(m.notification.body)}` };
}

export function mattermostPayload(m: OutgoingMessage) {
  const title = m.link ? `**[${m.notification.title}](${m.link})**` : `**${m.notification.title}**`;
  return { text: `${title}\n${m.notification.body}`, username: 'Vigil' };
}

/** Microsoft Teams (Workflows or connector) incoming webhook: a message with one Adaptive Card. */
export function teamsPayload(m: OutgoingMessage) {
  const body: unknown[] = [
    { type: 'TextBlock', text: m.notification.title, weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'TextBlock', text: m.notification.body, wrap: true },
  ];
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
          ...(m.link ? { actions: [{ type: 'Action.OpenUrl', title: 'Open in Vigil', url: m.link }] } : {}),
        },
      },
    ],
  };
}

function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const FORMATS = { slack: slackPayload, mattermost: mattermostPayload, msteams: teamsPayload } as const;

/** Slack, Mattermost and Teams incoming webhooks (the URL itself is the credential). */
export class ChatWebhookSender implements ChannelSender {
  constructor(
    private readonly guard: OutboundGuard,
    private readonly timeoutMs: number,
  ) {}

  async send(channel: OpenChannel, m: OutgoingMessage): Promise<void> {
    const format = FORMATS[channel.kind as keyof typeof FORMATS];
    if (!format) throw new DeliveryError(`Not a chat channel: ${channel.kind}`, false);
    if (!channel.secrets.url) throw new DeliveryError('The channel has no webhook URL', false);
    const payload = format(m);
    const r = await guardedPost(
      this.guard,
      channel.secrets.url,
      JSON.stringify(payload),
      { 'x-vigil-delivery': m.deliveryKey },
      this.timeoutMs,
    );
    requireSuccess(r, `The ${channel.kind} webhook`);
  }
}
