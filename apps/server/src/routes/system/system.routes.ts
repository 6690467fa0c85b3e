import type { FastifyInstance } from 'fastify';
import { ZHealth, ZMetricsText, ZNotReady, ZReady } from '@vigil/contract';
import type { MetricsEndpoint } from '../../http/metrics.ts';

export interface ReadinessProbe {
  /** Throws when the database is unreachable; returns pending migration names. */
  pendingMigrations(): Promise<string[]>;
}

/** Liveness, readiness and Prometheus metrics. */
export function systemRoutes(app: FastifyInstance, probe: ReadinessProbe, metrics: MetricsEndpoint): void {
  const config = { public: true };
  const tags = ['system'];
  app.get('/healthz', { config, schema: { tags, response: { 200: ZHealth } } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config, schema: { tags, response: { 200: ZReady, 503: ZNotReady } } }, async (_req, reply) => {
    try {
      const pending = await probe.pendingMigrations();
      if (pending.length)
        return reply.status(503).send({ status: 'not ready', reason: `pending migrations: ${pending.join(', ')}` });
      return { status: 'ready' };
    } catch (err) {
      return reply.status(503).send({ status: 'not ready', reason: `database unreachable: ${(err as Error).message}` });
    }
  });
  // Business metrics only with `Authorization: Bearer <VIGIL_METRICS_TOKEN>` (http/metrics.ts).
  app.get(
    '/metrics',
    { config: { ...config, ownAuthorization: true }, schema: { hide: true, response: { 200: ZMetricsText } } },
    async (req, reply) => {
      reply.header('content-type', metrics.contentType);
      return metrics.scrape(req.headers.authorization);
    },
  );
}
