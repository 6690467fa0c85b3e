import type { NewDomainEvent, Repositories } from '@vigil/db';

/**
 * The catalogue of domain events. A service appends them with `publish` inside the transaction of
 * the change, so they exist exactly when the change does. Consumers: the WebSocket fan-out (rooms =
 * topics), the notification dispatcher and Jira sync. Payloads carry ids and small facts only;
 * consumers load and present what a receiver may read.
 */
export const DOMAIN_EVENT_TYPES = [
  'product_type.added',
  'product.added',
  'engagement.added',
  'test.added',
  'finding.created',
  'finding.updated',
  'finding.status_changed',
  'finding.assigned',
  'finding.review_requested',
  'finding.note_added',
  'scan.imported',
  'import.started',
  'import.progress',
  'import.finished',
  'engagement.upcoming',
  'engagement.stale',
  'sla.breached',
  'risk_acceptance.expiring',
  'risk_acceptance.expired',
  'feed.posted',
  // teams and chat (issue 6): docs/realtime.md
  'team.invited', 'team.invitation_accepted', 'team.invitation_declined', 'team.invitation_revoked', 'team.member_added', 'team.member_role_changed', 'team.member_removed',
  'chat.message_posted', 'chat.message_edited', 'chat.message_deleted', 'chat.reaction_changed', 'chat.read', 'user.mentioned',
  'notification.created',
  'job.failed',
  'jira.sync_failed',
] as const;

export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number] | `${string}.${string}`;

/** Room names: the same strings are Socket.IO rooms and notification scopes. */
export const topic = {
  user: (id: number) => `user:${id}`,
  team: (id: number) => `team:${id}`,
  product: (id: number) => `product:${id}`,
  finding: (id: number) => `finding:${id}`,
  productType: (id: number) => `product_type:${id}`,
  public: () => 'public',
};

export interface DomainEventInput {
  type: DomainEventType;
  topics: string[];
  actorId?: number | null;
  payload: Record<string, unknown>;
}

/** Appends events in the caller's transaction (pass the transaction's repositories). */
export async function publish(repos: Pick<Repositories, 'events'>, events: DomainEventInput | DomainEventInput[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  const rows: NewDomainEvent[] = list.map((e) => ({ type: e.type, topics: e.topics, actorId: e.actorId || null, payload: e.payload }));
  await repos.events.append(rows);
}
