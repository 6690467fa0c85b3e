import type { Kysely, Selectable } from 'kysely';
import type { Database, ImportRequestsTable } from './schema.ts';

export type ImportRequestRow = Selectable<ImportRequestsTable>;
export type ImportRequestState = ImportRequestRow['state'];

/** Asynchronous imports: the request row beside its `import.scan` job. */
export class ImportRequestRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(r: {
    mode: 'import' | 'reimport';
    scanType: string;
    artifactKey: string;
    filename: string | null;
    options: unknown;
    actorId: number | null;
    productId: number | null;
  }): Promise<ImportRequestRow> {
    return this.db
      .insertInto('import_requests')
      .values({
        mode: r.mode,
        scan_type: r.scanType,
        artifact_key: r.artifactKey,
        filename: r.filename,
        options: JSON.stringify(r.options ?? {}),
        actor_id: r.actorId,
        product_id: r.productId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async setJob(id: number, jobId: string): Promise<void> {
    await this.db.updateTable('import_requests').set({ job_id: jobId }).where('id', '=', id).execute();
  }

  async findById(id: number): Promise<ImportRequestRow | undefined> {
    return this.db.selectFrom('import_requests').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Locks the row for the import's transaction: a second run of the same job waits, then sees it done. */
  async lockForRun(id: number): Promise<ImportRequestRow | undefined> {
    return this.db.selectFrom('import_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  }

  /** Marks a queued, interrupted or retried request running; counts the attempt. */
  async markRunning(id: number): Promise<ImportRequestRow | undefined> {
    return this.db
      .updateTable('import_requests')
      .set((eb) => ({
        state: 'running',
        started_at: new Date(),
        error: null,
        finished_at: null,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', '=', id)
      .where('state', '!=', 'done')
      .returningAll()
      .executeTakeFirst();
  }

  async markDone(
    id: number,
    done: { importId: number; testId: number; productId: number; result: unknown },
  ): Promise<void> {
    await this.db
      .updateTable('import_requests')
      .set({
        state: 'done',
        import_id: done.importId,
        test_id: done.testId,
        product_id: done.productId,
        result: JSON.stringify(done.result),
        error: null,
        finished_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: number, error: string): Promise<void> {
    await this.db
      .updateTable('import_requests')
      .set({ state: 'failed', error: error.slice(0, 4000), finished_at: new Date() })
      .where('id', '=', id)
      .where('state', '!=', 'done')
      .execute();
  }

  /** Artifact keys still wanted by a request that has not finished. */
  async pendingArtifactKeys(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('import_requests')
      .select('artifact_key')
      .where('state', '!=', 'done')
      .distinct()
      .execute();
    return rows.map((r) => r.artifact_key);
  }
}
