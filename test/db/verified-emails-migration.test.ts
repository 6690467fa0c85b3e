import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { MigrationRunner, createDatabase, createUnitOfWork, migrations, type DatabaseHandle } from '@vigil/db';
import { AppError, SYSTEM_ACTOR, UserService } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

const MIGRATION = '0016_verified_emails';
const BEFORE = Object.keys(migrations)[Object.keys(migrations).indexOf(MIGRATION) - 1];

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
      `${kind}: ${MIGRATION} succeeds on duplicate addresses, keeps every account, records what it cleared; down ` +
        `puts it back`,
      async () => {
        const runner = new MigrationRunner(handle.db);
        await runner.to(BEFORE);
        // id order: an inactive oldest holder, an active one, a third spelling; a pair; a unique one; empty ones.
        await sql`
      INSERT INTO users (username, email, is_active) VALUES
        ('old_inactive', 'Dup@Example.com', false),
        ('active', 'dup@example.com', true),
        ('shouting', 'DUP@EXAMPLE.COM', true),
        ('pair1', 'pair@x.test', true),
        ('pair2', 'Pair@X.test', true),
        ('alone', 'alone@x.test', true),
        ('blank1', '', true),
        ('blank2', '', true)`.execute(handle.db);
        // Feed-only accounts (0015) keep their addresses: they never collide with workspace ones, nor among themselves.
        await sql`
      INSERT INTO users (username, email, is_active, feed_only) VALUES
        ('feedy', 'dup@EXAMPLE.com', true, true),
        ('feedy2', 'Feed@x.test', true, true),
        ('feedy3', 'feed@x.test', true, true)`.execute(handle.db);
        const before = await sql<{
          id: number;
          username: string;
          email: string;
        }>`SELECT id, username, email FROM users ORDER BY id`.execute(handle.db);

        await runner.up();
        const rows = await sql<{
          username: string;
          email: string;
          email_verified_at: Date | null;
        }>`SELECT username, email, email_verified_at FROM users ORDER BY id`.execute(handle.db);
        assert.deepEqual(
          rows.rows.map((r) => [r.username, r.email]),
          [
            ['old_inactive', ''],
            ['active', 'dup@example.com'], // the active account keeps it over an older inactive one
            ['shouting', ''],
            ['pair1', 'pair@x.test'], // then the oldest
            ['pair2', ''],
            ['alone', 'alone@x.test'],
            ['blank1', ''],
            ['blank2', ''],
            ['feedy', 'dup@EXAMPLE.com'],
            ['feedy2', 'Feed@x.test'],
            ['feedy3', 'feed@x.test'],
          ],
        );
        assert.ok(
          rows.rows.every((r) => r.email_verified_at === null),
          'nothing is verified by the migration',
        );
        const audit = await sql<{
          entity_id: string;
          before: { email: string };
          after: { email: string; keptBy: number };
        }>`
      SELECT entity_id, before, after FROM audit_log WHERE request_id = 'migration:0016_verified_emails'
        ORDER BY entity_id::int`.execute(handle.db);
        const id = (name: string) => String(before.rows.find((r) => r.username === name)!.id);
        assert.deepEqual(
          audit.rows.map((a) => [a.entity_id, a.before.email, a.after.email]),
          [
            [id('old_inactive'), 'Dup@Example.com', ''],
            [id('shouting'), 'DUP@EXAMPLE.COM', ''],
            [id('pair2'), 'Pair@X.test', ''],
          ],
        );
        assert.equal(String(audit.rows[0].after.keptBy), id('active'));
        await assert.rejects(
          sql`UPDATE users SET email = 'ALONE@x.test' WHERE username = 'pair2'`.execute(handle.db),
          /users_email_lower_unique|duplicate key/,
        );
        await sql`UPDATE users SET email = 'ALONE@x.test' WHERE username = 'feedy3'`.execute(handle.db);
        await assert.rejects(
          sql`UPDATE users SET feed_only = false WHERE username = 'feedy3'`.execute(handle.db),
          /users_email_lower_unique|duplicate key/,
          'a promotion may not give a workspace address a second holder',
        );
        await sql`UPDATE users SET email = 'feed@x.test' WHERE username = 'feedy3'`.execute(handle.db);

        // The service names the field, whatever the database (PGlite reports the index like PostgreSQL).
        const users = new UserService(createUnitOfWork(handle.db));
        await assert.rejects(
          users.insert({ actor: SYSTEM_ACTOR }, { username: 'late', email: 'PAIR@x.TEST' }),
          (e: unknown) =>
            e instanceof AppError && e.code === 'CONFLICT' && JSON.stringify(e.details).includes('"path":"email"'),
        );
        const lateFeed = await users.insert(
          { actor: SYSTEM_ACTOR },
          { username: 'late_feed', email: 'PAIR@x.TEST', password: 'x', feedOnly: true },
          { passwordRules: false },
        );
        await sql`DELETE FROM users WHERE id = ${lateFeed.id}`.execute(handle.db);

        await runner.to(BEFORE);
        const restored = await sql<{
          id: number;
          username: string;
          email: string;
        }>`SELECT id, username, email FROM users ORDER BY id`.execute(handle.db);
        assert.deepEqual(restored.rows, before.rows, 'down restores the previous schema and the cleared addresses');
        await runner.up();
      },
    );
  });
