import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, ProductTypeRow, ProductTypesTable } from './schema.ts';
import { afterCursor, decodeCursor, toPage, type Page } from './keyset.ts';
import { readableProductTypeIds } from './access.repository.ts';

export interface ProductTypeFilter {
  /** Restrict to what this user may read; undefined = everything (admin). */
  readableBy?: number;
  search?: string;
  sort: 'name' | '-name' | 'id' | '-id';
  limit: number;
  cursor?: string;
}

export class ProductTypeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findById(id: number): Promise<ProductTypeRow | undefined> {
    return this.db.selectFrom('product_types').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByName(name: string): Promise<ProductTypeRow | undefined> {
    return this.db
      .selectFrom('product_types')
      .selectAll()
      .where(sql`lower(name)`, '=', name.toLowerCase())
      .executeTakeFirst();
  }

  insert(row: Insertable<ProductTypesTable>): Promise<ProductTypeRow> {
    return this.db.insertInto('product_types').values(row).returningAll().executeTakeFirstOrThrow();
  }

  update(id: number, patch: Updateable<ProductTypesTable>): Promise<ProductTypeRow | undefined> {
    return this.db
      .updateTable('product_types')
      .set({ ...patch, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('product_types').where('id', '=', id).execute();
  }

  async countProducts(id: number): Promise<number> {
    const r = await this.db
      .selectFrom('products')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('product_type_id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async list(f: ProductTypeFilter): Promise<Page<ProductTypeRow>> {
    const column = f.sort.replace('-', '') === 'name' ? 'name' : 'id';
    const spec = { column, idColumn: 'id', direction: f.sort.startsWith('-') ? ('desc' as const) : ('asc' as const) };
    let q = this.db.selectFrom('product_types').selectAll();
    if (f.readableBy !== undefined) q = q.where('id', 'in', readableProductTypeIds(this.db, f.readableBy));
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
    return toPage(rows, f.limit, f.sort, (r) => r[column as 'name' | 'id']);
  }
}
