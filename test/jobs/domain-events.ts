import { sql, type Kysely } from 'kysely';

export interface LoggedEvent {
  type: string;
  topics: string[];
  payload: Record<string, unknown>;
}

/**
 * Committed domain events, read directly: the repository's readAfter also waits for every older
 * transaction of the whole PostgreSQL cluster, which other test files keep busy.
 */
export async function loggedEvents(
  db: Kysely<any>,
  filter: { type?: string; topic?: string } = {},
): Promise<LoggedEvent[]> {
  const r = await sql<LoggedEvent>`
    SELECT type, topics, payload FROM domain_events
    WHERE (${filter.type ?? null}::text IS NULL OR type = ${filter.type ?? null})
      AND (${filter.topic ?? null}::text IS NULL OR ${filter.topic ?? null} = ANY(topics))
    ORDER BY id`.execute(db);
  return r.rows;
}
