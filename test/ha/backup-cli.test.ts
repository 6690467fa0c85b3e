import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackupRepository } from '@vigil/db';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { populate, removeTemporaryDirs, tmp } from './backup-support.ts';

const BIN = new URL('../../bin/vigil.mjs', import.meta.url).pathname;
const databases: TestDatabase[] = [];
after(async () => {
  for (const d of databases) await d.drop();
  removeTemporaryDirs();
});

function vigil(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, VIGIL_LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

test(
  'vigil backup and vigil restore: a populated database ' + 'copied into an empty one, verified; refusals are clear',
  async () => {
    const source = await freshDatabase();
    const target = await freshDatabase({ migrated: false });
    databases.push(source, target);
    const artifactDir = tmp('vigil-cli-art-');
    await populate(source.uow, artifactDir);
    const expected = await new BackupRepository(source.handle.db).tableChecksums();
    const out = join(tmp('vigil-cli-backup-'), 'b');
    const common = { VIGIL_DATA_DIR: tmp('vigil-cli-data-'), VIGIL_ARTIFACT_DIR: artifactDir };

    const backup = vigil(['backup', '--out', out], { ...common, DATABASE_URL: source.url });
    assert.equal(backup.status, 0, backup.stderr);
    assert.match(backup.stdout, /Backed up postgres database \(\d+ tables, \d+ rows\) and [1-9]\d* artifact\(s\)/);
    assert.equal(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).format, 'vigil-backup/1');

    const again = vigil(['backup', '--out', out], { ...common, DATABASE_URL: source.url });
    assert.equal(again.status, 1);
    assert.match(again.stderr, /is not empty; back up into a new directory/);

    const restore = vigil(['restore', '--from', out], {
      ...common,
      DATABASE_URL: target.url,
      VIGIL_ARTIFACT_DIR: tmp('vigil-cli-art2-'),
    });
    assert.equal(restore.status, 0, restore.stderr);
    assert.match(restore.stdout, /Restored postgres database .*: \d+ tables verified against the backup's checksums/);
    assert.deepEqual(await new BackupRepository(target.handle.db).tableChecksums(), expected);

    const refused = vigil(['restore', '--from', out], { ...common, DATABASE_URL: target.url });
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /already has \d+ table\(s\); pass --clean/);
  },
);
