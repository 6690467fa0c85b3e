import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.ts';

/**
 * Recreates the embedded database under `dataDir` from a tarball made by PGlite's dumpDataDir.
 * The data dir is locked meanwhile, so no Vigil process can open it. An existing database is
 * refused, or with `replace` moved aside to pglite.before-restore-<time> (never deleted).
 */
export async function restorePgliteDataDir(
  dataDir: string,
  tarball: Blob,
  opts: { replace: boolean; now?: Date },
): Promise<{ movedAside?: string }> {
  const release = lockDataDir(dataDir);
  try {
    const target = join(dataDir, 'pglite');
    let movedAside: string | undefined;
    if (existsSync(target)) {
      if (!opts.replace)
        throw new Error(
          `${target} already holds a database; pass --clean to replace it (it is moved aside, not deleted)`,
        );
      movedAside = `${target}.before-restore-${(opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
      renameSync(target, movedAside);
    }
    const pglite = new PGlite(target, { loadDataDir: tarball });
    await pglite.waitReady;
    await pglite.close();
    return { movedAside };
  } finally {
    release();
  }
}
