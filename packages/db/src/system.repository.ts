import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Facts about the database itself for the administrators' system page. */
export class SystemRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Migrations applied, in order, from Kysely's own bookkeeping table. */
  async appliedMigrations(): Promise<{ name: string; executed_at: Date }[]> {
    const r = await sql<{
      name: string;
      executed_at: Date;
    }>`SELECT name, timestamp::timestamptz AS executed_at FROM kysely_migration ORDER BY name`.execute(this.db);
    return r.rows;
  }

  async serverVersion(): Promise<string> {
    const r = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(this.db);
    return r.rows[0].v;
  }

  /** Rows of the biggest tables (planner estimates: cheap on large tables). */
  async tableSizes(): Promise<{ table: string; rows: number; bytes: number }[]> {
    const r = await sql<{ table: string; rows: number; bytes: number }>`
      SELECT c.relname AS table, greatest(c.reltuples, 0)::bigint AS rows, pg_total_relation_size(c.oid) AS bytes
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
      ORDER BY pg_total_relation_size(c.oid) DESC
      LIMIT 12`.execute(this.db);
    return r.rows.map((x) => ({ table: x.table, rows: Number(x.rows), bytes: Number(x.bytes) }));
  }
}
