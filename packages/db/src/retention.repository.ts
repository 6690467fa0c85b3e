import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Rows deleted per statement, so a large clean-up never holds long locks. */
const CHUNK = 5000;

/** Set-based deletes for the retention jobs; each is idempotent (deleting what is already gone is a no-op). */
export class RetentionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** One chunk of audit entries older than the cutoff; returns how many were deleted. */
  async deleteAuditChunk(cutoff: Date): Promise<number> {
    const r = await sql`DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < ${cutoff} ORDER BY id
        LIMIT ${CHUNK})`.execute(this.db);
    return Number(r.numAffectedRows ?? 0);
  }

  /** One chunk of domain events older than the cutoff that every durable consumer has read. */
  async deleteEventChunk(cutoff: Date): Promise<number> {
    const r = await sql`
      DELETE FROM domain_events WHERE id IN (
        SELECT d.id FROM domain_events d
        WHERE d.created_at < ${cutoff}
          AND NOT EXISTS (SELECT 1 FROM event_consumers c WHERE (d.tx_id, d.id) > (c.tx_id, c.event_id))
        ORDER BY d.id LIMIT ${CHUNK})`.execute(this.db);
    return Number(r.numAffectedRows ?? 0);
  }

  /** Deletes the oldest duplicates of each original beyond `keep`; returns the deleted ids. */
  async deleteExcessDuplicates(
    keep: number,
  ): Promise<Array<{ id: number; product_id: number; duplicate_finding_id: number }>> {
    const r = await sql<{ id: number; product_id: number; duplicate_finding_id: number }>`
      DELETE FROM findings WHERE id IN (
        SELECT id FROM (
          SELECT id, row_number() OVER (PARTITION BY duplicate_finding_id ORDER BY id DESC) AS rn
          FROM findings WHERE duplicate AND duplicate_finding_id IS NOT NULL
        ) ranked WHERE rn > ${keep} LIMIT ${CHUNK})
      RETURNING id, product_id, duplicate_finding_id`.execute(this.db);
    return r.rows;
  }

  /** Every artifact key still referenced: stored reports, finding files, unfinished async imports. */
  async referencedArtifactKeys(): Promise<Set<string>> {
    const r = await sql<{ key: string }>`
      SELECT artifact_key AS key FROM test_imports WHERE artifact_key IS NOT NULL
      UNION SELECT storage_key FROM finding_files
      UNION SELECT artifact_key FROM import_requests WHERE state IN ('queued', 'running')`.execute(this.db);
    return new Set(r.rows.map((row) => row.key));
  }
}
