import { sql, type Kysely } from 'kysely';

/**
 * The advisory search's published order (docs/vulndb.md "API"): newest first with advisories that
 * have no publication date last, `published DESC NULLS LAST, id DESC`. 0019's index is in
 * PostgreSQL's default descending order (NULLS FIRST), which that order cannot walk: every search
 * sorted by publication read and sorted the whole table. Replaced by one in the search's order.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX advisories_published`.execute(db);
  await sql`CREATE INDEX advisories_published ON advisories (published DESC NULLS LAST, id DESC)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX advisories_published`.execute(db);
  await sql`CREATE INDEX advisories_published ON advisories (published DESC, id DESC)`.execute(db);
}
