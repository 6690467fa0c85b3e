import { sql, type Kysely } from 'kysely';

/**
 * The domain event log (transactional outbox). A change appends its events in the same
 * transaction, so no event exists for a rolled-back change and no committed change lacks its event.
 *
 * Consumers (the WebSocket fan-out on every server, the notification dispatcher, Jira sync) read
 * the log by id: appends draw ids under an advisory lock held to commit, so ids follow commit
 * order (see domain-event.repository.ts). tx_id records the writing transaction for diagnostics.
 * Each durable consumer keeps its position in event_consumers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE domain_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      type text NOT NULL,
      topics text[] NOT NULL DEFAULT '{}',
      actor_id integer REFERENCES users(id) ON DELETE SET NULL,
      payload jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT domain_events_type_format CHECK (type ~ '^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+$')
    );
    CREATE INDEX domain_events_created_at ON domain_events (created_at);

    CREATE TABLE event_consumers (
      name text PRIMARY KEY,
      tx_id xid8 NOT NULL DEFAULT '0'::xid8,
      event_id bigint NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE event_consumers;
    DROP TABLE domain_events;
  `.execute(db);
}
