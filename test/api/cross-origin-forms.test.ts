import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { InjectOptions } from 'fastify';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness } from '../support/harness.ts';

// Issue 13 item 10: login CSRF. A form auto-submitted from another origin must not sign the victim
// in (nor change anything); same-origin browsers and scripts that send no Origin/Sec-Fetch-Site work.

const HOST = 'vigil.example.com';
const PASSWORD = 'correct horse battery';

let db: TestDatabase;
let h: Harness;
let proxied: Harness;
before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  proxied = await createHarness(db.uow, { trustProxy: true });
  await h.user('attacker');
});
after(async () => {
  await h.close();
  await proxied.close();
  await db.drop();
});

const loginForm = (headers: Record<string, string | undefined>, app = h.app) =>
  app.inject({
    method: 'POST',
    url: '/feed/login',
    payload: new URLSearchParams({ username: 'attacker', password: PASSWORD }).toString(),
    headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded', ...headers },
  } as InjectOptions);

const cookieNames = (res: { cookies: unknown[] }) => (res.cookies as { name: string }[]).map((c) => c.name);

test('a cross-site form post to /feed/login is refused (403, clear message) and sets no cookie', async () => {
  for (const headers of [
    { origin: 'https://evil.example' },
    { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'cross-site' },
    { origin: 'null' },
  ]) {
    const res = await loginForm(headers);
    assert.equal(res.statusCode, 403, JSON.stringify(headers));
    assert.match(res.body, /Cross-origin request refused/);
    assert.deepEqual(cookieNames(res), [], JSON.stringify(headers));
    assert.equal(res.headers['set-cookie'], undefined);
  }
});

test('a sibling subdomain (Sec-Fetch-Site: same-site) is another origin too', async () => {
  const res = await loginForm({ origin: `https://app.${HOST}`, 'sec-fetch-site': 'same-site' });
  assert.equal(res.statusCode, 403);
  assert.deepEqual(cookieNames(res), []);
});

test('the same origin signs in (Origin alone, or with Sec-Fetch-Site: same-origin)', async () => {
  for (const headers of [
    { origin: `https://${HOST}` },
    { origin: `https://${HOST}`, 'sec-fetch-site': 'same-origin' },
    { 'sec-fetch-site': 'same-origin' },
  ]) {
    const res = await loginForm(headers);
    assert.equal(res.statusCode, 303, `${JSON.stringify(headers)}: ${res.body}`);
    assert.ok(cookieNames(res).includes('vigil_session'), JSON.stringify(headers));
  }
});

test('a client that sends neither Origin nor Sec-Fetch-Site (a script) is not refused', async () => {
  const res = await loginForm({});
  assert.equal(res.statusCode, 303, res.body);
  assert.ok(cookieNames(res).includes('vigil_session'));
});

test('behind a trusted proxy the origin is compared with X-Forwarded-Host', async () => {
  const forwarded = { host: 'vigil-server-1:8080', 'x-forwarded-host': HOST, 'x-forwarded-proto': 'https' };
  assert.equal((await loginForm({ ...forwarded, origin: `https://${HOST}` }, proxied.app)).statusCode, 303);
  assert.equal((await loginForm({ ...forwarded, origin: 'https://evil.example' }, proxied.app)).statusCode, 403);
  // Without VIGIL_TRUST_PROXY the forwarded host is not believed: the Host header is the origin.
  assert.equal((await loginForm({ ...forwarded, origin: `https://${HOST}` })).statusCode, 403);
});

test('every state-changing route is covered: JSON API login, a token-authenticated write, MiniTwit pages', async () => {
  const json = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'attacker', password: PASSWORD },
    headers: { host: HOST, origin: 'https://evil.example' },
  });
  assert.equal(json.statusCode, 403);
  assert.equal(json.json().error.code, 'CSRF_FAILED');
  assert.deepEqual(cookieNames(json), []);

  const attacker = await h.user('writer');
  const cross = await attacker.request({
    method: 'POST',
    url: '/api/v1/feed/posts',
    payload: { text: 'forged' },
    headers: { host: HOST, 'sec-fetch-site': 'cross-site' },
  });
  assert.equal(cross.statusCode, 403);
  const fromScript = await attacker.post('/api/v1/feed/posts', { text: 'scripted' });
  assert.equal(fromScript.statusCode, 201, fromScript.body);

  const logout = await h.app.inject({
    method: 'POST',
    url: '/feed/logout',
    headers: { host: HOST, 'sec-fetch-site': 'cross-site' },
  });
  assert.equal(logout.statusCode, 403);
  assert.match(
    logout.headers['content-type'] as string,
    /text\/html/,
    'the feed pages answer with their HTML error page',
  );

  // Reads are never refused: a cross-site link to a page still opens it.
  const page = await h.app.inject({
    method: 'GET',
    url: '/feed/public',
    headers: { host: HOST, 'sec-fetch-site': 'cross-site' },
  });
  assert.equal(page.statusCode, 200);
});
