import type { FastifyRequest } from 'fastify';
import {
  CommitOutcomeUnknownError,
  DatabaseUnavailableError,
  IdempotencyKeyTakenError,
  isFailoverError,
  wasRolledBack,
} from '@vigil/db';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface MappedError {
  status: number;
  code: string;
  message: string;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
}

/**
 * Errors of the unit of work about what was committed (docs/api.md "Safe retries"). A lost COMMIT
 * gives no retry advice unless the request carries an Idempotency-Key, with which a retry is safe.
 */
export function commitOutcomeError(err: unknown, req: FastifyRequest): MappedError | undefined {
  // A write statement run on its own (autocommit) commits as it runs: a connection lost during it
  // leaves the outcome as unknown as a lost COMMIT. Connect failures and errors inside a transaction
  // that had not reached COMMIT (it rolled back) stay DATABASE_UNAVAILABLE, which is safe to retry.
  const lostAutocommit =
    WRITES.has(req.method) && isFailoverError(err) && !(err instanceof DatabaseUnavailableError) && !wasRolledBack(err);
  if (err instanceof CommitOutcomeUnknownError || lostAutocommit) {
    req.log.warn({ err, reqId: req.id }, 'commit outcome unknown');
    const keyed = req.idempotency?.userId != null;
    const lost =
      'The database connection was lost while this write was being committed: it may or may not have been saved.';
    return {
      status: 503,
      code: 'COMMIT_OUTCOME_UNKNOWN',
      message: keyed ? `${lost} Retrying with the same Idempotency-Key is safe: it is carried out at most once.` : lost,
    };
  }
  if (err instanceof IdempotencyKeyTakenError) {
    return {
      status: 409,
      code: 'IDEMPOTENCY_KEY_IN_USE',
      message:
        `Another request with Idempotency-Key "${err.key}" was carried out while this one ran; this one ` +
        `changed nothing`,
      retryAfter: 1,
    };
  }
  return undefined;
}
