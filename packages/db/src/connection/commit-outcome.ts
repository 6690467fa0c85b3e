/**
 * The connection died while COMMIT was in flight (or its answer was lost): the server may have
 * committed the transaction or not, and nothing here can tell which. Unlike a failover error before
 * COMMIT (the transaction surely rolled back), repeating the work blindly may do it twice.
 */
export class CommitOutcomeUnknownError extends Error {
  readonly code = 'COMMIT_OUTCOME_UNKNOWN';
  constructor(readonly cause: unknown) {
    super(`the connection was lost while committing (${(cause as Error)?.message ?? String(cause)}); the outcome is unknown`);
    this.name = 'CommitOutcomeUnknownError';
  }
}
