import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SYSTEM_ACTOR } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { fixture, rowCounts, upload } from './support.ts';

const LIMIT = 1024 * 1024;
let db: TestDatabase;
let h: Harness;
let admin: TestUser;
let engagementId: number;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow, { artifactDir: mkdtempSync(join(tmpdir(), 'vigil-art-')), importMaxBytes: LIMIT });
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

/** Posts a bad report to both APIs; each must answer `status` and write nothing. */
async function refused(scanType: string, content: Buffer | string, status: number, message: RegExp) {
  const before = await rowCounts(db.handle);
  const v1 = await upload(admin, '/api/v1/import', { scanType, engagementId }, content);
  assert.equal(v1.statusCode, status, v1.body);
  assert.match(v1.json().error.message, message);
  const v2 = await upload(
    admin,
    '/api/v2/import-scan/',
    { scan_type: scanType, product_name: 'Shop', engagement_name: 'New one', auto_create_context: 'true' },
    content,
  );
  assert.equal(v2.statusCode, status, v2.body);
  assert.deepEqual(await rowCounts(db.handle), before, 'nothing written');
  return v1.json().error;
}

test('wrong scan type → 400 that says where the valid names are', async () => {
  await refused('Nessus Pro Ultra', fixture('sca/fixtures/trivy/schema2.json'), 400, /Unknown scan type.*test_types/);
});

test('malformed JSON → 400 naming line and column', async () => {
  const err = await refused('Trivy Scan', '{\n  "SchemaVersion": 2,\n  "Results": [ oops ]\n}', 400, /line 3/);
  assert.equal(err.details.position.line, 3);
});

test('truncated report → 400', async () => {
  const full = fixture('sca/fixtures/sarif/codeql.sarif');
  await refused('SARIF', full.subarray(0, Math.floor(full.length / 2)), 400, /could not be parsed/);
});

test('XML with external entities (XXE) → 400, nothing read from disk', async () => {
  const xxe =
    '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<CxXMLResults><Query ' +
    'name="&x;"/></CxXMLResults>';
  await refused('Checkmarx Scan', xxe, 400, /DOCTYPE|entit/i);
});

test('a file over the limit → 413 naming the limit', async () => {
  await refused('Trivy Scan', Buffer.alloc(LIMIT + 10, 0x20), 413, /larger than the import limit of 1 MB/);
});

test('a gzip bomb → 413; a small gzip report imports', async () => {
  await refused('Trivy Scan', gzipSync(Buffer.alloc(LIMIT * 8, 0x20)), 413, /decompressed report is larger/);
  const ok = await upload(
    admin,
    '/api/v1/import',
    { scanType: 'Trivy Scan', engagementId },
    gzipSync(fixture('sca/fixtures/trivy/schema2.json')),
  );
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.json().statistics.created.total, 6);
});

test('a report with 0 findings → 201 with zero statistics and an empty test', async () => {
  const res = await upload(
    admin,
    '/api/v1/import',
    { scanType: 'Trivy Scan', engagementId },
    fixture('sca/fixtures/trivy/no-findings.json'),
  );
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().statistics.created.total, 0);
  assert.equal(res.json().findingsInReport, 0);
});

test('missing file, missing target, not multipart → 4xx, nothing written', async () => {
  const before = await rowCounts(db.handle);
  const noTarget = await upload(
    admin,
    '/api/v1/import',
    { scanType: 'Trivy Scan' },
    fixture('sca/fixtures/trivy/schema2.json'),
  );
  assert.equal(noTarget.statusCode, 400, noTarget.body);
  const json = await admin.post('/api/v1/import', { scanType: 'Trivy Scan' });
  assert.equal(json.statusCode, 415, json.body);
  assert.deepEqual(await rowCounts(db.handle), before);
});
