import { CompiledQuery, sql, type Kysely, type Selectable } from 'kysely';
import type { Database, FindingLocationsTable, FindingRow, Severity, TestImportRow } from './schema.ts';
import { readableProductIds } from './access.repository.ts';
import { pgArrayLiteral } from './pg-array.ts';
import { candidateProbes, IDENTITY_COLUMNS } from './import-candidates.ts';
import { COPY_FROM_STDIN_PROBE, CopyFromStdin, type CopyFromStdinProbeRow } from './connection/copy-from-stdin.ts';
import {
  COPY_COLUMN_LIST,
  decidedRow,
  FINDING_COLUMNS,
  PreparedFindings,
  preparedCopyText,
  rowsCopyText,
  type DraftOutcome,
  type FindingDraft,
  type ImportedFindingRow,
} from './import-finding-rows.ts';

/** The identity and status of a stored finding, all that deduplication and reimport read. */
export interface FindingIdentity {
  id: number;
  test_id: number;
  severity: Severity;
  hash_code: string | null;
  unique_id_from_tool: string | null;
  active: boolean;
  verified: boolean;
  duplicate: boolean;
  false_p: boolean;
  out_of_scope: boolean;
  risk_accepted: boolean;
  is_mitigated: boolean;
}

/** A location row as the import writes it (the schema's columns, without id and mitigated). */
export type ImportedLocation = Omit<Selectable<FindingLocationsTable>, 'id' | 'mitigated'>;

/** Counts of a test's findings per severity and status flag (DefectDojo's statistics blocks). */
export interface SeverityStatusCount {
  severity: Severity;
  total: number;
  active: number;
  verified: number;
  duplicate: number;
  false_p: number;
  out_of_scope: number;
  is_mitigated: number;
  risk_accepted: number;
}

export type StatusPatch = 'reactivate' | 'close';

const CHUNK = 10_000;
/** Set-based SQL for scan import: id allocation, bulk insert, candidate lookup, bulk status changes. */
export class ImportRepository {
  private copy: Promise<boolean> | undefined;
  /** copyAvailable's answer, once it has answered. */
  private copies: boolean | undefined;

  constructor(private readonly db: Kysely<Database>) {}

  /** Whether insertFindings uses COPY FROM STDIN here (asked once per repository, i.e. per transaction). */
  copyAvailable(): Promise<boolean> {
    this.copy ??= this.db
      .executeQuery<CopyFromStdinProbeRow>(CompiledQuery.raw(COPY_FROM_STDIN_PROBE))
      .then((r) => (this.copies = r.rows[0]?.copy_from_stdin === true))
      .catch((err: unknown) => {
        this.copy = undefined; // a failed probe (a lost connection) is asked again next time
        throw err;
      });
    return this.copy;
  }

  /**
   * Serializes imports into one product until the transaction ends. On PostgreSQL this is a
   * transaction-scoped advisory lock (class 7301, key = product id); PGlite already runs one
   * transaction at a time.
   */
  async lockProduct(productId: number): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(7301, ${productId}::int4)`.execute(this.db);
  }

  /** Serializes work on one name (auto-created product types and products) until the transaction ends. */
  async lockName(namespace: 'product_type' | 'product', name: string): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(${namespace === 'product_type' ? 7302 : 7303}::int4,
      hashtext(lower(${name})))`.execute(this.db);
  }

  /**
   * Readies the transaction for an import's batches (call once, before the first): the database
   * mechanics are decided here. It learns whether findings go in by COPY (prepareFindings builds
   * COPY text only then), and turns JIT compilation off until the transaction ends: an import's
   * statements are many short ones over batches, and the candidate probe's estimate crosses
   * jit_above_cost although compiling it costs more than running it (docs/benchmarks.md).
   */
  async beginImport(): Promise<void> {
    await this.copyAvailable();
    await sql`SET LOCAL jit = off`.execute(this.db);
  }

  /** Reserves `count` finding ids in one round trip, so rows can reference each other before insert. */
  async allocateFindingIds(count: number): Promise<number[]> {
    if (count === 0) return [];
    const r = await sql<{ id: number }>`
      SELECT nextval(pg_get_serial_sequence('findings', 'id'))::int4 AS id
        FROM generate_series(1, ${count}::int4)`.execute(this.db);
    return r.rows.map((x) => x.id);
  }

  /**
   * Inserts findings with their reserved ids. On PostgreSQL: one `COPY findings FROM STDIN` on
   * the transaction's connection (see connection/copy-from-stdin.ts), which fires the statement
   * triggers with their transition table like an INSERT does. Elsewhere (the embedded database)
   * a chunk at a time as one JSON document per chunk, expanded by json_populate_recordset.
   */
  async insertFindings(rows: ImportedFindingRow[]): Promise<void> {
    if (rows.length === 0) return;
    if (await this.copyAvailable()) {
      await this.db.executeQuery(
        CompiledQuery.raw(`COPY findings (${COPY_COLUMN_LIST}) FROM STDIN`, [
          new CopyFromStdin(rowsCopyText(rows, CHUNK)),
        ]),
      );
      return;
    }
    const names = sql.join(FINDING_COLUMNS.map((c) => sql.ref(c)));
    const fields = sql.join(FINDING_COLUMNS.map((c) => sql.ref(`r.${c}`)));
    for (let at = 0; at < rows.length; at += CHUNK) {
      const json = JSON.stringify(rows.slice(at, at + CHUNK));
      await sql`
        INSERT INTO findings (${names}) OVERRIDING SYSTEM VALUE
        SELECT ${fields} FROM json_populate_recordset(NULL::findings, ${json}::json) AS r`.execute(this.db);
    }
  }

  /**
   * Readies a batch of drafts (more may be added) for insertPreparedFindings before deduplication: where findings are
   * inserted by COPY (known once copyAvailable has answered), each draft's COPY text, so the
   * insert after deduplication only adds the columns deduplication decides. Called while the
   * previous batch is being written, this moves the text out of the time the database waits.
   */
  prepareFindings(drafts: FindingDraft[] = []): PreparedFindings {
    const prepared = new PreparedFindings(this.copies === true);
    prepared.add(drafts);
    return prepared;
  }

  /** Inserts the chosen drafts of a prepared batch with their ids and duplicate status (as insertFindings does). */
  async insertPreparedFindings(prepared: PreparedFindings, outcomes: DraftOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    if (prepared.draftedText && (await this.copyAvailable())) {
      await this.db.executeQuery(
        CompiledQuery.raw(`COPY findings (${COPY_COLUMN_LIST}) FROM STDIN`, [
          new CopyFromStdin(preparedCopyText(prepared, outcomes, CHUNK)),
        ]),
      );
      return;
    }
    await this.insertFindings(outcomes.map((o) => decidedRow(prepared.drafts[o.index], o)));
  }

  async insertLocations(rows: ImportedLocation[]): Promise<void> {
    for (let at = 0; at < rows.length; at += CHUNK) {
      const json = JSON.stringify(rows.slice(at, at + CHUNK));
      await sql`
        INSERT INTO finding_locations (finding_id, kind, protocol, host, port, path, query, purl)
        SELECT r.finding_id, r.kind, r.protocol, r.host, r.port, r.path, r.query, r.purl
        FROM json_populate_recordset(NULL::finding_locations, ${json}::json) AS r`.execute(this.db);
    }
  }

  /**
   * allocateFindingIds and candidates (without its options) in one round trip: the ids as an
   * int4[] in reservation order, the candidates as one JSON array, oldest first.
   */
  async reserveIdsWithCandidates(
    count: number,
    scope: { productId: number } | { engagementId: number },
    hashes: string[],
    uniqueIds: string[],
  ): Promise<{ ids: number[]; candidates: FindingIdentity[] }> {
    if (hashes.length === 0 && uniqueIds.length === 0)
      return { ids: await this.allocateFindingIds(count), candidates: [] };
    if (count === 0) return { ids: [], candidates: await this.candidates(scope, hashes, uniqueIds) };
    const r = await sql<{ ids: number[]; candidates: FindingIdentity[] }>`
      SELECT
        (SELECT array_agg(nextval(s.seq)::int4 ORDER BY g)
         FROM (SELECT pg_get_serial_sequence('findings', 'id')::regclass AS seq) s, generate_series(1,
           ${count}::int4) g) AS ids,
        (SELECT coalesce(json_agg(c ORDER BY c.id), '[]'::json)
          FROM (${candidateProbes(scope, hashes, uniqueIds, sql``)}) c) AS candidates`.execute(this.db);
    const row = r.rows[0];
    return { ids: row.ids, candidates: row.candidates };
  }

  /**
   * Stored findings in scope (a product, or an engagement) whose hash_code or unique id is one of
   * those given, oldest first; the current test's own findings are left out when `excludeTestId`
   * is set, and an import's own earlier batches when `belowId` (its first finding id) is set.
   */
  async candidates(
    scope: { productId: number } | { engagementId: number },
    hashes: string[],
    uniqueIds: string[],
    opts: { excludeTestId?: number; belowId?: number } = {},
  ): Promise<FindingIdentity[]> {
    if (hashes.length === 0 && uniqueIds.length === 0) return [];
    const notTest = opts.excludeTestId === undefined ? sql`` : sql`AND f.test_id <> ${opts.excludeTestId}`;
    const exclude = opts.belowId === undefined ? notTest : sql`${notTest} AND f.id < ${opts.belowId}`;
    const r = await sql<FindingIdentity>`SELECT * FROM (${candidateProbes(scope, hashes, uniqueIds, exclude)}) c
        ORDER BY id`.execute(this.db);
    return r.rows;
  }

  /** Every finding of a test (reimport matches against these). */
  async findingsOfTest(testId: number): Promise<FindingIdentity[]> {
    const cols = IDENTITY_COLUMNS.map((c) => sql.ref(c));
    const r =
      await sql<FindingIdentity>`SELECT ${sql.join(cols)} FROM findings WHERE test_id = ${testId} ORDER BY id`.execute(
        this.db,
      );
    return r.rows;
  }

  /** Active findings of other tests of this scan type in scope (close_old_findings on import). */
  async openFindingsOfScanType(
    scope: { productId: number } | { engagementId: number },
    scanType: string,
    excludeTestId: number,
    opts: { absentFromTest?: number } = {},
  ): Promise<FindingIdentity[]> {
    const cols = IDENTITY_COLUMNS.map((c) => sql.ref(`f.${c}`));
    const inScope =
      'productId' in scope ? sql`f.product_id = ${scope.productId}` : sql`f.engagement_id = ${scope.engagementId}`;
    // absentFromTest: only those whose hash_code no finding of that test has.
    const where =
      opts.absentFromTest === undefined
        ? inScope
        : sql`${inScope}
        AND (f.hash_code IS NULL OR NOT EXISTS (SELECT 1 FROM findings n WHERE n.test_id = ${opts.absentFromTest}
          AND n.hash_code = f.hash_code))`;
    const r = await sql<FindingIdentity>`
      SELECT ${sql.join(cols)} FROM findings f JOIN tests t ON t.id = f.test_id
      WHERE ${where} AND t.scan_type = ${scanType} AND f.test_id <> ${excludeTestId}
        AND f.active AND NOT f.is_mitigated AND NOT f.false_p AND NOT f.risk_accepted AND NOT f.out_of_scope
      ORDER BY f.id`.execute(this.db);
    return r.rows;
  }

  /** Reactivates or closes many findings in one statement each. */
  async setStatus(ids: number[], patch: StatusPatch, at: Date, byUserId: number | null): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = pgArrayLiteral(ids.slice(i, i + CHUNK).map(String));
      if (patch === 'reactivate') {
        await sql`
          UPDATE findings SET active = true, is_mitigated = false, mitigated_at = NULL, mitigated_by_id = NULL,
            updated_at = ${at}, last_status_update = ${at}
          WHERE id = ANY(${chunk}::int4[])`.execute(this.db);
      } else {
        await sql`
          UPDATE findings SET active = false, is_mitigated = true, mitigated_at = ${at}, mitigated_by_id = ${byUserId},
            updated_at = ${at}, last_status_update = ${at}
          WHERE id = ANY(${chunk}::int4[])`.execute(this.db);
        await sql`UPDATE finding_locations SET mitigated = true WHERE finding_id = ANY(${chunk}::int4[])`.execute(
          this.db,
        );
      }
    }
  }

  /** The same note on many findings, in one statement. */
  async addNotes(findingIds: number[], entry: string, authorId: number | null, at: Date): Promise<void> {
    for (let i = 0; i < findingIds.length; i += CHUNK) {
      const chunk = pgArrayLiteral(findingIds.slice(i, i + CHUNK).map(String));
      await sql`
        INSERT INTO finding_notes (finding_id, author_id, entry, created_at, updated_at)
        SELECT f, ${authorId}::int4, ${entry}, ${at}, ${at} FROM unnest(${chunk}::int4[]) AS f`.execute(this.db);
    }
  }

  /**
   * The findings an import created (the cursor its `scan.imported` carries): the test's non-duplicate
   * findings with ids in the range its writer drew, in id order; page with `afterId` and `limit`.
   */
  async createdFindingIds(
    testId: number,
    range: { firstId: number | null; lastId: number | null },
    page: { afterId?: number; limit?: number } = {},
  ): Promise<number[]> {
    if (range.firstId === null || range.lastId === null) return [];
    const r = await sql<{ id: number }>`
      SELECT id FROM findings
      WHERE test_id = ${testId} AND id BETWEEN ${Math.max(range.firstId, (page.afterId ?? 0) + 1)} AND ${range.lastId}
        AND NOT duplicate
      ORDER BY id ${page.limit ? sql`LIMIT ${page.limit}` : sql``}`.execute(this.db);
    return r.rows.map((row) => Number(row.id));
  }

  /** Per-severity status counts of one test. */
  async testStatistics(testId: number): Promise<SeverityStatusCount[]> {
    const r = await sql<SeverityStatusCount>`
      SELECT severity, count(*)::int AS total,
        count(*) FILTER (WHERE active)::int AS active, count(*) FILTER (WHERE verified)::int AS verified,
        count(*) FILTER (WHERE duplicate)::int AS duplicate, count(*) FILTER (WHERE false_p)::int AS false_p,
        count(*) FILTER (WHERE out_of_scope)::int AS out_of_scope,
          count(*) FILTER (WHERE is_mitigated)::int AS is_mitigated,
        count(*) FILTER (WHERE risk_accepted)::int AS risk_accepted
      FROM findings WHERE test_id = ${testId} GROUP BY severity`.execute(this.db);
    return r.rows;
  }

  async recordImport(row: {
    test_id: number;
    kind: 'import' | 'reimport';
    scan_type: string;
    stats: unknown;
    artifact_key: string | null;
    actor_id: number | null;
  }): Promise<TestImportRow> {
    return this.db
      .insertInto('test_imports')
      .values({ ...row, stats: JSON.stringify(row.stats) })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** The most recent import of a test (reprocess reads its artifact key and scan type). */
  latestImport(testId: number): Promise<TestImportRow | undefined> {
    return this.db
      .selectFrom('test_imports')
      .selectAll()
      .where('test_id', '=', testId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** The latest test of a scan type (and title, when given) in an engagement: reimport's target by name. */
  async latestTestOf(engagementId: number, scanType: string, title?: string): Promise<number | undefined> {
    let q = this.db
      .selectFrom('tests')
      .select('id')
      .where('engagement_id', '=', engagementId)
      .where(sql`lower(scan_type)`, '=', scanType.toLowerCase());
    if (title) q = q.where('title', '=', title);
    const row = await q.orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row?.id;
  }

  /** Offset-paginated findings (DefectDojo's /api/v2/findings/): the page and the total count. */
  async findingsByOffset(f: {
    readableBy?: number;
    testId?: number;
    engagementId?: number;
    productId?: number;
    duplicate?: boolean;
    active?: boolean;
    limit: number;
    offset: number;
  }): Promise<{ count: number; rows: FindingRow[] }> {
    let q = this.db.selectFrom('findings');
    if (f.readableBy !== undefined) q = q.where('product_id', 'in', readableProductIds(this.db, f.readableBy));
    if (f.testId !== undefined) q = q.where('test_id', '=', f.testId);
    if (f.engagementId !== undefined) q = q.where('engagement_id', '=', f.engagementId);
    if (f.productId !== undefined) q = q.where('product_id', '=', f.productId);
    if (f.duplicate !== undefined) q = q.where('duplicate', '=', f.duplicate);
    if (f.active !== undefined) q = q.where('active', '=', f.active);
    const [total, rows] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      q.selectAll().orderBy('id').limit(f.limit).offset(f.offset).execute(),
    ]);
    return { count: Number(total.n), rows };
  }

  async countFindingsOfTest(testId: number): Promise<number> {
    const r = await this.db
      .selectFrom('findings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('test_id', '=', testId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
