import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import type { Database } from '../schema.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { lockDataDir } from './data-dir-lock.ts';

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
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Data dir for the embedded database (ignored with databaseUrl). 'memory://' = in memory. */
  dataDir: string;
  poolSize?: number;
}

export async function createDatabase(opts: DatabaseOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 20 });
    pool.on('error', () => {
      /* idle client errors are reported by the next query that needs a connection */
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', pool, close: () => db.destroy() };
  }
  const inMemory = opts.dataDir === 'memory://';
  const release = inMemory ? () => {} : lockDataDir(opts.dataDir);
  try {
    const parsers = { [pgliteTypes.INT8]: Number, [pgliteTypes.NUMERIC]: Number, [pgliteTypes.DATE]: (v: string) => v };
    const pglite = inMemory ? new PGlite({ parsers }) : new PGlite(join(opts.dataDir, 'pglite'), { parsers });
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
