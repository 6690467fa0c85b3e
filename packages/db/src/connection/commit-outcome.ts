/**
 * The connection died while COMMIT was in flight (or its answer was lost): the server may have
 * committed the transaction or not, and nothing here can tell which. Unlike a failover error before
 * COMMIT (the transaction surely rolled back), repeating the work blindly may do it twice.
 */
export class CommitOutcomeUnknownError extends Error {
  readonly code = 'COMMIT_OUTCOME_UNKNOWN';
  constructor(readonly cause: unknown) {
    super(
      `the connection was lost while committing (${(cause as Error)?.message ?? String(cause)}); the outcome is ` +
        `unknown`,
    );
    this.name = 'CommitOutcomeUnknownError';
  }
}

/** Errors thrown inside a transaction before its COMMIT was sent: that transaction surely rolled back. */
const rolledBack = new WeakSet<object>();

export function markRolledBack(err: unknown): void {
  if (err && typeof err === 'object') rolledBack.add(err);
}

/**
 * True when a connection error reached the caller from a transaction that had not started its
 * COMMIT. A connection error without this mark came from a statement run on its own (autocommit):
 * such a write may have been saved before the connection died.
 */
export function wasRolledBack(err: unknown): boolean {
  return !!err && typeof err === 'object' && rolledBack.has(err);
}
