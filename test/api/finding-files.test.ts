import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { multipartBody } from '../support/multipart.ts';

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

test('files on findings: upload, list, download as an attachment, delete; oversize is 413', async () => {
  const pt = (await admin.post('/api/v1/product-types', { name: 'PT' })).json();
  const p = (await admin.post('/api/v1/products', { name: 'P', productTypeId: pt.id })).json();
  const e = (
    await admin.post('/api/v1/engagements', {
      productId: p.id,
      name: 'E',
      targetStart: '2026-01-01',
      targetEnd: '2026-01-02',
    })
  ).json();
  const t = (await admin.post('/api/v1/tests', { engagementId: e.id, scanType: 'Manual' })).json();
  const f = (await admin.post('/api/v1/findings', { testId: t.id, title: 'XSS', severity: 'High' })).json();
  const form = multipartBody({ title: 'Screenshot' }, { name: '<evil>.html', content: '<script>alert(1)</script>' });
  const up = await admin.request({
    method: 'POST',
    url: `/api/v1/findings/${f.id}/files`,
    payload: form.payload,
    headers: form.headers,
  });
  assert.equal(up.statusCode, 201, up.body);
  const file = up.json();
  assert.equal(file.title, 'Screenshot');
  assert.equal(file.filename, '_evil_.html');
  assert.equal((await admin.get(`/api/v1/findings/${f.id}/files`)).json().items.length, 1);
  const down = await admin.get(`/api/v1/findings/${f.id}/files/${file.id}`);
  assert.equal(down.body, '<script>alert(1)</script>');
  assert.match(String(down.headers['content-disposition']), /^attachment;/);
  assert.equal(down.headers['content-type'], 'application/octet-stream');
  const big = multipartBody({}, { name: 'big.bin', content: Buffer.alloc(10 * 1024 * 1024 + 1) });
  const tooBig = await admin.request({
    method: 'POST',
    url: `/api/v1/findings/${f.id}/files`,
    payload: big.payload,
    headers: big.headers,
  });
  assert.equal(tooBig.statusCode, 413);
  assert.equal((await admin.get(`/api/v1/findings/${f.id}/files`)).json().items.length, 1, 'nothing written');
  assert.equal((await admin.delete(`/api/v1/findings/${f.id}/files/${file.id}`)).statusCode, 204);
  assert.equal((await admin.get(`/api/v1/findings/${f.id}/files`)).json().items.length, 0);
});
