import type { FastifyRequest } from 'fastify';
import { CommitOutcomeUnknownError, IdempotencyKeyTakenError } from '@vigil/db';

interface MappedError {
  status: number;
  code: string;
  message: string;
}

/**
 * Errors of the unit of work about what was committed (docs/api.md "Safe retries"). A lost COMMIT
 * gives no retry advice unless the request carries an Idempotency-Key, with which a retry is safe.
 */
export function commitOutcomeError(err: unknown, req: FastifyRequest): MappedError | undefined {
  if (err instanceof CommitOutcomeUnknownError) {
    req.log.warn({ err, reqId: req.id }, 'commit outcome unknown');
    const keyed = req.idempotency?.userId != null;
    return {
      status: 503,
      code: 'COMMIT_OUTCOME_UNKNOWN',
      message: keyed
        ? 'The database connection was lost while this write was being committed: it may or may not have been saved. Retrying with the same Idempotency-Key is safe: it is carried out at most once.'
        : 'The database connection was lost while this write was being committed: it may or may not have been saved.',
    };
  }
  if (err instanceof IdempotencyKeyTakenError) {
    return {
      status: 409,
      code: 'IDEMPOTENCY_KEY_IN_USE',
      message: `Another request with Idempotency-Key "${err.key}" was carried out while this one ran; this one changed nothing`,
    };
  }
  return undefined;
}
