import pg from 'pg';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import {
  Kysely,
  PostgresDialect,
  type DatabaseConnection,
  type Driver,
  type PostgresPool,
  type PostgresPoolClient,
} from 'kysely';
import { createUnitOfWork, MigrationRunner, type Database, type UnitOfWork } from '@vigil/db';
import { PGliteDialect } from '../../packages/db/src/connection/pglite-dialect.ts';
import { PG_ADMIN_URL, freshDatabase, type DatabaseKindUnderTest } from './postgres.ts';

/**
 * Where the next COMMIT's connection dies:
 *  - 'after-commit': the server committed, then the connection died before the client read the answer;
 *  - 'before-commit': the connection died just before COMMIT was sent (nothing committed).
 * Either way the client sees a connection error on COMMIT and cannot tell which happened.
 */
export type CommitFault = 'after-commit' | 'before-commit';

export interface FaultyDatabase {
  db: Kysely<Database>;
  uow: UnitOfWork;
  /** The next COMMIT (of any transaction) fails this way; once. */
  arm(fault: CommitFault): void;
  /** How many armed faults have fired. */
  fired(): number;
  close(): Promise<void>;
}

const LOST = 'Connection terminated unexpectedly';

/**
 * A migrated database whose COMMITs test code can break deterministically. On PostgreSQL the
 * connection is really killed (pg_terminate_backend from another connection); the embedded
 * database has no connection to lose, so its driver fails the COMMIT with the same error.
 */
export async function faultyDatabaseOf(kind: DatabaseKindUnderTest): Promise<FaultyDatabase> {
  let armed: CommitFault | undefined;
  let fired = 0;
  const take = (): CommitFault | undefined => {
    const f = armed;
    armed = undefined;
    if (f) fired++;
    return f;
  };
  if (kind === 'postgres') {
    const test = await freshDatabase();
    await test.handle.close();
    const pool = new pg.Pool({ connectionString: test.url, max: 6 });
    pool.on('error', () => {});
    pool.on('connect', (c) => c.on('error', () => {}));
    const faulty: PostgresPool = {
      connect: async () => wrapClient(await pool.connect(), take),
      end: () => pool.end(),
    };
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: faulty }) });
    return {
      db,
      uow: createUnitOfWork(db),
      arm: (f) => (armed = f),
      fired: () => fired,
      close: async () => {
        await db.destroy();
        const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${test.name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const parsers = { [pgliteTypes.INT8]: Number, [pgliteTypes.NUMERIC]: Number, [pgliteTypes.DATE]: (v: string) => v };
  const pglite = new PGlite({ parsers, extensions: { pg_trgm } });
  await pglite.waitReady;
  await pglite.exec('SET TIME ZONE UTC');
  const inner = new PGliteDialect(pglite);
  const dialect = Object.assign(Object.create(inner) as PGliteDialect, {
    createDriver: () => faultyDriver(inner.createDriver(), take),
  });
  const db = new Kysely<Database>({ dialect });
  await new MigrationRunner(db).up();
  return { db, uow: createUnitOfWork(db), arm: (f) => (armed = f), fired: () => fired, close: () => db.destroy() };
}

function wrapClient(client: pg.PoolClient, take: () => CommitFault | undefined): PostgresPoolClient {
  return {
    query: ((text: unknown, values: unknown) => {
      const fault = text === 'commit' ? take() : undefined;
      if (fault) return commitWithFault(client, fault);
      return client.query(text as string, values as unknown[]);
    }) as unknown as PostgresPoolClient['query'],
    release: () => client.release(),
  };
}

async function commitWithFault(client: pg.PoolClient, fault: CommitFault): Promise<never> {
  if (fault === 'after-commit') await client.query('commit');
  const ended = new Promise((resolve) => client.once('end', resolve));
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query('SELECT pg_terminate_backend($1)', [(client as unknown as { processID: number }).processID]);
  } finally {
    await admin.end();
  }
  await ended;
  if (fault === 'before-commit') return (await client.query('commit')) as never; // fails: the connection is gone
  throw new Error(LOST);
}

function faultyDriver(inner: Driver, take: () => CommitFault | undefined): Driver {
  return {
    init: () => inner.init(),
    acquireConnection: () => inner.acquireConnection(),
    beginTransaction: (c, s) => inner.beginTransaction(c, s),
    commitTransaction: async (c: DatabaseConnection) => {
      const fault = take();
      if (!fault) return inner.commitTransaction(c);
      if (fault === 'after-commit') await inner.commitTransaction(c);
      else await inner.rollbackTransaction(c);
      throw new Error(LOST);
    },
    rollbackTransaction: (c) => inner.rollbackTransaction(c),
    releaseConnection: (c) => inner.releaseConnection(c),
    destroy: () => inner.destroy(),
  };
}
