import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { fixture, rowCounts, upload } from './support.ts';

// Issue 13 item 14: 101–200 form fields answered 500 "Premature close".
let db: TestDatabase;
let h: Harness;
let admin: TestUser;
let engagementId: number;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow, { artifactDir: mkdtempSync(join(tmpdir(), 'vigil-art-')) });
  admin = await h.user('admin', { admin: true });
  const sys = { actor: SYSTEM_ACTOR };
  const pt = await h.services.productTypes.create(sys, { name: 'PT' });
  const product = await h.services.products.create(sys, { name: 'Shop', productTypeId: pt.id });
  engagementId = (
    await h.services.engagements.create(sys, {
      productId: product.id,
      name: 'E',
      targetStart: '2026-01-01',
      targetEnd: '2026-12-31',
    })
  ).id;
});
after(async () => {
  await h.close();
  await db.drop();
});

const report = fixture('sca/fixtures/trivy/schema2.json');

for (const count of [101, 150, 200, 250]) {
  test(`an import with ${count} form fields → 413 naming the limit, nothing written (v1 and v2)`, async () => {
    const before = await rowCounts(db.handle);
    const v1 = await upload(
      admin,
      '/api/v1/import',
      { scanType: 'Trivy Scan', engagementId, tags: Array.from({ length: count - 2 }, (_, i) => `t${i}`) },
      report,
    );
    assert.equal(v1.statusCode, 413, v1.body);
    assert.equal(v1.json().error.code, 'PAYLOAD_TOO_LARGE');
    assert.match(v1.json().error.message, /more than 100 form fields/);
    const v2 = await upload(
      admin,
      '/api/v2/import-scan/',
      { scan_type: 'Trivy Scan', engagement: engagementId, tags: Array.from({ length: count - 2 }, (_, i) => `t${i}`) },
      report,
    );
    assert.equal(v2.statusCode, 413, v2.body);
    assert.match(v2.json().error.message, /more than 100 form fields/);
    assert.deepEqual(await rowCounts(db.handle), before, 'nothing written');
  });
}

test('100 form fields are accepted', async () => {
  const extra = Object.fromEntries(Array.from({ length: 98 }, (_, i) => [`x${i}`, 'y']));
  const res = await upload(admin, '/api/v1/import', { scanType: 'Trivy Scan', engagementId, ...extra }, report);
  assert.equal(res.statusCode, 201, res.body);
});

test('the fields after the file count too', async () => {
  const { multipartBody } = await import('../support/multipart.ts');
  const body = multipartBody({ scanType: 'Trivy Scan', engagementId }, { content: report, name: 'r.json' });
  const extra = Array.from(
    { length: 150 },
    (_, i) =>
      `--${boundaryOf(body.headers['content-type'])}\r\nContent-Disposition: form-data; name="tags"\r\n\r\nx${i}\r\n`,
  ).join('');
  const payload = Buffer.concat([
    body.payload.subarray(0, body.payload.length - boundaryOf(body.headers['content-type']).length - 6),
    Buffer.from(extra),
    Buffer.from(`--${boundaryOf(body.headers['content-type'])}--\r\n`),
  ]);
  const res = await admin.request({ method: 'POST', url: '/api/v1/import', payload, headers: body.headers });
  assert.equal(res.statusCode, 413, res.body);
  assert.match(res.json().error.message, /more than 100 form fields/);
});

function boundaryOf(contentType: string): string {
  return contentType.split('boundary=')[1];
}

test('a form field over 1 MB → 413 naming the field (was silently cut)', async () => {
  const res = await upload(
    admin,
    '/api/v1/import',
    { scanType: 'Trivy Scan', engagementId, testTitle: 'x'.repeat(1024 * 1024 + 1) },
    report,
  );
  assert.equal(res.statusCode, 413, res.body);
  assert.match(res.json().error.message, /"testTitle" is longer than 1 MB/);
});
