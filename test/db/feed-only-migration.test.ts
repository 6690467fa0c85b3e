import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { MigrationRunner, createDatabase, type DatabaseHandle } from '@vigil/db';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

/**
 * Migration 0015 marks existing accounts feed-only only when every sign of a MiniTwit registration
 * holds (docs/feed.md): created by the system actor per the audit log, not an administrator, never
 * signed in, no role, no team, no invitation, no API token. Their posts are marked with them.
 */
for (const kind of ['postgres', 'embedded'] as const) {
  describe(`0015 on existing data (${kind})`, () => {
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

    test('marks only accounts that look like MiniTwit registrations, and their posts', async () => {
      const runner = new MigrationRunner(handle.db);
      await runner.to('0014_change_notifications');
      const db = handle.db;
      const user = async (
        username: string,
        opts: { admin?: boolean; loggedIn?: boolean; createdBy?: number | null; audited?: boolean } = {},
      ) => {
        const r = await sql<{ id: number }>`
          INSERT INTO users (username, password_hash, is_admin, last_login_at)
          VALUES (${username}, 'x', ${opts.admin ?? false}, ${opts.loggedIn ? new Date() : null}) RETURNING id`.execute(
          db,
        );
        const id = r.rows[0]!.id;
        if (opts.audited !== false) {
          await sql`INSERT INTO audit_log (actor_id, action, entity_type, entity_id)
            VALUES (${opts.createdBy ?? null}, 'create', 'user', ${String(id)})`.execute(db);
        }
        await sql`INSERT INTO feed_posts (author_id, text) VALUES (${id}, ${`post by ${username}`})`.execute(db);
        return id;
      };
      const admin = await user('admin', { admin: true });
      const sim = await user('Roger Histand');
      const loggedIn = await user('logged-in', { loggedIn: true });
      const byAdmin = await user('by-admin', { createdBy: admin });
      const unaudited = await user('unaudited', { audited: false });
      const member = await user('member');
      const teamMember = await user('team-member');
      const invited = await user('invited');
      const tokened = await user('tokened');
      const pt = (await sql<{ id: number }>`INSERT INTO product_types (name) VALUES ('Web') RETURNING id`.execute(db))
        .rows[0]!.id;
      await sql`INSERT INTO memberships (user_id, product_type_id, role) VALUES (${member}, ${pt}, 'Reader')`.execute(
        db,
      );
      const team = (await sql<{ id: number }>`INSERT INTO teams (name) VALUES ('Blue') RETURNING id`.execute(db))
        .rows[0]!.id;
      await sql`INSERT INTO team_members (team_id, user_id, role) VALUES (${team}, ${teamMember}, 'member')`.execute(
        db,
      );
      await sql`INSERT INTO team_invitations (team_id, invitee_id, invited_by, role, expires_at)
        VALUES (${team}, ${invited}, ${admin}, 'member', now() + interval '1 day')`.execute(db);
      await sql`INSERT INTO api_tokens (user_id, name, token_hash, prefix) VALUES (${tokened}, 't', 'h', 'p')`.execute(
        db,
      );

      await runner.to('0015_feed_only_accounts');
      const users = await sql<{ id: number; feed_only: boolean }>`SELECT id, feed_only FROM users ORDER BY id`.execute(
        db,
      );
      assert.deepEqual(
        users.rows.filter((u) => u.feed_only).map((u) => u.id),
        [sim],
      );
      for (const id of [admin, loggedIn, byAdmin, unaudited, member, teamMember, invited, tokened])
        assert.ok(users.rows.some((u) => u.id === id && !u.feed_only));
      const posts = await sql<{ author_id: number }>`SELECT author_id FROM feed_posts WHERE feed_only`.execute(db);
      assert.deepEqual(
        posts.rows.map((p) => p.author_id),
        [sim],
      );
      const page = await sql<{
        author_username: string;
      }>`SELECT author_username FROM feed_feed_only_public_page(NULL, 10)`.execute(db);
      assert.deepEqual(
        page.rows.map((p) => p.author_username),
        ['Roger Histand'],
      );
      await assert.rejects(
        sql`UPDATE users SET is_admin = true WHERE id = ${sim}`.execute(db),
        /users_feed_only_not_admin/,
        'a feed-only account is never an administrator',
      );

      await runner.to('0014_change_notifications');
      const cols = await sql<{ n: string }>`
        SELECT count(*) AS n FROM information_schema.columns WHERE column_name = 'feed_only'
          AND table_name IN ('users', 'feed_posts')`.execute(db);
      assert.equal(Number(cols.rows[0]!.n), 0, 'down drops both columns');
    });

    if (kind === 'postgres') {
      test('the feed-only public page walks its partial index, never the workspace posts', async () => {
        const db = handle.db;
        await new MigrationRunner(db).up();
        const author = (
          await sql<{ id: number }>`INSERT INTO users (username) VALUES ('busy-worker') RETURNING id`.execute(db)
        ).rows[0]!.id;
        await sql`INSERT INTO feed_posts (author_id, text) SELECT ${author}, 'w' || g
          FROM generate_series(1, 20000) g`.execute(db);
        await sql`ANALYZE feed_posts`.execute(db);
        // What the page function reads: a few pages of its partial index, not the 20,000 workspace posts.
        // (Same connection: its first call plans the function's statement, reading the catalogs.)
        const text = await db.connection().execute(async (c) => {
          await sql`SELECT * FROM feed_feed_only_public_page(NULL, 31)`.execute(c);
          const plan = await sql<{ 'QUERY PLAN': string }>`
            EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) SELECT *
              FROM feed_feed_only_public_page(NULL, 31)`.execute(c);
          return plan.rows.map((x) => x['QUERY PLAN']).join('\n');
        });
        const m = /Function Scan[^\n]*\n(?:[^\n]*\n)*?\s*Buffers: shared(?: hit=(\d+))?(?: read=(\d+))?/.exec(text);
        assert.ok(m, text);
        assert.ok(Number(m[1] ?? 0) + Number(m[2] ?? 0) < 40, text);
      });
    }
  });
}
