import type { FastifyInstance } from 'fastify';

/**
 * One JSON line per request: time, request id, user, IP, method, route, status, latency.
 * Bodies, query strings, cookies and Authorization headers are never logged.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        userId: req.actor?.userId ?? null,
        ip: req.ip,
        method: req.method,
        route: req.routeOptions.url ?? null,
        path: req.routeOptions.config?.secretPath ? req.routeOptions.url : req.url.split('?')[0],
        status: reply.statusCode,
        latencyMs: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request',
    );
  });
}
