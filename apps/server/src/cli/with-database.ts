import { type Config, loadConfig } from '../config/config.ts';
import { openDatabase, type OpenDatabase } from '../runtime/open-database.ts';

/** Runs a one-shot command against the configured database, then closes it. */
export async function withDatabase(work: (db: OpenDatabase, config: Config) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    await work(db, config);
  } finally {
    await db.handle.close();
  }
}
