import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import {
  createDatabase,
  createUnitOfWork,
  MigrationRunner,
  type DatabaseHandle,
  type ImportedFindingRow,
  type UnitOfWork,
} from '@vigil/db';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

/** Rows whose text needs every COPY escape, arrays with quotes and commas, nulls, dates and a closed finding. */
function tricky(ids: number[], c: { testId: number; engagementId: number; productId: number }): ImportedFindingRow[] {
  return ids.map((id, i) => ({
    id,
    test_id: c.testId,
    engagement_id: c.engagementId,
    product_id: c.productId,
    title: `Title ${i}\twith tab\nnewline\r\\backslash "quote" 'single' ünïcödé 🚀`,
    severity: i % 2 ? 'High' : 'Low',
    numerical_severity: i % 2 ? 1 : 3,
    description: i === 0 ? '' : `\\N is not null\\.\n{braces},`,
    mitigation: 'm',
    impact: '\\',
    references: 'https://x/y?a=1&b=2',
    cwe: i === 1 ? null : 79,
    vulnerability_ids: ['CVE-1', 'a,b', 'q"uote', 'back\\slash', 'NULL', ''],
    cvssv3: null,
    cvssv3_score: i === 0 ? 9.8 : i === 4 ? Number.NaN : null,
    cvssv4: null,
    cvssv4_score: null,
    epss_score: 0.00012,
    epss_percentile: null,
    file_path: 'src/a b.ts',
    line: i + 1,
    component_name: null,
    component_version: null,
    unique_id_from_tool: i === 2 ? null : `uid-${i}`,
    vuln_id_from_tool: null,
    hash_code: `h${i}`,
    date: '2026-11-29',
    active: i !== 3,
    verified: false,
    false_p: false,
    out_of_scope: false,
    risk_accepted: false,
    is_mitigated: i === 3,
    mitigated_at: i === 3 ? new Date('2026-11-29T12:34:56.789Z') : null,
    mitigated_by_id: null,
    duplicate: false,
    duplicate_finding_id: null,
    static_finding: true,
    dynamic_finding: false,
    nb_occurences: 1,
    sla_start_date: '2026-11-29',
    sla_expiration_date: i === 1 ? null : '2026-12-29',
    reporter_id: null,
    tags: i === 0 ? [] : ['t1', 'with space', '{x}'],
  }));
}

let scopes = 0;

async function scope(uow: UnitOfWork) {
  const n = ++scopes;
  const pt = await uow.repos.productTypes.insert({ name: `PT ${n}` });
  const product = await uow.repos.products.insert({
    name: `P ${n}`,
    product_type_id: pt.id,
    tags: [],
    business_criticality: null,
    platform: null,
    lifecycle: null,
    origin: null,
  });
  const e = await uow.repos.engagements.insert({
    product_id: product.id,
    name: 'e',
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
  const t = await uow.repos.tests.insert({
    engagement_id: e.id,
    scan_type: 'Generic Findings Import',
    title: null,
    version: null,
    build_id: null,
    commit_hash: null,
    branch_tag: null,
    lead_id: null,
    tags: [],
  } as never);
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
    SELECT title, severity, description, impact, "references", cwe, vulnerability_ids, cvssv3_score, epss_score,
      file_path, line,
      unique_id_from_tool, hash_code, to_char(date, 'YYYY-MM-DD') AS date, active, is_mitigated, mitigated_at,
        static_finding,
      to_char(sla_expiration_date, 'YYYY-MM-DD') AS sla, tags
    FROM findings WHERE test_id = ${c.testId} ORDER BY id`.execute(handle.db);
  const open = await sql<{
    n: number;
  }>`SELECT coalesce(sum(n), 0)::int AS n FROM finding_open_counts WHERE product_id = ${c.productId}`.execute(
    handle.db,
  );
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
      await uow.transaction(async (repos) =>
        repos.imports.insertFindings(tricky(await repos.imports.allocateFindingIds(5), c)),
      );
      await uow.transaction(async (repos) => {
        const folded = await repos.imports.reserveIdsWithCandidates(
          3,
          { productId: c.productId },
          ['h0', 'h4', 'nope'],
          ['uid-1'],
        );
        const apart = await repos.imports.candidates({ productId: c.productId }, ['h0', 'h4', 'nope'], ['uid-1']);
        assert.deepEqual(folded.candidates, apart);
        assert.deepEqual(
          folded.candidates.map((f) => f.hash_code),
          ['h0', 'h1', 'h4'],
        );
        assert.equal(folded.ids.length, 3);
        assert.ok(folded.ids[0] < folded.ids[1] && folded.ids[1] < folded.ids[2]);
        const next = await repos.imports.allocateFindingIds(1);
        assert.ok(next[0] > folded.ids[2]);
        assert.deepEqual(
          (await repos.imports.reserveIdsWithCandidates(2, { productId: c.productId }, [], [])).candidates,
          [],
        );
      });
    }
  });

  test(
    'candidates: one index probe per key, in product and ' + 'engagement scope, a finding found by both keys once',
    async () => {
      for (const uow of [pg.uow, createUnitOfWork(embedded.db)]) {
        const c = await scope(uow);
        const other = await scope(uow);
        await uow.transaction(async (repos) =>
          repos.imports.insertFindings(tricky(await repos.imports.allocateFindingIds(5), c)),
        );
        await uow.transaction(async (repos) =>
          repos.imports.insertFindings(tricky(await repos.imports.allocateFindingIds(5), other)),
        );
        const hashesOf = (rows: Array<{ hash_code: string | null }>) => rows.map((f) => f.hash_code);
        // h1 is also found by uid-1: one row. uid-2 does not exist (row 2 has no unique id).
        assert.deepEqual(
          hashesOf(
            await uow.repos.imports.candidates({ productId: c.productId }, ['h1', 'h3'], ['uid-1', 'uid-2', 'uid-4']),
          ),
          ['h1', 'h3', 'h4'],
        );
        assert.deepEqual(
          hashesOf(await uow.repos.imports.candidates({ engagementId: c.engagementId }, ['h0'], ['uid-3'])),
          ['h0', 'h3'],
        );
        assert.deepEqual(
          hashesOf(await uow.repos.imports.candidates({ engagementId: c.engagementId }, [], ['uid-3'])),
          ['h3'],
        );
        assert.deepEqual(hashesOf(await uow.repos.imports.candidates({ engagementId: c.engagementId }, ['h0'], [])), [
          'h0',
        ]);
        // Scoped: the other product's identical rows are never candidates.
        assert.ok(
          (await uow.repos.imports.candidates({ productId: c.productId }, ['h0'], ['uid-1'])).every(
            (f) => f.test_id === c.testId,
          ),
        );
        const all = await uow.repos.imports.candidates({ productId: c.productId }, ['h0', 'h1', 'h2'], []);
        assert.deepEqual(
          hashesOf(
            await uow.repos.imports.candidates({ productId: c.productId }, ['h0', 'h1', 'h2'], [], {
              belowId: all[2].id,
            }),
          ),
          ['h0', 'h1'],
        );
        assert.deepEqual(
          await uow.repos.imports.candidates({ productId: c.productId }, ['h0', 'h1'], ['uid-3'], {
            excludeTestId: c.testId,
          }),
          [],
        );
      }
    },
  );

  test(
    'prepared drafts are stored as the same rows insertFindings stores, with the ids and duplicate status given ' +
      'after preparing',
    async () => {
      for (const [uow, handle] of [
        [pg.uow, pg.handle],
        [createUnitOfWork(embedded.db), embedded],
      ] as const) {
        const c = await scope(uow);
        const stored = await uow.transaction(async (repos) => {
          await repos.imports.copyAvailable();
          const ids = await repos.imports.allocateFindingIds(10);
          // The same five rows twice: by insertFindings, and as drafts given ids 5-9 after preparing.
          const rows = [...tricky(ids.slice(0, 5), c), ...tricky(ids.slice(5), c)];
          const drafts = rows.slice(5).map(({ id: _id, duplicate: _d, duplicate_finding_id: _f, ...draft }) => draft);
          const prepared = repos.imports.prepareFindings(drafts);
          assert.equal(prepared.draftedText !== undefined, await repos.imports.copyAvailable());
          await repos.imports.insertFindings(rows.slice(0, 5));
          // Drafts 1 and 3 are left out; draft 4 becomes an inactive duplicate of the first row.
          await repos.imports.insertPreparedFindings(prepared, [
            { index: 0, id: rows[5].id, active: true, duplicateOf: null },
            { index: 2, id: rows[7].id, active: true, duplicateOf: null },
            { index: 4, id: rows[9].id, active: false, duplicateOf: rows[0].id },
          ]);
          return rows;
        });
        const read = await sql<Record<string, unknown>>`
        SELECT id, title, description, vulnerability_ids, cvssv3_score, unique_id_from_tool, hash_code, active,
          duplicate, duplicate_finding_id, is_mitigated, mitigated_at, tags
        FROM findings WHERE test_id = ${c.testId} ORDER BY id`.execute(handle.db);
        assert.deepEqual(
          read.rows.map((r) => r.id),
          [0, 1, 2, 3, 4, 5, 7, 9].map((i) => stored[i].id),
        );
        const byIndex = (i: number) => read.rows.find((r) => r.id === stored[i].id)!;
        for (const k of [0, 2]) {
          const { id: _a, ...viaRows } = byIndex(k);
          const { id: _b, ...viaPrepared } = byIndex(k + 5);
          assert.deepEqual(viaPrepared, viaRows);
        }
        assert.equal(byIndex(9).duplicate, true);
        assert.equal(byIndex(9).duplicate_finding_id, stored[0].id);
        assert.equal(byIndex(9).active, false);
        assert.equal(byIndex(5).duplicate, false);
        assert.equal(byIndex(5).duplicate_finding_id, null);
      }
    },
  );

  test('a COPY that fails leaves the database as it was', async () => {
    const c = await scope(pg.uow);
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM findings`.execute(pg.handle.db);
    await assert.rejects(
      pg.uow.transaction(async (repos) => {
        const [id] = await repos.imports.allocateFindingIds(1);
        await repos.imports.insertFindings(tricky([id, id], c));
      }),
      /duplicate key/,
    );
    const afterwards = await sql<{ n: number }>`SELECT count(*)::int AS n FROM findings`.execute(pg.handle.db);
    assert.equal(afterwards.rows[0].n, before.rows[0].n);
    const open = await sql<{
      n: number;
    }>`SELECT coalesce(sum(n), 0)::int AS n FROM finding_open_counts WHERE product_id = ${c.productId}`.execute(
      pg.handle.db,
    );
    assert.equal(open.rows[0].n, 0);
    // The pool's connections still work after the failed COPY.
    await pg.uow.transaction(async (repos) =>
      repos.imports.insertFindings(tricky(await repos.imports.allocateFindingIds(2), c)),
    );
  });
});
