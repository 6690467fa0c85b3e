import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Repositories } from '@vigil/db';
import type { Services } from '../runtime/services.ts';
import { registerErrorHandler } from './error-handler.ts';
import { registerNulByteGuard } from './nul-bytes.ts';
import { registerAuthHook } from './auth-hook.ts';
import { registerIdempotency } from './idempotency.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerSameOriginCheck } from './same-origin.ts';
import { registerWriteTracking, type ReadCaches } from '../cache/read-caches.ts';
import '../cache/cached-json.ts';
import { registerCacheMetrics } from '../cache/cache-metrics.ts';
import { registerReadRouting } from './read-routing.ts';
import { registerMetrics } from './metrics.ts';
import { registerRequestLog } from './request-log.ts';
import { registerRoutes } from '../routes/register-routes.ts';
import { registerWebApp } from './web-app.ts';
import {
  DEFAULT_HTTP_TIMEOUTS,
  httpServerOptions,
  registerConnectionHandling,
  type HttpTimeouts,
} from './connections.ts';
import { systemRoutes, type ReadinessProbe } from '../routes/system/system.routes.ts';

export interface AppOptions {
  services: Services;
  repos: Pick<Repositories, 'metrics' | 'jobs'>;
  probe: ReadinessProbe;
  logger: Logger | false;
  bodyLimitBytes: number;
  cookieSecure: 'true' | 'false' | 'auto';
  trustProxy: boolean;
  version: string;
  /** Where the MiniTwit simulator API is mounted (default /api/minitwit). */
  minitwitPrefix?: string;
  /** After a write, the writer's reads stay on the primary this long (replica read routing). */
  readPrimaryWindowSeconds?: number;
  /** Replicas are configured: each request runs in a read-routing context (read-routing.ts). */
  replicaReads?: boolean;
  /** Built web app (apps/web/dist); served at / when it exists. */
  webDistDir?: string;
  /** The read caches (docs/read-cache.md), kept current by listenForChanges; none = every read computed. */
  readCaches?: ReadCaches;
  /** Header, body, upload and keep-alive timeouts (connections.ts); defaults DEFAULT_HTTP_TIMEOUTS. */
  httpTimeouts?: HttpTimeouts;
  /** VIGIL_METRICS_TOKEN: the Bearer credential that /metrics needs to serve business metrics. */
  metricsToken?: string;
}

export const API_INFO = {
  title: 'Vigil API',
  description: 'Vulnerability management: product types, products, engagements, tests, findings, imports.',
};

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  // Typed as Fastify's logger interface, so the instance is the plain FastifyInstance every route module takes.
  const loggerInstance: FastifyBaseLogger | undefined = opts.logger || undefined;
  const app = Fastify({
    loggerInstance,
    logger: opts.logger ? undefined : false,
    // Fastify's own per-request lines are replaced by request-log.ts (one line per request).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: opts.bodyLimitBytes,
    ...httpServerOptions(opts.httpTimeouts ?? DEFAULT_HTTP_TIMEOUTS),
    trustProxy: opts.trustProxy,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerConnectionHandling(app, opts.httpTimeouts ?? DEFAULT_HTTP_TIMEOUTS);
  app.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id);
    done();
  });

  await app.register(cookie);
  registerSecurityHeaders(app);
  registerSameOriginCheck(app);
  // Scan uploads; the per-request file cap is the import limit (routes/import/multipart-form.ts).
  await app.register(multipart, { limits: { files: 1, fields: 100, fieldSize: 1024 * 1024, parts: 200 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { ...API_INFO, version: opts.version },
      components: {
        securitySchemes: {
          apiToken: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Token <key> or Bearer <key>' },
          session: { type: 'apiKey', in: 'cookie', name: 'vigil_session' },
        },
      },
      security: [{ apiToken: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  registerErrorHandler(app);
  registerNulByteGuard(app);
  app.decorate('responseCache', opts.readCaches?.responses ?? null);
  if (opts.readCaches) registerWriteTracking(app, opts.readCaches);
  registerAuthHook(app, opts.services.auth, opts.readCaches);
  registerIdempotency(app, opts.services.idempotency, opts.minitwitPrefix ?? '/api/minitwit');
  registerReadRouting(app, opts.readPrimaryWindowSeconds ?? 5, opts.replicaReads ?? false);
  const metrics = registerMetrics(app, opts.repos, opts.metricsToken);
  if (opts.readCaches) registerCacheMetrics(metrics.operational, opts.readCaches);
  if (opts.logger) registerRequestLog(app);
  systemRoutes(app, opts.probe, metrics);
  registerRoutes(app, opts.services, { cookieSecure: opts.cookieSecure, minitwitPrefix: opts.minitwitPrefix });
  if (opts.webDistDir) await registerWebApp(app, opts.webDistDir);
  return app;
}
