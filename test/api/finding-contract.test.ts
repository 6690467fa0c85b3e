import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ZFinding, ZFindingDetail, ZFindingNote, ZFindingSummary } from '@vigil/contract';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';

// The finding routes' answers are exactly the contract's shapes. Most go through the response
// serializer (which drops unknown fields and refuses missing ones), but the list is sent from the
// response cache as bytes: this checks its items field by field, with no field more or less.

let db: TestDatabase;
let h: Harness;
let admin: TestUser;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow);
  admin = await h.user('admin', { admin: true });
});
after(async () => {
  await h.close();
  await db.drop();
});

test(
  'finding answers match the contract exactly: list ' + '(summary and full), detail, create, patch, bulk, notes',
  async () => {
    const pt = (await admin.post('/api/v1/product-types', { name: 'Contract PT' })).json();
    const product = (await admin.post('/api/v1/products', { name: 'Contract shop', productTypeId: pt.id })).json();
    const engagement = (
      await admin.post('/api/v1/engagements', {
        productId: product.id,
        name: 'CI',
        targetStart: '2026-01-01',
        targetEnd: '2026-12-31',
      })
    ).json();
    const t = (await admin.post('/api/v1/tests', { engagementId: engagement.id, scanType: 'Manual' })).json();
    const created = await admin.post('/api/v1/findings', {
      testId: t.id,
      title: 'SQL injection',
      severity: 'High',
      cvssv3Score: 8.1,
      tags: ['web'],
      locations: [{ kind: 'url', protocol: 'https', host: 'shop.example', port: 443, path: '/search' }],
    });
    assert.equal(created.statusCode, 201, created.body);
    const f = ZFinding.strict().parse(created.json());
    assert.equal(f.cvssv3Score, 8.1);

    const summaries = await admin.get(`/api/v1/findings?testId=${t.id}`);
    assert.equal(summaries.statusCode, 200, summaries.body);
    const summaryItems = summaries.json().items as unknown[];
    assert.equal(summaryItems.length, 1);
    ZFindingSummary.strict().parse(summaryItems[0]);

    const full = await admin.get(`/api/v1/findings?testId=${t.id}&view=full`);
    assert.equal(full.statusCode, 200, full.body);
    assert.deepEqual(ZFinding.strict().parse(full.json().items[0]), f);

    const detail = await admin.get(`/api/v1/findings/${f.id}`);
    assert.equal(detail.statusCode, 200, detail.body);
    const d = ZFindingDetail.strict().parse(detail.json());
    assert.equal(d.role, 'Owner');
    assert.ok(d.abilities.includes('triage'));
    assert.equal(d.locations[0]?.host, 'shop.example');

    const patched = await admin.patch(`/api/v1/findings/${f.id}`, { severity: 'Critical' });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(ZFinding.strict().parse(patched.json()).severity, 'Critical');
    const bulk = await admin.post('/api/v1/findings/bulk-status', { ids: [f.id], action: 'verify' });
    assert.equal(bulk.statusCode, 200, bulk.body);
    assert.equal(ZFinding.strict().parse(bulk.json().items[0]).verified, true);

    const note = await admin.post(`/api/v1/findings/${f.id}/notes`, { entry: 'confirmed by hand' });
    assert.equal(note.statusCode, 201, note.body);
    ZFindingNote.strict().parse(note.json());
  },
);
