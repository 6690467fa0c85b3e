import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../schema.ts';
import { decodeCursor, toPage, type Page } from '../keyset.ts';
import type { AdvisoryRating } from './advisory.schema.ts';

/** An advisory as lists show it: no long texts, no record. */
export interface AdvisorySummaryRow {
  id: number;
  osv_id: string;
  modified: Date;
  published: Date | null;
  withdrawn: Date | null;
  summary: string | null;
  severity_score: number | null;
  severity_rating: AdvisoryRating | null;
  aliases: string[];
  /** The alias group's canonical id (the advisory's own id while it has no group). */
  canonical_id: string;
}

export interface AdvisoryAffectedRow {
  ordinal: number;
  ecosystem: string | null;
  name: string | null;
  purl: string | null;
  ranges: unknown;
  versions: string[];
}

export interface AdvisorySeverityRow {
  affected_ordinal: number | null;
  type: string;
  vector: string;
  score: number | null;
  rating: AdvisoryRating | null;
}

/** One advisory with everything stored beside it. */
export interface AdvisoryDetailRow extends AdvisorySummaryRow {
  details: string | null;
  source: string;
  record: unknown;
  cwes: number[];
  affected: AdvisoryAffectedRow[];
  severities: AdvisorySeverityRow[];
}

export const ADVISORY_SORTS = ['modified', 'published'] as const;
export type AdvisorySort = (typeof ADVISORY_SORTS)[number];

/** Search filters; every given one must hold. Names and purls come normalized by the caller. */
export interface AdvisoryFilter {
  /** An advisory id or one of its aliases. */
  vulnId?: string;
  /** The ecosystem without its release suffix (`Debian`, `npm`). */
  ecosystem?: string;
  normalizedName?: string;
  /** A versionless purl, compared with the affected packages' purls. */
  purl?: string;
  cwe?: number;
  ratings?: AdvisoryRating[];
  minScore?: number;
  modifiedFrom?: Date;
  modifiedTo?: Date;
  publishedFrom?: Date;
  publishedTo?: Date;
  includeWithdrawn?: boolean;
}

const SUMMARY = sql`a.id, a.osv_id, a.modified, a.published, a.withdrawn, a.summary, a.severity_score,
  a.severity_rating, ARRAY(SELECT alias FROM advisory_aliases WHERE advisory_id = a.id ORDER BY alias) AS aliases,
  coalesce((SELECT g.canonical_id FROM advisory_alias_group_members m
    JOIN advisory_alias_groups g ON g.id = m.group_id WHERE m.vuln_id = a.osv_id), a.osv_id) AS canonical_id`;

/** Reads of the advisory store: lookups by id or alias, the record as published, keyset search. */
export class AdvisorySearchRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The advisories an id names: the one with that id, else those listing it as an alias. */
  async findByIdOrAlias(vulnId: string): Promise<AdvisorySummaryRow[]> {
    const r = await sql<AdvisorySummaryRow>`
      SELECT ${SUMMARY} FROM advisories a WHERE a.osv_id = ${vulnId}
      UNION ALL
      SELECT ${SUMMARY} FROM advisories a
      WHERE a.id IN (SELECT advisory_id FROM advisory_aliases WHERE alias = ${vulnId})
        AND NOT EXISTS (SELECT 1 FROM advisories WHERE osv_id = ${vulnId})
      ORDER BY osv_id`.execute(this.db);
    return r.rows;
  }

  /** The OSV record as it was published, or undefined. */
  async record(osvId: string): Promise<unknown> {
    const r = await sql<{ record: unknown }>`SELECT record FROM advisories WHERE osv_id = ${osvId}`.execute(this.db);
    return r.rows[0]?.record;
  }

  async detail(osvId: string): Promise<AdvisoryDetailRow | undefined> {
    const r = await sql<AdvisoryDetailRow>`
      SELECT ${SUMMARY}, a.details, a.source, a.record,
        ARRAY(SELECT cwe_id FROM advisory_cwes WHERE advisory_id = a.id ORDER BY cwe_id) AS cwes,
        coalesce((SELECT json_agg(json_build_object('ordinal', f.ordinal, 'ecosystem', f.ecosystem, 'name', f.name,
          'purl', f.purl, 'ranges', f.ranges, 'versions', f.versions) ORDER BY f.ordinal)
          FROM advisory_affected f WHERE f.advisory_id = a.id), '[]'::json) AS affected,
        coalesce((SELECT json_agg(json_build_object('affected_ordinal', s.affected_ordinal, 'type', s.type,
          'vector', s.vector, 'score', s.score, 'rating', s.rating) ORDER BY s.ordinal)
          FROM advisory_severities s WHERE s.advisory_id = a.id), '[]'::json) AS severities
      FROM advisories a WHERE a.osv_id = ${osvId}`.execute(this.db);
    return r.rows[0];
  }

  /** A page of advisories, newest first by `sort`, continuing after `cursor`. */
  async search(
    filter: AdvisoryFilter,
    opts: { sort?: AdvisorySort; limit: number; cursor?: string },
  ): Promise<Page<AdvisorySummaryRow>> {
    const sort = opts.sort ?? 'modified';
    const where = conditions(filter);
    if (opts.cursor) {
      const { value, id } = decodeCursor(`advisories:${sort}`, opts.cursor);
      // Advisories without a publication date sort last (NULLS LAST in a descending order).
      where.push(
        value === null
          ? sql<SqlBool>`a.published IS NULL AND a.id < ${id}`
          : sort === 'modified'
            ? sql<SqlBool>`(a.modified, a.id) < (${String(value)}::timestamptz, ${id})`
            : sql<SqlBool>`((a.published, a.id) < (${String(value)}::timestamptz, ${id}) OR a.published IS NULL)`,
      );
    }
    const order = sort === 'modified' ? sql`a.modified DESC, a.id DESC` : sql`a.published DESC NULLS LAST, a.id DESC`;
    // The cursor carries the sort value as the database's text, exact to the microsecond (a Date is not).
    const r = await sql<AdvisorySummaryRow & { sort_value: string | null }>`
      SELECT ${SUMMARY}, a.${sql.ref(sort)}::text AS sort_value FROM advisories a
      WHERE ${where.length > 0 ? sql.join(where, sql` AND `) : sql`true`}
      ORDER BY ${order} LIMIT ${opts.limit + 1}`.execute(this.db);
    const page = toPage(r.rows, opts.limit, `advisories:${sort}`, (row) => row.sort_value);
    return { items: page.items.map(({ sort_value: _, ...row }) => row), nextCursor: page.nextCursor };
  }
}

function conditions(f: AdvisoryFilter): RawBuilder<SqlBool>[] {
  const where: RawBuilder<SqlBool>[] = [];
  if (!f.includeWithdrawn) where.push(sql<SqlBool>`a.withdrawn IS NULL`);
  if (f.vulnId !== undefined)
    where.push(sql<SqlBool>`(a.osv_id = ${f.vulnId}
      OR a.id IN (SELECT advisory_id FROM advisory_aliases WHERE alias = ${f.vulnId}))`);
  if (f.ecosystem !== undefined || f.normalizedName !== undefined) {
    const eco = f.ecosystem === undefined ? sql`true` : sql`ecosystem_base = ${f.ecosystem}`;
    const name = f.normalizedName === undefined ? sql`true` : sql`normalized_name = ${f.normalizedName}`;
    where.push(sql<SqlBool>`a.id IN (SELECT advisory_id FROM advisory_affected WHERE ${eco} AND ${name})`);
  }
  if (f.purl !== undefined)
    where.push(sql<SqlBool>`a.id IN (SELECT advisory_id FROM advisory_affected WHERE purl = ${f.purl})`);
  if (f.cwe !== undefined)
    where.push(sql<SqlBool>`a.id IN (SELECT advisory_id FROM advisory_cwes WHERE cwe_id = ${f.cwe})`);
  if (f.ratings !== undefined && f.ratings.length > 0)
    where.push(sql<SqlBool>`a.severity_rating IN (${sql.join(f.ratings)})`);
  if (f.minScore !== undefined) where.push(sql<SqlBool>`a.severity_score >= ${f.minScore}`);
  if (f.modifiedFrom) where.push(sql<SqlBool>`a.modified >= ${f.modifiedFrom.toISOString()}::timestamptz`);
  if (f.modifiedTo) where.push(sql<SqlBool>`a.modified < ${f.modifiedTo.toISOString()}::timestamptz`);
  if (f.publishedFrom) where.push(sql<SqlBool>`a.published >= ${f.publishedFrom.toISOString()}::timestamptz`);
  if (f.publishedTo) where.push(sql<SqlBool>`a.published < ${f.publishedTo.toISOString()}::timestamptz`);
  return where;
}
