import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BackupRepository, restorePgliteDataDir, type TableChecksum } from '@vigil/db';
import type { Config } from '../config/config.ts';
import { openDatabase } from '../runtime/open-database.ts';
import { copyArtifacts } from './artifact-copy.ts';
import { ARTIFACTS_DIR, readManifest, type BackupManifest } from './backup-manifest.ts';
import { loadDump } from './pg-tools.ts';

export interface RestoreOptions {
  fromDir: string;
  /**
   * Replace an existing database (PostgreSQL: its schemas are dropped in the restoring transaction; embedded: the old
   * data dir is moved aside).
   */
  clean: boolean;
}

export interface RestoreResult {
  manifest: BackupManifest;
  tables: number;
  artifacts: { files: number; bytes: number };
  movedAside?: string;
}

type RestoreConfig = Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolSize' | 'artifactDir'>;

/**
 * Restores a backup made by createBackup into the configured database (stop every Vigil process
 * first), then proves it: every table's row count and checksum must equal the manifest's.
 */
export async function restoreBackup(config: RestoreConfig, opts: RestoreOptions): Promise<RestoreResult> {
  const manifest = await readManifest(opts.fromDir);
  const dump = join(opts.fromDir, manifest.database.file);
  const target = config.databaseUrl ? 'postgres' : 'embedded';
  if (manifest.database.kind !== target) {
    throw new Error(
      `the backup holds a ${manifest.database.kind} database but the configuration points at ${
        target === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'the embedded database'
      }`,
    );
  }
  let movedAside: string | undefined;
  if (target === 'postgres') {
    const url = config.databaseUrl as string;
    const db = await openDatabase({ ...config, replicaUrls: [] });
    let schemas: string[];
    try {
      const repo = new BackupRepository(db.handle.db);
      const existing = await repo.userTableCount();
      if (existing > 0 && !opts.clean)
        throw new Error(`the target database already has ${existing} table(s); pass --clean to replace them`);
      schemas = await repo.userSchemas();
    } finally {
      await db.handle.close();
    }
    const prelude = [
      ...schemas.map((s) => `DROP SCHEMA "${s.replace(/"/g, '""')}" CASCADE;`),
      'CREATE SCHEMA IF NOT EXISTS public;',
      '',
    ].join('\n');
    await loadDump(withReadWriteTarget(url), dump, prelude);
  } else {
    const tarball = new Blob([await readFile(dump)]);
    ({ movedAside } = await restorePgliteDataDir(config.dataDir, tarball, { replace: opts.clean }));
  }
  const artifacts = await copyArtifacts(join(opts.fromDir, ARTIFACTS_DIR), config.artifactDir);
  const db = await openDatabase({ ...config, replicaUrls: [] });
  try {
    const actual = await new BackupRepository(db.handle.db).tableChecksums();
    const problems = compareChecksums(manifest.database.tables, actual);
    if (problems.length) throw new Error(`restored data differs from the backup: ${problems.join('; ')}`);
    return { manifest, tables: actual.length, artifacts, movedAside };
  } finally {
    await db.handle.close();
  }
}

/** libpq picks the writable host of a multi-host URL itself with target_session_attrs. */
function withReadWriteTarget(url: string): string {
  if (!url.includes(',') || /target_session_attrs=/.test(url)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}target_session_attrs=read-write`;
}

export function compareChecksums(expected: TableChecksum[], actual: TableChecksum[]): string[] {
  const byName = new Map(actual.map((t) => [t.table, t]));
  const problems: string[] = [];
  for (const e of expected) {
    const a = byName.get(e.table);
    if (!a) problems.push(`${e.table} is missing`);
    else if (a.rows !== e.rows || a.checksum !== e.checksum)
      problems.push(`${e.table}: ${a.rows} rows/${a.checksum} instead of ${e.rows} rows/${e.checksum}`);
  }
  return problems;
}
