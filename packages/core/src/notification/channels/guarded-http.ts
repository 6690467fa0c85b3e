import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { AppError } from '../../errors/app-error.ts';
import type { OutboundGuard } from '../outbound-guard.ts';
import { DeliveryError } from './delivery-error.ts';

export interface HttpResult {
  status: number;
  body: string;
  /** The answer was longer than the request's maxResponseBytes; `body` holds its start. */
  truncated?: boolean;
}

export interface GuardedRequestOptions {
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Socket idle timeout: no connection, or no data, for this long fails the request. */
  timeoutMs: number;
  /** Largest answer read; the rest is not downloaded. */
  maxResponseBytes: number;
  /** The field named in a refusal (`url`). */
  what?: string;
}

/** A request that was sent (or tried) and failed on the network: no answer to read. */
export class OutboundNetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundNetworkError';
  }
}

/**
 * Every outbound HTTP(S) call goes through here (docs/notifications.md, "SSRF guard"). The URL's
 * host is resolved and every address checked by the guard just before connecting, and the socket
 * connects to exactly the checked address (the URL's host still goes in Host and TLS SNI), so a
 * DNS answer changed since the target was saved (rebinding) cannot point the request elsewhere.
 * Redirects are never followed: a 3xx is returned as it is, so no second, unchecked target is
 * contacted. A refused target throws the guard's AppError before any connection is opened.
 */
export async function guardedRequest(
  guard: OutboundGuard,
  rawUrl: string,
  o: GuardedRequestOptions,
): Promise<HttpResult> {
  const { url, address } = await guard.checkUrl(rawUrl, o.what);
  const family = address.includes(':') ? 6 : 4;
  // With `all: true` (net.connect asks so when autoSelectFamily is on, the default since Node 20) the answer is a list.
  const pinned: LookupFunction = (_host, opts, cb) => {
    if (opts.all) cb(null, [{ address, family }]);
    else cb(null, address, family);
  };
  const client = url.protocol === 'https:' ? https : http;
  const headers = {
    ...o.headers,
    ...(o.body !== undefined ? { 'content-length': String(Buffer.byteLength(o.body)) } : {}),
  };
  return new Promise<HttpResult>((resolve, reject) => {
    const req = client.request(url, { method: o.method, lookup: pinned, timeout: o.timeoutMs, headers }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (truncated: boolean) =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), truncated });
      res.on('data', (chunk: Buffer) => {
        if (size + chunk.length > o.maxResponseBytes) {
          chunks.push(chunk.subarray(0, o.maxResponseBytes - size));
          size = o.maxResponseBytes;
          res.destroy();
          done(true);
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => done(false));
      res.on('error', (err) => reject(new OutboundNetworkError(`response error: ${err.message}`)));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${o.timeoutMs} ms`)));
    req.on('error', (err) => reject(new OutboundNetworkError(`${url.host}: ${err.message}`)));
    req.end(o.body);
  });
}

/** Largest response body a notification send reads: receivers' answers only give a status. */
const MAX_NOTIFICATION_RESPONSE = 16 * 1024;

/** POSTs a notification through the guard; refusals are permanent failures, network errors retried. */
export async function guardedPost(
  guard: OutboundGuard,
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<HttpResult> {
  try {
    return await guardedRequest(guard, rawUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Vigil-Notifications/1', ...headers },
      body,
      timeoutMs,
      maxResponseBytes: MAX_NOTIFICATION_RESPONSE,
    });
  } catch (err) {
    if (err instanceof AppError) throw new DeliveryError(err.message, false);
    throw new DeliveryError((err as Error).message, true);
  }
}

/**
 * Throws a DeliveryError unless the answer is 2xx; 408, 429 and 5xx may be retried. The message
 * holds the status only: the receiver's body is never echoed (it is shown to administrators).
 */
export function requireSuccess(r: HttpResult, what: string): void {
  if (r.status >= 200 && r.status < 300) return;
  const retryable = r.status === 408 || r.status === 429 || r.status >= 500;
  throw new DeliveryError(`${what} answered HTTP ${r.status}`, retryable);
}
