import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createUnitOfWork, type Database } from '@vigil/db';
import { DEFAULT_DEDUP_SETTINGS, DEFAULT_IMPORT_LIMITS } from '@vigil/core';
import { DEFAULT_JOBS_CONFIG } from '@vigil/jobs';
import { DEFAULT_NOTIFICATION_CONFIG } from '../config/notification.config.ts';
import { DEFAULT_VULNDB_CONFIG } from '../config/vulndb.config.ts';
import { buildApp } from './app.ts';
import { createServices } from '../runtime/services.ts';

/** The OpenAPI document, generated from the route schemas; no database connection is opened. */
export async function buildOpenApiDocument(): Promise<unknown> {
  // A pool connects lazily; building the app runs no query.
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ max: 1 }) }) });
  const uow = createUnitOfWork(db);
  // The document needs the routes only: no secret is sealed, no artifact written, no job run.
  const services = createServices(uow, {
    sessionTtlSeconds: 3600,
    loginMaxFailures: 10,
    loginWindowSeconds: 900,
    artifactDir: join(tmpdir(), 'vigil-artifacts'),
    importMaxBytes: DEFAULT_IMPORT_LIMITS.maxBytes,
    dedup: DEFAULT_DEDUP_SETTINGS,
    secretKey: randomBytes(32),
    notifications: DEFAULT_NOTIFICATION_CONFIG,
    jobs: DEFAULT_JOBS_CONFIG,
    vulndb: DEFAULT_VULNDB_CONFIG,
  });
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
