/**
 * bench:vulndb-search — advisory search latency at BENCH_VULNDB_SEARCH_RECORDS (300,000) advisories
 * (docs/vulndb.md "API"; figures in docs/benchmarks.md). Never part of the test suite.
 *
 * The advisories are bench:vulndb's synthetic records (bench/vulndb-archive.ts: the conformance
 * records' shapes, three advisories per CVE alias), loaded by OsvSyncService into a fresh PostgreSQL
 * database. Each kind of search then runs BENCH_VULNDB_SEARCH_SAMPLES times with varied values
 * through AdvisoryService.search (the query string parsed by the contract, the filter normalized,
 * the repository's SQL, the page built), one at a time; p50/p99 per kind, against the same run's
 * baseline: a primary-key lookup of one advisory's summary columns.
 *
 * BENCH_VULNDB_SEARCH_DATABASE (a database name on the test server) searches a database a previous
 * run loaded instead of loading a fresh one, and keeps it.
 *
 *   npm run bench:vulndb-search
 */
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { ZAdvisoryListQuery } from '@vigil/contract';
import { AdvisoryService, SYSTEM_ACTOR } from '@vigil/core';
import { cvssScorer, OsvSyncService } from '@vigil/vulndb';
import { createDatabase, createUnitOfWork } from '@vigil/db';
import { freshDatabase, urlFor } from '../test/support/postgres.ts';
import { loadTemplates, syntheticRecord } from './vulndb-archive.ts';
import { table } from './support.ts';

const RECORDS_DIR = fileURLToPath(new URL('../../shared/conformance/osv/records', import.meta.url));
const COUNT = Number(process.env.BENCH_VULNDB_SEARCH_RECORDS ?? 300_000);
const SAMPLES = Number(process.env.BENCH_VULNDB_SEARCH_SAMPLES ?? 300);
const TARGET_P99_MS = 20;
const REUSE = process.env.BENCH_VULNDB_SEARCH_DATABASE;

const templates = loadTemplates(RECORDS_DIR);
const record = (i: number) => syntheticRecord(templates, i);

async function* records() {
  for (let i = 0; i < COUNT; i++) yield { where: `${i}.json`, text: JSON.stringify(record(i)) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timeIt(run: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number; max: number }> {
  for (let i = 0; i < 20; i++) await run(i * 7919);
  const ms: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const i = (s * 104_729) % COUNT;
    const t0 = performance.now();
    await run(i);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), max: ms[ms.length - 1] };
}

/** The record `i`'s first package, or of the next record that has one. */
function packageNear(i: number): { ecosystem: string; name: string; purl?: string } {
  for (let j = i; ; j = (j + 1) % COUNT) {
    const pkg = record(j).affected?.find((a: { package?: unknown }) => a.package)?.package;
    if (pkg) return pkg;
  }
}

/** A fresh database loaded with COUNT synthetic advisories, or the one a previous run left. */
async function database() {
  if (REUSE) {
    const handle = await createDatabase({ databaseUrl: urlFor(REUSE), dataDir: '', poolSize: 4 });
    return { handle, uow: createUnitOfWork(handle.db), drop: () => handle.close() };
  }
  const db = await freshDatabase();
  const loader = new OsvSyncService(db.uow, cvssScorer, { batchSize: 2000 });
  const t0 = performance.now();
  const run = await loader.load(records(), { source: 'osv', ecosystem: 'bench', origin: 'synthetic' });
  const loadSeconds = (performance.now() - t0) / 1000;
  console.log(
    `loaded ${run.inserted} advisories (${run.invalid} invalid) into ${db.name} in ${loadSeconds.toFixed(0)} s`,
  );
  return db;
}

async function main() {
  const db = await database();
  try {
    await sql`ANALYZE`.execute(db.handle.db);
    const service = new AdvisoryService(db.uow);
    const ctx = { actor: SYSTEM_ACTOR };
    const search = (query: Record<string, string>) => service.search(ctx, ZAdvisoryListQuery.parse(query));
    const firstPage = await search({ limit: '50' });
    const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString().slice(0, 10);
    const kinds: Array<[string, (i: number) => Promise<unknown>]> = [
      [
        'baseline: primary-key lookup',
        (i) =>
          sql`SELECT id, osv_id, modified, published, withdrawn, summary, severity_score, severity_rating
            FROM advisories WHERE id = ${1 + (i % COUNT)}`.execute(db.handle.db),
      ],
      ['id', (i) => search({ id: String(record(i).id) })],
      ['alias (CVE, 3 advisories)', (i) => search({ id: String(record(i).aliases?.[0] ?? record(i).id) })],
      [
        'ecosystem + package',
        (i) => {
          const p = packageNear(i);
          return search({ ecosystem: p.ecosystem, package: p.name });
        },
      ],
      [
        'purl',
        (i) => {
          const p = packageNear(i);
          return search({ purl: p.purl ?? `pkg:pypi/${p.name}` });
        },
      ],
      ['ecosystem only (PyPI)', () => search({ ecosystem: 'PyPI' })],
      ['CWE-94', () => search({ cwe: 'CWE-94' })],
      ['rating high,critical', () => search({ severity: 'high,critical' })],
      ['published on one day', (i) => search({ publishedFrom: day(i), publishedTo: day(i) })],
      ['PyPI + critical + CWE-94', () => search({ ecosystem: 'PyPI', severity: 'critical', cwe: '94' })],
      ['no filter, first page', () => search({ limit: '50' })],
      ['no filter, second page', () => search({ limit: '50', cursor: firstPage.nextCursor ?? '' })],
      ['sort=published, first page', () => search({ sort: 'published' })],
    ];
    const rows: Array<Record<string, string | number>> = [];
    let worst = 0;
    let baseline = 0;
    for (const [name, run] of kinds) {
      const t = await timeIt(run);
      if (name.startsWith('baseline')) baseline = t.p99;
      else worst = Math.max(worst, t.p99);
      rows.push({
        search: name,
        'p50 ms': t.p50.toFixed(2),
        'p99 ms': t.p99.toFixed(2),
        'max ms': t.max.toFixed(2),
        'p99 / baseline': name.startsWith('baseline') ? '1.0' : (t.p99 / baseline).toFixed(1),
      });
    }
    table(rows);
    console.log(
      `${COUNT} advisories, ${SAMPLES} samples per search: worst p99 ${worst.toFixed(2)} ms ` +
        `(target < ${TARGET_P99_MS} ms: ${worst < TARGET_P99_MS ? 'met' : 'NOT met'}), ` +
        `baseline p99 ${baseline.toFixed(2)} ms`,
    );
  } finally {
    await db.drop();
  }
}

await main();
