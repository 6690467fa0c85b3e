import type { IdempotencyScope, StoredResponse, UnitOfWork } from '@vigil/db';
import { IDEMPOTENCY_KEY_TTL_SECONDS } from '@vigil/db';
import { AppError } from '../errors/app-error.ts';

/** Stored response bodies are kept up to this size; a larger one is not replayed (docs/api.md). */
export const IDEMPOTENT_RESPONSE_MAX_BYTES = 1024 * 1024;
/**
 * A key whose write committed but whose response is not stored yet is "in use" this long after the
 * commit; past that, its request is taken to have ended without storing the response (a crash).
 */
export const IDEMPOTENCY_IN_FLIGHT_SECONDS = 60;

/** A response to keep for replays, or null when it cannot be kept (too large, a stream, a server error). */
export type FinishedResponse = StoredResponse | null;

/**
 * Idempotency-Key rules (docs/api.md "Safe retries"): what a repeated key gets, and what is kept
 * once the first request has answered. The key row itself is inserted by the unit of work, in the
 * write's own transaction (packages/db/src/transaction.ts).
 */
export class IdempotencyService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Before the handler runs: undefined = no committed request has this key (run it); a stored
   * response = replay it. Throws for a different request under the key, or one still running or
   * carried out without a stored response.
   */
  async previous(userId: number, key: string, fingerprint: string): Promise<StoredResponse | undefined> {
    const row = await this.uow.repos.idempotencyKeys.find(userId, key);
    if (!row) return undefined;
    if (row.fingerprint !== fingerprint) {
      throw new AppError(
        'IDEMPOTENCY_KEY_MISMATCH',
        `Idempotency-Key "${key}" was already used for a different request (method, path or body); use a new key for ` +
          `a new request`,
        { key },
      );
    }
    if (row.response_status !== null) {
      return {
        status: row.response_status,
        headers: (row.response_headers ?? {}) as Record<string, string>,
        body: row.response_body ?? '',
      };
    }
    const runningUntil = new Date(row.created_at).getTime() + IDEMPOTENCY_IN_FLIGHT_SECONDS * 1000;
    if (row.finished_at === null && this.now().getTime() < runningUntil) {
      throw new AppError(
        'IDEMPOTENCY_KEY_IN_USE',
        `A request with Idempotency-Key "${key}" is still being processed; retry with the same key shortly`,
        { key },
        1,
      );
    }
    throw new AppError(
      'IDEMPOTENT_REQUEST_COMPLETED',
      `The request with Idempotency-Key "${key}" was already carried out, but its response is not available; it will ` +
        `not be carried out again`,
      { key },
    );
  }

  /**
   * After the handler answered. A claimed key gets the response (or is marked finished); a key
   * whose COMMIT was lost is marked finished if that COMMIT in fact happened. A successful request
   * that claimed nothing (its writes ran outside a transaction, e.g. a follow) keeps its response too.
   */
  async finish(scope: IdempotencyScope, response: FinishedResponse): Promise<void> {
    if (scope.userId === null) return;
    const keys = this.uow.repos.idempotencyKeys;
    if (scope.claimed || scope.outcomeUnknown) {
      await keys.finish(scope.userId, scope.key, scope.claimed ? response : null);
    } else if (response && response.status < 300) {
      await keys.claim(scope.userId, scope.key, scope.fingerprint, IDEMPOTENCY_KEY_TTL_SECONDS, response);
    }
  }

  /** Deletes expired keys in chunks; returns how many went. */
  async deleteExpired(chunk = 5000): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.uow.repos.idempotencyKeys.deleteExpired(chunk);
      total += n;
      if (n < chunk) return total;
    }
  }
}
