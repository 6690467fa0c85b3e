import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Per-request permission to read from a replica. Nothing outside such a context (workers, CLI,
 * transactions, writes) ever reads from a replica; the HTTP layer opens a context for each request
 * and allows replica reads only for GET requests of a caller who has not written recently.
 */
export interface ReadRoute {
  replica: boolean;
}

const storage = new AsyncLocalStorage<ReadRoute>();

export const readRouting = {
  /** Runs `work` with its own (mutable) route; the route starts as primary-only. */
  run<T>(route: ReadRoute, work: () => T): T {
    return storage.run(route, work);
  },
  /** The route of the current request, to allow replica reads once the caller is known. */
  current(): ReadRoute | undefined {
    return storage.getStore();
  },
  /** True only inside a context that allowed replica reads. */
  replicaAllowed(): boolean {
    return storage.getStore()?.replica === true;
  },
};
