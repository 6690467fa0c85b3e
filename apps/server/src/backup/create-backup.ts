import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BackupRepository, type TableChecksum } from '@vigil/db';
import type { OpenDatabase } from '../runtime/open-database.ts';
import { copyArtifacts } from './artifact-copy.ts';
import {
  ARTIFACTS_DIR,
  PGLITE_DUMP_FILE,
  POSTGRES_DUMP_FILE,
  writeManifest,
  type BackupManifest,
} from './backup-manifest.ts';
import { runPgTool } from './pg-tools.ts';

export interface BackupOptions {
  outDir: string;
  artifactDir: string;
  databaseUrl?: string;
  vigilVersion: string;
  now?: Date;
}

/**
 * Writes a backup into an empty directory: the database (pg_dump custom format taken in the same
 * snapshot as the table checksums, or PGlite's data dir as a tarball while this process holds the
 * data-dir lock), the artifact store, and manifest.json last, so a directory without a manifest is
 * an unfinished backup.
 */
export async function createBackup(db: OpenDatabase, opts: BackupOptions): Promise<BackupManifest> {
  if (existsSync(opts.outDir) && (await readdir(opts.outDir)).length > 0) {
    throw new Error(`${opts.outDir} is not empty; back up into a new directory`);
  }
  await mkdir(opts.outDir, { recursive: true, mode: 0o700 });
  const migrations = (await db.migrations.status()).filter((m) => m.executedAt).map((m) => m.name);
  const kind = db.handle.kind;
  let tables: TableChecksum[];
  let file: string;
  if (kind === 'postgres') {
    file = POSTGRES_DUMP_FILE;
    tables = await db.handle.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const repo = new BackupRepository(trx);
        const snapshot = await repo.exportSnapshot();
        const checksums = await repo.tableChecksums();
        // The snapshot lives on the server this transaction runs on: the current primary.
        const url = db.handle.failover?.currentPrimary() ?? opts.databaseUrl;
        if (!url) throw new Error('DATABASE_URL is required to back up PostgreSQL');
        await runPgTool('pg_dump', [
          '--format=custom',
          '--no-owner',
          `--snapshot=${snapshot}`,
          `--file=${join(opts.outDir, file)}`,
          `--dbname=${url}`,
        ]);
        return checksums;
      });
  } else {
    const pglite = db.handle.pglite;
    if (!pglite) throw new Error('embedded database handle has no PGlite instance');
    file = PGLITE_DUMP_FILE;
    tables = await new BackupRepository(db.handle.db).tableChecksums();
    const tarball = await pglite.dumpDataDir('gzip');
    await writeFile(join(opts.outDir, file), Buffer.from(await tarball.arrayBuffer()), { mode: 0o600 });
  }
  const artifacts = await copyArtifacts(opts.artifactDir, join(opts.outDir, ARTIFACTS_DIR));
  const manifest: BackupManifest = {
    format: 'vigil-backup/1',
    createdAt: (opts.now ?? new Date()).toISOString(),
    vigilVersion: opts.vigilVersion,
    database: { kind, file, migrations, tables },
    artifacts,
  };
  await writeManifest(opts.outDir, manifest);
  return manifest;
}
