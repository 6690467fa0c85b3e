import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createDatabase, createUnitOfWork, MigrationRunner, type DatabaseHandle, type ImportedFindingRow, type UnitOfWork } from '@vigil/db';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

/** Rows whose text needs every COPY escape, arrays with quotes and commas, nulls, dates and a closed finding. */
function tricky(ids: number[], c: { testId: number; engagementId: number; productId: number }): ImportedFindingRow[] {
  return ids.map((id, i) => ({
    id, test_id: c.testId, engagement_id: c.engagementId, product_id: c.productId,
    title: `Title ${i}\twith tab\nnewline\r\\backslash "quote" 'single' ünïcödé 🚀`,
    severity: i % 2 ? 'High' : 'Low', numerical_severity: i % 2 ? 1 : 3,
    description: i === 0 ? '' : `\\N is not null\\.\n{braces},`, mitigation: 'm', impact: '\\', references: 'https://x/y?a=1&b=2',
    cwe: i === 1 ? null : 79, vulnerability_ids: ['CVE-1', 'a,b', 'q"uote', 'back\\slash', 'NULL', ''],
    cvssv3: null, cvssv3_score: i === 0 ? 9.8 : i === 4 ? Number.NaN : null, cvssv4: null, cvssv4_score: null, epss_score: 0.00012, epss_percentile: null,
    file_path: 'src/a b.ts', line: i + 1, component_name: null, component_version: null,
    unique_id_from_tool: i === 2 ? null : `uid-${i}`, vuln_id_from_tool: null, hash_code: `h${i}`,
    date: '2026-11-29', active: i !== 3, verified: false, false_p: false, out_of_scope: false, risk_accepted: false,
    is_mitigated: i === 3, mitigated_at: i === 3 ? new Date('2026-11-29T12:34:56.789Z') : null, mitigated_by_id: null,
    duplicate: false, duplicate_finding_id: null, static_finding: true, dynamic_finding: false, nb_occurences: 1,
    sla_start_date: '2026-11-29', sla_expiration_date: i === 1 ? null : '2026-12-29', reporter_id: null, tags: i === 0 ? [] : ['t1', 'with space', '{x}'],
  }));
}

let scopes = 0;

async function scope(uow: UnitOfWork) {
  const n = ++scopes;
  const pt = await uow.repos.productTypes.insert({ name: `PT ${n}` });
  const product = await uow.repos.products.insert({ name: `P ${n}`, product_type_id: pt.id, tags: [], business_criticality: null, platform: null, lifecycle: null, origin: null });
  const e = await uow.repos.engagements.insert({ product_id: product.id, name: 'e', target_start: '2026-01-01', target_end: '2026-12-31', tags: [], version: null, branch_tag: null, commit_hash: null, build_id: null, source_code_management_uri: null, lead_id: null });
  const t = await uow.repos.tests.insert({ engagement_id: e.id, scan_type: 'Generic Findings Import', title: null, version: null, build_id: null, commit_hash: null, branch_tag: null, lead_id: null, tags: [] } as never);
  return { testId: t.id, engagementId: e.id, productId: product.id };
}

/** Inserts the tricky rows in one import transaction; returns what was stored and whether COPY ran. */
async function insertAndRead(uow: UnitOfWork, handle: DatabaseHandle) {
  const c = await scope(uow);
  const copied = await uow.transaction(async (repos) => {
    const ids = await repos.imports.allocateFindingIds(5);
    await repos.imports.insertFindings(tricky(ids, c));
    return repos.imports.copyAvailable();
  });
  const stored = await sql<Record<string, unknown>>`
    SELECT title, severity, description, impact, "references", cwe, vulnerability_ids, cvssv3_score, epss_score, file_path, line,
      unique_id_from_tool, hash_code, to_char(date, 'YYYY-MM-DD') AS date, active, is_mitigated, mitigated_at, static_finding,
      to_char(sla_expiration_date, 'YYYY-MM-DD') AS sla, tags
    FROM findings WHERE test_id = ${c.testId} ORDER BY id`.execute(handle.db);
  const open = await sql<{ n: number }>`SELECT coalesce(sum(n), 0)::int AS n FROM finding_open_counts WHERE product_id = ${c.productId}`.execute(handle.db);
  return { copied, stored: stored.rows, open: open.rows[0].n, c };
}

describe('findings insert: COPY on PostgreSQL, JSON on the embedded database', () => {
  let pg: TestDatabase;
  let embedded: DatabaseHandle;

  before(async () => {
    pg = await freshDatabase();
    embedded = await createDatabase({ dataDir: 'memory://' });
    await new MigrationRunner(embedded.db).up();
  });
  after(async () => {
    await pg?.drop();
    await embedded?.close();
  });

  test('both paths store the same values, and the trigger-kept counts follow the COPY', async () => {
    const viaCopy = await insertAndRead(pg.uow, pg.handle);
    const viaJson = await insertAndRead(createUnitOfWork(embedded.db), embedded);
    assert.equal(viaCopy.copied, true);
    assert.equal(viaJson.copied, false);
    assert.equal(viaCopy.stored.length, 5);
    assert.deepEqual(viaCopy.stored, viaJson.stored);
    assert.equal(viaCopy.stored[0].title, tricky([1], viaCopy.c)[0].title);
    assert.deepEqual(viaCopy.stored[0].vulnerability_ids, ['CVE-1', 'a,b', 'q"uote', 'back\\slash', 'NULL', '']);
    assert.equal(viaCopy.stored[1].description, '\\N is not null\\.\n{braces},');
    assert.equal((viaCopy.stored[3].mitigated_at as Date).toISOString(), '2026-11-29T12:34:56.789Z');
    // Four active originals: the summary table saw the COPY's rows.
    assert.equal(viaCopy.open, 4);
  });

  test('the failover pool with read routing (several hosts, a replica) runs the COPY on the transaction', async () => {
    // The same server twice in the host list, and as its own "replica": FailoverPool + RoutingPostgresDialect.
    const twoHosts = pg.url.replace('127.0.0.1:5432', '127.0.0.1:5432,127.0.0.1:5432');
    assert.notEqual(twoHosts, pg.url);
    const ha = await createDatabase({ databaseUrl: twoHosts, replicaUrls: [pg.url], dataDir: '', poolSize: 2 });
    try {
      assert.ok(ha.failover);
      const viaHa = await insertAndRead(createUnitOfWork(ha.db), ha);
      assert.equal(viaHa.copied, true);
      assert.equal(viaHa.stored.length, 5);
      assert.equal(viaHa.open, 4);
    } finally {
      await ha.close();
    }
  });

  test('reserveIdsWithCandidates answers what allocateFindingIds and candidates answer, in one statement', async () => {
    for (const uow of [pg.uow, createUnitOfWork(embedded.db)]) {
      const c = await scope(uow);
      await uow.transaction(async (repos) => repos.imports.insertFindings(tricky(await repos.imports.allocateFindingIds(5), c)));
      await uow.transaction(async (repos) => {
        const folded = await repos.imports.reserveIdsWithCandidates(3, { productId: c.productId }, ['h0', 'h4', 'nope'], ['uid-1']);
        const apart = await repos.imports.candidates({ productId: c.productId }, ['h0', 'h4', 'nope'], ['uid-1']);
        assert.deepEqual(folded.candidates, apart);
        assert.deepEqual(folded.candidates.map((f) => f.hash_code), ['h0', 'h1', 'h4']);
        assert.equal(folded.ids.length, 3);
        assert.ok(folded.ids[0] < folded.ids[1] && folded.ids[1] < folded.ids[2]);
        const next = await repos.imports.allocateFindingIds(1);
        assert.ok(next[0] > folded.ids[2]);
        assert.deepEqual((await repos.imports.reserveIdsWithCandidates(2, { productId: c.productId }, [], [])).candidates, []);
      });
    }
  });

  test('a COPY that fails leaves the database as it was', async () => {
    const c = await scope(pg.uow);
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM findings`.execute(pg.handle.db);
    await assert.rejects(pg.uow.transaction(async (repos) => {
      const [id] = await repos.imports.allocateFindingIds(1);
      await repos.imports.insertFindings(tricky([id, id], c));
    }), /duplicate key/);
    const afterwards = await sql<{ n: number }>`SELECT count(*)::int AS n FROM findings`.execute(pg.handle.db);
    assert.equal(afterwards.rows[0].n, before.rows[0].n);
    const open = await sql<{ n: number }>`SELECT coalesce(sum(n), 0)::int AS n FROM finding_open_counts WHERE product_id = ${c.productId}`.execute(pg.handle.db);
    assert.equal(open.rows[0].n, 0);
    // The pool's connections still work after the failed COPY.
    await pg.uow.transaction(async (repos) => repos.imports.insertFindings(tricky(await repos.imports.allocateFindingIds(2), c)));
  });
});
