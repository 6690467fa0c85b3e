import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { freshDatabase, freshDatabaseOf, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';

/**
 * Issue 13 item 14 (NUL bytes, chat search): input PostgreSQL cannot take is a 400 naming the
 * field, never a 500; a chat search made of `-` signs answers instead of overflowing the parser.
 */
let db: TestDatabase;
let h: Harness;
let admin: TestUser;
const SIM = { authorization: 'Basic c2ltdWxhdG9yOnN1cGVyX3NhZmUh' };

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow, { minitwitSimulatorAuth: 'simulator:super_safe!' });
  admin = await h.user('admin', { admin: true });
});
after(async () => {
  await h.close();
  await db.drop();
});

function assertNulRefused(res: LightMyRequestResponse, path: string) {
  assert.equal(res.statusCode, 400, `${path}: ${res.body}`);
  const error = res.json().error;
  assert.equal(error.code, 'VALIDATION_FAILED');
  assert.deepEqual(error.details, [{ path, message: 'contains a NUL character (U+0000)' }]);
  assert.ok(error.message.includes(path), error.message);
}

test(
  'a NUL byte in a query string, JSON body (nested values ' + 'and keys) or login username is a 400 naming the field',
  async () => {
    assertNulRefused(await admin.get('/api/v1/findings?title=%00'), 'query.title');
    assertNulRefused(await admin.get('/api/v1/findings?componentName=log4j%00'), 'query.componentName');
    assertNulRefused(await admin.post('/api/v1/product-types', { name: 'Web\u0000' }), 'body.name');
    assert.deepEqual((await admin.get('/api/v1/product-types')).json().items, [], 'nothing written');
    const pt = (await admin.post('/api/v1/product-types', { name: 'Web' })).json();
    const product = (await admin.post('/api/v1/products', { name: 'Shop', productTypeId: pt.id })).json();
    const engagement = (
      await admin.post('/api/v1/engagements', {
        productId: product.id,
        name: 'CI',
        targetStart: '2026-01-01',
        targetEnd: '2026-12-31',
      })
    ).json();
    const t = (await admin.post('/api/v1/tests', { engagementId: engagement.id, scanType: 'Manual' })).json();
    assertNulRefused(
      await admin.post('/api/v1/findings', { testId: t.id, title: 'XSS', severity: 'Low', tags: ['ok', 'b\u0000d'] }),
      'body.tags.1',
    );
    assertNulRefused(
      await admin.post('/api/v1/findings', {
        testId: t.id,
        title: 'XSS',
        severity: 'Low',
        locations: [{ kind: 'url', host: 'a\u0000.example' }],
      }),
      'body.locations.0.host',
    );
    const f = (await admin.post('/api/v1/findings', { testId: t.id, title: 'XSS', severity: 'Low' })).json();
    assertNulRefused(
      await admin.patch(`/api/v1/findings/${f.id}`, { description: 'x'.repeat(1000) + '\u0000' }),
      'body.description',
    );
    assertNulRefused(await admin.post(`/api/v1/findings/${f.id}/notes`, { entry: '\u0000' }), 'body.entry');
    assertNulRefused(await admin.post('/api/v1/product-types', { 'na\u0000me': 'x' }), 'body.na\\u0000me');
    assertNulRefused(await admin.get('/api/v1/chat/search?q=%00'), 'query.q');

    const login = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'ad\u0000min', password: 'correct horse battery' },
    });
    assertNulRefused(login, 'body.username');
    assertNulRefused(
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: '\u0000' },
      }),
      'body.password',
    );
  },
);

test('deeply nested JSON is walked without overflowing the stack', async () => {
  const deep = '['.repeat(50_000) + '"\\u0000"' + ']'.repeat(50_000);
  const res = await admin.request({
    method: 'POST',
    url: '/api/v1/product-types',
    payload: deep,
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(res.statusCode, 400, res.body);
});

test('MiniTwit simulator routes and the feed pages answer a NUL byte with 400 in their own shapes', async () => {
  const reg = await h.app.inject({
    method: 'POST',
    url: '/api/minitwit/register',
    payload: { username: 'eve\u0000', email: 'e@e', pwd: 'pw' },
  });
  assert.equal(reg.statusCode, 400, reg.body);
  assert.ok((await h.app.inject({ method: 'GET', url: '/api/minitwit/msgs/%00', headers: SIM })).statusCode === 400);
  const tweet = await h.app.inject({
    method: 'POST',
    url: '/api/minitwit/msgs/admin',
    headers: SIM,
    payload: { content: 'hi\u0000' },
  });
  assert.equal(tweet.statusCode, 400, tweet.body);

  const page = await h.app.inject({ method: 'GET', url: '/feed/%00' });
  assert.equal(page.statusCode, 400, page.body);
  assert.match(page.headers['content-type'] as string, /text\/html/);
  const form = await h.app.inject({
    method: 'POST',
    url: '/feed/login',
    payload: 'username=ad%00min&password=x',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(form.statusCode, 400, form.body);
  assert.match(form.body, /body\.username/);
});

test('chat search made of - signs (tsquery operators) answers 200 and still searches correctly', async () => {
  const teamId = (await admin.post('/api/v1/teams', { name: 'Blue' })).json().id;
  const posted = (
    await admin.post(`/api/v1/chat/teams/${teamId}/messages`, { body: 'rotate the staging secret' })
  ).json();
  await admin.post(`/api/v1/chat/teams/${teamId}/messages`, { body: 'rotate the production secret' });
  for (const q of [
    '-'.repeat(60),
    '- '.repeat(60),
    'x ' + '-'.repeat(40) + ' y',
    '-!'.repeat(60),
    '-('.repeat(60),
    '-"'.repeat(60),
  ]) {
    const res = await admin.get(`/api/v1/chat/search?q=${encodeURIComponent(q.slice(0, 200))}`);
    assert.equal(res.statusCode, 200, `${JSON.stringify(q)}: ${res.body}`);
  }
  const found = await admin.get(`/api/v1/chat/search?q=${encodeURIComponent('secret -production ' + '-'.repeat(50))}`);
  assert.equal(found.statusCode, 200, found.body);
  assert.deepEqual(
    found.json().items.map((m: { id: number }) => m.id),
    [posted.id],
    'a negated word still excludes',
  );
  const hyphen = await admin.get(`/api/v1/chat/search?q=${encodeURIComponent('"staging secret"')}`);
  assert.deepEqual(
    hyphen.json().items.map((m: { id: number }) => m.id),
    [posted.id],
  );
});

test('the embedded database (PGlite) searches the same bounded query', async () => {
  const embedded = await freshDatabaseOf('embedded');
  try {
    const rows = await embedded.uow.repos.chatMessages.search(['team:1'], '-'.repeat(120) + ' secret', 10);
    assert.deepEqual(rows, []);
  } finally {
    await embedded.close();
  }
});

test('a NUL byte in an import form field (multipart, v1 and DefectDojo v2) is a 400 naming the field', async () => {
  const { multipartBody } = await import('../support/multipart.ts');
  const pt = (await admin.post('/api/v1/product-types', { name: 'Import PT' })).json();
  const product = (await admin.post('/api/v1/products', { name: 'Import shop', productTypeId: pt.id })).json();
  const engagement = (
    await admin.post('/api/v1/engagements', {
      productId: product.id,
      name: 'Imports',
      targetStart: '2026-01-01',
      targetEnd: '2026-12-31',
    })
  ).json();
  const report = JSON.stringify({ SchemaVersion: 2, ArtifactName: 'app', Results: [] });
  const cases: [string, Record<string, string | number | string[]>, string][] = [
    ['/api/v1/import', { scanType: 'Trivy Scan', engagementId: engagement.id, version: 'v1\u0000' }, 'version'],
    ['/api/v1/import', { scanType: 'Trivy Scan', engagementId: engagement.id, tags: ['ok', 'b\u0000d'] }, 'tags.1'],
    ['/api/v2/import-scan/', { scan_type: 'Trivy Scan', engagement: engagement.id, version: '\u0000' }, 'version'],
  ];
  for (const [url, fields, field] of cases) {
    const body = multipartBody(fields, { content: report, name: 'r.json' });
    const res = await admin.request({ method: 'POST', url, payload: body.payload, headers: body.headers });
    assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
    assert.ok(JSON.stringify(res.json()).includes(field), res.body);
  }
});
