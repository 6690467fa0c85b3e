import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/config.ts';
import { VERSION } from '../runtime/version.ts';
import { withDatabase } from './with-database.ts';
import { createBackup } from '../backup/create-backup.ts';
import { restoreBackup } from '../backup/restore-backup.ts';

/** `vigil backup --out <dir>` and `vigil restore --from <dir>` (docs/operations.md, "Backups"). */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('Back up the database and the artifact store into a new directory')
    .requiredOption('--out <dir>', 'directory to create (must be absent or empty)')
    .action(async (o: { out: string }) => {
      const config = loadConfig();
      const outDir = resolve(o.out);
      await withDatabase(async (db) => {
        const m = await createBackup(db, {
          outDir,
          artifactDir: config.artifactDir,
          databaseUrl: config.databaseUrl,
          vigilVersion: VERSION,
        });
        const rows = m.database.tables.reduce((n, t) => n + t.rows, 0);
        console.log(
          `Backed up ${m.database.kind} database (${m.database.tables.length} tables, ${rows} rows) ` +
            `and ${m.artifacts.files} artifact(s) to ${outDir}`,
        );
      });
    });
  program
    .command('restore')
    .description('Restore a backup made by `vigil backup` (stop every Vigil process first), then verify every table')
    .requiredOption('--from <dir>', 'backup directory')
    .option('--clean', 'replace an existing database instead of refusing', false)
    .action(async (o: { from: string; clean: boolean }) => {
      const config = loadConfig();
      const r = await restoreBackup(config, { fromDir: resolve(o.from), clean: o.clean });
      console.log(
        `Restored ${r.manifest.database.kind} database from ${r.manifest.createdAt}: ${r.tables} tables verified ` +
          `against the backup's checksums, ${r.artifacts.files} artifact(s)` +
          (r.movedAside ? `; the previous database was moved to ${r.movedAside}` : ''),
      );
    });
}
