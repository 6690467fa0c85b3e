import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOG_START } from '@vigil/db';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';

let db: TestDatabase;
let h: Harness;
let admin: TestUser;
let analyst: TestUser;
let outsider: TestUser;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  admin = await h.user('admin', { admin: true });
  analyst = await h.user('analyst');
  outsider = await h.user('outsider');
});
after(async () => {
  await h.close();
  await db.drop();
});

test(
  "a finding's history lists creation, edits with field changes and triage, for its readers only; assignment and " +
    'review requests are events',
  async () => {
    const pt = (await admin.post('/api/v1/product-types', { name: 'Hist PT' })).json();
    const product = (await admin.post('/api/v1/products', { name: 'Hist shop', productTypeId: pt.id })).json();
    assert.equal(
      (await admin.post(`/api/v1/products/${product.id}/members`, { userId: analyst.id, role: 'Writer' })).statusCode,
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
    const t = (await admin.post('/api/v1/tests', { engagementId: engagement.id, scanType: 'Manual' })).json();
    const f = (await admin.post('/api/v1/findings', { testId: t.id, title: 'Weak TLS', severity: 'Medium' })).json();

    const edit = await admin.patch(`/api/v1/findings/${f.id}`, { severity: 'High', assigneeId: analyst.id });
    assert.equal(edit.statusCode, 200, edit.body);
    assert.equal(
      (await admin.post('/api/v1/findings/bulk-status', { ids: [f.id], action: 'under_review' })).statusCode,
      200,
    );
    assert.equal(
      (await analyst.post('/api/v1/findings/bulk-status', { ids: [f.id], action: 'close' })).statusCode,
      200,
    );

    const res = await analyst.get(`/api/v1/findings/${f.id}/history`);
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items;
    assert.deepEqual(
      items.map((e: { action: string }) => e.action),
      ['status:close', 'status:under_review', 'update', 'create'],
    );
    assert.equal(items[0].actorUsername, 'analyst');
    assert.deepEqual(
      items[0].changes.find((c: { field: string }) => c.field === 'mitigated'),
      { field: 'mitigated', from: false, to: true },
    );
    const update = items[2];
    assert.deepEqual(
      update.changes.find((c: { field: string }) => c.field === 'severity'),
      { field: 'severity', from: 'Medium', to: 'High' },
    );
    assert.deepEqual(
      update.changes.find((c: { field: string }) => c.field === 'assigneeId'),
      { field: 'assigneeId', from: null, to: analyst.id },
    );
    assert.equal((await outsider.get(`/api/v1/findings/${f.id}/history`)).statusCode, 404);

    const events = await db.uow.repos.events.readAfter(LOG_START, 100);
    const assigned = events.find((e) => e.type === 'finding.assigned');
    assert.ok(assigned?.topics.includes(`user:${analyst.id}`), 'the assignee hears about it');
    assert.ok(events.some((e) => e.type === 'finding.review_requested' && e.payload.findingId === f.id));
  },
);

test('bulk assignment: all or nothing, only to someone who can read every product concerned', async () => {
  const pt = (await admin.post('/api/v1/product-types', { name: 'Assign PT' })).json();
  const product = (await admin.post('/api/v1/products', { name: 'Assign shop', productTypeId: pt.id })).json();
  await admin.post(`/api/v1/products/${product.id}/members`, { userId: analyst.id, role: 'Reader' });
  const engagement = (
    await admin.post('/api/v1/engagements', {
      productId: product.id,
      name: 'CI',
      targetStart: '2026-01-01',
      targetEnd: '2026-12-31',
    })
  ).json();
  const t = (await admin.post('/api/v1/tests', { engagementId: engagement.id, scanType: 'Manual' })).json();
  const a = (await admin.post('/api/v1/findings', { testId: t.id, title: 'A', severity: 'Low' })).json();
  const b = (await admin.post('/api/v1/findings', { testId: t.id, title: 'B', severity: 'Low' })).json();

  const refused = await admin.post('/api/v1/findings/bulk-assign', { ids: [a.id, b.id], assigneeId: outsider.id });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.json().error.message, /outsider cannot read product/);
  assert.equal(
    (await admin.post('/api/v1/findings/bulk-assign', { ids: [a.id, 999999], assigneeId: analyst.id })).statusCode,
    404,
  );
  assert.equal((await admin.get(`/api/v1/findings/${a.id}`)).json().assigneeId, null, 'nothing half-done');
  assert.equal(
    (await analyst.post('/api/v1/findings/bulk-assign', { ids: [a.id], assigneeId: analyst.id })).statusCode,
    403,
    'a Reader cannot assign',
  );

  const ok = await admin.post('/api/v1/findings/bulk-assign', { ids: [a.id, b.id], assigneeId: analyst.id });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(
    ok.json().items.map((f: { assigneeId: number }) => f.assigneeId),
    [analyst.id, analyst.id],
  );
  const mine = (await analyst.get(`/api/v1/findings?assigneeId=${analyst.id}&productId=${product.id}`)).json();
  assert.equal(mine.items.length, 2);
  const history = (await analyst.get(`/api/v1/findings/${a.id}/history`)).json();
  assert.deepEqual(history.items[0].changes, [{ field: 'assigneeId', from: null, to: analyst.id }]);
  const unassigned = await admin.post('/api/v1/findings/bulk-assign', { ids: [a.id], assigneeId: null });
  assert.equal(unassigned.json().items[0].assigneeId, null);
});

test(
  '@mentions in a shared note notify named readers of ' + 'the finding; outsiders and private notes mention nobody',
  async () => {
    const pt = (await admin.post('/api/v1/product-types', { name: 'Mention PT' })).json();
    const product = (await admin.post('/api/v1/products', { name: 'Mention shop', productTypeId: pt.id })).json();
    await admin.post(`/api/v1/products/${product.id}/members`, { userId: analyst.id, role: 'Reader' });
    const engagement = (
      await admin.post('/api/v1/engagements', {
        productId: product.id,
        name: 'CI',
        targetStart: '2026-01-01',
        targetEnd: '2026-12-31',
      })
    ).json();
    const t = (await admin.post('/api/v1/tests', { engagementId: engagement.id, scanType: 'Manual' })).json();
    const f = (
      await admin.post('/api/v1/findings', { testId: t.id, title: 'Open redirect', severity: 'Medium' })
    ).json();
    const head = await db.uow.repos.events.head();
    assert.equal(
      (await admin.post(`/api/v1/findings/${f.id}/notes`, { entry: '@analyst please check; @outsider too' }))
        .statusCode,
      201,
    );
    assert.equal(
      (await admin.post(`/api/v1/findings/${f.id}/notes`, { entry: 'private @analyst', private: true })).statusCode,
      201,
    );
    const mentions = (await db.uow.repos.events.readAfter(head, 100)).filter((e) => e.type === 'user.mentioned');
    assert.equal(mentions.length, 1);
    assert.deepEqual(mentions[0].topics, [`user:${analyst.id}`], 'only the reader of the product');
    assert.equal(mentions[0].payload.url, `/findings/${f.id}`);
  },
);
