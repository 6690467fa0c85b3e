import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, FindingFilesTable } from './schema.ts';

export type FindingFileRow = Selectable<FindingFilesTable>;

export class FindingFileRepository {
  constructor(private readonly db: Kysely<Database>) {}

  listForFinding(findingId: number): Promise<FindingFileRow[]> {
    return this.db.selectFrom('finding_files').selectAll().where('finding_id', '=', findingId).orderBy('id').execute();
  }

  findById(id: number): Promise<FindingFileRow | undefined> {
    return this.db.selectFrom('finding_files').selectAll().where('id', '=', id).executeTakeFirst();
  }

  insert(row: Insertable<FindingFilesTable>): Promise<FindingFileRow> {
    return this.db.insertInto('finding_files').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('finding_files').where('id', '=', id).execute();
  }
}
