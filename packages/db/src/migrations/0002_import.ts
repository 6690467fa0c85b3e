import { sql, type Kysely } from 'kysely';

/**
 * Scan import: one row per import/reimport of a report into a test (its statistics and the
 * content-addressed key of the stored report), and the indexes deduplication and reimport read.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE test_imports (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      test_id integer NOT NULL REFERENCES tests(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('import', 'reimport')),
      scan_type text NOT NULL,
      stats jsonb NOT NULL,
      artifact_key text,
      actor_id integer REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX test_imports_test ON test_imports (test_id, id);
    CREATE INDEX findings_engagement_hash ON findings (engagement_id, hash_code);
    CREATE INDEX findings_test_hash ON findings (test_id, hash_code);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP INDEX findings_test_hash;
    DROP INDEX findings_engagement_hash;
    DROP TABLE test_imports;
  `.execute(db);
}
