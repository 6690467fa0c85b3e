import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import { buildApp } from '../http/app.ts';
import { createServices } from './services.ts';
import type { OpenDatabase } from './open-database.ts';
import { bootstrapAdmin } from './bootstrap-admin.ts';
import { join } from 'node:path';
import { VERSION } from './version.ts';
import { projectRoot } from './project-root.ts';
import { ensureJobQueues, jobDefinitions } from '@vigil/jobs';
import { startRealtime } from '../realtime/realtime-server.ts';
import { createReadCaches, listenForChanges } from '../cache/read-caches.ts';

/** The web app built by `npm run build:web`. */
const WEB_DIST_DIR = join(projectRoot(), 'apps', 'web', 'dist');

export class PendingMigrationsError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `The database has ${pending.length} pending migration(s): ${pending.join(', ')}. ` +
        'Run `vigil migrate up` first, or start with --migrate.',
    );
    this.name = 'PendingMigrationsError';
  }
}

export interface ServerRoleOptions {
  migrate: boolean;
  /** Print the first admin's generated password (interactive starts). */
  announce?: (line: string) => void;
}

/** The HTTP role: checks migrations, creates the first admin if needed, listens. */
export async function startServerRole(
  config: Config,
  db: OpenDatabase,
  logger: Logger | false,
  opts: ServerRoleOptions,
): Promise<FastifyInstance> {
  if (opts.migrate) await db.migrations.up();
  const pending = await db.migrations.pending();
  if (pending.length) throw new PendingMigrationsError(pending);
  await ensureJobQueues(db.uow, jobDefinitions, config.jobs.timeouts); // services enqueue jobs
  const admin = await bootstrapAdmin(db.uow, config.adminUsername, config.adminPassword);
  const services = createServices(db.uow, config);
  const readCaches = createReadCaches(config.readCache);
  const app = await buildApp({
    readCaches,
    services,
    repos: db.uow.repos,
    probe: { pendingMigrations: () => db.migrations.pending() },
    logger,
    bodyLimitBytes: config.bodyLimitBytes,
    cookieSecure: config.cookieSecure,
    trustProxy: config.trustProxy,
    httpTimeouts: config.httpTimeouts,
    metricsToken: config.metricsToken,
    version: VERSION,
    webDistDir: WEB_DIST_DIR,
    minitwitPrefix: config.minitwitPrefix,
    readPrimaryWindowSeconds: config.readPrimaryWindowSeconds,
    replicaReads: config.replicaUrls.length > 0,
  });
  // Socket.IO on the same port (path /socket.io): docs/realtime.md.
  const realtime = await startRealtime({
    httpServer: app.server,
    handle: db.handle,
    repos: db.uow.repos,
    services,
    databaseUrl: config.databaseUrl,
    redisUrl: config.redisUrl,
    pollMs: config.realtimePollMs,
    replayMax: config.realtimeReplayMax,
    logger,
  });
  app.addHook('preClose', () => realtime.close());
  if (readCaches) {
    const unlisten = await listenForChanges(db.handle, config.databaseUrl, readCaches, logger);
    app.addHook('preClose', () => unlisten());
  }
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const say = opts.announce ?? (() => {});
  say(
    `Vigil ${VERSION} is running on http://localhost:${port} (${
      db.handle.kind === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'
    })`,
  );
  if (admin) {
    say(
      admin.password
        ? `First start: log in as "${admin.username}" with the password ${admin.password} (shown once; change it ` +
            `under Profile).`
        : `First start: log in as "${admin.username}" with the password from VIGIL_ADMIN_PASSWORD.`,
    );
  }
  return app;
}
