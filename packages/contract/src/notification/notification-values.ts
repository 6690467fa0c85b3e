// The notification catalogue and value lists, without zod: the web app imports them at run time
// (through @vigil/contract/values); the schemas in notification*.contract.ts are built from them.

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
export const NOTIFICATION_TYPE_NAMES = Object.keys(NOTIFICATION_TYPES) as [NotificationType, ...NotificationType[]];

export const NOTIFICATION_AUDIENCES = ['product', 'personal', 'admin'] as const;
export type NotificationAudience = (typeof NOTIFICATION_AUDIENCES)[number];

/** The types whose subscriptions may set a minimum severity (the others carry none). */
export const SEVERITY_NOTIFICATION_TYPES: readonly NotificationType[] = ['findings.new', 'sla.breached'];

/** Where a subscription delivers: the user's alerts, their e-mail, or a shared channel (defaults only). */
export const SUBSCRIPTION_CHANNELS = ['alert', 'email', 'target'] as const;
export type SubscriptionChannel = (typeof SUBSCRIPTION_CHANNELS)[number];
/** The channels a user or team subscription may use. */
export const PERSONAL_SUBSCRIPTION_CHANNELS = ['alert', 'email'] as const;

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const SYSLOG_PROTOCOLS = ['udp', 'tcp', 'tls'] as const;
export type SyslogProtocol = (typeof SYSLOG_PROTOCOLS)[number];
