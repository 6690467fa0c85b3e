import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

export interface ReadinessProbe {
  /** Throws when the database is unreachable; returns pending migration names. */
  pendingMigrations(): Promise<string[]>;
}

/** Liveness, readiness and Prometheus metrics. */
export function systemRoutes(app: FastifyInstance, probe: ReadinessProbe, registry: Registry): void {
  const config = { public: true };
  app.get('/healthz', { config, schema: { tags: ['system'] } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config, schema: { tags: ['system'] } }, async (_req, reply) => {
    try {
      const pending = await probe.pendingMigrations();
      if (pending.length) return reply.status(503).send({ status: 'not ready', reason: `pending migrations: ${pending.join(', ')}` });
      return { status: 'ready' };
    } catch (err) {
      return reply.status(503).send({ status: 'not ready', reason: `database unreachable: ${(err as Error).message}` });
    }
  });
  app.get('/metrics', { config, schema: { hide: true } }, async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
