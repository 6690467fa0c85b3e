import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, FindingLocationsTable, FindingRow, FindingsTable, Severity } from './schema.ts';
import { afterCursor, decodeCursor, toPage, type Page } from './keyset.ts';
import { readableProductIds } from './access.repository.ts';

// The list's orders are part of the API contract; this repository implements each with a keyset cursor.
import type { FindingSort } from '@vigil/contract/values';
export { FINDING_SORTS, type FindingSort } from '@vigil/contract/values';
const SORT_COLUMN: Record<string, string> = { id: 'id', severity: 'numerical_severity', date: 'date', title: 'title' };

/**
 * The columns of a findings-table row, the list's default view: what a table, a filter or a CSV
 * export shows. Long texts (description, mitigation, impact, references), vectors and bookkeeping
 * columns come with the full view or the finding itself. Includes every sort column (the cursor).
 */
export const FINDING_SUMMARY_COLUMNS = [
  'id',
  'test_id',
  'engagement_id',
  'product_id',
  'title',
  'severity',
  'numerical_severity',
  'cwe',
  'vulnerability_ids',
  'cvssv3_score',
  'epss_score',
  'file_path',
  'line',
  'component_name',
  'component_version',
  'date',
  'active',
  'verified',
  'false_p',
  'out_of_scope',
  'risk_accepted',
  'under_review',
  'is_mitigated',
  'duplicate',
  'sla_expiration_date',
  'assignee_id',
  'tags',
  'created_at',
] as const satisfies ReadonlyArray<keyof FindingRow>;
export type FindingSummaryRow = Pick<FindingRow, (typeof FINDING_SUMMARY_COLUMNS)[number]>;

export interface FindingFilter {
  readableBy?: number;
  severity?: Severity[];
  active?: boolean;
  verified?: boolean;
  falsePositive?: boolean;
  outOfScope?: boolean;
  riskAccepted?: boolean;
  underReview?: boolean;
  mitigated?: boolean;
  duplicate?: boolean;
  productId?: number;
  productTypeId?: number;
  engagementId?: number;
  testId?: number;
  cwe?: number;
  vulnerabilityId?: string;
  componentName?: string;
  tag?: string;
  assigneeId?: number;
  title?: string;
  /** 'breached' = SLA expired and still active; 'ok' = not breached. */
  /** breached: past the SLA; soon: ends within 7 days (the dashboard's window); ok: not breached. */
  sla?: 'breached' | 'soon' | 'ok';
  sort: FindingSort;
  limit: number;
  cursor?: string;
}

/**
 * An ILIKE pattern for "contains `text`" (wildcards in it taken literally); a trigram index serves it (migration 0011).
 */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type FindingLocation = Omit<Insertable<FindingLocationsTable>, 'finding_id'>;

export class FindingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findById(id: number): Promise<FindingRow | undefined> {
    return this.db.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByIds(ids: number[]): Promise<FindingRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('findings').selectAll().where('id', 'in', ids).execute();
  }

  insert(row: Insertable<FindingsTable>): Promise<FindingRow> {
    return this.db.insertInto('findings').values(row).returningAll().executeTakeFirstOrThrow();
  }

  update(id: number, patch: Updateable<FindingsTable>): Promise<FindingRow | undefined> {
    return this.db
      .updateTable('findings')
      .set({ ...patch, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  /** One statement for many findings (bulk triage). */
  updateMany(ids: number[], patch: Updateable<FindingsTable>): Promise<FindingRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .updateTable('findings')
      .set({ ...patch, updated_at: sql<Date>`now()` })
      .where('id', 'in', ids)
      .returningAll()
      .execute();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('findings').where('id', '=', id).execute();
  }

  /** A page of full rows (every column). */
  list(f: FindingFilter): Promise<Page<FindingRow>> {
    return this.page(f, 'full') as Promise<Page<FindingRow>>;
  }

  /** A page of findings-table rows: the summary columns only (no long texts), far cheaper to fetch and send. */
  listSummaries(f: FindingFilter): Promise<Page<FindingSummaryRow>> {
    return this.page(f, 'summary');
  }

  private async page(f: FindingFilter, view: 'full' | 'summary'): Promise<Page<FindingSummaryRow>> {
    const key = f.sort.replace('-', '');
    const column = SORT_COLUMN[key];
    const spec = { column, idColumn: 'id', direction: f.sort.startsWith('-') ? ('desc' as const) : ('asc' as const) };
    let q = this.db.selectFrom('findings');
    if (f.readableBy !== undefined) q = q.where('product_id', 'in', readableProductIds(this.db, f.readableBy));
    if (f.severity?.length) {
      const order = f.severity.map((s) => ({ Critical: 0, High: 1, Medium: 2, Low: 3, Info: 4 })[s]);
      q =
        order.length === 1 ? q.where('numerical_severity', '=', order[0]) : q.where('numerical_severity', 'in', order);
    }
    const flags: Array<[keyof FindingFilter, keyof FindingsTable]> = [
      ['active', 'active'],
      ['verified', 'verified'],
      ['falsePositive', 'false_p'],
      ['outOfScope', 'out_of_scope'],
      ['riskAccepted', 'risk_accepted'],
      ['underReview', 'under_review'],
      ['mitigated', 'is_mitigated'],
      ['duplicate', 'duplicate'],
    ];
    for (const [filterKey, col] of flags) {
      const v = f[filterKey];
      if (typeof v === 'boolean') q = q.where(col as 'active', '=', v);
    }
    if (f.productId !== undefined) q = q.where('product_id', '=', f.productId);
    if (f.productTypeId !== undefined) {
      q = q.where(
        'product_id',
        'in',
        this.db.selectFrom('products').select('id').where('product_type_id', '=', f.productTypeId),
      );
    }
    if (f.engagementId !== undefined) q = q.where('engagement_id', '=', f.engagementId);
    if (f.testId !== undefined) q = q.where('test_id', '=', f.testId);
    if (f.cwe !== undefined) q = q.where('cwe', '=', f.cwe);
    if (f.vulnerabilityId) q = q.where(sql<boolean>`vulnerability_ids @> ARRAY[${f.vulnerabilityId}]::text[]`);
    if (f.componentName) q = q.where('component_name', 'ilike', containing(f.componentName));
    if (f.tag) q = q.where(sql<boolean>`tags @> ARRAY[${f.tag}]::text[]`);
    if (f.assigneeId !== undefined) q = q.where('assignee_id', '=', f.assigneeId);
    if (f.title) q = q.where('title', 'ilike', containing(f.title));
    if (f.sla === 'breached')
      q = q.where('active', '=', true).where('sla_expiration_date', '<', sql<string>`CURRENT_DATE`);
    if (f.sla === 'soon')
      q = q
        .where('active', '=', true)
        .where('sla_expiration_date', '>=', sql<string>`CURRENT_DATE`)
        .where('sla_expiration_date', '<=', sql<string>`CURRENT_DATE + 7`);
    if (f.sla === 'ok')
      q = q.where((eb) =>
        eb.or([eb('sla_expiration_date', 'is', null), eb('sla_expiration_date', '>=', sql<string>`CURRENT_DATE`)]),
      );
    if (f.cursor) {
      const c = decodeCursor(f.sort, f.cursor);
      q = q.where(afterCursor(spec, c.value, c.id));
    }
    q =
      column === 'id'
        ? q.orderBy('id', spec.direction)
        : q.orderBy(sql.ref(column), spec.direction).orderBy('id', spec.direction);
    const rows = await (view === 'full' ? q.selectAll() : q.select(FINDING_SUMMARY_COLUMNS))
      .limit(f.limit + 1)
      .execute();
    return toPage(rows, f.limit, f.sort, (r) => r[column as keyof FindingSummaryRow]);
  }

  async insertLocations(findingId: number, locations: FindingLocation[]): Promise<void> {
    if (locations.length === 0) return;
    await this.db
      .insertInto('finding_locations')
      .values(locations.map((l) => ({ ...l, finding_id: findingId })))
      .execute();
  }

  locations(findingId: number) {
    return this.db
      .selectFrom('finding_locations')
      .selectAll()
      .where('finding_id', '=', findingId)
      .orderBy('id')
      .execute();
  }

  /** Findings marked duplicate of this one. */
  duplicatesOf(findingId: number): Promise<FindingRow[]> {
    return this.db
      .selectFrom('findings')
      .selectAll()
      .where('duplicate_finding_id', '=', findingId)
      .orderBy('id')
      .limit(500)
      .execute();
  }
}
