import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { OutboundGuard } from '../outbound-guard.ts';
import { DeliveryError } from './delivery-error.ts';

export interface HttpResult {
  status: number;
  body: string;
}

/** Largest response body read (the rest is dropped): receivers' answers are only for error messages. */
const MAX_RESPONSE = 16 * 1024;

/**
 * POSTs through the SSRF guard: the host is resolved and checked now, and the socket connects to
 * exactly that address (the URL's host still goes in Host and TLS SNI), so a DNS answer changed
 * since the channel was saved cannot point the request elsewhere. Redirects are not followed.
 */
export async function guardedPost(guard: OutboundGuard, rawUrl: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<HttpResult> {
  const { url, address } = await guard.checkUrl(rawUrl).catch((err: Error) => {
    throw new DeliveryError(err.message, false);
  });
  const family = address.includes(':') ? 6 : 4;
  const pinned: LookupFunction = (_host, opts, cb) => {
    if ((opts as { all?: boolean }).all) (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else cb(null, address, family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<HttpResult>((resolve, reject) => {
    const req = client.request(
      url,
      { method: 'POST', lookup: pinned, timeout: timeoutMs, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Vigil-Notifications/1', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < MAX_RESPONSE) text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text.slice(0, MAX_RESPONSE) }));
        res.on('error', (err) => reject(new DeliveryError(`response error: ${err.message}`, true)));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => reject(err instanceof DeliveryError ? err : new DeliveryError(`${url.host}: ${err.message}`, true)));
    req.end(body);
  });
}

/** Throws a DeliveryError unless the answer is 2xx; 408, 429 and 5xx may be retried. */
export function requireSuccess(r: HttpResult, what: string): void {
  if (r.status >= 200 && r.status < 300) return;
  const retryable = r.status === 408 || r.status === 429 || r.status >= 500;
  throw new DeliveryError(`${what} answered HTTP ${r.status}${r.body ? `: ${r.body.slice(0, 200)}` : ''}`, retryable);
}
