import { createDatabase, createUnitOfWork, MigrationRunner, type DatabaseHandle, type UnitOfWork } from '@vigil/db';
import type { Config } from '../config/config.ts';

export interface OpenDatabase {
  handle: DatabaseHandle;
  uow: UnitOfWork;
  migrations: MigrationRunner;
}

/** Opens PostgreSQL (DATABASE_URL) or the embedded database under the data dir. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolSize'>): Promise<OpenDatabase> {
  const handle = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.dbPoolSize });
  return { handle, uow: createUnitOfWork(handle.db), migrations: new MigrationRunner(handle.db) };
}
