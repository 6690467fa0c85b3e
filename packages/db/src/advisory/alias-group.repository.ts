import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { pgArrayLiteral } from '../pg-array.ts';

/**
 * What the store knows around some vulnerability ids: the groups they belong to with all their
 * members, and every alias edge (advisory id → alias) touching one of those names. The groups of
 * these names can only change within this region, so it is all a regrouping has to read.
 */
export interface AliasRegion {
  members: { vuln_id: string; group_id: number }[];
  /** The names of the region that are ids of stored advisories. */
  advisoryIds: string[];
  edges: { osv_id: string; alias: string }[];
}

/** One group as it should be after a regrouping. */
export interface AliasGroupAssignment {
  /** An existing group id to keep, or null for a new group. */
  groupId: number | null;
  canonicalId: string;
  members: string[];
}

export interface AliasGroupView {
  id: number;
  canonical_id: string;
  members: string[];
}

/** Alias groups: every known vulnerability id maps to one group; written set-based. */
export class AliasGroupRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async region(vulnIds: string[]): Promise<AliasRegion> {
    if (vulnIds.length === 0) return { members: [], advisoryIds: [], edges: [] };
    const seeds = pgArrayLiteral(vulnIds);
    const members = await sql<{ vuln_id: string; group_id: number }>`
      SELECT m.vuln_id, m.group_id FROM advisory_alias_group_members m
      WHERE m.group_id IN (
        SELECT group_id FROM advisory_alias_group_members WHERE vuln_id = ANY(${seeds}::text[]))`.execute(this.db);
    const names = pgArrayLiteral([...new Set([...vulnIds, ...members.rows.map((m) => m.vuln_id)])]);
    const advisories = await sql<{ osv_id: string }>`
      SELECT osv_id FROM advisories WHERE osv_id = ANY(${names}::text[])`.execute(this.db);
    // Only the region's own advisories' edges: every alias of a stored advisory is a member of that
    // advisory's group (each write regroups in its transaction), so an advisory listing one of these
    // names is itself among them, or it is being written and is among the ids given.
    const edges = await sql<{ osv_id: string; alias: string }>`
      SELECT a.osv_id, al.alias FROM advisories a JOIN advisory_aliases al ON al.advisory_id = a.id
      WHERE a.osv_id = ANY(${names}::text[])`.execute(this.db);
    return { members: members.rows, advisoryIds: advisories.rows.map((a) => a.osv_id), edges: edges.rows };
  }

  /**
   * Writes a regrouping of a region: `groups` cover every name that stays, `removed` are names no
   * advisory uses any more, `obsoleteGroupIds` are the region's old groups no assignment keeps.
   */
  async write(groups: AliasGroupAssignment[], removed: string[], obsoleteGroupIds: number[]): Promise<void> {
    const fresh = groups.filter((g) => g.groupId === null);
    const newIds = await this.allocateGroupIds(fresh.length);
    const ids = groups.map((g) => (g.groupId === null ? (newIds.shift() as number) : g.groupId));
    if (groups.length > 0) {
      const canonical = pgArrayLiteral(groups.map((g) => g.canonicalId));
      await sql`
        INSERT INTO advisory_alias_groups AS g (id, canonical_id)
        SELECT * FROM unnest(${pgArrayLiteral(ids.map(String))}::int4[], ${canonical}::text[])
        ON CONFLICT (id) DO UPDATE SET canonical_id = excluded.canonical_id, updated_at = now()
        WHERE g.canonical_id <> excluded.canonical_id`.execute(this.db);
      const names = groups.flatMap((g) => g.members);
      const owners = groups.flatMap((g, i) => g.members.map(() => String(ids[i])));
      await sql`
        INSERT INTO advisory_alias_group_members AS m (vuln_id, group_id)
        SELECT * FROM unnest(${pgArrayLiteral(names)}::text[], ${pgArrayLiteral(owners)}::int4[])
        ON CONFLICT (vuln_id) DO UPDATE SET group_id = excluded.group_id
        WHERE m.group_id <> excluded.group_id`.execute(this.db);
    }
    if (removed.length > 0)
      await sql`
        DELETE FROM advisory_alias_group_members WHERE vuln_id = ANY(${pgArrayLiteral(removed)}::text[])`.execute(
        this.db,
      );
    if (obsoleteGroupIds.length > 0)
      await sql`
        DELETE FROM advisory_alias_groups
        WHERE id = ANY(${pgArrayLiteral(obsoleteGroupIds.map(String))}::int4[])`.execute(this.db);
  }

  /** The group of a vulnerability id (an advisory id or an alias), with all its members. */
  async groupOf(vulnId: string): Promise<AliasGroupView | undefined> {
    const r = await sql<AliasGroupView>`
      SELECT g.id, g.canonical_id,
        ARRAY(SELECT vuln_id FROM advisory_alias_group_members WHERE group_id = g.id ORDER BY vuln_id) AS members
      FROM advisory_alias_group_members m JOIN advisory_alias_groups g ON g.id = m.group_id
      WHERE m.vuln_id = ${vulnId}`.execute(this.db);
    return r.rows[0];
  }

  private async allocateGroupIds(count: number): Promise<number[]> {
    if (count === 0) return [];
    const r = await sql<{ id: number }>`
      SELECT nextval(pg_get_serial_sequence('advisory_alias_groups', 'id'))::int4 AS id
      FROM generate_series(1, ${count}::int4)`.execute(this.db);
    return r.rows.map((x) => x.id);
  }
}
