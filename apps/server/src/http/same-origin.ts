import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@vigil/core';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery, login CSRF included: a browser sends POST/PUT/PATCH/DELETE from
 * another origin only through a form or a "simple" request, which carries `Sec-Fetch-Site` and/or
 * `Origin`. Such a request is refused (403 CSRF_FAILED) before its body is read. A request with
 * neither header (scripts, the CLI, the MiniTwit simulator, webhooks) is not a browser's and passes.
 * Same origin = the request's own host (X-Forwarded-Host when VIGIL_TRUST_PROXY=true).
 */
export function registerSameOriginCheck(app: FastifyInstance): void {
  app.addHook('onRequest', (req, _reply, done) => {
    if (!UNSAFE.has(req.method)) return done();
    const refusal = crossOriginRefusal(req);
    done(refusal ? new AppError('CSRF_FAILED', refusal) : undefined);
  });
}

/** Why the request comes from another origin, or undefined when it does not. */
export function crossOriginRefusal(req: Pick<FastifyRequest, 'headers' | 'host'>): string | undefined {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') {
    // The browser's own verdict; 'none' is the user's own navigation (typed URL, bookmark).
    if (site === 'same-origin' || site === 'none') return undefined;
    return (
      `Cross-origin request refused: this ${site} form or script may not change anything here ` +
      `(Sec-Fetch-Site: ${site})`
    );
  }
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return undefined;
  let originHost: string | undefined;
  try {
    originHost = origin === 'null' ? undefined : new URL(origin).host;
  } catch {
    originHost = undefined;
  }
  if (originHost !== undefined && originHost.toLowerCase() === String(req.host).toLowerCase()) return undefined;
  return (
    `Cross-origin request refused: a page on ${origin} may not change anything here (Origin does not match this ` +
    `server's host)`
  );
}
