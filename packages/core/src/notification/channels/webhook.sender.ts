import { createHmac } from 'node:crypto';
import type { OutboundGuard } from '../outbound-guard.ts';
import type { ChannelSender, OpenChannel, OutgoingMessage } from './channel-sender.ts';
import { DeliveryError } from './delivery-error.ts';
import { guardedPost, requireSuccess } from './guarded-http.ts';

export const SIGNATURE_HEADER = 'x-vigil-signature';
export const TIMESTAMP_HEADER = 'x-vigil-timestamp';
export const DELIVERY_HEADER = 'x-vigil-delivery';

/** `sha256=<hex>` of HMAC-SHA256(secret, `<timestamp>.<body>`). */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** JSON body of a generic webhook (the documented, stable shape). */
export function webhookPayload(m: OutgoingMessage) {
  const n = m.notification;
  return {
    id: m.deliveryKey,
    notificationId: Number(n.id),
    type: n.type,
    createdAt: n.created_at.toISOString(),
    productId: n.product_id,
    severity: n.severity,
    title: n.title,
    body: n.body,
    url: m.link,
    details: n.details,
  };
}

/**
 * Generic webhook: JSON POST signed over `timestamp.body`, with the delivery key in
 * X-Vigil-Delivery and Idempotency-Key so a receiver can drop a repeated delivery.
 */
export class WebhookSender implements ChannelSender {
  constructor(
    private readonly guard: OutboundGuard,
    private readonly timeoutMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(channel: OpenChannel, m: OutgoingMessage): Promise<void> {
    if (!channel.secrets.url) throw new DeliveryError('The webhook has no URL', false);
    const body = JSON.stringify(webhookPayload(m));
    const timestamp = String(Math.floor(this.now().getTime() / 1000));
    const headers: Record<string, string> = {
      [TIMESTAMP_HEADER]: timestamp,
      [DELIVERY_HEADER]: m.deliveryKey,
      'idempotency-key': m.deliveryKey,
      'x-vigil-event': m.notification.type,
    };
    if (channel.secrets.hmacSecret)
      headers[SIGNATURE_HEADER] = signWebhook(channel.secrets.hmacSecret, timestamp, body);
    requireSuccess(await guardedPost(this.guard, channel.secrets.url, body, headers, this.timeoutMs), 'The webhook');
  }
}
