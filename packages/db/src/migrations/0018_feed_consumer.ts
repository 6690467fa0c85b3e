import { sql, type Kysely } from 'kysely';

/**
 * The durable consumer `feed` (the import's automatic feed post, written from its `scan.imported`
 * event since issue 14) starts at the head of the log: imports before this migration already have
 * their post, written inside the import's own transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    INSERT INTO event_consumers (name, tx_id, event_id)
    SELECT 'feed', tx_id, id FROM domain_events ORDER BY id DESC LIMIT 1
    ON CONFLICT (name) DO NOTHING;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM event_consumers WHERE name = 'feed'`.execute(db);
}
