import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness } from '../support/harness.ts';

const P = '/api/minitwit';
const SIM = { authorization: 'Basic c2ltdWxhdG9yOnN1cGVyX3NhZmUh' };
const FORBIDDEN = { status: 403, error_msg: 'You are not authorized to use this resource!' };

let db: TestDatabase;
let h: Harness;
before(async () => {
  db = await freshDatabase();
  // The course's own credential, as a deployment that runs the course's simulator configures it.
  h = await createHarness(db.uow, { minitwitSimulatorAuth: 'simulator:super_safe!' });
});
after(async () => {
  await h.close();
  await db.drop();
});

const call = (o: InjectOptions) => h.app.inject({ ...o, headers: { ...SIM, ...(o.headers ?? {}) } });
const latest = async () => (await h.app.inject({ method: 'GET', url: `${P}/latest` })).json().latest;

test('latest is -1 until a request carries it; every endpoint stores it, reading ones and failures too', async () => {
  assert.deepEqual((await h.app.inject({ method: 'GET', url: `${P}/latest` })).json(), { latest: -1 });
  await call({ method: 'POST', url: `${P}/register?latest=1`, payload: { username: 'a', email: 'a@a', pwd: 'a' } });
  assert.equal(await latest(), 1);
  await call({ method: 'GET', url: `${P}/msgs?no=5&latest=2` });
  assert.equal(await latest(), 2);
  await call({ method: 'GET', url: `${P}/fllws/a?latest=3` });
  assert.equal(await latest(), 3);
  await h.app.inject({ method: 'GET', url: `${P}/msgs?latest=4` });
  assert.equal(await latest(), 4, 'stored even when the request is then refused');
  await call({ method: 'GET', url: `${P}/msgs/nobody?latest=5` });
  assert.equal(await latest(), 5, 'stored even for a 404');
  await call({ method: 'GET', url: `${P}/msgs?latest=abc` });
  assert.equal(await latest(), 5, 'a non-integer latest is ignored');
  assert.deepEqual((await h.app.inject({ method: 'GET', url: `${P}/latest?latest=6` })).json(), { latest: 6 });
});

test('register: 204, then MiniTwit error messages in MiniTwit order', async () => {
  const reg = (payload: unknown) => h.app.inject({ method: 'POST', url: `${P}/register`, payload: payload as never });
  const ok = await reg({ username: 'Roger Histand', email: 'test@test', pwd: 'x' });
  assert.equal(ok.statusCode, 204, ok.body);
  assert.equal(ok.body, '');
  const cases: [unknown, string][] = [
    [{ email: 'e@e', pwd: 'p' }, 'You have to enter a username'],
    [{ username: '', email: 'e@e', pwd: 'p' }, 'You have to enter a username'],
    [{ username: 'n1', email: 'no-at-sign', pwd: 'p' }, 'You have to enter a valid email address'],
    [{ username: 'n1', pwd: 'p' }, 'You have to enter a valid email address'],
    [{ username: 'n1', email: 'e@e' }, 'You have to enter a password'],
    [{ username: 'n1', email: 'e@e', pwd: '' }, 'You have to enter a password'],
    [{ username: 'Roger Histand', email: 'e@e', pwd: 'p' }, 'The username is already taken'],
  ];
  for (const [payload, message] of cases) {
    const res = await reg(payload);
    assert.equal(res.statusCode, 400, JSON.stringify(payload));
    assert.deepEqual(res.json(), { status: 400, error_msg: message });
  }
});

test('a simulator user is a feed-only account (argon2id password) that cannot sign in to the workspace', async () => {
  await h.app.inject({
    method: 'POST',
    url: `${P}/register`,
    payload: { username: 'Eun Haertel', email: 'e@h', pwd: 'q' },
  });
  const login = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'Eun Haertel', password: 'q' },
  });
  assert.equal(login.statusCode, 401, login.body);
  const stored = await h.uow.repos.users.findByUsername('Eun Haertel');
  assert.equal(stored!.feed_only, true);
  assert.equal(stored!.email, 'e@h');
  assert.match(stored!.password_hash!, /^\$argon2id\$/);
});

test('every endpoint but register and latest needs the simulator credentials', async () => {
  const endpoints: InjectOptions[] = [
    { method: 'GET', url: `${P}/msgs` },
    { method: 'GET', url: `${P}/msgs/a` },
    { method: 'POST', url: `${P}/msgs/a`, payload: { content: 'x' } },
    { method: 'GET', url: `${P}/fllws/a` },
    { method: 'POST', url: `${P}/fllws/a`, payload: { follow: 'Roger Histand' } },
  ];
  for (const e of endpoints) {
    for (const authorization of [undefined, 'Basic d3Jvbmc6d3Jvbmc=', 'Basic c2ltdWxhdG9yOnN1cGVyX3NhZmUh ']) {
      const res = await h.app.inject({ ...e, headers: authorization ? { authorization } : {} });
      assert.equal(res.statusCode, 403, `${e.method} ${e.url} ${authorization}`);
      assert.deepEqual(res.json(), FORBIDDEN);
    }
  }
});

test('the Basic scheme is matched in any case (RFC 9110); the credentials are not', async () => {
  for (const scheme of ['basic', 'BASIC', 'bAsIc']) {
    const res = await h.app.inject({
      method: 'GET',
      url: `${P}/msgs`,
      headers: { authorization: `${scheme} c2ltdWxhdG9yOnN1cGVyX3NhZmUh` },
    });
    assert.equal(res.statusCode, 200, `${scheme}: ${res.body}`);
  }
  for (const authorization of [
    'basic C2LTDWXHDG9YONN1CGVYX3NHZMUH',
    'Digest c2ltdWxhdG9yOnN1cGVyX3NhZmUh',
    'basicc2ltdWxhdG9yOnN1cGVyX3NhZmUh',
    'c2ltdWxhdG9yOnN1cGVyX3NhZmUh',
  ]) {
    const res = await h.app.inject({ method: 'GET', url: `${P}/msgs`, headers: { authorization } });
    assert.equal(res.statusCode, 403, authorization);
  }
});

test('tweets, per-user and public messages newest first, limited by no', async () => {
  for (const [u, e] of [
    ['alice', 'al@x'],
    ['bob', 'bo@x'],
  ])
    await call({ method: 'POST', url: `${P}/register`, payload: { username: u, email: e, pwd: 'p' } });
  for (let i = 1; i <= 3; i++) {
    assert.equal(
      (await call({ method: 'POST', url: `${P}/msgs/alice`, payload: { content: `alice ${i}` } })).statusCode,
      204,
    );
    assert.equal(
      (await call({ method: 'POST', url: `${P}/msgs/bob`, payload: { content: `bob ${i}` } })).statusCode,
      204,
    );
  }
  const mine = await call({ method: 'GET', url: `${P}/msgs/alice?no=2` });
  assert.equal(mine.statusCode, 200);
  assert.deepEqual(
    mine.json().map((m: { content: string }) => m.content),
    ['alice 3', 'alice 2'],
  );
  const m = mine.json()[0];
  assert.deepEqual(Object.keys(m).sort(), ['content', 'pub_date', 'user']);
  assert.equal(m.user, 'alice');
  assert.ok(Number.isInteger(m.pub_date) && Math.abs(m.pub_date - Date.now() / 1000) < 60);
  const all = (await call({ method: 'GET', url: `${P}/msgs?no=4` })).json();
  assert.deepEqual(
    all.map((x: { content: string }) => x.content),
    ['bob 3', 'alice 3', 'bob 2', 'alice 2'],
  );
  assert.equal((await call({ method: 'GET', url: `${P}/msgs` })).json().length, 6, 'no defaults to 100');
  assert.equal((await call({ method: 'GET', url: `${P}/msgs/nobody` })).statusCode, 404);
  const unknownTweet = await call({ method: 'POST', url: `${P}/msgs/nobody`, payload: { content: 'x' } });
  assert.equal(unknownTweet.statusCode, 404);
  assert.deepEqual(unknownTweet.json(), { status: 404, error_msg: 'The user was not found' });
});

test('follow, list follows (limited by no), unfollow; 404 for unknown users on either side', async () => {
  for (const u of ['f1', 'f2', 'f3', 'f4'])
    await call({ method: 'POST', url: `${P}/register`, payload: { username: u, email: `${u}@x`, pwd: 'p' } });
  for (const t of ['f2', 'f3', 'f4'])
    assert.equal((await call({ method: 'POST', url: `${P}/fllws/f1`, payload: { follow: t } })).statusCode, 204);
  assert.equal(
    (await call({ method: 'POST', url: `${P}/fllws/f1`, payload: { follow: 'f2' } })).statusCode,
    204,
    'following twice is harmless',
  );
  assert.deepEqual((await call({ method: 'GET', url: `${P}/fllws/f1` })).json(), { follows: ['f2', 'f3', 'f4'] });
  assert.deepEqual((await call({ method: 'GET', url: `${P}/fllws/f1?no=2` })).json(), { follows: ['f2', 'f3'] });
  assert.equal((await call({ method: 'POST', url: `${P}/fllws/f1`, payload: { unfollow: 'f3' } })).statusCode, 204);
  assert.deepEqual((await call({ method: 'GET', url: `${P}/fllws/f1` })).json(), { follows: ['f2', 'f4'] });
  assert.deepEqual((await call({ method: 'GET', url: `${P}/fllws/f2` })).json(), { follows: [] });
  assert.equal((await call({ method: 'GET', url: `${P}/fllws/nobody` })).statusCode, 404);
  assert.equal((await call({ method: 'POST', url: `${P}/fllws/nobody`, payload: { follow: 'f2' } })).statusCode, 404);
  assert.equal((await call({ method: 'POST', url: `${P}/fllws/f1`, payload: { follow: 'nobody' } })).statusCode, 404);
  assert.equal((await call({ method: 'POST', url: `${P}/fllws/f1`, payload: { unfollow: 'nobody' } })).statusCode, 404);
  const bad = await call({ method: 'POST', url: `${P}/fllws/f1`, payload: {} });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().status, 400);
});

test('malformed JSON gets the MiniTwit error shape, not the Vigil one', async () => {
  const res = await call({
    method: 'POST',
    url: `${P}/msgs/f1`,
    headers: { 'content-type': 'application/json' },
    payload: '{"content":',
  });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().status, 400);
  assert.equal(typeof res.json().error_msg, 'string');
});

test(
  'tweet and follow resolve names case-insensitively, ' + 'skip deactivated users and write nothing on errors',
  async () => {
    for (const u of ['Case Name', 'gone', 'other'])
      await call({ method: 'POST', url: `${P}/register`, payload: { username: u, email: `${u.length}@x`, pwd: 'p' } });
    await db.handle.db.updateTable('users').set({ is_active: false }).where('username', '=', 'gone').execute();
    const posts = async () =>
      Number(
        (
          await db.handle.db
            .selectFrom('feed_posts')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await posts();

    assert.equal(
      (await call({ method: 'POST', url: `${P}/msgs/${encodeURIComponent('case name')}`, payload: { content: 'hi' } }))
        .statusCode,
      204,
    );
    const [m] = (await call({ method: 'GET', url: `${P}/msgs/${encodeURIComponent('Case Name')}?no=1` })).json();
    assert.deepEqual([m.content, m.user], ['hi', 'Case Name'], 'the stored author is the registered spelling');
    assert.equal(
      (await call({ method: 'POST', url: `${P}/msgs/gone`, payload: { content: 'x' } })).statusCode,
      404,
      'a deactivated user cannot post',
    );
    assert.equal(
      (await call({ method: 'POST', url: `${P}/msgs/nobody`, payload: { content: '' } })).statusCode,
      404,
      'unknown user before empty message',
    );
    const empty = await call({ method: 'POST', url: `${P}/msgs/other`, payload: { content: '  ' } });
    assert.deepEqual(empty.json(), { status: 400, error_msg: 'You have to enter a message' });
    assert.equal(await posts(), before + 1, 'only the one valid tweet was stored');

    assert.equal(
      (
        await call({
          method: 'POST',
          url: `${P}/fllws/${encodeURIComponent('CASE NAME')}`,
          payload: { follow: 'OTHER' },
        })
      ).statusCode,
      204,
    );
    assert.deepEqual((await call({ method: 'GET', url: `${P}/fllws/${encodeURIComponent('Case Name')}` })).json(), {
      follows: ['other'],
    });
    assert.equal(
      (await call({ method: 'POST', url: `${P}/fllws/other`, payload: { follow: 'gone' } })).statusCode,
      404,
      'a deactivated user cannot be followed',
    );
    assert.equal(
      (await call({ method: 'POST', url: `${P}/fllws/gone`, payload: { follow: 'other' } })).statusCode,
      404,
    );
    const self = await call({ method: 'POST', url: `${P}/fllws/other`, payload: { follow: 'Other' } });
    assert.deepEqual(self.json(), { status: 400, error_msg: 'You cannot follow yourself' });
    assert.equal(
      (await call({ method: 'POST', url: `${P}/fllws/nobody`, payload: {} })).statusCode,
      404,
      'unknown follower before a missing follow/unfollow',
    );
    assert.deepEqual((await call({ method: 'GET', url: `${P}/fllws/other` })).json(), { follows: [] });
  },
);
