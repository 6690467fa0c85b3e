import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from './schema.ts';
import type { IdempotencyKeysTable } from './idempotency.schema.ts';

export type IdempotencyKeyRow = Selectable<IdempotencyKeysTable>;

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Advisory-lock class of idempotency keys (the two-int lock space never meets the one-bigint one). */
const LOCK_CLASS = 17_017;

/** Idempotency keys (migration 0017). Rows past expires_at count as absent. */
export class IdempotencyKeyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Serializes transactions of one caller's key until they end (inside a transaction only). */
  async lock(userId: number, key: string): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(${`${userId}:${key}`}))`.execute(this.db);
  }

  async find(userId: number, key: string): Promise<IdempotencyKeyRow | undefined> {
    return this.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .where('expires_at', '>', sql<Date>`now()`)
      .executeTakeFirst();
  }

  /** True when the current transaction has written something (it has a transaction id). */
  async transactionWrote(): Promise<boolean> {
    const r = await sql<{ wrote: boolean }>`SELECT txid_current_if_assigned() IS NOT NULL AS wrote`.execute(this.db);
    return r.rows[0]?.wrote === true;
  }

  /**
   * Inserts the key row (an expired leftover is replaced). False when a live row exists: another
   * request with this key committed first.
   */
  async claim(
    userId: number,
    key: string,
    fingerprint: string,
    ttlSeconds: number,
    response?: StoredResponse,
  ): Promise<boolean> {
    const r = await sql<{ key: string }>`
      INSERT INTO idempotency_keys (user_id, key, fingerprint, expires_at, finished_at, response_status,
        response_headers, response_body)
      VALUES (${userId}, ${key}, ${fingerprint}, now() + make_interval(secs => ${ttlSeconds}),
              ${response ? sql`now()` : null}, ${response?.status ?? null},
              ${response ? JSON.stringify(response.headers) : null}::jsonb, ${response?.body ?? null})
      ON CONFLICT (user_id, key) DO UPDATE SET
        fingerprint = EXCLUDED.fingerprint, created_at = now(), expires_at = EXCLUDED.expires_at,
        finished_at = EXCLUDED.finished_at, response_status = EXCLUDED.response_status,
        response_headers = EXCLUDED.response_headers, response_body = EXCLUDED.response_body
        WHERE idempotency_keys.expires_at <= now()
      RETURNING key`.execute(this.db);
    return r.rows.length === 1;
  }

  /** Records the first request's response (or, with none, only that it finished). */
  async finish(userId: number, key: string, response: StoredResponse | null): Promise<void> {
    await this.db
      .updateTable('idempotency_keys')
      .set({
        finished_at: sql<Date>`now()`,
        response_status: response?.status ?? null,
        response_headers: response ? JSON.stringify(response.headers) : null,
        response_body: response?.body ?? null,
      })
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .where('finished_at', 'is', null)
      .execute();
  }

  /** Deletes up to `limit` expired keys; returns how many. */
  async deleteExpired(limit: number): Promise<number> {
    const r = await sql`
      DELETE FROM idempotency_keys WHERE ctid IN (
        SELECT ctid FROM idempotency_keys WHERE expires_at <= now() LIMIT ${limit})`.execute(this.db);
    return Number(r.numAffectedRows ?? 0);
  }
}
