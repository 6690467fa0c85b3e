import type { Actor } from '../auth/actor.ts';

/** What every use-case receives: who is asking, and the request id for logs and the audit trail. */
export interface RequestContext {
  actor: Actor;
  requestId?: string;
}
