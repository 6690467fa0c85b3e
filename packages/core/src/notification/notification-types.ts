import { SEVERITIES, type Severity } from '@vigil/contract/values';

/**
 * The notifications users can subscribe to. Most are made from one domain event of the same name;
 * `findings.new` is the per-import digest made from `scan.imported` (and from a finding created by
 * hand). `finding.review_requested` goes to the reviewers the event names, else to the product's
 * subscribers. `personal` types go only to the users the event names (assignee, mentioned user,
 * reviewers); `admin` types only to administrators; the rest to subscribers who can read the
 * product concerned.
 */
export const NOTIFICATION_TYPES = {
  'product_type.added': { label: 'Product type added', audience: 'admin' },
  'product.added': { label: 'Product added', audience: 'product' },
  'engagement.added': { label: 'Engagement added', audience: 'product' },
  'test.added': { label: 'Test added', audience: 'product' },
  'scan.imported': { label: 'Scan imported', audience: 'product' },
  'findings.new': { label: 'New findings (digest per import)', audience: 'product' },
  'sla.breached': { label: 'SLA breached', audience: 'product' },
  'engagement.upcoming': { label: 'Engagement starting soon', audience: 'product' },
  'engagement.stale': { label: 'Engagement past its end date', audience: 'product' },
  'risk_acceptance.expiring': { label: 'Risk acceptance expiring', audience: 'product' },
  'finding.assigned': { label: 'Finding assigned to me', audience: 'personal' },
  'user.mentioned': { label: 'I was mentioned', audience: 'personal' },
  'finding.review_requested': { label: 'Review requested', audience: 'product' },
  'jira.sync_failed': { label: 'Jira synchronisation failed', audience: 'product' },
  'job.failed': { label: 'Background job failed', audience: 'admin' },
} as const;

export type NotificationType = keyof typeof NOTIFICATION_TYPES;
export const NOTIFICATION_TYPE_NAMES = Object.keys(NOTIFICATION_TYPES) as NotificationType[];

export { SEVERITIES } from '@vigil/contract/values';
export type NotificationSeverity = Severity;

/** Rank where Critical is highest (4) and Info lowest (0). */
export function severityRank(s: string | null | undefined): number {
  const i = SEVERITIES.indexOf((s ?? 'Info') as NotificationSeverity);
  return i < 0 ? 0 : SEVERITIES.length - 1 - i;
}

export function isNotificationType(t: string): t is NotificationType {
  return t in NOTIFICATION_TYPES;
}
