import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Repositories } from './repositories.ts';
import { isFailoverError } from './connection/failover-errors.ts';
import { CommitOutcomeUnknownError, markRolledBack } from './connection/commit-outcome.ts';
import { IdempotencyKeyTakenError, idempotencyScope, type IdempotencyScope } from './connection/idempotency-scope.ts';

/** How long a claimed Idempotency-Key is remembered. */
export const IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 60 * 60;

/**
 * Runs `work` in one transaction. Two additions to a plain transaction:
 *  - in a request that sent an Idempotency-Key, the first transaction that writes also inserts the
 *    key row before it commits (after taking a lock on the key and checking nobody else committed
 *    it), so the key exists exactly when the write committed;
 *  - a connection error after the work finished, i.e. while COMMIT was in flight, becomes a
 *    CommitOutcomeUnknownError: the write may or may not have been saved.
 */
export async function runTransaction<T>(
  db: Kysely<Database>,
  bind: (trx: Kysely<Database>) => Repositories,
  work: (repos: Repositories) => Promise<T>,
): Promise<T> {
  const scope = idempotencyScope.current();
  const claiming =
    scope && scope.userId !== null && !scope.claimed ? (scope as IdempotencyScope & { userId: number }) : undefined;
  let committing = false;
  let claimed = false;
  try {
    const result = await db.transaction().execute(async (trx) => {
      const repos = bind(trx);
      if (claiming) {
        await repos.idempotencyKeys.lock(claiming.userId, claiming.key);
        if (await repos.idempotencyKeys.find(claiming.userId, claiming.key))
          throw new IdempotencyKeyTakenError(claiming.key);
      }
      const value = await work(repos);
      if (claiming && !claiming.claimed && (await repos.idempotencyKeys.transactionWrote())) {
        const ok = await repos.idempotencyKeys.claim(
          claiming.userId,
          claiming.key,
          claiming.fingerprint,
          IDEMPOTENCY_KEY_TTL_SECONDS,
        );
        if (!ok) throw new IdempotencyKeyTakenError(claiming.key);
        claimed = true;
      }
      committing = true;
      return value;
    });
    if (claimed && claiming) claiming.claimed = true;
    return result;
  } catch (err) {
    if (committing && isFailoverError(err)) {
      if (claimed && claiming) claiming.outcomeUnknown = true;
      throw new CommitOutcomeUnknownError(err);
    }
    if (!committing) markRolledBack(err);
    throw err;
  }
}
