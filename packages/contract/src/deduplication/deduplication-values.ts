// Deduplication's value lists, without zod (the web app imports them through @vigil/contract/values).

/** The life of a re-hash run. */
export const REHASH_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type RehashState = (typeof REHASH_STATES)[number];

/** How findings of a scan type are recognised as the same issue (docs/import.md, deduplication). */
export const DEDUP_ALGORITHMS = [
  'hash_code',
  'unique_id_from_tool',
  'unique_id_from_tool_or_hash_code',
  'legacy',
] as const;
export type DedupAlgorithm = (typeof DEDUP_ALGORITHMS)[number];
