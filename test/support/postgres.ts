import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  createDatabase,
  createUnitOfWork,
  MigrationRunner,
  migrations,
  type DatabaseHandle,
  type UnitOfWork,
} from '@vigil/db';

/** The local PostgreSQL the tests use (trust auth); override with VIGIL_TEST_PG. */
export const PG_ADMIN_URL = process.env.VIGIL_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function urlFor(database: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Template name changes whenever the migrations change, so a stale template is never cloned. */
function templateName(): string {
  const digest = createHash('sha256')
    .update(Object.keys(migrations).join(','))
    .update(
      Object.values(migrations)
        .map((m) => String(m.up) + String(m.down))
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 12);
  return `vigil_tpl_${digest}`;
}

async function withAdmin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates (once, under an advisory lock) a migrated template database. */
async function ensureTemplate(): Promise<string> {
  const name = templateName();
  await withAdmin(async (c) => {
    await c.query('SELECT pg_advisory_lock(727274)');
    try {
      const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount) return;
      await c.query(`CREATE DATABASE ${name}`);
      const handle = await createDatabase({ databaseUrl: urlFor(name), dataDir: '' });
      try {
        await new MigrationRunner(handle.db).up();
      } finally {
        await handle.close();
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock(727274)');
    }
  });
  return name;
}

export interface TestDatabase {
  name: string;
  url: string;
  handle: DatabaseHandle;
  uow: UnitOfWork;
  drop(): Promise<void>;
}

/** A fresh database for one test file: a clone of the migrated template (or empty when migrated: false). */
export async function freshDatabase(opts: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `vigil_t_${randomBytes(6).toString('hex')}`;
  const template = opts.migrated === false ? 'template0' : await ensureTemplate();
  await withAdmin(async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        return;
      } catch (err) {
        // Another file cloning the template at the same instant: retry briefly.
        if ((err as { code?: string }).code !== '55006' || attempt > 50) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
  const url = urlFor(name);
  const handle = await createDatabase({ databaseUrl: url, dataDir: '', poolSize: 10 });
  return {
    name,
    url,
    handle,
    uow: createUnitOfWork(handle.db),
    drop: async () => {
      await handle.close();
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export type DatabaseKindUnderTest = 'postgres' | 'embedded';

/** A fresh migrated database of either kind: a PostgreSQL clone of the template, or PGlite in memory. */
export async function freshDatabaseOf(
  kind: DatabaseKindUnderTest,
): Promise<{ handle: DatabaseHandle; uow: UnitOfWork; close(): Promise<void> }> {
  if (kind === 'postgres') {
    const pg = await freshDatabase();
    return { handle: pg.handle, uow: pg.uow, close: () => pg.drop() };
  }
  const handle = await createDatabase({ dataDir: 'memory://' });
  await new MigrationRunner(handle.db).up();
  return { handle, uow: createUnitOfWork(handle.db), close: () => handle.close() };
}
