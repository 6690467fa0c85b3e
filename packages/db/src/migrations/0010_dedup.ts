import { sql, type Kysely } from 'kysely';

/**
 * Deduplication identity bookkeeping: the identity fingerprint each scan type's stored hashes were
 * computed with (a worker compares it with the configuration at start and queues a re-hash when
 * they differ), and the re-hash runs with their progress.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE dedup_identity_state (
      scan_type text PRIMARY KEY,
      fingerprint text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE rehash_runs (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      scan_type text NOT NULL,
      fingerprint text NOT NULL,
      state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
      products_total integer NOT NULL DEFAULT 0,
      products_done integer NOT NULL DEFAULT 0,
      result jsonb,
      error text,
      requested_by integer REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX rehash_runs_scan_type ON rehash_runs (lower(scan_type), id DESC);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE rehash_runs;
    DROP TABLE dedup_identity_state;
  `.execute(db);
}
