import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, createWriteStream, mkdtempSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { FINDING_LIMITS, SYSTEM_ACTOR } from '@vigil/core';
import { parserForScanType } from '@vigil/parsers';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { createHarness, type Harness, type TestUser } from '../support/harness.ts';
import { generic, upload } from './support.ts';

// Issue 13 item 8: imported text had no size cap (a 150 MiB description was stored and served whole).
const MiB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'vigil-caps-'));
const MARKER = /\n\n\[truncated by Vigil: ([\d,]+) characters; the original report is kept\]$/;
let db: TestDatabase;
let h: Harness;
let admin: TestUser;
let engagementId: number;

before(async () => {
  db = await freshDatabase();
  h = await createHarness(db.uow, { artifactDir: join(dir, 'artifacts') });
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

const vulnerability = (description: string) => ({
  VulnerabilityID: 'CVE-2026-0001',
  PkgName: 'libhuge',
  InstalledVersion: '1.0',
  Severity: 'HIGH',
  Title: 'huge',
  Description: description,
});
const trivyHead = (v: object) =>
  JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: 'img',
    Results: [{ Target: 'img (debian 12)', Class: 'os-pkgs', Type: 'debian', Vulnerabilities: [v] }],
  });

/** Writes a Trivy report whose one description is `size` bytes of 'A', a MiB at a time (never held whole). */
async function writeHugeTrivy(path: string, size: number): Promise<void> {
  const [head, tail] = trivyHead(vulnerability('@@')).split('@@');
  const out = createWriteStream(path);
  out.write(head);
  const block = 'A'.repeat(MiB);
  for (let left = size; left > 0; left -= MiB)
    if (!out.write(left >= MiB ? block : block.slice(0, left))) await once(out, 'drain');
  out.end(tail);
  await once(out, 'finish');
}

/** The multipart body streamed from the report file. */
function streamedUpload(fields: Record<string, string | number>, path: string) {
  const boundary = `----vigilcaps${Date.now()}`;
  const head =
    Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="trivy.json"\r\nContent-Type: ` +
    `application/json\r\n\r\n`;
  const payload = Readable.from(
    (async function* () {
      yield Buffer.from(head);
      yield* createReadStream(path);
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    })(),
  );
  return admin.request({
    method: 'POST',
    url: '/api/v1/import',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

test(
  'a streamed Trivy report with a 40 MiB description: stored and served capped at 200,000 characters, with the ' +
    'marker giving the original length',
  async () => {
    const size = 40 * MiB;
    const path = join(dir, 'huge.json');
    await writeHugeTrivy(path, size);
    assert.ok(statSync(path).size > 16 * MiB, 'large enough to be streamed');
    const res = await streamedUpload({ scanType: 'Trivy Scan', engagementId }, path);
    assert.equal(res.statusCode, 201, res.body.slice(0, 500));
    assert.deepEqual(res.json().truncated, { findings: 1, fields: { description: 1 } });
    // The description the parser builds around the report's text, had nothing been cut.
    const shortOne = parserForScanType('Trivy Scan')!.parse(Buffer.from(trivyHead(vulnerability('A'))), {
      scanType: 'Trivy Scan',
    }) as { findings: Array<{ description?: string }> };
    const original = shortOne.findings[0].description!.length - 1 + size;

    const { rows } = await sql<{
      id: number;
      n: number;
    }>`SELECT id, length(description)::int AS n FROM findings WHERE test_id = ${res.json().testId}`.execute(
      db.handle.db,
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0].n, FINDING_LIMITS.longText, 'stored at the cap');
    const read = await admin.get(`/api/v1/findings/${rows[0].id}`);
    assert.equal(read.statusCode, 200);
    assert.ok(read.body.length < 300_000, `the API read is ${read.body.length} bytes`);
    const description: string = read.json().description;
    assert.equal(description.length, FINDING_LIMITS.longText);
    assert.equal(MARKER.exec(description)?.[1], original.toLocaleString('en-US'));
    assert.match(description, /^huge\n\*\*Target:\*\* img \(debian 12\)\n[\s\S]*\n\nAAAA/);
    // The stored value passes the API's own validation: it can be written back as it is.
    const back = await admin.patch(`/api/v1/findings/${rows[0].id}`, { description });
    assert.equal(back.statusCode, 200, back.body.slice(0, 300));
  },
);

test('a report parsed whole: every field cut to the API limit, long texts marked, short ones counted', async () => {
  const long = 'x'.repeat(FINDING_LIMITS.longText + 5);
  const big = {
    title: 'T'.repeat(1000),
    severity: 'High',
    description: long,
    mitigation: long,
    component_name: 'c'.repeat(600),
    file_path: 'p'.repeat(5000),
    vulnerability_ids: ['CVE-' + '9'.repeat(200)],
    tags: Array.from({ length: 60 }, (_, i) => `tag${i}`),
  };
  const res = await upload(
    admin,
    '/api/v1/import',
    { scanType: 'Generic Findings Import', engagementId },
    generic([big, { title: 'small', severity: 'Low', description: 'short' }]),
  );
  assert.equal(res.statusCode, 201, res.body.slice(0, 500));
  assert.deepEqual(res.json().truncated, {
    findings: 1,
    fields: { title: 1, description: 1, mitigation: 1, componentName: 1, filePath: 1, vulnerabilityIds: 1, tags: 1 },
  });
  const { rows } = await sql<{
    id: number;
    title: string;
  }>`SELECT id, title FROM findings WHERE test_id = ${res.json().testId} ORDER BY id`.execute(db.handle.db);
  const f = (await admin.get(`/api/v1/findings/${rows[0].id}`)).json();
  assert.equal(f.title, 'T'.repeat(FINDING_LIMITS.title));
  for (const text of [f.description, f.mitigation]) {
    assert.equal(text.length, FINDING_LIMITS.longText);
    assert.equal(MARKER.exec(text)?.[1], (FINDING_LIMITS.longText + 5).toLocaleString('en-US'));
  }
  assert.equal(f.componentName.length, FINDING_LIMITS.componentName);
  assert.equal(f.filePath.length, FINDING_LIMITS.filePath);
  assert.ok(f.vulnerabilityIds.every((v: string) => v.length <= FINDING_LIMITS.vulnerabilityId));
  assert.ok(f.tags.length <= FINDING_LIMITS.tagCount);
  const small = (await admin.get(`/api/v1/findings/${rows[1].id}`)).json();
  assert.equal(small.description, 'short');
  // The same report again: the capped fields hash the same, so the finding is a duplicate.
  const again = await upload(
    admin,
    '/api/v1/import',
    { scanType: 'Generic Findings Import', engagementId },
    generic([big]),
  );
  assert.equal(again.statusCode, 201);
  assert.equal(again.json().statistics.duplicates.total, 1);
});

// Follow-up of issue 13 (F2): a JSON report parsed whole had its huge strings held whole (150 MiB
// description → 683 MB peak). Strings over 2 MiB are now cut on the buffer before JSON.parse.
test(
  'a JSON report parsed whole (Generic Findings Import): a 6 MiB description is cut before parsing; stored capped ' +
    'with the exact original length',
  async () => {
    const { openReport, DEFAULT_IMPORT_LIMITS } = await import('../../packages/core/src/import/report-input.ts');
    const description = 'lorem é 😀 \\ "q"\n'.repeat(Math.ceil((6 * MiB) / 20));
    const report = generic([{ title: 'huge generic', severity: 'High', description }]);
    const copy = Buffer.from(report);
    const opened = await openReport(
      async function* () {
        yield report;
      },
      report.length,
      DEFAULT_IMPORT_LIMITS,
      false,
    );
    assert.ok(
      opened.bytes!.length < 2.5 * MiB,
      `the parser gets the cut report (${opened.bytes!.length} bytes of ${report.length})`,
    );
    assert.ok(report.equals(copy), "the caller's buffer (the original report) is untouched");

    const res = await upload(admin, '/api/v1/import', { scanType: 'Generic Findings Import', engagementId }, report);
    assert.equal(res.statusCode, 201, res.body.slice(0, 500));
    assert.deepEqual(res.json().truncated, { findings: 1, fields: { description: 1 } });
    const { rows } = await sql<{ id: number }>`SELECT id FROM findings WHERE test_id = ${res.json().testId}`.execute(
      db.handle.db,
    );
    const stored: string = (await admin.get(`/api/v1/findings/${rows[0].id}`)).json().description;
    assert.equal(stored.length, FINDING_LIMITS.longText);
    assert.equal(
      MARKER.exec(stored)?.[1],
      description.length.toLocaleString('en-US'),
      "the exact number of characters of the report's description",
    );
    assert.ok(stored.startsWith(description.slice(0, 1000)));
  },
);
