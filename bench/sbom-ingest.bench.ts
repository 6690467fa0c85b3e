/**
 * bench:sbom-ingest — SBOM ingest into an engagement's inventory (docs/vulndb.md "SBOM inventory";
 * figures in docs/benchmarks.md). Never part of the test suite.
 *
 * A CycloneDX 1.6 JSON SBOM of BENCH_SBOM_COMPONENTS (10,000) components (npm, PyPI and Maven purls,
 * an SPDX licence expression and a SHA-256 hash each, two dependency edges each) is imported through
 * SbomService into a fresh PostgreSQL database, then imported again unchanged. Printed against the
 * same run's floors: parsing + schema validation alone (readSbom), and COPY of the very rows the import
 * stored, table by table, into empty copies with the same indexes.
 *
 *   npm run bench:sbom-ingest
 */
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { SbomService, SYSTEM_ACTOR } from '@vigil/core';
import { readSbom } from '@vigil/vulndb';
import { freshDatabase } from '../test/support/postgres.ts';
import { table } from './support.ts';

const COMPONENTS = Number(process.env.BENCH_SBOM_COMPONENTS ?? 10_000);
const TABLES = ['components', 'inventory_components', 'inventory_component_licenses', 'inventory_dependencies'];
const LICENSES = ['MIT', 'Apache-2.0', 'BSD-3-Clause OR MIT', '(MIT OR Apache-2.0) AND ISC', 'GPL-2.0-only'];

function sbom(count: number): Buffer {
  const components = Array.from({ length: count }, (_, i) => {
    const version = `${1 + (i % 7)}.${i % 13}.${i % 5}`;
    const [type, name] =
      i % 3 === 0 ? ['npm', `pkg-${i}`] : i % 3 === 1 ? ['pypi', `Py_Pkg.${i}`] : ['maven', `org.acme/lib-${i}`];
    return {
      type: 'library',
      'bom-ref': `c${i}`,
      name: name.split('/').pop(),
      version,
      purl: `pkg:${type}/${name}@${version}`,
      scope: 'required',
      hashes: [{ alg: 'SHA-256', content: i.toString(16).padStart(8, '0').repeat(8) }],
      licenses: [{ expression: LICENSES[i % LICENSES.length] }],
    };
  });
  const dependencies = components.map((_, i) => ({
    ref: `c${i}`,
    dependsOn: [...new Set([(i * 7 + 1) % count, (i * 13 + 5) % count])].filter((j) => j !== i).map((j) => `c${j}`),
  }));
  return Buffer.from(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components, dependencies }));
}

async function copyFloor(url: string): Promise<{ seconds: number; rows: number }> {
  const from = new pg.Client({ connectionString: url });
  const to = new pg.Client({ connectionString: url });
  await from.connect();
  await to.connect();
  try {
    for (const t of TABLES) await to.query(`CREATE TABLE bench_${t} (LIKE ${t} INCLUDING ALL)`);
    let rows = 0;
    const t0 = performance.now();
    for (const t of TABLES) {
      const sink = to.query(copyStreams.from(`COPY bench_${t} FROM STDIN`));
      await pipeline(from.query(copyStreams.to(`COPY ${t} TO STDOUT`)), sink);
      rows += Number(sink.rowCount ?? 0);
    }
    return { seconds: (performance.now() - t0) / 1000, rows };
  } finally {
    await from.end();
    await to.end();
  }
}

async function main(): Promise<void> {
  const bytes = sbom(COMPONENTS);
  const db = await freshDatabase();
  try {
    const k = db.handle.db;
    const type = await sql<{ id: number }>`INSERT INTO product_types (name) VALUES ('bench') RETURNING id`.execute(k);
    const product = await sql<{ id: number }>`
      INSERT INTO products (product_type_id, name) VALUES (${type.rows[0].id}, 'bench') RETURNING id`.execute(k);
    const engagement = await sql<{ id: number }>`
      INSERT INTO engagements (product_id, name, target_start, target_end)
      VALUES (${product.rows[0].id}, '1.0', '2026-01-01', '2026-01-02') RETURNING id`.execute(k);
    const engagementId = engagement.rows[0].id;
    const ctx = { actor: SYSTEM_ACTOR };
    const service = new SbomService(db.uow);

    // The schema is compiled on first use: timed apart, so the steps below compare like with like.
    let t0 = performance.now();
    readSbom(Buffer.from('{"bomFormat":"CycloneDX","specVersion":"1.6"}'));
    const compileSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const read = readSbom(bytes);
    const parseSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const first = await service.import(ctx, engagementId, bytes);
    const importSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const again = await service.import(ctx, engagementId, bytes);
    const reimportSeconds = (performance.now() - t0) / 1000;
    const floor = await copyFloor(db.url);
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    console.log(
      `SBOM: ${COMPONENTS} components, ${read.inventory.dependencies.length} edges, ${mb} MB; ` +
        `import changed=${first.changed}, re-import changed=${again.changed}`,
    );
    table([
      { step: 'import (parse + validate + store)', seconds: importSeconds.toFixed(3) },
      { step: 're-import, unchanged (writes nothing)', seconds: reimportSeconds.toFixed(3) },
      { step: 'floor: readSbom alone (parse + validate)', seconds: parseSeconds.toFixed(3) },
      { step: 'once per process: compiling the 1.6 schema', seconds: compileSeconds.toFixed(3) },
      { step: `floor: COPY of the ${floor.rows} stored rows`, seconds: floor.seconds.toFixed(3) },
    ]);
  } finally {
    await db.drop();
  }
}

await main();
