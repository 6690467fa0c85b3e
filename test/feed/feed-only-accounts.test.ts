import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { ApiTokenService, SYSTEM_ACTOR } from '@vigil/core';
import { digest, newSecret } from '../../packages/core/src/auth/secret-token.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { authenticateSocket } from '../../apps/server/src/realtime/socket-auth.ts';

/**
 * Issue 13 items 1, 2 and 16 (second half): the MiniTwit simulator API is off by default, needs its
 * own credential, and acts only on feed-only accounts; those never sign in to the workspace, hold
 * no role, until an administrator promotes them; the public MiniTwit list and the anonymous /feed
 * pages show only feed-only accounts' posts.
 */
const P = '/api/minitwit';
const PUBLISHED = { authorization: `Basic ${Buffer.from('simulator:super_safe!').toString('base64')}` };
const OWN_CREDENTIAL = 'course-sim:a-credential-of-our-own';
const SIM = { authorization: `Basic ${Buffer.from(OWN_CREDENTIAL).toString('base64')}` };

const ENDPOINTS: InjectOptions[] = [
  { method: 'GET', url: `${P}/latest` },
  { method: 'POST', url: `${P}/register`, payload: { username: 'intruder', email: 'i@x', pwd: 'x' } },
  { method: 'GET', url: `${P}/msgs` },
  { method: 'GET', url: `${P}/msgs/admin` },
  { method: 'POST', url: `${P}/msgs/admin`, payload: { content: 'owned' } },
  { method: 'GET', url: `${P}/fllws/admin` },
  { method: 'POST', url: `${P}/fllws/admin`, payload: { follow: 'admin' } },
];

describe('simulator off (the default)', () => {
  let db: TestDatabase;
  let h: Harness;
  before(async () => {
    db = await freshDatabase();
    h = await createHarness(db.uow);
    await h.user('admin', { admin: true });
  });
  after(async () => {
    await h.close();
    await db.drop();
  });

  test(
    'every simulator route answers 404 as if absent, ' + 'the published credential included; nothing is stored',
    async () => {
      for (const e of ENDPOINTS) {
        for (const headers of [PUBLISHED, {}]) {
          const res = await h.app.inject({ ...e, url: `${e.url}?latest=7`, headers });
          assert.equal(res.statusCode, 404, `${e.method} ${e.url}`);
          assert.equal(res.json().error.code, 'NOT_FOUND');
        }
      }
      assert.equal(await h.uow.repos.users.findByUsername('intruder'), undefined, 'no account registered');
      assert.equal(await h.uow.repos.feed.latest(), -1, 'latest not stored');
      const posts = await sql<{ n: string }>`SELECT count(*) AS n FROM feed_posts`.execute(db.handle.db);
      assert.equal(Number(posts.rows[0]!.n), 0);
    },
  );
});

describe('simulator on with its own credential', () => {
  let db: TestDatabase;
  let h: Harness;
  let admin: TestUser;
  let worker: TestUser;
  before(async () => {
    db = await freshDatabase();
    h = await createHarness(db.uow, { minitwitSimulatorAuth: OWN_CREDENTIAL });
    admin = await h.user('admin', { admin: true });
    worker = await h.user('worker');
    for (const u of ['feedy', 'feeda']) {
      const r = await h.app.inject({
        method: 'POST',
        url: `${P}/register`,
        payload: { username: u, email: `${u}@x`, pwd: 'x' },
      });
      assert.equal(r.statusCode, 204, r.body);
    }
  });
  after(async () => {
    await h.close();
    await db.drop();
  });

  const sim = (o: InjectOptions) => h.app.inject({ ...o, headers: { ...SIM, ...(o.headers ?? {}) } });
  const count = async (table: 'feed_posts' | 'follows') =>
    Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db.handle.db)).rows[0]!.n);
  const notFound = { status: 404, error_msg: 'The user was not found' };

  test('the published credential is refused when another is configured', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: `${P}/msgs/feedy`,
      headers: PUBLISHED,
      payload: { content: 'x' },
    });
    assert.equal(res.statusCode, 403);
  });

  test('posting as an administrator or a workspace user: 404 "user not found", nothing stored', async () => {
    const posts = await count('feed_posts');
    for (const who of ['admin', 'ADMIN', 'worker']) {
      const res = await sim({ method: 'POST', url: `${P}/msgs/${who}`, payload: { content: 'owned' } });
      assert.equal(res.statusCode, 404, who);
      assert.deepEqual(res.json(), notFound);
      const empty = await sim({ method: 'POST', url: `${P}/msgs/${who}`, payload: { content: '' } });
      assert.equal(empty.statusCode, 404, 'a workspace user is unknown before the message is checked');
    }
    assert.equal(await count('feed_posts'), posts);
    assert.equal(
      (await sim({ method: 'POST', url: `${P}/msgs/feedy`, payload: { content: 'hello' } })).statusCode,
      204,
    );
    assert.equal(await count('feed_posts'), posts + 1);
  });

  test('following as or of a workspace user, and reading its messages or follows: 404, nothing stored', async () => {
    const follows = await count('follows');
    const cases: InjectOptions[] = [
      { method: 'POST', url: `${P}/fllws/admin`, payload: { follow: 'feedy' } },
      { method: 'POST', url: `${P}/fllws/feedy`, payload: { follow: 'admin' } },
      { method: 'POST', url: `${P}/fllws/feedy`, payload: { follow: 'worker' } },
      { method: 'POST', url: `${P}/fllws/worker`, payload: { unfollow: 'feedy' } },
      { method: 'POST', url: `${P}/fllws/worker`, payload: {} },
      { method: 'GET', url: `${P}/fllws/admin` },
      { method: 'GET', url: `${P}/msgs/worker` },
    ];
    for (const c of cases) {
      const res = await sim(c);
      assert.equal(res.statusCode, 404, `${c.method} ${c.url} ${JSON.stringify(c.payload)}`);
      assert.deepEqual(res.json(), notFound);
    }
    assert.equal(await count('follows'), follows);
    assert.equal(
      (await sim({ method: 'POST', url: `${P}/fllws/feedy`, payload: { follow: 'feeda' } })).statusCode,
      204,
    );
    assert.deepEqual((await sim({ method: 'GET', url: `${P}/fllws/feedy` })).json(), { follows: ['feeda'] });
  });

  test(
    "/msgs and the anonymous /feed pages list only feed-only accounts' posts; signed-in workspace users see " + 'all',
    async () => {
      assert.equal((await worker.post('/api/v1/feed/posts', { text: 'workspace secret' })).statusCode, 201);
      assert.equal(
        (await sim({ method: 'POST', url: `${P}/msgs/feeda`, payload: { content: 'feed hello' } })).statusCode,
        204,
      );
      const msgs = (await sim({ method: 'GET', url: `${P}/msgs?no=100` })).json() as {
        content: string;
        user: string;
      }[];
      assert.ok(msgs.some((m) => m.content === 'feed hello'));
      assert.ok(!msgs.some((m) => m.user === 'worker'), 'no workspace post on /msgs');

      const anonymous = await h.app.inject({ method: 'GET', url: '/feed/public' });
      assert.equal(anonymous.statusCode, 200);
      assert.match(anonymous.body, /feed hello/);
      assert.doesNotMatch(anonymous.body, /workspace secret/);
      const profile = await h.app.inject({ method: 'GET', url: '/feed/worker' });
      assert.equal(profile.statusCode, 404, "a workspace user's timeline is not shown to visitors");
      assert.doesNotMatch(profile.body, /workspace secret/);
      assert.match((await h.app.inject({ method: 'GET', url: '/feed/feeda' })).body, /feed hello/);

      const all = (await worker.get('/api/v1/feed/public?limit=100')).json().items as { text: string }[];
      assert.ok(all.some((p) => p.text === 'workspace secret') && all.some((p) => p.text === 'feed hello'));
    },
  );

  test(
    'a feed-only account cannot sign in (401 exactly as a wrong password); a forced token or session never ' +
      'authenticates',
    async () => {
      const login = (username: string, password: string) =>
        h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      const right = await login('feedy', 'x');
      const wrong = await login('feeda', 'not-the-password');
      assert.equal(right.statusCode, 401);
      assert.deepEqual(right.json(), wrong.json());
      const page = await h.app.inject({
        method: 'POST',
        url: '/feed/login',
        payload: 'username=feedy&password=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(page.statusCode, 401);

      const feedy = (await h.uow.repos.users.findByUsername('feedy'))!;
      const { key } = await new ApiTokenService(h.uow).create({ actor: SYSTEM_ACTOR }, feedy.id, 'forced');
      const byToken = await h.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Token ${key}` },
      });
      assert.equal(byToken.statusCode, 401);
      const session = newSecret('vs_', 32);
      await db.handle.db
        .insertInto('sessions')
        .values({
          id: digest(session),
          user_id: feedy.id,
          csrf_token: 'c',
          ip: null,
          user_agent: null,
          expires_at: new Date(Date.now() + 3600_000),
        })
        .execute();
      const bySession = await h.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { cookie: `vigil_session=${session}` },
      });
      assert.equal(bySession.statusCode, 401);
      const socketReq = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
      assert.equal(
        await authenticateSocket(h.services.auth, socketReq({}), { token: key }),
        undefined,
        'socket with the token',
      );
      assert.equal(
        await authenticateSocket(h.services.auth, socketReq({ cookie: `vigil_session=${session}` }), {}),
        undefined,
        'socket with the session',
      );
    },
  );

  test(
    'a feed-only account holds no role: no product, product-type or team membership, no admin right (400 naming ' +
      'it)',
    async () => {
      const feedy = (await h.uow.repos.users.findByUsername('feedy'))!;
      const pt = (await admin.post('/api/v1/product-types', { name: 'Web' })).json();
      const product = (await admin.post('/api/v1/products', { name: 'Shop', productTypeId: pt.id })).json();
      const team = (await admin.post('/api/v1/teams', { name: 'Blue' })).json();
      const attempts = [
        await admin.post(`/api/v1/products/${product.id}/members`, { userId: feedy.id, role: 'Reader' }),
        await admin.post(`/api/v1/product-types/${pt.id}/members`, { userId: feedy.id, role: 'Owner' }),
        await admin.put(`/api/v1/teams/${team.id}/members`, { userId: feedy.id, role: 'member' }),
        await admin.patch(`/api/v1/users/${feedy.id}`, { isAdmin: true }),
      ];
      for (const res of attempts) {
        assert.equal(res.statusCode, 400, res.body);
        assert.match(res.json().error.message, /User "feedy" is a feed-only account/);
      }
      assert.deepEqual(
        (await admin.get(`/api/v1/products/${product.id}/members`))
          .json()
          .items.filter((m: { userId: number }) => m.userId === feedy.id),
        [],
      );
      assert.equal((await h.uow.repos.users.findById(feedy.id))!.is_admin, false);
      const shown = (await admin.get(`/api/v1/users/${feedy.id}`)).json();
      assert.equal(shown.feedOnly, true, 'administrators see the account is feed-only');
      assert.equal((await admin.get(`/api/v1/users/${worker.id}`)).json().feedOnly, false);
    },
  );

  test(
    'an administrator promotes it (new password meeting the ' + 'policy, audited); it then signs in and may hold roles',
    async () => {
      const feedy = (await h.uow.repos.users.findByUsername('feedy'))!;
      assert.equal(
        (await worker.post(`/api/v1/users/${feedy.id}/promote`, { password: 'Tr0ub4dor&3-horse-staple' })).statusCode,
        403,
        'admins only',
      );
      const weak = await admin.post(`/api/v1/users/${feedy.id}/promote`, { password: 'x' });
      assert.equal(weak.statusCode, 400);
      assert.match(weak.json().error.message, /password/i);
      assert.equal(
        (await h.uow.repos.users.findById(feedy.id))!.feed_only,
        true,
        'a refused promotion changes nothing',
      );

      const password = 'violet-anchor-drizzle-87-quasar';
      const promoted = await admin.post(`/api/v1/users/${feedy.id}/promote`, { password });
      assert.equal(promoted.statusCode, 200, promoted.body);
      assert.equal(promoted.json().feedOnly, false);
      assert.equal(
        (await admin.post(`/api/v1/users/${feedy.id}/promote`, { password })).statusCode,
        409,
        'already a workspace account',
      );
      const audit = await sql<{ actor_id: number; action: string }>`
      SELECT actor_id, action FROM audit_log WHERE entity_type = 'user' AND entity_id = ${String(feedy.id)}
        AND action = 'promote'`.execute(db.handle.db);
      assert.deepEqual(audit.rows, [{ actor_id: admin.id, action: 'promote' }]);

      assert.equal(
        (
          await h.app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { username: 'feedy', password: 'x' },
          })
        ).statusCode,
        401,
        'the old password is gone',
      );
      const login = await h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'feedy', password },
      });
      assert.equal(login.statusCode, 200, login.body);
      const pt = (await admin.post('/api/v1/product-types', { name: 'After promotion' })).json();
      assert.equal(
        (await admin.post(`/api/v1/product-types/${pt.id}/members`, { userId: feedy.id, role: 'Reader' })).statusCode,
        201,
      );

      // Now a workspace account: the simulator no longer acts on it, and its posts leave /msgs.
      assert.equal(
        (await sim({ method: 'POST', url: `${P}/msgs/feedy`, payload: { content: 'after' } })).statusCode,
        404,
      );
      const msgs = (await sim({ method: 'GET', url: `${P}/msgs?no=100` })).json() as { user: string }[];
      assert.ok(!msgs.some((m) => m.user === 'feedy'));
    },
  );
});
