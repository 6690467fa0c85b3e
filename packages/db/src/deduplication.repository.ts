import { sql, type Kysely } from 'kysely';
import type { Database, RehashRunRow } from './schema.ts';
import { pgArrayLiteral } from './pg-array.ts';

/** An original another tool reported, compared by vulnerability id and component or file. */
export interface CrossToolCandidate {
  id: number;
  vulnerability_ids: string[];
  component_name: string | null;
  component_version: string | null;
  file_path: string | null;
  is_mitigated: boolean;
}

/** The stored fields a hash may cover, with the finding's URL and dependency locations. */
export interface HashableFinding {
  id: number;
  title: string;
  severity: string;
  cwe: number | null;
  vulnerability_ids: string[];
  file_path: string | null;
  line: number | null;
  component_name: string | null;
  component_version: string | null;
  description: string;
  mitigation: string;
  unique_id_from_tool: string | null;
  vuln_id_from_tool: string | null;
  hash_code: string | null;
  endpoints: {
    protocol: string | null;
    host: string | null;
    port: number | null;
    path: string | null;
    query: string | null;
  }[];
  purl: string | null;
}

/**
 * Deduplication beyond one import: cross-tool candidates and the re-hash/re-deduplication run
 * after an identity configuration changes. Re-deduplication is one set-based UPDATE per scope.
 */
export class DeduplicationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Non-duplicate findings in scope sharing any of the vulnerability ids (upper-cased), oldest first. */
  async crossToolCandidates(
    scope: { productId: number } | { engagementId: number },
    vulnerabilityIds: string[],
    belowId?: number,
  ): Promise<CrossToolCandidate[]> {
    if (!vulnerabilityIds.length) return [];
    const inScope =
      'productId' in scope ? sql`product_id = ${scope.productId}` : sql`engagement_id = ${scope.engagementId}`;
    // belowId: an import in batches leaves out its own earlier batches (ids are drawn in order).
    const where = belowId === undefined ? inScope : sql`${inScope} AND id < ${belowId}`;
    const r = await sql<CrossToolCandidate>`
      SELECT id, vulnerability_ids, component_name, component_version, file_path, is_mitigated
      FROM findings
      WHERE ${where} AND NOT duplicate
        AND upper(vulnerability_ids::text)::text[] && ${pgArrayLiteral(vulnerabilityIds)}::text[]
      ORDER BY id`.execute(this.db);
    return r.rows;
  }

  /** One batch of a product's findings of a scan type after `afterId`, with what their hash may cover. */
  async hashableBatch(scanType: string, productId: number, afterId: number, limit: number): Promise<HashableFinding[]> {
    const r = await sql<HashableFinding>`
      SELECT f.id, f.title, f.severity, f.cwe, f.vulnerability_ids, f.file_path, f.line, f.component_name,
        f.component_version,
             f.description, f.mitigation, f.unique_id_from_tool, f.vuln_id_from_tool, f.hash_code,
             coalesce((SELECT json_agg(json_build_object('protocol', l.protocol, 'host', l.host, 'port', l.port, 'path',
               l.path, 'query', l.query) ORDER BY l.id)
                       FROM finding_locations l WHERE l.finding_id = f.id AND l.kind = 'url'), '[]'::json) AS endpoints,
             (SELECT l.purl FROM finding_locations l WHERE l.finding_id = f.id AND l.kind = 'dependency' ORDER BY l.id
               LIMIT 1) AS purl
      FROM findings f JOIN tests t ON t.id = f.test_id
      WHERE lower(t.scan_type) = lower(${scanType}) AND f.product_id = ${productId} AND f.id > ${afterId}
      ORDER BY f.id
      LIMIT ${limit}`.execute(this.db);
    return r.rows;
  }

  async countOfScanType(scanType: string): Promise<number> {
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM findings f JOIN tests t ON t.id = f.test_id
        WHERE lower(t.scan_type) = lower(${scanType})`.execute(this.db);
    return r.rows[0].n;
  }

  /** Products holding findings of a scan type. */
  async productsWithScanType(scanType: string): Promise<number[]> {
    const r = await sql<{ product_id: number }>`
      SELECT DISTINCT e.product_id FROM tests t JOIN engagements e ON e.id = t.engagement_id
        WHERE lower(t.scan_type) = lower(${scanType})`.execute(this.db);
    return r.rows.map((x) => x.product_id);
  }

  /** Sets new hash codes; returns how many changed. */
  async setHashCodes(updates: { id: number; hash: string }[]): Promise<number> {
    if (!updates.length) return 0;
    const r = await sql<{ id: number }>`
      UPDATE findings f SET hash_code = u.hash
      FROM unnest(${pgArrayLiteral(updates.map((u) => String(u.id)))}::int[],
        ${pgArrayLiteral(updates.map((u) => u.hash))}::text[]) AS u(id, hash)
      WHERE f.id = u.id AND f.hash_code IS DISTINCT FROM u.hash
      RETURNING f.id`.execute(this.db);
    return r.rows.length;
  }

  /**
   * Recomputes duplicate flags of one scan type's findings in a product from their stored identities
   * (the import's rules; links to other tools' findings are recomputed only by their own re-run): among
   * findings sharing an identity in a scope (the product, or the engagement when it deduplicates on
   * engagement), an open finding duplicates the oldest earlier open one, a mitigated finding the
   * oldest earlier one; the rest are originals. A finding that stops being a duplicate becomes
   * active again unless it is mitigated, false positive, out of scope or risk accepted.
   * `key` chooses the identity: the hash, the tool's unique id, or the unique id falling back to the hash.
   * Returns how many findings changed.
   */
  async rededuplicate(productId: number, scanType: string, key: 'hash' | 'uid' | 'uid_or_hash'): Promise<number> {
    const identity =
      key === 'hash'
        ? sql`f.hash_code`
        : key === 'uid'
          ? sql`f.unique_id_from_tool`
          : sql`coalesce('uid:' || f.unique_id_from_tool, 'hash:' || f.hash_code)`;
    const r = await sql<{ id: number }>`
      WITH keyed AS (
        SELECT f.id, f.is_mitigated, ${identity} AS identity,
               CASE WHEN e.deduplication_on_engagement THEN -f.engagement_id ELSE f.product_id END AS scope
        FROM findings f JOIN engagements e ON e.id = f.engagement_id JOIN tests t ON t.id = f.test_id
        WHERE f.product_id = ${productId} AND lower(t.scan_type) = lower(${scanType})
      ),
      ranked AS (
        SELECT id,
               CASE WHEN is_mitigated THEN min(id) OVER earlier
                    ELSE min(id) FILTER (WHERE NOT is_mitigated) OVER earlier END AS original
        FROM keyed
        WHERE identity IS NOT NULL
        WINDOW earlier AS (PARTITION BY scope, identity ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
      ),
      target AS (
        SELECT k.id, r.original FROM keyed k LEFT JOIN ranked r ON r.id = k.id
      )
      UPDATE findings f
      SET duplicate = t.original IS NOT NULL,
          duplicate_finding_id = t.original,
          active = CASE WHEN t.original IS NOT NULL THEN false
                        WHEN f.duplicate THEN NOT (f.is_mitigated OR f.false_p OR f.out_of_scope OR f.risk_accepted)
                        ELSE f.active END,
          last_status_update = now()
      FROM target t
      WHERE f.id = t.id AND (f.duplicate IS DISTINCT FROM (t.original IS NOT NULL)
        OR f.duplicate_finding_id IS DISTINCT FROM t.original)
      RETURNING f.id`.execute(this.db);
    return r.rows.length;
  }

  /** The fingerprints stored hashes were computed with, by scan type (lower-cased). */
  async identityStates(): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom('dedup_identity_state').select(['scan_type', 'fingerprint']).execute();
    return new Map(rows.map((r) => [r.scan_type.toLowerCase(), r.fingerprint]));
  }

  /** Records a scan type's identity; `onlyIfAbsent` leaves an existing (possibly stale) record alone. */
  async recordIdentity(scanType: string, fingerprint: string, onlyIfAbsent: boolean): Promise<void> {
    await sql`
      INSERT INTO dedup_identity_state (scan_type, fingerprint) VALUES (${scanType.toLowerCase()}, ${fingerprint})
      ON CONFLICT (scan_type) DO ${
        onlyIfAbsent ? sql`NOTHING` : sql`UPDATE SET fingerprint = excluded.fingerprint, updated_at = now()`
      }`.execute(this.db);
  }

  /** Scan types that have tests (lower-cased and as first written). */
  async scanTypesInUse(): Promise<string[]> {
    const r = await sql<{
      scan_type: string;
    }>`SELECT DISTINCT ON (lower(scan_type)) scan_type FROM tests ORDER BY lower(scan_type), id`.execute(this.db);
    return r.rows.map((x) => x.scan_type);
  }

  createRun(scanType: string, fingerprint: string, requestedBy: number | null): Promise<RehashRunRow> {
    return this.db
      .insertInto('rehash_runs')
      .values({ scan_type: scanType, fingerprint, requested_by: requestedBy })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** The unfinished run for this scan type and fingerprint, if any (a second request joins it). */
  pendingRun(scanType: string, fingerprint: string): Promise<RehashRunRow | undefined> {
    return this.db
      .selectFrom('rehash_runs')
      .selectAll()
      .where(sql<boolean>`lower(scan_type) = lower(${scanType})`)
      .where('fingerprint', '=', fingerprint)
      .where('state', 'in', ['queued', 'running'])
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  findRun(id: number): Promise<RehashRunRow | undefined> {
    return this.db.selectFrom('rehash_runs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listRuns(limit: number): Promise<RehashRunRow[]> {
    return this.db.selectFrom('rehash_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
  }

  async updateRun(
    id: number,
    patch: {
      state?: RehashRunRow['state'];
      productsTotal?: number;
      productsDone?: number;
      result?: unknown;
      error?: string | null;
    },
  ): Promise<void> {
    await this.db
      .updateTable('rehash_runs')
      .set({
        ...(patch.state ? { state: patch.state } : {}),
        ...(patch.productsTotal !== undefined ? { products_total: patch.productsTotal } : {}),
        ...(patch.productsDone !== undefined ? { products_done: patch.productsDone } : {}),
        ...(patch.result !== undefined ? { result: JSON.stringify(patch.result) } : {}),
        ...(patch.error !== undefined ? { error: patch.error } : {}),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .execute();
  }
}
