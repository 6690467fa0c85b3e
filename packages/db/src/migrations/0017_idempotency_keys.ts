import { sql, type Kysely } from 'kysely';

/**
 * Idempotency keys (docs/api.md "Safe retries: Idempotency-Key"). A row is inserted by the first
 * write transaction of a request that sent the header, so it exists exactly when that write
 * committed; the response is stored on it afterwards. Rows live 24 hours (expires_at) and the
 * maintenance.idempotency-keys job deletes them, which keeps the table bounded.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE idempotency_keys (
      user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
      fingerprint text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      finished_at timestamptz,
      response_status integer,
      response_headers jsonb,
      response_body text,
      PRIMARY KEY (user_id, key)
    )`.execute(db);
  await sql`CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE idempotency_keys`.execute(db);
}
