import { createSocket } from 'node:dgram';
import { connect as tcpConnect, isIP, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { connect as tlsConnect } from 'node:tls';
import type { OutboundGuard } from '../outbound-guard.ts';
import type { ChannelSender, OpenChannel, OutgoingMessage } from './channel-sender.ts';
import { cefMessage } from './cef.ts';
import { DeliveryError } from './delivery-error.ts';

export type SyslogProtocol = 'udp' | 'tcp' | 'tls';

export interface SyslogSettings {
  host: string;
  port: number;
  protocol: SyslogProtocol;
  /** RFC 5424 facility number (default 10, security/authorization). */
  facility?: number;
  /** PEM of the CA that signed the collector's certificate (TLS), else the system CAs. */
  caPem?: string;
}

const PROTOCOLS: readonly SyslogProtocol[] = ['udp', 'tcp', 'tls'];

/** A syslog channel's stored settings, checked as they are read (they were validated when saved). */
export function syslogSettings(settings: Record<string, unknown>): SyslogSettings {
  const { host, port, protocol, facility, caPem } = settings;
  const known = PROTOCOLS.find((p) => p === protocol);
  if (typeof host !== 'string' || typeof port !== 'number' || !known)
    throw new DeliveryError('The syslog channel has no valid host, port and protocol; edit and save it again', false);
  return {
    host,
    port,
    protocol: known,
    ...(typeof facility === 'number' ? { facility } : {}),
    ...(typeof caPem === 'string' ? { caPem } : {}),
  };
}

const CEF_TO_SYSLOG_SEVERITY: Record<string, number> = { Critical: 2, High: 3, Medium: 4, Low: 5, Info: 6 };

/** RFC 5424 line: `<PRI>1 TIMESTAMP HOST APP PROCID MSGID - MSG` (no structured data). */
export function syslogLine(m: OutgoingMessage, settings: SyslogSettings, version: string, host = hostname()): string {
  const facility = settings.facility ?? 10;
  const severity = CEF_TO_SYSLOG_SEVERITY[m.notification.severity ?? ''] ?? 5;
  const msgId = m.notification.type.replace(/[^\x21-\x7e]/g, '').slice(0, 32) || '-';
  const safeHost = host.replace(/[^\x21-\x7e]/g, '').slice(0, 255) || '-';
  return (
    `<${facility * 8 + severity}>1 ${new Date().toISOString()} ${safeHost} vigil ${process.pid} ${msgId} ` +
    `- ${cefMessage(m.notification, version, m.deliveryKey, m.link)}`
  );
}

/**
 * SIEM export: one RFC 5424 message with a CEF body per notification, over UDP (one datagram),
 * TCP or TLS (octet-counted framing, RFC 6587 / RFC 5425). The collector's host goes through the
 * SSRF guard and the socket connects to the checked address.
 */
export class SyslogSender implements ChannelSender {
  constructor(
    private readonly guard: OutboundGuard,
    private readonly version: string,
    private readonly timeoutMs: number,
  ) {}

  async send(channel: OpenChannel, m: OutgoingMessage): Promise<void> {
    const s = syslogSettings(channel.settings);
    const address = await this.guard.check(s.host, 'syslog host').catch((err: Error) => {
      throw new DeliveryError(err.message, false);
    });
    const line = Buffer.from(syslogLine(m, s, this.version), 'utf8');
    if (s.protocol === 'udp') return this.sendUdp(address, s.port, line);
    const framed = Buffer.concat([Buffer.from(`${line.length} `), line]);
    return this.sendStream(s, address, framed);
  }

  private sendUdp(address: string, port: number, line: Buffer): Promise<void> {
    const socket = createSocket(address.includes(':') ? 'udp6' : 'udp4');
    return new Promise<void>((resolve, reject) => {
      socket.send(line, port, address, (err) => {
        socket.close();
        if (err) reject(new DeliveryError(`syslog UDP ${address}:${port}: ${err.message}`, true));
        else resolve();
      });
    });
  }

  private sendStream(s: SyslogSettings, address: string, framed: Buffer): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const fail = (err: Error) => {
        socket.destroy();
        reject(new DeliveryError(`syslog ${s.protocol.toUpperCase()} ${s.host}:${s.port}: ${err.message}`, true));
      };
      const onConnect = () => socket.end(framed, () => resolve());
      const socket: Socket =
        s.protocol === 'tls'
          ? tlsConnect(
              {
                host: address,
                port: s.port,
                ...(isIP(s.host) ? {} : { servername: s.host }),
                ca: s.caPem,
                timeout: this.timeoutMs,
              },
              onConnect,
            )
          : tcpConnect({ host: address, port: s.port, timeout: this.timeoutMs }, onConnect);
      socket.on('timeout', () => fail(new Error(`no connection within ${this.timeoutMs} ms`)));
      socket.on('error', fail);
    });
  }
}
