import nodemailer, { type Transporter } from 'nodemailer';
import type { NotificationRow } from '@vigil/db';
import { DeliveryError } from './delivery-error.ts';

export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS (port 465); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  /** Refuse to send without TLS (STARTTLS required). */
  requireTls: boolean;
  /** Accept a self-signed server certificate (test servers only). */
  allowInvalidCertificate?: boolean;
}

export interface EmailMessage {
  deliveryKey: string;
  to: string;
  notification: NotificationRow;
  link: string | null;
}

export interface PlainEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The HTML part: title, body paragraphs and lines, link. Everything from data is escaped. */
export function emailHtml(n: NotificationRow, link: string | null): string {
  const body = escapeHtml(n.body).split('\n').join('<br>\n');
  return `<!doctype html><html><body style="font-family:sans-serif">
<h2 style="margin:0 0 12px">${escapeHtml(n.title)}</h2>
<p>${body}</p>
${link ? `<p><a href="${escapeHtml(link)}">Open in Vigil</a></p>` : ''}
<p style="color:#888;font-size:12px">You receive this because of your Vigil notification settings.</p>
</body></html>`;
}

/** Email over SMTP (nodemailer), HTML and text; the Message-ID derives from the delivery key. */
export class EmailSender {
  private readonly transport: Transporter;

  constructor(
    private readonly smtp: SmtpSettings,
    timeoutMs: number,
  ) {
    this.transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      requireTLS: smtp.requireTls,
      auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      tls: smtp.allowInvalidCertificate ? { rejectUnauthorized: false } : undefined,
    });
  }

  async send(m: EmailMessage): Promise<void> {
    const n = m.notification;
    const domain = this.smtp.from.split('@')[1]?.replace(/[^A-Za-z0-9.-]/g, '') || 'vigil.local';
    try {
      await this.transport.sendMail({
        from: this.smtp.from,
        to: m.to,
        subject: `[Vigil] ${n.title}`,
        text: `${n.title}\n\n${n.body}${m.link ? `\n\n${m.link}` : ''}\n`,
        html: emailHtml(n, m.link),
        messageId: `<${m.deliveryKey.replace(/[^A-Za-z0-9.:-]/g, '')}@${domain}>`,
        headers: { 'X-Vigil-Delivery': m.deliveryKey, 'X-Vigil-Event': n.type },
      });
    } catch (err) {
      const e = err as { responseCode?: number; code?: string; message?: string };
      // 5xx SMTP answers are permanent (bad address, refused); the rest may pass later.
      const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
      throw new DeliveryError(
        `SMTP: ${e.code ?? ''} ${e.responseCode ?? ''} ${(e.message ?? String(err)).slice(0, 300)}`
          .replace(/\s+/g, ' ')
          .trim(),
        !permanent,
      );
    }
  }

  /** A message that is not a notification (an address verification link); errors as for send(). */
  async sendMessage(m: PlainEmail): Promise<void> {
    try {
      await this.transport.sendMail({ from: this.smtp.from, to: m.to, subject: m.subject, text: m.text, html: m.html });
    } catch (err) {
      const e = err as { responseCode?: number; code?: string; message?: string };
      throw new DeliveryError(
        `SMTP: ${e.code ?? ''} ${e.responseCode ?? ''} ${(e.message ?? String(err)).slice(0, 300)}`
          .replace(/\s+/g, ' ')
          .trim(),
        !(typeof e.responseCode === 'number' && e.responseCode >= 500),
      );
    }
  }

  close(): void {
    this.transport.close();
  }
}
