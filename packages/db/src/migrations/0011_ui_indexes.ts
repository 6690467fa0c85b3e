import { sql, type Kysely } from 'kysely';

/**
 * What keeps the web UI fast with millions of findings (issue 5):
 *
 * - trigram indexes for the findings list's substring filters (title, component name);
 * - the open findings' SLA index also ordered by severity and id, as the dashboard lists them;
 * - three summary tables that triggers on `findings` keep exact in the writing transaction:
 *   open findings per product and severity (product lists, grades, the trend's current total),
 *   open findings per product and SLA date (breached / breaching soon), and per product, UTC day
 *   and severity what opened, closed and was mitigated (the dashboard's trend and mean time to
 *   remediate). Only findings that are not duplicates count, as on the dashboard.
 *
 * The triggers never wait on each other: each statement adds its net change as a row, and merges
 * it with the rows of the same key that no other transaction has locked (`SKIP LOCKED`). A key may
 * so hold several rows for a while; readers always sum them, so what they see is exact for their
 * snapshot whatever was merged. (Vigil writes findings at READ COMMITTED; a REPEATABLE READ writer
 * could get a retryable serialization failure where another transaction merged its key meanwhile.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Everything the SQL is built from stays inside up(): the test template database is keyed by its source text.
  const COUNTED =
    'product_id, numerical_severity, active, duplicate, is_mitigated, date, sla_expiration_date, created_at, ' +
    'mitigated_at, last_status_update';

  /** The columns the summaries read, with the days they fall on (UTC, whatever the session's time zone). */
  const CHANGED = (table: string, sign: number) =>
    `
    SELECT product_id, numerical_severity, active, duplicate, is_mitigated, date, sla_expiration_date, ${sign} AS s,
           (created_at AT TIME ZONE 'UTC')::date AS opened_day,
           greatest((coalesce(mitigated_at, last_status_update) AT TIME ZONE 'UTC')::date, ` +
    `(created_at AT TIME ZONE 'UTC')::date) AS closed_day,
           (mitigated_at AT TIME ZONE 'UTC')::date AS mitigated_day
    FROM ${table}`;

  const SOURCES: Record<string, string> = {
    insert: CHANGED('new_rows', 1),
    delete: CHANGED('old_rows', -1),
    update: `${CHANGED('new_rows', 1)} UNION ALL ${CHANGED('old_rows', -1)}`,
  };

  /**
   * CTEs that add the net change (a SELECT of key…, measures… over `x`) to `table`: delete the rows
   * of the same keys that no other transaction has locked, insert their sum with the change.
   */
  function merge(name: string, table: string, keys: string[], measures: string[], delta: string): string {
    const k = keys.join(', ');
    const all = [...keys, ...measures].join(', ');
    const sums = measures.map((m) => `sum(${m})`).join(', ');
    const nonZero = measures.map((m) => `sum(${m}) <> 0`).join(' OR ');
    return `
      ${name}_d AS (${delta}),
      ${name}_gone AS (
        DELETE FROM ${table} c WHERE c.ctid = ANY (ARRAY(
          SELECT l.ctid FROM ${table} l JOIN ${name}_d USING (${k}) FOR UPDATE OF l SKIP LOCKED))
        RETURNING ${[...keys, ...measures].map((x) => `c.${x}`).join(', ')}
      ),
      ${name}_added AS (
        INSERT INTO ${table} (${all})
        SELECT ${k}, ${sums} FROM (SELECT ${all} FROM ${name}_d UNION ALL SELECT ${all} FROM ${name}_gone) m
        GROUP BY ${k} HAVING ${nonZero}
        RETURNING 1
      )`;
  }

  /**
   * One statement (the changed rows read once)
   * merging the rows of `source` (a SELECT of CHANGED's columns) into the three summaries.
   */
  function summaryStatement(source: string, into?: string): string {
    const open = merge(
      'open',
      'finding_open_counts',
      ['product_id', 'numerical_severity'],
      ['n'],
      `SELECT product_id, numerical_severity, sum(s)::int AS n FROM x WHERE active AND NOT duplicate GROUP BY 1, 2 ` +
        `HAVING sum(s) <> 0`,
    );
    const sla = merge(
      'sla',
      'finding_sla_counts',
      ['product_id', 'sla_expiration_date'],
      ['n'],
      `SELECT product_id, sla_expiration_date, sum(s)::int AS n FROM x
       WHERE active AND NOT duplicate AND sla_expiration_date IS NOT NULL GROUP BY 1, 2 HAVING sum(s) <> 0`,
    );
    const daily = merge(
      'daily',
      'finding_daily_counts',
      ['product_id', 'day', 'numerical_severity'],
      ['opened', 'closed', 'mitigated', 'remediation_days'],
      `SELECT product_id, day, numerical_severity, sum(opened)::int AS opened, sum(closed)::int AS closed,
              sum(mitigated)::int AS mitigated, sum(remediation_days)::bigint AS remediation_days
       FROM (
         SELECT product_id, opened_day AS day, numerical_severity, s AS opened, 0 AS closed, 0 AS mitigated, ` +
        `0 AS remediation_days
         FROM x WHERE NOT duplicate
         UNION ALL
         SELECT product_id, closed_day, numerical_severity, 0, s, 0, 0 FROM x WHERE NOT duplicate AND NOT active
         UNION ALL
         SELECT product_id, mitigated_day, numerical_severity, 0, 0, s, s * greatest(mitigated_day - date, 0)
         FROM x WHERE NOT duplicate AND is_mitigated AND mitigated_day IS NOT NULL
       ) u
       GROUP BY 1, 2, 3
       HAVING sum(opened) <> 0 OR sum(closed) <> 0 OR sum(mitigated) <> 0 OR sum(remediation_days) <> 0`,
    );
    // Data-modifying CTEs all run, referenced or not; the last SELECT only gives the statement a
    // result (`into`: the PL/pgSQL variable that takes it, as a trigger function must).
    return (
      `WITH x AS MATERIALIZED (${source}), ${open}, ${sla}, ${daily}
      SELECT (SELECT count(*) FROM open_added) + (SELECT count(*) FROM sla_added) ` +
      `+ (SELECT count(*) FROM daily_added) ${into ? `INTO ${into}` : ''}`
    );
  }

  const had = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'pg_trgm'`.execute(
    db,
  );
  if (had.rows[0].n === 0) {
    const available = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'pg_trgm'`.execute(db);
    if (available.rows[0].n === 0) {
      throw new Error(
        'the PostgreSQL extension pg_trgm is not installed on the database server (Debian/Ubuntu: it ships with ' +
          'postgresql-NN; elsewhere: postgresql-contrib)',
      );
    }
    await sql`CREATE EXTENSION pg_trgm`.execute(db);
    // Down drops the extension only when this migration installed it.
    await sql.raw(`COMMENT ON EXTENSION pg_trgm IS 'installed by Vigil migration 0011'`).execute(db);
  }
  await sql`
    CREATE INDEX findings_title_trgm ON findings USING gin (title gin_trgm_ops);
    CREATE INDEX findings_component_name_trgm ON findings USING gin (component_name gin_trgm_ops);
    -- The dashboard's "breaching soon" (soonest SLA, then severity, then id) reads the first rows in index order.
    DROP INDEX findings_sla_open;
    CREATE INDEX findings_sla_open ON findings (sla_expiration_date, numerical_severity, id) WHERE active;

    CREATE TABLE finding_open_counts (
      product_id integer NOT NULL,
      numerical_severity smallint NOT NULL,
      n integer NOT NULL
    );
    CREATE INDEX finding_open_counts_key ON finding_open_counts (product_id, numerical_severity);

    CREATE TABLE finding_sla_counts (
      product_id integer NOT NULL,
      sla_expiration_date date NOT NULL,
      n integer NOT NULL
    );
    CREATE INDEX finding_sla_counts_key ON finding_sla_counts (product_id, sla_expiration_date);
    CREATE INDEX finding_sla_counts_date ON finding_sla_counts (sla_expiration_date);

    CREATE TABLE finding_daily_counts (
      product_id integer NOT NULL,
      day date NOT NULL,
      numerical_severity smallint NOT NULL,
      opened integer NOT NULL,
      closed integer NOT NULL,
      mitigated integer NOT NULL,
      remediation_days bigint NOT NULL
    );
    CREATE INDEX finding_daily_counts_key ON finding_daily_counts (product_id, day, numerical_severity);
    CREATE INDEX finding_daily_counts_day ON finding_daily_counts (day);
  `.execute(db);
  for (const op of ['insert', 'update', 'delete'] as const) {
    const transition =
      op === 'insert'
        ? 'NEW TABLE AS new_rows'
        : op === 'delete'
          ? 'OLD TABLE AS old_rows'
          : 'NEW TABLE AS new_rows OLD TABLE AS old_rows';
    // An update that leaves every counted column as it was (edits, assignment, notes' touch) stops at the first check.
    const unchanged =
      op === 'update'
        ? `IF NOT EXISTS (SELECT ${COUNTED} FROM new_rows EXCEPT ALL SELECT ${COUNTED} FROM old_rows) ` +
          `THEN RETURN NULL; END IF;`
        : '';
    await sql
      .raw(`CREATE FUNCTION finding_counts_after_${op}() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE written bigint; BEGIN ${unchanged} ${summaryStatement(SOURCES[op], 'written')}; RETURN NULL; END; $fn$`)
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER finding_counts_${op} AFTER ${op.toUpperCase()} ON findings REFERENCING ${transition}
      FOR EACH STATEMENT EXECUTE FUNCTION finding_counts_after_${op}()`)
      .execute(db);
  }
  await sql`
    CREATE FUNCTION finding_counts_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      DELETE FROM finding_open_counts;
      DELETE FROM finding_sla_counts;
      DELETE FROM finding_daily_counts;
      RETURN NULL;
    END; $fn$;
    CREATE TRIGGER finding_counts_truncate AFTER TRUNCATE ON findings FOR EACH STATEMENT
      EXECUTE FUNCTION finding_counts_after_truncate();
  `.execute(db);
  // The findings already there: as if all were inserted in one statement.
  await sql.raw(summaryStatement(CHANGED('findings', 1))).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TRIGGER finding_counts_truncate ON findings;
    DROP TRIGGER finding_counts_insert ON findings;
    DROP TRIGGER finding_counts_update ON findings;
    DROP TRIGGER finding_counts_delete ON findings;
    DROP FUNCTION finding_counts_after_truncate();
    DROP FUNCTION finding_counts_after_insert();
    DROP FUNCTION finding_counts_after_update();
    DROP FUNCTION finding_counts_after_delete();
    DROP TABLE finding_daily_counts;
    DROP TABLE finding_sla_counts;
    DROP TABLE finding_open_counts;
    DROP INDEX findings_component_name_trgm;
    DROP INDEX findings_title_trgm;
    DROP INDEX findings_sla_open;
    CREATE INDEX findings_sla_open ON findings (sla_expiration_date) WHERE active;
  `.execute(db);
  const ours = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_extension e
    WHERE e.extname = 'pg_trgm' AND obj_description(e.oid, 'pg_extension') =
      'installed by Vigil migration 0011'`.execute(db);
  if (ours.rows[0].n > 0) await sql`DROP EXTENSION pg_trgm`.execute(db);
}
