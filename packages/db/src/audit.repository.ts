import type { Kysely } from 'kysely';
import type { AuditLogRow, Database } from './schema.ts';
import { afterCursor, decodeCursor, toPage, type Page } from './keyset.ts';

export interface AuditEntry {
  actorId: number | null;
  action: 'create' | 'update' | 'delete' | string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

/** One change of an entity with the name of who made it (a finding's history). */
export interface EntityHistoryEntry {
  id: number;
  at: Date;
  action: string;
  actor_id: number | null;
  actor_username: string | null;
  before: unknown;
  after: unknown;
}

export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db
      .insertInto('audit_log')
      .values(
        entries.map((e) => ({
          actor_id: e.actorId || null,
          action: e.action,
          entity_type: e.entityType,
          entity_id: String(e.entityId),
          before: e.before === undefined ? null : JSON.stringify(e.before),
          after: e.after === undefined ? null : JSON.stringify(e.after),
          request_id: e.requestId ?? null,
        })),
      )
      .execute();
  }

  async list(filter: {
    entityType?: string;
    entityId?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<AuditLogRow>> {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
    if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
    if (filter.cursor) {
      const c = decodeCursor('id', filter.cursor);
      q = q.where(afterCursor({ column: 'id', idColumn: 'id', direction: 'desc' }, c.value, c.id));
    }
    const rows = await q
      .orderBy('id', 'desc')
      .limit(filter.limit + 1)
      .execute();
    return toPage(rows, filter.limit, 'id', (r) => r.id);
  }

  /** The newest changes of one entity first, at most `limit`. */
  entityHistory(entityType: string, entityId: string, limit: number): Promise<EntityHistoryEntry[]> {
    return this.db
      .selectFrom('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .select(['a.id', 'a.at', 'a.action', 'a.actor_id', 'u.username as actor_username', 'a.before', 'a.after'])
      .where('a.entity_type', '=', entityType)
      .where('a.entity_id', '=', entityId)
      .orderBy('a.id', 'desc')
      .limit(limit)
      .execute();
  }
}
