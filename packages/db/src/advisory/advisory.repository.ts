import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { pgArrayLiteral } from '../pg-array.ts';
import type { AdvisoryRating } from './advisory.schema.ts';

/** An affected package as stored: lookup columns beside the ranges as published. */
export interface AffectedWrite {
  ordinal: number;
  ecosystem: string | null;
  ecosystem_base: string | null;
  name: string | null;
  normalized_name: string | null;
  purl: string | null;
  /** The `ranges` array exactly as the record has it. */
  ranges: unknown[];
  versions: string[];
}

export interface SeverityWrite {
  ordinal: number;
  affected_ordinal: number | null;
  type: string;
  vector: string;
  score: number | null;
  rating: AdvisoryRating | null;
}

/** One advisory with everything stored beside it, as the loaders hand it over. */
export interface AdvisoryWrite {
  osv_id: string;
  modified: string;
  published: string | null;
  withdrawn: string | null;
  summary: string | null;
  details: string | null;
  /** The OSV record as published. */
  record: unknown;
  source: string;
  content_hash: string;
  severity_score: number | null;
  severity_rating: AdvisoryRating | null;
  aliases: string[];
  affected: AffectedWrite[];
  severities: SeverityWrite[];
  cwes: number[];
}

/** What the store holds of an advisory, enough to decide whether an incoming copy changes it. */
export interface StoredAdvisoryVersion {
  osv_id: string;
  modified: Date;
  withdrawn: Date | null;
  content_hash: string;
}

export interface UpsertedAdvisory {
  osv_id: string;
  inserted: boolean;
}

/** Batches are serialized store-wide (class 7310): alias groups span ecosystems and sources. */
const WRITE_LOCK = 7310;

/**
 * Set-based writes of the advisory store. Each batch goes in as one JSON document per table,
 * expanded by jsonb_to_recordset (one statement per table, the same SQL on PostgreSQL and
 * PGlite); child rows name their advisory by its OSV id and are joined to it in SQL.
 */
export class AdvisoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Serializes advisory writes until the transaction ends (PGlite runs one transaction at a time anyway). */
  async lockWrites(): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK}::int4)`.execute(this.db);
  }

  /**
   * Refreshes the planner's statistics of the advisory tables. A first sync grows them from nothing
   * faster than autovacuum analyzes them (where it runs at all), and without statistics the alias
   * and hash probes turn into sequential scans that slow every later batch.
   */
  async analyze(): Promise<void> {
    await sql`ANALYZE advisories, advisory_aliases, advisory_alias_groups, advisory_alias_group_members,
      advisory_affected, advisory_severities, advisory_cwes`.execute(this.db);
  }

  /** Which of these content hashes the store holds (a record with the same text is stored already). */
  async knownHashes(hashes: string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const r = await sql<{ content_hash: string }>`
      SELECT content_hash FROM advisories WHERE content_hash = ANY(${pgArrayLiteral(hashes)}::text[])`.execute(this.db);
    return new Set(r.rows.map((x) => x.content_hash));
  }

  /** The stored version of each of these ids that exists. */
  async storedVersions(osvIds: string[]): Promise<StoredAdvisoryVersion[]> {
    if (osvIds.length === 0) return [];
    const r = await sql<StoredAdvisoryVersion>`
      SELECT osv_id, modified, withdrawn, content_hash FROM advisories
      WHERE osv_id = ANY(${pgArrayLiteral(osvIds)}::text[])`.execute(this.db);
    return r.rows;
  }

  /**
   * Inserts new advisories and replaces changed ones with everything stored beside them. A row
   * already holding a later `modified` is left alone (a stale copy never overwrites a newer one).
   */
  async upsert(rows: AdvisoryWrite[]): Promise<UpsertedAdvisory[]> {
    if (rows.length === 0) return [];
    const advisories = JSON.stringify(
      rows.map((r) => ({
        osv_id: r.osv_id,
        modified: r.modified,
        published: r.published,
        withdrawn: r.withdrawn,
        summary: r.summary,
        details: r.details,
        record: r.record,
        source: r.source,
        content_hash: r.content_hash,
        severity_score: r.severity_score,
        severity_rating: r.severity_rating,
      })),
    );
    const written = await sql<UpsertedAdvisory>`
      INSERT INTO advisories AS a (osv_id, modified, published, withdrawn, summary, details, record, source,
        content_hash, severity_score, severity_rating)
      SELECT x.osv_id, x.modified, x.published, x.withdrawn, x.summary, x.details, x.record, x.source,
        x.content_hash, x.severity_score, x.severity_rating
      FROM jsonb_to_recordset(${advisories}::jsonb) AS x(osv_id text, modified timestamptz, published timestamptz,
        withdrawn timestamptz, summary text, details text, record jsonb, source text, content_hash text,
        severity_score numeric, severity_rating text)
      ON CONFLICT (osv_id) DO UPDATE SET
        modified = excluded.modified, published = excluded.published, withdrawn = excluded.withdrawn,
        summary = excluded.summary, details = excluded.details, record = excluded.record, source = excluded.source,
        content_hash = excluded.content_hash, severity_score = excluded.severity_score,
        severity_rating = excluded.severity_rating, updated_at = now()
      WHERE a.modified <= excluded.modified
      RETURNING a.osv_id, (a.xmax = 0) AS inserted`.execute(this.db);
    const ids = pgArrayLiteral(written.rows.map((w) => w.osv_id));
    const replaced = written.rows.filter((w) => !w.inserted).map((w) => w.osv_id);
    if (replaced.length > 0) await this.deleteChildren(replaced);
    const kept = new Set(written.rows.map((w) => w.osv_id));
    await this.insertChildren(
      rows.filter((r) => kept.has(r.osv_id)),
      ids,
    );
    return written.rows;
  }

  private async deleteChildren(osvIds: string[]): Promise<void> {
    const ids = sql`(SELECT id FROM advisories WHERE osv_id = ANY(${pgArrayLiteral(osvIds)}::text[]))`;
    await sql`DELETE FROM advisory_aliases WHERE advisory_id IN ${ids}`.execute(this.db);
    await sql`DELETE FROM advisory_affected WHERE advisory_id IN ${ids}`.execute(this.db);
    await sql`DELETE FROM advisory_severities WHERE advisory_id IN ${ids}`.execute(this.db);
    await sql`DELETE FROM advisory_cwes WHERE advisory_id IN ${ids}`.execute(this.db);
  }

  private async insertChildren(rows: AdvisoryWrite[], ids: string): Promise<void> {
    const advisoryIds = sql`(SELECT id, osv_id FROM advisories WHERE osv_id = ANY(${ids}::text[])) a`;
    const aliases = rows.flatMap((r) => [...new Set(r.aliases)].map((alias) => ({ o: r.osv_id, alias })));
    if (aliases.length > 0)
      await sql`
        INSERT INTO advisory_aliases (advisory_id, alias)
        SELECT a.id, x.alias FROM jsonb_to_recordset(${JSON.stringify(aliases)}::jsonb) AS x(o text, alias text)
        JOIN ${advisoryIds} ON a.osv_id = x.o`.execute(this.db);
    // versions go as an array literal: PostgreSQL reads it straight into text[], no per-row subquery.
    const affected = rows.flatMap((r) =>
      r.affected.map((p) => ({ o: r.osv_id, ...p, versions: pgArrayLiteral(p.versions) })),
    );
    if (affected.length > 0)
      await sql`
        INSERT INTO advisory_affected (advisory_id, ordinal, ecosystem, ecosystem_base, name, normalized_name, purl,
          ranges, versions)
        SELECT a.id, x.ordinal, x.ecosystem, x.ecosystem_base, x.name, x.normalized_name, x.purl, x.ranges,
          x.versions
        FROM jsonb_to_recordset(${JSON.stringify(affected)}::jsonb) AS x(o text, ordinal int, ecosystem text,
          ecosystem_base text, name text, normalized_name text, purl text, ranges jsonb, versions text[])
        JOIN ${advisoryIds} ON a.osv_id = x.o`.execute(this.db);
    const severities = rows.flatMap((r) => r.severities.map((s) => ({ o: r.osv_id, ...s })));
    if (severities.length > 0)
      await sql`
        INSERT INTO advisory_severities (advisory_id, ordinal, affected_ordinal, type, vector, score, rating)
        SELECT a.id, x.ordinal, x.affected_ordinal, x.type, x.vector, x.score, x.rating
        FROM jsonb_to_recordset(${JSON.stringify(severities)}::jsonb) AS x(o text, ordinal int, affected_ordinal int,
          type text, vector text, score numeric, rating text)
        JOIN ${advisoryIds} ON a.osv_id = x.o`.execute(this.db);
    const cwes = rows.flatMap((r) => [...new Set(r.cwes)].map((cwe) => ({ o: r.osv_id, cwe })));
    if (cwes.length > 0)
      await sql`
        INSERT INTO advisory_cwes (advisory_id, cwe_id)
        SELECT a.id, x.cwe FROM jsonb_to_recordset(${JSON.stringify(cwes)}::jsonb) AS x(o text, cwe int)
        JOIN ${advisoryIds} ON a.osv_id = x.o`.execute(this.db);
  }
}
