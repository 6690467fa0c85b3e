import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../schema.ts';
import { decodeCursor, toPage, type Page } from '../keyset.ts';
import type { SyncRunStatus, VulndbSyncRunsTable } from './advisory.schema.ts';

export type SyncRunRow = Omit<Selectable<VulndbSyncRunsTable>, 'invalid_records' | 'cursor'> & {
  invalid_records: InvalidRecord[];
  cursor: unknown;
};

/** A record a loader refused: its id (or where it was, when it has none) and why. */
export interface InvalidRecord {
  id: string;
  reason: string;
}

export interface SyncCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  invalid: number;
}

/** A run keeps this many invalid records' reasons; the count goes on. */
export const SYNC_RUN_INVALID_KEPT = 100;

/** The loaders' history: one row per sync run, its counts advanced batch by batch. */
export class SyncRunRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async start(run: { source: string; ecosystem: string | null; origin: string | null }): Promise<SyncRunRow> {
    const r = await sql<SyncRunRow>`
      INSERT INTO vulndb_sync_runs (source, ecosystem, origin) VALUES (${run.source}, ${run.ecosystem}, ${run.origin})
      RETURNING *`.execute(this.db);
    return r.rows[0];
  }

  /** Adds a batch's counts and invalid records (the first SYNC_RUN_INVALID_KEPT are kept). */
  async advance(id: number, counts: SyncCounts, invalid: InvalidRecord[], cursor?: unknown): Promise<void> {
    await sql`
      UPDATE vulndb_sync_runs SET
        read = read + ${counts.read}, inserted = inserted + ${counts.inserted}, updated = updated + ${counts.updated},
        unchanged = unchanged + ${counts.unchanged}, withdrawn = withdrawn + ${counts.withdrawn},
        invalid = invalid + ${counts.invalid},
        invalid_records = CASE WHEN jsonb_array_length(invalid_records) >= ${SYNC_RUN_INVALID_KEPT}
          THEN invalid_records
          ELSE (SELECT coalesce(jsonb_agg(e ORDER BY n), '[]'::jsonb) FROM jsonb_array_elements(
            invalid_records || ${JSON.stringify(invalid)}::jsonb) WITH ORDINALITY AS t(e, n)
            WHERE n <= ${SYNC_RUN_INVALID_KEPT}) END,
        cursor = coalesce(${cursor === undefined ? null : JSON.stringify(cursor)}::jsonb, cursor)
      WHERE id = ${id}`.execute(this.db);
  }

  async finish(id: number, status: Exclude<SyncRunStatus, 'running'>, error: string | null): Promise<SyncRunRow> {
    const r = await sql<SyncRunRow>`
      UPDATE vulndb_sync_runs SET status = ${status}, error = ${error}, finished_at = now()
      WHERE id = ${id} RETURNING *`.execute(this.db);
    return r.rows[0];
  }

  async get(id: number): Promise<SyncRunRow | undefined> {
    const r = await sql<SyncRunRow>`SELECT * FROM vulndb_sync_runs WHERE id = ${id}`.execute(this.db);
    return r.rows[0];
  }

  /** The latest succeeded run of a source (and ecosystem), where a resumable source reads its cursor. */
  async lastSucceeded(source: string, ecosystem: string | null): Promise<SyncRunRow | undefined> {
    const r = await sql<SyncRunRow>`
      SELECT * FROM vulndb_sync_runs
      WHERE source = ${source} AND ecosystem IS NOT DISTINCT FROM ${ecosystem} AND status = 'succeeded'
      ORDER BY started_at DESC, id DESC LIMIT 1`.execute(this.db);
    return r.rows[0];
  }

  /** Runs newest first (keyset on started_at, id). */
  async list(opts: { source?: string; limit: number; cursor?: string }): Promise<Page<SyncRunRow>> {
    const after = opts.cursor ? decodeCursor('sync-runs', opts.cursor) : undefined;
    const r = await sql<SyncRunRow & { sort_value: string }>`
      SELECT *, started_at::text AS sort_value FROM vulndb_sync_runs
      WHERE ${opts.source === undefined ? sql`true` : sql`source = ${opts.source}`}
        AND ${after ? sql`(started_at, id) < (${String(after.value)}::timestamptz, ${after.id})` : sql`true`}
      ORDER BY started_at DESC, id DESC LIMIT ${opts.limit + 1}`.execute(this.db);
    const page = toPage(r.rows, opts.limit, 'sync-runs', (row) => row.sort_value);
    return { items: page.items.map(({ sort_value: _, ...row }) => row), nextCursor: page.nextCursor };
  }
}
