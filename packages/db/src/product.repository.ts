import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, ProductRow, ProductsTable } from './schema.ts';
import { afterCursor, decodeCursor, toPage, type Page } from './keyset.ts';
import { readableProductIds } from './access.repository.ts';
import { pgArrayLiteral } from './pg-array.ts';

export interface ProductFilter {
  readableBy?: number;
  productTypeId?: number;
  search?: string;
  tag?: string;
  sort: 'name' | '-name' | 'id' | '-id' | 'created' | '-created';
  limit: number;
  cursor?: string;
}

export interface ProductStats {
  product_id: number;
  critical: number;
  high: number;
  medium: number;
  low: number;
  info: number;
}

const SORT_COLUMN = { name: 'name', id: 'id', created: 'created_at' } as const;

export class ProductRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findById(id: number): Promise<ProductRow | undefined> {
    return this.db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByName(name: string): Promise<ProductRow | undefined> {
    return this.db
      .selectFrom('products')
      .selectAll()
      .where(sql`lower(name)`, '=', name.toLowerCase())
      .executeTakeFirst();
  }

  insert(row: Insertable<ProductsTable>): Promise<ProductRow> {
    return this.db.insertInto('products').values(row).returningAll().executeTakeFirstOrThrow();
  }

  update(id: number, patch: Updateable<ProductsTable>): Promise<ProductRow | undefined> {
    return this.db
      .updateTable('products')
      .set({ ...patch, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('products').where('id', '=', id).execute();
  }

  async list(f: ProductFilter): Promise<Page<ProductRow>> {
    const key = f.sort.replace('-', '') as keyof typeof SORT_COLUMN;
    const column = SORT_COLUMN[key];
    const spec = { column, idColumn: 'id', direction: f.sort.startsWith('-') ? ('desc' as const) : ('asc' as const) };
    let q = this.db.selectFrom('products').selectAll();
    if (f.readableBy !== undefined) q = q.where('id', 'in', readableProductIds(this.db, f.readableBy));
    if (f.productTypeId !== undefined) q = q.where('product_type_id', '=', f.productTypeId);
    if (f.search) q = q.where(sql`lower(name)`, 'like', `%${f.search.toLowerCase()}%`);
    if (f.tag) q = q.where(sql<boolean>`tags @> ARRAY[${f.tag}]::text[]`);
    if (f.cursor) {
      const c = decodeCursor(f.sort, f.cursor);
      q = q.where(afterCursor(spec, c.value, c.id));
    }
    const rows = await q
      .orderBy(sql.ref(column), spec.direction)
      .orderBy('id', spec.direction)
      .limit(f.limit + 1)
      .execute();
    return toPage(rows, f.limit, f.sort, (r) => r[column]);
  }

  /**
   * Open (active, not duplicate) findings per severity, for grades and dashboards: from the
   * summary kept exact by triggers on findings (migration 0011), a few rows per product.
   */
  async openFindingCounts(productIds: number[]): Promise<ProductStats[]> {
    if (productIds.length === 0) return [];
    const r = await sql<ProductStats>`
      SELECT c.product_id,
             coalesce(sum(c.n) FILTER (WHERE c.numerical_severity = 0), 0)::int AS critical,
             coalesce(sum(c.n) FILTER (WHERE c.numerical_severity = 1), 0)::int AS high,
             coalesce(sum(c.n) FILTER (WHERE c.numerical_severity = 2), 0)::int AS medium,
             coalesce(sum(c.n) FILTER (WHERE c.numerical_severity = 3), 0)::int AS low,
             coalesce(sum(c.n) FILTER (WHERE c.numerical_severity = 4), 0)::int AS info
      FROM finding_open_counts c
      WHERE c.product_id = ANY(${pgArrayLiteral(productIds.map(String))}::int4[])
      GROUP BY c.product_id
      HAVING sum(c.n) <> 0`.execute(this.db);
    return r.rows;
  }
}
