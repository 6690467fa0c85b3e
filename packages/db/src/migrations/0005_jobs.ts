import { sql, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';

/** pg-boss keeps its queue in this schema of the same database. */
export const JOB_QUEUE_SCHEMA = 'pgboss';

/**
 * The durable job queue and asynchronous imports.
 *
 * pg-boss's own schema is installed here (its construction plan, minus the plan's BEGIN/COMMIT,
 * which the migration's transaction replaces), so every database a migration has touched can take
 * a job inside a service transaction. pg-boss upgrades its schema itself on start (migrate: true).
 * A database where pg-boss was already installed by an earlier start is left as it is.
 *
 * reminders_sent: the scheduled reminders already announced (kind, subject, occurrence).
 *
 * import_requests: one row per asynchronous import; the job `import.scan` is enqueued in the same
 * transaction, and the row becomes `done` in the transaction of the import's writes, so a job that
 * runs twice sees it done and writes nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const installed = await sql<{ t: string | null }>`SELECT to_regclass(${`${JOB_QUEUE_SCHEMA}.version`}) AS t`.execute(
    db,
  );
  if (!installed.rows[0]?.t) {
    const plan = PgBoss.getConstructionPlans(JOB_QUEUE_SCHEMA)
      .replace(/^\s*BEGIN;\s*$/m, '')
      .replace(/^\s*COMMIT;\s*$/m, '');
    await sql.raw(plan).execute(db);
  }
  await sql`
    CREATE TABLE import_requests (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
      mode text NOT NULL CHECK (mode IN ('import', 'reimport')),
      scan_type text NOT NULL,
      artifact_key text NOT NULL,
      filename text,
      options jsonb NOT NULL DEFAULT '{}'::jsonb,
      product_id integer REFERENCES products(id) ON DELETE CASCADE,
      actor_id integer REFERENCES users(id) ON DELETE SET NULL,
      job_id uuid,
      attempts integer NOT NULL DEFAULT 0,
      import_id integer REFERENCES test_imports(id) ON DELETE SET NULL,
      test_id integer REFERENCES tests(id) ON DELETE SET NULL,
      result jsonb,
      error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz
    );
    CREATE INDEX import_requests_actor ON import_requests (actor_id, id DESC);
    CREATE INDEX import_requests_artifact ON import_requests (artifact_key);

    -- What the scheduled reminders have announced: a job that runs twice announces once.
    CREATE TABLE reminders_sent (
      kind text NOT NULL,
      subject_id integer NOT NULL,
      occurrence date NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (kind, subject_id, occurrence)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE reminders_sent; DROP TABLE import_requests`.execute(db);
  await sql.raw(`DROP SCHEMA IF EXISTS ${JOB_QUEUE_SCHEMA} CASCADE`).execute(db);
}
