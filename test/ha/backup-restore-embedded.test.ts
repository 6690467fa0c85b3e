import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { BackupRepository, createDatabase, createUnitOfWork, MigrationRunner, type TableChecksum } from '@vigil/db';
import { createBackup } from '../../apps/server/src/backup/create-backup.ts';
import { restoreBackup } from '../../apps/server/src/backup/restore-backup.ts';
import { artifactFiles, populate, removeTemporaryDirs, tmp } from './backup-support.ts';

// PGlite is slow to create a data dir (~20 s on these machines), so this drill has its own file.
describe('restore drill on the embedded database', () => {
  const dataDir = tmp('vigil-embedded-');
  const artifactDir = join(dataDir, 'artifacts');
  const backupDir = join(tmp('vigil-backup-'), 'embedded');
  after(removeTemporaryDirs);

  test(
    'back up, delete the data dir, restore: every table ' + 'checksum equal; an existing database is not overwritten',
    async () => {
      const handle = await createDatabase({ dataDir });
      const config = { dataDir, dbPoolSize: 1, artifactDir };
      let expected: TableChecksum[];
      try {
        const uow = createUnitOfWork(handle.db);
        const migrations = new MigrationRunner(handle.db);
        await migrations.up();
        await populate(uow, artifactDir);
        expected = await new BackupRepository(handle.db).tableChecksums();
        // The backup runs in the process that holds the data-dir lock, as `vigil backup` does.
        const m = await createBackup(
          { handle, uow, migrations },
          { outDir: backupDir, artifactDir, vigilVersion: 'test' },
        );
        assert.equal(m.database.kind, 'embedded');
        assert.deepEqual(m.database.tables, expected);
      } finally {
        await handle.close();
      }
      rmSync(join(dataDir, 'pglite'), { recursive: true, force: true });
      rmSync(artifactDir, { recursive: true, force: true });

      // restoreBackup itself reopens the restored database and compares every table with the manifest.
      const restored = await restoreBackup(config, { fromDir: backupDir, clean: false });
      assert.equal(restored.tables, expected.length);
      assert.ok(artifactFiles(artifactDir) >= 1);
      await assert.rejects(
        restoreBackup(config, { fromDir: backupDir, clean: false }),
        /already holds a database; pass --clean/,
      );
    },
  );
});
