import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Migration } from 'kysely';
import { MigrationRunner, MigrationFailedError, migrations, createDatabase, type DatabaseHandle } from '@vigil/db';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

async function schemaSnapshot(handle: DatabaseHandle): Promise<string> {
  const r = await sql<{ t: string }>`
    SELECT table_name || '.' || column_name || ':' || data_type AS t FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_%' ORDER BY 1`.execute(handle.db);
  return r.rows.map((x) => x.t).join('\n');
}

for (const kind of ['postgres', 'embedded'] as const)
  describe(kind, () => {
    let pgdb: TestDatabase | undefined;
    let handle: DatabaseHandle;
    before(async () => {
      if (kind === 'postgres') {
        pgdb = await freshDatabase({ migrated: false });
        handle = pgdb.handle;
      } else {
        handle = await createDatabase({ dataDir: 'memory://' });
      }
    });
    after(async () => {
      if (pgdb) await pgdb.drop();
      else await handle.close();
    });

    test(
      `${kind}: up applies every migration, down rolls ` + `each back, data survives a round trip of later steps`,
      async () => {
        const runner = new MigrationRunner(handle.db);
        assert.deepEqual(await runner.pending(), Object.keys(migrations));
        assert.deepEqual(await runner.up(), Object.keys(migrations));
        assert.deepEqual(await runner.pending(), []);
        await sql`INSERT INTO product_types (name) VALUES ('kept')`.execute(handle.db);
        const full = await schemaSnapshot(handle);
        await runner.to('none');
        assert.equal(await schemaSnapshot(handle), '', 'every down drops what its up created');
        await runner.up();
        assert.equal(await schemaSnapshot(handle), full);
      },
    );

    test(`${kind}: a failing migration leaves schema and data exactly as they were`, async () => {
      const broken: Record<string, Migration> = {
        ...migrations,
        '9999_broken': {
          up: async (db) => {
            await sql`ALTER TABLE findings ADD COLUMN half_done text`.execute(db);
            await sql`INSERT INTO product_types (name) VALUES ('half written')`.execute(db);
            await sql`SELECT * FROM table_that_does_not_exist`.execute(db);
          },
          down: async () => {},
        },
      };
      const before = await schemaSnapshot(handle);
      const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM product_types`.execute(handle.db);
      const runner = new MigrationRunner(handle.db, broken);
      await assert.rejects(
        runner.up(),
        (e: unknown) => e instanceof MigrationFailedError && e.migration === '9999_broken',
      );
      assert.equal(await schemaSnapshot(handle), before);
      const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM product_types`.execute(handle.db);
      assert.equal(after.rows[0].n, rows.rows[0].n);
      assert.deepEqual(await runner.pending(), ['9999_broken']);
    });
  });
