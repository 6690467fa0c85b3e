// The notification query keys live in app/query-keys.ts (queryKeys.notifications).

/** How often the bell asks for the unread count when no live push arrives. */
export const UNREAD_POLL_MS = 30_000;

export const SEVERITY_OPTIONS = ['Critical', 'High', 'Medium', 'Low', 'Info'] as const;
/** Types whose subscriptions take a minimum severity. */
export const SEVERITY_TYPES = new Set(['findings.new', 'sla.breached']);
