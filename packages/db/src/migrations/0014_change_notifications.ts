import { sql, type Kysely } from 'kysely';

/**
 * Change notifications for the read cache (apps/server/src/cache): a statement-level trigger on
 * every table a cached read depends on sends `NOTIFY vigil_changes, '<topic>'`. PostgreSQL
 * delivers it to every listening server when the writing transaction commits (and never when it
 * rolls back), and folds repeats of one topic within a transaction into one notification, so an
 * import of 100,000 findings sends one.
 *
 * Topics (ChangeTopic in apps/server/src/cache/read-caches.ts):
 *  - findings: findings, finding_locations;
 *  - access: who may read what: users, teams, team_members, memberships, products, product_types;
 *  - auth: who a token or session is: users, sessions, api_tokens. Kept apart from access because
 *    sessions and tokens record their use (at most once a minute each), which must not drop every
 *    cached page;
 *  - feed: feed_posts, follows, product_follows.
 * A table in two topics has one trigger per topic.
 */
const TOPIC_TABLES: Record<string, string[]> = {
  findings: ['findings', 'finding_locations'],
  access: ['users', 'teams', 'team_members', 'memberships', 'products', 'product_types'],
  auth: ['users', 'sessions', 'api_tokens'],
  feed: ['feed_posts', 'follows', 'product_follows'],
};

function triggerName(table: string, topic: string): string {
  return `${table}_notify_${topic}`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION vigil_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('vigil_changes', TG_ARGV[0]);
      RETURN NULL;
    END $$`.execute(db);
  for (const [topic, tables] of Object.entries(TOPIC_TABLES)) {
    for (const table of tables) {
      await sql`
        CREATE TRIGGER ${sql.id(triggerName(table, topic))}
          AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
          FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_change(${sql.lit(topic)})`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [topic, tables] of Object.entries(TOPIC_TABLES)) {
    for (const table of tables)
      await sql`DROP TRIGGER ${sql.id(triggerName(table, topic))} ON ${sql.table(table)}`.execute(db);
  }
  await sql`DROP FUNCTION vigil_notify_change()`.execute(db);
}
