import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, RiskAcceptanceRow, RiskAcceptancesTable } from './schema.ts';
import { readableProductIds } from './access.repository.ts';

export class RiskAcceptanceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findById(id: number): Promise<RiskAcceptanceRow | undefined> {
    return this.db.selectFrom('risk_acceptances').selectAll().where('id', '=', id).executeTakeFirst();
  }

  list(filter: { readableBy?: number; productId?: number }): Promise<RiskAcceptanceRow[]> {
    let q = this.db.selectFrom('risk_acceptances').selectAll();
    if (filter.readableBy !== undefined)
      q = q.where('product_id', 'in', readableProductIds(this.db, filter.readableBy));
    if (filter.productId !== undefined) q = q.where('product_id', '=', filter.productId);
    return q.orderBy('id', 'desc').limit(1000).execute();
  }

  insert(row: Insertable<RiskAcceptancesTable>): Promise<RiskAcceptanceRow> {
    return this.db.insertInto('risk_acceptances').values(row).returningAll().executeTakeFirstOrThrow();
  }

  update(id: number, patch: Updateable<RiskAcceptancesTable>): Promise<RiskAcceptanceRow | undefined> {
    return this.db
      .updateTable('risk_acceptances')
      .set({ ...patch, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('risk_acceptances').where('id', '=', id).execute();
  }

  async findingIds(id: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('risk_acceptance_findings')
      .select('finding_id')
      .where('risk_acceptance_id', '=', id)
      .execute();
    return rows.map((r) => r.finding_id);
  }

  async addFindings(id: number, findingIds: number[]): Promise<void> {
    if (findingIds.length === 0) return;
    await this.db
      .insertInto('risk_acceptance_findings')
      .values(findingIds.map((finding_id) => ({ risk_acceptance_id: id, finding_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async removeFindings(id: number, findingIds: number[]): Promise<void> {
    if (findingIds.length === 0) return;
    await this.db
      .deleteFrom('risk_acceptance_findings')
      .where('risk_acceptance_id', '=', id)
      .where('finding_id', 'in', findingIds)
      .execute();
  }
}
