import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, FindingTemplateRow, FindingTemplatesTable } from './schema.ts';

export class FindingTemplateRepository {
  constructor(private readonly db: Kysely<Database>) {}

  list(search?: string): Promise<FindingTemplateRow[]> {
    let q = this.db.selectFrom('finding_templates').selectAll();
    if (search) q = q.where('title', 'ilike', `%${search}%`);
    return q.orderBy('title').limit(1000).execute();
  }

  findById(id: number): Promise<FindingTemplateRow | undefined> {
    return this.db.selectFrom('finding_templates').selectAll().where('id', '=', id).executeTakeFirst();
  }

  insert(row: Insertable<FindingTemplatesTable>): Promise<FindingTemplateRow> {
    return this.db.insertInto('finding_templates').values(row).returningAll().executeTakeFirstOrThrow();
  }

  update(id: number, patch: Updateable<FindingTemplatesTable>): Promise<FindingTemplateRow | undefined> {
    return this.db
      .updateTable('finding_templates')
      .set({ ...patch, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('finding_templates').where('id', '=', id).execute();
  }
}
