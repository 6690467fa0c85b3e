import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { UnitOfWork } from '@vigil/db';
import { ApiTokenService, SYSTEM_ACTOR, UserService } from '@vigil/core';
import { buildApp } from '../../apps/server/src/http/app.ts';
import { createServices, type Services } from '../../apps/server/src/runtime/services.ts';
import { ensureJobQueues, jobDefinitions } from '@vigil/jobs';

export interface Harness {
  app: FastifyInstance;
  services: Services;
  uow: UnitOfWork;
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
export async function createHarness(uow: UnitOfWork, overrides: { loginMaxFailures?: number; artifactDir?: string; importMaxBytes?: number } = {}): Promise<Harness> {
  await ensureJobQueues(uow, jobDefinitions); // services enqueue jobs (docs/jobs.md)
  const services = createServices(uow, {
    sessionTtlSeconds: 3600,
    loginMaxFailures: overrides.loginMaxFailures ?? 10,
    loginWindowSeconds: 900,
    artifactDir: overrides.artifactDir,
    importMaxBytes: overrides.importMaxBytes,
  });
  const app = await buildApp({
    services,
    repos: uow.repos,
    probe: { pendingMigrations: async () => [] },
    logger: false,
    bodyLimitBytes: 1024 * 1024,
    cookieSecure: 'false',
    trustProxy: false,
    version: 'test',
  });
  await app.ready();
  return {
    app,
    services,
    uow,
    async user(username, opts = {}) {
      const u = await new UserService(uow).insert({ actor: SYSTEM_ACTOR }, { username, password: 'correct horse battery', isAdmin: opts.admin ?? false });
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
    close: () => app.close(),
  };
}
