import {
  createDatabase,
  createUnitOfWork,
  MigrationRunner,
  type DatabaseHandle,
  type FailoverEvent,
  type UnitOfWork,
} from '@vigil/db';
import type { Config } from '../config/config.ts';

export interface OpenDatabase {
  handle: DatabaseHandle;
  uow: UnitOfWork;
  migrations: MigrationRunner;
}

type DatabaseConfig = Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolSize'> &
  Partial<Pick<Config, 'replicaUrls' | 'failoverWaitMs'>>;

/**
 * Opens PostgreSQL (DATABASE_URL, one or several hosts, optional replicas) or the embedded database under the data dir.
 */
export async function openDatabase(
  config: DatabaseConfig,
  onDatabaseEvent?: (event: FailoverEvent) => void,
): Promise<OpenDatabase> {
  const handle = await createDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    replicaUrls: config.replicaUrls,
    failoverWaitMs: config.failoverWaitMs,
    onDatabaseEvent,
  });
  return { handle, uow: createUnitOfWork(handle.db), migrations: new MigrationRunner(handle.db) };
}
