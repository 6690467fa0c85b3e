import type { IncomingMessage, Server } from 'node:http';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** How long a client may take (docs/api.md, "Timeouts"); all in milliseconds. */
export interface HttpTimeouts {
  /** The whole header section of a request must arrive within this. */
  headersMs: number;
  /** The body of a request (other than an authenticated upload) must arrive within this after its headers. */
  bodyMs: number;
  /**
   * The whole of an authenticated multipart upload to an upload route (a scan import,
   * a finding file) must arrive within this.
   */
  uploadMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  headersMs: 20_000,
  bodyMs: 60_000,
  uploadMs: 900_000,
  keepAliveMs: 72_000,
};

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

/** What the connection handling knows about one request whose body is (or was) arriving. */
interface BodyState {
  /** When the headers arrived. */
  startedAt: number;
  /** The body has been read to its end (raw.complete covers real sockets; 'end' covers inject). */
  ended: boolean;
  /** The body timeout (or, once granted, the upload timeout). */
  timer: NodeJS.Timeout | null;
  /** A non-multipart body read from the first onRequest hook, handed to Fastify's parser in preParsing. */
  eager: PassThrough | null;
}

const states = new WeakMap<IncomingMessage, BodyState>();

/**
 * How connections end.
 * - A request whose body has fully arrived is carried out even if the client closes its side right
 *   after sending it (FIN): Node's HTTP server otherwise ends the socket and destroys the request,
 *   so a body still waiting in the request stream (behind async onRequest hooks) was lost and the
 *   write never happened. Half-open keeps the socket until the response is written.
 * - The same when the client resets the connection (RST): Node destroys every request not yet
 *   answered, whatever arrived. So the body of a non-multipart request is read eagerly, from the first
 *   onRequest hook (at most the route's body limit plus one chunk), and handed to Fastify's parser in
 *   preParsing: a body that arrived completely (raw.complete) is parsed and carried out; one that did
 *   not is dropped as before.
 * - A request body that has not fully arrived `bodyMs` after the headers is answered 408 and its
 *   connection closed. Only an upload route (`config: { upload: true }`) receiving multipart from an
 *   authenticated caller gets `uploadMs` instead, counted from the headers, granted after sign-in.
 * - A response sent while the request body is still arriving (a 401, 403, 413, 400...) carries
 *   `Connection: close`, and the connection is closed once the response is flushed; the rest of the
 *   body is not read.
 */
export function registerConnectionHandling(app: FastifyInstance, t: HttpTimeouts): void {
  (app.server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;

  app.addHook('onRequest', (req, reply, done) => {
    const raw = req.raw;
    if (!hasBody(req.headers)) return done();
    const state: BodyState = { startedAt: Date.now(), ended: false, timer: null, eager: null };
    states.set(raw, state);
    raw.once('end', () => {
      state.ended = true;
      clearTimer(state);
    });
    raw.once('close', () => clearTimer(state));
    if (!isMultipart(req.headers['content-type']))
      state.eager = readEagerly(raw, req.routeOptions.bodyLimit ?? Infinity, req.headers['content-length']);
    if (!bodyDone(raw, state)) state.timer = startTimer(req, reply, state, t.bodyMs, t.bodyMs);
    done();
  });

  app.addHook('preParsing', (req, _reply, payload, done) => {
    const eager = states.get(req.raw)?.eager;
    done(null, eager ?? payload);
  });

  // An upload route's own preHandler, after the app's (the auth hook has resolved the caller by then).
  app.addHook('onRoute', (route) => {
    if (route.config?.upload !== true) return;
    const grant = (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const state = states.get(req.raw);
      if (state?.timer && req.actor && isMultipart(req.headers['content-type']) && !bodyDone(req.raw, state)) {
        clearTimer(state);
        state.timer = startTimer(req, reply, state, t.uploadMs - (Date.now() - state.startedAt), t.uploadMs);
      }
      done();
    };
    const own = route.preHandler;
    route.preHandler = own === undefined ? [grant] : Array.isArray(own) ? [...own, grant] : [own, grant];
  });

  app.addHook('onSend', (req, reply, payload, done) => {
    const state = states.get(req.raw);
    if (!state || bodyDone(req.raw, state)) return done(null, payload);
    // Answered before the body arrived: say so, and hang up once the answer is flushed.
    void reply.header('connection', 'close');
    reply.raw.once('finish', () => {
      if (!bodyDone(req.raw, state)) closeSoon(req.raw);
    });
    done(null, payload);
  });
}

/** Starts the timer that answers 408 (or, after a response, just closes) when the body is late. */
function startTimer(
  req: FastifyRequest,
  reply: FastifyReply,
  state: BodyState,
  ms: number,
  limitMs: number,
): NodeJS.Timeout {
  const raw = req.raw;
  const timer = setTimeout(
    () => {
      if (bodyDone(raw, state)) return;
      req.log.info({ reqId: req.id }, 'request body timeout');
      const res = reply.raw;
      if (!res.headersSent && !res.destroyed) {
        const body = JSON.stringify({
          error: { code: 'REQUEST_TIMEOUT', message: `The request body did not arrive within ${limitMs / 1000} s` },
        });
        const headers = {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          connection: 'close',
          'x-request-id': req.id,
        };
        res.writeHead(408, headers).end(body, () => raw.socket?.destroy());
      } else {
        raw.socket?.destroy();
      }
    },
    Math.max(0, ms),
  );
  timer.unref();
  return timer;
}

/**
 * Reads a request body as it arrives into a stream Fastify's parser reads later. Stops reading one
 * chunk past `limit` (the parser then answers 413); a body declared larger than the limit is not read
 * at all (the parser answers 413 from the header). If the request is destroyed (the socket reset)
 * after its body completely arrived, the stream still ends normally; before that, it fails.
 */
function readEagerly(
  raw: IncomingMessage,
  limit: number,
  contentLength: string | string[] | undefined,
): PassThrough | null {
  if (typeof contentLength === 'string' && Number(contentLength) > limit) return null;
  const out = new PassThrough();
  let bytes = 0;
  const onData = (chunk: Buffer) => {
    out.write(chunk);
    bytes += chunk.length;
    if (bytes > limit) {
      raw.off('data', onData);
      raw.pause();
    }
  };
  raw.on('data', onData);
  raw.once('end', () => out.end());
  raw.on('error', () => {});
  raw.once('close', () => {
    if (out.writableEnded || out.destroyed || bytes > limit) return;
    if (raw.complete) {
      // Reset after the last byte: whatever the request stream still holds is the rest of the body.
      for (let chunk = raw.read() as Buffer | null; chunk !== null; chunk = raw.read() as Buffer | null)
        out.write(chunk);
      out.end();
    } else {
      out.destroy(
        Object.assign(new Error('The client closed the connection before the request body arrived'), {
          statusCode: 400,
        }),
      );
    }
  });
  return out;
}

/** Ends the connection after what has been written is flushed, without reading the rest of the body. */
function closeSoon(raw: IncomingMessage): void {
  const socket = raw.socket as (IncomingMessage['socket'] & { destroySoon?: () => void }) | null;
  if (!socket || socket.destroyed) return;
  if (typeof socket.destroySoon === 'function') socket.destroySoon();
  else socket.destroy();
}

function clearTimer(state: BodyState): void {
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
}

function bodyDone(raw: IncomingMessage, state: BodyState): boolean {
  return raw.complete === true || state.ended;
}

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function isMultipart(contentType: string | string[] | undefined): boolean {
  return typeof contentType === 'string' && contentType.toLowerCase().startsWith('multipart/form-data');
}
