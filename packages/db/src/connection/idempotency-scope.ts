import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The Idempotency-Key of the HTTP request being served, if it sent one. The HTTP layer opens a
 * scope per keyed write request; the unit of work's first writing transaction inserts the key row
 * (the claim) before it commits, so the row exists exactly when the write committed.
 */
export interface IdempotencyScope {
  /** The caller; null until the request is authenticated (a public route never claims a key). */
  userId: number | null;
  key: string;
  fingerprint: string;
  /** Set once a transaction of this request committed the key row. */
  claimed: boolean;
  /** A transaction that would have claimed the key lost its connection during COMMIT. */
  outcomeUnknown?: boolean;
}

const storage = new AsyncLocalStorage<IdempotencyScope>();

export const idempotencyScope = {
  run<T>(scope: IdempotencyScope, work: () => T): T {
    return storage.run(scope, work);
  },
  current(): IdempotencyScope | undefined {
    return storage.getStore();
  },
};

/** The key was committed by another request (same caller, same key) while this one ran. */
export class IdempotencyKeyTakenError extends Error {
  readonly code = 'IDEMPOTENCY_KEY_IN_USE';
  constructor(readonly key: string) {
    super('another request with this Idempotency-Key committed first');
    this.name = 'IdempotencyKeyTakenError';
  }
}
