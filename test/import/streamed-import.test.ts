import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { AppError, FilesystemArtifactStore, ImportService, SYSTEM_ACTOR } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';
import { rowCounts } from './support.ts';

const ctx = { actor: SYSTEM_ACTOR };
const dir = mkdtempSync(join(tmpdir(), 'vigil-streamed-'));
let db: TestDatabase;
let service: ImportService;
let engagementId: number;

before(async () => {
  db = await freshDatabase();
  // Every SARIF and Trivy report is streamed (threshold 0), in batches of 2,000 findings (4,500-result reports span
  // three).
  service = new ImportService(db.uow, new FilesystemArtifactStore(join(dir, 'artifacts')), () => new Date(), {
    maxBytes: 50 * 1024 * 1024,
    streamAboveBytes: 0,
    batchSize: 2_000,
  });
  const pt = await db.uow.repos.productTypes.insert({ name: 'Streamed' });
  const product = await db.uow.repos.products.insert({
    name: 'Streamed product',
    product_type_id: pt.id,
    tags: [],
    business_criticality: null,
    platform: null,
    lifecycle: null,
    origin: null,
  });
  const e = await db.uow.repos.engagements.insert({
    product_id: product.id,
    name: 'ci',
    target_start: '2026-01-01',
    target_end: '2026-12-31',
    tags: [],
    version: null,
    branch_tag: null,
    commit_hash: null,
    build_id: null,
    source_code_management_uri: null,
    lead_id: null,
  });
  engagementId = e.id;
});
after(async () => db.drop());

/** A SARIF report of `n` results; result `copyOf[k]` repeats result k's fingerprint (the same issue twice). */
function sarif(n: number, opts: { copyOf?: Record<number, number>; broken?: number } = {}): Buffer {
  const results = Array.from({ length: n }, (_, i) => {
    if (i === opts.broken) return 42;
    const same = opts.copyOf?.[i] ?? i;
    return {
      ruleId: 'R1',
      level: 'error',
      message: { text: `Problem ${same}` },
      locations: [
        { physicalLocation: { artifactLocation: { uri: `src/f${same}.js` }, region: { startLine: 1 + (same % 50) } } },
      ],
      partialFingerprints: { primaryLocationLineHash: `fp-${same}` },
    };
  });
  return Buffer.from(
    JSON.stringify({
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'StreamQL', rules: [{ id: 'R1' }] } }, results }],
    }),
  );
}

function file(name: string, bytes: Buffer) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, size: bytes.length };
}

test(
  'a streamed SARIF import from a spooled file: every result stored; the same issue in a later batch duplicates ' +
    'the first',
  async () => {
    const r = await service.import(ctx, {
      mode: 'import',
      scanType: 'SARIF',
      engagementId,
      report: file('big.sarif', sarif(4500, { copyOf: { 4400: 7 } })),
    });
    assert.equal(r.findingsInReport, 4500);
    assert.equal(r.statistics.created.total, 4500);
    assert.equal(r.statistics.duplicates.total, 1);
    const rows = await sql<{ id: number; title: string; duplicate: boolean; duplicate_finding_id: number | null }>`
    SELECT id, title, duplicate, duplicate_finding_id FROM findings WHERE test_id = ${r.testId} AND title = 'Problem 7'
      ORDER BY id`.execute(db.handle.db);
    assert.equal(rows.rows.length, 2);
    assert.equal(rows.rows[0].duplicate, false);
    assert.equal(rows.rows[1].duplicate, true);
    assert.equal(rows.rows[1].duplicate_finding_id, rows.rows[0].id);
    const test = await db.uow.repos.tests.findById(r.testId);
    assert.equal(test?.title, 'StreamQL', 'the tool name read in the first pass names the test');

    const again = await service.import(ctx, {
      mode: 'reimport',
      scanType: 'SARIF',
      testId: r.testId,
      report: file('big-gz.sarif', gzipSync(sarif(4500, { copyOf: { 4400: 7 } }))),
    });
    assert.equal(again.statistics.created.total, 0);
    assert.equal(
      again.statistics.untouched.total,
      4500,
      'each result matches one stored finding, the repeated one its duplicate',
    );
    assert.equal(again.statistics.closed.total, 0);
  },
);

test('a streamed import that meets a bad element after several batches were written writes nothing', async () => {
  const before = await rowCounts(db.handle);
  await assert.rejects(
    service.import(ctx, { mode: 'import', scanType: 'SARIF', engagementId, report: sarif(4500, { broken: 4300 }) }),
    (err: unknown) =>
      err instanceof AppError && err.code === 'BAD_REQUEST' && /results\[4300\] is not an object/.test(err.message),
  );
  assert.deepEqual(await rowCounts(db.handle), before);
});

test('a streamed Trivy import over the gzip limit stops at the limit and writes nothing', async () => {
  const small = new ImportService(db.uow, new FilesystemArtifactStore(join(dir, 'artifacts')), () => new Date(), {
    maxBytes: 64 * 1024,
    streamAboveBytes: 0,
  });
  const vulns = Array.from({ length: 3000 }, (_, i) => ({
    VulnerabilityID: `CVE-2026-${i}`,
    PkgName: `p${i}`,
    InstalledVersion: '1',
    Severity: 'HIGH',
    Description: 'x'.repeat(50),
  }));
  const bomb = gzipSync(
    Buffer.from(
      JSON.stringify({ SchemaVersion: 2, Results: [{ Target: 't', Class: 'lang-pkgs', Vulnerabilities: vulns }] }),
    ),
  );
  assert.ok(bomb.length < 64 * 1024);
  const before = await rowCounts(db.handle);
  await assert.rejects(
    small.import(ctx, { mode: 'import', scanType: 'Trivy Scan', engagementId, report: bomb }),
    (err: unknown) => err instanceof AppError && err.code === 'PAYLOAD_TOO_LARGE',
  );
  assert.deepEqual(await rowCounts(db.handle), before);
});
