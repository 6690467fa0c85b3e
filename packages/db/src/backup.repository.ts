import { sql, type Kysely } from 'kysely';

export interface TableChecksum {
  /** schema.table */
  table: string;
  rows: number;
  /** md5 over the sorted md5s of every row's text form: independent of physical row order. */
  checksum: string;
}

/** Tables of every non-system schema (the application's and the job queue's). */
const USER_TABLES = sql<{ schema: string; name: string }>`
  SELECT n.nspname AS schema, c.relname AS name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\\_%'
  ORDER BY 1, 2`;

/** Reads that back up, restore and verify a database; runs inside the caller's transaction/snapshot. */
export class BackupRepository {
  constructor(private readonly db: Kysely<any>) {}

  /** A checksum of every user table, to prove a restore gave back exactly what was saved. */
  async tableChecksums(): Promise<TableChecksum[]> {
    const tables = (await USER_TABLES.execute(this.db)).rows;
    const out: TableChecksum[] = [];
    for (const t of tables) {
      const ref = sql.table(`${t.schema}.${t.name}`);
      const r = await sql<{ rows: number; checksum: string }>`
        SELECT count(*)::int AS rows,
               md5(coalesce(string_agg(h, '' ORDER BY h), '')) AS checksum
        FROM (SELECT md5(x::text) AS h FROM ${ref} x) hashed`.execute(this.db);
      out.push({ table: `${t.schema}.${t.name}`, rows: r.rows[0].rows, checksum: r.rows[0].checksum });
    }
    return out;
  }

  /** Exports the current (repeatable read) transaction's snapshot for pg_dump --snapshot. */
  async exportSnapshot(): Promise<string> {
    const r = await sql<{ id: string }>`SELECT pg_export_snapshot() AS id`.execute(this.db);
    return r.rows[0].id;
  }

  /** Non-system schemas holding tables: what a clean restore drops before loading the dump. */
  async userSchemas(): Promise<string[]> {
    return [...new Set((await USER_TABLES.execute(this.db)).rows.map((t) => t.schema))];
  }

  /** Number of user tables: a restore goes only into an empty database unless told to replace. */
  async userTableCount(): Promise<number> {
    return (await USER_TABLES.execute(this.db)).rows.length;
  }
}
