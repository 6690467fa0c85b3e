import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** How long a client may take (docs/api.md, "Timeouts"); all in milliseconds. */
export interface HttpTimeouts {
  /** The whole header section of a request must arrive within this. */
  headersMs: number;
  /** The body of a request (other than a multipart upload) must arrive within this after its headers. */
  bodyMs: number;
  /** The whole of a multipart upload (a scan import, a finding file) must arrive within this. */
  uploadMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headersMs: 20_000, bodyMs: 60_000, uploadMs: 900_000, keepAliveMs: 72_000 };

/**
 * Options for Fastify's HTTP server. Node enforces the header timeout and, as the hard cap for every
 * request, the upload timeout (its requestTimeout is one value per server); the shorter body timeout
 * of ordinary requests is enforced by registerConnectionHandling.
 */
export function httpServerOptions(t: HttpTimeouts) {
  return {
    keepAliveTimeout: t.keepAliveMs,
    requestTimeout: Math.max(t.uploadMs, t.headersMs),
    http: {
      headersTimeout: t.headersMs,
      // Node checks the two timeouts above on this interval (default 30 s, too coarse for 20 s).
      connectionsCheckingInterval: Math.max(100, Math.min(5_000, Math.floor(Math.min(t.headersMs, t.bodyMs) / 4))),
    },
  };
}

/**
 * How connections end.
 * - A request whose body has fully arrived is carried out even if the client closes its side right
 *   after sending it: Node's HTTP server otherwise ends the socket on the client's FIN and destroys
 *   the request, so a body still waiting in the request stream (behind async onRequest hooks) was
 *   lost and the write never happened. Half-open keeps the socket until the response is written.
 * - A request body other than a multipart upload that has not fully arrived `bodyMs` after the
 *   headers is answered 408 and its connection closed.
 */
export function registerConnectionHandling(app: FastifyInstance, t: HttpTimeouts): void {
  (app.server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  app.addHook('onRequest', (req, reply, done) => {
    const raw = req.raw;
    if (raw.complete || !hasBody(req.headers) || isUpload(req.headers['content-type'])) return done();
    const timer = setTimeout(() => {
      if (raw.complete) return;
      req.log.info({ reqId: req.id }, 'request body timeout');
      const res = reply.raw;
      if (!res.headersSent && !res.destroyed) {
        const body = JSON.stringify({ error: { code: 'REQUEST_TIMEOUT', message: `The request body did not arrive within ${t.bodyMs / 1000} s` } });
        const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close', 'x-request-id': req.id };
        res.writeHead(408, headers).end(body, () => raw.socket?.destroy());
      } else {
        raw.socket?.destroy();
      }
    }, t.bodyMs);
    timer.unref();
    const clear = () => clearTimeout(timer);
    raw.once('end', clear);
    raw.once('close', clear);
    done();
  });
}

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function isUpload(contentType: string | string[] | undefined): boolean {
  return typeof contentType === 'string' && contentType.toLowerCase().startsWith('multipart/form-data');
}
