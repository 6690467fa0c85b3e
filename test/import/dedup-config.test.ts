import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import {
  DEFAULT_DEDUP_SETTINGS,
  FilesystemArtifactStore,
  ImportService,
  RehashService,
  SYSTEM_ACTOR,
  type DedupSettings,
} from '@vigil/core';
import { ensureJobQueues, jobDefinitions } from '@vigil/jobs';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

const ctx = { actor: SYSTEM_ACTOR };
let db: TestDatabase;
const artifacts = new FilesystemArtifactStore(mkdtempSync(join(tmpdir(), 'vigil-dedup-')));

before(async () => {
  db = await freshDatabase();
  await ensureJobQueues(db.uow.repos, jobDefinitions);
});
after(async () => db.drop());

const importer = (settings: DedupSettings) =>
  new ImportService(db.uow, artifacts, () => new Date(), undefined, settings);

function trivy(vulns: Array<{ id: string; pkg: string; version?: string; title?: string }>) {
  return Buffer.from(
    JSON.stringify({
      SchemaVersion: 2,
      ArtifactName: 'img',
      Results: [
        {
          Target: 'img',
          Vulnerabilities: vulns.map((v) => ({
            VulnerabilityID: v.id,
            PkgName: v.pkg,
            InstalledVersion: v.version ?? '1.0',
            Severity: 'HIGH',
            Title: v.title ?? 'bad',
            Description: 'd',
          })),
        },
      ],
    }),
  );
}

function grype(vulns: Array<{ id: string; pkg: string; version: string }>) {
  return Buffer.from(
    JSON.stringify({
      matches: vulns.map((v) => ({
        vulnerability: { id: v.id, severity: 'High', description: 'd', dataSource: '', urls: [] },
        relatedVulnerabilities: [],
        matchDetails: [],
        artifact: {
          name: v.pkg,
          version: v.version,
          type: 'deb',
          locations: [],
          purl: `pkg:deb/debian/${v.pkg}@${v.version}`,
        },
      })),
      source: { type: 'image', target: { userInput: 'img' } },
      distro: { name: 'debian', version: '12' },
      descriptor: { name: 'grype', version: '0.80.0' },
    }),
  );
}

const target = (product: string) => ({
  productTypeName: 'Dedup PT',
  productName: product,
  engagementName: 'CI',
  autoCreateContext: true,
});

async function findingsOf(productId: number) {
  const r = await sql<{
    id: number;
    duplicate: boolean;
    duplicate_finding_id: number | null;
    active: boolean;
    hash_code: string;
    component_name: string;
  }>`
    SELECT id, duplicate, duplicate_finding_id, active, hash_code, component_name FROM findings
      WHERE product_id = ${productId} ORDER BY id`.execute(db.handle.db);
  return r.rows;
}

describe('deduplication configuration', () => {
  test('a per-scan-type override changes what counts as the same finding', async () => {
    const report = trivy([
      { id: 'CVE-2026-1000', pkg: 'openssl', title: 'first wording' },
      { id: 'CVE-2026-1000', pkg: 'libssl', title: 'second wording' },
    ]);
    const plain = await importer(DEFAULT_DEDUP_SETTINGS).import(ctx, {
      mode: 'import',
      scanType: 'Trivy Scan',
      report,
      ...target('Default identity'),
    });
    assert.equal(plain.statistics.duplicates.total, 0, "DefectDojo's Trivy identity includes the title");
    const byCve: DedupSettings = {
      scanTypes: { 'trivy scan': { hashFields: ['vulnerabilityIds'] } },
      crossToolMatching: false,
    };
    const overridden = await importer(byCve).import(ctx, {
      mode: 'import',
      scanType: 'Trivy Scan',
      report,
      ...target('CVE identity'),
    });
    assert.equal(overridden.statistics.duplicates.total, 1, 'hashed on the CVE alone, the second is a duplicate');
  });

  test("cross-tool matching: another scanner's report of the same CVE in the same package is a duplicate", async () => {
    const t = await importer(DEFAULT_DEDUP_SETTINGS).import(ctx, {
      mode: 'import',
      scanType: 'Trivy Scan',
      report: trivy([{ id: 'CVE-2026-2000', pkg: 'zlib', version: '1.2' }]),
      ...target('Cross tool'),
    });
    const report = grype([
      { id: 'CVE-2026-2000', pkg: 'zlib', version: '1.2' },
      { id: 'CVE-2026-2000', pkg: 'zlib-ng', version: '1.2' },
    ]);
    const without = await importer(DEFAULT_DEDUP_SETTINGS).import(ctx, {
      mode: 'import',
      scanType: 'Anchore Grype',
      report,
      ...target('Cross tool'),
    });
    assert.equal(without.statistics.duplicates.total, 0, 'off by default');
    const crossTool: DedupSettings = { scanTypes: {}, crossToolMatching: true };
    await importer(DEFAULT_DEDUP_SETTINGS).import(ctx, {
      mode: 'import',
      scanType: 'Trivy Scan',
      report: trivy([{ id: 'CVE-2026-2000', pkg: 'zlib', version: '1.2' }]),
      ...target('Cross tool 2'),
    });
    const matched = await importer(crossTool).import(ctx, {
      mode: 'import',
      scanType: 'Anchore Grype',
      report,
      ...target('Cross tool 2'),
    });
    assert.equal(matched.statistics.duplicates.total, 1, 'zlib matches the Trivy finding; zlib-ng does not');
    const rows = await findingsOf(matched.productId);
    const zlib = rows.find((r) => r.component_name === 'zlib' && r.duplicate)!;
    assert.equal(zlib.active, false);
    assert.equal(rows.find((r) => r.id === zlib.duplicate_finding_id)?.component_name, 'zlib');
    assert.ok(t.productId !== matched.productId);
  });

  test(
    'changing the identity queues a re-hash that recomputes hashes and duplicates, with progress; a second run ' +
      'changes nothing',
    async () => {
      const report = trivy([
        { id: 'CVE-2026-3000', pkg: 'curl', title: 'one' },
        { id: 'CVE-2026-3000', pkg: 'libcurl', title: 'two' },
        { id: 'CVE-2026-3001', pkg: 'curl', title: 'three' },
      ]);
      const first = await importer(DEFAULT_DEDUP_SETTINGS).import(ctx, {
        mode: 'import',
        scanType: 'Trivy Scan',
        report,
        ...target('Rehash'),
      });
      assert.equal((await findingsOf(first.productId)).filter((f) => f.duplicate).length, 0);

      const byCve: DedupSettings = {
        scanTypes: { 'Trivy Scan': { hashFields: ['vulnerabilityIds'] } },
        crossToolMatching: false,
      };
      const rehash = new RehashService(db.uow, byCve);
      const queued = await rehash.queueStale(ctx);
      assert.deepEqual(
        queued.map((r) => r.scan_type),
        ['Trivy Scan'],
        'the stored identity differs from the configuration',
      );
      assert.equal(
        (await rehash.queueStale(ctx)).map((r) => r.id).join(),
        queued.map((r) => r.id).join(),
        'asking again joins the queued run',
      );
      const jobs = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'deduplication.rehash'`.execute(db.handle.db);
      assert.equal(jobs.rows[0].n, 1, 'one job, enqueued with the run');

      const done = await rehash.run(queued[0].id);
      assert.equal(done.state, 'done');
      assert.ok(done.products_total >= 1);
      assert.equal(done.products_done, done.products_total);
      const rows = await findingsOf(first.productId);
      assert.equal(rows.filter((f) => f.duplicate).length, 1, 'curl/libcurl share CVE-2026-3000 now');
      const dup = rows.find((f) => f.duplicate)!;
      assert.equal(dup.duplicate_finding_id, rows[0].id, 'duplicate of the oldest');
      assert.equal(dup.active, false);
      assert.deepEqual(await rehash.queueStale(ctx), [], 'the recorded identity now matches');

      const again = await rehash.run((await rehash.request(ctx, 'trivy scan')).id);
      assert.deepEqual(again.result, {
        findings: (done.result as { findings: number }).findings,
        hashesChanged: 0,
        duplicateFlagsChanged: 0,
      });

      // Back to the default identity: the duplicate becomes an active original again.
      const back = new RehashService(db.uow, DEFAULT_DEDUP_SETTINGS);
      await back.run((await back.request(ctx, 'Trivy Scan')).id);
      const restored = await findingsOf(first.productId);
      assert.equal(restored.filter((f) => f.duplicate).length, 0);
      assert.ok(restored.every((f) => f.active));
    },
  );

  test('bad input: unknown scan type; only administrators', async () => {
    const rehash = new RehashService(db.uow, DEFAULT_DEDUP_SETTINGS);
    await assert.rejects(rehash.request(ctx, 'No Such Scanner'), /Unknown scan type/);
    await assert.rejects(
      rehash.request({ actor: { userId: 5, username: 'x', isAdmin: false, via: 'token' } }, 'Trivy Scan'),
      /Only administrators/,
    );
  });
});

describe('system page', () => {
  test(
    "administrators see version, database, migrations, limits and each scan type's identity; others are " + 'refused',
    async () => {
      const { createHarness } = await import('../support/harness.ts');
      const h = await createHarness(db.uow);
      try {
        const admin = await h.user('sysadmin', { admin: true });
        const reader = await h.user('sysreader');
        const res = await admin.get('/api/v1/admin/system');
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json();
        assert.equal(body.database.kind, 'embedded', 'the harness gives no DATABASE_URL');
        assert.deepEqual(body.migrations.pending, []);
        assert.ok(body.migrations.applied.some((m: { name: string }) => m.name === '0010_dedup'));
        const trivy = body.deduplication.scanTypes.find((t: { scanType: string }) => t.scanType === 'Trivy Scan');
        assert.deepEqual(trivy, {
          scanType: 'Trivy Scan',
          algorithm: 'hash_code',
          hashFields: ['title', 'severity', 'vulnerabilityIds', 'cwe', 'description'],
          overridden: false,
          recorded: true,
        });
        assert.ok(!JSON.stringify(body).match(/secret|password/i), 'no secrets');
        assert.equal((await reader.get('/api/v1/admin/system')).statusCode, 403);
      } finally {
        await h.close();
      }
    },
  );
});
