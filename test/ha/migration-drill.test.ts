import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely, type Migration } from 'kysely';
import { BackupRepository, MigrationFailedError, MigrationRunner, migrations } from '@vigil/db';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { populate, removeTemporaryDirs, tmp } from './backup-support.ts';

// test/db/migrations.test.ts checks that every down undoes its up on an (almost) empty database.
// This drill does it on a populated one: after rolling back to the first migration and forward
// again, every row of every table that survives keeps the values of every column that survives.

async function columnsOf(db: Kysely<any>): Promise<Map<string, string[]>> {
  const r = await sql<{ t: string; c: string }>`
    SELECT table_name AS t, column_name AS c FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_%' ORDER BY table_name, ordinal_position`.execute(db);
  const out = new Map<string, string[]>();
  for (const row of r.rows) out.set(row.t, [...(out.get(row.t) ?? []), row.c]);
  return out;
}

/** Rows of `table` (projected to its current columns) that differ from the saved copy, both ways. */
async function differences(db: Kysely<any>, table: string, columns: string[]): Promise<number> {
  const cols = sql.join(columns.map((c) => sql.id(c)));
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (
      (SELECT ${cols} FROM ${sql.table(`public.${table}`)} EXCEPT ALL SELECT ${cols}
        FROM ${sql.table(`drill.${table}`)})
      UNION ALL
      (SELECT ${cols} FROM ${sql.table(`drill.${table}`)} EXCEPT ALL SELECT ${cols}
        FROM ${sql.table(`public.${table}`)})
    ) d`.execute(db);
  return r.rows[0].n;
}

async function rowCount(db: Kysely<any>, table: string): Promise<number> {
  return (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(`public.${table}`)}`.execute(db)).rows[0]
    .n;
}

describe('upgrade drill on a populated PostgreSQL database', () => {
  let db: TestDatabase;
  before(async () => {
    db = await freshDatabase();
    await populate(db.uow, tmp('vigil-drill-art-'));
  });
  after(async () => {
    await db?.drop();
    removeTemporaryDirs();
  });

  test('down to the first migration and up again: surviving tables and columns keep every row', async () => {
    const runner = new MigrationRunner(db.handle.db);
    const names = Object.keys(migrations).sort(); // Kysely applies them in name order
    const latest = await columnsOf(db.handle.db);
    await sql`CREATE SCHEMA drill`.execute(db.handle.db);
    for (const table of latest.keys()) {
      await sql`CREATE TABLE ${sql.table(`drill.${table}`)} AS SELECT * FROM ${sql.table(`public.${table}`)}`.execute(
        db.handle.db,
      );
    }
    assert.ok((await rowCount(db.handle.db, 'findings')) > 0, 'the drill starts from real imported data');

    const rolledBack = await runner.to(names[0]);
    assert.equal(rolledBack.length, names.length - 1);
    const lowest = await columnsOf(db.handle.db);
    for (const [table, columns] of lowest) {
      assert.equal(
        await differences(db.handle.db, table, columns),
        0,
        `${table} kept its rows after rolling back to ${names[0]}`,
      );
    }

    assert.deepEqual(await runner.up(), names.slice(1));
    assert.deepEqual(await columnsOf(db.handle.db), latest, 'the schema is the latest again');
    for (const [table, columns] of lowest) {
      assert.equal(
        await differences(db.handle.db, table, columns),
        0,
        `${table} kept its rows after migrating up again`,
      );
    }
    await sql`DROP SCHEMA drill CASCADE`.execute(db.handle.db);
  });

  test('a failing migration on the populated database changes neither schema nor data', async () => {
    const before = await new BackupRepository(db.handle.db).tableChecksums();
    const columns = await columnsOf(db.handle.db);
    const broken: Record<string, Migration> = {
      ...migrations,
      '9999_broken': {
        up: async (k) => {
          await sql`ALTER TABLE findings ADD COLUMN half_done text`.execute(k);
          await sql`UPDATE findings SET title = 'rewritten by a broken migration'`.execute(k);
          await sql`DELETE FROM finding_locations`.execute(k);
          await sql`SELECT 1/0`.execute(k);
        },
        down: async () => {},
      },
    };
    const runner = new MigrationRunner(db.handle.db, broken);
    await assert.rejects(
      runner.up(),
      (e: unknown) => e instanceof MigrationFailedError && e.migration === '9999_broken',
    );
    assert.deepEqual(await columnsOf(db.handle.db), columns);
    assert.deepEqual(await new BackupRepository(db.handle.db).tableChecksums(), before);
  });
});
