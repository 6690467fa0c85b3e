import type { FindingRow } from '@vigil/db';
import type { RequestContext } from '../context/request-context.ts';
import { topic, type DomainEventInputOf } from '../events/domain-events.ts';

/** The builders of a finding's events, one per shape (payloads: the catalogue in @vigil/contract). */

type FindingFactsEvent = 'finding.created' | 'finding.updated' | 'finding.review_requested';

export function statusOf(f: FindingRow) {
  return {
    active: f.active,
    verified: f.verified,
    falsePositive: f.false_p,
    outOfScope: f.out_of_scope,
    riskAccepted: f.risk_accepted,
    underReview: f.under_review,
    mitigated: f.is_mitigated,
    duplicate: f.duplicate,
  };
}

const facts = (f: FindingRow) => ({
  findingId: f.id,
  productId: f.product_id,
  testId: f.test_id,
  title: f.title,
  severity: f.severity,
  status: statusOf(f),
});
const rooms = (f: FindingRow) => [topic.finding(f.id), topic.product(f.product_id)];

export function findingEvent<T extends FindingFactsEvent>(
  type: T,
  ctx: RequestContext,
  f: FindingRow,
): DomainEventInputOf<T> {
  return { type, topics: rooms(f), actorId: ctx.actor.userId, payload: facts(f) } as DomainEventInputOf<T>;
}

/** A triage action applied by a user (Jira's side publishes its own, with `source: 'jira'`). */
export function findingStatusChangedEvent(
  ctx: RequestContext,
  f: FindingRow,
  action: string,
): DomainEventInputOf<'finding.status_changed'> {
  return {
    type: 'finding.status_changed',
    topics: rooms(f),
    actorId: ctx.actor.userId,
    payload: { ...facts(f), action },
  };
}

/**
 * The one `finding.assigned` builder (an edit of the finding
 * and a bulk assignment both use it); the assignee's room too.
 */
export function findingAssignedEvent(
  ctx: RequestContext,
  f: FindingRow,
  assigneeId: number,
): DomainEventInputOf<'finding.assigned'> {
  return {
    type: 'finding.assigned',
    topics: [...rooms(f), topic.user(assigneeId)],
    actorId: ctx.actor.userId,
    payload: { findingId: f.id, productId: f.product_id, title: f.title, severity: f.severity, assigneeId },
  };
}
