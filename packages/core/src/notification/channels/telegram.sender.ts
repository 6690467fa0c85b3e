import type { OutboundGuard } from '../outbound-guard.ts';
import type { ChannelSender, OpenChannel, OutgoingMessage } from './channel-sender.ts';
import { plainText } from './channel-sender.ts';
import { DeliveryError } from './delivery-error.ts';
import { guardedPost, requireSuccess } from './guarded-http.ts';

/** Telegram's sendMessage text limit. */
const MAX_TEXT = 4096;

/** Telegram Bot API `sendMessage` to a chat; the API base URL is configurable (tests, proxies). */
export class TelegramSender implements ChannelSender {
  constructor(
    private readonly guard: OutboundGuard,
    private readonly apiBaseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  async send(channel: OpenChannel, m: OutgoingMessage): Promise<void> {
    const token = channel.secrets.botToken;
    const chatId = channel.settings.chatId;
    if (!token) throw new DeliveryError('The Telegram channel has no bot token', false);
    if (typeof chatId !== 'string' && typeof chatId !== 'number')
      throw new DeliveryError('The Telegram channel has no chat id', false);
    const url = `${this.apiBaseUrl.replace(/\/+$/, '')}/bot${token}/sendMessage`;
    const body = JSON.stringify({
      chat_id: chatId,
      text: plainText(m).slice(0, MAX_TEXT),
      disable_web_page_preview: true,
    });
    const r = await guardedPost(this.guard, url, body, {}, this.timeoutMs);
    // The Bot API's {ok:false, description} is not echoed: errors carry the status only.
    requireSuccess(r, 'Telegram');
  }
}
