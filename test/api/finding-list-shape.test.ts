import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { presentFinding } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';

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

test('list items presented by PostgreSQL equal presentFinding() field for field', async () => {
  const pt = (await admin.post('/api/v1/product-types', { name: 'PT' })).json();
  const p = (await admin.post('/api/v1/products', { name: 'P', productTypeId: pt.id })).json();
  const e = (await admin.post('/api/v1/engagements', { productId: p.id, name: 'E', targetStart: '2026-01-01', targetEnd: '2026-12-31' })).json();
  const t = (await admin.post('/api/v1/tests', { engagementId: e.id, scanType: 'Manual' })).json();
  const full = {
    testId: t.id, title: 'Full', severity: 'High', description: 'd "quoted" <b>', mitigation: 'm', impact: 'i', references: 'r',
    cwe: 79, vulnerabilityIds: ['CVE-2026-1', 'GHSA-x'], cvssv3: 'CVSS:3.1/AV:N', cvssv3Score: 7.5, cvssv4Score: 8.1, epssScore: 0.12345,
    epssPercentile: 0.9, filePath: 'a/b.ts', line: 12, componentName: 'lodash', componentVersion: '4.17.0', uniqueIdFromTool: 'u1',
    vulnIdFromTool: 'v1', date: '2026-02-03', verified: true, tags: ['pci', 'web'],
  };
  const ids = [
    (await admin.post('/api/v1/findings', full)).json().id,
    (await admin.post('/api/v1/findings', { testId: t.id, title: 'Minimal', severity: 'Info' })).json().id,
  ];
  await admin.post('/api/v1/findings/bulk-status', { ids: [ids[1]], action: 'close' });
  const listed = (await admin.get(`/api/v1/findings?productId=${p.id}&sort=id`)).json().items;
  const rows = await db.uow.repos.findings.findByIds(ids);
  const expected = ids.map((id) => presentFinding(rows.find((r) => r.id === id)!));
  assert.deepEqual(listed, JSON.parse(JSON.stringify(expected)));
});
