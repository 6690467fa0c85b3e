/**
 * Import benchmark (never part of the test suite): generates a 100,000-result SARIF file and a
 * 100,000-vulnerability Trivy file, imports each through ImportService into a fresh PostgreSQL
 * database, then reimports it, and compares with the baseline measured in the same run:
 * JSON.parse of the file + COPY (pg-copy-streams) of as many full-width finding rows, built from
 * the parser's findings before the clock starts. Variants (each with its own baseline): the product
 * (COPY insert, 16 MB streaming threshold), the JSON insert, and a 64 MB threshold (parsed whole).
 *
 *   npm run bench:import            (N=100000; BENCH_N=20000 for a quick run)
 *   BENCH_ROUNDS=2                  (the variants twice, the second time in reverse order)
 *   BENCH_VARIANTS='copy, stream >16MB'   (only the variants whose names contain these, ';'-separated)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { parserForScanType } from '@vigil/parsers';
import { FilesystemArtifactStore, ImportService, SYSTEM_ACTOR } from '@vigil/core';
import { freshDatabase, type TestDatabase } from '../test/support/postgres.ts';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { createUnitOfWork, type Database, type Repositories, type UnitOfWork } from '@vigil/db';

const N = Number(process.env.BENCH_N ?? 100_000);
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'];
const LEVELS = ['error', 'warning', 'note'];

function sarif(n: number): Buffer {
  const rules = Array.from({ length: 200 }, (_, i) => ({
    id: `rule-${i}`,
    name: `Rule${i}`,
    shortDescription: { text: `Rule ${i} finds a problem` },
    fullDescription: { text: `A longer description of rule ${i}.` },
    properties: {
      tags: ['security', `external/cwe/cwe-${79 + (i % 50)}`],
      'security-severity': String((i % 10) + 0.5),
    },
  }));
  const results = Array.from({ length: n }, (_, i) => ({
    ruleId: `rule-${i % 200}`,
    level: LEVELS[i % 3],
    message: { text: `Problem ${i} found by rule ${i % 200}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: `src/module${i % 1000}/file${i}.ts` },
          region: { startLine: (i % 500) + 1, startColumn: 3 },
        },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: `fp${i.toString(16)}` },
  }));
  return Buffer.from(
    JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'BenchQL', rules } }, results }] }),
  );
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
  return Buffer.from(
    JSON.stringify({ SchemaVersion: 2, ArtifactName: 'bench', ArtifactType: 'container_image', Results }),
  );
}

async function context(db: TestDatabase, name: string) {
  const pt = await db.uow.repos.productTypes.insert({ name: `${name} PT` });
  const product = await db.uow.repos.products.insert({
    name,
    product_type_id: pt.id,
    tags: [],
    business_criticality: null,
    platform: null,
    lifecycle: null,
    origin: null,
  });
  const e = await db.uow.repos.engagements.insert({
    product_id: product.id,
    name: 'bench',
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
  const t = await db.uow.repos.tests.insert({
    engagement_id: e.id,
    scan_type: 'Baseline',
    title: null,
    version: null,
    build_id: null,
    commit_hash: null,
    branch_tag: null,
    lead_id: null,
    tags: [],
  } as never);
  return { productId: product.id, engagementId: e.id, baselineTestId: t.id };
}

const COPY_COLUMNS = [
  'test_id',
  'engagement_id',
  'product_id',
  'title',
  'severity',
  'numerical_severity',
  'description',
  'mitigation',
  'impact',
  '"references"',
  'cwe',
  'vulnerability_ids',
  'file_path',
  'line',
  'component_name',
  'component_version',
  'unique_id_from_tool',
  'vuln_id_from_tool',
  'hash_code',
  'date',
  'active',
  'verified',
  'static_finding',
  'dynamic_finding',
  'sla_start_date',
  'sla_expiration_date',
  'tags',
];
const SEVERITY_NUMBER: Record<string, number> = { Critical: 0, High: 1, Medium: 2, Low: 3, Info: 4 };

/** A value in COPY's text format. */
function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (Array.isArray(v)) return copyText(`{${v.map((x) => `"${String(x).replace(/[\\"]/g, '\\$&')}"`).join(',')}}`);
  return String(v).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/**
 * The COPY input for the baseline: one full-width finding row per finding the parser reads from
 * the file (the same titles, descriptions, paths and components the import stores), prepared
 * before the clock starts.
 */
async function baselineRows(
  file: Buffer,
  scanType: string,
  c: { productId: number; engagementId: number; baselineTestId: number },
): Promise<{ text: Buffer; rows: number }> {
  const parsed = await parserForScanType(scanType)!.parse(file, { scanType });
  const lines = parsed.findings.map((f, i) =>
    [
      c.baselineTestId,
      c.engagementId,
      c.productId,
      f.title.slice(0, 511),
      f.severity,
      SEVERITY_NUMBER[f.severity],
      f.description ?? '',
      f.mitigation ?? '',
      f.impact ?? '',
      f.references ?? '',
      f.cwe ?? null,
      f.vulnerabilityIds ?? [],
      f.filePath ?? null,
      f.line ?? null,
      f.componentName ?? null,
      f.componentVersion ?? null,
      f.uniqueIdFromTool ?? null,
      f.vulnIdFromTool ?? null,
      createHash('sha256').update(String(i)).digest('hex'),
      '2026-11-29',
      true,
      false,
      true,
      false,
      '2026-11-29',
      '2026-12-29',
      f.tags ?? [],
    ]
      .map(copyText)
      .join('\t'),
  );
  return { text: Buffer.from(lines.join('\n') + '\n'), rows: lines.length };
}

/** The floor: JSON.parse of the file + COPY of as many full finding rows into the findings table. */
async function baseline(db: TestDatabase, file: Buffer, input: { text: Buffer }): Promise<number> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const started = performance.now();
    JSON.parse(file.toString('utf8'));
    await pipeline(
      Readable.from([input.text]),
      client.query(copyFrom(`COPY findings (${COPY_COLUMNS.join(', ')}) FROM STDIN`)),
    );
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

/** One way of running the import: the product's (COPY insert) or a comparison, named in the output. */
interface Variant {
  name: string;
  service: ImportService;
}

async function run(db: TestDatabase, variant: Variant, label: string, scanType: string, file: Buffer) {
  const c = await context(db, `${label} ${variant.name} product ${++contexts}`);
  const rows = await baselineRows(file, scanType, c);
  const base = await baseline(db, file, rows);
  const ctx = { actor: SYSTEM_ACTOR };
  let started = performance.now();
  const first = await variant.service.import(ctx, {
    mode: 'import',
    scanType,
    report: file,
    engagementId: c.engagementId,
  });
  const importS = (performance.now() - started) / 1000;
  started = performance.now();
  const again = await variant.service.import(ctx, { mode: 'reimport', scanType, report: file, testId: first.testId });
  const reimportS = (performance.now() - started) / 1000;
  console.log(
    `  [${variant.name}] baseline (JSON.parse + COPY of ${rows.rows} full finding rows): ${base.toFixed(2)} s`,
  );
  console.log(
    `    import:   ${importS.toFixed(2)} s  = ${(importS / base).toFixed(2)}× baseline  ` +
      `(created ${first.statistics.created.total})`,
  );
  console.log(
    `    reimport: ${reimportS.toFixed(2)} s  = ${(reimportS / base).toFixed(2)}× baseline  ` +
      `(untouched ${again.statistics.untouched.total}, created ${again.statistics.created.total})`,
  );
  return { base, importS, reimportS };
}

/**
 * The comparison "ids apart": id reservation and the candidate lookup as two statements per batch
 * (as before they were folded into reserveIdsWithCandidates).
 */
function idsApart(uow: UnitOfWork): UnitOfWork {
  const apart = (repos: Repositories): Repositories => {
    const imports = Object.create(repos.imports) as Repositories['imports'];
    imports.reserveIdsWithCandidates = async (count, scope, hashes, uniqueIds) => ({
      ids: await repos.imports.allocateFindingIds(count),
      candidates: await repos.imports.candidates(scope, hashes, uniqueIds),
    });
    return { ...repos, imports };
  };
  return { repos: uow.repos, transaction: (work) => uow.transaction((repos) => work(apart(repos))) };
}

/**
 * The comparison "any-array probe": the candidate lookup as it was before the per-key index
 * probes, `(hash_code = ANY($1) OR unique_id_from_tool = ANY($2))` over the scope, which PostgreSQL
 * plans as a scan of the whole product (its cost grows with the product, not the batch).
 */
function anyArrayProbe(uow: UnitOfWork): UnitOfWork {
  const before = (repos: Repositories): Repositories => {
    const imports = Object.create(repos.imports) as Repositories['imports'];
    // The transaction's Kysely, private to the repository: reached here only to replay the old SQL.
    const db = (repos.imports as unknown as { db: Kysely<Database> }).db;
    imports.reserveIdsWithCandidates = async (count, scope, hashes, uniqueIds) => {
      if (count === 0 || (hashes.length === 0 && uniqueIds.length === 0))
        return repos.imports.reserveIdsWithCandidates(count, scope, hashes, uniqueIds);
      const where =
        'productId' in scope ? sql`product_id = ${scope.productId}` : sql`engagement_id = ${scope.engagementId}`;
      const cols = sql.raw(
        'id, test_id, severity, hash_code, unique_id_from_tool, active, verified, duplicate, false_p, out_of_scope, ' +
          'risk_accepted, is_mitigated',
      );
      const r = await sql<{ ids: number[]; candidates: never[] }>`
        SELECT
          (SELECT array_agg(nextval(s.seq)::int4 ORDER BY g)
           FROM (SELECT pg_get_serial_sequence('findings', 'id')::regclass AS seq) s, generate_series(1,
             ${count}::int4) g) AS ids,
          (SELECT coalesce(json_agg(c ORDER BY c.id), '[]'::json) FROM (
             SELECT ${cols} FROM findings
             WHERE ${where}
               AND (hash_code = ANY(${arrayLiteral(hashes)}::text[])
                 OR unique_id_from_tool = ANY(${arrayLiteral(uniqueIds)}::text[]))) c) AS candidates`.execute(db);
      return r.rows[0];
    };
    return { ...repos, imports };
  };
  return { repos: uow.repos, transaction: (work) => uow.transaction((repos) => work(before(repos))) };
}

function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

const MB = 1024 * 1024;
let contexts = 0;
const db = await freshDatabase();
// The comparison "JSON insert": Kysely over a plain pg pool, whose clients do not run COPY FROM
// STDIN, so ImportRepository falls back to json_populate_recordset (the embedded database's path).
const plainPool = new pg.Pool({ connectionString: db.url, max: 4 });
const plainDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: plainPool }) });
try {
  const artifacts = new FilesystemArtifactStore(mkdtempSync(join(tmpdir(), 'vigil-bench-')));
  const service = (uow: UnitOfWork, streamAboveBytes?: number) =>
    new ImportService(uow, artifacts, () => new Date(), { maxBytes: 1024 * MB, streamAboveBytes });
  const all: Variant[] = [
    { name: 'json-insert, stream >16MB', service: service(createUnitOfWork(plainDb), 16 * MB) },
    { name: 'copy, stream >16MB', service: service(db.uow, 16 * MB) },
    { name: 'copy, stream >64MB', service: service(db.uow, 64 * MB) },
    { name: 'copy, ids apart, stream >16MB', service: service(idsApart(db.uow), 16 * MB) },
    { name: 'copy, any-array probe, stream >16MB', service: service(anyArrayProbe(db.uow), 16 * MB) },
  ];
  // BENCH_VARIANTS='a;b' (substrings of the names, in the order to run them); default, all in this order.
  // BENCH_ROUNDS=n runs the list n times (alternating its order), to see the noise of a shared machine.
  const chosen = process.env.BENCH_VARIANTS
    ? process.env.BENCH_VARIANTS.split(';').flatMap((f) => all.filter((v) => v.name.includes(f)))
    : all;
  const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
  console.log(
    `Import benchmark, N=${N}, PostgreSQL database ${db.name}, ${rounds} round(s) of: ${chosen
      .map((v) => v.name)
      .join(' | ')}`,
  );
  const ratios = new Map<string, number[]>();
  for (const [label, scanType, file] of [
    ['SARIF', 'SARIF', sarif(N)],
    ['Trivy', 'Trivy Scan', trivy(N)],
  ] as const) {
    console.log(`${label}: ${N} findings, ${(file.length / MB).toFixed(1)} MB`);
    for (let round = 0; round < rounds; round++) {
      for (const v of round % 2 ? [...chosen].reverse() : chosen) {
        const r = await run(db, v, label, scanType, file);
        const key = `${label} ${v.name}`;
        ratios.set(key, [...(ratios.get(key) ?? []), r.importS / r.base, r.reimportS / r.base]);
      }
    }
  }
  for (const [key, list] of ratios) {
    const imports = list.filter((_, i) => i % 2 === 0);
    const reimports = list.filter((_, i) => i % 2 === 1);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      `[${key}] import ${imports.map((x) => x.toFixed(2)).join(', ')} (mean ${mean(imports).toFixed(2)}×), ` +
        `reimport ${reimports.map((x) => x.toFixed(2)).join(', ')} (mean ${mean(reimports).toFixed(2)}×) baseline ` +
        `(target ≤ 2×)`,
    );
  }
} finally {
  await plainDb.destroy();
  await db.drop();
}
