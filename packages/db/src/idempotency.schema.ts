import type { ColumnType } from 'kysely';
import type { CreatedAt, Json, Timestamp } from './schema-columns.ts';

/** 0017_idempotency_keys: one row per (caller, Idempotency-Key) whose write committed. */
export interface IdempotencyKeysTable {
  user_id: number;
  key: string;
  /** sha256 of method, path with query, and body: the same key with another request is refused. */
  fingerprint: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  /** When the first request finished, whether or not its response could be stored. */
  finished_at: Timestamp | null;
  response_status: number | null;
  response_headers: Json;
  response_body: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface IdempotencyTables {
  idempotency_keys: IdempotencyKeysTable;
}
