/**
 * Import benchmark (never part of the test suite): generates a 100,000-result SARIF file and a
 * 100,000-vulnerability Trivy file, imports each through ImportService into a fresh PostgreSQL
 * database, then reimports it, and compares with the baseline measured in the same run:
 * JSON.parse of the file + a set-based bulk insert (INSERT … SELECT FROM unnest) of as many rows.
 *
 *   npm run bench:import            (N=100000; BENCH_N=20000 for a quick run)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { FilesystemArtifactStore, ImportService, SYSTEM_ACTOR } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../test/support/postgres.ts';

const N = Number(process.env.BENCH_N ?? 100_000);
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'];
const LEVELS = ['error', 'warning', 'note'];

function sarif(n: number): Buffer {
  const rules = Array.from({ length: 200 }, (_, i) => ({
    id: `rule-${i}`,
    name: `Rule${i}`,
    shortDescription: { text: `Rule ${i} finds a problem` },
    fullDescription: { text: `A longer description of rule ${i}.` },
    properties: { tags: ['security', `external/cwe/cwe-${79 + (i % 50)}`], 'security-severity': String((i % 10) + 0.5) },
  }));
  const results = Array.from({ length: n }, (_, i) => ({
    ruleId: `rule-${i % 200}`,
    level: LEVELS[i % 3],
    message: { text: `Problem ${i} found by rule ${i % 200}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: `src/module${i % 1000}/file${i}.ts` }, region: { startLine: (i % 500) + 1, startColumn: 3 } } }],
    partialFingerprints: { primaryLocationLineHash: `fp${i.toString(16)}` },
  }));
  return Buffer.from(JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'BenchQL', rules } }, results }] }));
}

function trivy(n: number): Buffer {
  const perTarget = 1000;
  const Results = Array.from({ length: Math.ceil(n / perTarget) }, (_, t) => ({
    Target: `image-layer-${t}`,
    Class: 'lang-pkgs',
    Type: 'npm',
    Vulnerabilities: Array.from({ length: Math.min(perTarget, n - t * perTarget) }, (_, k) => {
      const i = t * perTarget + k;
      return {
        VulnerabilityID: `CVE-2024-${100000 + i}`,
        PkgName: `package-${i}`,
        InstalledVersion: `1.${i % 20}.0`,
        FixedVersion: `1.${(i % 20) + 1}.0`,
        Severity: SEVERITIES[i % 5],
        Title: `Vulnerability ${i} in package-${i}`,
        Description: `Description of vulnerability ${i}.`,
        CweIDs: [`CWE-${20 + (i % 100)}`],
        References: [`https://example.com/advisories/${i}`],
      };
    }),
  }));
  return Buffer.from(JSON.stringify({ SchemaVersion: 2, ArtifactName: 'bench', ArtifactType: 'container_image', Results }));
}

async function context(db: TestDatabase, name: string) {
  const pt = await db.uow.repos.productTypes.insert({ name: `${name} PT` });
  const product = await db.uow.repos.products.insert({ name, product_type_id: pt.id, tags: [], business_criticality: null, platform: null, lifecycle: null, origin: null });
  const e = await db.uow.repos.engagements.insert({ product_id: product.id, name: 'bench', target_start: '2026-01-01', target_end: '2026-12-31', tags: [], version: null, branch_tag: null, commit_hash: null, build_id: null, source_code_management_uri: null, lead_id: null });
  const t = await db.uow.repos.tests.insert({ engagement_id: e.id, scan_type: 'Baseline', title: null, version: null, build_id: null, commit_hash: null, branch_tag: null, lead_id: null, tags: [] } as never);
  return { productId: product.id, engagementId: e.id, baselineTestId: t.id };
}

/** The floor: JSON.parse + one set-based insert of `n` finding rows (chunks of 10,000). */
async function baseline(db: TestDatabase, file: Buffer, n: number, c: { productId: number; engagementId: number; baselineTestId: number }): Promise<number> {
  const started = performance.now();
  JSON.parse(file.toString('utf8'));
  for (let at = 0; at < n; at += 10_000) {
    const m = Math.min(10_000, n - at);
    const idx = Array.from({ length: m }, (_, k) => at + k);
    await sql`
      INSERT INTO findings (test_id, engagement_id, product_id, title, severity, numerical_severity, description, file_path, line, hash_code, date)
      SELECT ${c.baselineTestId}, ${c.engagementId}, ${c.productId}, t, 'Medium', 2, d, p, l, h, CURRENT_DATE
      FROM unnest(${idx.map((i) => `Baseline finding ${i}`)}::text[], ${idx.map((i) => `Description of finding ${i}`)}::text[],
                  ${idx.map((i) => `src/file${i}.ts`)}::text[], ${idx.map((i) => (i % 500) + 1)}::int4[], ${idx.map((i) => i.toString(16).padStart(64, '0'))}::text[]) AS u(t, d, p, l, h)`.execute(db.handle.db);
  }
  return (performance.now() - started) / 1000;
}

async function run(db: TestDatabase, service: ImportService, label: string, scanType: string, file: Buffer) {
  const c = await context(db, `${label} product`);
  const base = await baseline(db, file, N, c);
  const ctx = { actor: SYSTEM_ACTOR };
  let started = performance.now();
  const first = await service.import(ctx, { mode: 'import', scanType, report: file, engagementId: c.engagementId });
  const importS = (performance.now() - started) / 1000;
  started = performance.now();
  const again = await service.import(ctx, { mode: 'reimport', scanType, report: file, testId: first.testId });
  const reimportS = (performance.now() - started) / 1000;
  const mb = (file.length / 1024 / 1024).toFixed(1);
  console.log(`${label}: ${first.findingsInReport} findings, ${mb} MB`);
  console.log(`  baseline (JSON.parse + bulk insert): ${base.toFixed(2)} s`);
  console.log(`  import:   ${importS.toFixed(2)} s  = ${(importS / base).toFixed(2)}× baseline  (created ${first.statistics.created.total})`);
  console.log(`  reimport: ${reimportS.toFixed(2)} s  = ${(reimportS / base).toFixed(2)}× baseline  (untouched ${again.statistics.untouched.total}, created ${again.statistics.created.total})`);
  return { base, importS, reimportS };
}

const db = await freshDatabase();
try {
  const service = new ImportService(db.uow, new FilesystemArtifactStore(mkdtempSync(join(tmpdir(), 'vigil-bench-'))), () => new Date(), { maxBytes: 1024 * 1024 * 1024 });
  console.log(`Import benchmark, N=${N}, PostgreSQL database ${db.name}`);
  const results = [await run(db, service, 'SARIF', 'SARIF', sarif(N)), await run(db, service, 'Trivy', 'Trivy Scan', trivy(N))];
  const worst = Math.max(...results.flatMap((r) => [r.importS / r.base, r.reimportS / r.base]));
  console.log(`worst ratio: ${worst.toFixed(2)}× baseline (target ≤ 2×)`);
} finally {
  await db.drop();
}
