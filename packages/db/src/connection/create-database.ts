import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database } from '../schema.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { createHighlyAvailableDatabase, needsHighAvailability } from './highly-available-postgres.ts';
import type { FailoverPool, FailoverEvent } from './failover-pool.ts';
import type { ReplicaMonitor } from './replica-monitor.ts';
import { guardClientErrors } from './client-errors.ts';
import { withCopyFromStdin } from './copy-from-stdin.ts';

// int8 (bigint ids, counts) as JS numbers: every value Vigil stores fits in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// numeric (scores) as numbers.
pg.types.setTypeParser(1700, (v) => Number(v));
// date stays a 'YYYY-MM-DD' string, never shifted by the process time zone.
pg.types.setTypeParser(1082, (v) => v);

export type DatabaseKind = 'postgres' | 'embedded';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Present for PostgreSQL: the pool, for components that speak SQL directly (pg-boss). */
  pool?: pg.Pool;
  /** Present for the embedded database. */
  pglite?: PGlite;
  /** Present when DATABASE_URL lists several hosts or replicas are configured (see highly-available-postgres.ts). */
  failover?: FailoverPool;
  replicas?: ReplicaMonitor;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Data dir for the embedded database (ignored with databaseUrl). 'memory://' = in memory. */
  dataDir: string;
  poolSize?: number;
  /** Lag-tolerant reads go to these (DATABASE_REPLICA_URLS). */
  replicaUrls?: string[];
  /** How long a caller waits for a writable primary during a failover. */
  failoverWaitMs?: number;
  onDatabaseEvent?: (event: FailoverEvent) => void;
}

export async function createDatabase(opts: DatabaseOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl && needsHighAvailability(opts.databaseUrl, opts.replicaUrls ?? [])) {
    const ha = createHighlyAvailableDatabase({
      databaseUrl: opts.databaseUrl,
      replicaUrls: opts.replicaUrls ?? [],
      poolSize: opts.poolSize ?? 20,
      failoverWaitMs: opts.failoverWaitMs,
      onEvent: opts.onDatabaseEvent,
    });
    return { db: ha.db, kind: 'postgres', failover: ha.primary, replicas: ha.replicas, close: () => ha.db.destroy() };
  }
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 20 });
    // Errors of dead connections are reported by the queries that need them, never thrown.
    guardClientErrors(pool);
    // Kysely's clients also run COPY FROM STDIN (bulk import); pg-boss keeps the plain pool.
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withCopyFromStdin(pool) }) });
    return { db, kind: 'postgres', pool, close: () => db.destroy() };
  }
  const inMemory = opts.dataDir === 'memory://';
  const release = inMemory ? () => {} : lockDataDir(opts.dataDir);
  try {
    const parsers = { [pgliteTypes.INT8]: Number, [pgliteTypes.NUMERIC]: Number, [pgliteTypes.DATE]: (v: string) => v };
    // pg_trgm backs the findings list's substring filters (migration 0011).
    const options = { parsers, extensions: { pg_trgm } };
    const pglite = inMemory ? new PGlite(options) : new PGlite(join(opts.dataDir, 'pglite'), options);
    await pglite.waitReady;
    await pglite.exec('SET TIME ZONE UTC');
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      kind: 'embedded',
      pglite,
      close: async () => {
        await db.destroy();
        // Kysely only closes a driver it has used; close PGlite in every case.
        if (!pglite.closed) await pglite.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
