/**
 * bench:sbom — a 10,000-component CycloneDX SBOM ingested and matched against 300,000 advisories
 * (docs/vulndb.md "Matching"; figures in docs/benchmarks.md). Never part of the test suite.
 *
 * The advisories are bench:vulndb's synthetic records (bench/vulndb-archive.ts, imported), loaded by
 * OsvSyncService into a fresh PostgreSQL database. The SBOM's components are packages those records
 * name (every 30th record's first package, at a version inside its first range half the time), so
 * matching meets the real mix of ecosystems and a realistic share of affected components. Timed:
 * the upload through SbomService.import (read, validate, store set-based) and one forward match
 * through SbomMatchService.matchEngagement (candidates, containment, findings through ImportWriter).
 * Floor, same run: COPY of the stored component and inventory rows into empty copies of their tables.
 *
 * BENCH_SBOM_DATABASE (a database name on the test server) reuses a database a previous run loaded
 * (its advisories; the SBOM goes into a new engagement), and keeps it.
 *
 *   npm run bench:sbom
 */
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { SbomMatchService, SbomService, SYSTEM_ACTOR } from '@vigil/core';
import { createDatabase, createUnitOfWork } from '@vigil/db';
import { cvssScorer, OsvSyncService, purlOfOsvPackage } from '@vigil/vulndb';
import { freshDatabase, urlFor } from '../test/support/postgres.ts';
import { loadTemplates, syntheticRecord } from './vulndb-archive.ts';
import { table } from './support.ts';

const RECORDS_DIR = fileURLToPath(new URL('../../shared/conformance/osv/records', import.meta.url));
const ADVISORIES = Number(process.env.BENCH_SBOM_ADVISORIES ?? 300_000);
const COMPONENTS = Number(process.env.BENCH_SBOM_COMPONENTS ?? 10_000);
const REUSE = process.env.BENCH_SBOM_DATABASE;
const TARGET_SECONDS = 3;

const templates = loadTemplates(RECORDS_DIR);

async function* records() {
  for (let i = 0; i < ADVISORIES; i++)
    yield { where: `${i}.json`, text: JSON.stringify(syntheticRecord(templates, i)) };
}

interface Component {
  'bom-ref': string;
  type: 'library';
  name: string;
  version: string;
  purl: string;
}

/** Packages the advisories name, each at a version inside its first range or above every fix. */
function sbomComponents(): Component[] {
  const out: Component[] = [];
  const seen = new Set<string>();
  for (let i = 0; out.length < COMPONENTS && i < ADVISORIES * 30; i += 7) {
    const r = syntheticRecord(templates, i % ADVISORIES);
    const a = r.affected?.find((x: { package?: unknown; ranges?: unknown[] }) => x.package && x.ranges?.length);
    const events = a?.ranges?.find((x: { type: string }) => x.type !== 'GIT')?.events;
    if (!a || !events) continue;
    const introduced = String(events[0]?.introduced ?? '0');
    const version = out.length % 2 === 0 ? (introduced === '0' ? '0.0.1' : introduced) : '99.0.0';
    let purl: string | undefined;
    try {
      purl = purlOfOsvPackage({ ecosystem: a.package.ecosystem, name: a.package.name, version });
    } catch {
      continue;
    }
    if (purl === undefined || seen.has(purl)) continue;
    seen.add(purl);
    out.push({ 'bom-ref': `c${out.length}`, type: 'library', name: a.package.name, version, purl });
  }
  return out;
}

function cycloneDx(components: Component[]): Buffer {
  // Each component depends on the next ten: a deep graph, so dependency paths are real walks.
  const dependencies = [{ ref: 'app', dependsOn: components.slice(0, 50).map((c) => c['bom-ref']) }].concat(
    components.map((c, k) => ({
      ref: c['bom-ref'],
      dependsOn: components.slice(k + 50, k + 52).map((d) => d['bom-ref']),
    })),
  );
  return Buffer.from(
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      metadata: { component: { type: 'application', 'bom-ref': 'app', name: 'app', version: '1.0.0' } },
      components,
      dependencies,
    }),
  );
}

const INVENTORY_TABLES = ['components', 'inventory_components', 'inventory_dependencies'];

/** COPY of the stored inventory rows into empty copies of their tables (same indexes). */
async function copyFloor(url: string): Promise<{ seconds: number; rows: number }> {
  const from = new pg.Client({ connectionString: url });
  const to = new pg.Client({ connectionString: url });
  await from.connect();
  await to.connect();
  try {
    for (const t of INVENTORY_TABLES) {
      await to.query(`DROP TABLE IF EXISTS bench_${t}`);
      await to.query(`CREATE TABLE bench_${t} (LIKE ${t} INCLUDING ALL)`);
    }
    let rows = 0;
    const t0 = performance.now();
    for (const t of INVENTORY_TABLES) {
      const sink = to.query(copyStreams.from(`COPY bench_${t} FROM STDIN`));
      await pipeline(from.query(copyStreams.to(`COPY ${t} TO STDOUT`)), sink);
      rows += Number(sink.rowCount ?? 0);
    }
    return { seconds: (performance.now() - t0) / 1000, rows };
  } finally {
    for (const t of INVENTORY_TABLES) await to.query(`DROP TABLE IF EXISTS bench_${t}`);
    await from.end();
    await to.end();
  }
}

async function main(): Promise<void> {
  const fresh = REUSE ? undefined : await freshDatabase();
  const handle = fresh?.handle ?? (await createDatabase({ databaseUrl: urlFor(REUSE!), dataDir: '', poolSize: 4 }));
  const uow = fresh?.uow ?? createUnitOfWork(handle.db);
  const url = fresh ? fresh.url : urlFor(REUSE!);
  try {
    if (fresh) {
      const t0 = performance.now();
      const loader = new OsvSyncService(uow, cvssScorer, { batchSize: 1000 });
      const run = await loader.load(records(), { source: 'osv', ecosystem: 'bench', origin: 'synthetic' });
      console.log(
        `loaded ${run.inserted.toLocaleString('en')} advisories in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
      );
    }
    const k = handle.db;
    const type = await sql<{ id: number }>`
      INSERT INTO product_types (name) VALUES (${`bench ${Date.now()}`}) RETURNING id`.execute(k);
    const product = await sql<{ id: number }>`
      INSERT INTO products (product_type_id, name) VALUES (${type.rows[0].id}, ${`sbom ${Date.now()}`})
      RETURNING id`.execute(k);
    const engagement = await sql<{ id: number }>`
      INSERT INTO engagements (product_id, name, target_start, target_end)
      VALUES (${product.rows[0].id}, '1.0', '2026-01-01', '2026-01-02') RETURNING id`.execute(k);
    const engagementId = engagement.rows[0].id;
    const components = sbomComponents();
    const bytes = cycloneDx(components);
    const ctx = { actor: SYSTEM_ACTOR, requestId: 'bench:sbom' };

    const t0 = performance.now();
    const stored = await new SbomService(uow).import(ctx, engagementId, bytes);
    const ingest = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const matched = await new SbomMatchService(uow).matchEngagement(engagementId);
    const match = (performance.now() - t1) / 1000;
    const t2 = performance.now();
    const again = await new SbomService(uow).import(ctx, engagementId, bytes);
    const reimport = (performance.now() - t2) / 1000;
    const floor = await copyFloor(url);

    console.log(
      `${components.length.toLocaleString('en')} components (${stored.dependencyCount.toLocaleString('en')} edges, ` +
        `${(bytes.length / 1e6).toFixed(1)} MB), ${ADVISORIES.toLocaleString('en')} advisories: ` +
        `${matched.matched.toLocaleString('en')} findings (${matched.created.toLocaleString('en')} created)`,
    );
    table([
      { step: 'ingest (SbomService.import)', seconds: ingest.toFixed(2) },
      { step: 'match (SbomMatchService.matchEngagement)', seconds: match.toFixed(2) },
      { step: 'ingest + match', seconds: (ingest + match).toFixed(2) },
      { step: `re-upload, unchanged (changed: ${again.changed})`, seconds: reimport.toFixed(2) },
      {
        step: `floor: COPY of the ${floor.rows.toLocaleString('en')} stored inventory rows`,
        seconds: floor.seconds.toFixed(2),
      },
    ]);
    const verdict = ingest + match < TARGET_SECONDS ? 'meets' : 'misses';
    console.log(
      `ingest + match ${verdict} the ${TARGET_SECONDS} s target; ` +
        `${((ingest + match) / floor.seconds).toFixed(1)}x the COPY`,
    );
  } finally {
    if (fresh) await fresh.drop();
    else await handle.close();
  }
}

await main();
