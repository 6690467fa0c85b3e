import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { DatabaseHandle, UnitOfWork } from '@vigil/db';
import { ApiTokenService, SYSTEM_ACTOR, UserService } from '@vigil/core';
import { buildApp } from '../../apps/server/src/http/app.ts';
import { createServices, type Services } from '../../apps/server/src/runtime/services.ts';
import { testServicesConfig } from './services-config.ts';
import type { NotificationConfig } from '../../apps/server/src/config/notification.config.ts';
import { ensureJobQueues, jobDefinitions } from '@vigil/jobs';
import { createReadCaches, listenForChanges, type ReadCaches } from '../../apps/server/src/cache/read-caches.ts';
import type { HttpTimeouts } from '../../apps/server/src/http/connections.ts';

export interface Harness {
  app: FastifyInstance;
  services: Services;
  uow: UnitOfWork;
  /** Present when the harness was made with `readCaches` (as `vigil server` runs). */
  readCaches?: ReadCaches;
  /** Creates a user and an API token; returns an authorized request helper. */
  user(username: string, opts?: { admin?: boolean }): Promise<TestUser>;
  close(): Promise<void>;
}

export interface TestUser {
  id: number;
  username: string;
  token: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

/** The real app (all routes, real services) on a test database, driven through inject(). */
export interface HarnessOverrides {
  loginMaxFailures?: number;
  artifactDir?: string;
  importMaxBytes?: number;
  /** Turn the read caches on, kept current by LISTEN on this database (as `vigil server` runs). */
  readCaches?: { handle: DatabaseHandle; databaseUrl?: string; ttlMs?: number };
  /** Replica read-routing's read-your-writes window (default 5 s). */
  readPrimaryWindowSeconds?: number;
  /** The database handle has replicas: open a read-routing context per request. */
  replicaReads?: boolean;
  /** Notification settings (SMTP, public URL), e.g. to capture verification emails. */
  notifications?: NotificationConfig;
  /** Header, body, upload and keep-alive timeouts (default: the server's defaults). */
  httpTimeouts?: HttpTimeouts;
  /** VIGIL_METRICS_TOKEN: the scrape credential for business metrics on /metrics. */
  metricsToken?: string;
  /** VIGIL_TRUST_PROXY=true: X-Forwarded-* headers are believed. */
  trustProxy?: boolean;
  /** Turn the MiniTwit simulator API on with this `user:password` (off by default, as in `vigil server`). */
  minitwitSimulatorAuth?: string;
}

export async function createHarness(uow: UnitOfWork, overrides: HarnessOverrides = {}): Promise<Harness> {
  await ensureJobQueues(uow, jobDefinitions); // services enqueue jobs (docs/jobs.md)
  const services = createServices(
    uow,
    testServicesConfig({
      loginMaxFailures: overrides.loginMaxFailures,
      artifactDir: overrides.artifactDir,
      importMaxBytes: overrides.importMaxBytes,
      notifications: overrides.notifications,
      minitwitSimulatorAuth: overrides.minitwitSimulatorAuth,
    }),
  );
  const rc = overrides.readCaches;
  const readCaches = rc ? createReadCaches({ ttlMs: rc.ttlMs ?? 60_000, maxBytes: 8 * 1024 * 1024 }) : undefined;
  const unlisten = rc && readCaches ? await listenForChanges(rc.handle, rc.databaseUrl, readCaches, false) : undefined;
  const app = await buildApp({
    readCaches,
    readPrimaryWindowSeconds: overrides.readPrimaryWindowSeconds,
    replicaReads: overrides.replicaReads,
    services,
    repos: uow.repos,
    probe: { pendingMigrations: async () => [] },
    logger: false,
    bodyLimitBytes: 1024 * 1024,
    cookieSecure: 'false',
    trustProxy: overrides.trustProxy ?? false,
    httpTimeouts: overrides.httpTimeouts,
    metricsToken: overrides.metricsToken,
    version: 'test',
  });
  await app.ready();
  return {
    app,
    services,
    uow,
    readCaches,
    async user(username, opts = {}) {
      const u = await new UserService(uow).insert(
        { actor: SYSTEM_ACTOR },
        { username, password: 'correct horse battery', isAdmin: opts.admin ?? false },
      );
      const { key } = await new ApiTokenService(uow).create({ actor: SYSTEM_ACTOR }, u.id, 'test');
      const headers = { authorization: `Token ${key}` };
      const request = (o: InjectOptions) => app.inject({ ...o, headers: { ...headers, ...(o.headers ?? {}) } });
      return {
        id: u.id,
        username,
        token: key,
        request,
        get: (url) => request({ method: 'GET', url }),
        post: (url, payload) => request({ method: 'POST', url, payload: payload as never }),
        patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as never }),
        put: (url, payload) => request({ method: 'PUT', url, payload: payload as never }),
        delete: (url) => request({ method: 'DELETE', url }),
      };
    },
    async close() {
      await unlisten?.();
      await app.close();
    },
  };
}
