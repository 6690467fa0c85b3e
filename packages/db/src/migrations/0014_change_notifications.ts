import { sql, type Kysely } from 'kysely';

/**
 * Change notifications for the read cache (apps/server/src/cache): a statement-level trigger on
 * every table a cached read depends on sends `NOTIFY vigil_changes, '<topic>'`. PostgreSQL
 * delivers it to every listening replica when the writing transaction commits (and never when it
 * rolls back), and folds repeats of one topic within a transaction into one notification, so an
 * import of 100,000 findings sends one.
 *
 * Topics (CHANGE_TOPICS in @vigil/db):
 *  - findings: findings, finding_locations;
 *  - access: who may read what and who is signed in: users, sessions, api_tokens, teams,
 *    team_members, memberships, products, product_types;
 *  - feed: feed_posts, follows, product_follows (and users, through access).
 */
const TOPICS: Record<string, string[]> = {
  findings: ['findings', 'finding_locations'],
  access: ['users', 'sessions', 'api_tokens', 'teams', 'team_members', 'memberships', 'products', 'product_types'],
  feed: ['feed_posts', 'follows', 'product_follows'],
};

function triggerName(table: string): string {
  return `${table}_notify_change`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION vigil_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('vigil_changes', TG_ARGV[0]);
      RETURN NULL;
    END $$`.execute(db);
  for (const [topic, tables] of Object.entries(TOPICS)) {
    for (const table of tables) {
      await sql`
        CREATE TRIGGER ${sql.id(triggerName(table))}
          AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
          FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_change(${sql.lit(topic)})`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const tables of Object.values(TOPICS)) {
    for (const table of tables) await sql`DROP TRIGGER ${sql.id(triggerName(table))} ON ${sql.table(table)}`.execute(db);
  }
  await sql`DROP FUNCTION vigil_notify_change()`.execute(db);
}
