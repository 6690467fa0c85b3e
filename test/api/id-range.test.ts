import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { registerErrorHandler } from '../../apps/server/src/http/error-handler.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';

// Issue 13 follow-up F4: an id past PostgreSQL's integer range (2147483647) passed the schemas and
// failed in the database: 500. Now the schema refuses it (400 VALIDATION_FAILED naming the field),
// and any out-of-range or mistyped value the database refuses is a 400 too, never a 500.

const BIG = 2_147_483_648;
let db: TestDatabase;
let h: Harness;
let admin: TestUser;
let testId: number;
let findingId: number;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  admin = await h.user('admin', { admin: true });
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
  testId = (await admin.post('/api/v1/tests', { engagementId: engagement.id, scanType: 'Manual' })).json().id;
  findingId = (await admin.post('/api/v1/findings', { testId, title: 'XSS', severity: 'Low' })).json().id;
});
after(async () => {
  await h.close();
  await db.drop();
});

const urls = () => [
  `/api/v1/findings/${BIG}`,
  `/api/v1/users/${BIG}`,
  `/api/v1/findings?testId=${BIG}`,
  `/api/v1/findings?assigneeId=${BIG}`,
  `/api/v1/products/${BIG}/members`,
  `/api/v1/products/${BIG}`,
  `/api/v1/engagements/${BIG}`,
  `/api/v1/tests/${BIG}`,
  `/api/v2/findings/?test=${BIG}`,
  `/api/v2/tests/${BIG}/`,
  `/api/v1/findings/${findingId}/notes/${BIG}/history`,
  `/api/v1/findings/${BIG}/notes`,
  `/api/v1/chat/findings/${BIG}/messages`,
  `/api/v1/chat/findings/${findingId}/messages?before=${BIG}`,
  `/api/v1/chat/search?q=x&channel=finding:${BIG}`,
  `/api/v1/findings/${Number.MAX_SAFE_INTEGER}`,
];

test('GET with an id past 2147483647 in the path or query: 400 VALIDATION_FAILED, never 500', async () => {
  for (const url of urls()) {
    const res = await admin.get(url);
    assert.equal(res.statusCode, 400, `${url}: ${res.statusCode} ${res.body}`);
    assert.equal(res.json().error.code, 'VALIDATION_FAILED', url);
  }
});

test('body fields past their column range: 400 VALIDATION_FAILED naming the field', async () => {
  const cases: { method: 'POST' | 'PATCH'; url: string; body: Record<string, unknown>; field: string }[] = [
    {
      method: 'POST',
      url: '/api/v1/findings',
      body: { testId: BIG, title: 'A', severity: 'Low' },
      field: 'body.testId',
    },
    {
      method: 'POST',
      url: '/api/v1/findings',
      body: { testId, title: 'A', severity: 'Low', cwe: BIG },
      field: 'body.cwe',
    },
    {
      method: 'POST',
      url: '/api/v1/findings',
      body: { testId, title: 'A', severity: 'Low', line: BIG },
      field: 'body.line',
    },
    { method: 'PATCH', url: `/api/v1/findings/${findingId}`, body: { assigneeId: BIG }, field: 'body.assigneeId' },
    { method: 'PATCH', url: `/api/v1/findings/${findingId}`, body: { cwe: BIG }, field: 'body.cwe' },
    {
      method: 'POST',
      url: '/api/v1/tests',
      body: { engagementId: BIG, scanType: 'Manual' },
      field: 'body.engagementId',
    },
    { method: 'POST', url: '/api/v1/products', body: { name: 'P2', productTypeId: BIG }, field: 'body.productTypeId' },
  ];
  for (const c of cases) {
    const res = await admin.request({ method: c.method, url: c.url, payload: c.body });
    assert.equal(res.statusCode, 400, `${c.method} ${c.url} ${JSON.stringify(c.body)}: ${res.statusCode} ${res.body}`);
    const error = res.json().error;
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.ok(error.message.includes(c.field), `${c.field} named in: ${error.message}`);
  }
});

test('2147483647 itself is in range: 404, not 400 or 500', async () => {
  const res = await admin.get('/api/v1/findings/2147483647');
  assert.equal(res.statusCode, 404, res.body);
});

test(
  'safety net: a value PostgreSQL refuses as out of ' + 'range (22003) or mistyped (22P02) is a 400, not a 500',
  async () => {
    // The error handler on its own, behind a route no schema bounds, with the real database errors.
    const app = Fastify();
    registerErrorHandler(app);
    app.get('/int/:value', async (req) =>
      sql`SELECT ${(req.params as { value: string }).value}::int AS n`.execute(db.handle.db),
    );
    try {
      for (const value of [String(BIG), 'abc']) {
        const res = await app.inject({ method: 'GET', url: `/int/${value}` });
        assert.equal(res.statusCode, 400, `${value}: ${res.body}`);
        assert.equal(res.json().error.code, 'VALIDATION_FAILED');
        assert.match(
          res.json().error.message,
          value === 'abc' ? /not of the expected type/ : /out of range \(ids are 1 to 2147483647\)/,
        );
      }
      assert.equal((await app.inject({ method: 'GET', url: '/int/7' })).statusCode, 200);
    } finally {
      await app.close();
    }
  },
);
