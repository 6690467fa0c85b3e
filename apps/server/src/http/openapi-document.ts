import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createUnitOfWork, type Database } from '@vigil/db';
import { buildApp } from './app.ts';
import { createServices } from '../runtime/services.ts';

/** The OpenAPI document, generated from the route schemas; no database connection is opened. */
export async function buildOpenApiDocument(): Promise<unknown> {
  // A pool connects lazily; building the app runs no query.
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ max: 1 }) }) });
  const uow = createUnitOfWork(db);
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
  try {
    await app.ready();
    return app.swagger();
  } finally {
    await app.close();
    await db.destroy();
  }
}
