import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { bootstrapAdmin } from '../../apps/server/src/runtime/bootstrap-admin.ts';

// Issue 13 item 17: a strength estimator (zxcvbn-ts, score >= 3 of 4) wherever a password is set;
// changing one's own password needs the current one and ends the other sessions.
const HARNESS_PASSWORD = 'correct horse battery';
const STRONG = 'Tangerine-Orbit-Lantern-42';

let db: TestDatabase;
let h: Harness;
let admin: TestUser;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  admin = await h.user('root', { admin: true });
});
after(async () => {
  await h.close();
  await db.drop();
});

async function login(username: string, password: string) {
  const r = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  assert.equal(r.statusCode, 200, r.body);
  const raw = r.headers['set-cookie'];
  const session = (Array.isArray(raw) ? raw : [String(raw)])
    .map((c) => /^vigil_session=([^;]+)/.exec(c)?.[1])
    .find(Boolean)!;
  return { session, csrf: r.json().csrfToken as string };
}

const me = (session: string) =>
  h.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { vigil_session: session } });

function assertWeak(res: { statusCode: number; json(): any }, field = 'password') {
  assert.equal(res.statusCode, 400);
  const { error } = res.json();
  assert.equal(error.code, 'VALIDATION_FAILED');
  assert.equal(error.details[0].path, field);
  assert.match(error.details[0].message, /too weak|at least 8/);
  return error.details[0];
}

test(
  'an administrator cannot create a user with "password", "12345678" or the username in disguise; the answer ' +
    'carries the estimator feedback',
  async () => {
    for (const password of ['password', '12345678', 'password123']) {
      const detail = assertWeak(await admin.post('/api/v1/users', { username: `weak_${password}`, password }));
      assert.ok(detail.warning, 'the estimator warning is passed on');
      assert.ok(Array.isArray(detail.suggestions));
    }
    // Strong on its own, but made of the username: the username counts as a known word.
    const personal = assertWeak(
      await admin.post('/api/v1/users', { username: 'zorbaquill', password: 'ZorbaQuill2024' }),
    );
    assert.match(personal.warning, /personal/);
    assert.equal((await admin.post('/api/v1/users', { username: 'zorbaquill', password: STRONG })).statusCode, 201);
    assert.equal((await db.uow.repos.users.findByUsername('weak_password')) ?? null, null, 'nothing written');
  },
);

test(
  'an administrator resetting a password: weak refused; ' + 'strong ends all of that user’s sessions (API tokens stay)',
  async () => {
    const carol = await h.user('carol');
    const a = await login('carol', HARNESS_PASSWORD);
    const b = await login('carol', HARNESS_PASSWORD);
    assertWeak(await admin.patch(`/api/v1/users/${carol.id}`, { password: 'qwertyuiop' }));
    assert.equal((await me(a.session)).statusCode, 200, 'a refused change ends nothing');
    assert.equal((await admin.patch(`/api/v1/users/${carol.id}`, { password: STRONG })).statusCode, 200);
    assert.equal((await me(a.session)).statusCode, 401);
    assert.equal((await me(b.session)).statusCode, 401);
    assert.equal((await carol.get('/api/v1/auth/me')).statusCode, 200, 'API tokens are not sessions');
    await login('carol', STRONG);
  },
);

test(
  'changing your own password needs the current one (400 missing, 403 wrong), keeps this session and ends the ' +
    'others',
  async () => {
    const dave = await h.user('dave');
    const here = await login('dave', HARNESS_PASSWORD);
    const elsewhere = await login('dave', HARNESS_PASSWORD);
    const change = (body: Record<string, unknown>) =>
      h.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${dave.id}`,
        cookies: { vigil_session: here.session },
        headers: { 'x-csrf-token': here.csrf },
        payload: body,
      });

    const missing = await change({ password: STRONG });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.details[0].path, 'currentPassword');
    const wrong = await change({ password: STRONG, currentPassword: 'not my password' });
    assert.equal(wrong.statusCode, 403);
    assert.match(wrong.json().error.message, /current password is wrong/);
    assert.equal(wrong.json().error.details[0].path, 'currentPassword');
    assertWeak(await change({ password: 'dave12345', currentPassword: HARNESS_PASSWORD }));
    assert.equal((await me(elsewhere.session)).statusCode, 200, 'refused changes end nothing');

    const ok = await change({ password: STRONG, currentPassword: HARNESS_PASSWORD });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await me(here.session)).statusCode, 200, 'the session that changed the password stays');
    assert.equal((await me(elsewhere.session)).statusCode, 401, 'every other session ends');
    assert.equal((await dave.get('/api/v1/auth/me')).statusCode, 200, 'API tokens stay');
    await login('dave', STRONG);

    // Through an API token the current password is needed too, and every session ends.
    const viaToken = await dave.patch(`/api/v1/users/${dave.id}`, { password: 'Quartz-Meadow-Violin-77' });
    assert.equal(viaToken.statusCode, 400);
    assert.equal(
      (await dave.patch(`/api/v1/users/${dave.id}`, { password: 'Quartz-Meadow-Violin-77', currentPassword: STRONG }))
        .statusCode,
      200,
    );
    assert.equal((await me(here.session)).statusCode, 401);
  },
);

test(
  'first start: a weak VIGIL_ADMIN_PASSWORD is a ' + 'start-up error naming the variable; a strong one works',
  async () => {
    const empty = await freshDatabase();
    try {
      await assert.rejects(bootstrapAdmin(empty.uow, 'admin', 'admin123'), /VIGIL_ADMIN_PASSWORD .*too weak/);
      assert.equal(await empty.uow.repos.users.count(), 0);
      const generated = await bootstrapAdmin(empty.uow, 'admin');
      assert.ok(generated?.password, 'the generated password passes the rules');
    } finally {
      await empty.drop();
    }
  },
);

test('CLI: vigil user create / reset-password refuse a weak --password', async () => {
  const bin = new URL('../../bin/vigil.mjs', import.meta.url).pathname;
  const vigil = (args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], {
      env: { ...process.env, DATABASE_URL: db.url, VIGIL_LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 120_000,
    });
  const weak = vigil(['user', 'create', 'erin', '--password', 'letmein1']);
  assert.equal(weak.status, 1, weak.stdout);
  assert.match(weak.stderr, /password is too weak/);
  assert.equal((await db.uow.repos.users.findByUsername('erin')) ?? null, null);
  const reset = vigil(['user', 'reset-password', 'root', '--password', 'iloveyou']);
  assert.equal(reset.status, 1, reset.stdout);
  assert.match(reset.stderr, /password is too weak/);
});
