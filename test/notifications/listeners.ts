import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { waitFor } from '../support/wait.ts';

export interface HttpHit {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local HTTP receiver; `respond` decides each status (default 200). */
export async function httpReceiver(respond: (hit: HttpHit, n: number) => number = () => 200) {
  const hits: HttpHit[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const hit = { path: req.url ?? '', headers: req.headers, body };
      hits.push(hit);
      const status = respond(hit, hits.length);
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(status < 300 ? '{"ok":true}' : '{"ok":false,"description":"nope"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    hits,
    port,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A real SMTP server (smtp-server) that keeps every message it receives. */
export async function smtpReceiver() {
  const mails: { from: string; to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => (raw += c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return { mails, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Syslog collectors: TCP (octet-counted frames) and UDP (one message per datagram). */
export async function syslogTcp() {
  const lines: string[] = [];
  let buffer = '';
  const server: TcpServer = createTcpServer((socket) => {
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => {
      buffer += c;
      for (;;) {
        const m = /^(\d+) /.exec(buffer);
        if (!m) break;
        const len = Number(m[1]);
        const start = m[0].length;
        if (Buffer.byteLength(buffer.slice(start)) < len) break;
        const frame = Buffer.from(buffer.slice(start)).subarray(0, len).toString('utf8');
        lines.push(frame);
        buffer = buffer.slice(start + frame.length);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    lines,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export async function syslogUdp() {
  const lines: string[] = [];
  const socket: Socket = createSocket('udp4');
  socket.on('message', (m) => lines.push(m.toString('utf8')));
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  return { lines, port: socket.address().port, close: () => new Promise<void>((r) => socket.close(() => r())) };
}

export async function until(check: () => boolean, ms = 3000): Promise<void> {
  await waitFor(check, { timeoutMs: ms, everyMs: 20 });
}

/** A self-signed certificate for 127.0.0.1 made with the openssl CLI (null when it is missing). */
export function selfSignedCert(): { key: string; cert: string } | null {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-tls-'));
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) return null;
  return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
}

/** A syslog collector over TLS (RFC 5425 octet-counted frames). */
export async function syslogTls(creds: { key: string; cert: string }) {
  const lines: string[] = [];
  const server = createTlsServer(creds, (socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => {
      buffer += c;
      const m = /^(\d+) /.exec(buffer);
      if (m && buffer.length >= m[0].length + Number(m[1]))
        lines.push(buffer.slice(m[0].length, m[0].length + Number(m[1])));
    });
    socket.on('error', () => {});
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    lines,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
