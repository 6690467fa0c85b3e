import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { BackupRepository, MigrationRunner, type TableChecksum } from '@vigil/db';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { artifactFiles, assertSameData, populate, removeTemporaryDirs, tmp } from './backup-support.ts';
import { openDatabase } from '../../apps/server/src/runtime/open-database.ts';
import { createBackup } from '../../apps/server/src/backup/create-backup.ts';
import { restoreBackup } from '../../apps/server/src/backup/restore-backup.ts';

describe('restore drill on PostgreSQL', () => {
  let db: TestDatabase;
  const artifactDir = tmp('vigil-art-');
  const backupDir = join(tmp('vigil-backup-'), 'b1');
  let expected: TableChecksum[];

  before(async () => {
    db = await freshDatabase();
    await populate(db.uow, artifactDir);
    expected = await new BackupRepository(db.handle.db).tableChecksums();
  });
  after(async () => {
    await db?.drop();
    removeTemporaryDirs();
  });

  const config = () => ({ databaseUrl: db.url, dataDir: tmp('vigil-data-'), dbPoolSize: 4, artifactDir });

  test('back up, wipe the database and the artifacts, restore: every table checksum equal', async () => {
    const opened = await openDatabase(config());
    try {
      const m = await createBackup(opened, {
        outDir: backupDir,
        artifactDir,
        databaseUrl: db.url,
        vigilVersion: 'test',
      });
      assert.deepEqual(m.database.tables, expected);
      assert.ok(m.artifacts.files >= 1, 'the imported report is in the artifact store');
    } finally {
      await opened.handle.close();
    }
    const files = artifactFiles(artifactDir);
    for (const schema of new Set(expected.map((t) => t.table.split('.')[0])))
      await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(db.handle.db);
    await sql`CREATE SCHEMA public`.execute(db.handle.db);
    rmSync(artifactDir, { recursive: true, force: true });
    assert.deepEqual(await new BackupRepository(db.handle.db).tableChecksums(), []);

    const r = await restoreBackup(config(), { fromDir: backupDir, clean: false });
    assert.equal(r.tables, expected.length);
    assertSameData(await new BackupRepository(db.handle.db).tableChecksums(), expected);
    assert.equal(artifactFiles(artifactDir), files);
    assert.deepEqual(await new MigrationRunner(db.handle.db).pending(), []);
  });

  test('restoring over data is refused without --clean; with --clean it replaces changed rows', async () => {
    await assert.rejects(
      restoreBackup(config(), { fromDir: backupDir, clean: false }),
      /already has \d+ table\(s\); pass --clean/,
    );
    await sql`UPDATE findings SET title = 'changed after the backup'`.execute(db.handle.db);
    await sql`DELETE FROM finding_locations`.execute(db.handle.db);
    await restoreBackup(config(), { fromDir: backupDir, clean: true });
    assertSameData(await new BackupRepository(db.handle.db).tableChecksums(), expected);
  });

  test(
    'a backup goes only into a new or empty directory; a ' + 'manifest that does not match the data fails the restore',
    async () => {
      const opened = await openDatabase(config());
      try {
        await assert.rejects(
          createBackup(opened, { outDir: backupDir, artifactDir, databaseUrl: db.url, vigilVersion: 'test' }),
          /not empty/,
        );
      } finally {
        await opened.handle.close();
      }
      await assert.rejects(
        restoreBackup(config(), { fromDir: tmp('vigil-not-backup-'), clean: true }),
        /not a Vigil backup directory/,
      );
      await assert.rejects(
        restoreBackup({ ...config(), databaseUrl: undefined }, { fromDir: backupDir, clean: true }),
        /holds a postgres database/,
      );

      const tampered = join(tmp('vigil-tampered-'), 'b');
      cpSync(backupDir, tampered, { recursive: true });
      const manifest = JSON.parse(readFileSync(join(tampered, 'manifest.json'), 'utf8'));
      const findings = manifest.database.tables.find((t: TableChecksum) => t.table === 'public.findings');
      findings.rows += 1;
      writeFileSync(join(tampered, 'manifest.json'), JSON.stringify(manifest));
      await assert.rejects(
        restoreBackup(config(), { fromDir: tampered, clean: true }),
        /restored data differs from the backup: public\.findings: \d+ rows/,
      );
    },
  );
});
