import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { EngagementStatus, EngagementType } from '@vigil/contract/values';
import type { Database, EngagementRow, EngagementsTable } from './schema.ts';
import { afterCursor, decodeCursor, toPage, type Page } from './keyset.ts';
import { readableProductIds } from './access.repository.ts';

export interface EngagementFilter {
  readableBy?: number;
  productId?: number;
  status?: EngagementStatus;
  engagementType?: EngagementType;
  search?: string;
  sort: 'name' | '-name' | 'id' | '-id' | 'target_start' | '-target_start';
  limit: number;
  cursor?: string;
}

export class EngagementRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findById(id: number): Promise<EngagementRow | undefined> {
    return this.db.selectFrom('engagements').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByName(productId: number, name: string): Promise<EngagementRow | undefined> {
    return this.db
      .selectFrom('engagements')
      .selectAll()
      .where('product_id', '=', productId)
      .where(sql`lower(name)`, '=', name.toLowerCase())
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }

  insert(row: Insertable<EngagementsTable>): Promise<EngagementRow> {
    return this.db.insertInto('engagements').values(row).returningAll().executeTakeFirstOrThrow();
  }

  update(id: number, patch: Updateable<EngagementsTable>): Promise<EngagementRow | undefined> {
    return this.db
      .updateTable('engagements')
      .set({ ...patch, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('engagements').where('id', '=', id).execute();
  }

  async list(f: EngagementFilter): Promise<Page<EngagementRow>> {
    const column = f.sort.replace('-', '');
    const spec = { column, idColumn: 'id', direction: f.sort.startsWith('-') ? ('desc' as const) : ('asc' as const) };
    let q = this.db.selectFrom('engagements').selectAll();
    if (f.readableBy !== undefined) q = q.where('product_id', 'in', readableProductIds(this.db, f.readableBy));
    if (f.productId !== undefined) q = q.where('product_id', '=', f.productId);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.engagementType) q = q.where('engagement_type', '=', f.engagementType);
    if (f.search) q = q.where(sql`lower(name)`, 'like', `%${f.search.toLowerCase()}%`);
    if (f.cursor) {
      const c = decodeCursor(f.sort, f.cursor);
      q = q.where(afterCursor(spec, c.value, c.id));
    }
    const rows = await q
      .orderBy(sql.ref(column), spec.direction)
      .orderBy('id', spec.direction)
      .limit(f.limit + 1)
      .execute();
    return toPage(rows, f.limit, f.sort, (r) => r[column as 'name']);
  }
}
