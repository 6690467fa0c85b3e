import { createDatabase, createUnitOfWork } from '@vigil/db';
import { buildApp } from './app.ts';
import { createServices } from '../runtime/services.ts';

/** The OpenAPI document, generated from the route schemas (no database connection is used). */
export async function buildOpenApiDocument(): Promise<unknown> {
  const handle = await createDatabase({ dataDir: 'memory://' });
  try {
    const uow = createUnitOfWork(handle.db);
    const services = createServices(uow, { sessionTtlSeconds: 3600, loginMaxFailures: 10, loginWindowSeconds: 900 });
    const app = await buildApp({
      services,
      repos: uow.repos,
      probe: { pendingMigrations: async () => [] },
      logger: false,
      bodyLimitBytes: 1024,
      cookieSecure: 'auto',
      trustProxy: false,
      version: 'spec',
    });
    await app.ready();
    const doc = app.swagger();
    await app.close();
    return doc;
  } finally {
    await handle.close();
  }
}
