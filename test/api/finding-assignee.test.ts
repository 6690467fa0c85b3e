import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';

/** Issue 13 item 13: POST and PATCH /api/v1/findings apply bulk-assign's assignee rule. */
let db: TestDatabase;
let h: Harness;
let admin: TestUser;
let reader: TestUser;
let outsider: TestUser;
let testId: number;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  admin = await h.user('admin', { admin: true });
  reader = await h.user('reader');
  outsider = await h.user('outsider');
  const pt = (await admin.post('/api/v1/product-types', { name: 'Assignee PT' })).json();
  const product = (await admin.post('/api/v1/products', { name: 'Assignee shop', productTypeId: pt.id })).json();
  assert.equal(
    (await admin.post(`/api/v1/products/${product.id}/members`, { userId: reader.id, role: 'Reader' })).statusCode,
    201,
  );
  const engagement = (
    await admin.post('/api/v1/engagements', {
      productId: product.id,
      name: 'CI',
      targetStart: '2026-01-01',
      targetEnd: '2026-12-31',
    })
  ).json();
  testId = (await admin.post('/api/v1/tests', { engagementId: engagement.id, scanType: 'Manual' })).json().id;
});
after(async () => {
  await h.close();
  await db.drop();
});

function assertAssigneeRefused(res: {
  statusCode: number;
  body: string;
  json(): { error: { code: string; details?: { path: string }[] } };
}) {
  assert.equal(res.statusCode, 400, res.body);
  assert.equal(res.json().error.code, 'VALIDATION_FAILED');
  assert.deepEqual(
    res.json().error.details?.map((d) => d.path),
    ['assigneeId'],
  );
}

test(
  'creating a finding: an unknown assignee or one who cannot read the product is a 400 naming assigneeId, and ' +
    'nothing is stored',
  async () => {
    const before = (await admin.get(`/api/v1/findings?testId=${testId}`)).json().items.length;
    assertAssigneeRefused(
      await admin.post('/api/v1/findings', { testId, title: 'Unknown assignee', severity: 'Low', assigneeId: 987654 }),
    );
    assertAssigneeRefused(
      await admin.post('/api/v1/findings', {
        testId,
        title: 'Outsider assignee',
        severity: 'Low',
        assigneeId: outsider.id,
      }),
    );
    assert.equal(
      (await admin.get(`/api/v1/findings?testId=${testId}`)).json().items.length,
      before,
      'nothing half-written',
    );
    const ok = await admin.post('/api/v1/findings', {
      testId,
      title: 'Reader assignee',
      severity: 'Low',
      assigneeId: reader.id,
    });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().assigneeId, reader.id);
  },
);

test('editing a finding: the same rule; the finding keeps its assignee when refused', async () => {
  const f = (await admin.post('/api/v1/findings', { testId, title: 'Edit me', severity: 'Low' })).json();
  assertAssigneeRefused(await admin.patch(`/api/v1/findings/${f.id}`, { assigneeId: 987654 }));
  assertAssigneeRefused(await admin.patch(`/api/v1/findings/${f.id}`, { assigneeId: outsider.id, title: 'Renamed' }));
  const unchanged = (await admin.get(`/api/v1/findings/${f.id}`)).json();
  assert.equal(unchanged.assigneeId, null);
  assert.equal(unchanged.title, 'Edit me');
  const ok = await admin.patch(`/api/v1/findings/${f.id}`, { assigneeId: reader.id });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().assigneeId, reader.id);
  assert.equal(
    (await admin.patch(`/api/v1/findings/${f.id}`, { assigneeId: null })).json().assigneeId,
    null,
    'unassigning needs no check',
  );
});
