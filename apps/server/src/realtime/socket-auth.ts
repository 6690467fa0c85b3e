import type { IncomingMessage } from 'node:http';
import { digest, type Actor, type AuthService } from '@vigil/core';
import { SESSION_COOKIE } from '../http/auth-hook.ts';

/** What a client may send in the Socket.IO handshake `auth` object. */
export interface HandshakeAuth {
  token?: unknown;
  lastEventId?: unknown;
  findings?: unknown;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/** What authenticated a socket, in its stored form (session id or token hash), so it can be re-checked. */
export interface SocketCredential {
  kind: 'session' | 'token';
  key: string;
}

export interface SocketIdentity {
  actor: Actor;
  credential: SocketCredential;
}

/**
 * Authenticates a socket with the same service as the REST API: an API token (handshake
 * `auth.token`, or `Authorization: Token|Bearer` header), else the session cookie. A cookie is
 * accepted only from the page's own origin (Origin host = Host), which stops cross-site
 * WebSocket hijacking; token clients are not browsers riding on ambient credentials.
 */
export async function authenticateSocket(
  auth: AuthService,
  req: IncomingMessage,
  handshake: HandshakeAuth,
): Promise<SocketIdentity | undefined> {
  const header = req.headers.authorization;
  const token =
    typeof handshake.token === 'string' && handshake.token
      ? handshake.token
      : header && /^(token|bearer)\s/i.test(header)
        ? header.replace(/^(token|bearer)\s+/i, '').trim()
        : undefined;
  if (token) {
    const actor = await auth.fromApiToken(token);
    return actor && { actor, credential: { kind: 'token', key: digest(token) } };
  }
  const session = cookieValue(req.headers.cookie, SESSION_COOKIE);
  if (!session) return undefined;
  const origin = req.headers.origin;
  if (origin) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return undefined;
    }
    if (originHost !== req.headers.host) return undefined;
  }
  const actor = (await auth.fromSession(session))?.actor;
  return actor && { actor, credential: { kind: 'session', key: digest(session) } };
}
