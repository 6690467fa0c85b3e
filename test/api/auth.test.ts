import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';

let db: TestDatabase;
let h: Harness;
let alice: TestUser;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow, { loginMaxFailures: 3 });
  alice = await h.user('alice');
});
after(async () => {
  await h.close();
  await db.drop();
});

function cookiesOf(res: { headers: Record<string, unknown> }): Record<string, string> {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : [raw as string];
  return Object.fromEntries(list.filter(Boolean).map((c: string) => c.split(';')[0].split('=') as [string, string]));
}

test('login sets an httpOnly SameSite session cookie; writes need the CSRF header', async () => {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'alice', password: 'correct horse battery' },
  });
  assert.equal(res.statusCode, 200, res.body);
  const setCookie = String(res.headers['set-cookie']);
  assert.match(setCookie, /vigil_session=[^;]+;.*HttpOnly/i);
  assert.match(setCookie, /SameSite=Lax/i);
  const { vigil_session: session } = cookiesOf(res);
  const { csrfToken } = res.json();
  const me = await h.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { vigil_session: session } });
  assert.equal(me.json().username, 'alice');
  const noCsrf = await h.app.inject({
    method: 'POST',
    url: '/api/v1/teams',
    cookies: { vigil_session: session },
    payload: { name: 'Blue' },
  });
  assert.equal(noCsrf.statusCode, 403);
  assert.equal(noCsrf.json().error.code, 'CSRF_FAILED');
  const withCsrf = await h.app.inject({
    method: 'POST',
    url: '/api/v1/teams',
    cookies: { vigil_session: session },
    headers: { 'x-csrf-token': csrfToken },
    payload: { name: 'Blue' },
  });
  assert.equal(withCsrf.statusCode, 201);
  await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/logout',
    cookies: { vigil_session: session },
    headers: { 'x-csrf-token': csrfToken },
  });
  const afterLogout = await h.app.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    cookies: { vigil_session: session },
  });
  assert.equal(afterLogout.statusCode, 401);
});

test('repeated failed logins are throttled with 429 and Retry-After, even for the right password', async () => {
  await h.user('bob');
  for (let i = 0; i < 3; i++) {
    const r = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'bob', password: 'nope' },
    });
    assert.equal(r.statusCode, 401);
  }
  const blocked = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'bob', password: 'correct horse battery' },
  });
  assert.equal(blocked.statusCode, 429);
  assert.ok(Number(blocked.headers['retry-after']) > 0);
  const row = await db.uow.repos.loginAttempts.failures('user:bob', 900);
  // 3 failures, then the refused attempt marks the window full (limit + 1) without counting further.
  assert.equal(row.failures, 4, 'the counter lives in the database, shared by every replica');
});

test('API tokens: Token and Bearer work, are shown once, stored hashed, revocable, and can expire', async () => {
  const created = await alice.post('/api/v1/auth/tokens', { name: 'ci', expiresInDays: 30 });
  assert.equal(created.statusCode, 201);
  const { key, id } = created.json();
  assert.match(key, /^vgl_/);
  const stored = await db.uow.repos.apiTokens.findById(id);
  assert.notEqual(stored?.token_hash, key);
  assert.ok(!JSON.stringify((await alice.get('/api/v1/auth/tokens')).json()).includes(key), 'never listed again');
  const bearer = await h.app.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    headers: { authorization: `Bearer ${key}` },
  });
  assert.equal(bearer.statusCode, 200);
  assert.equal((await alice.delete(`/api/v1/auth/tokens/${id}`)).statusCode, 204);
  const revoked = await h.app.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    headers: { authorization: `Token ${key}` },
  });
  assert.equal(revoked.statusCode, 401);
  const expiring = (await alice.post('/api/v1/auth/tokens', { name: 'short' })).json();
  await db.handle.db
    .updateTable('api_tokens')
    .set({ expires_at: new Date(Date.now() - 1000) })
    .where('id', '=', expiring.id)
    .execute();
  const expired = await h.app.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    headers: { authorization: `Token ${expiring.key}` },
  });
  assert.equal(expired.statusCode, 401);
});

test('no credentials: 401 JSON on /api; health and readiness stay public; security headers set', async () => {
  const r = await h.app.inject({ method: 'GET', url: '/api/v1/findings' });
  assert.equal(r.statusCode, 401);
  assert.equal(r.json().error.code, 'UNAUTHENTICATED');
  const health = await h.app.inject({ method: 'GET', url: '/healthz' });
  assert.equal(health.statusCode, 200);
  assert.equal(health.headers['x-content-type-options'], 'nosniff');
  assert.ok(health.headers['content-security-policy']);
  assert.ok(health.headers['x-request-id']);
  assert.equal((await h.app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
});

test(
  '/metrics exposes HTTP counters, latency histogram and process metrics (business gauges: ' +
    'test/api/metrics-token.test.ts)',
  async () => {
    await alice.get('/api/v1/products');
    const text = (await h.app.inject({ method: 'GET', url: '/metrics' })).body;
    assert.match(text, /vigil_http_requests_total\{method="GET",route="\/api\/v1\/products",status="200"\} \d+/);
    assert.match(text, /vigil_http_request_duration_seconds_bucket/);
    assert.match(text, /vigil_process_resident_memory_bytes/);
  },
);

test('passwords are stored as argon2id hashes', async () => {
  const u = await db.uow.repos.users.findByUsername('alice');
  assert.match(u?.password_hash ?? '', /^\$argon2id\$/);
});
