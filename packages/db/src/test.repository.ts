import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, TestRow, TestsTable } from './schema.ts';
import { afterCursor, decodeCursor, toPage, type Page } from './keyset.ts';
import { readableProductIds } from './access.repository.ts';

export interface TestWithScope extends TestRow {
  product_id: number;
}

export interface TestFilter {
  readableBy?: number;
  engagementId?: number;
  productId?: number;
  scanType?: string;
  sort: 'id' | '-id';
  limit: number;
  cursor?: string;
}

export class TestRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private withScope() {
    return this.db
      .selectFrom('tests as t')
      .innerJoin('engagements as e', 'e.id', 't.engagement_id')
      .selectAll('t')
      .select('e.product_id');
  }

  findById(id: number): Promise<TestWithScope | undefined> {
    return this.withScope().where('t.id', '=', id).executeTakeFirst();
  }

  insert(row: Insertable<TestsTable>): Promise<TestRow> {
    return this.db.insertInto('tests').values(row).returningAll().executeTakeFirstOrThrow();
  }

  update(id: number, patch: Updateable<TestsTable>): Promise<TestRow | undefined> {
    return this.db
      .updateTable('tests')
      .set({ ...patch, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('tests').where('id', '=', id).execute();
  }

  async list(f: TestFilter): Promise<Page<TestWithScope>> {
    const spec = {
      column: 't.id',
      idColumn: 't.id',
      direction: f.sort.startsWith('-') ? ('desc' as const) : ('asc' as const),
    };
    let q = this.withScope();
    if (f.readableBy !== undefined) q = q.where('e.product_id', 'in', readableProductIds(this.db, f.readableBy));
    if (f.engagementId !== undefined) q = q.where('t.engagement_id', '=', f.engagementId);
    if (f.productId !== undefined) q = q.where('e.product_id', '=', f.productId);
    if (f.scanType) q = q.where('t.scan_type', '=', f.scanType);
    if (f.cursor) {
      const c = decodeCursor(f.sort, f.cursor);
      q = q.where(afterCursor(spec, c.value, c.id));
    }
    const rows = await q
      .orderBy('t.id', spec.direction)
      .limit(f.limit + 1)
      .execute();
    return toPage(rows, f.limit, f.sort, (r) => r.id);
  }
}
