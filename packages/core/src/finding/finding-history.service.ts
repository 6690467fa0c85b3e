import type { EntityHistoryEntry, UnitOfWork } from '@vigil/db';
import type { FindingHistoryEntry } from '@vigil/contract';
import { notFound } from '../errors/app-error.ts';
import { FindingPolicy } from './finding.policy.ts';
import type { RequestContext } from '../context/request-context.ts';

export const FINDING_HISTORY_LIMIT = 200;

/**
 * A finding's history from the audit trail: creation, edits and every triage action, newest
 * first, for whoever may read the finding (the full audit log stays admin-only). Changes made by
 * an import (close on reimport, reactivation) are recorded as notes on the finding.
 */
export class FindingHistoryService {
  private readonly policy: FindingPolicy;

  constructor(private readonly uow: UnitOfWork) {
    this.policy = new FindingPolicy(uow.repos);
  }

  async history(ctx: RequestContext, findingId: number): Promise<EntityHistoryEntry[]> {
    const finding = await this.uow.repos.findings.findById(findingId);
    if (!finding) throw notFound('Finding', findingId);
    await this.policy.authorize(ctx.actor, 'read', finding);
    return this.uow.repos.audit.entityHistory('finding', String(findingId), FINDING_HISTORY_LIMIT);
  }
}

const STATUS_KEYS = [
  'active',
  'verified',
  'falsePositive',
  'outOfScope',
  'riskAccepted',
  'underReview',
  'mitigated',
  'duplicate',
] as const;
/** Row columns an edit may change, with the name the API uses. */
const EDITABLE: Record<string, string> = {
  title: 'title',
  severity: 'severity',
  description: 'description',
  mitigation: 'mitigation',
  impact: 'impact',
  references: 'references',
  cwe: 'cwe',
  vulnerability_ids: 'vulnerabilityIds',
  cvssv3: 'cvssv3',
  cvssv3_score: 'cvssv3Score',
  component_name: 'componentName',
  component_version: 'componentVersion',
  file_path: 'filePath',
  line: 'line',
  assignee_id: 'assigneeId',
  tags: 'tags',
  active: 'active',
  verified: 'verified',
  sla_expiration_date: 'slaExpirationDate',
};

/** Field-level changes of one history entry: status flags for triage, edited columns for updates. */
export function presentHistoryEntry(e: EntityHistoryEntry): FindingHistoryEntry {
  const before = (e.before ?? {}) as Record<string, unknown>;
  const after = (e.after ?? {}) as Record<string, unknown>;
  const changes: { field: string; from: unknown; to: unknown }[] = [];
  if (e.action.startsWith('status:')) {
    for (const k of STATUS_KEYS)
      if (before[k] !== after[k]) changes.push({ field: k, from: before[k] ?? null, to: after[k] ?? null });
  } else if (e.action === 'update') {
    for (const [column, field] of Object.entries(EDITABLE)) {
      if (JSON.stringify(before[column]) !== JSON.stringify(after[column]))
        changes.push({ field, from: shorten(before[column]), to: shorten(after[column]) });
    }
  }
  return {
    id: e.id,
    at: e.at.toISOString(),
    action: e.action,
    actorId: e.actor_id,
    actorUsername: e.actor_username,
    changes,
  };
}

function shorten(v: unknown): unknown {
  return typeof v === 'string' && v.length > 200 ? `${v.slice(0, 199)}…` : (v ?? null);
}
