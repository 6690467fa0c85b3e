import type { ColumnType, Generated } from 'kysely';
import type { ImportMode, ImportRequestState, RehashState } from '@vigil/contract/values';
import type { CreatedAt, TextArray, Json } from './schema-columns.ts';

export interface DomainEventsTable {
  /** bigint identity, read as a number (ids stay far below 2^53). */
  id: ColumnType<number, never, never>;
  /** xid8 of the writing transaction, read as a decimal string. */
  tx_id: ColumnType<string, never, never>;
  type: string;
  topics: TextArray;
  actor_id: number | null;
  payload: Json;
  created_at: CreatedAt;
}
export interface EventConsumersTable {
  name: string;
  tx_id: ColumnType<string, string | undefined, string>;
  event_id: ColumnType<number, number | undefined, number>;
  updated_at: CreatedAt;
}
/** A scheduled reminder already announced (migration 0005). */
export interface RemindersSentTable {
  kind: string;
  subject_id: number;
  occurrence: string;
  sent_at: CreatedAt;
}
/** An asynchronous import (migration 0005): queued → running → done | failed. */
export interface ImportRequestsTable {
  id: Generated<number>;
  state: Generated<ImportRequestState>;
  mode: ImportMode;
  scan_type: string;
  artifact_key: string;
  filename: string | null;
  /** The import options (ImportRequest without the report bytes). */
  options: Json;
  product_id: number | null;
  actor_id: number | null;
  job_id: string | null;
  attempts: Generated<number>;
  import_id: number | null;
  test_id: number | null;
  /** The import's result (statistics) once done. */
  result: Json;
  error: string | null;
  created_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
}
export interface DedupIdentityStateTable {
  scan_type: string;
  fingerprint: string;
  updated_at: CreatedAt;
}
export interface RehashRunsTable {
  id: Generated<number>;
  scan_type: string;
  fingerprint: string;
  state: ColumnType<RehashState, RehashState | undefined, RehashState>;
  products_total: Generated<number>;
  products_done: Generated<number>;
  result: Json;
  error: string | null;
  requested_by: number | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** The domain event log, its consumers, and what background jobs keep (migrations 0004, 0005, 0010). */
export interface EventAndJobTables {
  domain_events: DomainEventsTable;
  event_consumers: EventConsumersTable;
  dedup_identity_state: DedupIdentityStateTable;
  rehash_runs: RehashRunsTable;
  import_requests: ImportRequestsTable;
  reminders_sent: RemindersSentTable;
}
